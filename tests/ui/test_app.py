"""Starting the window: display, font, catalogues, first run or last workspace, one writer,
window geometry, logging and the crash report of the last session."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWizard

from unionperf.demo.data import demo_unit
from unionperf.services.common.signing import key_info
from unionperf.services.common.workspace import Workspace
from unionperf.ui import app as app_module
from unionperf.ui import crash
from unionperf.ui.crash import CrashHandler
from unionperf.ui.first_run import FirstRunWizard
from unionperf.ui.main_window import MainWindow
from unionperf.ui.settings import AppSettings

DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
TITLE = "工会预算绩效管理 · 基层单机版"


@pytest.fixture(autouse=True)
def user_folders(tmp_path, monkeypatch):
    """Never touch the real user settings and log folders; never wait on a crash dialog."""
    monkeypatch.setattr(app_module, "AppSettings", lambda: AppSettings(tmp_path / "settings.ini"))
    monkeypatch.setattr(crash, "fallback_log_folder", lambda: tmp_path / "user-logs")
    monkeypatch.setattr(app_module, "default_workspace_path", lambda: tmp_path / "default")
    dialogs: list[tuple] = []
    monkeypatch.setattr(crash, "show_crash_dialog", lambda *args: dialogs.append(args))
    monkeypatch.setattr(crash, "show_previous_crash", lambda *args: dialogs.append(args))
    return dialogs


def settings_file(tmp_path) -> AppSettings:
    return AppSettings(tmp_path / "settings.ini")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is Linux-only")
def test_without_a_display_exits_2_with_one_line(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in DISPLAY_VARIABLES}
    env["XDG_DATA_HOME"] = str(tmp_path)  # never touch the real user data folder
    done = subprocess.run(
        [sys.executable, "-m", "unionperf"],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "没有可用的图形显示 (no display)" in done.stderr
    assert "QT_QPA_PLATFORM=offscreen" in done.stderr
    assert "Traceback" not in done.stderr
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {}, False),
        ("linux", {"DISPLAY": ":0"}, True),
        ("linux", {"WAYLAND_DISPLAY": "wayland-0"}, True),
        ("linux", {"QT_QPA_PLATFORM": "offscreen"}, True),
        ("win32", {}, True),
    ],
)
def test_has_display(monkeypatch, platform, env, expected):
    for name in DISPLAY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", platform)
    assert app_module.has_display() is expected


@pytest.fixture
def restored_font(qapp):
    font = qapp.font()
    yield
    qapp.setFont(font)


def test_bundled_font_becomes_the_application_font(qapp, restored_font):
    family = app_module.load_font(qapp)
    assert family is not None
    assert "Micro Hei" in family
    assert qapp.font().family() == family
    assert qapp.font().pointSize() >= app_module.FONT_POINT_SIZE


@pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")
def test_workspace_that_cannot_open_is_reported(qapp, restored_font, monkeypatch, tmp_path):
    # The start shell is shown (a QMainWindow: Qt's offscreen warning) before the store opens.
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox,
        "critical",
        staticmethod(lambda _parent, title, text: shown.append((title, text))),
    )
    assert app_module.run(blocker / "workspace") == 2
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "工会预算绩效管理"
    assert text.startswith("无法打开工作区：\n")
    assert str(blocker) in text  # the service's Chinese sentence names the place
    assert qapp.translate("MainWindow", "Load demo data") == "Load demo data"  # translators removed


def windows(test):
    """A test that shows the main window: font restored afterwards, Qt's offscreen warning."""
    # Qt's offscreen platform warns whenever a QMainWindow is shown (see test_main_window.py).
    ignore = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")
    return pytest.mark.usefixtures("qapp", "restored_font")(ignore(test))


@pytest.fixture
def shown_windows(monkeypatch):
    """Replace the event loop: record the main window shown (title, unit, size), then close it."""
    seen: list[MainWindow] = []
    adjust: list[Callable[[MainWindow], object]] = []

    def fake_exec() -> int:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        for window in found:
            if window.isVisible():
                seen.append(window)
                for change in adjust:
                    change(window)
            window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    return seen, adjust


