"""Receiving into PostgreSQL with N verifying processes against SQLite with one (issue 15).

``UNIONPERF_BENCH_PG_PACKAGES`` packages (default 2,000; the issue asks 10,000, which takes
about five times as long) of as many units, each signed with its own key, are received:

- into a SQLite workspace by one process (``receive``, the batch in one transaction);
- into PostgreSQL workspaces with 1, 2 and 4 worker processes verifying ahead of the one writer
  (``receive(..., workers=N)``, a batch of up to 50 packages per transaction; with one, the
  writer verifies each batch before its transaction).

The PostgreSQL cluster is a throw-away one (tests/pg_cluster.py) on this machine's disk, with
PostgreSQL's default durability (fsync and synchronous commit on), as SQLite runs with
``synchronous = FULL``. Packages per second and the speed-up over one worker are printed and
kept in build/bench.json; scaling is bounded by the machine's cores (``os.cpu_count()``).

Then the workbench's board and aggregation benchmarks (bench_upper.py) run on PostgreSQL too
(:func:`bench_upper_pg`).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
COUNT = int(os.environ.get("UNIONPERF_BENCH_PG_PACKAGES", "2000"))
WORKERS = (1, 2, 4)

if TYPE_CHECKING:
    from tests.pg_cluster import Cluster

    from bench_packages import _Made
    from unionperf.services.common.workspace import Workspace

Record = Callable[[str, float, "float | None", float, str], None]


def _upper(folder: Path, made: list[_Made], database: str | None) -> Workspace:
    from unionperf.domain.unit import UnitLevel, UnitProfile  # noqa: PLC0415
    from unionperf.services.common.workspace import Workspace  # noqa: PLC0415
    from unionperf.services.upper.register import register  # noqa: PLC0415

    profile = UnitProfile("基准测试市总工会", "", level=UnitLevel.UPPER)
    workspace = Workspace.create(folder, profile, None, throwaway=True, database=database)
    keys = folder.parent / f"{folder.name}-keys"
    keys.mkdir()
    for item in made:
        key_file = keys / f"{item.unit.credit_code}.pub"
        key_file.write_text(item.public_key.to_file(), encoding="utf-8")
        register(
            workspace,
            key_file,
            item.unit.credit_code,
            item.unit.name,
            key_id=item.public_key.key_id_hex,
        )
    return workspace


def _timed_receive(workspace: Workspace, paths: list[Path], workers: int, label: str) -> float:
    """Receive ``paths``; prints packages per second, the writer's CPU and memory; wall seconds.

    The writer's CPU time per package (``time.process_time`` of this process: with workers it
    leaves out the verifying children) and this process's resident and peak memory after the
    run (``VmRSS``, ``VmHWM``): flat memory means these do not grow with the package count.
    """
    from peak_memory import status_kb  # noqa: PLC0415
    from unionperf.services.inbox.receive import receive  # noqa: PLC0415

    started, cpu = time.perf_counter(), time.process_time()
    outcomes = receive(workspace, paths, workers=workers)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    refused = [item for item in outcomes if item.status != "received"]
    if refused:
        raise SystemExit(f"receive: {len(refused)} not received, first: {refused[0].message}")
    count = len(paths)
    print(
        f"{label}: {count / elapsed:.1f} packages/s, writer CPU {cpu / count * 1000:.1f} ms a "
        f"package, memory {(status_kb('VmRSS') or 0) / 1024:.0f} MB now, "
        f"{(status_kb('VmHWM') or 0) / 1024:.0f} MB peak"
    )
    return elapsed


def bench_upper_pg(folder: Path, record: Record, cluster: Cluster) -> None:
    """The workbench's status board and aggregation (bench_upper.py) on PostgreSQL.

    The same units and packages as ``bench_upper`` (``UNIONPERF_BENCH_UNITS``, default 3,000),
    stored the same way, into a PostgreSQL workspace; each timed as the median of 9 runs against
    the page-opening target of 200 ms (there is no raw ``sqlite3`` baseline on PostgreSQL).
    """
    from bench_upper import STAGE, UNIT_COUNT, fill  # noqa: PLC0415
    from run import median_seconds  # noqa: PLC0415
    from unionperf.demo.upper import upper_profile  # noqa: PLC0415
    from unionperf.services.common.workspace import Workspace  # noqa: PLC0415
    from unionperf.services.upper.aggregate import aggregate  # noqa: PLC0415
    from unionperf.services.upper.status import status_board  # noqa: PLC0415

    started = time.perf_counter()
    database = cluster.new_database(template=None)
    workspace = Workspace.create(folder / "upper-pg-board", upper_profile(), database=database)
    try:
        packages = fill(workspace, UNIT_COUNT)
        print(
            f"PostgreSQL upper workspace: {UNIT_COUNT} units, {packages} packages stored in "
            f"{time.perf_counter() - started:.1f} s"
        )
        today = date(2025, 6, 30)
        board = median_seconds(lambda: status_board(workspace, 2024, STAGE, today=today), 9)
        record(f"upper_board_{UNIT_COUNT}_pg", board, None, 0.2, "s")
        summed = median_seconds(lambda: aggregate(workspace, 2024, STAGE, today=today), 9)
        record(f"upper_aggregate_{UNIT_COUNT}_pg", summed, None, 0.2, "s")
    finally:
        workspace.close()


def bench_receive_pg(folder: Path, record: Record) -> None:
    """SQLite with one process, then PostgreSQL with 1, 2 and 4 verifying processes."""
    sys.path.insert(0, str(ROOT))
    from tests.pg_cluster import start_cluster  # noqa: PLC0415

    from bench_packages import _make_packages  # noqa: PLC0415

    started = time.perf_counter()
    made = _make_packages(folder / "incoming-pg", COUNT)
    paths = [item.path for item in made]
    print(f"{len(made)} unit packages built in {time.perf_counter() - started:.1f} s")
    print(f"cores: {os.cpu_count()}")
    workspace = _upper(folder / "upper-sqlite", made, None)
    try:
        sqlite_seconds = _timed_receive(workspace, paths, 1, "SQLite, 1 process")
    finally:
        workspace.close()
    record(f"receive_sqlite_{COUNT}", sqlite_seconds, None, float("inf"), "s")
    cluster = start_cluster(durable=True)
    try:
        one = None
        for workers in WORKERS:
            workspace = _upper(
                folder / f"upper-pg-{workers}", made, cluster.new_database(template=None)
            )
            try:
                seconds = _timed_receive(
                    workspace, paths, workers, f"PostgreSQL, {workers} verifying process(es)"
                )
            finally:
                workspace.close()
            one = one or seconds
            print(
                f"  scaling: {one / seconds:.2f}x one worker, "
                f"{sqlite_seconds / seconds:.2f}x SQLite ({os.cpu_count()} cores)"
            )
            # the target: N workers on PostgreSQL no slower than one process on SQLite
            record(f"receive_pg_{COUNT}_workers{workers}", seconds, sqlite_seconds, 1.0, "s")
        bench_upper_pg(folder, record, cluster)
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "bench"))
    from run import record as write_record

    with tempfile.TemporaryDirectory() as scratch:
        bench_receive_pg(Path(scratch), write_record)
