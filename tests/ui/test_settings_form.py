"""The budget step's rule settings tab: framework, self-evaluation points and the other rules."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from unionperf.domain.cycle import Step
from unionperf.domain.framework import FOUR_CATEGORY, THREE_CATEGORY
from unionperf.domain.problems import Location, Problem, ProblemCode, Section
from unionperf.domain.settings import ReverseFormula, SignoffRole
from unionperf.ui import messages
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.budget import settings_form
from unionperf.ui.steps.budget.page import SETTINGS_TAB, BudgetStep
from unionperf.ui.steps.budget.settings_form import parse_cutoffs, save_settings
from unionperf.ui.steps.budget.weight_models import POINTS_COLUMN
from unionperf.ui.year_session import Area

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

OUTPUT, BENEFIT = 1, 2
"""Rows of the points table under the 3-category framework (after the execution rate)."""


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
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(SETTINGS_TAB).center())
    assert page.settings_view.isVisible()
    return window, page


def _stored(workspace):
    return workspace.load_year(2024).settings


def _type_points(qtbot, page: BudgetStep, row: int, text: str) -> None:
    """Open a points cell's editor as a double click does, type and press Enter."""
    view = page.settings_view.weights
    index = page.settings_form.weight_model.index(row, POINTS_COLUMN)
    view.setCurrentIndex(index)
    view.edit(index)
    editors = [item for item in view.viewport().findChildren(QLineEdit) if item.isVisible()]
    assert len(editors) == 1
    editors[0].selectAll()
    qtbot.keyClicks(editors[0], text)
    qtbot.keyClick(editors[0], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def _retype(qtbot, widget, text: str) -> None:
    """Select a field's text, type over it and press Enter."""
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def _points(page: BudgetStep, row: int) -> str:
    return page.settings_form.weight_model.index(row, POINTS_COLUMN).data()


def test_the_points_model_passes_the_model_tester(qtmodeltester, opened):
    _window, page = opened
    model = page.settings_form.weight_model
    assert model.rowCount() == 4  # execution, 产出, 效益, 满意度
    assert [_points(page, row) for row in range(4)] == ["10", "50", "30", "10"]
    qtmodeltester.check(model)


def test_points_save_once_they_add_up_to_100_and_undo_restores(
    qtbot, opened, demo_workspace, errors
):
    window, page = opened
    total = page.settings_view.total
    assert total.property("complete") is True
    _type_points(qtbot, page, OUTPUT, "45")
    # 95 points: kept as typed, shown in red, not saved.
    assert _stored(demo_workspace).weights["产出指标"] == Decimal(50)
    assert _points(page, OUTPUT) == "45"
    assert total.property("complete") is False
    assert "95" in total.text()
    assert "#b3261e" in total.styleSheet()
    assert window.session.undo_stack.count() == 0
    _type_points(qtbot, page, BENEFIT, "35")
    weights = _stored(demo_workspace).weights
    assert (weights["产出指标"], weights["效益指标"]) == (Decimal(45), Decimal(35))
    assert total.property("complete") is True
    assert window.session.undo_stack.count() == 1
    window.session.undo_stack.undo()
    weights = _stored(demo_workspace).weights
    assert (weights["产出指标"], weights["效益指标"]) == (Decimal(50), Decimal(30))
    assert (_points(page, OUTPUT), _points(page, BENEFIT)) == ("50", "30")
    window.session.undo_stack.redo()
    assert _stored(demo_workspace).weights["产出指标"] == Decimal(45)
    assert errors == []


def test_the_service_refuses_points_not_adding_up_to_100(qtbot, opened, demo_workspace, errors):
    window, _page = opened
    session = window.session
    before = _stored(demo_workspace)
    wrong = replace(before, weights={**before.weights, "产出指标": Decimal(45)})
    assert not session.change(
        "x", lambda: save_settings(session, wrong), lambda: save_settings(session, before)
    )
    assert len(errors) == 1
    assert "95" in errors[0]
    assert "100" in errors[0]
    assert _stored(demo_workspace) == before
    assert session.data.settings == before
    assert session.undo_stack.count() == 0


def test_wrong_points_typed_are_refused_with_a_message(qtbot, opened, demo_workspace, errors):
    _window, page = opened
    _type_points(qtbot, page, OUTPUT, "-5")
    assert len(errors) == 1
    assert _points(page, OUTPUT) == "50"
    assert _stored(demo_workspace).weights["产出指标"] == Decimal(50)


def test_default_points_restore_the_framework_defaults(qtbot, opened, demo_workspace, errors):
    window, page = opened
    _type_points(qtbot, page, OUTPUT, "40")
    _type_points(qtbot, page, BENEFIT, "40")
    assert _stored(demo_workspace).weights["效益指标"] == Decimal(40)
    qtbot.mouseClick(page.settings_view.default_points, Qt.MouseButton.LeftButton)
    assert _stored(demo_workspace).weights == THREE_CATEGORY.default_weights()
    window.session.undo_stack.undo()
    assert _stored(demo_workspace).weights["效益指标"] == Decimal(40)
    assert errors == []


def test_a_stored_total_other_than_100_is_a_problem_that_opens_the_points(qtbot, opened, errors):
    window, page = opened
    session = window.session
    wrong = replace(
        session.data.settings, weights={**session.data.settings.weights, "效益指标": Decimal(20)}
    )
    session.patch(Area.BUDGET, lambda data: replace(data, settings=wrong))  # as an import may
    session.recheck()
    found = [item for item in session.problems if item.code is ProblemCode.SETTINGS_WEIGHTS_NOT_100]
    assert len(found) == 1
    assert "90" in page.settings_view.total.text()
    window.open_step(Step.UNIT)
    window.show_problem(found[0])
    assert window.current_step() is Step.BUDGET
    assert page.tabs.currentIndex() == SETTINGS_TAB
    assert page.settings_view.weights.hasFocus()
    where = Location(Section.SETTINGS, item_uid="满意度指标", field="weights")
    window.show_problem(Problem(ProblemCode.SETTINGS_WEIGHT_MISSING, where, {"name": "x"}))
    current = page.settings_view.weights.currentIndex()
    assert (current.row(), current.column()) == (3, POINTS_COLUMN)
    where = Location(Section.SETTINGS, field="lag_points")
    window.show_problem(Problem(ProblemCode.SETTINGS_WEIGHT_MISSING, where, {"name": "x"}))
    assert page.settings_view.lag_points.hasFocus()
    assert errors == []


def test_switching_the_framework_asks_and_undo_switches_back(
    qtbot, opened, demo_workspace, errors, monkeypatch
):
    window, page = opened
    asked: list[str] = []

    def refuse(_parent, title):
        asked.append(title)
        return False

    monkeypatch.setattr(settings_form, "confirm_framework", refuse)
    combo = page.settings_view.framework_code
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert asked == [FOUR_CATEGORY.title]  # the demo's projects have indicators
    assert combo.currentData() == THREE_CATEGORY.code
    assert _stored(demo_workspace).framework_code == THREE_CATEGORY.code
    monkeypatch.setattr(settings_form, "confirm_framework", lambda _parent, _title: True)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    stored = _stored(demo_workspace)
    assert stored.framework_code == FOUR_CATEGORY.code
    assert stored.weights == FOUR_CATEGORY.default_weights()
    assert page.settings_form.weight_model.rowCount() == 5
    window.session.undo_stack.undo()
    stored = _stored(demo_workspace)
    assert stored.framework_code == THREE_CATEGORY.code
    assert stored.weights == THREE_CATEGORY.default_weights()
    assert combo.currentData() == THREE_CATEGORY.code
    assert page.settings_form.weight_model.rowCount() == 4
    assert errors == []


def test_the_other_rules_save_and_undo_restores(qtbot, opened, demo_workspace, errors):
    window, page = opened
    view = page.settings_view
    before = _stored(demo_workspace)
    _retype(qtbot, view.lag_points.lineEdit(), "15")
    assert _stored(demo_workspace).lag_points == Decimal(15)
    _retype(qtbot, view.arrival_lag_points.lineEdit(), "20")
    assert _stored(demo_workspace).arrival_lag_points == Decimal(20)
    _retype(qtbot, view.over_delivery_ratio.lineEdit(), "130")
    assert _stored(demo_workspace).over_delivery_ratio == Decimal("1.3")
    _retype(qtbot, view.exemption_threshold, "5000")
    assert _stored(demo_workspace).exemption_threshold == Decimal(5000)
    assert view.exemption_threshold.text() == "5,000.00"
    _retype(qtbot, view.monitoring_cutoffs, "6-30,12-31 03-31")
    assert _stored(demo_workspace).monitoring_cutoffs == ((3, 31), (6, 30), (12, 31))
    assert view.monitoring_cutoffs.text() == "03-31, 06-30, 12-31"
    view.reverse_formula.setFocus()
    qtbot.keyClick(view.reverse_formula, Qt.Key.Key_Down)
    assert _stored(demo_workspace).reverse_formula is ReverseFormula.LINEAR
    qtbot.mouseClick(view.unit_wide, Qt.MouseButton.LeftButton)
    assert _stored(demo_workspace).unit_wide is False
    qtbot.mouseClick(view.signoffs[SignoffRole.AUDIT_CHAIR], Qt.MouseButton.LeftButton)
    assert _stored(demo_workspace).required_signoffs == (SignoffRole.PREPARER, SignoffRole.CHAIR)
    assert window.session.undo_stack.count() == 8
    assert errors == []
    for _ in range(8):
        window.session.undo_stack.undo()
    assert _stored(demo_workspace) == before
    assert view.lag_points.value() == 10
    assert view.arrival_lag_points.value() == 10
    assert view.unit_wide.isChecked()
    assert view.signoffs[SignoffRole.AUDIT_CHAIR].isChecked()


def test_wrong_rules_are_refused_with_a_message(qtbot, opened, demo_workspace, errors):
    window, page = opened
    view = page.settings_view
    before = _stored(demo_workspace)
    _retype(qtbot, view.monitoring_cutoffs, "03-31, 13-01")
    assert len(errors) == 1
    assert "13-01" in errors[0]
    assert view.monitoring_cutoffs.text() == "03-31, 06-30, 07-31, 09-30"
    _retype(qtbot, view.exemption_threshold, "-100")
    assert len(errors) == 2
    assert _stored(demo_workspace) == before
    assert window.session.undo_stack.count() == 0


def test_cutoffs_are_read_as_month_and_day():
    assert parse_cutoffs("7-31，03-31、06/30 03-31") == ((3, 31), (6, 30), (7, 31))
    assert parse_cutoffs(" ") == ()
    with pytest.raises(ValueError, match="02-30"):
        parse_cutoffs("02-30")
    with pytest.raises(ValueError, match="June"):
        parse_cutoffs("June")
