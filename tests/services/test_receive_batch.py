"""A receive batch is one transaction: killed at any package, it leaves no row without its file.

Each run below receives the demo unit's packages in one batch in a child process that is killed
(SIGKILL, no clean-up of any kind) just before or just after the k-th package is stored. The
database must then hold none of the batch (one transaction, committed at the end), and every row
it holds must have its file; copies the killed batch wrote without rows are removed by the next
receive, which then takes the whole batch in.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.exchange.packages import EXPORTS, DemoUnit, demo_unit, upper_workspace
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.workspace import Workspace
from unionperf.services.inbox.receive import receive
from unionperf.services.upper import intake
from unionperf.services.upper.register import register

pytestmark = pytest.mark.sqlite_only(
    "one SQLite transaction per batch, and a copied folder names the same PostgreSQL database"
)

KILLER = """
import os, signal, sys
from pathlib import Path
from unionperf.services.common.workspace import Workspace
from unionperf.services.inbox.receive import receive
from unionperf.services.upper import intake

root, when, at = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
packages = [Path(p) for p in sys.argv[4:]]
original = intake._store
calls = 0

def store(*args, **kwargs):
    global calls
    calls += 1
    if when == "before" and calls == at:
        os.kill(os.getpid(), signal.SIGKILL)
    result = original(*args, **kwargs)
    if when == "after" and calls == at:
        os.kill(os.getpid(), signal.SIGKILL)
    return result

intake._store = store
with Workspace.open(root) as workspace:
    receive(workspace, packages)
print("finished", flush=True)
"""


@pytest.fixture(scope="module")
def unit(tmp_path_factory) -> DemoUnit:
    return demo_unit(tmp_path_factory)


@pytest.fixture(scope="module")
def upper_template(unit, tmp_path_factory) -> Path:
    """A closed upper-level workspace with the demo unit registered."""
    path = tmp_path_factory.mktemp("upper-template") / "upper"
    with upper_workspace(path) as workspace:
        register(
            workspace,
            unit.pub_file,
            unit.unit_code,
            unit.unit_name,
            key_id=unit.public_key.key_id_hex,
        )
    return path


def _packages(unit: DemoUnit) -> list[Path]:
    return [unit.packages[name] for name, _stage in EXPORTS]


def _rows(root: Path) -> list[str]:
    """The stored paths of the received rows, read with plain sqlite3."""
    connection = sqlite3.connect(root / "unionperf.sqlite")
    try:
        rows = connection.execute("SELECT file_name FROM received_package")
        return sorted(row[0] for row in rows)
    finally:
        connection.close()


def _files(root: Path) -> list[str]:
    folder = root / "received"
    if not folder.exists():
        return []
    return sorted(str(item.relative_to(root)) for item in folder.rglob("*") if item.is_file())


def _copy(template: Path, target: Path) -> Path:
    import shutil  # noqa: PLC0415

    shutil.copytree(template, target)
    return target


@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("at", range(1, len(EXPORTS) + 1))
def test_a_killed_batch_leaves_no_row_without_its_file(unit, upper_template, tmp_path, when, at):
    root = _copy(upper_template, tmp_path / "upper")
    packages = _packages(unit)
    done = subprocess.run(
        [sys.executable, "-c", KILLER, str(root), when, str(at), *map(str, packages)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert _rows(root) == []  # nothing of the batch was committed
    assert set(_rows(root)) <= set(_files(root))
    with Workspace.open(root) as workspace:
        outcomes = receive(workspace, packages)
    assert [item.refused for item in outcomes] == [False] * len(packages)
    assert _rows(root) == _files(root)
    assert len(_rows(root)) == len(packages)


def test_a_package_that_fails_after_its_copy_leaves_no_copy(unit, upper_template, tmp_path):
    root = _copy(upper_template, tmp_path / "upper")
    packages = _packages(unit)
    original = intake._store
    calls = 0

    def failing_second(*args, **kwargs):
        nonlocal calls
        calls += 1
        result = original(*args, **kwargs)
        if calls == 2:
            raise ServiceError("模拟：数据库拒绝了这一个数据包")
        return result

    intake._store = failing_second
    try:
        with Workspace.open(root) as workspace:
            outcomes = receive(workspace, packages)
    finally:
        intake._store = original
    assert [item.refused for item in outcomes] == [False, True, False, False]
    assert _rows(root) == _files(root)
    assert len(_rows(root)) == len(packages) - 1
