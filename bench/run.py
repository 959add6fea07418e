"""Benchmarks: each prints one summary line and appends its result to build/bench.json.

Run with ``make bench``. Targets (issue 2): loading a whole year of the large demo through the
store ≤ 3 × a raw ``sqlite3`` read of the same tables; scoring that year < 200 ms. Issue 3
(bench/bench_packages.py): export and verify of the large demo's package ≤ 3 × the raw cost of
hashing and signing the same bytes; receiving 1,000 packages ≤ 5 × the raw cost of hashing,
verifying the signatures and bulk-inserting the same rows. Issue 4 (bench/bench_forms.py): the
large demo unit's self-evaluation forms as XLSX ≤ 2 × a raw openpyxl write of the same cells, and
as PDF against a raw reportlab write of the same tables (2× used; the issue gives no number).
Issue 5 (bench/bench_window.py): the window shown and usable ≤ 1.5 × a bare PySide6 window,
each step opened on the large demo < 100 ms, peak memory < 300 MB. Issue 13
(bench/bench_fillin.py): peak memory of importing the large demo's fill-in workbook and the worst
workbooks the import's limits let through, each < 200 MB. Issue 14
(bench/bench_upper.py): the upper level's status board and aggregation over 3,000 units × a year
of stages, each ≤ 3 × a raw ``sqlite3`` read of the same rows, and each < 200 ms;
bench/bench_upper_window.py: each page of the upper level's window opened on those 3,000 units
< 200 ms, peak memory < 300 MB. Issue 17 (docs/performance.md) tightens them against fair floors
measured in the same run: ``store_load_year`` ≤ 2.5×; ``window_first_paint`` ≤ 1.3× and
``window_start`` ≤ 2.0× a bare PySide6 window; ``package_verify`` ≤ 3× (SHA-256 + Ed25519 +
``json.loads``) and ≤ 2× the peer tools (``package_verify_peer``); ``forms_all`` ≤ 0.6× plain
reportlab + openpyxl; ``package_export_data`` (bench/bench_export.py) ≤ 3× the floor of the same
bytes; ``package_receive_1000`` ≤ 4×; every step opened in < 100 ms in three fresh processes out
of three (bench/bench_window.py records the worst). Peak memory is the measured child's ``VmHWM``
(bench/peak_memory.py). The run ends with issue 17's figures in one table (``summary``).
Issue 15 (bench/bench_receive_pg.py): receiving into
PostgreSQL with 1, 2 and 4 verifying processes against SQLite with one, then the board and the
aggregation on PostgreSQL (< 200 ms each).
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "build" / "bench.json"
YEAR = 2024

RAW_QUERIES = (
    "SELECT * FROM fiscal_year WHERE year = ?",
    "SELECT * FROM unit",
    "SELECT * FROM budget_line WHERE year = ?",
    "SELECT * FROM indicator WHERE year = ? ORDER BY position, id",
    "SELECT f.* FROM funding_line f JOIN project p ON f.project_id = p.id WHERE p.year = ?",
    "SELECT * FROM project WHERE year = ? ORDER BY position, id",
    "SELECT * FROM monitoring_point WHERE year = ? ORDER BY cutoff",
    "SELECT g.* FROM indicator_progress g JOIN monitoring_entry e ON g.entry_id = e.id "
    "JOIN monitoring_point p ON e.point_id = p.id WHERE p.year = ?",
    "SELECT e.* FROM monitoring_entry e JOIN monitoring_point p ON e.point_id = p.id "
    "WHERE p.year = ?",
    "SELECT r.*, i.owner_uid FROM indicator_result r JOIN indicator i ON r.indicator_uid = i.uid "
    "WHERE i.year = ?",
    "SELECT * FROM evaluation WHERE year = ?",
    "SELECT * FROM signoff WHERE year = ?",
    "SELECT * FROM explanation WHERE year = ?",
)


def median_seconds(call: Callable[[], Any], repeat: int) -> float:
    """Median wall time of ``repeat`` calls after one warm-up call."""
    call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def raw_read(database: Path) -> Callable[[], int]:
    """A plain sqlite3 read of every row the store reads for a year."""

    def read() -> int:
        connection = sqlite3.connect(database)
        try:
            rows = 0
            for query in RAW_QUERIES:
                parameters = (YEAR,) if "?" in query else ()
                rows += len(connection.execute(query, parameters).fetchall())
            return rows
        finally:
            connection.close()

    return read


ISSUE_17 = (
    ("window_start", 2.0),
    ("window_first_paint", 1.3),
    ("package_verify", 3.0),
    ("package_verify_peer", 2.0),
    ("package_export_data", 3.0),
    ("forms_all", 0.6),
    ("package_receive_1000", 4.0),
    ("store_load_year", 2.5),
)
"""The ratios issue 17 sets (docs/performance.md), in the order of its table."""
STEP_PREFIX = "step_open_"
PEAK_SUFFIXES = ("peak_memory",)
PEAK_PREFIXES = ("fillin_peak_",)

recorded: dict[str, dict[str, Any]] = {}
"""The results of this run, by name (build/bench.json also keeps older ones)."""


def record(name: str, value: float, baseline: float | None, target: float, unit: str) -> None:
    """Append one result to build/bench.json and print its summary line."""
    ratio = value / baseline if baseline else None
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    results[name] = {
        "value": round(value, 6),
        "baseline": None if baseline is None else round(baseline, 6),
        "ratio": None if ratio is None else round(ratio, 3),
        "target": target,
        "unit": unit,
    }
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    recorded[name] = results[name]
    measured = ratio if ratio is not None else value
    verdict = "ok" if measured <= target else "MISSED"
    if ratio is not None and baseline is not None:
        print(
            f"{name}: {value * 1000:.1f} ms vs baseline {baseline * 1000:.1f} ms = "
            f"{ratio:.2f}x (target <= {target}x) {verdict}"
        )
    elif unit == "s":
        print(f"{name}: {value * 1000:.1f} ms (target <= {target * 1000:.0f} ms) {verdict}")
    else:
        print(f"{name}: {value:.1f} {unit} (target <= {target:g} {unit}) {verdict}")


def summary() -> None:
    """Issue 17's figures of this run, each with its baseline, ratio and verdict, in one table."""
    print("\nissue 17 (docs/performance.md): value, baseline, ratio against the target")
    for name, target in ISSUE_17:
        result = recorded.get(name)
        if result is None:
            print(f"  {name:<22} not measured in this run")
            continue
        ratio = result["ratio"]
        verdict = "ok" if ratio is not None and ratio <= target else "MISSED"
        print(
            f"  {name:<22} {result['value'] * 1000:9.1f} ms  baseline "
            f"{result['baseline'] * 1000:9.1f} ms  {ratio:6.2f}x  (<= {target}x) {verdict}"
        )
    steps = {k[len(STEP_PREFIX) :]: v for k, v in recorded.items() if k.startswith(STEP_PREFIX)}
    if steps:
        slow = [step for step, result in steps.items() if result["value"] >= result["target"]]
        worst = ", ".join(f"{step} {result['value'] * 1000:.0f}" for step, result in steps.items())
        print(
            f"  steps (< 100 ms, worst of 3 runs)  {worst} ms: "
            + ("ok, 3 of 3 runs" if not slow else f"MISSED ({', '.join(slow)})")
        )
    else:
        print("  steps                  not measured in this run")
    peaks = {
        name: result
        for name, result in recorded.items()
        if name.endswith(PEAK_SUFFIXES) or name.startswith(PEAK_PREFIXES)
    }
    for name, result in peaks.items():
        verdict = "ok" if result["value"] <= result["target"] else "MISSED"
        print(f"  {name:<22} {result['value']:9.1f} MB  (< {result['target']:g} MB) {verdict}")


