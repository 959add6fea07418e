"""What a receive batch's transaction keeps in memory is undone with a rolled-back savepoint.

The store answers "already received?", "the stage's current package" and the audit chain's
head from memory within a transaction; a package refused inside its savepoint must leave no
memory behind, or the next package would be judged against rows that do not exist.
"""

from __future__ import annotations

import pytest

from unionperf.store import audit
from unionperf.store.register import Received
from unionperf.store.unit_of_work import UnitOfWork
from unionperf.store.workspace import open_store

CODE = "91350100M000100Y43"


class _RefusedError(Exception):
    pass


def _refused_after_storing(uow: UnitOfWork, sequence: int, sha256: str) -> None:
    with uow.savepoint():
        _add(uow, sequence, sha256)
        assert uow.register.is_received(sha256)
        raise _RefusedError


def _record(sequence: int, sha256: str) -> Received:
    return Received(CODE, 2024, "targets", sequence, sha256, True, "2025-01-10T02:00:00+00:00", "")


def _add(uow: UnitOfWork, sequence: int, sha256: str) -> None:
    record = _record(sequence, sha256)
    uow.register.add_received(
        record, package_id=f"p{sequence}", key_id="k", meta={}, data_json="{}"
    )


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "ws", create=True)
    with opened.sessions.transaction() as session:
        UnitOfWork(session).register.register(CODE, "某工会", "", "")
    yield opened
    opened.close()


def test_a_rolled_back_savepoint_forgets_what_it_stored(store):
    with store.sessions.transaction() as session:
        uow = UnitOfWork(session)
        uow.register.prepare_receipts([(CODE, "a" * 64), (CODE, "b" * 64)])
        with uow.savepoint():
            _add(uow, 1, "a" * 64)
        with pytest.raises(_RefusedError):
            _refused_after_storing(uow, 2, "b" * 64)
        assert uow.register.is_received("a" * 64)
        assert not uow.register.is_received("b" * 64)
        current = uow.register.current(CODE, 2024, "targets")
        assert current is not None
        assert current.sequence == 1
        with uow.savepoint():
            _add(uow, 2, "c" * 64)  # chained to the first entry's head, not the undone one
    with store.sessions.reading() as session:
        assert audit.verify_chain(session) == []
        uow = UnitOfWork(session)
        assert [(r.sequence, r.current) for r in uow.register.received()] == [(1, False), (2, True)]
        assert [entry.action for entry in audit.entries(session)][:2] == ["receive", "receive"]


def test_the_next_batch_asks_the_database_again(store):
    with store.sessions.transaction() as session:
        uow = UnitOfWork(session)
        uow.register.prepare_receipts([(CODE, "a" * 64)])
        with uow.savepoint():
            _add(uow, 1, "a" * 64)
        uow.register.prepare_receipts([(CODE, "d" * 64)])  # forgets the first batch's answers
        assert uow.register.is_received("a" * 64)  # from the database, in this transaction
        current = uow.register.current(CODE, 2024, "targets")
        assert current is not None
        assert current.sequence == 1
