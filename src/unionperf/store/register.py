"""The upper level's package records: its register of subordinate units and what it received.

The upper level keeps its register of subordinate units (with their keys), the packages it received
with their scores, and a log of the feedback packages it wrote. Every write is audited.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionperf.domain.feedback import Decision
from unionperf.store import audit, tx_memory
from unionperf.store.audit import now
from unionperf.store.receipts import ReceiptRecords, Received
from unionperf.store.rows import (
    FeedbackSentRow,
    ReceivedRow,
    SubordinateRow,
)
from unionperf.store.upper_rows import SubordinateKeyRow

__all__ = ["FeedbackSent", "Received", "RegisterRecords", "RetiredKey", "Subordinate"]


@dataclass(frozen=True, slots=True)
class Subordinate:
    """A registered subordinate unit."""

    unit_code: str
    name: str
    public_key: str
    key_id: str
    registered_at: str
    retired_keys: tuple[str, ...] = ()
    """The unit's replaced public keys (``.pub`` texts), oldest first."""
    contact: str = ""

    @property
    def has_key(self) -> bool:
        """Whether a public key is registered (a unit listed from a roster may have none yet)."""
        return bool(self.public_key.strip())


@dataclass(frozen=True, slots=True)
class RetiredKey:
    """A unit's key that was replaced: when it was registered and replaced, and why."""

    key_id: str
    public_key: str
    registered_at: str
    retired_at: str
    reason: str


@dataclass(frozen=True, slots=True)
class FeedbackSent:
    """A feedback package the upper level wrote for a unit's stage."""

    unit_code: str
    year: int
    stage: str
    sequence: int
    decision: Decision
    sha256: str
    file_name: str
    created_at: str
    responds_to: str | None
    """SHA-256 of the received package it answers (``None`` when unknown)."""


