"""How the monitoring step names and colours lights, likelihoods, reasons, suspensions and tiers.

Strings keep their translation context (``MonitoringModels``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from unionperf.domain.indicators import Tier
from unionperf.domain.monitoring import Light, Likelihood, ReasonCategory, Suspension

__all__ = [
    "LAG_COLOUR",
    "LIGHT_COLOURS",
    "NONE",
    "choices",
    "light_text",
    "likelihood_text",
    "not_given",
    "reason_text",
    "suspension_text",
    "tier_text",
]


LIGHT_COLOURS = {
    Light.GREEN: "#c6efce",
    Light.YELLOW: "#ffeb9c",
    Light.RED: "#ffc7ce",
    Light.BLUE: "#bdd7ee",
}
"""Cell backgrounds of the lights (the tints of the XLSX forms); the cell also says 红/黄/绿."""
LAG_COLOUR = LIGHT_COLOURS[Light.RED]


NONE = ""
"""The choice value meaning "not given"."""


def light_text(light: Light | None) -> str:
    """红 / 黄 / 绿 / 蓝 (empty without a light)."""
    match light:
        case None:
            return ""
        case Light.RED:
            return QCoreApplication.translate("MonitoringModels", "Red")
        case Light.YELLOW:
            return QCoreApplication.translate("MonitoringModels", "Yellow")
        case Light.GREEN:
            return QCoreApplication.translate("MonitoringModels", "Green")
        case Light.BLUE:
            return QCoreApplication.translate("MonitoringModels", "Blue")


def likelihood_text(likelihood: Likelihood | None) -> str:
    """确定能 / 有可能 / 完全不可能 (empty when not given)."""
    match likelihood:
        case None:
            return ""
        case Likelihood.CERTAIN:
            return QCoreApplication.translate("MonitoringModels", "Certain")
        case Likelihood.POSSIBLE:
            return QCoreApplication.translate("MonitoringModels", "Possible")
        case Likelihood.IMPOSSIBLE:
            return QCoreApplication.translate("MonitoringModels", "Impossible")


def reason_text(category: ReasonCategory | None) -> str:
    """经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他 (empty when none)."""
    match category:
        case None:
            return ""
        case ReasonCategory.FUNDING:
            return QCoreApplication.translate("MonitoringModels", "Funding")
        case ReasonCategory.INSTITUTIONAL:
            return QCoreApplication.translate("MonitoringModels", "Rules and procedures")
        case ReasonCategory.STAFFING:
            return QCoreApplication.translate("MonitoringModels", "Staffing")
        case ReasonCategory.FACILITIES:
            return QCoreApplication.translate("MonitoringModels", "Facilities")
        case ReasonCategory.OTHER:
            return QCoreApplication.translate("MonitoringModels", "Other")


def suspension_text(suspension: Suspension) -> str:
    """暂缓 / 停止, or empty for a project that goes on."""
    match suspension:
        case Suspension.NONE:
            return ""
        case Suspension.SUSPEND:
            return QCoreApplication.translate("MonitoringModels", "Suspend")
        case Suspension.STOP:
            return QCoreApplication.translate("MonitoringModels", "Stop")


def tier_text(tier: Tier | None) -> str:
    """How far a qualitative indicator is on track (empty when not judged yet)."""
    match tier:
        case None:
            return ""
        case Tier.ACHIEVED:
            return QCoreApplication.translate("MonitoringModels", "On track")
        case Tier.PARTIAL:
            return QCoreApplication.translate("MonitoringModels", "Partly on track")
        case Tier.NOT_ACHIEVED:
            return QCoreApplication.translate("MonitoringModels", "Not on track")


def not_given() -> str:
    """The label of a choice not given."""
    return QCoreApplication.translate("MonitoringModels", "(none)")


def choices(values: list[str], label: Callable[[str], str]) -> list[tuple[str, str]]:
    """Not given first, then each value with its label: a choice column's list."""
    return [(NONE, not_given()), *((value, label(value)) for value in values)]
