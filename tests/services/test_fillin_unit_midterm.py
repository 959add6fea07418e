"""The unit-wide 中期目标 through the fill-in workbook on a demo workspace, kept in the store."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import openpyxl
import pytest

from tests.forms.craft_xlsx import text_cell, with_cell
from unionperf.services.common.stages import StageLockedError
from unionperf.services.cycle import editing
from unionperf.services.cycle.demo import create_demo
from unionperf.services.cycle.fillin import ImportRefused, export_template, import_template
from unionperf.services.cycle.locks import open_adjustment

YEAR = 2024
GOAL = "2024—2026年：会员入会率保持在96%以上，职工书屋覆盖全部班组，会员满意度不低于95%"
PREVIOUS = Path(__file__).parents[1] / "data" / "fillin-2024-before-unit-midterm.xlsx"


def _open_targets(workspace) -> None:
    """The demo's stages are signed off: editing them is an adjustment."""
    for stage in sorted({item.stage for item in workspace.load_year(YEAR).signoffs}):
        open_adjustment(workspace, YEAR, stage, "测试：调整单位整体中期目标")


@pytest.fixture
def workspaces(tmp_path):
    opened = [create_demo(tmp_path / name) for name in ("excel", "window")]
    for workspace in opened:
        _open_targets(workspace)
    yield opened
    for workspace in opened:
        workspace.close()


def _edited(workspace, tmp_path: Path, cell: str, value: object) -> Path:
    exported = export_template(workspace, YEAR, tmp_path / "fillin.xlsx")
    workbook = openpyxl.load_workbook(exported)
    workbook["预算"][cell] = value
    edited = tmp_path / "edited.xlsx"
    workbook.save(edited)
    return edited


def test_editing_the_goal_in_the_workbook_equals_the_window(workspaces, tmp_path):
    excel, window = workspaces
    report = import_template(excel, YEAR, _edited(excel, tmp_path, "B3", GOAL))
    assert (report.total, report.year_facts) == (1, 1)
    editing.save_year_facts(window, YEAR, unit_midterm_goal=GOAL)
    by_excel, by_window = excel.load_year(YEAR), window.load_year(YEAR)
    assert by_excel.unit_targets.midterm_goal == GOAL
    assert by_excel.unit_targets == by_window.unit_targets
    assert by_excel.opening_balance == by_window.opening_balance
    with excel.reading() as uow:
        [entry] = [item for item in uow.audit.newest(limit=5) if item.entity == "year"]
    assert entry.changes == {"unit_midterm_goal": ["", GOAL]}  # exactly that one field
    # exported again, the workbook shows it
    again = openpyxl.load_workbook(BytesIO(export_template(excel, YEAR, tmp_path).read_bytes()))
    assert again["预算"]["B3"].value == GOAL


def test_a_goal_changed_in_the_window_since_the_export_refuses_the_import(workspaces, tmp_path):
    excel = workspaces[0]
    edited = _edited(excel, tmp_path, "B3", GOAL)
    editing.save_year_facts(excel, YEAR, unit_midterm_goal="窗口中改过的中期目标")
    before = excel.load_year(YEAR)
    with pytest.raises(ImportRefused) as refused:
        import_template(excel, YEAR, edited)
    assert [(item.sheet, item.cell) for item in refused.value.problems] == [("预算", "B1")]
    assert excel.load_year(YEAR) == before


def test_a_too_long_goal_saves_nothing(workspaces, tmp_path):
    excel = workspaces[0]
    before = excel.load_year(YEAR)
    exported = export_template(excel, YEAR, tmp_path / "fillin.xlsx")
    # openpyxl itself refuses to write a cell beyond Excel's limit: written as another program would
    crafted = tmp_path / "long.xlsx"
    crafted.write_bytes(
        with_cell(exported.read_bytes(), "预算", "B3", text_cell("B3", "长" * 40_000))
    )
    with pytest.raises(ImportRefused) as refused:
        import_template(excel, YEAR, crafted)
    assert "预算!B3：“单位整体中期目标”的文字有40000个字符" in str(refused.value)
    assert excel.load_year(YEAR) == before


def test_the_previous_versions_workbook_imports_and_leaves_the_goal(workspaces, tmp_path):
    excel = workspaces[0]
    editing.save_year_facts(excel, YEAR, unit_midterm_goal=GOAL)
    before = excel.load_year(YEAR)
    report = import_template(excel, YEAR, PREVIOUS)
    assert report.total == 0
    assert excel.load_year(YEAR) == before
    workbook = openpyxl.load_workbook(PREVIOUS)
    workbook["预算"]["B2"] = "新的年度总体目标"
    edited = tmp_path / "previous-edited.xlsx"
    workbook.save(edited)
    report = import_template(excel, YEAR, edited)
    assert report.year_facts == 1
    after = excel.load_year(YEAR)
    assert after.unit_targets.annual_goal == "新的年度总体目标"
    assert after.unit_targets.midterm_goal == GOAL


def test_signed_off_targets_refuse_the_goal_as_the_window_does(tmp_path):
    """The unit's 中期目标 belongs to its targets: locked once the chair signed them."""
    workspace = create_demo(tmp_path / "signed")
    try:
        before = workspace.load_year(YEAR)
        with pytest.raises(StageLockedError) as in_window:
            editing.save_year_facts(workspace, YEAR, unit_midterm_goal=GOAL)
        with pytest.raises(StageLockedError) as by_excel:
            import_template(workspace, YEAR, _edited(workspace, tmp_path, "B3", GOAL))
        assert str(by_excel.value) == str(in_window.value)
        assert "已经工会主席签字确认并锁定" in str(by_excel.value)
        assert workspace.load_year(YEAR) == before
        # 上年结余 is no target: changed alone it is saved
        report = import_template(workspace, YEAR, _edited(workspace, tmp_path, "B1", 400000))
        assert report.year_facts == 1
        assert workspace.load_year(YEAR).unit_targets == before.unit_targets
    finally:
        workspace.close()
