"""The packages the upper level received: storing a batch of them with few statements.

:class:`ReceiptRecords` is the part of :class:`~unionperf.store.register.RegisterRecords` that
stores received packages: it locks a batch's units, learns in a few queries what the batch will
ask (:meth:`ReceiptRecords.prepare_receipts`, answers kept in :mod:`.tx_memory`), and writes a
package's row with a Core insert at once; its budget lines, scores and audit entry wait and go
with the whole batch's, one ``executemany`` a table (:mod:`.deferred_rows`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Any

from sqlalchemy import CursorResult, func, insert, literal, select, union_all, update
from sqlalchemy.orm import Session

from unionperf.domain.money import yuan_to_fen
from unionperf.domain.stage_facts import StageFacts
from unionperf.store import audit, data_packing, deferred_rows, tx_memory
from unionperf.store.multi_year_rows import multi_year_values
from unionperf.store.params_rows import ParamsReceivedRow
from unionperf.store.rows import (
    Base,
    FeedbackRow,
    ReceivedRow,
    ReceivedScoreRow,
    SubordinateRow,
)
from unionperf.store.upper_rows import ReceivedBudgetRow, SubordinateKeyRow


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


class ReceiptRecords:
    """Storing received packages, inside the caller's transaction."""

    session: Session

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
        deferred_rows.flush(self.session)  # the previous batch's rows
        tx_memory.forget(self.session, _BATCH_MEMORY)  # the previous batch's, on SQLite
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
            # held here, the row stays in the session's (weak) identity map: ``subordinate``
            # then finds it without a query
            tx_memory.remember(memo, ("row", row.unit_code), row)
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
        self._prepare_other_kinds(hashes)
        held = [unit for unit in units if tx_memory.recall(memo, ("locked", unit))]
        for unit in held:
            tx_memory.remember(memo, ("currents", unit), True)
        for values in self.session.execute(
            select(*_RECEIVED_COLUMNS).where(
                ReceivedRow.unit_code.in_(held), ReceivedRow.current.is_(True)
            )
        ):
            record = Received(*values)
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

    def _prepare_other_kinds(self, hashes: list[str]) -> None:
        """Whether the batch's packages came before as feedback or parameters (one query).

        A receiver asks this of every package before it reads it. These packages come from
        the receiving union's own upper level, not from the units this batch locks: as
        before, two receivers taking the same one at once meet at the tables' unique hashes.
        """
        found = {
            (kind, digest)
            for kind, digest in self.session.execute(
                union_all(
                    select(literal("feedback"), FeedbackRow.sha256).where(
                        FeedbackRow.sha256.in_(hashes)
                    ),
                    select(literal("applied"), ParamsReceivedRow.sha256).where(
                        ParamsReceivedRow.sha256.in_(hashes)
                    ),
                )
            )
        }
        for kind in ("feedback", "applied"):
            for digest in hashes:
                tx_memory.remember(self.session, (kind, digest), (kind, digest) in found)

    def current(self, unit_code: str, year: int, stage: str) -> Received | None:
        """The current (highest-sequence) package of a unit's stage, if any."""
        if tx_memory.recall(self.session, ("currents", unit_code)):
            known: Received | None = tx_memory.recall(
                self.session, ("current", unit_code, year, stage)
            )
            return known
        row = self.session.execute(
            select(*_RECEIVED_COLUMNS).where(
                ReceivedRow.unit_code == unit_code,
                ReceivedRow.year == year,
                ReceivedRow.stage == stage,
                ReceivedRow.current.is_(True),
            )
        ).first()
        return Received(*row) if row else None

    def prepare_data(self, data_json: bytes) -> None:
        """data.json of the package about to be stored: start compressing it meanwhile.

        :meth:`add_received` of the same bytes then takes the result (:mod:`.data_packing`).
        """
        data_packing.start(data_json)

    def add_received(
        self,
        record: Received,
        *,
        package_id: str,
        key_id: str,
        meta: dict[str, Any],
        data_json: bytes | str,
        facts: StageFacts | None = None,
    ) -> None:
        """Store a package as the current one of its stage; the previous one is superseded.

        ``data_json`` (UTF-8 bytes, or text) is kept compressed; ``facts`` become the rows
        aggregation sums.
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
        inserted: CursorResult[Any] = self.session.execute(  # type: ignore[assignment]
            _INSERT_RECEIVED,  # built once: no statement to build and key for each package
            {
                "unit_code": record.unit_code,
                "year": record.year,
                "stage": record.stage,
                "sequence": record.sequence,
                "sha256": record.sha256,
                "package_id": package_id,
                "key_id": key_id,
                "current": True,
                "received_at": record.received_at,
                "file_name": record.file_name,
                "meta_json": json.dumps(meta, ensure_ascii=False),
                "data_blob": data_packing.packed(_utf8(data_json)),
            },
        )
        package = int(inserted.inserted_primary_key[0])  # type: ignore[index]
        tx_memory.remember(memo, ("received", record.sha256), True)
        if known:
            tx_memory.remember(memo, stage_key, replace(record, current=True))
        audit.record(  # first: the transaction's first entry reads the head (waiting rows go)
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
            later=True,
        )
        if facts is not None:
            self._add_facts(package, facts)

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
        # written with the batch's other rows, one executemany a table (:mod:`.deferred_rows`)
        deferred_rows.later(self.session, _BUDGET_TABLE, budget)
        deferred_rows.later(self.session, _SCORE_TABLE, owners)

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


_BATCH_MEMORY = frozenset(
    {"locked", "row", "retired", "received", "currents", "current", "feedback", "applied"}
)
"""What :meth:`ReceiptRecords.prepare_receipts` learns for one batch (forgotten at the next)."""

_RECEIVED_TABLE = Base.metadata.tables[ReceivedRow.__tablename__]
_INSERT_RECEIVED = insert(_RECEIVED_TABLE)
_BUDGET_TABLE = Base.metadata.tables[ReceivedBudgetRow.__tablename__]
_SCORE_TABLE = Base.metadata.tables[ReceivedScoreRow.__tablename__]
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


def _utf8(text: bytes | str) -> bytes:
    """data.json as UTF-8 bytes (the package's own bytes are kept as they are)."""
    return text if isinstance(text, bytes) else text.encode("utf-8")
