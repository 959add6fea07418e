"""Issue 12, the project budget trap: the 年初预算数 a user types is the project's budget.

On a fresh workspace the accountant adds a project and types its 年初预算数. 全年预算数 follows
it until an adjustment is typed, and the problems panel does not claim the budget is 0.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from unionperf.domain.budget import FundingSource
from unionperf.domain.cycle import Step
from unionperf.domain.problems import ProblemCode
from unionperf.services.cycle import editing
from unionperf.ui import messages
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.budget.page import BudgetStep
from unionperf.ui.steps.budget.project_models import FUNDING_FIELDS, PROJECT_FIELDS

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

YEAR = 2026


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, title, error: shown.append(f"{title}: {error}")
    )
    return shown


@pytest.fixture
def fresh(qtbot, empty_workspace, errors, zh_cn):
    """A brand-new workspace with one year, the budget step's projects tab open."""
    editing.add_year(empty_workspace, YEAR)
    window = MainWindow(empty_workspace)
    qtbot.addWidget(window)
    window.show()
    window.refresh_years(YEAR)
    page = window.open_step(Step.BUDGET)
    assert isinstance(page, BudgetStep)
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    return window, page


def _type_in_cell(qtbot, view, index, text: str) -> None:
    view.setCurrentIndex(index)
    view.scrollTo(index)
    view.edit(index)
    editors = [item for item in view.viewport().findChildren(QLineEdit) if item.isVisible()]
    assert len(editors) == 1, "the cell did not open an editor"
    editor = editors[0]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def _add_project(qtbot, page: BudgetStep):
    qtbot.mouseClick(page.projects.add_project_button, Qt.MouseButton.LeftButton)
    project = page.session.data.projects[-1]
    return project.uid


def _project(window, uid):
    return window.session.data.project(uid)


def _no_budget_problems(window, uid):
    window.session.wait_for_checks()
    window.session.recheck()
    return [
        problem
        for problem in window.session.problems
        if problem.code is ProblemCode.PROJECT_NO_BUDGET and problem.where.owner_uid == uid
    ]


def test_typing_the_initial_budget_fills_the_full_year_budget(qtbot, fresh, errors):
    window, page = fresh
    uid = _add_project(qtbot, page)
    assert _no_budget_problems(window, uid), "a new project has no budget yet"
    tab = page.projects
    initial = tab.funding_model.index(0, FUNDING_FIELDS.index("initial"))
    _type_in_cell(qtbot, tab.funding_table, initial, "50000")
    project = _project(window, uid)
    assert project.initial_budget == Decimal("50000.00")
    assert project.full_year_budget == Decimal("50000.00")
    adjusted = tab.funding_model.index(0, FUNDING_FIELDS.index("adjusted"))
    assert adjusted.data() == "50,000.00"
    row = [item.uid for item in tab.project_model.rows()].index(uid)
    assert tab.project_model.index(row, PROJECT_FIELDS.index("funding")).data() == "50,000.00"
    assert _no_budget_problems(window, uid) == []
    saved = window.workspace.load_year(YEAR).project(uid)
    assert saved is not None
    assert saved.full_year_budget == Decimal("50000.00")
    assert errors == []


def test_an_adjustment_once_typed_stays_when_the_initial_budget_changes(qtbot, fresh, errors):
    window, page = fresh
    uid = _add_project(qtbot, page)
    tab = page.projects
    initial = tab.funding_model.index(0, FUNDING_FIELDS.index("initial"))
    adjusted = tab.funding_model.index(0, FUNDING_FIELDS.index("adjusted"))
    _type_in_cell(qtbot, tab.funding_table, initial, "50000")
    _type_in_cell(qtbot, tab.funding_table, adjusted, "55000")
    _type_in_cell(qtbot, tab.funding_table, initial, "48000")
    project = _project(window, uid)
    assert (project.initial_budget, project.full_year_budget) == (
        Decimal("48000.00"),
        Decimal("55000.00"),
    )
    window.session.undo_stack.undo()
    project = _project(window, uid)
    assert (project.initial_budget, project.full_year_budget) == (
        Decimal("50000.00"),
        Decimal("55000.00"),
    )
    assert errors == []


def test_the_project_row_takes_the_initial_budget_and_makes_a_source_line(qtbot, fresh, errors):
    window, page = fresh
    uid = _add_project(qtbot, page)
    tab = page.projects
    cell = tab.funding_model.index(0, 0)
    qtbot.mouseClick(
        tab.funding_table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=tab.funding_table.visualRect(cell).center(),
    )
    qtbot.mouseClick(tab.remove_source_button, Qt.MouseButton.LeftButton)  # no funding line
    assert _project(window, uid).funding == ()
    row = [item.uid for item in tab.project_model.rows()].index(uid)
    cell = tab.project_model.index(row, PROJECT_FIELDS.index("initial"))
    _type_in_cell(qtbot, tab.project_table, cell, "30000")
    project = _project(window, uid)
    assert [line.source for line in project.funding] == [FundingSource.OWN]
    assert project.full_year_budget == Decimal("30000.00")
    assert tab.funding_model.rowCount() == 1
    assert _no_budget_problems(window, uid) == []
    assert errors == []


def test_the_budget_problem_says_where_to_type_and_selects_that_cell(qtbot, fresh, errors):
    window, page = fresh
    uid = _add_project(qtbot, page)
    [problem] = _no_budget_problems(window, uid)
    assert "年度预算 › 项目及资金来源" in problem.message
    assert "年初预算数" in problem.message
    window.open_step(Step.UNIT)
    window.show_problem(problem)
    assert window.current_step() is Step.BUDGET
    tab = page.projects
    current = tab.funding_table.currentIndex()
    assert (current.row(), current.column()) == (0, FUNDING_FIELDS.index("initial"))
    assert tab.funding_table.hasFocus()
    assert errors == []


def test_the_mid_term_funds_are_typed_on_the_project_row_and_undone(qtbot, fresh, errors):
    """中期资金总额 (the declaration form's funds for the whole period) is typed in the window,
    not only in the Excel workbook; undo takes it back."""
    window, page = fresh
    uid = _add_project(qtbot, page)
    tab = page.projects
    row = [item.uid for item in tab.project_model.rows()].index(uid)
    column = PROJECT_FIELDS.index("midterm_budget")
    assert tab.project_model.headerData(column, Qt.Orientation.Horizontal) == "中期资金总额"
    cell = tab.project_model.index(row, column)
    _type_in_cell(qtbot, tab.project_table, cell, "360000.5")
    assert _project(window, uid).midterm_budget == Decimal("360000.50")
    assert tab.project_model.index(row, column).data() == "360,000.50"
    assert window.workspace.load_year(YEAR).project(uid).midterm_budget == Decimal("360000.50")
    # the cell's editor takes only amounts; a value that reaches the model otherwise is refused
    assert not tab.project_model.setData(tab.project_model.index(row, column), "12.345")
    assert len(errors) == 1  # refused, nothing saved
    assert "12.345" in errors[0]
    assert _project(window, uid).midterm_budget == Decimal("360000.50")
    errors.clear()
    window.session.undo_stack.undo()
    assert _project(window, uid).midterm_budget == Decimal("0")
    assert errors == []
