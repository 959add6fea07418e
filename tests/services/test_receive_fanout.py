"""A large receive verifies in worker processes; the outcome is that of one process alone."""

from __future__ import annotations

from pathlib import Path

from tests.exchange.packages import upper_workspace
from tests.services.upper_units import SubUnit, sub_unit
from unionperf.services.common.workspace import Workspace
from unionperf.services.inbox import fanout
from unionperf.services.inbox.receive import receive
from unionperf.services.upper import intake
from unionperf.services.upper.register import register


def _inbox(tmp_path: Path) -> tuple[list[SubUnit], Path]:
    """Three registered units' packages, a repeat, an older sequence, a damaged and a stranger's."""
    units = [sub_unit(number) for number in (1, 2, 3)]
    inbox = tmp_path / "in"
    for unit in units:
        unit.send("targets", inbox / "a")
        unit.send("targets", inbox / "b")
    first = sorted((inbox / "a").iterdir())[0]
    (inbox / "c").mkdir()
    (inbox / "c" / "repeat.upkg").write_bytes(first.read_bytes())
    damaged = bytearray(sorted((inbox / "b").iterdir())[0].read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    (inbox / "c" / "damaged.upkg").write_bytes(bytes(damaged))
    sub_unit(9).send("targets", inbox / "c")  # not registered
    return units, inbox


def _upper(path: Path, units: list[SubUnit], keys: Path) -> Workspace:
    workspace = upper_workspace(path)
    for unit in units:
        register(workspace, unit.pub_file(keys), unit.code, unit.name, key_id=unit.key_id)
    return workspace


def _summary(outcomes) -> list[tuple[str, str, str, int | None]]:
    return [(item.path.name, item.kind.value, item.code, item.sequence) for item in outcomes]


def test_two_workers_give_the_outcome_of_one(tmp_path, monkeypatch):
    units, inbox = _inbox(tmp_path)
    verified_here: list[int] = []
    original = intake.verify_package

    def counting(*args, **kwargs):
        verified_here.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(intake, "verify_package", counting)
    monkeypatch.setattr(fanout, "verify_package", counting)  # verified ahead (PostgreSQL)
    alone = _upper(tmp_path / "alone", units, tmp_path / "keys")
    fanned = _upper(tmp_path / "fanned", units, tmp_path / "keys")
    try:
        expected = receive(alone, [inbox])
        # the genuine packages, in this process (the damaged zip fails before verification);
        # on PostgreSQL verified ahead of the transaction, the repeat too (not yet received then)
        genuine = 6 if alone.database_url is None else 7
        assert len(verified_here) == genuine
        outcomes = receive(fanned, [inbox], workers=2)
        assert len(verified_here) == genuine  # the workers verified them all
        assert _summary(outcomes) == _summary(expected)
        assert [item.message for item in outcomes] == [item.message for item in expected]
        with alone.reading() as one, fanned.reading() as other:
            rows = [
                (r.unit_code, r.stage, r.sequence, r.sha256, r.current)
                for r in one.register.received()
            ]
            assert rows == [
                (r.unit_code, r.stage, r.sequence, r.sha256, r.current)
                for r in other.register.received()
            ]
        kinds = {item.kind.value for item in outcomes}
        assert kinds == {"received", "superseded", "already-received", "quarantined", "refused"}
    finally:
        alone.close()
        fanned.close()


def test_a_worker_verifies_with_the_registered_key_and_leaves_the_rest(tmp_path):
    units, inbox = _inbox(tmp_path)
    workspace = _upper(tmp_path / "upper", units, tmp_path / "keys")
    try:
        with workspace.reading() as uow:
            snapshot = {unit.unit_code: unit for unit in uow.register.subordinates()}
    finally:
        workspace.close()
    fanout._start_worker(snapshot)
    try:
        good = sorted((inbox / "a").iterdir())[0]
        checked = fanout.verify_file(good)
        assert checked is not None
        assert checked.signer.key_id_hex in {unit.key_id for unit in units}
        assert fanout.verify_file(inbox / "c" / "damaged.upkg") is None
        stranger = next(p for p in (inbox / "c").iterdir() if p.name.startswith(sub_unit(9).code))
        assert fanout.verify_file(stranger) is None
    finally:
        fanout._start_worker({})
