"""The six step pages of the main window, one module each, built when first opened.

A page module (and what it imports: QtCharts, the indicator library…) is loaded only when the
user first opens that step, so the window starts with the first step alone.
"""

from __future__ import annotations

from importlib import import_module

from PySide6.QtWidgets import QWidget

from unionperf.domain.cycle import Step
from unionperf.ui.steps.base import StepPage
from unionperf.ui.year_session import YearSession

__all__ = ["build_page"]

_PAGES: dict[Step, tuple[str, str]] = {
    Step.UNIT: ("unionperf.ui.steps.unit.page", "UnitStep"),
    Step.BUDGET: ("unionperf.ui.steps.budget.page", "BudgetStep"),
    Step.TARGETS: ("unionperf.ui.steps.targets.page", "TargetsStep"),
    Step.MONITORING: ("unionperf.ui.steps.monitoring.page", "MonitoringStep"),
    Step.EVALUATION: ("unionperf.ui.steps.evaluation.page", "EvaluationStep"),
    Step.SUBMIT: ("unionperf.ui.steps.submit.page", "SubmitStep"),
}


def build_page(step: Step, session: YearSession, parent: QWidget | None = None) -> StepPage:
    """The page of one step (its module is imported on first use)."""
    module, name = _PAGES[step]
    page_class: type[StepPage] = getattr(import_module(module), name)
    return page_class(session, parent)