SETS = ("all", "issue17")
"""What ``UNIONPERF_BENCH_SET`` may name: every benchmark, or only the figures of issue 17."""


def main() -> int:
    """Run the selected benchmarks ``UNIONPERF_BENCH_RUNS`` times (default once), then summarise.

    ``UNIONPERF_BENCH_SET=issue17`` (``make bench-17``) leaves out the fill-in, upper-level and
    PostgreSQL benchmarks, which issue 17 does not judge. With more than one run every run prints
    its own lines and table, and the end gives each figure's median, spread and how many runs
    held its target (:func:`runs_summary`).
    """
    selection = os.environ.get("UNIONPERF_BENCH_SET", "all")
    if selection not in SETS:
        print(f"UNIONPERF_BENCH_SET must be one of {', '.join(SETS)}, not {selection!r}")
        return 2
    runs = int(os.environ.get("UNIONPERF_BENCH_RUNS", "1"))
    history: list[dict[str, dict[str, Any]]] = []
    for number in range(1, runs + 1):
        if runs > 1:
            print(f"\n=== run {number} of {runs} ===", flush=True)
        recorded.clear()
        run_once(selection)
        summary()
        history.append(dict(recorded))
    if runs > 1:
        runs_summary(history)
    return 0


def run_once(selection: str) -> None:
    """Build the large demo, then run the benchmarks of ``selection`` once."""
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_export import bench_export  # noqa: PLC0415
    from bench_fillin import bench_fillin  # noqa: PLC0415
    from bench_forms import bench_forms  # noqa: PLC0415
    from bench_packages import bench_large_package, bench_receive  # noqa: PLC0415
    from bench_receive_pg import bench_receive_pg  # noqa: PLC0415
    from bench_upper import bench_upper  # noqa: PLC0415
    from bench_upper_window import bench_upper_window  # noqa: PLC0415
    from bench_window import bench_window  # noqa: PLC0415
    from unionperf.domain.results import score_year  # noqa: PLC0415
    from unionperf.services.cycle.demo import create_demo  # noqa: PLC0415

    everything = selection == "all"
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        workspace = create_demo(Path(folder) / "large", "large")
        print(f"large demo built in {time.perf_counter() - started:.1f} s")
        try:
            data = workspace.load_year(YEAR)
            print(
                f"large demo: {len(data.projects)} projects, "
                f"{sum(len(p.targets.indicators) for p in data.projects)} indicators, "
                f"{len(data.points)} monitoring points, "
                f"{sum(len(e.progress) for e in data.monitoring)} progress rows"
            )
            load = median_seconds(lambda: workspace.load_year(YEAR), 5)
            raw = median_seconds(raw_read(workspace.paths.database), 5)
            record("store_load_year", load, raw, 2.5, "s")  # issue 17 (issue 2: 3x)
            scoring = median_seconds(lambda: score_year(data), 5)
            record("score_year", scoring, None, 0.2, "s")
            bench_forms(data, record, median_seconds)
            bench_large_package(workspace, Path(folder), record, median_seconds)
            bench_export(
                workspace, Path(folder), raw_read(workspace.paths.database), record, median_seconds
            )
        finally:
            workspace.close()
        if everything:
            bench_fillin(Path(folder) / "large", Path(folder), record)
        bench_receive(Path(folder), record)
        if everything:
            bench_upper(Path(folder), record)
            bench_upper_window(Path(folder), record)
            bench_receive_pg(Path(folder), record)
        create_demo(Path(folder) / "normal").close()
        bench_window(Path(folder) / "normal", Path(folder) / "large", record)


