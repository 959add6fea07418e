"""The six step pages of the main window, one module each."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from unionperf.domain.cycle import Step
from unionperf.ui.steps.base import StepPage
from unionperf.ui.steps.budget import BudgetStep
from unionperf.ui.steps.evaluation import EvaluationStep
from unionperf.ui.steps.monitoring import MonitoringStep
from unionperf.ui.steps.submit import SubmitStep
from unionperf.ui.steps.targets import TargetsStep
from unionperf.ui.steps.unit import UnitStep
from unionperf.ui.year_session import YearSession

__all__ = ["build_pages"]

_PAGES: dict[Step, type[StepPage]] = {
    Step.UNIT: UnitStep,
    Step.BUDGET: BudgetStep,
    Step.TARGETS: TargetsStep,
    Step.MONITORING: MonitoringStep,
    Step.EVALUATION: EvaluationStep,
    Step.SUBMIT: SubmitStep,
}


def build_pages(session: YearSession, parent: QWidget | None = None) -> dict[Step, StepPage]:
    """One page per step, in navigator order."""
    return {step: _PAGES[step](session, parent) for step in Step}
