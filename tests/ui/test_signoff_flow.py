"""Signing off in the window as the accountant does it: gates, adjustments, names, step 4, problems.

Each test drives the main window on the demo union at 1366×768: it types, clicks the sign
buttons and the listed problems, and reads what the window shows afterwards.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QTabWidget, QWizard

from tests.ui.test_first_run import click, fill_unit, type_into
from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.categories import Flow
from unionperf.domain.cycle import Step, StepStatus
from unionperf.domain.problems import Section
from unionperf.domain.settings import SignoffRole
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import editing, locks
from unionperf.ui import messages
from unionperf.ui.first_run import FirstRunWizard
from unionperf.ui.first_run_pages import Page
from unionperf.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

YEAR = 2024
JULY = "monitoring-2024-07-31"
JULY_POINT = "m2024-07-31"
NAME_FIELDS = ("accountant", "chair", "auditChair")


@pytest.fixture
def errors(monkeypatch):
    """The error dialogs shown, as (title, message)."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, title, error: shown.append((title, str(error)))
    )
    return shown


@pytest.fixture
def reasons(monkeypatch):
    """The demo is signed off: every change asks for an adjustment reason; answer it."""
    asked: list[str] = []

    def reason(_parent, stage_label):
        asked.append(stage_label)
        return "会员代表大会调整目标"

    monkeypatch.setattr(messages, "ask_adjustment_reason", reason)
    return asked


def _window(qtbot, workspace: Workspace) -> MainWindow:
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot, demo_workspace, errors, reasons):
    return _window(qtbot, demo_workspace)


def _unsign(window: MainWindow, stage: str, *roles: SignoffRole) -> None:
    """The given state: these sign-offs of the demo year were never given."""
    for role in roles:
        locks.withdraw_signoff(window.workspace, YEAR, stage, role)
    window.session.reload()


def _strip_first_project(window: MainWindow) -> str:
    """The given state: the first project has no indicator (T002, a hard problem)."""
    project = window.session.data.projects[0]
    for indicator in project.targets.indicators:
        editing.delete_indicator(window.workspace, indicator.uid)
    window.session.reload()
    return project.uid


def _deficit(window: MainWindow) -> None:
    """The user types a spending budget beyond the revenue (B004, a hard budget problem)."""
    session = window.session
    spending = {item.code for item in session.data.catalogue.of_flow(Flow.EXPENDITURE)}
    line = next(item for item in session.data.budget if item.category_code in spending)
    assert session.change(
        "budget",
        lambda: session.save_budget_line(replace(line, budget=Decimal("99999999"))),
        lambda: session.save_budget_line(line),
    )
    session.recheck()


def _click_item(qtbot, listing: QListWidget, starting: str) -> None:
    row = next(r for r in range(listing.count()) if listing.item(r).text().startswith(starting))
    listing.scrollToItem(listing.item(row))
    rect = listing.visualItemRect(listing.item(row))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _click_sign(qtbot, panel, role: SignoffRole) -> None:
    qtbot.mouseClick(panel.rows[role].button, Qt.MouseButton.LeftButton)


def _typed(row, text: str) -> None:
    """Replace a role's name as the user types it (Chinese arrives from the input method)."""
    type_into_line(row.name, text)


