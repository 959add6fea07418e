"""The sign-off block: names from the profile, undoable sign-offs, the chair's lock, adjustments."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget

from unionperf.domain.settings import SignoffRole
from unionperf.services.common.stages import StageLockedError
from unionperf.services.cycle import editing, locks
from unionperf.ui import messages
from unionperf.ui.widgets import signoff_panel
from unionperf.ui.widgets.signoff_panel import SignoffPanel
from unionperf.ui.year_session import YearSession

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

NEW_YEAR = 2025


@pytest.fixture
def holder(qtbot):
    """A widget that owns the session, so it is deleted on the GUI thread with the widgets."""
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def session(holder, demo_workspace):
    opened = YearSession(demo_workspace, holder)
    opened.open_year(2024)
    return opened


@pytest.fixture
def failures(session):
    seen: list[str] = []
    session.failed.connect(seen.append)
    return seen


@pytest.fixture(autouse=True)
def errors(monkeypatch):
    """The error dialogs shown, as (title, message) (a modal dialog would wait forever)."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, title, error: shown.append((title, str(error)))
    )
    return shown


def _unsign(session, stage: str, *roles: SignoffRole) -> None:
    """Withdraw sign-offs of the demo year (as an undo would), then show the year again."""
    for role in roles:
        locks.withdraw_signoff(session.workspace, session.year, stage, role)
    session.reload()


def _type_name(row, text: str) -> None:
    """Replace a role's name as typed (Chinese arrives as an input method commits it)."""
    row.name.setFocus()
    row.name.selectAll()
    row.name.del_()
    row.name.insert(text)


def _panel(qtbot, session, stage: str) -> SignoffPanel:
    panel = SignoffPanel(session, stage)
    qtbot.addWidget(panel)
    panel.show()
    panel.refresh()
    return panel


def _click(qtbot, panel: SignoffPanel, role: SignoffRole) -> None:
    qtbot.mouseClick(panel.rows[role].button, Qt.MouseButton.LeftButton)


def _stored(session, stage: str, year: int | None = None):
    return session.workspace.load_year(year or session.year).signoffs_for(stage)


def _audit(session, count: int = 5) -> list[tuple[str, str, str, dict]]:
    with session.workspace.reading() as uow:
        return [
            (row.action, row.entity, row.entity_uid, row.changes)
            for row in uow.audit.newest(limit=count)
        ]


def test_an_unsigned_stage_shows_the_three_roles_prefilled(
    qtbot, session, demo_workspace, monkeypatch
):
    today = date(2025, 3, 9)  # the panel's clock, fixed: no race with midnight
    monkeypatch.setattr(signoff_panel, "local_today", lambda: today)
    editing.add_year(demo_workspace, NEW_YEAR)
    session.open_year(NEW_YEAR)
    panel = _panel(qtbot, session, "targets")
    names = {role: row.name.text() for role, row in panel.rows.items()}
    assert names == {
        SignoffRole.PREPARER: "周丽华",
        SignoffRole.CHAIR: "陈建国",
        SignoffRole.AUDIT_CHAIR: "王秀英",
    }
    for row in panel.rows.values():
        assert row.date.date() == QDate(2025, 3, 9)
        assert row.button.text() == "Sign off"
    assert not panel.lock.signed
    assert "Open" in panel.lock_label.text()


def test_sign_off_is_saved_and_undo_withdraws_it(qtbot, session):
    _unsign(session, "targets", SignoffRole.PREPARER)
    panel = _panel(qtbot, session, "targets")
    row = panel.rows[SignoffRole.PREPARER]
    _type_name(row, "李会计")
    row.date.setDate(QDate(2024, 1, 20))
    _click(qtbot, panel, SignoffRole.PREPARER)
    stored = _stored(session, "targets")[SignoffRole.PREPARER]
    assert (stored.name, stored.signed_on.isoformat()) == ("李会计", "2024-01-20")
    assert panel.rows[SignoffRole.PREPARER].state.text() == "Signed"
    session.undo_stack.undo()
    assert SignoffRole.PREPARER not in _stored(session, "targets")
    assert SignoffRole.PREPARER not in session.data.signoffs_for("targets")
    assert _audit(session, 1)[0][:3] == ("withdraw", "signoff", "targets/preparer")
    session.undo_stack.redo()
    assert _stored(session, "targets")[SignoffRole.PREPARER].name == "李会计"


