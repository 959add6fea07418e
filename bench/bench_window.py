"""Window benchmarks (issue 5): start-up, opening each step on the large demo, peak memory.

- ``window_first_paint`` and ``window_start`` (issue 17): a fresh process that starts the
  application on the normal demo workspace as the ``unionperf`` command does (``ui.app.run``:
  font, translators, settings, logging, crash handler, the writer lock, the workspace opened,
  ``MainWindow`` shown, with the event loop replaced by a grab of the window) against a fresh
  process that shows a bare ``QMainWindow`` and grabs it, interleaved, 5 starts each, medians.
  ``window_first_paint``: until the start shell (ui/start_shell.py: the workspace's name, the
  navigator's column, a loading line) is painted, target ≤ 1.3×; ``window_start``: until the
  real window with its first step is painted, target ≤ 2.0×. Both clocks start when the child's
  code starts, before PySide6 is imported (interpreter start-up, the same for both, is left
  out, which makes the ratios stricter). For context a third child shows the bare window and
  then imports the store alone (``unionperf.store.rows``: SQLAlchemy's ORM and the mapped
  tables), the part of ``window_start`` no start-up that reads the workspace avoids.
- ``step_open_<step>``, one figure for each of the six steps of the grassroots window: on the
  large demo (200 projects × 20 indicators × 12 monitoring points), with the window open on
  2024 for one second (the user's first click does not come sooner; the window builds the other
  pages in that idle time, without their data — on a busy machine the bench waits until they
  are built, at most 15 s, as they would be in that second on an idle one), the time from
  clicking a step in the navigator until its page is painted (``open_step`` + processing the
  resulting events), each step opened for the first time (its page fills its models from the
  year in memory then). Target < 100 ms each in three runs out of three: the step-open child
  runs ``STEP_RUNS`` (3) times, each a fresh process, and the worst of the three is recorded
  per step (the lines give all three, wall and CPU time). The child runs the window as
  ``ui.app.run`` does, with the ``GarbageCollector`` that replaces automatic collection.
- ``window_peak_memory``: the peak resident memory of a process that opens the large demo in
  the window and visits every step (``VmHWM`` of the child's own address space, see
  bench/peak_memory.py; ``ru_maxrss`` would report the parent's peak), the highest of the
  three step-open runs. Target < 300 MB.

Each measurement runs in its own child process (``python bench/bench_window.py MODE ...``) so
that start-up is cold and memory is the window's alone; the child prints one JSON line. The
children import compiled modules, as an installed application does: with
``PYTHONDONTWRITEBYTECODE`` set every import would compile its source again (up to a third of a
step's first opening), so the children write and read their bytecode under
``build/bench-pycache`` (``PYTHONPYCACHEPREFIX``), compiled once before the first start.

``UNIONPERF_BENCH_ONLY=steps`` (or ``start``) runs one half alone (``python bench/bench_window.py
--only steps NORMAL LARGE`` does the same from the command line).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from peak_memory import peak_mb

ROOT = Path(__file__).resolve().parents[1]
STARTS = 5
STEP_RUNS = 3
"""Fresh processes that each open every step; the worst of them is recorded per step."""
MAX_IDLE = 15.0
"""Seconds the step child waits at most for the window to build its pages before clicking."""
PYCACHE = ROOT / "build" / "bench-pycache"
IDLE_BEFORE_FIRST_CLICK = 1.0
"""Seconds between the window appearing and the first click on a step."""
YEAR = 2024

Record = Callable[[str, float, float | None, float, str], None]


STEP_TARGET = 0.1


def bench_window(normal: Path, large: Path, record: Record) -> None:
    """Run the window benchmarks against the normal and the large demo workspaces."""
    _compile_sources()
    only = os.environ.get("UNIONPERF_BENCH_ONLY", "")
    if only != "steps":
        bench_start(normal, record)
    if only != "start":
        bench_steps(large, record)


def bench_start(normal: Path, record: Record) -> None:
    """Start the real window and a bare one, interleaved, ``STARTS`` times each."""
    runs: dict[str, list[float]] = {}
    for _ in range(STARTS):  # interleaved, so that a busy moment of the machine hits all three
        for mode, workspace in (("bare", None), ("app", normal), ("store", None)):
            for key, value in _child(mode, workspace).items():
                runs.setdefault(f"{mode}_{key}", []).append(value)
    bare = statistics.median(runs["bare_seconds"])
    bare_cpu = statistics.median(runs["bare_cpu"])
    print(
        f"  window start-up, {STARTS} starts each, median (range), wall clock: bare "
        f"{_spread(runs['bare_seconds'])}, first paint {_spread(runs['app_first_paint'])}, "
        f"usable {_spread(runs['app_seconds'])}; a bare window that then imports the store "
        f"(SQLAlchemy and the mapped rows, nothing else) {_spread(runs['store_seconds'])}"
    )
    print(
        f"  the same in CPU time of the child (less sensitive to a busy machine): bare "
        f"{_spread(runs['bare_cpu'])}, first paint {_spread(runs['app_first_paint_cpu'])} = "
        f"{statistics.median(runs['app_first_paint_cpu']) / bare_cpu:.2f}x, usable "
        f"{_spread(runs['app_cpu'])} = {statistics.median(runs['app_cpu']) / bare_cpu:.2f}x, "
        f"bare + store {_spread(runs['store_cpu'])} = "
        f"{statistics.median(runs['store_cpu']) / bare_cpu:.2f}x"
    )
    record("window_first_paint", statistics.median(runs["app_first_paint"]), bare, 1.3, "s")
    record("window_start", statistics.median(runs["app_seconds"]), bare, 2.0, "s")


def bench_steps(large: Path, record: Record) -> None:
    """Open each of the six steps on the large demo in ``STEP_RUNS`` fresh processes."""
    runs = [_child("steps", large) for _ in range(STEP_RUNS)]
    held = 0
    for step in runs[0]["steps"]:
        walls = [run["steps"][step] for run in runs]
        cpus = [run["steps_cpu_time"][step] for run in runs]
        held += all(wall < STEP_TARGET for wall in walls)
        print(
            f"  step {step}: wall {' / '.join(f'{wall * 1000:.0f}' for wall in walls)} ms, "
            f"CPU {' / '.join(f'{cpu * 1000:.0f}' for cpu in cpus)} ms in {STEP_RUNS} runs; "
            f"under {STEP_TARGET * 1000:.0f} ms in {sum(wall < STEP_TARGET for wall in walls)} "
            f"of {STEP_RUNS}"
        )
        record(f"step_open_{step}", max(walls), None, STEP_TARGET, "s")
    waited = [run["idle"] for run in runs]
    print(
        f"  steps within target in all {STEP_RUNS} runs: {held} of {len(runs[0]['steps'])}; "
        f"the window built its pages in {' / '.join(f'{wait:.1f}' for wait in waited)} s "
        f"before the first click (1 s on an idle machine)"
    )
    record("window_peak_memory", max(run["peak_mb"] for run in runs), None, 300.0, "MB")


def _spread(values: list[float]) -> str:
    """Median and range in milliseconds."""
    return (
        f"{statistics.median(values) * 1000:.0f} ms "
        f"({min(values) * 1000:.0f}–{max(values) * 1000:.0f})"
    )


def _child(mode: str, workspace: Path | None = None) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), mode]
    if workspace is not None:
        command.append(str(workspace))
    with tempfile.TemporaryDirectory() as home:
        # The real start reads and writes the user's settings and log folders: a fresh home.
        environment = {
            **{key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"},
            "PYTHONPYCACHEPREFIX": str(PYCACHE),
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": str(ROOT / "src"),
            "HOME": home,
            "XDG_CONFIG_HOME": f"{home}/config",
            "XDG_DATA_HOME": f"{home}/data",
            "XDG_STATE_HOME": f"{home}/state",
            "XDG_CACHE_HOME": f"{home}/cache",
        }
        done = subprocess.run(
            command, capture_output=True, text=True, check=True, env=environment, timeout=600
        )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _compile_sources() -> None:
    """Compile the application's modules into ``PYCACHE`` once, as an installation holds them."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "src")],
        check=True,
        env={**os.environ, "PYTHONPYCACHEPREFIX": str(PYCACHE)},
    )


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
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time()}


