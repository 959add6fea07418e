"""Window benchmarks (issue 5): start-up, opening each step on the large demo, peak memory.

- ``window_start``: a fresh process that starts the application on the normal demo workspace
  (``ui.app`` font and translators, ``MainWindow`` on the workspace, shown, the first step
  painted, the event queue drained) against a fresh process that shows a bare ``QMainWindow``
  the same way, in the same run; median of 5 starts each. Both clocks start when the child's
  code starts, before PySide6 is imported (interpreter start-up, the same for both, is left
  out, which makes the ratio stricter). Target ≤ 1.5×.
- ``step_open_<step>``: on the large demo (200 projects × 20 indicators × 12 monitoring points),
  with the window open on 2024 for one second (the user's first click does not come sooner;
  the window builds the other pages in that idle time, without their data), the time from
  clicking a step in the navigator until its page is painted (``open_step`` + processing the
  resulting events), each step opened for the first time (its page fills its models from the
  year in memory then). Target < 100 ms each.
- ``window_peak_memory``: the peak resident memory of a process that opens the large demo in
  the window and visits every step (``VmHWM`` of the child's own address space, see
  bench/peak_memory.py; ``ru_maxrss`` would report the parent's peak). Target < 300 MB.

Each measurement runs in its own child process (``python bench/bench_window.py MODE ...``) so
that start-up is cold and memory is the window's alone; the child prints one JSON line.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from peak_memory import peak_mb

ROOT = Path(__file__).resolve().parents[1]
STARTS = 5
IDLE_BEFORE_FIRST_CLICK = 1.0
"""Seconds between the window appearing and the first click on a step."""
YEAR = 2024

Record = Callable[[str, float, float | None, float, str], None]


def bench_window(normal: Path, large: Path, record: Record) -> None:
    """Run the window benchmarks against the normal and the large demo workspaces."""
    bare = statistics.median(_child("bare")["seconds"] for _ in range(STARTS))
    app = statistics.median(_child("app", normal)["seconds"] for _ in range(STARTS))
    record("window_start", app, bare, 1.5, "s")
    steps = _child("steps", large)
    for step, seconds in steps["steps"].items():
        record(f"step_open_{step}", seconds, None, 0.1, "s")
    record("window_peak_memory", steps["peak_mb"], None, 300.0, "MB")


def _child(mode: str, workspace: Path | None = None) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), mode]
    if workspace is not None:
        command.append(str(workspace))
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        command, capture_output=True, text=True, check=True, env=environment, timeout=600
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# -- children -----------------------------------------------------------------------------------


def _bare_start(started: float) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow  # noqa: PLC0415

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("UnionPerf"))
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    window.grab()
    return {"seconds": time.perf_counter() - started}


def _app_start(started: float, workspace: Path) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from unionperf.services.common.workspace import Workspace  # noqa: PLC0415
    from unionperf.ui.app import install_translators, load_font  # noqa: PLC0415
    from unionperf.ui.main_window import MainWindow  # noqa: PLC0415

    app = QApplication(sys.argv[:1])
    load_font(app)
    install_translators(app)
    opened = Workspace.open(workspace)
    window = MainWindow(opened)
    window.show()
    app.processEvents()
    window.grab()
    seconds = time.perf_counter() - started
    opened.close()
    return {"seconds": seconds}


def _steps(workspace: Path) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from unionperf.domain.cycle import Step  # noqa: PLC0415
    from unionperf.services.common.workspace import Workspace  # noqa: PLC0415
    from unionperf.ui.app import install_translators, load_font  # noqa: PLC0415
    from unionperf.ui.main_window import MainWindow  # noqa: PLC0415

    app = QApplication(sys.argv[:1])
    load_font(app)
    install_translators(app)
    opened = Workspace.open(workspace)
    window = MainWindow(opened)
    window.show()
    window.refresh_years(YEAR)
    idle_until = time.perf_counter() + IDLE_BEFORE_FIRST_CLICK
    while time.perf_counter() < idle_until:
        app.processEvents()
        time.sleep(0.01)
    times: dict[str, float] = {}
    for step in [*list(Step)[1:], Step.UNIT]:
        begun = time.perf_counter()
        window.open_step(step)
        app.processEvents()
        window.repaint()
        times[step.value] = time.perf_counter() - begun
    peak = peak_mb()
    opened.close()
    return {"steps": times, "peak_mb": peak}


def _main(argv: list[str]) -> int:
    started = time.perf_counter()
    mode = argv[0]
    if mode == "bare":
        result = _bare_start(started)
    elif mode == "app":
        result = _app_start(started, Path(argv[1]))
    else:
        result = _steps(Path(argv[1]))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
