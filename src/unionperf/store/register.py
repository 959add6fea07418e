"""The upper level's package records: its register of subordinate units and what it received.

The upper level keeps its register of subordinate units (with their keys), the packages it received
with their scores, and a log of the feedback packages it wrote. Every write is audited.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from unionperf.domain.feedback import Decision
from unionperf.domain.money import yuan_to_fen
from unionperf.domain.stage_facts import StageFacts
from unionperf.store import audit, tx_memory
from unionperf.store.audit import now
from unionperf.store.multi_year_rows import multi_year_values
from unionperf.store.rows import (
    Base,
    FeedbackSentRow,
    ReceivedRow,
    ReceivedScoreRow,
    SubordinateRow,
)
from unionperf.store.upper_rows import ReceivedBudgetRow, SubordinateKeyRow


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

    def lock_unit(self, unit_code: str) -> None:
        """Hold the unit's register row until the transaction ends (PostgreSQL row lock).

        Receivers of the same unit's packages then take turns between reading the stage's
        current sequence and storing the next one, so the replay ratchet never skips or
        repeats; other units' packages go on at once. SQLite renders no ``FOR UPDATE`` (there
        the one writer at a time is the workspace's writer lock), so nothing is asked there; a
        unit already held in this transaction is not asked again.
        """
        if not self._row_locks() or tx_memory.recall(self.session, ("locked", unit_code)):
            return
        self.session.execute(
            select(SubordinateRow.unit_code)
            .where(SubordinateRow.unit_code == unit_code)
            .with_for_update()
        )
        tx_memory.remember(self.session, ("locked", unit_code), True)

    def prepare_receipts(self, packages: Iterable[tuple[str, str]]) -> None:
        """Before storing a batch of packages: lock their units and learn what is stored.

        ``packages`` are (unit code, SHA-256) pairs, the unit being the one the package's
        signature names. The units' register rows are locked in code order (one statement;
        every receiver locks in the same order, so two never wait on each other in a circle),
        then three statements read the units' entries and replaced keys, which of the packages
        are stored and the units' current packages. From then until the transaction ends,
        :meth:`is_received` of these packages, :meth:`current` and :meth:`subordinate` of these
        units are answered from memory (kept up to date by :meth:`add_received`): while the
        units are locked no other receiver can change them.
        """
        pairs = set(packages)
        units = sorted({unit for unit, _ in pairs})
        if not units:
            return
        memo = self.session
        rows = select(SubordinateRow).where(SubordinateRow.unit_code.in_(units))
        if self._row_locks():
            rows = rows.order_by(SubordinateRow.unit_code).with_for_update()
        for row in self.session.scalars(rows.execution_options(populate_existing=True)):
            tx_memory.remember(memo, ("locked", row.unit_code), True)
            tx_memory.remember(memo, ("retired", row.unit_code), ())
        for code, text in self.session.execute(
            select(SubordinateKeyRow.unit_code, SubordinateKeyRow.public_key)
            .where(SubordinateKeyRow.unit_code.in_(units))
            .order_by(SubordinateKeyRow.id)
        ):
            retired = tx_memory.recall(memo, ("retired", code)) or ()
            tx_memory.remember(memo, ("retired", code), (*retired, text))
        hashes = sorted({digest for _, digest in pairs})
        stored = set(
            self.session.scalars(select(ReceivedRow.sha256).where(ReceivedRow.sha256.in_(hashes)))
        )
        for unit, digest in pairs:
            if tx_memory.recall(memo, ("locked", unit)):
                tx_memory.remember(memo, ("received", digest), digest in stored)
        held = [unit for unit in units if tx_memory.recall(memo, ("locked", unit))]
        for unit in held:
            tx_memory.remember(memo, ("currents", unit), True)
        for row in self.session.execute(
            select(*_RECEIVED_COLUMNS).where(
                ReceivedRow.unit_code.in_(held), ReceivedRow.current.is_(True)
            )
        ):
            record = Received(*row)
            tx_memory.remember(
                memo, ("current", record.unit_code, record.year, record.stage), record
            )

    def received_files(self, unit_codes: Iterable[str]) -> set[str]:
        """The files (``/``-separated, relative to the workspace) the units' received rows name.

        The units are locked first (in code order, PostgreSQL), so the answer holds until the
        transaction ends: a receiver cleaning up after a rolled-back batch asks this.
        """
        units = sorted(set(unit_codes))
        if self._row_locks():
            self.session.execute(
                select(SubordinateRow.unit_code)
                .where(SubordinateRow.unit_code.in_(units))
                .order_by(SubordinateRow.unit_code)
                .with_for_update()
            )
        names = self.session.scalars(
            select(ReceivedRow.file_name).where(ReceivedRow.unit_code.in_(units))
        )
        return {PurePath(name).as_posix() for name in names}

    def current(self, unit_code: str, year: int, stage: str) -> Received | None:
        """The current (highest-sequence) package of a unit's stage, if any."""
        if tx_memory.recall(self.session, ("currents", unit_code)):
            return tx_memory.recall(self.session, ("current", unit_code, year, stage))
        row = self.session.execute(
            select(*_RECEIVED_COLUMNS).where(
                ReceivedRow.unit_code == unit_code,
                ReceivedRow.year == year,
                ReceivedRow.stage == stage,
                ReceivedRow.current.is_(True),
            )
        ).first()
        return Received(*row) if row else None

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

    def add_received(
        self,
        record: Received,
        *,
        package_id: str,
        key_id: str,
        meta: dict[str, Any],
        data_json: str,
        facts: StageFacts | None = None,
    ) -> None:
        """Store a package as the current one of its stage; the previous one is superseded.

        ``data_json`` is kept compressed; ``facts`` become the rows aggregation sums.
        """
        memo = self.session
        known = tx_memory.recall(memo, ("currents", record.unit_code))
        stage_key = ("current", record.unit_code, record.year, record.stage)
        if not known or tx_memory.recall(memo, stage_key) is not None:
            self.session.execute(  # ORM: received rows loaded in this session follow
                update(ReceivedRow)
                .where(
                    ReceivedRow.unit_code == record.unit_code,
                    ReceivedRow.year == record.year,
                    ReceivedRow.stage == record.stage,
                    ReceivedRow.current.is_(True),
                )
                .values(current=False)
            )
        inserted = self.session.execute(
            insert(ReceivedRow.__table__).values(
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
                data_blob=zlib.compress(data_json.encode("utf-8"), DATA_COMPRESSION),
            )
        )
        (package,) = inserted.inserted_primary_key
        if facts is not None:
            self._add_facts(package, facts)
        tx_memory.remember(memo, ("received", record.sha256), True)
        if known:
            tx_memory.remember(memo, stage_key, replace(record, current=True))
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

    def _add_facts(self, package: int, facts: StageFacts) -> None:
        budget = [
            {
                "package_id": package,
                "category_code": line.category_code,
                "last_year_actual_fen": yuan_to_fen(line.last_year_actual),
                "budget_fen": yuan_to_fen(line.budget),
                "adjustment_fen": yuan_to_fen(line.adjustment),
                "executed_fen": yuan_to_fen(line.executed),
            }
            for line in facts.budget
        ]
        owners = [
            {
                "package_id": package,
                "owner_uid": owner.owner_uid,
                "name": owner.name,
                "category_code": owner.category_code,
                "attribute": owner.attribute,
                "initial_fen": yuan_to_fen(owner.initial),
                "budget_fen": yuan_to_fen(owner.budget),
                "executed_fen": yuan_to_fen(owner.executed),
                "total": owner.total,
                "grade": owner.grade,
                **multi_year_values(owner),
            }
            for owner in facts.owners
        ]
        for table, values in ((ReceivedBudgetRow, budget), (ReceivedScoreRow, owners)):
            if values:
                self.session.execute(insert(Base.metadata.tables[table.__tablename__]), values)

    def is_received(self, sha256: str) -> bool:
        """Whether a package with this hash is stored."""
        known = tx_memory.recall(self.session, ("received", sha256))
        if known is not None:
            return bool(known)
        query = select(func.count()).select_from(ReceivedRow).where(ReceivedRow.sha256 == sha256)
        return bool(self.session.scalar(query))

    def _row_locks(self) -> bool:
        """Whether the database takes row locks (PostgreSQL; SQLite has one writer instead)."""
        return self.session.get_bind().dialect.name != "sqlite"


_RECEIVED_COLUMNS = (
    ReceivedRow.unit_code,
    ReceivedRow.year,
    ReceivedRow.stage,
    ReceivedRow.sequence,
    ReceivedRow.sha256,
    ReceivedRow.current,
    ReceivedRow.received_at,
    ReceivedRow.file_name,
)

DATA_COMPRESSION = 3
"""zlib level of the stored ``data.json``: half the time of the default 6 for 13 % more bytes."""


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
