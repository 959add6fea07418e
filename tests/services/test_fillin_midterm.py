"""中期资金总额 and 中期目标 through the fill-in workbook on a demo workspace, kept in the store."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from tests.forms.test_fillin_support import Book
from unionperf.demo.data import HOME_UID
from unionperf.domain.problems import ProblemCode
from unionperf.domain.validation import check_year
from unionperf.services.common.stages import StageLockedError
from unionperf.services.cycle import editing
from unionperf.services.cycle.demo import create_demo
from unionperf.services.cycle.fillin import ImportRefused, export_template, import_template
from unionperf.services.cycle.locks import open_adjustment

YEAR = 2024
GOAL = "2023—2025年完成职工之家升级，第三期压缩为设备维护"
P021 = ProblemCode.PROJECT_CUMULATIVE_OVER_MIDTERM.value


@pytest.fixture
def workspaces(tmp_path):
    opened = [create_demo(tmp_path / name) for name in ("excel", "window")]
    for workspace in opened:  # the demo's stages are signed off: editing them is an adjustment
        for stage in sorted({item.stage for item in workspace.load_year(YEAR).signoffs}):
            open_adjustment(workspace, YEAR, stage, "测试：调整中期目标")
    yield opened
    for workspace in opened:
        workspace.close()


def _edited(workspace, tmp_path, funds, goal):
    book = Book(export_template(workspace, YEAR, tmp_path / "fillin.xlsx").read_bytes())
    row = book.row("项目", "项目编号", HOME_UID)
    book.set("项目", row, "中期资金总额", funds)
    book.set("项目", row, "中期目标", goal)
    edited = tmp_path / "edited.xlsx"
    edited.write_bytes(book.save())
    return edited


def test_editing_the_mid_term_in_the_workbook_equals_the_window(workspaces, tmp_path):
    excel, window = workspaces
    before = excel.load_year(YEAR)
    assert before.project_history, "the demo's 2024 holds 2023 of the project"
    assert P021 not in {problem.code.value for problem in check_year(before)}
    report = import_template(excel, YEAR, _edited(excel, tmp_path, 200000.55, GOAL))
    assert (report.total, report.projects_changed) == (1, 1)
    project = window.load_year(YEAR).project(HOME_UID)
    assert project is not None
    by_hand = replace(
        project,
        midterm_budget=D("200000.55"),
        targets=replace(project.targets, midterm_goal=GOAL),
    )
    editing.save_project(window, YEAR, by_hand)
    by_excel, by_window = excel.load_year(YEAR), window.load_year(YEAR)
    assert by_excel.project(HOME_UID) == by_window.project(HOME_UID)
    stored = by_excel.project(HOME_UID)
    assert stored is not None
    assert stored.midterm_budget == D("200000.55")
    assert stored.targets.midterm_goal == GOAL
    # 累计预算数 of the demo (2023 and 2024) is above 200,000.55: P021 sees the new amount.
    assert P021 in {problem.code.value for problem in check_year(by_excel)}
    assert [problem.key for problem in check_year(by_excel)] == [
        problem.key for problem in check_year(by_window)
    ]
    with excel.reading() as uow:
        [entry] = [item for item in uow.audit.newest(limit=5) if item.entity == "project"]
    assert entry.changes["midterm_budget_fen"] == [36000000, 20000055]  # integer 分 in the store
    assert entry.changes["midterm_goal"][1] == GOAL
    assert set(entry.changes) == {"midterm_budget_fen", "midterm_goal"}  # exactly those two


def test_an_unchanged_export_imports_as_nothing(workspaces, tmp_path):
    excel = workspaces[0]
    before = excel.load_year(YEAR)
    exported = export_template(excel, YEAR, tmp_path / "fillin.xlsx")
    report = import_template(excel, YEAR, exported)
    assert report.total == 0
    assert excel.load_year(YEAR) == before


def test_a_negative_amount_saves_nothing(workspaces, tmp_path):
    excel = workspaces[0]
    before = excel.load_year(YEAR)
    with pytest.raises(ImportRefused) as refused:
        import_template(excel, YEAR, _edited(excel, tmp_path, -5, GOAL))
    assert "金额不能为负数" in str(refused.value)
    assert excel.load_year(YEAR) == before


def test_a_signed_off_targets_stage_refuses_the_goal_as_the_window_does(tmp_path):
    """中期目标 belongs to the targets, as 年度总体目标: locked once the chair signed them."""
    workspace = create_demo(tmp_path / "signed")
    try:
        before = workspace.load_year(YEAR)
        with pytest.raises(StageLockedError):
            import_template(workspace, YEAR, _edited(workspace, tmp_path, 360000, GOAL))
        assert workspace.load_year(YEAR) == before
    finally:
        workspace.close()
