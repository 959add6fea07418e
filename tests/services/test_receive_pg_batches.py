"""Receiving into PostgreSQL in batches: a batch that loses a race runs again, or is reported.

The race is simulated: the store raises what psycopg raises when PostgreSQL breaks a deadlock
(SQLSTATE 40P01) while the batch stores a package; the real concurrency is proven by
test_receive_concurrent.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from tests.services.upper_units import SubUnit, sub_unit
from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.services.common.errors import LostRaceError
from unionperf.services.common.workspace import Workspace
from unionperf.services.inbox import receive as receiving
from unionperf.services.inbox.receive import quarantine_list, receive
from unionperf.services.upper.register import register
from unionperf.store.receipts import ReceiptRecords


class _DeadlockError(Exception):
    sqlstate = "40P01"


def _upper(tmp_path: Path, pg_url: str) -> tuple[Workspace, list[SubUnit], Path]:
    workspace = Workspace.create(
        tmp_path / "upper",
        UnitProfile("某市总工会", "", level=UnitLevel.UPPER),
        None,
        database=pg_url,
        throwaway=True,
    )
    units = [sub_unit(number) for number in (1, 2, 3)]
    inbox = tmp_path / "in"
    for unit in units:
        register(
            workspace, unit.pub_file(tmp_path / "keys"), unit.code, unit.name, key_id=unit.key_id
        )
        unit.send("targets", inbox)
    (inbox / "zz-broken.upkg").write_bytes(b"not a zip")
    return workspace, units, inbox


def _losing(monkeypatch, times: int) -> list[int]:
    """The second package stored in a batch loses a deadlock, ``times`` times."""
    calls: list[int] = []
    original = ReceiptRecords.add_received

    def add_received(self, *args, **kwargs):
        calls.append(1)
        if len(calls) % 2 == 0 and len(calls) // 2 <= times:
            raise OperationalError("INSERT …", {}, _DeadlockError("deadlock detected"))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ReceiptRecords, "add_received", add_received)
    return calls


def _stored(workspace: Workspace) -> list[Path]:
    return sorted(p for p in (workspace.paths.root / "received").rglob("*") if p.is_file())


def test_a_batch_that_lost_a_race_runs_again_and_leaves_one_trace(tmp_path, pg_url, monkeypatch):
    workspace, units, inbox = _upper(tmp_path, pg_url)
    try:
        _losing(monkeypatch, times=1)
        outcomes = receive(workspace, [inbox])
        assert [item.kind.value for item in outcomes] == ["received"] * 3 + ["quarantined"]
        with workspace.reading() as uow:
            rows = uow.register.received()
        assert sorted(row.unit_code for row in rows) == sorted(unit.code for unit in units)
        assert [p.relative_to(workspace.paths.root).as_posix() for p in _stored(workspace)] == [
            Path(row.file_name).as_posix() for row in sorted(rows, key=lambda r: r.file_name)
        ]
        assert [entry.name for entry in quarantine_list(workspace)] == ["zz-broken.upkg"]
        assert workspace.audit_breaks() == []
    finally:
        workspace.close()


def test_a_race_lost_again_and_again_is_reported_and_keeps_nothing(tmp_path, pg_url, monkeypatch):
    workspace, _units, inbox = _upper(tmp_path, pg_url)
    try:
        calls = _losing(monkeypatch, times=receiving.RACE_RETRIES + 1)
        with pytest.raises(LostRaceError, match="另一个程序同时在修改相同的数据"):
            receive(workspace, [inbox])
        assert len(calls) == 2 * (receiving.RACE_RETRIES + 1)  # run once and again 5 times
        with workspace.reading() as uow:
            assert uow.register.received() == []
        assert _stored(workspace) == []
        assert quarantine_list(workspace) == []
    finally:
        workspace.close()
