"""Step 2, the annual budget: category amounts, the opening balance, projects and funding."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QDateEdit, QLineEdit

from unionperf.demo.data import demo_large_year
from unionperf.domain.budget import FundingSource, ProjectAttribute
from unionperf.domain.cycle import Step
from unionperf.domain.problems import Location, Problem, ProblemCode, Section
from unionperf.ui import messages
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.budget import project_tab
from unionperf.ui.steps.budget.budget_models import AMOUNT_FIELDS
from unionperf.ui.steps.budget.page import BudgetStep
from unionperf.ui.steps.budget.project_models import FUNDING_FIELDS, PROJECT_FIELDS, next_code
from unionperf.ui.year_session import YearSession

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

BUDGET_COLUMN = 2 + AMOUNT_FIELDS.index("budget")
ADJUSTMENT_COLUMN = 2 + AMOUNT_FIELDS.index("adjustment")


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, title, error: shown.append(f"{title}: {error}")
    )
    return shown


@pytest.fixture
def opened(qtbot, demo_workspace, errors):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.open_step(Step.BUDGET)
    assert isinstance(page, BudgetStep)
    return window, page


def _editor(view, index, kind):
    """Open the cell's editor as a double click does and return it."""
    view.setCurrentIndex(index)
    view.scrollTo(index)
    view.edit(index)
    editors = [item for item in view.viewport().findChildren(kind) if item.isVisible()]
    assert len(editors) == 1, editors
    return editors[0]


def _type_in_cell(qtbot, view, index, text: str) -> None:
    """Type into a cell's line editor and press Enter (the delegate commits it)."""
    editor = _editor(view, index, QLineEdit)
    editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:
        editor.insert(text)  # as an input method commits Chinese
    _enter(qtbot, view, editor)


