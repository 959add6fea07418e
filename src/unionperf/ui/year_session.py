"""The open workspace and year as the window holds it.

The session keeps one :class:`YearData` in memory, saves every edit at once through the services
and patches its copy instead of reloading the year, so screens stay fast on a large unit.
Every edit goes through :meth:`YearSession.change`, which puts it on the undo stack, asks for an
adjustment reason when the stage is signed off, and reports failures in Chinese.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal
from PySide6.QtGui import QUndoStack

from unionperf.domain import year_edits as edits
from unionperf.domain.assessment import ExAnteAssessment
from unionperf.domain.budget import UNIT_OWNER, BudgetLine, Project
from unionperf.domain.cycle import Step, StepStatus
from unionperf.domain.evaluation import Evaluation, IndicatorResult
from unionperf.domain.indicators import Indicator
from unionperf.domain.monitoring import MonitoringEntry, MonitoringPoint
from unionperf.domain.problems import Problem
from unionperf.domain.revenue import RevenueArrival
from unionperf.domain.unit import UnitProfile
from unionperf.domain.year import Explanation, Signoff, YearData
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.stages import StageLockedError
from unionperf.services.cycle import assessment, editing, locks
from unionperf.services.views import year_review
from unionperf.ui import gc_guard
from unionperf.ui.jobs import Job
from unionperf.ui.undo import EditCommand

if TYPE_CHECKING:
    from unionperf.services.common.workspace import Workspace

__all__ = ["Area", "YearSession"]

log = logging.getLogger(__name__)

RECHECK_DELAY_MS = 250
"""Problems are re-checked this long after the last edit (typing stays fluid)."""


class Area:
    """What an edit changed; screens refresh only what they show of it."""

    YEAR = "year"
    UNIT = "unit"
    BUDGET = "budget"
    PROJECTS = "projects"
    TARGETS = "targets"
    MONITORING = "monitoring"
    EVALUATION = "evaluation"
    SIGNOFFS = "signoffs"
    EXPLANATIONS = "explanations"
    SUBMISSIONS = "submissions"


class YearSession(QObject):
    """The workspace, the selected year with its data, problems and statuses, the undo stack."""

    changed = Signal(str)
    """An :class:`Area` changed (``year`` when another year was opened or reloaded)."""
    problems_changed = Signal()
    """:attr:`problems` and :attr:`statuses` were recomputed."""
    failed = Signal(str)
    """An edit was refused; the argument is the Chinese message for the user."""
    locate = Signal(object)
    """A :class:`Problem` to show: the main window opens its step and selects its field."""

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.undo_stack = QUndoStack(self)
        self.year: int | None = None
        self.data: YearData | None = None
        self.problems: list[Problem] = []
        self.statuses: dict[Step, StepStatus] = year_review.statuses_of(None, [], set())
        self.submitted: set[str] = set()
        self.adjustment_reason: Callable[[StageLockedError], str | None] = lambda _error: None
        """Asks the user why a signed-off stage is changed; ``None`` cancels the edit."""
        self._previous: dict[int, YearData | None] = {}
        self._running_checks: list[Job] = []
        self.adjusting: set[str] = set()
        """Stages with an adjustment open (their step shows as in progress)."""
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(RECHECK_DELAY_MS)
        self._recheck.timeout.connect(self.recheck_in_background)
        self._checks = QThreadPool(self)
        self._checks.setMaxThreadCount(1)

    # -- years ---------------------------------------------------------------------------------

    def years(self) -> list[int]:
        """The years the workspace holds, oldest first."""
        return self.workspace.years()

    def open_year(self, year: int | None) -> None:
        """Load ``year`` (or nothing) and tell every screen; the undo history starts afresh."""
        self.year = year
        self.data = self.workspace.load_year(year) if year is not None else None
        self.undo_stack.clear()
        self._previous.clear()
        self.submitted = year_review.submitted_stages(self.workspace, year) if year else set()
        self._read_adjusting()
        self.recheck()
        self.changed.emit(Area.YEAR)
        gc_guard.year_loaded()  # the year lives until another opens: out of the young scans

    def reload(self) -> None:
        """Read the year again from the store (after imports and feedback)."""
        self.open_year(self.year)

    def previous_year(self) -> YearData | None:
        """Last year's data (read-only history for copy-forward and charts), if held."""
        if self.year is None:
            return None
        last = self.year - 1
        if last not in self._previous:
            held = last in self.workspace.years()
            self._previous[last] = self.workspace.load_year(last) if held else None
        return self._previous[last]

    def recheck(self) -> None:
        """Recompute problems and step statuses now."""
        self._recheck.stop()
        data, adjusting = self.data, frozenset(self.adjusting)
        self.problems = year_review.problems_of(data, adjusting) if data is not None else []
        self.statuses = self._statuses()
        self.problems_changed.emit()

    def recheck_in_background(self) -> None:
        """Recompute problems off the GUI thread (0.5 s on a large unit), then publish them.

        The year in memory is immutable, so the worker reads it safely; a result computed for
        a copy that has been replaced meanwhile is dropped (the newer edit rechecks again).
        """
        data = self.data
        if data is None:
            self.recheck()
            return
        self._running_checks = [job for job in self._running_checks if not job.done.is_set()]
        adjusting = frozenset(self.adjusting)
        job = Job(lambda _progress: (data, year_review.problems_of(data, adjusting)))
        job.relay.finished.connect(self._checked)  # a bound slot: dropped if the session goes
        job.relay.failed.connect(self._check_failed)
        self._running_checks.append(job)
        self._checks.start(job)

    def _checked(self, result: tuple[YearData, list[Problem]]) -> None:
        data, problems = result
        if data is not self.data:
            return  # computed for a copy replaced meanwhile; the newer edit rechecks
        self.problems = problems
        self.statuses = self._statuses()
        self.problems_changed.emit()

    def _check_failed(self, error: object) -> None:
        self.failed.emit(str(error))

    def _statuses(self) -> dict[Step, StepStatus]:
        return year_review.statuses_of(self.data, self.problems, self.submitted, self.adjusting)

    def _read_adjusting(self) -> None:
        """Re-read which stages have an adjustment open (they change only by sign-off actions)."""
        self.adjusting = locks.stages_adjusting(self.workspace, self.year) if self.year else set()

    def wait_for_checks(self) -> None:
        """Block until background checks finished (tests, closing the window)."""
        self._checks.waitForDone()

    def note_submission(self, stage: str) -> None:
        """Record that a stage was just exported (the submit step calls this)."""
        self.submitted.add(stage)
        self.recheck()
        self.changed.emit(Area.SUBMISSIONS)

    # -- undoable changes ----------------------------------------------------------------------

    def change(self, text: str, forward: Callable[[], None], backward: Callable[[], None]) -> bool:
        """Commit ``forward`` now and put it on the undo stack with ``backward`` as its undo.

        Returns whether the change was saved. A refusal is reported through :attr:`failed`.
        """
        if not self._attempt(forward):
            return False
        self.undo_stack.push(
            EditCommand(text, lambda: self._attempt(forward), lambda: self._attempt(backward))
        )
        return True

    def _attempt(self, call: Callable[[], None]) -> bool:
        try:
            call()
        except StageLockedError as locked:
            reason = self.adjustment_reason(locked)
            if not reason or self.year is None:
                return False
            try:
                stage = locked.stage
                withdrawn = locks.open_adjustment(self.workspace, self.year, stage, reason)
                self.patch(
                    Area.SIGNOFFS, lambda data: edits.without_signoffs(data, stage, withdrawn)
                )
                call()
            except ServiceError as error:
                self.failed.emit(str(error))
                return False
        except ServiceError as error:
            self.failed.emit(str(error))
            return False
        self._recheck.start()
        return True

    def patch(self, area: str, patch: Callable[[YearData], YearData]) -> None:
        """Apply a saved change to the copy in memory and tell the screens showing ``area``."""
        if self.data is not None:
            self.data = patch(self.data)
        if area == Area.SIGNOFFS:
            self._read_adjusting()  # a chair's sign-off closes an adjustment
        self.changed.emit(area)

    def held_year(self) -> int:
        """The open year (a :class:`ServiceError` when none is open)."""
        if self.year is None:
            raise ServiceError("请先选择年度")
        return self.year

    # -- saving (each raises ServiceError; wrap in change() for undo) --------------------------

    def save_unit(self, unit: UnitProfile) -> None:
        """Save the union's profile."""
        self.workspace.save_unit(unit)
        self.patch(Area.UNIT, lambda data: edits.with_unit(data, unit))

    def save_year_facts(
        self,
        *,
        opening_balance: Decimal | None = None,
        unit_annual_goal: str | None = None,
        unit_midterm_goal: str | None = None,
    ) -> None:
        """Save the opening balance (上年结余) and the unit-wide goals; ``None`` keeps a value."""
        editing.save_year_facts(
            self.workspace,
            self.held_year(),
            opening_balance=None if opening_balance is None else str(opening_balance),
            unit_annual_goal=unit_annual_goal,
            unit_midterm_goal=unit_midterm_goal,
        )

        def patch(data: YearData) -> YearData:
            targets = data.unit_targets
            if unit_annual_goal is not None:
                targets = replace(targets, annual_goal=unit_annual_goal)
            if unit_midterm_goal is not None:
                targets = replace(targets, midterm_goal=unit_midterm_goal)
            balance = data.opening_balance if opening_balance is None else opening_balance
            return replace(data, unit_targets=targets, opening_balance=balance)

        self.patch(Area.BUDGET if opening_balance is not None else Area.TARGETS, patch)

    def save_budget_line(self, line: BudgetLine) -> None:
        """Save one category row of the budget."""
        editing.save_budget_line(self.workspace, self.held_year(), line)
        self.patch(Area.BUDGET, lambda data: edits.with_budget_line(data, line))

    def save_project(self, project: Project) -> None:
        """Save a project (new or changed)."""
        editing.save_project(self.workspace, self.held_year(), project)
        self.patch(Area.PROJECTS, lambda data: edits.with_project(data, project))

    def delete_project(self, uid: str) -> None:
        """Delete a project with its targets, monitoring and results."""
        editing.delete_project(self.workspace, self.held_year(), uid)
        self.patch(Area.PROJECTS, lambda data: edits.without_project(data, uid))

    def save_indicator(
        self, owner_uid: str, indicator: Indicator, position: int | None = None
    ) -> None:
        """Save a level-3 indicator of a project or of the unit (``owner_uid`` = ``unit``)."""
        editing.save_indicator(self.workspace, self.held_year(), owner_uid, indicator, position)
        self.patch(
            Area.TARGETS, lambda data: edits.with_indicator(data, owner_uid, indicator, position)
        )

    def delete_indicator(self, owner_uid: str, uid: str) -> None:
        """Delete an indicator with its progress and result."""
        editing.delete_indicator(self.workspace, uid)
        self.patch(Area.TARGETS, lambda data: edits.without_indicator(data, owner_uid, uid))

    def save_point(self, point: MonitoringPoint) -> None:
        """Save a monitoring cut-off."""
        editing.save_point(self.workspace, self.held_year(), point)
        self.patch(Area.MONITORING, lambda data: edits.with_point(data, point))

    def delete_point(self, uid: str) -> None:
        """Delete a monitoring point with its entries."""
        editing.delete_point(self.workspace, self.held_year(), uid)
        self.patch(Area.MONITORING, lambda data: edits.without_point(data, uid))

    def save_entry(self, entry: MonitoringEntry) -> None:
        """Save one owner's monitoring at one point."""
        editing.save_entry(self.workspace, entry)
        self.patch(Area.MONITORING, lambda data: edits.with_entry(data, entry))

    def save_arrival(self, arrival: RevenueArrival) -> None:
        """Save one revenue category's arrival at one point."""
        editing.save_arrival(self.workspace, self.held_year(), arrival)
        self.patch(Area.MONITORING, lambda data: edits.with_arrival(data, arrival))

    def delete_arrival(self, point_uid: str, category_code: str) -> None:
        """Remove one revenue category's arrival at one point (undo of a first entry)."""
        editing.delete_arrival(self.workspace, point_uid, category_code)
        self.patch(
            Area.MONITORING, lambda data: edits.without_arrival(data, point_uid, category_code)
        )

    def save_assessment(self, item: ExAnteAssessment) -> None:
        """Save a project's ex-ante assessment (事前绩效评估)."""
        assessment.save_assessment(self.workspace, self.held_year(), item)
        self.patch(Area.TARGETS, lambda data: edits.with_assessment(data, item))

    def delete_assessment(self, project_uid: str) -> None:
        """Remove a project's ex-ante assessment (undo of its first entry)."""
        assessment.delete_assessment(self.workspace, self.held_year(), project_uid)
        self.patch(Area.TARGETS, lambda data: edits.without_assessment(data, project_uid))

    def save_result(self, owner_uid: str, result: IndicatorResult) -> None:
        """Save an indicator's year-end result."""
        editing.save_result(self.workspace, self.held_year(), result)
        self.patch(Area.EVALUATION, lambda data: edits.with_result(data, owner_uid, result))

    def save_evaluation_texts(self, evaluation: Evaluation) -> None:
        """Save a self-evaluation's texts."""
        editing.save_evaluation_texts(self.workspace, self.held_year(), evaluation)
        self.patch(Area.EVALUATION, lambda data: edits.with_evaluation_texts(data, evaluation))

    def sign_off(self, signoff: Signoff) -> None:
        """Record a sign-off (the chair's locks the stage)."""
        editing.sign_off(self.workspace, self.held_year(), signoff)
        self.patch(Area.SIGNOFFS, lambda data: edits.with_signoff(data, signoff))

    def explain(self, problem_key: str, text: str) -> None:
        """Write (or withdraw, with empty text) a soft problem's explanation."""
        editing.explain(self.workspace, self.held_year(), problem_key, text)
        explanation = Explanation(problem_key, text)
        self.patch(Area.EXPLANATIONS, lambda data: edits.with_explanation(data, explanation))


UNIT = UNIT_OWNER
"""The owner uid of the unit-wide targets and evaluation."""
