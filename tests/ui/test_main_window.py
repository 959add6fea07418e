"""The main window: six steps with statuses, the year selector, problems, status bar, undo."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtGui import QKeySequence

from unionperf.domain.categories import Flow
from unionperf.domain.cycle import Step, StepStatus
from unionperf.domain.problems import Section
from unionperf.domain.settings import SignoffRole
from unionperf.ui import messages
from unionperf.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, title, error: shown.append(str(error))
    )
    return shown


@pytest.fixture
def window(qtbot, demo_workspace, errors):
    shown = MainWindow(demo_workspace)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_navigator_lists_the_six_steps_with_their_status(window):
    assert window.navigator.count() == len(Step) == 6
    assert window.session.year == 2024
    for row, step in enumerate(Step):
        item = window.navigator.item(row)
        assert item.text().startswith(f"{row + 1}. ")
        assert item.data(0x0100 + 1) == window.session.statuses[step].value
    assert window.session.statuses[Step.UNIT] is StepStatus.DONE


def test_clicking_a_step_opens_its_page(window):
    for step in Step:
        window.navigator.setCurrentRow(list(Step).index(step))
        assert window.current_step() is step
        assert window.pages.currentWidget() is window.step_pages[step]


def test_year_selector_opens_another_year(window, demo_workspace, qtbot):
    years = demo_workspace.years()
    assert window.year.count() == len(years)
    with qtbot.waitSignal(window.year_shown) as shown:
        window.year.setCurrentIndex(years.index(2023))
    assert shown.args == [2023]
    assert window.session.data.year == 2023
    assert "2023" in window.year_label.text()


def test_status_bar_names_workspace_year_and_last_backup(window, demo_workspace):
    assert str(demo_workspace.paths.root) in window.path_label.text()
    assert "2024" in window.year_label.text()
    before = window.backup_label.text()
    window.back_up()
    assert window.backup_label.text()
    assert len(demo_workspace.backups()) >= 1
    assert before


def test_a_broken_rule_shows_in_the_problems_panel_and_clicking_opens_its_step(window):
    session = window.session
    spending = {item.code for item in session.data.catalogue.of_flow(Flow.EXPENDITURE)}
    line = next(item for item in session.data.budget if item.category_code in spending)
    assert session.change(
        "budget",
        lambda: session.save_budget_line(replace(line, budget=Decimal("99999999"))),
        lambda: session.save_budget_line(line),
    )
    session.recheck()
    model = window.problems.model
    codes = [model.row(row).code.value for row in range(model.rowCount())]
    assert "B004" in codes  # deficit: expenditure now exceeds revenue
    assert window.session.statuses[Step.BUDGET] is StepStatus.IN_PROGRESS
    window.open_step(Step.UNIT)
    row = codes.index("B004")
    window.problems.table.clicked.emit(model.index(row, 0))
    assert window.current_step() is Step.BUDGET
    assert model.row(row).where.section is Section.BUDGET


def test_undo_and_redo_put_the_stored_value_back(window, demo_workspace):
    session = window.session
    line = session.data.budget[0]
    changed = replace(line, budget=line.budget + 1)
    assert session.change(
        "edit", lambda: session.save_budget_line(changed), lambda: session.save_budget_line(line)
    )
    assert demo_workspace.load_year(2024).budget[0].budget == line.budget + 1
    window.undo_action.trigger()
    assert demo_workspace.load_year(2024).budget[0].budget == line.budget
    assert session.data.budget[0].budget == line.budget
    window.redo_action.trigger()
    assert demo_workspace.load_year(2024).budget[0].budget == line.budget + 1
    assert QKeySequence("Ctrl+Z") in window.undo_action.shortcuts()
    assert QKeySequence("Ctrl+Y") in window.redo_action.shortcuts()


def test_a_refused_edit_is_reported_and_not_put_on_the_undo_stack(window, errors, demo_workspace):
    session = window.session
    line = session.data.budget[0]
    bad = replace(line, budget=Decimal("-5"))
    assert not session.change("bad", lambda: session.save_budget_line(bad), lambda: None)
    assert errors
    assert "负" in errors[-1]
    assert session.undo_stack.count() == 0
    assert demo_workspace.load_year(2024).budget[0].budget == line.budget


def test_empty_workspace_shows_every_step_not_started(qtbot, empty_workspace, errors):
    shown = MainWindow(empty_workspace)
    qtbot.addWidget(shown)
    assert shown.session.year is None
    assert set(shown.session.statuses.values()) == {StepStatus.NOT_STARTED}
    assert not errors


def test_problems_are_rechecked_in_the_background_after_an_edit(window, qtbot):
    session = window.session
    spending = {item.code for item in session.data.catalogue.of_flow(Flow.EXPENDITURE)}
    line = next(item for item in session.data.budget if item.category_code in spending)
    deficit = replace(line, budget=Decimal("99999999"))
    with qtbot.waitSignal(session.problems_changed, timeout=5000):
        assert session.change(
            "deficit",
            lambda: session.save_budget_line(deficit),
            lambda: session.save_budget_line(line),
        )
    assert "B004" in {problem.code.value for problem in session.problems}
    assert session.statuses[Step.BUDGET] is StepStatus.IN_PROGRESS
    with qtbot.waitSignal(session.problems_changed, timeout=5000):
        session.undo_stack.undo()
    assert "B004" not in {problem.code.value for problem in session.problems}


def test_only_the_first_step_is_built_at_start_and_the_rest_follow_when_idle(
    qtbot, demo_workspace, errors
):
    shown = MainWindow(demo_workspace)
    qtbot.addWidget(shown)
    assert set(shown.step_pages) == {Step.UNIT}
    qtbot.waitUntil(lambda: set(shown.step_pages) == set(Step), timeout=10000)
    for index, step in enumerate(Step):
        assert shown.pages.widget(index) is shown.step_pages[step]


def test_an_adjustment_puts_its_step_back_in_progress_until_the_chair_signs_again(window):
    session = window.session
    assert session.statuses[Step.TARGETS] is StepStatus.DONE  # the demo's targets are signed
    session.adjustment_reason = lambda _locked: "上级批复调整"
    targets = session.data.unit_targets
    goal = targets.annual_goal
    assert session.change(
        "goal",
        lambda: session.save_year_facts(unit_annual_goal=goal + "（调整）"),
        lambda: session.save_year_facts(unit_annual_goal=goal),
    )
    session.recheck()
    assert session.statuses[Step.TARGETS] is StepStatus.IN_PROGRESS
    signed = session.data.signoffs_for("targets")
    assert set(signed) == {SignoffRole.PREPARER}  # the adjustment withdrew chair and audit chair
    preparer = signed[SignoffRole.PREPARER]
    for role in (SignoffRole.CHAIR, SignoffRole.AUDIT_CHAIR):
        session.sign_off(replace(preparer, role=role, name="陈建国"))
    session.recheck()
    assert session.statuses[Step.TARGETS] is StepStatus.DONE


def test_an_adjustment_is_started_after_a_backup_the_status_bar_shows(
    window, demo_workspace, zh_cn
):
    session = window.session
    before = {item.path for item in demo_workspace.backups()}
    session.adjustment_reason = lambda _locked: "上级批复调整"
    goal = session.data.unit_targets.annual_goal
    assert session.change(
        "goal",
        lambda: session.save_year_facts(unit_annual_goal=goal + "（调整）"),
        lambda: session.save_year_facts(unit_annual_goal=goal),
    )
    taken = [item for item in demo_workspace.backups() if item.path not in before]
    assert len(taken) == 1
    assert taken[0].path.name.endswith("_调整前.sqlite")
    assert window.backup_label.text() == f"最近备份：{messages.backup_time(taken[0])}"
