"""A new accountant finds their data: the wizard says where, the window shows where and opens it."""

from __future__ import annotations

import pytest

from unionperf.ui import first_run, messages, workspace_folder
from unionperf.ui.first_run import FirstRunWizard
from unionperf.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, title, error: shown.append(str(error))
    )
    return shown


def test_the_wizard_shows_the_full_folder_it_will_make(qtbot, tmp_path, zh_cn):
    folder = tmp_path / "文档" / "工会预算绩效工作区"
    wizard = FirstRunWizard(folder)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    page = wizard.workspace_page
    assert page.folder_edit.text() == str(folder)
    assert f"将新建文件夹：{folder}" in page.hint.text()
    assert "文件 › 打开工作区所在文件夹" in page.hint.text()


def test_the_wizard_without_a_folder_proposes_the_visible_default(qtbot, monkeypatch, tmp_path):
    visible = tmp_path / "文档" / "工会预算绩效工作区"
    monkeypatch.setattr(first_run, "default_workspace_path", lambda: visible)
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    assert wizard.workspace_page.folder() == visible


def test_the_window_shows_where_the_workspace_is_and_opens_that_folder(
    qtbot, demo_workspace, monkeypatch, errors, zh_cn
):
    opened: list = []
    monkeypatch.setattr(workspace_folder, "open_folder", lambda path: opened.append(path) or True)
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    root = demo_workspace.paths.root
    assert window.path_label.text() == f"工作区：{root}"
    assert window.path_label.toolTip() == f"工作区文件夹：{root}"
    assert window.open_folder_action.text() == "打开工作区所在文件夹"
    window.open_folder_action.trigger()
    assert opened == [root]
    window.about_action.trigger()
    dialog = window.about_dialog
    assert dialog is not None
    assert dialog.rows["workspace"].text() == str(root)
    assert str(root) in dialog.facts_text()
    dialog.close()
    assert errors == []


def test_a_folder_that_cannot_be_opened_is_named_in_the_message(
    qtbot, demo_workspace, monkeypatch, errors, zh_cn
):
    monkeypatch.setattr(workspace_folder, "open_folder", lambda _path: False)
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.open_folder_action.trigger()
    assert errors == [f"无法打开文件夹：{demo_workspace.paths.root}"]
