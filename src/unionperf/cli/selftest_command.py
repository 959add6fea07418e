"""The hidden ``selftest`` command: proves that an installation works, end to end.

``unionperf selftest`` makes a temporary workspace, migrates it, fills the demo, scores it, runs
the rules, writes every form, exports and verifies a signed package, then shows the main window
offscreen in Simplified Chinese with every step opened. Exit code 0 when all of it worked.

A windowed Windows executable has no console, so ``--report FILE`` writes the same lines to a file.
``--window-only --workspace W`` only opens the window on ``W`` and quits (the start-up benchmark).
``--screen`` shows the window on the real display (X11, Wayland, Windows) instead of offscreen.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from unionperf import __version__
from unionperf.cli.common import EXIT_ERROR, EXIT_OK

if TYPE_CHECKING:
    from unionperf.services.selftest import Check

__all__ = ["add_selftest_command"]


def add_selftest_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``selftest`` without listing it in ``--help``."""
    sub = commands.add_parser("selftest", description="检查本机安装是否完整可用（自检）")
    sub.set_defaults(handler=_selftest)
    sub.add_argument("--report", type=Path, help="同时把结果写入该文件")
    sub.add_argument("--window-only", action="store_true", help="只在 --workspace 上打开窗口")
    sub.add_argument(
        "--screen", action="store_true", help="在真实屏幕上显示窗口（默认不显示：offscreen）"
    )
    sub.add_argument("--workspace", type=Path, help="--window-only 使用的工作区")


def _selftest(args: argparse.Namespace) -> int:
    if not args.screen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no screen needed, on any platform
    if args.window_only:
        return _window_only(args.workspace)
    with _Report(args.report) as report:
        return _run_checks(report)


def _run_checks(report: _Report) -> int:
    from unionperf.services.selftest import SelftestFailedError, service_checks  # noqa: PLC0415

    start = time.perf_counter()
    report.line(f"UnionPerf {__version__} 自检 (selftest)")
    report.line(f"程序：{_where()}；Python {platform.python_version()}；{platform.platform()}")
    try:
        with tempfile.TemporaryDirectory(prefix="unionperf-selftest-") as folder:
            checks: list[Check] = []

            def passed(check: Check) -> None:
                checks.append(check)
                report.check(check)

            with service_checks(Path(folder), passed) as run:
                from unionperf.ui.selftest import window_check  # noqa: PLC0415

                # the workspace holds its writer lock, as the window's does
                passed(run.run("显示主窗口（中文界面）", lambda: window_check(run.opened())))
    except SelftestFailedError as error:
        report.line(f"失败 (FAILED)：{error}")
        return EXIT_ERROR
    except Exception as error:  # the report must say what broke, whatever it was
        report.line(f"失败 (FAILED)：{type(error).__name__}: {error}")
        report.line("".join(traceback.format_exception(error)).rstrip())
        return EXIT_ERROR
    report.line(
        f"自检通过 (selftest passed)：{len(checks)} 项，{time.perf_counter() - start:.1f} 秒"
    )
    return EXIT_OK


def _window_only(workspace: Path | None) -> int:
    from unionperf.services.common.errors import ServiceError  # noqa: PLC0415
    from unionperf.services.common.workspace import Workspace  # noqa: PLC0415
    from unionperf.ui.selftest import show_window  # noqa: PLC0415

    if workspace is None:
        raise ServiceError("--window-only 需要 --workspace")
    with Workspace.open(workspace) as opened:
        seconds = show_window(opened)
    print(f"窗口已显示：{seconds * 1000:.0f} ms")
    return EXIT_OK


def _where() -> str:
    if getattr(sys, "frozen", False):
        return f"安装包 {Path(sys.executable).parent}"
    return f"Python 环境 {sys.prefix}"


class _Report:
    """Writes each line to the console (when there is one) and to the report file."""

    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._file: TextIO | None = None

    def __enter__(self) -> _Report:
        if self._path is not None:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            self._file = self._path.open("w", encoding="utf-8")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._file is not None:
            self._file.close()

    def check(self, check: Check) -> None:
        """Report one passed check."""
        self.line(f"通过 (ok)  {check.name}：{check.detail}（{check.seconds * 1000:.0f} ms）")

    def line(self, text: str) -> None:
        """Report one line."""
        print(text, flush=True)
        if self._file is not None:
            self._file.write(text + "\n")
            self._file.flush()