@pytest.fixture
def no_wizard(monkeypatch):
    def refuse() -> None:
        raise AssertionError("the first-run wizard was not expected")

    monkeypatch.setattr(app_module, "ask_first_run", refuse)


def type_into(qtbot, edit, text: str) -> None:
    edit.setFocus()
    if text.isascii():
        qtbot.keyClicks(edit, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def drive_wizard(qtbot, wizard: FirstRunWizard) -> None:
    """What a user does on the first start: accept the folder, type the profile and passphrase."""
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, wizard.unit_page.name, "福州市鼓楼区某某公司工会委员会")
    type_into(qtbot, wizard.unit_page.credit_code, "91350100M000100Y43")
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, wizard.passphrase_page.first, "Gonghui2024!")
    type_into(qtbot, wizard.passphrase_page.second, "Gonghui2024!")
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)


@windows
def test_the_first_start_runs_the_wizard_and_remembers_the_workspace(
    qtbot, monkeypatch, tmp_path, shown_windows
):
    seen, _adjust = shown_windows
    asked: list[FirstRunWizard] = []

    def exec_wizard(wizard: FirstRunWizard) -> int:
        asked.append(wizard)
        wizard.show()
        drive_wizard(qtbot, wizard)
        return int(wizard.result())

    monkeypatch.setattr(FirstRunWizard, "exec", exec_wizard)
    assert app_module.run(None) == 0
    assert len(asked) == 1
    folder = tmp_path / "default"
    assert [w.windowTitle() for w in seen] == [TITLE]
    assert seen[0].unit_name.text() == "福州市鼓楼区某某公司工会委员会"
    assert settings_file(tmp_path).last_workspace() == folder.resolve()
    with Workspace.open(folder) as made:
        unit = made.unit()
        assert unit is not None
        assert unit.credit_code == "91350100M000100Y43"
        assert key_info(made).key_id
        assert len(made.years()) == 1
    assert not (folder / "unionperf.lock").exists()  # released on exit
    log_text = (folder / "logs" / app_module.LOG_NAME).read_text(encoding="utf-8")
    assert f"workspace opened: {folder}" in log_text


@windows
@pytest.mark.usefixtures("no_wizard")
def test_later_starts_open_the_last_workspace(tmp_path, demo_workspace, shown_windows):
    seen, _adjust = shown_windows
    root = demo_workspace.paths.root
    demo_workspace.close()
    settings_file(tmp_path).set_last_workspace(root)
    assert app_module.run(None) == 0
    assert [w.unit_name.text() for w in seen] == [demo_unit().name]


@windows
def test_a_last_workspace_that_is_gone_asks_again(tmp_path, monkeypatch, shown_windows):
    seen, _adjust = shown_windows
    settings_file(tmp_path).set_last_workspace(tmp_path / "deleted")
    monkeypatch.setattr(FirstRunWizard, "exec", lambda _wizard: int(QDialog.DialogCode.Rejected))
    assert app_module.run(None) == 0  # cancelled: nothing made, nothing shown
    assert seen == []
    assert not (tmp_path / "default").exists()


@windows
def test_the_wizard_can_open_an_existing_workspace(
    tmp_path, monkeypatch, empty_workspace, shown_windows
):
    seen, _adjust = shown_windows
    root = empty_workspace.paths.root
    empty_workspace.close()

    def exec_wizard(wizard: FirstRunWizard) -> int:
        wizard.workspace_page.open_radio.setChecked(True)
        wizard.workspace_page.folder_edit.setText(str(root))
        wizard.accept()
        return int(wizard.result())

    monkeypatch.setattr(FirstRunWizard, "exec", exec_wizard)
    assert app_module.run(None) == 0
    assert len(seen) == 1
    assert settings_file(tmp_path).last_workspace() == root.resolve()


@windows
@pytest.mark.usefixtures("no_wizard")
def test_the_window_geometry_is_kept(tmp_path, empty_workspace, shown_windows):
    seen, adjust = shown_windows
    root = empty_workspace.paths.root
    empty_workspace.close()
    adjust.append(lambda window: window.setWindowState(Qt.WindowState.WindowMaximized))
    assert app_module.run(root) == 0
    assert settings_file(tmp_path).window_geometry() is not None
    adjust.clear()
    assert app_module.run(root) == 0
    assert len(seen) == 2
    assert seen[1].isMaximized()


