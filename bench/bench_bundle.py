"""Bundle benchmarks (issue 6): size of dist/unionperf and its start against the virtualenv's.

- ``bundle_size``: the bytes of every file in the one-folder bundle (symbolic links not
  followed), in MB (10^6). Target ≤ 200 MB.
- ``bundle_start_cold`` / ``bundle_start_warm``: wall time of a whole process that starts the
  app, opens the normal demo workspace, shows the main window (offscreen) and exits —
  ``dist/unionperf/unionperf selftest --window-only`` against the same command run from the
  virtualenv (``.venv/bin/unionperf``), alternating, in the same run. Cold: the kernel's page
  cache is dropped before every start (needs root; when it cannot be dropped the cold figures
  are not recorded and the bench says so). Warm: median of the runs after one unmeasured start
  of each. Target ≤ 1.5× for both.

Run with ``make bundle`` (after building) or ``python bench/bench_bundle.py``; results are added
to build/bench.json like every other benchmark.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "unionperf"
VENV_APP = ROOT / ".venv" / "bin" / "unionperf"
WARM_STARTS = 5
COLD_STARTS = 3
DROP_CACHES = Path("/proc/sys/vm/drop_caches")

Record = Callable[[str, float, float | None, float, str], None]


def bench_bundle(workspace: Path, record: Record, bundle: Path = BUNDLE) -> None:
    """Measure the bundle's size and start-up against the virtualenv's on ``workspace``."""
    executable = bundle / ("unionperf.exe" if sys.platform == "win32" else "unionperf")
    record("bundle_size", folder_bytes(bundle) / 1e6, None, 200.0, "MB")
    bundled = [str(executable), "selftest", "--window-only", "--workspace", str(workspace)]
    from_venv = [str(VENV_APP), *bundled[1:]]
    if can_drop_caches():
        cold = _alternate(bundled, from_venv, COLD_STARTS, cold=True)
        record("bundle_start_cold", cold[0], cold[1], 1.5, "s")
    else:
        print("bundle_start_cold: not measured (the page cache can only be dropped as root)")
    _start(bundled)  # one unmeasured start of each warms the page cache
    _start(from_venv)
    warm = _alternate(bundled, from_venv, WARM_STARTS, cold=False)
    record("bundle_start_warm", warm[0], warm[1], 1.5, "s")


def folder_bytes(folder: Path) -> int:
    """The size of every regular file under ``folder`` (links are not followed)."""
    return sum(
        path.lstat().st_size
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


def can_drop_caches() -> bool:
    """Whether this process may drop the kernel's page cache (Linux, root)."""
    return DROP_CACHES.exists() and os.access(DROP_CACHES, os.W_OK)


def _alternate(
    bundled: Sequence[str], from_venv: Sequence[str], starts: int, *, cold: bool
) -> tuple[float, float]:
    """Medians of (bundle, virtualenv) start times, the two commands taking turns."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(starts):
        for command, into in ((bundled, times[0]), (from_venv, times[1])):
            if cold:
                _drop_caches()
            into.append(_start(command))
    return statistics.median(times[0]), statistics.median(times[1])


def _drop_caches() -> None:
    subprocess.run(["sync"], check=True)
    DROP_CACHES.write_text("3\n")


def _start(command: Sequence[str]) -> float:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return seconds


def main() -> int:
    """Measure against a fresh normal demo workspace."""
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "bench"))
    from run import record  # noqa: PLC0415
    from unionperf.services.cycle.demo import create_demo  # noqa: PLC0415

    if not BUNDLE.is_dir():
        print(f"no bundle at {BUNDLE}: run `make bundle` first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        create_demo(Path(folder) / "demo").close()
        bench_bundle(Path(folder) / "demo", record)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