def runs_summary(history: list[dict[str, dict[str, Any]]]) -> None:
    """Each of issue 17's figures over several runs: median, spread and runs within target."""
    print(f"\nissue 17 over {len(history)} runs: median and spread (min-max), runs within target")
    names = [name for name, _ in ISSUE_17]
    names += sorted({name for run in history for name in run if name.startswith(STEP_PREFIX)})
    names += sorted(
        {
            name
            for run in history
            for name in run
            if name.endswith(PEAK_SUFFIXES) or name.startswith(PEAK_PREFIXES)
        }
    )
    for name in names:
        results = [run[name] for run in history if name in run]
        if not results:
            print(f"  {name:<24} not measured")
            continue
        ratios = [result["ratio"] for result in results]
        by_ratio = all(ratio is not None for ratio in ratios)
        measured = sorted(ratios if by_ratio else [result["value"] for result in results])
        unit = "x" if by_ratio else results[0]["unit"]
        target = results[0]["target"]
        held = sum(1 for value in measured if value <= target)
        median, low, high, aim = (
            _figure(value, unit)
            for value in (statistics.median(measured), measured[0], measured[-1], target)
        )
        print(
            f"  {name:<24} median {median:<9} spread {low}-{high:<9} "
            f"(target {aim}): {held} of {len(results)} runs"
        )


def _figure(value: float, unit: str) -> str:
    """A ratio (``unit`` "x"), a time in seconds shown in ms, or a value with its unit."""
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "s":
        return f"{value * 1000:.0f} ms"
    return f"{value:.0f} {unit}"


if __name__ == "__main__":
    raise SystemExit(main())