HOLDER = """
import sys
from pathlib import Path
from unionperf.services.common.writer_lock import take_writer_lock

lock = take_writer_lock(Path(sys.argv[1]))
print("locked", flush=True)
sys.stdin.readline()
"""


@windows
def test_a_workspace_open_in_another_window_is_refused(
    monkeypatch, tmp_path, empty_workspace, shown_windows
):
    seen, _adjust = shown_windows
    root = empty_workspace.paths.root
    empty_workspace.close()
    messages: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _parent, _title, text: messages.append(text))
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        assert app_module.run(root) == 2
    finally:
        holder.kill()
        holder.communicate(timeout=30)
    assert seen == []
    assert len(messages) == 1
    assert "该工作区正在被另一个程序使用（" in messages[0]
    assert f"进程 {holder.pid}，开始于 " in messages[0]
    assert settings_file(tmp_path).last_workspace() is None
    # the holder is gone: its lock went with it
    assert app_module.run(root) == 0
    assert len(seen) == 1


@windows
def test_the_crash_of_the_last_session_is_offered_once(
    monkeypatch, tmp_path, empty_workspace, shown_windows
):
    seen, _adjust = shown_windows
    root = empty_workspace.paths.root
    logs = empty_workspace.paths.logs
    empty_workspace.close()
    dialogs: list[object] = []
    monkeypatch.setattr(crash, "show_crash_dialog", lambda *args: dialogs.append(args))
    offered: list[object] = []
    monkeypatch.setattr(
        crash, "show_previous_crash", lambda parent, report: offered.append((parent, report))
    )
    last_session = CrashHandler(logs)
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        last_session.handle(*sys.exc_info())
    (report,) = last_session.reports
    assert report.parent == logs
    assert len(dialogs) == 1

    assert app_module.run(root) == 0
    assert offered == [(seen[0], report)]
    assert app_module.run(root) == 0
    assert len(offered) == 1  # remembered in the settings: not offered again


def test_logging_goes_to_one_rotating_file(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stderr", None)
    root = logging.getLogger()
    level = root.level
    console = logging.StreamHandler()  # as logging.basicConfig makes it when stderr is None
    root.addHandler(console)
    try:
        app_module.configure_logging(tmp_path / "a")
        app_module.configure_logging(tmp_path / "b")
        ours = [h for h in root.handlers if h.get_name() == app_module.LOG_HANDLER_NAME]
        assert len(ours) == 1
        assert console not in root.handlers
        logging.getLogger("unionperf.test").info("hello")
        assert "hello" in (tmp_path / "b" / app_module.LOG_NAME).read_text(encoding="utf-8")
    finally:
        app_module.remove_logging()
        root.removeHandler(console)
        root.setLevel(level)
    assert not [h for h in root.handlers if h.get_name() == app_module.LOG_HANDLER_NAME]


@windows
def test_an_error_in_a_slot_is_reported_and_the_window_keeps_running(
    tmp_path, empty_workspace, monkeypatch, user_folders
):
    root = empty_workspace.paths.root
    empty_workspace.close()
    windows_seen: list[MainWindow] = []

    def event_loop() -> int:
        (window,) = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        windows_seen.append(window)
        loop = QEventLoop()
        QTimer.singleShot(0, lambda: 1 / 0)  # a bug in a slot
        QTimer.singleShot(50, window.close)
        QTimer.singleShot(60, loop.quit)
        return loop.exec()

    monkeypatch.setattr(QApplication, "exec", staticmethod(event_loop))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # pytest-qt's, restored by run()
    assert app_module.run(root) == 0
    ((parent, details, report),) = user_folders
    assert report.parent == root / "logs"
    assert "ZeroDivisionError" in details
    assert report.read_text(encoding="utf-8") == details
    assert "uncaught exception" in (root / "logs" / app_module.LOG_NAME).read_text(encoding="utf-8")
    _ = parent
