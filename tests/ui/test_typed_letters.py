"""Issue 12: letters typed into a number or amount cell are refused with a message, not silently.

The user types "12a3" where an amount goes: the cell keeps "123" and the status bar (and a
tooltip at the cell) says, in Chinese, which cell takes what.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit

from unionperf.domain.cycle import Step
from unionperf.ui import messages
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.budget.budget_models import AMOUNT_FIELDS
from unionperf.ui.steps.budget.page import BudgetStep
from unionperf.ui.steps.evaluation.indicator_models import INDICATOR_FIELDS
from unionperf.ui.steps.evaluation.page import EvaluationStep
from unionperf.ui.steps.targets.page import TargetsStep
from unionperf.ui.steps.targets.tree_nodes import TreeColumn

pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support propagateSizeHints\(\)$",
    r"^This plugin does not support raise\(\)$",  # the tooltip at the refused cell
)

YEAR = 2024


@pytest.fixture
def window(qtbot, demo_workspace, monkeypatch, zh_cn):
    monkeypatch.setattr(messages, "ask_adjustment_reason", lambda _parent, _label: "更正")
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    window.refresh_years(YEAR)
    return window


def _open_editor(view, index) -> QLineEdit:
    view.setCurrentIndex(index)
    view.scrollTo(index)
    view.edit(index)
    editors = [item for item in view.viewport().findChildren(QLineEdit) if item.isVisible()]
    assert len(editors) == 1, "the cell did not open an editor"
    return editors[0]


def test_letters_in_a_budget_amount_are_refused_with_a_message(qtbot, window):
    page = window.open_step(Step.BUDGET)
    assert isinstance(page, BudgetStep)
    row = next(
        number
        for number, item in enumerate(page.budget_model.rows())
        if item.category and item.category.code == "503"
    )
    index = page.budget_model.index(row, 2 + AMOUNT_FIELDS.index("budget"))
    editor = _open_editor(page.budget_table, index)
    editor.selectAll()
    qtbot.keyClicks(editor, "12a3")
    assert editor.text() == "123"
    said = window.statusBar().currentMessage()
    assert "业务支出" in said
    assert "本年预算数" in said
    assert "金额" in said
    assert "数字" in said
    assert "12a" in said


def test_letters_in_an_actual_value_name_the_indicator(qtbot, window):
    page = window.open_step(Step.EVALUATION)
    assert isinstance(page, EvaluationStep)
    page._select_owner_row(page.owners.find("p2024-01"))
    row = page.indicators.find("p2024-01-i01")
    index = page.indicators.index(row, INDICATOR_FIELDS.index("actual"))
    editor = _open_editor(page.indicator_view, index)
    editor.selectAll()
    qtbot.keyClicks(editor, "1x")
    said = window.statusBar().currentMessage()
    assert "举办职工文体活动场次" in said
    assert "实际完成值" in said
    assert "数字" in said


def test_letters_in_a_target_value_of_the_tree_are_refused_with_a_message(qtbot, window):
    page = window.open_step(Step.TARGETS)
    assert isinstance(page, TargetsStep)
    tree = page.tree
    model = page.tree_model
    index = model.indicator_index("u2024-i01", TreeColumn.TARGET)
    assert index.isValid()
    editor = _open_editor(tree, index)
    editor.selectAll()
    qtbot.keyClicks(editor, "9o")
    assert editor.text() == "9"
    said = window.statusBar().currentMessage()
    assert "指标值" in said
    assert "数字" in said


def test_letters_in_the_opening_balance_are_refused_with_a_message(qtbot, window):
    page = window.open_step(Step.BUDGET)
    assert isinstance(page, BudgetStep)
    page.opening.selectAll()
    qtbot.keyClicks(page.opening, "1000o")  # the letter o for a zero
    assert page.opening.text() == "1000"
    said = window.statusBar().currentMessage()
    assert "上年结余" in said
    assert "金额" in said
