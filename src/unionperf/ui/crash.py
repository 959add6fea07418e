"""Uncaught errors: log them, keep a crash report, tell the user; hard crashes shown next start.

Crash reports are ``crash-<time>.txt`` files in the workspace's ``logs/`` folder
(``WorkspacePaths.logs``); before a workspace is open (the first-run wizard) they go to the user
log folder (:func:`fallback_log_folder`, the same folder the command line uses). A hard crash
(segmentation fault, abort) cannot run Python code: ``faulthandler`` writes its stacks into
``fatal-<pid>.log`` in the same folder, and the next start turns a non-empty one left by a
process that is gone into a crash report. Each start offers the newest report not offered yet
(remembered in the settings).

Tests replace :func:`show_crash_dialog`, :func:`show_previous_crash` and :func:`open_folder`.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import os
import sys
import threading
import traceback
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QWidget

from unionperf import __version__
from unionperf.ui.settings import AppSettings

__all__ = [
    "CrashHandler",
    "collect_fatal_logs",
    "crash_reports",
    "fallback_log_folder",
    "offer_previous_crash",
    "open_folder",
    "report_text",
    "show_crash_dialog",
    "show_previous_crash",
    "write_report",
]

log = logging.getLogger(__name__)


def __getattr__(name: str) -> object:
    """``CrashDialog`` lives in ui/crash_dialog.py, imported when first asked for.

    Its widgets cost Qt's type set-up at start, before the window's first paint.
    """
    if name == "CrashDialog":
        from unionperf.ui.crash_dialog import CrashDialog  # noqa: PLC0415

        return CrashDialog
    raise AttributeError(name)


CRASH_PREFIX = "crash-"
FATAL_PREFIX = "fatal-"


def fallback_log_folder() -> Path:
    """The user log folder, for crashes and logs before a workspace is open."""
    from platformdirs import user_log_path  # noqa: PLC0415 - after the first paint

    return user_log_path("UnionPerf", appauthor=False)


def report_text(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> str:
    """A crash report: program and platform versions, then the traceback."""
    lines = traceback.format_exception(kind, error, trace)
    return _header() + "".join(lines)


def _header() -> str:
    import platform  # noqa: PLC0415 - only for a report

    now = datetime.now().astimezone().isoformat(timespec="seconds")
    return (
        f"unionperf {__version__}\n"
        f"time: {now}\n"
        f"python: {platform.python_version()} · PySide6 {pyside_version}\n"
        f"platform: {platform.platform()}\n\n"
    )


def write_report(folder: Path, text: str) -> Path:
    """Write a crash report into ``folder`` (made when missing) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"{CRASH_PREFIX}{stamp}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def crash_reports(folders: Iterable[Path]) -> list[Path]:
    """The crash reports in ``folders``, oldest first."""
    found = [
        path
        for folder in folders
        if folder.is_dir()
        for path in folder.glob(f"{CRASH_PREFIX}*.txt")
        if path.is_file()
    ]
    return sorted(found, key=lambda path: path.stat().st_mtime_ns)


def collect_fatal_logs(folder: Path) -> list[Path]:
    """Turn hard-crash stacks left by processes that are gone into crash reports; return them."""
    made: list[Path] = []
    if not folder.is_dir():
        return made
    for path in sorted(folder.glob(f"{FATAL_PREFIX}*.log")):
        try:
            pid = int(path.stem.removeprefix(FATAL_PREFIX))
        except ValueError:
            continue
        # Imported here: the writer lock's module pulls in the store, after the first paint.
        from unionperf.services.common.writer_lock import process_alive  # noqa: PLC0415

        if pid == os.getpid() or process_alive(pid):
            continue  # still in use by a running window
        try:
            stacks = path.read_text(encoding="utf-8", errors="replace").strip()
            if stacks:
                made.append(
                    write_report(folder, f"{_header()}fatal error (process {pid}):\n{stacks}\n")
                )
            path.unlink()
        except OSError as error:
            log.warning("hard-crash log %s not collected: %s", path, error)
    return made


def offer_previous_crash(
    parent: QWidget | None, folders: Iterable[Path], settings: AppSettings
) -> Path | None:
    """Offer the newest crash report not offered before; return it (``None``: nothing new)."""
    folders = list(folders)
    for folder in folders:
        collect_fatal_logs(folder)
    offered = settings.last_crash_offered()
    reports = [path for path in crash_reports(folders) if path.stat().st_mtime_ns > offered]
    if not reports:
        return None
    newest = reports[-1]
    settings.set_last_crash_offered(newest.stat().st_mtime_ns)
    show_previous_crash(parent, newest)
    return newest