def _enter(qtbot, view, editor) -> None:
    """Press Enter in an editor and wait for the delegate's queued commit."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def _click(qtbot, view, index) -> None:
    """Click a cell (it becomes the current one)."""
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _projects_tab(qtbot, page: BudgetStep) -> None:
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert page.projects.project_table.isVisible()


def _pick_project(qtbot, page: BudgetStep, uid: str) -> None:
    if not page.projects.project_table.isVisible():
        _projects_tab(qtbot, page)
    row = [project.uid for project in page.projects.project_model.rows()].index(uid)
    _click(qtbot, page.projects.project_table, page.projects.project_model.index(row, 0))


def _budget_row(page: BudgetStep, code: str) -> int:
    rows = page.budget_model.rows()
    return next(i for i, row in enumerate(rows) if row.category and row.category.code == code)


def _project_row(page: BudgetStep, uid: str) -> int:
    return [project.uid for project in page.projects.project_model.rows()].index(uid)


def _line(workspace, code: str):
    return next(line for line in workspace.load_year(2024).budget if line.category_code == code)


def test_every_model_passes_the_model_tester(qtmodeltester, opened):
    _window, page = opened
    assert page.budget_model.rowCount() == 15  # 7 revenue, total, 6 expenditure, total
    assert page.projects.project_model.rowCount() == 6
    assert page.projects.funding_model.rowCount() == 1
    qtmodeltester.check(page.budget_model)
    qtmodeltester.check(page.projects.project_model)
    qtmodeltester.check(page.projects.funding_model)


def test_budget_cell_saves_and_undo_restores(qtbot, opened, demo_workspace, errors):
    window, page = opened
    row = _budget_row(page, "502")
    index = page.budget_model.index(row, BUDGET_COLUMN)
    _type_in_cell(qtbot, page.budget_table, index, "150,000.5")
    assert _line(demo_workspace, "502").budget == Decimal("150000.50")
    assert page.budget_model.index(row, BUDGET_COLUMN).data() == "150,000.50"
    approved = page.budget_model.index(row, 2 + AMOUNT_FIELDS.index("approved"))
    assert approved.data() == "150,000.50"
    total = page.budget_model.index(14, BUDGET_COLUMN)
    assert total.data() == "1,490,000.50"
    assert "1,510,000.50" in page.balance.text()  # expenditure total (approved)
    window.session.undo_stack.undo()
    assert _line(demo_workspace, "502").budget == Decimal("140000.00")
    assert page.budget_model.index(row, BUDGET_COLUMN).data() == "140,000.00"
    assert errors == []


def test_a_negative_budget_is_refused_with_a_message(qtbot, opened, demo_workspace, errors):
    window, page = opened
    row = _budget_row(page, "501")
    _type_in_cell(qtbot, page.budget_table, page.budget_model.index(row, BUDGET_COLUMN), "-5")
    assert len(errors) == 1
    assert "负数" in errors[0]
    assert _line(demo_workspace, "501").budget == Decimal("1090000.00")
    assert window.session.undo_stack.count() == 0
    # A negative adjustment is allowed while the approved budget stays positive.
    index = page.budget_model.index(row, ADJUSTMENT_COLUMN)
    _type_in_cell(qtbot, page.budget_table, index, "-10000")
    assert _line(demo_workspace, "501").adjustment == Decimal("-10000.00")
    assert len(errors) == 1


def test_totals_and_computed_cells_are_read_only(opened):
    _window, page = opened
    model = page.budget_model
    editable = Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(7, BUDGET_COLUMN)) & editable  # revenue total
    assert not model.flags(model.index(0, 2 + AMOUNT_FIELDS.index("approved"))) & editable
    assert model.flags(model.index(0, BUDGET_COLUMN)) & editable
    projects = page.projects.project_model
    several = _project_row(page, "p2024-03")  # two funding sources: typed line by line
    single = _project_row(page, "p2024-01")  # one source: typed on the project's row too
    for field in ("initial", "funding", "executed"):
        column = PROJECT_FIELDS.index(field)
        assert not projects.flags(projects.index(several, column)) & editable
        assert projects.flags(projects.index(single, column)) & editable


def test_a_category_without_a_line_gets_one(qtbot, opened, demo_workspace, errors):
    _window, page = opened
    row = _budget_row(page, "406")
    _type_in_cell(qtbot, page.budget_table, page.budget_model.index(row, BUDGET_COLUMN), "1200")
    assert _line(demo_workspace, "406").budget == Decimal("1200.00")
    assert errors == []


def test_opening_balance_saves_and_undo_restores(qtbot, opened, demo_workspace, errors):
    window, page = opened
    page.opening.setFocus()
    page.opening.selectAll()
    qtbot.keyClicks(page.opening, "400000")
    qtbot.keyClick(page.opening, Qt.Key.Key_Return)
    assert demo_workspace.load_year(2024).opening_balance == Decimal("400000.00")
    assert page.opening.text() == "400,000.00"
    assert "434,000.00" in page.balance.text()  # 1,534,000 + 400,000 − 1,500,000
    window.session.undo_stack.undo()
    assert demo_workspace.load_year(2024).opening_balance == Decimal("385600.00")
    assert page.opening.text() == "385,600.00"
    assert errors == []


def test_a_deficit_shows_in_red(qtbot, opened, errors):
    _window, page = opened
    row = _budget_row(page, "505")
    _type_in_cell(qtbot, page.budget_table, page.budget_model.index(row, BUDGET_COLUMN), "600000")
    assert "-30,400.00" in page.balance.text()
    assert "#b3261e" in page.balance.styleSheet()
    assert errors == []


def test_project_name_category_and_dates_save(qtbot, opened, demo_workspace, errors):
    window, page = opened
    uid = "p2024-04"
    _projects_tab(qtbot, page)
    row = _project_row(page, uid)
    model = page.projects.project_model
    table = page.projects.project_table
    _type_in_cell(qtbot, table, model.index(row, PROJECT_FIELDS.index("name")), "工会干部培训班")
    combo = _editor(table, model.index(row, PROJECT_FIELDS.index("category_code")), QComboBox)
    combo.setCurrentIndex(combo.findData("502"))
    _enter(qtbot, table, combo)
    combo = _editor(table, model.index(row, PROJECT_FIELDS.index("attribute")), QComboBox)
    combo.setCurrentIndex(combo.findData(ProjectAttribute.CONTINUING.value))
    _enter(qtbot, table, combo)
    dates = _editor(table, model.index(row, PROJECT_FIELDS.index("end")), QDateEdit)
    dates.setDate(QDate(2024, 10, 31))
    _enter(qtbot, table, dates)
    project = demo_workspace.load_year(2024).project(uid)
    assert project is not None
    assert project.name == "工会干部培训班"
    assert project.category_code == "502"
    assert project.attribute is ProjectAttribute.CONTINUING
    assert project.end == date(2024, 10, 31)
    assert len(project.targets.indicators) == 8  # indicators are kept
    for _ in range(4):
        window.session.undo_stack.undo()
    project = demo_workspace.load_year(2024).project(uid)
    assert project is not None
    assert (project.name, project.category_code, project.end) == (
        "2024年工会干部培训",
        "503",
        date(2024, 12, 31),
    )
    assert errors == []


def test_funding_edits_update_the_project_budget(qtbot, opened, demo_workspace, errors):
    window, page = opened
    uid = "p2024-03"
    _pick_project(qtbot, page, uid)
    assert [line.source for line in page.projects.funding_model.rows()] == [
        FundingSource.OWN,
        FundingSource.UPPER_SUBSIDY,
    ]
    adjusted = page.projects.funding_model.index(1, FUNDING_FIELDS.index("adjusted"))
    _type_in_cell(qtbot, page.projects.funding_table, adjusted, "65000")
    project = demo_workspace.load_year(2024).project(uid)
    assert project is not None
    assert project.full_year_budget == Decimal("135000.00")
    budget_column = PROJECT_FIELDS.index("funding")
    cell = page.projects.project_model.index(_project_row(page, uid), budget_column)
    assert cell.data() == "135,000.00"
    assert "135,000.00" in page.projects.funding_title.text()
    _type_in_cell(qtbot, page.projects.funding_table, adjusted, "-1")
    assert len(errors) == 1
    assert "负数" in errors[0]
    window.session.undo_stack.undo()
    project = demo_workspace.load_year(2024).project(uid)
    assert project is not None
    assert project.full_year_budget == Decimal("120000.00")


def test_funding_sources_are_added_switched_and_removed(qtbot, opened, demo_workspace, errors):
    window, page = opened
    uid = "p2024-01"
    _pick_project(qtbot, page, uid)
    qtbot.mouseClick(page.projects.add_source_button, Qt.MouseButton.LeftButton)
    project = demo_workspace.load_year(2024).project(uid)
    assert project is not None
    assert [line.source for line in project.funding] == [
        FundingSource.OWN,
        FundingSource.UPPER_SUBSIDY,
    ]
    combo = _editor(page.projects.funding_table, page.projects.funding_model.index(1, 0), QComboBox)
    offered = [combo.itemData(i) for i in range(combo.count())]
    assert FundingSource.OWN.value not in offered  # a source appears once per project
    combo.setCurrentIndex(combo.findData(FundingSource.CARRYOVER.value))
    _enter(qtbot, page.projects.funding_table, combo)
    project = demo_workspace.load_year(2024).project(uid)
    assert project is not None
    assert project.funding[1].source is FundingSource.CARRYOVER
    _click(qtbot, page.projects.funding_table, page.projects.funding_model.index(1, 1))
    qtbot.mouseClick(page.projects.remove_source_button, Qt.MouseButton.LeftButton)
    project = demo_workspace.load_year(2024).project(uid)
    assert project is not None
    assert [line.source for line in project.funding] == [FundingSource.OWN]
    for _ in range(3):
        window.session.undo_stack.undo()
    project = demo_workspace.load_year(2024).project(uid)
    assert project is not None
    assert [line.source for line in project.funding] == [FundingSource.OWN]
    assert window.session.undo_stack.index() == 0
    assert errors == []


def test_add_project_and_undo(qtbot, opened, demo_workspace, errors):
    window, page = opened
    _projects_tab(qtbot, page)
    qtbot.mouseClick(page.projects.add_project_button, Qt.MouseButton.LeftButton)
    projects = demo_workspace.load_year(2024).projects
    assert len(projects) == 7
    added = projects[-1]
    assert added.code == "GH2024-07"
    assert added.category_code == "501"
    assert (added.start, added.end) == (date(2024, 1, 1), date(2024, 12, 31))
    assert [line.source for line in added.funding] == [FundingSource.OWN]
    assert page.projects.project_model.rowCount() == 7
    assert page.projects.project_table.currentIndex().row() == 6
    assert page.projects.funding_title.text().count(added.name) == 1
    window.session.undo_stack.undo()
    assert len(demo_workspace.load_year(2024).projects) == 6
    assert page.projects.project_model.rowCount() == 6
    window.session.undo_stack.redo()
    assert demo_workspace.load_year(2024).project(added.uid) == added
    assert errors == []


def test_delete_project_asks_and_undo_restores_everything(
    qtbot, opened, demo_workspace, errors, monkeypatch
):
    window, page = opened
    uid = "p2024-02"
    before = demo_workspace.load_year(2024)
    asked: list[str] = []

    def refuse(_parent, name):
        asked.append(name)
        return False

    monkeypatch.setattr(project_tab, "confirm_delete", refuse)
    _pick_project(qtbot, page, uid)
    qtbot.mouseClick(page.projects.delete_project_button, Qt.MouseButton.LeftButton)
    assert asked == ["2024年节日慰问及会员集体福利"]
    assert demo_workspace.load_year(2024).project(uid) is not None

    # The demo's targets are signed off: deleting a project with targets is an adjustment.
    reasons: list[str | None] = [None]
    asked_for: list[str] = []

    def reason(_parent, label):
        asked_for.append(label)
        return reasons.pop(0) if reasons else "项目取消"

    monkeypatch.setattr(messages, "ask_adjustment_reason", reason)
    monkeypatch.setattr(project_tab, "confirm_delete", lambda _parent, _name: True)
    qtbot.mouseClick(page.projects.delete_project_button, Qt.MouseButton.LeftButton)
    assert demo_workspace.load_year(2024).project(uid) is not None  # no reason: not deleted
    assert window.session.undo_stack.count() == 0
    qtbot.mouseClick(page.projects.delete_project_button, Qt.MouseButton.LeftButton)
    assert len(asked_for) == 2
    after = demo_workspace.load_year(2024)
    assert after.project(uid) is None
    assert not [entry for entry in after.monitoring if entry.owner_uid == uid]
    assert page.projects.project_model.rowCount() == 5
    # Undo touches four signed-off monitoring points and the self-evaluation: one question.
    window.session.undo_stack.undo()
    assert len(asked_for) == 3
    restored = demo_workspace.load_year(2024)
    assert restored.project(uid) == before.project(uid)  # data, funding, goals, indicators
    monitoring = sorted(
        (entry for entry in restored.monitoring if entry.owner_uid == uid),
        key=lambda entry: entry.point_uid,
    )
    expected = sorted(
        (entry for entry in before.monitoring if entry.owner_uid == uid),
        key=lambda entry: entry.point_uid,
    )
    assert [(e.point_uid, e.executed, e.lag_reason) for e in monitoring] == [
        (e.point_uid, e.executed, e.lag_reason) for e in expected
    ]
    assert {p.indicator_uid: p for e in monitoring for p in e.progress} == {
        p.indicator_uid: p for e in expected for p in e.progress
    }
    old_evaluation, new_evaluation = before.evaluation_of(uid), restored.evaluation_of(uid)
    assert new_evaluation.achieved_text == old_evaluation.achieved_text
    assert sorted(new_evaluation.results, key=lambda r: r.indicator_uid) == sorted(
        old_evaluation.results, key=lambda r: r.indicator_uid
    )
    assert window.session.data.project(uid) == before.project(uid)
    assert page.projects.project_model.rowCount() == 6
    assert errors == []


def test_problems_select_their_cell(qtbot, opened, errors):
    window, page = opened
    window.open_step(Step.UNIT)
    where = Location(Section.BUDGET, item_uid="503", field="budget", label="年度预算 › 业务支出")
    params = {"category": "业务支出", "column": "本年预算数", "amount": "-1"}
    window.show_problem(Problem(ProblemCode.BUDGET_NEGATIVE, where, params))
    assert window.current_step() is Step.BUDGET
    assert page.tabs.currentIndex() == 0
    current = page.budget_table.currentIndex()
    assert (current.row(), current.column()) == (_budget_row(page, "503"), BUDGET_COLUMN)

    where = Location(Section.PROJECT, owner_uid="p2023-03", field="responsible")
    window.show_problem(Problem(ProblemCode.PROJECT_RESPONSIBLE_MISSING, where))
    assert page.tabs.currentIndex() == 1
    current = page.projects.project_table.currentIndex()
    assert (current.row(), current.column()) == (4, PROJECT_FIELDS.index("responsible"))

    where = Location(
        Section.PROJECT, owner_uid="p2023-03", item_uid="own", field="adjusted", label="x"
    )
    window.show_problem(Problem(ProblemCode.PROJECT_NEGATIVE_AMOUNT, where))
    current = page.projects.funding_table.currentIndex()
    assert (current.row(), current.column()) == (1, FUNDING_FIELDS.index("adjusted"))
    assert errors == []


def test_next_code_follows_the_last_one():
    assert next_code(["GH2024-01", "GH2024-09"], 2024) == "GH2024-10"
    assert next_code(["A1", "A2"], 2024) == "A3"
    assert next_code([], 2025) == "2025-01"
    assert next_code(["甲"], 2025) == "2025-01"


def test_a_large_unit_loads(qtbot, empty_workspace):
    """The large unit's 200 projects load (the speed is measured in bench/, not here)."""
    session = YearSession(empty_workspace)
    session.data = demo_large_year()
    session.year = session.data.year
    page = BudgetStep(session)
    qtbot.addWidget(page)
    page.load()
    assert page.projects.project_model.rowCount() == 200
