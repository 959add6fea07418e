"""清理退出 through the fill-in workbook on a demo workspace: the same as the window's box."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.forms.test_fillin_support import Book
from unionperf.demo.data import HOME_UID
from unionperf.domain.validation import check_year
from unionperf.services.cycle import editing
from unionperf.services.cycle.demo import create_demo
from unionperf.services.cycle.fillin import ImportRefused, export_template, import_template

YEAR = 2024
WHY = "设备使用率低于预期，第三期不再实施，剩余资金收回统筹"


@pytest.fixture
def workspaces(tmp_path):
    opened = [create_demo(tmp_path / name) for name in ("excel", "window")]
    yield opened
    for workspace in opened:
        workspace.close()


def test_proposing_clear_out_in_the_workbook_equals_the_window(workspaces, tmp_path):
    excel, window = workspaces
    assert excel.load_year(YEAR).project_history, "the demo's 2024 holds 2023 of the project"
    book = Book(export_template(excel, YEAR, tmp_path / "fillin.xlsx").read_bytes())
    row = book.row("项目", "项目编号", HOME_UID)
    assert book.get("项目", row, "提出清理退出") == "否"
    book.set("项目", row, "提出清理退出", "是")
    book.set("项目", row, "清理退出原因", WHY)
    edited = tmp_path / "edited.xlsx"
    edited.write_bytes(book.save())
    report = import_template(excel, YEAR, edited)
    assert (report.total, report.projects_changed) == (1, 1)
    # What the window's 清理退出 box saves (ui.widgets.multi_year.save_clear_out).
    project = window.load_year(YEAR).project(HOME_UID)
    assert project is not None
    editing.save_project(window, YEAR, replace(project, clear_out=True, clear_out_reason=WHY))
    by_excel, by_window = excel.load_year(YEAR), window.load_year(YEAR)
    assert by_excel.project(HOME_UID) == by_window.project(HOME_UID)
    flagged = by_excel.project(HOME_UID)
    assert flagged is not None
    assert (flagged.clear_out, flagged.clear_out_reason) == (True, WHY)
    assert [problem.key for problem in check_year(by_excel)] == [
        problem.key for problem in check_year(by_window)
    ]
    with excel.reading() as uow:
        [entry] = [item for item in uow.audit.newest(limit=5) if item.entity == "project"]
    assert entry.changes["clear_out"] == [False, True]
    assert entry.changes["clear_out_reason"] == ["", WHY]


def test_a_refused_proposal_saves_nothing(workspaces, tmp_path):
    excel = workspaces[0]
    before = excel.load_year(YEAR)
    book = Book(export_template(excel, YEAR, tmp_path / "fillin.xlsx").read_bytes())
    book.set("项目", book.row("项目", "项目编号", HOME_UID), "提出清理退出", "是")
    edited = tmp_path / "edited.xlsx"
    edited.write_bytes(book.save())
    with pytest.raises(ImportRefused) as refused:
        import_template(excel, YEAR, edited)
    assert "提出清理退出时须填写清理退出原因" in str(refused.value)
    assert excel.load_year(YEAR) == before
