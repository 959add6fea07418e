"""Uncaught errors: the hook logs and keeps a report; hard crashes are collected next start."""

from __future__ import annotations

import faulthandler
import os
import subprocess
import sys
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from unionperf.ui import crash
from unionperf.ui.crash import CrashDialog, CrashHandler
from unionperf.ui.settings import AppSettings


@pytest.fixture
def shown(monkeypatch):
    seen: list[tuple[str, object]] = []
    monkeypatch.setattr(
        crash, "show_crash_dialog", lambda _parent, details, report: seen.append((details, report))
    )
    monkeypatch.setattr(
        crash, "show_previous_crash", lambda _parent, report: seen.append(("previous", report))
    )
    return seen


@pytest.fixture
def handler(tmp_path, monkeypatch):
    monkeypatch.setattr(crash, "fallback_log_folder", lambda: tmp_path / "user-logs")
    made = CrashHandler(tmp_path / "logs")
    made.install()
    yield made
    made.uninstall()


def raise_and_catch() -> tuple:
    try:
        raise ValueError("boom in a slot")
    except ValueError:
        return sys.exc_info()


def test_the_hook_logs_writes_a_report_and_shows_it(qapp, handler, shown, caplog, tmp_path):
    _ = qapp
    assert sys.excepthook == handler.handle
    handler.handle(*raise_and_catch())
    (report,) = handler.reports
    assert report.parent == tmp_path / "logs"
    assert report.name.startswith("crash-")
    text = report.read_text(encoding="utf-8")
    assert text.startswith("unionperf ")
    assert "ValueError: boom in a slot" in text
    assert "raise_and_catch" in text
    assert shown == [(text, report)]
    assert "uncaught exception" in caplog.text


def test_keyboard_interrupt_is_not_a_crash(handler, shown, monkeypatch):
    seen = []
    monkeypatch.setattr(handler, "_previous_hook", lambda *args: seen.append(args[0]))
    handler.handle(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert seen == [KeyboardInterrupt]
    assert handler.reports == []
    assert shown == []


def test_a_thread_error_is_kept_without_a_dialog(handler, shown):
    worker = threading.Thread(target=lambda: 1 / 0, name="worker")
    worker.start()
    worker.join()
    (report,) = handler.reports
    assert "ZeroDivisionError" in report.read_text(encoding="utf-8")
    assert shown == []


def test_an_unwritable_log_folder_falls_back_to_the_user_log_folder(tmp_path, handler, shown):
    _ = shown
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    handler.move_to(blocker / "logs")
    handler.handle(*raise_and_catch())
    (report,) = handler.reports
    assert report.parent == tmp_path / "user-logs"


def test_install_and_uninstall_restore_the_hooks(tmp_path):
    before = sys.excepthook
    made = CrashHandler(tmp_path / "logs")
    made.install()
    assert faulthandler.is_enabled()
    assert made.fault_log.exists()
    made.move_to(tmp_path / "other")
    assert not (tmp_path / "logs" / made.fault_log.name).exists()  # empty: removed
    assert made.fault_log.parent == tmp_path / "other"
    made.uninstall()
    assert sys.excepthook == before
    assert not made.fault_log.exists()


HARD_CRASH = """
import faulthandler, sys
from pathlib import Path
from unionperf.ui.crash import CrashHandler

CrashHandler(Path(sys.argv[1])).install()
faulthandler._sigsegv()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="a segmentation fault opens a dialog there")
def test_a_hard_crash_becomes_a_report_at_the_next_start(tmp_path, shown):
    folder = tmp_path / "logs"
    done = subprocess.run(
        [sys.executable, "-c", HARD_CRASH, str(folder)],
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode != 0
    (fatal,) = folder.glob("fatal-*.log")
    assert "Segmentation fault" in fatal.read_text(encoding="utf-8")
    settings = AppSettings(tmp_path / "settings.ini")
    offered = crash.offer_previous_crash(None, [folder], settings)
    assert offered is not None
    text = offered.read_text(encoding="utf-8")
    assert "fatal error (process" in text
    assert "Segmentation fault" in text
    assert not fatal.exists()
    assert shown == [("previous", offered)]


def test_a_report_is_offered_once(tmp_path, shown):
    folder = tmp_path / "logs"
    settings = AppSettings(tmp_path / "settings.ini")
    assert crash.offer_previous_crash(None, [folder], settings) is None
    first = crash.write_report(folder, "first")
    assert crash.offer_previous_crash(None, [folder], settings) == first
    assert crash.offer_previous_crash(None, [folder], settings) is None
    assert AppSettings(tmp_path / "settings.ini").last_crash_offered() > 0
    second = crash.write_report(folder, "second")
    os.utime(
        second, ns=(first.stat().st_mtime_ns + 1_000_000, first.stat().st_mtime_ns + 1_000_000)
    )
    assert crash.offer_previous_crash(None, [folder], settings) == second
    assert shown == [("previous", first), ("previous", second)]


def test_a_running_windows_fault_log_is_left_alone(tmp_path):
    folder = tmp_path / "logs"
    folder.mkdir()
    mine = folder / f"fatal-{os.getpid()}.log"
    mine.write_text("in use", encoding="utf-8")
    assert crash.collect_fatal_logs(folder) == []
    assert mine.exists()


def test_the_dialog_copies_details_and_opens_the_folder(qtbot, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(crash, "open_folder", lambda folder: opened.append(folder) or True)
    report = crash.write_report(tmp_path / "logs", "Traceback: boom")
    dialog = CrashDialog("intro", "Traceback: boom", report)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == f"{report}\n\nTraceback: boom"
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert opened == [tmp_path / "logs"]