def _store_start(started: float) -> dict[str, Any]:
    """The bare window, then the store's import alone: what no start of the real window avoids."""
    _bare_start(started)
    import unionperf.store.rows  # noqa: F401, PLC0415

    return {"seconds": time.perf_counter() - started, "cpu": time.process_time()}


def _app_start(started: float, workspace: Path) -> dict[str, Any]:
    """``ui.app.run`` as the ``unionperf`` command starts it, with the event loop replaced.

    ``first_paint``: the start shell painted (``start_shell.show_start_shell`` returned);
    ``seconds``: the real window shown and its first step painted (when the event loop would
    start; the window is grabbed as the bare one is).
    """
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from unionperf.ui import app, start_shell  # noqa: PLC0415

    marks: dict[str, float] = {}
    show_shell = start_shell.show_start_shell

    def timed_shell(*args: Any, **kwargs: Any) -> Any:
        shell = show_shell(*args, **kwargs)
        shell.grab()
        marks["first_paint"] = time.perf_counter() - started
        marks["first_paint_cpu"] = time.process_time()
        return shell

    def shown() -> int:
        (window,) = [
            widget
            for widget in QApplication.topLevelWidgets()
            if widget.isVisible() and widget.objectName() != "startShell"
        ]
        QApplication.processEvents()
        window.grab()
        marks["seconds"] = time.perf_counter() - started
        marks["cpu"] = time.process_time()
        window.close()
        return 0

    start_shell.show_start_shell = timed_shell
    QApplication.exec = staticmethod(shown)  # type: ignore[method-assign]
    if app.run(workspace) != 0:
        raise SystemExit("the window did not start")
    return marks