class RegisterRecords(ReceiptRecords):
    """Reads and writes the upper level's package records inside the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def feedback_count(self, unit_code: str, year: int, stage: str) -> int:
        """How many feedback packages were written for a unit's stage."""
        query = (
            select(func.count())
            .select_from(FeedbackSentRow)
            .where(
                FeedbackSentRow.unit_code == unit_code,
                FeedbackSentRow.year == year,
                FeedbackSentRow.stage == stage,
            )
        )
        return int(self.session.scalar(query) or 0)

    def log_feedback(
        self,
        *,
        unit_code: str,
        year: int,
        stage: str,
        sequence: int,
        decision: Decision,
        sha256: str,
        file_name: str,
        responds_to: str,
    ) -> None:
        """Record a written feedback package.

        Args:
            unit_code: the unit it is for.
            year: the fiscal year.
            stage: the stage.
            sequence: its sequence among the feedback of the unit's stage.
            decision: the decision it carries.
            sha256: the feedback package file's SHA-256.
            file_name: the file's name.
            responds_to: the SHA-256 of the received package it answers.
        """
        self.session.add(
            FeedbackSentRow(
                unit_code=unit_code,
                year=year,
                stage=stage,
                sequence=sequence,
                decision=decision.value,
                sha256=sha256,
                file_name=file_name,
                created_at=now(),
                responds_to=responds_to,
            )
        )
        audit.record(
            self.session,
            "feedback",
            "package",
            f"{unit_code}/{stage}/{sequence}",
            {"decision": decision.value, "sha256": sha256, "responds_to": responds_to},
            year=year,
        )

    def feedback_sent(self, year: int, stage: str) -> list[FeedbackSent]:
        """The feedback packages written for a year's stage, every unit, oldest first."""
        query = (
            select(FeedbackSentRow)
            .where(FeedbackSentRow.year == year, FeedbackSentRow.stage == stage)
            .order_by(FeedbackSentRow.id)
        )
        return [
            FeedbackSent(
                row.unit_code,
                row.year,
                row.stage,
                row.sequence,
                Decision(row.decision),
                row.sha256,
                row.file_name,
                row.created_at,
                row.responds_to,
            )
            for row in self.session.scalars(query)
        ]

    def subordinate(self, unit_code: str) -> Subordinate | None:
        """A registered unit, if any."""
        row = self.session.get(SubordinateRow, unit_code)
        return _subordinate(row, self._retired(unit_code)) if row else None

    def subordinates(self) -> list[Subordinate]:
        """Every registered unit, by code."""
        retired: dict[str, list[str]] = {}
        for code, text in self.session.execute(
            select(SubordinateKeyRow.unit_code, SubordinateKeyRow.public_key).order_by(
                SubordinateKeyRow.id
            )
        ):
            retired.setdefault(code, []).append(text)
        rows = self.session.scalars(select(SubordinateRow).order_by(SubordinateRow.unit_code))
        return [_subordinate(row, retired.get(row.unit_code, [])) for row in rows]

    def register(
        self,
        unit_code: str,
        name: str,
        public_key: str,
        key_id: str,
        *,
        contact: str | None = None,
        reason: str = "",
    ) -> None:
        """Register a unit and its key, or change a registered one.

        A different key replaces the registered one, which goes to the key history with
        ``reason``; an empty key (a unit listed from a roster) keeps the registered key.
        ``contact`` ``None`` keeps the registered contact.
        """
        row = self.session.get(SubordinateRow, unit_code)
        old = {"name": row.name, "key_id": row.key_id, "contact": row.contact} if row else None
        if row is None:
            row = SubordinateRow(
                unit_code=unit_code,
                name=name,
                public_key=public_key,
                key_id=key_id,
                registered_at=now(),
                contact=contact or "",
            )
            self.session.add(row)
        else:
            if public_key.strip() and row.key_id != key_id:
                if row.public_key.strip():
                    # the replaced key stays known: packages it signed are recognised (as older)
                    self.session.add(
                        SubordinateKeyRow(
                            unit_code=unit_code,
                            key_id=row.key_id,
                            public_key=row.public_key,
                            registered_at=row.registered_at,
                            retired_at=now(),
                            reason=reason,
                        )
                    )
                row.public_key, row.key_id, row.registered_at = public_key, key_id, now()
            row.name = name
            if contact is not None:
                row.contact = contact
        tx_memory.remember(self.session, ("retired", unit_code), None)
        new = {"name": name, "key_id": row.key_id, "contact": row.contact}
        changes: dict[str, Any] = {"old": old, "new": new}
        if reason:
            changes["reason"] = reason
        audit.record(self.session, "register", "subordinate", unit_code, changes)

    def key_owner(self, key_id: str) -> str | None:
        """The unit whose current or replaced key has this id, if any."""
        found = self.session.scalar(
            select(SubordinateRow.unit_code).where(SubordinateRow.key_id == key_id).limit(1)
        )
        if found is not None:
            return found
        return self.session.scalar(
            select(SubordinateKeyRow.unit_code).where(SubordinateKeyRow.key_id == key_id).limit(1)
        )

    def key_history(self, unit_code: str) -> list[RetiredKey]:
        """A unit's replaced keys, oldest first."""
        rows = self.session.scalars(
            select(SubordinateKeyRow)
            .where(SubordinateKeyRow.unit_code == unit_code)
            .order_by(SubordinateKeyRow.id)
        )
        return [
            RetiredKey(row.key_id, row.public_key, row.registered_at, row.retired_at, row.reason)
            for row in rows
        ]

    def _retired(self, unit_code: str) -> list[str]:
        known = tx_memory.recall(self.session, ("retired", unit_code))
        if known is not None:
            return list(known)
        return list(
            self.session.scalars(
                select(SubordinateKeyRow.public_key)
                .where(SubordinateKeyRow.unit_code == unit_code)
                .order_by(SubordinateKeyRow.id)
            )
        )

    def received_data(self, unit_code: str, year: int, stage: str) -> str | None:
        """The ``data.json`` text of a unit's current package of a stage, if one was received."""
        blob = self.session.scalar(
            select(ReceivedRow.data_blob).where(
                ReceivedRow.unit_code == unit_code,
                ReceivedRow.year == year,
                ReceivedRow.stage == stage,
                ReceivedRow.current.is_(True),
            )
        )
        return None if blob is None else zlib.decompress(blob).decode("utf-8")

    def received(
        self, unit_code: str | None = None, *, year: int | None = None, stage: str | None = None
    ) -> list[Received]:
        """Every received package record (of a unit, a year, a stage when given), oldest first."""
        query = select(ReceivedRow).order_by(ReceivedRow.id)
        if unit_code is not None:
            query = query.where(ReceivedRow.unit_code == unit_code)
        if year is not None:
            query = query.where(ReceivedRow.year == year)
        if stage is not None:
            query = query.where(ReceivedRow.stage == stage)
        return [_received(row) for row in self.session.scalars(query)]


def _subordinate(row: SubordinateRow, retired: Iterable[str]) -> Subordinate:
    return Subordinate(
        row.unit_code,
        row.name,
        row.public_key,
        row.key_id,
        row.registered_at,
        tuple(retired),
        row.contact,
    )


def _received(row: ReceivedRow) -> Received:
    return Received(
        row.unit_code,
        row.year,
        row.stage,
        row.sequence,
        row.sha256,
        row.current,
        row.received_at,
        row.file_name,
    )
