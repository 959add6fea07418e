"""文件 › 导出/导入 Excel 填报表, as the accountant does it: menu, file, Excel, menu again."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.chinese import english_in
from tests.forms.test_fillin_support import Book
from tests.ui.test_chinese_window import window_texts
from unionperf.services.cycle.locks import open_adjustment
from unionperf.ui import fillin_actions, messages
from unionperf.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

YEAR = 2024
JOB_TIMEOUT_MS = 60_000


@pytest.fixture
def shown(monkeypatch):
    """What the window told the user: errors and notices."""
    seen: dict[str, list[str]] = {"errors": [], "info": []}
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, title, error: seen["errors"].append(str(error))
    )
    monkeypatch.setattr(
        messages, "show_info", lambda _parent, _title, text: seen["info"].append(text)
    )
    return seen


@pytest.fixture
def window(qtbot, demo_workspace, zh_cn):
    # The demo's stages are signed off: changing them through the workbook is an adjustment.
    for stage in sorted({item.stage for item in demo_workspace.load_year(YEAR).signoffs}):
        open_adjustment(demo_workspace, YEAR, stage, "按填报表调整")
    opened = MainWindow(demo_workspace)
    qtbot.addWidget(opened)
    opened.resize(1366, 768)
    opened.show()
    opened.refresh_years(YEAR)
    return opened


def _menu_action(window: MainWindow, text: str):
    """The 文件 menu's action whose text (without the accelerator) is ``text``."""
    for action in window.file_menu.actions():
        if action.text().replace("&", "") == text:
            return action
    raise AssertionError(
        f"文件 menu has no {text}: {[a.text() for a in window.file_menu.actions()]}"
    )


def _export(qtbot, window, tmp_path, monkeypatch, shown) -> Path:
    offered: list[str] = []
    target = tmp_path / "给会计的填报表.xlsx"
    monkeypatch.setattr(
        fillin_actions,
        "choose_export_file",
        lambda _parent, suggested: offered.append(suggested) or target,
    )
    _menu_action(window, "导出Excel填报表…").trigger()
    qtbot.waitUntil(lambda: bool(shown["info"] or shown["errors"]), timeout=JOB_TIMEOUT_MS)
    assert shown["errors"] == []
    assert offered == [f"81310115MC2K7Q8P1A_{YEAR}_填报表.xlsx"]
    return target


def _import(qtbot, window, path: Path, monkeypatch, shown, done) -> None:  # noqa: PLR0917
    monkeypatch.setattr(fillin_actions, "choose_import_file", lambda _parent: path)
    _menu_action(window, "导入Excel填报表…").trigger()
    qtbot.waitUntil(done, timeout=JOB_TIMEOUT_MS)


def test_the_workbook_is_exported_from_the_file_menu(qtbot, window, tmp_path, monkeypatch, shown):
    path = _export(qtbot, window, tmp_path, monkeypatch, shown)
    assert openpyxl.load_workbook(path).sheetnames[:3] == ["说明", "预算", "项目"]
    assert str(path) in shown["info"][0]


def test_an_edited_workbook_is_imported_and_the_window_shows_the_change(
    qtbot, window, tmp_path, monkeypatch, shown
):
    path = _export(qtbot, window, tmp_path, monkeypatch, shown)
    project = window.session.data.projects[0]
    book = Book(path.read_bytes())
    book.set("项目", book.row("项目", "项目名称", project.name), "项目负责人", "李新")
    path.write_bytes(book.save())
    _import(qtbot, window, path, monkeypatch, shown, lambda: len(shown["info"]) == 2)
    assert shown["errors"] == []
    assert "已导入" in shown["info"][1]
    assert window.session.data.project(project.uid).responsible == "李新"


def test_a_refused_workbook_lists_every_problem_in_chinese_and_saves_nothing(
    qtbot, window, tmp_path, monkeypatch, shown
):
    path = _export(qtbot, window, tmp_path, monkeypatch, shown)
    before = window.session.workspace.load_year(YEAR)
    book = Book(path.read_bytes())
    target = book.set("指标", book.row("指标", "指标编号", "p2024-01-i01"), "指标值", "十二")
    book.set("项目", 2, "项目名称", None)
    path.write_bytes(book.save())
    actions = fillin_actions_of(window)
    _import(qtbot, window, path, monkeypatch, shown, lambda: actions.problems_dialog is not None)
    dialog = actions.problems_dialog
    assert dialog.isVisible()
    rows = dialog.rows()
    assert len(rows) == 2
    assert any(where == f"指标!{target}" and "“十二”不是数字" in text for where, text in rows)
    assert any(where.startswith("项目!") and "项目名称" in text for where, text in rows)
    assert english_in(window_texts(dialog)) == []
    assert shown["errors"] == []
    assert window.session.workspace.load_year(YEAR) == before


def test_a_workbook_of_a_locked_stage_is_refused_with_a_chinese_reason(  # noqa: PLR0917
    qtbot, demo_workspace, zh_cn, tmp_path, monkeypatch, shown
):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    path = _export(qtbot, window, tmp_path, monkeypatch, shown)
    book = Book(path.read_bytes())  # the targets are signed off by the chair: locked
    book.set("指标", book.row("指标", "指标编号", "p2024-01-i01"), "三级指标", "改名的指标")
    path.write_bytes(book.save())
    _import(qtbot, window, path, monkeypatch, shown, lambda: bool(shown["errors"]))
    assert "锁定" in shown["errors"][0]
    assert english_in([("error", shown["errors"][0])]) == []


def fillin_actions_of(window: MainWindow) -> fillin_actions.FillinActions:
    return window.fillin
