"""Rows a receive batch writes at its end: in the savepoint's sense, as if written at once.

A package's score and budget rows and its audit entry wait in memory until the transaction
next reads or commits (``store.deferred_rows``). A refused package (its savepoint rolled back)
must leave none of them; rows written by a read inside a savepoint that is then rolled back must
be written again; a read in the transaction sees them; the audit chain and head are whole.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from unionperf.domain.stage_facts import BudgetFact, OwnerFact, StageFacts
from unionperf.store import audit, deferred_rows
from unionperf.store.register import Received
from unionperf.store.rows import AuditRow, ReceivedScoreRow
from unionperf.store.unit_of_work import UnitOfWork
from unionperf.store.upper_rows import ReceivedBudgetRow
from unionperf.store.workspace import open_store

CODE = "91350100M000100Y43"
FACTS = StageFacts(
    (BudgetFact("501", Decimal(1), Decimal(2), Decimal(0), Decimal(1)),),
    (
        OwnerFact(
            "unit", "某工会", "", "", Decimal(2), Decimal(2), Decimal(1), Decimal("88.50"), "良"
        ),
    ),
)


class _RefusedError(Exception):
    pass


def _add(uow: UnitOfWork, sequence: int, sha256: str) -> None:
    record = Received(
        CODE, 2024, "targets", sequence, sha256, True, "2025-01-10T02:00:00+00:00", ""
    )
    uow.register.add_received(
        record, package_id=f"p{sequence}", key_id="k", meta={}, data_json="{}", facts=FACTS
    )


def _counts(session) -> tuple[int, int, int]:
    return (
        session.scalar(select(func.count()).select_from(ReceivedScoreRow)),
        session.scalar(select(func.count()).select_from(ReceivedBudgetRow)),
        session.scalar(select(func.count()).select_from(AuditRow)),
    )


def _refused(uow: UnitOfWork, work: Callable[[], None]) -> None:
    with uow.savepoint():
        work()
        raise _RefusedError


def _failed_batch(store) -> None:
    with store.sessions.transaction() as session:
        uow = UnitOfWork(session)
        uow.register.prepare_receipts([(CODE, "a" * 64), (CODE, "b" * 64)])
        for sequence, digest in ((1, "a" * 64), (2, "b" * 64)):
            with uow.savepoint():
                _add(uow, sequence, digest)
        raise _RefusedError


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "ws", create=True)
    with opened.sessions.transaction() as session:
        UnitOfWork(session).register.register(CODE, "某工会", "", "")
    yield opened
    opened.close()


def test_a_refused_package_leaves_none_of_its_waiting_rows(store):
    with store.sessions.transaction() as session:
        uow = UnitOfWork(session)
        before = _counts(session)
        uow.register.prepare_receipts([(CODE, "a" * 64), (CODE, "b" * 64), (CODE, "c" * 64)])
        with uow.savepoint():
            _add(uow, 1, "a" * 64)
        with uow.savepoint():
            _add(uow, 2, "b" * 64)
        assert deferred_rows.waiting(session)
        with pytest.raises(_RefusedError):
            _refused(uow, lambda: _add(uow, 3, "c" * 64))
    with store.sessions.reading() as session:
        assert _counts(session) == (before[0] + 2, before[1] + 2, before[2] + 2)
        assert audit.verify_chain(session) == []


def test_rows_written_by_a_read_in_a_rolled_back_savepoint_are_written_again(store):
    with store.sessions.transaction() as session:
        uow = UnitOfWork(session)
        before = _counts(session)
        uow.register.prepare_receipts([(CODE, "a" * 64), (CODE, "b" * 64), (CODE, "c" * 64)])
        with uow.savepoint():
            _add(uow, 1, "a" * 64)  # the transaction's first entry: written at once
        with uow.savepoint():
            _add(uow, 2, "b" * 64)  # waits

        def read() -> None:
            assert _counts(session)[0] == before[0] + 2  # the read writes the waiting rows
            assert not deferred_rows.waiting(session)

        with pytest.raises(_RefusedError):
            _refused(uow, read)  # … and the rollback undoes them
        assert deferred_rows.waiting(session)  # so they wait again
        with uow.savepoint():
            _add(uow, 3, "c" * 64)
    with store.sessions.reading() as session:
        assert _counts(session) == (before[0] + 3, before[1] + 3, before[2] + 3)
        assert audit.verify_chain(session) == []


def test_a_read_in_the_transaction_sees_the_waiting_rows_and_a_whole_chain(store):
    with store.sessions.transaction() as session:
        uow = UnitOfWork(session)
        before = _counts(session)
        uow.register.prepare_receipts([(CODE, "a" * 64), (CODE, "b" * 64)])
        for sequence, digest in ((1, "a" * 64), (2, "b" * 64)):
            with uow.savepoint():
                _add(uow, sequence, digest)
        assert audit.verify_chain(session) == []  # the head row was written with the entries
        assert _counts(session) == (before[0] + 2, before[1] + 2, before[2] + 2)
        newest = audit.entries(session, limit=1)[0]
        assert newest.entity_uid == "p2"


def test_a_failed_transaction_writes_none_of_its_waiting_rows(store):
    with store.sessions.reading() as session:
        before = _counts(session)
    with pytest.raises(_RefusedError):
        _failed_batch(store)
    with store.sessions.reading() as session:
        assert _counts(session) == before
        assert audit.verify_chain(session) == []
