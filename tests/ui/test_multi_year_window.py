"""The window's whole-period views: the demo's 2023—2025 project in its second year."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from unionperf.domain.cycle import Step
from unionperf.domain.problems import ProblemCode
from unionperf.ui import messages
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.evaluation.page import EvaluationStep
from unionperf.ui.steps.targets.page import TargetsStep
from unionperf.ui.widgets.multi_year import cycle_dialog

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

YEAR = 2024
HOME = "p2023-03"  # 职工之家设备购置及改造（2023—2025年）
ANNUAL = "p2024-01"  # 2024年职工文体活动经费, a one-year project
REASON = "第二期使用人次未达目标，申请清理退出"


@pytest.fixture
def window(qtbot, demo_workspace, monkeypatch, zh_cn):
    monkeypatch.setattr(messages, "ask_adjustment_reason", lambda _parent, _label: "更正")
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    window.refresh_years(YEAR)
    return window


def _evaluation(window: MainWindow, owner: str) -> EvaluationStep:
    page = window.open_step(Step.EVALUATION)
    assert isinstance(page, EvaluationStep)
    page._select_owner_row(page.owners.find(owner))
    return page


def test_the_self_evaluation_shows_the_years_side_by_side(window):
    page = _evaluation(window, HOME)
    index = page.tabs.indexOf(page.cycle_panel)
    assert page.tabs.isTabVisible(index)
    assert page.tabs.tabText(index) == "全周期跟踪"
    table = page.cycle_panel.table
    assert table.rowCount() == 2
    assert [table.item(row, 0).text() for row in range(2)] == ["2023", "2024（本年度）"]
    assert [table.item(row, 3).text() for row in range(2)] == ["120,000.00", "270,000.00"]
    assert [table.item(row, 6).text() for row in range(2)] == ["99.88", "98.75"]
    summary = page.cycle_panel.summary.text()
    assert "第2年／共3年" in summary
    assert "360,000.00" in summary
    page._select_owner_row(page.owners.find(ANNUAL))
    assert not page.tabs.isTabVisible(index)


def test_clear_out_is_saved_checked_and_undone(window, demo_workspace):
    page = _evaluation(window, HOME)
    panel = page.cycle_panel
    panel.clear_out.setChecked(True)
    assert demo_workspace.load_year(YEAR).project(HOME).clear_out
    window.session.recheck()
    codes = {problem.code for problem in window.session.problems}
    assert ProblemCode.PROJECT_CLEAR_OUT_REASON_MISSING in codes
    panel = _evaluation(window, HOME).cycle_panel
    panel.reason.setText(REASON)
    panel.reason.setModified(True)
    panel.reason.editingFinished.emit()
    saved = demo_workspace.load_year(YEAR).project(HOME)
    assert (saved.clear_out, saved.clear_out_reason) == (True, REASON)
    window.session.recheck()
    codes = {problem.code for problem in window.session.problems}
    assert ProblemCode.PROJECT_CLEAR_OUT_REASON_MISSING not in codes
    window.session.undo_stack.undo()
    window.session.undo_stack.undo()
    saved = demo_workspace.load_year(YEAR).project(HOME)
    assert (saved.clear_out, saved.clear_out_reason) == (False, "")


def test_the_targets_step_shows_the_period_line_and_the_dialog(window):
    page = window.open_step(Step.TARGETS)
    assert isinstance(page, TargetsStep)
    page._select_owner_row(HOME)
    assert page.cycle.isVisible()
    assert "2023—2025年（第2年／共3年）" in page.cycle.line.text()
    assert "270,000.00" in page.cycle.line.text()
    dialog = cycle_dialog(window.session, HOME, window)
    assert dialog is not None
    assert dialog.windowTitle().startswith("全周期跟踪：")
    dialog.close()
    page._select_owner_row(ANNUAL)
    assert not page.cycle.isVisible()
    assert cycle_dialog(window.session, ANNUAL, window) is None
    assert page.cycle.button.focusPolicy() != Qt.FocusPolicy.NoFocus