def _steps(workspace: Path) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from unionperf.domain.cycle import Step  # noqa: PLC0415
    from unionperf.services.common.workspace import Workspace  # noqa: PLC0415
    from unionperf.ui.app import install_translators, load_font  # noqa: PLC0415
    from unionperf.ui.gc_guard import GarbageCollector  # noqa: PLC0415
    from unionperf.ui.main_window import MainWindow  # noqa: PLC0415

    app = QApplication(sys.argv[:1])
    load_font(app)
    install_translators(app)
    collector = GarbageCollector(app)  # as ui.app.run: no automatic collection in the window
    opened = Workspace.open(workspace)
    window = MainWindow(opened)
    window.show()
    window.refresh_years(YEAR)
    shown = time.perf_counter()
    while time.perf_counter() < shown + IDLE_BEFORE_FIRST_CLICK or (
        len(window.step_pages) < len(Step) and time.perf_counter() < shown + MAX_IDLE
    ):
        app.processEvents()
        time.sleep(0.01)
    idle = time.perf_counter() - shown
    times: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for step in [*list(Step)[1:], Step.UNIT]:
        begun, begun_cpu = time.perf_counter(), time.process_time()
        window.open_step(step)
        app.processEvents()
        window.repaint()
        times[step.value] = time.perf_counter() - begun
        cpu[step.value] = time.process_time() - begun_cpu
    peak = peak_mb()
    opened.close()
    collector.stop()
    return {"steps": times, "steps_cpu_time": cpu, "peak_mb": peak, "idle": idle}


def _main(argv: list[str]) -> int:
    if argv[0] == "--only":  # the parent: python bench/bench_window.py --only steps NORMAL LARGE
        from run import record  # noqa: PLC0415

        os.environ["UNIONPERF_BENCH_ONLY"] = argv[1]
        bench_window(Path(argv[2]), Path(argv[3]), record)
        return 0
    started = time.perf_counter()
    started_cpu = time.process_time()
    mode = argv[0]
    if mode == "bare":
        result = _bare_start(started)
    elif mode == "app":
        result = _app_start(started, Path(argv[1]))
    elif mode == "store":
        result = _store_start(started)
    else:
        result = _steps(Path(argv[1]))
    for key in [key for key in result if key.endswith("cpu")]:
        result[key] -= started_cpu  # the CPU time of this process from the same start
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
