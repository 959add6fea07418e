"""The upper level's window on 3,000 units (issue 14): each page opened, and the review.

The parent builds the upper workspace of ``bench_upper`` (3,000 units, a year of stages); a
child process (offscreen Qt, like ``bench_window``) opens the window on it and times, as
``bench_window`` times the grassroots steps: the window shown (``upper_window_open``: built,
its first page filled and painted, target < 1 s), then — with the window open for one second,
in which it builds its other pages without their data — each page clicked in the navigator
until painted, its data read then (``upper_page_open_<page>``, target < 200 ms: the issue's
page open), and the review of one unit's self-evaluation (``upper_review_open``, < 200 ms),
with the process's peak memory (``upper_window_peak_memory``, < 300 MB; ``VmHWM`` of the
child's own address space, see bench/peak_memory.py).

Run alone: ``python bench/bench_upper_window.py`` (``UNIONPERF_BENCH_UNITS`` sets the count).

汇总's page open (issue 14, wave 2): it measured 180–410 ms, of which the aggregation's queries
alone were 85–170 ms. cProfile showed the whole ``aggregate`` (status board, category sums, two
project sums, units with projects, execution rates, ranking, distributions) and filling all
seven tables run on opening. The page now opens on ``aggregate_summary`` (board, counts, score
statistics, revenue and expenditure) and fills the projects, the distributions with their charts
and the ranking when their tab is first shown; execution rates are computed only for those, and
the board's local days are looked up by the stored time's text. Measured on the 3,000-unit
workspace (process CPU time of open + paint, best of six, on a 2-core machine at load 11–13):
before 135 ms, after 71 ms; wall time on that loaded machine before 470–975 ms, after 220–360 ms.
The service alone: ``aggregate`` 114–119 ms CPU (unchanged: it still computes everything),
``aggregate_summary`` 56 ms, of which the status board 38–40 ms.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from peak_memory import peak_mb

ROOT = Path(__file__).resolve().parents[1]
Record = Callable[[str, float, "float | None", float, str], None]
PAGE_TARGET = 0.2
WINDOW_TARGET = 1.0
MEMORY_TARGET = 300.0
IDLE_BEFORE_FIRST_CLICK = 1.0
"""Seconds the window is open before the first page is clicked (as in ``bench_window``)."""


def bench_upper_window(folder: Path, record: Record) -> None:
    """Build the 3,000-unit workspace, then time the window's pages in a child process."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_upper import UNIT_COUNT, fill  # noqa: PLC0415
    from unionperf.demo.upper import upper_profile  # noqa: PLC0415
    from unionperf.services.common.workspace import Workspace  # noqa: PLC0415

    path = folder / "upper-window"
    with Workspace.create(path, upper_profile()) as workspace:
        fill(workspace, UNIT_COUNT)
    done = _child(path)
    record("upper_window_open", done["window"], None, WINDOW_TARGET, "s")
    for page, seconds in done["pages"].items():
        record(f"upper_page_open_{page}", seconds, None, PAGE_TARGET, "s")
    record("upper_review_open", done["review"], None, PAGE_TARGET, "s")
    record("upper_window_peak_memory", done["peak_mb"], None, MEMORY_TARGET, "MB")


def _child(workspace: Path) -> dict[str, Any]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "pages", str(workspace)],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
        timeout=600,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _pages(workspace_folder: Path) -> dict[str, Any]:
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from unionperf.services.common.workspace import Workspace  # noqa: PLC0415
    from unionperf.ui.upper.review.page import ReviewPage  # noqa: PLC0415
    from unionperf.ui.upper.steps import UpperStep  # noqa: PLC0415
    from unionperf.ui.upper.window import UpperWindow  # noqa: PLC0415

    app = QApplication(sys.argv[:1])
    workspace = Workspace.open(workspace_folder)
    begun = time.perf_counter()
    window = UpperWindow(workspace)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    window.repaint()
    shown = time.perf_counter() - begun
    window.choose(2024, "self-evaluation")
    idle_until = time.perf_counter() + IDLE_BEFORE_FIRST_CLICK
    while time.perf_counter() < idle_until:
        app.processEvents()
        time.sleep(0.01)
    pages: dict[str, float] = {}
    for step in [*list(UpperStep)[1:], UpperStep.REGISTER]:
        started = time.perf_counter()
        window.open_page(step)
        QCoreApplication.processEvents()
        window.repaint()
        pages[step.value] = time.perf_counter() - started
    review = window.open_page(UpperStep.REVIEW)
    assert isinstance(review, ReviewPage)
    code = review.lines[len(review.lines) // 2].code
    started = time.perf_counter()
    review.show_unit(code)
    QCoreApplication.processEvents()
    opened = time.perf_counter() - started
    peak = peak_mb()
    window.close()
    workspace.close()
    return {"window": shown, "pages": pages, "review": opened, "peak_mb": peak}


def main() -> int:
    """``pages WORKSPACE``: the child's timings as one JSON line; alone: build, time, print."""
    if len(sys.argv) == 3 and sys.argv[1] == "pages":
        print(json.dumps(_pages(Path(sys.argv[2]))))
        return 0
    sys.path.insert(0, str(ROOT / "src"))

    def show(name: str, value: float, baseline: float | None, target: float, unit: str) -> None:
        ratio = f" (baseline {baseline:.3f})" if baseline is not None else ""
        verdict = "ok" if value <= target else "OVER"
        print(f"{name}: {value:.3f} {unit}{ratio}, target {target} {unit}: {verdict}")

    with tempfile.TemporaryDirectory() as folder:
        bench_upper_window(Path(folder), show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
