"""帮助 › 导出匿名支持数据…: from the Help menu, off the GUI thread, into a zip that opens."""

from __future__ import annotations

import zipfile

import pytest

from unionperf.domain.anonymise import fingerprint
from unionperf.services.common.workspace import Workspace
from unionperf.ui import messages
from unionperf.ui import support_export as support_window
from unionperf.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

JOB_TIMEOUT_MS = 60_000


def _support_action(window: MainWindow):
    [action] = [a for a in window.help_menu.actions() if a is window.support_action]
    return action


def test_the_help_menu_writes_the_support_copy(qtbot, demo_workspace, tmp_path, monkeypatch):
    out = tmp_path / "支持" / "copy.zip"
    monkeypatch.setattr(support_window, "choose_support_file", lambda _parent: out)
    told: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda _p, title, text: told.append(text))
    monkeypatch.setattr(messages, "show_error", lambda _p, title, error: told.append(str(error)))
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    _support_action(window).trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=JOB_TIMEOUT_MS)
    assert str(out) in told[0]
    assert "same problems and scores" in told[0]
    folder = tmp_path / "opened"
    with zipfile.ZipFile(out) as archive:
        archive.extractall(folder)
    with Workspace.open(folder, writer=False) as copy:
        for year in demo_workspace.years():
            assert fingerprint(copy.load_year(year)) == fingerprint(demo_workspace.load_year(year))
        unit = copy.unit()
        assert unit is not None
        assert unit.name != demo_workspace.unit().name


def test_cancelling_the_file_dialog_writes_nothing(qtbot, demo_workspace, monkeypatch):
    monkeypatch.setattr(support_window, "choose_support_file", lambda _parent: None)
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    assert support_window.export_support_data(window, demo_workspace) is None


def test_the_action_is_in_chinese(zh_cn, qtbot, demo_workspace):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    assert _support_action(window).text() == "导出匿名支持数据…"