def test_the_chair_locks_and_an_edit_then_asks_for_an_adjustment(qtbot, session, demo_workspace):
    _unsign(session, "targets", SignoffRole.CHAIR)
    panel = _panel(qtbot, session, "targets")
    assert not panel.lock.locked
    _click(qtbot, panel, SignoffRole.CHAIR)
    assert panel.lock.locked
    assert "Locked" in panel.lock_label.text()
    asked: list[str] = []

    def reason(error: StageLockedError) -> str:
        asked.append(error.label)
        return "会员代表大会调整年度目标"

    session.adjustment_reason = reason
    goal = session.data.unit_targets.annual_goal
    saved = session.change(
        "goal",
        lambda: session.save_year_facts(unit_annual_goal="调整后的目标"),
        lambda: session.save_year_facts(unit_annual_goal=goal),
    )
    assert saved
    assert asked == ["绩效目标"]
    stored = demo_workspace.load_year(2024)
    assert stored.unit_targets.annual_goal == "调整后的目标"
    saved_goal, adjusted = _audit(session, 2)
    assert saved_goal[:2] == ("save", "year")
    assert adjusted[:3] == ("adjust", "stage", "targets")
    assert adjusted[3]["reason"] == "会员代表大会调整年度目标"
    assert panel.lock.adjusting
    assert "会员代表大会调整年度目标" in panel.lock_label.text()
    # the adjustment withdrew the chair's and the audit chair's signatures, visibly
    for role in (SignoffRole.CHAIR, SignoffRole.AUDIT_CHAIR):
        assert panel.rows[role].state.text() == "not signed yet"
        assert panel.rows[role].button.text() == "Sign off"
    assert panel.rows[SignoffRole.PREPARER].state.text() == "Signed"
    # the chair's new sign-off locks it again; its undo reopens the adjustment
    _click(qtbot, panel, SignoffRole.CHAIR)
    assert panel.lock.locked
    assert locks.stage_lock(demo_workspace, 2024, "targets").locked
    session.undo_stack.undo()
    lock = locks.stage_lock(demo_workspace, 2024, "targets")
    assert (lock.adjusting, lock.reason) == (True, "会员代表大会调整年度目标")
    assert panel.lock.adjusting
    assert panel.rows[SignoffRole.CHAIR].state.text() == "not signed yet"


def test_a_refused_adjustment_saves_nothing(qtbot, session, demo_workspace):
    data = session.data
    project = data.projects[0]
    indicator = project.targets.indicators[0]
    session.adjustment_reason = lambda _error: None
    changed = replace(indicator, target=D(999))
    saved = session.change(
        "target",
        lambda: session.save_indicator(project.uid, changed),
        lambda: session.save_indicator(project.uid, indicator),
    )
    assert not saved
    assert session.undo_stack.count() == 0
    assert demo_workspace.load_year(2024).project(project.uid).targets.indicators[0] == indicator
    assert locks.stage_lock(demo_workspace, 2024, "targets").locked


def test_an_adjusted_edit_of_the_signed_demo_is_saved_with_its_reason(
    qtbot, session, demo_workspace
):
    panel = _panel(qtbot, session, "targets")
    assert panel.lock.locked
    project = session.data.projects[0]
    indicator = project.targets.indicators[0]
    session.adjustment_reason = lambda _error: "上级批复调整"
    changed = replace(indicator, target=D(11))
    assert session.change(
        "target",
        lambda: session.save_indicator(project.uid, changed),
        lambda: session.save_indicator(project.uid, indicator),
    )
    stored = demo_workspace.load_year(2024).project(project.uid).targets.indicators[0]
    assert stored.target == D(11)
    assert _audit(session, 2)[1][3]["reason"] == "上级批复调整"
    session.undo_stack.undo()  # the adjustment is still open: undo needs no new reason
    stored = demo_workspace.load_year(2024).project(project.uid).targets.indicators[0]
    assert stored == indicator


def test_an_empty_name_is_refused(qtbot, session, errors):
    _unsign(session, "self-evaluation", SignoffRole.AUDIT_CHAIR)
    panel = _panel(qtbot, session, "self-evaluation")
    panel.rows[SignoffRole.AUDIT_CHAIR].name.clear()
    _click(qtbot, panel, SignoffRole.AUDIT_CHAIR)
    [(title, message)] = errors
    assert title == "Not signed"
    assert "签字人姓名" in message
    assert SignoffRole.AUDIT_CHAIR not in _stored(session, "self-evaluation")
    assert session.undo_stack.count() == 0


def test_set_stage_shows_another_stage(qtbot, session):
    panel = _panel(qtbot, session, "targets")
    assert panel.rows[SignoffRole.CHAIR].date.date() == QDate(2024, 1, 17)
    panel.set_stage("monitoring-2024-07-31")
    assert panel.rows[SignoffRole.CHAIR].date.date() == QDate(2024, 8, 12)
    assert panel.rows[SignoffRole.CHAIR].button.text() == "Sign again"
    assert "运行监控（2024-07-31）" in panel.lock_label.text()


def test_a_hidden_panel_catches_up_when_shown(qtbot, session):
    panel = SignoffPanel(session, "targets")
    qtbot.addWidget(panel)
    panel.hide()
    locks.withdraw_signoff(session.workspace, 2024, "targets", SignoffRole.CHAIR)
    session.reload()
    panel.show()
    assert not panel.lock.locked
    assert panel.rows[SignoffRole.CHAIR].button.text() == "Sign off"