def type_into_line(edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    edit.del_()
    edit.insert(text)


# -- 1. a stage with open hard problems cannot be signed; the panel lists them, clickable -------


def test_the_chair_cannot_sign_targets_while_hard_problems_are_open(qtbot, window, errors):
    _unsign(window, "targets", SignoffRole.CHAIR)
    owner = _strip_first_project(window)
    _deficit(window)
    page = window.open_step(Step.TARGETS)
    panel = page.signoff
    assert panel.blocker_list.isVisible()
    listed = [panel.blocker_list.item(r).text() for r in range(panel.blocker_list.count())]
    assert any(text.startswith("T002 ") for text in listed)
    assert any(text.startswith("B004 ") for text in listed)
    assert str(len(listed)) in panel.blocker_caption.text()

    _click_sign(qtbot, panel, SignoffRole.CHAIR)
    [(title, message)] = errors
    assert title == "Not signed"
    assert title != "The change was not saved"
    assert "须修改的问题，解决后才能签字" in message
    assert "T002" in message
    assert SignoffRole.CHAIR not in window.workspace.load_year(YEAR).signoffs_for("targets")
    assert not locks.stage_lock(window.workspace, YEAR, "targets").locked
    assert window.session.undo_stack.count() == 1  # the budget edit only

    # a listed problem opens its step and field, like the problems panel
    _click_item(qtbot, panel.blocker_list, "T002 ")
    assert window.current_step() is Step.TARGETS
    assert page.owner_uid == owner
    _click_item(qtbot, panel.blocker_list, "B004 ")
    assert window.current_step() is Step.BUDGET


def test_once_the_problems_are_fixed_the_list_goes_and_the_chair_signs(qtbot, window, errors):
    _unsign(window, "targets", SignoffRole.CHAIR)
    _deficit(window)
    page = window.open_step(Step.TARGETS)
    assert page.signoff.blocker_list.isVisible()
    window.session.undo_stack.undo()  # the user takes the wrong budget back
    assert not page.signoff.blocker_list.isVisible()
    _click_sign(qtbot, page.signoff, SignoffRole.CHAIR)
    assert errors == []
    assert locks.stage_lock(window.workspace, YEAR, "targets").locked
    assert page.signoff.rows[SignoffRole.CHAIR].state.text() == "Signed"


# -- 2. an adjustment withdraws the chair's and the audit chair's signatures visibly -----------


def test_an_adjustment_withdraws_the_chair_and_audit_chair_and_the_problems_ask_again(
    qtbot, demo_workspace, errors, reasons, zh_cn
):
    window = _window(qtbot, demo_workspace)
    page = window.open_step(Step.TARGETS)
    panel = page.signoff
    assert {row.state.text() for row in panel.rows.values()} == {"已签字"}
    # the user changes the unit-wide goal of the signed targets
    page.select_owner(UNIT_OWNER)
    page.annual_goal.setFocus()
    page.annual_goal.moveCursor(QTextCursor.MoveOperation.End)
    page.annual_goal.insertPlainText("（调整）")
    page.annual_goal.commit()
    assert reasons == ["绩效目标"]
    assert demo_workspace.load_year(YEAR).unit_targets.annual_goal.endswith("（调整）")
    for role in (SignoffRole.CHAIR, SignoffRole.AUDIT_CHAIR):
        assert panel.rows[role].state.text() != "已签字"
        assert panel.rows[role].state.text() == "尚未签字"
        assert panel.rows[role].button.text() == "签字"
    assert panel.rows[SignoffRole.PREPARER].state.text() == "已签字"
    assert "调整" in panel.lock_label.text()
    window.session.recheck()
    model = window.problems.model
    rows = [model.row(r) for r in range(model.rowCount())]
    again = [(p.code.value, p.where.field, p.message) for p in rows]
    assert again == [
        ("G002", "chair", "绩效目标正在调整，调整后须由工会主席重新签字确认"),
        ("G002", "audit_chair", "绩效目标正在调整，调整后须由经审会主任重新签字确认"),
    ]
    assert window.session.statuses[Step.TARGETS] is StepStatus.IN_PROGRESS
    # both sign again; the stage is locked and nothing is asked any more
    _click_sign(qtbot, panel, SignoffRole.AUDIT_CHAIR)
    _click_sign(qtbot, panel, SignoffRole.CHAIR)
    assert errors == []
    assert {row.state.text() for row in panel.rows.values()} == {"已签字"}
    assert locks.stage_lock(demo_workspace, YEAR, "targets").locked
    window.session.recheck()
    assert window.problems.model.rowCount() == 0


# -- 3. names per role: asked once, pre-filled everywhere, never wiped --------------------------


def test_the_wizard_asks_all_three_names_and_every_sign_off_starts_with_them(
    qtbot, tmp_path, errors, monkeypatch
):
    monkeypatch.setattr("unionperf.ui.first_run.open_file", lambda _path: True)
    wizard = FirstRunWizard(tmp_path / "ws")
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == Page.UNIT
    fill_unit(qtbot, wizard)
    audit_chair = wizard.unit_page.findChild(type(wizard.unit_page.chair), "auditChair")
    assert audit_chair is not None
    type_into(qtbot, audit_chair, "王主任")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    type_into(qtbot, wizard.passphrase_page.first, "Gonghui2024!")
    type_into(qtbot, wizard.passphrase_page.second, "Gonghui2024!")
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert errors == []
    with Workspace.open(tmp_path / "ws") as made:
        unit = made.unit()
        assert (unit.accountant, unit.chair, unit.audit_chair) == ("张会计", "李主席", "王主任")
        window = _window(qtbot, made)
        unit_page = window.open_step(Step.UNIT)
        assert unit_page.view.audit_chair.text() == "王主任"
        for step in (Step.TARGETS, Step.EVALUATION, Step.SUBMIT):
            panel = window.open_step(step).signoff
            panel.refresh()
            names = [panel.rows[role].name.text() for role in SignoffRole]
            assert names == ["张会计", "李主席", "王主任"]
        window.close()


def test_a_name_typed_for_one_role_stays_when_another_role_signs(qtbot, window, errors):
    _unsign(window, "targets", SignoffRole.PREPARER, SignoffRole.AUDIT_CHAIR)
    panel = window.open_step(Step.TARGETS).signoff
    _typed(panel.rows[SignoffRole.AUDIT_CHAIR], "赵主任")
    _click_sign(qtbot, panel, SignoffRole.PREPARER)
    assert errors == []
    assert panel.rows[SignoffRole.PREPARER].state.text() == "Signed"
    assert panel.rows[SignoffRole.AUDIT_CHAIR].name.text() == "赵主任"
    _click_sign(qtbot, panel, SignoffRole.AUDIT_CHAIR)
    stored = window.workspace.load_year(YEAR).signoffs_for("targets")
    assert stored[SignoffRole.AUDIT_CHAIR].name == "赵主任"


def test_a_name_missing_from_the_profile_comes_from_the_last_sign_off(qtbot, window):
    session = window.session
    unit = session.data.unit
    assert session.change(
        "profile",
        lambda: session.save_unit(replace(unit, audit_chair="")),
        lambda: session.save_unit(unit),
    )
    _unsign(window, "self-evaluation", SignoffRole.AUDIT_CHAIR)
    panel = window.open_step(Step.EVALUATION).signoff
    panel.refresh()
    assert panel.rows[SignoffRole.AUDIT_CHAIR].name.text() == "王秀英"


def test_a_refused_sign_off_has_its_own_title_in_chinese(qtbot, demo_workspace, errors, zh_cn):
    window = _window(qtbot, demo_workspace)
    _unsign(window, "self-evaluation", SignoffRole.CHAIR)
    panel = window.open_step(Step.EVALUATION).signoff
    panel.rows[SignoffRole.CHAIR].name.clear()
    _click_sign(qtbot, panel, SignoffRole.CHAIR)
    [(title, message)] = errors
    assert title != "修改未保存"
    assert title == "未能签字"
    assert message == "签字确认 › 绩效自评 › 工会主席：请填写签字人姓名"


def test_the_unit_page_names_the_three_signing_roles(qtbot, demo_workspace, errors, zh_cn):
    window = _window(qtbot, demo_workspace)
    page = window.open_step(Step.UNIT)
    edits = [page.view.findChild(type(page.view.name), name) for name in NAME_FIELDS]
    assert None not in edits
    captions = {label.buddy(): label.text() for label in page.view.findChildren(QLabel)}
    assert [captions.get(edit) for edit in edits] == ["填报人（会计）", "工会主席", "经审会主任"]


# -- 4. monitoring: sign the point on its own page; step 4 waits for it ------------------------


def test_the_monitoring_page_signs_the_selected_point(qtbot, window, errors):
    _unsign(window, JULY, SignoffRole.CHAIR)
    assert window.session.statuses[Step.MONITORING] is StepStatus.IN_PROGRESS
    row = list(Step).index(Step.MONITORING)
    assert window.navigator.item(row).text().endswith("In progress")
    page = window.open_step(Step.MONITORING)
    page.points.setCurrentIndex(page.points.findData(JULY_POINT))
    tabs: QTabWidget = page.tabs
    names = [tabs.tabText(index) for index in range(tabs.count())]
    assert "Sign-off (not signed)" in names
    signoff_tab = names.index("Sign-off (not signed)")
    tabs.tabBar().setCurrentIndex(signoff_tab)
    panel = page.signoff
    assert panel.isVisible()
    assert panel.stage == JULY
    assert panel.rows[SignoffRole.CHAIR].state.text() == "not signed yet"
    assert panel.rows[SignoffRole.CHAIR].name.text() == "陈建国"
    _click_sign(qtbot, panel, SignoffRole.CHAIR)
    assert errors == []
    assert SignoffRole.CHAIR in window.workspace.load_year(YEAR).signoffs_for(JULY)
    assert tabs.tabText(signoff_tab) == "Sign-off (signed)"
    window.session.recheck()
    assert window.session.statuses[Step.MONITORING] is StepStatus.DONE
    # another point shows its own sign-offs
    page.points.setCurrentIndex(page.points.findData("m2024-06-30"))
    assert panel.stage == "monitoring-2024-06-30"


# -- 5. the problems panel: room for several rows, what the user can fix first ------------------


def test_the_problems_panel_shows_six_rows_with_fixable_items_first(qtbot, window):
    _unsign(window, "targets", *SignoffRole)
    _unsign(window, JULY, *SignoffRole)
    _strip_first_project(window)
    window.session.recheck()
    QApplication.processEvents()
    table = window.problems.table
    model = window.problems.model
    assert model.rowCount() >= 7
    visible = table.viewport().height() // table.rowHeight(0)
    assert visible >= 6
    sections = [model.row(r).where.section for r in range(model.rowCount())]
    first_signoff = sections.index(Section.SIGNOFF)
    assert first_signoff > 0
    assert all(section is Section.SIGNOFF for section in sections[first_signoff:])
    assert model.row(0).code.value == "T002"
