"""事前绩效评估 in the targets step: the line over a major project, the dialog, undo, the gate."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog

from unionperf.domain.assessment import Conclusion
from unionperf.domain.cycle import Step
from unionperf.domain.problems import ProblemCode
from unionperf.ui import messages
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.budget.settings_form import save_settings
from unionperf.ui.steps.targets.assessment import AssessmentDialog
from unionperf.ui.steps.targets.page import TargetsStep

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

YEAR = 2024
WELFARE, TRAINING, SPORTS = "p2024-02", "p2024-06", "p2024-01"


@pytest.fixture
def page(qtbot, demo_workspace, monkeypatch) -> Iterator[TargetsStep]:
    """The targets step of the demo's 2024 (signed off: edits are adjustments) at 1366×768."""
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _p, title, error: shown.append(title))
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.refresh_years(YEAR)
    window.session.adjustment_reason = lambda _locked: "测试调整"
    step = window.open_step(Step.TARGETS)
    assert isinstance(step, TargetsStep)
    yield step
    assert shown == []


def _problems(page: TargetsStep) -> set[ProblemCode]:
    return {problem.code for problem in page.session.workspace.check(YEAR)}


def _lower_threshold(page: TargetsStep) -> None:
    """150,000 元: the new 劳模疗休养 project (160,000 元) needs an assessment too."""
    settings = page.session.data.settings
    save_settings(page.session, replace(settings, assessment_threshold=Decimal(150000)))


def _answer(monkeypatch, fill) -> list[AssessmentDialog]:
    """Replace the dialog's exec: ``fill`` types into it, then it is saved."""
    opened: list[AssessmentDialog] = []

    def run(dialog: AssessmentDialog) -> QDialog.DialogCode:
        opened.append(dialog)
        fill(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AssessmentDialog, "exec", run)
    return opened


def test_the_line_shows_for_the_major_project_only(page: TargetsStep):
    page.select_owner(WELFARE)
    assert page.assessment.isVisible()
    assert "调整后通过" in page.assessment.status.text()
    assert page.assessment.status.styleSheet() == ""
    page.select_owner(SPORTS)  # a continuing project: none asked for
    assert not page.assessment.isVisible()


def test_a_rejection_is_saved_blocks_the_targets_and_undo_restores_it(page, monkeypatch):
    page.select_owner(WELFARE)
    before = page.session.data.assessment_of(WELFARE)
    opened = _answer(
        monkeypatch,
        lambda dialog: dialog.conclusion.setCurrentIndex(dialog.conclusion.findData("reject")),
    )
    assert page.assessment.edit()
    assert len(opened) == 1
    held = page.window().session.workspace.load_year(YEAR).assessment_of(WELFARE)
    assert held.conclusion is Conclusion.REJECT
    assert held.evidence == before.evidence  # the other fields as they were
    assert "cannot be signed off" in page.assessment.status.text()
    assert page.assessment.status.styleSheet() != ""
    assert ProblemCode.ASSESSMENT_NOT_POSITIVE in _problems(page)
    page.session.undo_stack.undo()
    assert page.window().session.workspace.load_year(YEAR).assessment_of(WELFARE) == before
    assert "调整后通过" in page.assessment.status.text()


def test_a_first_assessment_is_typed_in_and_undo_removes_it(page, monkeypatch):
    _lower_threshold(page)
    page.select_owner(TRAINING)
    assert "none is recorded yet" in page.assessment.status.text()

    def fill(dialog: AssessmentDialog) -> None:
        for name, edit in dialog.texts.items():
            edit.setPlainText(f"{name}：已论证")
        dialog.conclusion.setCurrentIndex(dialog.conclusion.findData("pass"))
        dialog.assessor.setText("工会财务委员会")
        dialog.assessed_on.setDate(QDate(2023, 12, 5))
        dialog.evidence.setPlainText("会议纪要")

    _answer(monkeypatch, fill)
    assert page.assessment.edit()
    held = page.window().session.workspace.load_year(YEAR).assessment_of(TRAINING)
    assert held is not None
    assert held.positive
    assert held.assessed_on.isoformat() == "2023-12-05"
    assert page.assessment.status.text() == "Ex-ante assessment: 通过 (工会财务委员会, 2023-12-05)"
    page.session.undo_stack.undo()
    assert page.window().session.workspace.load_year(YEAR).assessment_of(TRAINING) is None


def test_an_empty_date_and_conclusion_stay_empty(page, monkeypatch):
    _lower_threshold(page)
    page.select_owner(TRAINING)
    _answer(monkeypatch, lambda dialog: dialog.texts["necessity"].setPlainText("需要"))
    assert page.assessment.edit()
    held = page.window().session.workspace.load_year(YEAR).assessment_of(TRAINING)
    assert (held.necessity, held.conclusion, held.assessed_on) == ("需要", None, None)
    assert "still to fill in: 实施可行性、" in page.assessment.status.text()


def test_the_problem_jumps_to_the_project_and_its_button(page):
    _lower_threshold(page)
    problems = page.session.workspace.check(YEAR)
    location = next(p.where for p in problems if p.code is ProblemCode.ASSESSMENT_MISSING)
    page.select_owner(SPORTS)
    page.show_location(location)
    assert page.owner_uid == TRAINING
    assert page.assessment.isVisible()