class CrashHandler:
    """Our ``sys.excepthook`` (and ``threading.excepthook``) and the hard-crash log.

    An uncaught error is logged, written as a crash report and, on the GUI thread, shown in a
    dialog that offers to copy the details or open the log folder. The window keeps running:
    every edit before the error was committed already.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.reports: list[Path] = []
        self._busy = False
        self._installed = False
        self._fault_file: IO[str] | None = None
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._fault_was_enabled = False

    @property
    def fault_log(self) -> Path:
        """Where ``faulthandler`` writes the stacks of a hard crash of this process."""
        return self.folder / f"{FATAL_PREFIX}{os.getpid()}.log"

    def install(self) -> None:
        """Become the exception hook and start the hard-crash log."""
        if self._installed:
            return
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._fault_was_enabled = faulthandler.is_enabled()
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread
        self._installed = True
        self._start_fault_log()

    def uninstall(self) -> None:
        """Restore the previous hooks; remove this process's (empty) hard-crash log."""
        if not self._installed:
            return
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook
        self._stop_fault_log()
        self._installed = False
        if self._fault_was_enabled and sys.__stderr__ is not None:
            with contextlib.suppress(ValueError, OSError, AttributeError):
                faulthandler.enable(sys.__stderr__)

    def move_to(self, folder: Path) -> None:
        """Keep crash reports and the hard-crash log in ``folder`` from now on (a workspace's)."""
        if folder == self.folder:
            return
        if self._installed:
            self._stop_fault_log()
        self.folder = folder
        if self._installed:
            self._start_fault_log()

    def handle(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        """The exception hook: log, write the report, show it (on the GUI thread only)."""
        if issubclass(kind, KeyboardInterrupt) or self._busy:
            self._previous_hook(kind, error, trace)
            return
        self._busy = True
        try:
            text = report_text(kind, error, trace)
            log.critical("uncaught exception", exc_info=(kind, error, trace))
            report = self._write(text)
            if report is not None and _can_show_dialog():
                show_crash_dialog(QApplication.activeWindow(), text, report)
        except Exception:  # the hook must never raise: Python would print and carry on anyway
            log.exception("the crash handler failed")
        finally:
            self._busy = False

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        text = report_text(args.exc_type, args.exc_value, args.exc_traceback)
        log.critical(
            "uncaught exception in thread %s",
            args.thread.name if args.thread else "?",
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )
        self._write(text)

    def _write(self, text: str) -> Path | None:
        for folder in (self.folder, fallback_log_folder()):
            try:
                report = write_report(folder, text)
            except OSError as error:
                log.error("crash report not written to %s: %s", folder, error)
                continue
            self.reports.append(report)
            return report
        return None

    def _start_fault_log(self) -> None:
        collect_fatal_logs(self.folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # kept open for the whole run: faulthandler writes to its descriptor when it dies
            self._fault_file = open(self.fault_log, "w", encoding="utf-8")  # noqa: SIM115
            faulthandler.enable(self._fault_file)
        except OSError as error:
            log.warning("hard-crash log not started in %s: %s", self.folder, error)

    def _stop_fault_log(self) -> None:
        faulthandler.disable()
        if self._fault_file is None:
            return
        self._fault_file.close()
        self._fault_file = None
        with contextlib.suppress(OSError):
            if self.fault_log.stat().st_size == 0:
                self.fault_log.unlink()


def _can_show_dialog() -> bool:
    return (
        isinstance(QApplication.instance(), QApplication)
        and threading.current_thread() is threading.main_thread()
    )


def show_crash_dialog(parent: QWidget | None, details: str, report: Path) -> None:
    """Tell the user an unexpected error happened now (modal)."""
    intro = QApplication.translate(
        "CrashDialog",
        "An unexpected error happened. Your data is safe: every change made before it was "
        "saved. The details were written to a report; please send it to whoever supports "
        "you, with what you were doing.",
    )
    from unionperf.ui.crash_dialog import CrashDialog  # noqa: PLC0415 - only when shown

    CrashDialog(intro, details, report, parent).exec()


def show_previous_crash(parent: QWidget | None, report: Path) -> None:
    """Tell the user the last session ended with an error, and where its report is (modal)."""
    intro = QApplication.translate(
        "CrashDialog",
        "The last session ended with an error. Your saved data is safe. The report below "
        "helps whoever supports you to find the cause.",
    )
    try:
        details = report.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        details = str(error)
    from unionperf.ui.crash_dialog import CrashDialog  # noqa: PLC0415 - only when shown

    CrashDialog(intro, details, report, parent).exec()


def open_folder(folder: Path) -> bool:
    """Show ``folder`` in the system's file manager; ``False`` when that failed."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
