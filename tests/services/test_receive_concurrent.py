"""Four programs receive overlapping folders into one PostgreSQL store at once.

The folders overlap on purpose: the same package in several folders (and twice in one, under
another name), every unit's older sequences after newer ones, in a different order in each
folder. Whatever the interleaving, the store must end as a serial receive of the same files
leaves it: each stage's current package is its highest sequence, no package is stored twice,
no stage's sequences go backwards in the order they were stored (the replay ratchet), every
row has its file, and the audit chain is one unbroken chain.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

from tests.exchange.packages import upper_workspace
from tests.services.upper_units import SubUnit, sub_unit
from unionperf.services.common.workspace import Workspace
from unionperf.services.inbox.receive import receive
from unionperf.services.upper.register import register
from unionperf.store.register import Received

SRC = Path(__file__).parents[2] / "src"
RECEIVER = """
import sys
from pathlib import Path
from unionperf.services.common.workspace import Workspace
from unionperf.services.inbox.receive import receive

with Workspace.open(Path(sys.argv[1])) as workspace:
    outcomes = receive(workspace, [Path(sys.argv[2])])
refused = [o.message for o in outcomes if o.refused and o.code != "replay"]
print(len(outcomes), refused, flush=True)
sys.exit(1 if refused else 0)
"""
STAGES = ("targets", "self-evaluation")


def _units_and_packages(folder: Path) -> tuple[list[SubUnit], list[Path]]:
    """Six units, each with three sequences of two stages (36 packages)."""
    units = [sub_unit(number) for number in range(1, 7)]
    packages = []
    for unit in units:
        for stage in STAGES:
            packages += [unit.send(stage, folder / "sent") for _ in range(3)]
    return units, packages


def _folders(packages: list[Path], root: Path) -> list[Path]:
    """Four overlapping folders: all, all reversed, evens twice, odds shuffled with repeats."""
    chosen = random.Random(15)
    orders = [
        packages,
        list(reversed(packages)),
        packages[::2] + packages[::2],
        chosen.sample(packages[1::2], len(packages[1::2])) + packages[1::4],
    ]
    folders = []
    for number, order in enumerate(orders):
        folder = root / f"inbox{number}"
        folder.mkdir(parents=True)
        for position, package in enumerate(order):  # names give the order received
            shutil.copyfile(package, folder / f"{position:03d}_{package.name}")
        folders.append(folder)
    return folders


def _register(workspace: Workspace, units: list[SubUnit], keys: Path) -> None:
    for unit in units:
        register(workspace, unit.pub_file(keys), unit.code, unit.name, key_id=unit.key_id)


def _state(workspace: Workspace) -> tuple[list[Received], set[tuple[str, str, int, str]]]:
    """Every received row (in storing order) and the current ones, as comparable tuples."""
    with workspace.reading() as uow:
        rows = uow.register.received()
    current = {(r.unit_code, r.stage, r.sequence, r.sha256) for r in rows if r.current}
    return rows, current


def test_four_concurrent_receivers_end_as_a_serial_receive(tmp_path, pg_url):
    units, packages = _units_and_packages(tmp_path)
    folders = _folders(packages, tmp_path)
    root = tmp_path / "upper"
    with Workspace.create(
        root, upper_workspace_unit(), None, database=pg_url, throwaway=True
    ) as workspace:
        _register(workspace, units, tmp_path / "keys")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    receivers = [
        subprocess.Popen(
            [sys.executable, "-c", RECEIVER, str(root), str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for folder in folders
    ]
    for receiver in receivers:
        out, err = receiver.communicate(timeout=600)
        assert receiver.returncode == 0, out + err

    serial = upper_workspace(tmp_path / "serial")  # SQLite (or PostgreSQL with --postgresql)
    try:
        _register(serial, units, tmp_path / "keys")
        for folder in folders:
            receive(serial, [folder])
        _, expected_current = _state(serial)
    finally:
        serial.close()

    with Workspace.open(root) as workspace:
        rows, current = _state(workspace)
        assert workspace.audit_breaks() == []
    assert current == expected_current
    assert {(code, stage, seq) for code, stage, seq, _ in current} == {
        (unit.code, stage, 3) for unit in units for stage in STAGES
    }
    hashes = [row.sha256 for row in rows]
    assert len(hashes) == len(set(hashes))  # no package stored twice
    for unit in units:
        for stage in STAGES:
            sequences = [r.sequence for r in rows if (r.unit_code, r.stage) == (unit.code, stage)]
            assert sequences == sorted(sequences)  # the ratchet: only ever forward
            assert len(sequences) == len(set(sequences))
    for row in rows:
        assert (root / row.file_name).is_file()
    stored = {p.relative_to(root).as_posix() for p in (root / "received").rglob("*") if p.is_file()}
    assert stored == {Path(row.file_name).as_posix() for row in rows}


def upper_workspace_unit():
    from unionperf.domain.unit import UnitLevel, UnitProfile  # noqa: PLC0415

    return UnitProfile("某市总工会", "", level=UnitLevel.UPPER)
