"""The upper level's package records: its register of subordinate units and what it received.

The upper level keeps its register of subordinate units (with their keys), the packages it received
with their scores, and a log of the feedback packages it wrote. Every write is audited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from unionperf.domain.feedback import Decision
from unionperf.store import audit
from unionperf.store.audit import now
from unionperf.store.rows import FeedbackSentRow, ReceivedRow, ReceivedScoreRow, SubordinateRow


@dataclass(frozen=True, slots=True)
class Subordinate:
    """A registered subordinate unit."""

    unit_code: str
    name: str
    public_key: str
    key_id: str
    registered_at: str
    retired_keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Received:
    """A received package's record (without its data)."""

    unit_code: str
    year: int
    stage: str
    sequence: int
    sha256: str
    current: bool
    received_at: str
    file_name: str


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


class RegisterRecords:
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
        return _subordinate(row) if row else None

    def subordinates(self) -> list[Subordinate]:
        """Every registered unit, by code."""
        rows = self.session.scalars(select(SubordinateRow).order_by(SubordinateRow.unit_code))
        return [_subordinate(row) for row in rows]

    def register(self, unit_code: str, name: str, public_key: str, key_id: str) -> None:
        """Register a unit and its key (or replace its key: re-registration)."""
        row = self.session.get(SubordinateRow, unit_code)
        old = {"name": row.name, "key_id": row.key_id} if row else None
        if row is None:
            self.session.add(
                SubordinateRow(
                    unit_code=unit_code,
                    name=name,
                    public_key=public_key,
                    key_id=key_id,
                    registered_at=now(),
                    retired_keys="",
                )
            )
        else:
            if row.key_id != key_id:
                # the replaced key stays known: packages it signed are recognised (as older)
                known = [item for item in row.retired_keys.split("\n\n") if item.strip()]
                row.retired_keys = "\n\n".join(item.strip() for item in [*known, row.public_key])
            row.name, row.public_key, row.key_id = name, public_key, key_id
        audit.record(
            self.session,
            "register",
            "subordinate",
            unit_code,
            {"old": old, "new": {"name": name, "key_id": key_id}},
        )

    def current(self, unit_code: str, year: int, stage: str) -> Received | None:
        """The current (highest-sequence) package of a unit's stage, if any."""
        row = self.session.scalar(
            select(ReceivedRow).where(
                ReceivedRow.unit_code == unit_code,
                ReceivedRow.year == year,
                ReceivedRow.stage == stage,
                ReceivedRow.current.is_(True),
            )
        )
        return _received(row) if row else None

    def received_data(self, unit_code: str, year: int, stage: str) -> str | None:
        """The ``data.json`` text of a unit's current package of a stage, if one was received."""
        return self.session.scalar(
            select(ReceivedRow.data_json).where(
                ReceivedRow.unit_code == unit_code,
                ReceivedRow.year == year,
                ReceivedRow.stage == stage,
                ReceivedRow.current.is_(True),
            )
        )

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

    def add_received(
        self,
        record: Received,
        *,
        package_id: str,
        key_id: str,
        meta: dict[str, Any],
        data_json: str,
        scores: list[dict[str, Any]],
    ) -> None:
        """Store a package as the current one of its stage; the previous one is superseded."""
        self.session.execute(
            update(ReceivedRow)
            .where(
                ReceivedRow.unit_code == record.unit_code,
                ReceivedRow.year == record.year,
                ReceivedRow.stage == record.stage,
            )
            .values(current=False)
        )
        row = ReceivedRow(
            unit_code=record.unit_code,
            year=record.year,
            stage=record.stage,
            sequence=record.sequence,
            sha256=record.sha256,
            package_id=package_id,
            key_id=key_id,
            current=True,
            received_at=record.received_at,
            file_name=record.file_name,
            meta_json=json.dumps(meta, ensure_ascii=False),
            data_json=data_json,
        )
        self.session.add(row)
        self.session.flush()
        for score in scores:
            self.session.add(ReceivedScoreRow(package_id=row.id, **score))
        audit.record(
            self.session,
            "receive",
            "package",
            package_id,
            {
                "unit": record.unit_code,
                "stage": record.stage,
                "sequence": record.sequence,
                "sha256": record.sha256,
            },
            year=record.year,
        )

    def is_received(self, sha256: str) -> bool:
        """Whether a package with this hash is stored."""
        query = select(func.count()).select_from(ReceivedRow).where(ReceivedRow.sha256 == sha256)
        return bool(self.session.scalar(query))

    def received_scores(self, year: int) -> list[dict[str, Any]]:
        """Scores of the current self-evaluation packages of a year (for aggregation)."""
        query = (
            select(ReceivedRow.unit_code, ReceivedScoreRow)
            .join(ReceivedScoreRow, ReceivedScoreRow.package_id == ReceivedRow.id)
            .where(ReceivedRow.year == year, ReceivedRow.current.is_(True))
        )
        return [
            {
                "unit_code": code,
                "owner_uid": score.owner_uid,
                "name": score.name,
                "total": score.total if score.total is None else Decimal(score.total),
                "grade": score.grade,
            }
            for code, score in self.session.execute(query)
        ]


def _subordinate(row: SubordinateRow) -> Subordinate:
    retired = tuple(item.strip() + "\n" for item in row.retired_keys.split("\n\n") if item.strip())
    return Subordinate(
        row.unit_code, row.name, row.public_key, row.key_id, row.registered_at, retired
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
