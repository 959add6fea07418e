"""The upper level's parameters (参数下发, seed §二.5) and what receiving them changes at a unit.

An upper level steers its units with a signed parameter package: the indicator library, the rule
settings and the deadlines of the year's stages. The unit sees, before anything is applied, which
settings change (:func:`settings_changes`) in which years.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from unionperf.domain.framework import FRAMEWORKS
from unionperf.domain.money import HUNDRED, format_plain
from unionperf.domain.settings import SIGNOFF_LABELS, ReverseFormula, RuleSettings
from unionperf.domain.year import stage_label

_FORMULAS = {
    ReverseFormula.RATIO: "公式一：A÷B×分值",
    ReverseFormula.LINEAR: "公式二：(1−(B−A)÷A)×分值",
}


@dataclass(frozen=True, slots=True)
class StageDeadline:
    """The last day a stage of a year is due at the upper level (报送截止日期)."""

    year: int
    stage: str
    due: date

    @property
    def label(self) -> str:
        """``2025年度 绩效目标``."""
        return f"{self.year}年度 {stage_label(self.stage)}"


@dataclass(frozen=True, slots=True)
class SettingChange:
    """One rule setting that a parameter package changes: its name, the old and new value."""

    label: str
    old: str
    new: str


def settings_changes(old: RuleSettings, new: RuleSettings) -> tuple[SettingChange, ...]:
    """The settings that differ between ``old`` and ``new``, in the order of the settings form.

    Args:
        old: the settings in force.
        new: the settings received.

    Returns:
        One change per differing setting (empty when they are the same).
    """
    pairs = (
        ("指标体系", _framework(old), _framework(new)),
        ("分值（权重）", _weights(old), _weights(new)),
        ("反向指标计分公式", _FORMULAS[old.reverse_formula], _FORMULAS[new.reverse_formula]),
        ("超额完成判定比例", _percent(old), _percent(new)),
        (
            "执行进度偏差阈值（百分点）",
            format_plain(old.lag_points),
            format_plain(new.lag_points),
        ),
        (
            "收入到位滞后预警（百分点）",
            format_plain(old.arrival_lag_points),
            format_plain(new.arrival_lag_points),
        ),
        (
            "免于自评的项目金额门槛（元）",
            format_plain(old.exemption_threshold),
            format_plain(new.exemption_threshold),
        ),
        (
            "事前绩效评估门槛（元，0为不要求）",
            format_plain(old.assessment_threshold),
            format_plain(new.assessment_threshold),
        ),
        ("监控时点", _cutoffs(old), _cutoffs(new)),
        ("开展单位整体绩效评价", _yes(old.unit_wide), _yes(new.unit_wide)),
        ("须签字确认的角色", _roles(old), _roles(new)),
    )
    return tuple(SettingChange(label, a, b) for label, a, b in pairs if a != b)


def deadline_changes(
    held: Iterable[StageDeadline], received: Iterable[StageDeadline]
) -> tuple[tuple[StageDeadline, date | None], ...]:
    """The received deadlines that are new or moved, each with the date held before or ``None``."""
    before = {(item.year, item.stage): item.due for item in held}
    return tuple(
        (item, before.get((item.year, item.stage)))
        for item in received
        if before.get((item.year, item.stage)) != item.due
    )


def _framework(settings: RuleSettings) -> str:
    framework = FRAMEWORKS.get(settings.framework_code)
    return framework.title if framework else settings.framework_code


def _weights(settings: RuleSettings) -> str:
    names = {"execution": "预算执行率"}
    return "，".join(
        f"{names.get(name, name)} {format_plain(value)}" for name, value in settings.weights.items()
    )


def _percent(settings: RuleSettings) -> str:
    return f"{format_plain(settings.over_delivery_ratio * HUNDRED)}%"


def _cutoffs(settings: RuleSettings) -> str:
    return "、".join(f"{month:02d}-{day:02d}" for month, day in sorted(settings.monitoring_cutoffs))


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


def _roles(settings: RuleSettings) -> str:
    return "、".join(SIGNOFF_LABELS[role] for role in settings.required_signoffs)
