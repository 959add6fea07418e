"""The six pages of the upper level's navigator, their names, and building one on first use.

A page module (and what it imports: QtCharts, openpyxl through the services…) is loaded only
when the page is first opened, so the window starts with its first page alone.
"""

from __future__ import annotations

from enum import StrEnum
from importlib import import_module

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from unionperf.ui.upper.base import UpperPage
from unionperf.ui.upper.context import UpperContext

__all__ = ["UpperStep", "build_page", "step_hint", "step_title"]


class UpperStep(StrEnum):
    """The pages of the upper level's window, in the navigator's order."""

    REGISTER = "register"
    RECEIVE = "receive"
    BOARD = "board"
    REVIEW = "review"
    AGGREGATE = "aggregate"
    PARAMS = "params"


_PAGES: dict[UpperStep, tuple[str, str]] = {
    UpperStep.REGISTER: ("unionperf.ui.upper.register.page", "RegisterPage"),
    UpperStep.RECEIVE: ("unionperf.ui.upper.receive.page", "ReceivePage"),
    UpperStep.BOARD: ("unionperf.ui.upper.board.page", "BoardPage"),
    UpperStep.REVIEW: ("unionperf.ui.upper.review.page", "ReviewPage"),
    UpperStep.AGGREGATE: ("unionperf.ui.upper.aggregate.page", "AggregatePage"),
    UpperStep.PARAMS: ("unionperf.ui.upper.params.page", "ParamsPage"),
}


def step_title(step: UpperStep) -> str:
    """The page's name in the navigator (下级单位 …)."""
    match step:
        case UpperStep.REGISTER:
            return QCoreApplication.translate("UpperSteps", "Units")
        case UpperStep.RECEIVE:
            return QCoreApplication.translate("UpperSteps", "Receive")
        case UpperStep.BOARD:
            return QCoreApplication.translate("UpperSteps", "Reporting status")
        case UpperStep.REVIEW:
            return QCoreApplication.translate("UpperSteps", "Review")
        case UpperStep.AGGREGATE:
            return QCoreApplication.translate("UpperSteps", "Aggregation")
        case UpperStep.PARAMS:
            return QCoreApplication.translate("UpperSteps", "Parameters")


def step_hint(step: UpperStep) -> str:
    """What the page is for, in a few words (the navigator's second line)."""
    match step:
        case UpperStep.REGISTER:
            return QCoreApplication.translate("UpperSteps", "register keys")
        case UpperStep.RECEIVE:
            return QCoreApplication.translate("UpperSteps", "import packages")
        case UpperStep.BOARD:
            return QCoreApplication.translate("UpperSteps", "who is missing")
        case UpperStep.REVIEW:
            return QCoreApplication.translate("UpperSteps", "opinions, approve or return")
        case UpperStep.AGGREGATE:
            return QCoreApplication.translate("UpperSteps", "totals and ranking")
        case UpperStep.PARAMS:
            return QCoreApplication.translate("UpperSteps", "send settings down")


def build_page(step: UpperStep, context: UpperContext, parent: QWidget | None = None) -> UpperPage:
    """The page of one step (its module is imported on first use)."""
    module, name = _PAGES[step]
    page_class: type[UpperPage] = getattr(import_module(module), name)
    return page_class(context, parent)
