"""In-year monitoring (绩效运行监控, "双监控"): records, time progress, warnings (domain.md §4)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from unionperf.domain.framework import MonitoringRule
from unionperf.domain.indicators import Indicator, Operator, Tier
from unionperf.domain.money import HUNDRED, ZERO, round_places


class ReasonCategory(StrEnum):
    """偏差原因 categories (domain.md §4.2)."""

    FUNDING = "funding"
    INSTITUTIONAL = "institutional"
    STAFFING = "staffing"
    FACILITIES = "facilities"
    OTHER = "other"


REASON_LABELS = {
    ReasonCategory.FUNDING: "经费保障",
    ReasonCategory.INSTITUTIONAL: "制度保障",
    ReasonCategory.STAFFING: "人员保障",
    ReasonCategory.FACILITIES: "硬件条件保障",
    ReasonCategory.OTHER: "其他",
}


class Likelihood(StrEnum):
    """完成目标可能性 (domain.md §4.2)."""

    CERTAIN = "certain"
    POSSIBLE = "possible"
    IMPOSSIBLE = "impossible"


LIKELIHOOD_LABELS = {
    Likelihood.CERTAIN: "确定能",
    Likelihood.POSSIBLE: "有可能",
    Likelihood.IMPOSSIBLE: "完全不可能",
}


class Suspension(StrEnum):
    """暂缓/停止 flag for projects with serious problems (seed §二.6)."""

    NONE = "none"
    SUSPEND = "suspend"
    STOP = "stop"


SUSPENSION_LABELS = {Suspension.NONE: "", Suspension.SUSPEND: "暂缓", Suspension.STOP: "停止"}


class Light(StrEnum):
    """The monitoring traffic light (domain.md §4.3)."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    BLUE = "blue"


RATE_UNITS = frozenset({"%", "％", "百分比"})
"""Units of rate-type indicators, which are not pro-rated over the year."""

LIGHT_LABELS = {Light.GREEN: "绿", Light.YELLOW: "黄", Light.RED: "红", Light.BLUE: "蓝"}


@dataclass(frozen=True, slots=True)
class MonitoringPoint:
    """A monitoring cut-off (监控时点), e.g. 1–7月 ending 31 July."""

    uid: str
    cutoff: date
    label: str = ""

    @property
    def stage(self) -> str:
        """The package stage name of this point: ``monitoring-YYYY-MM-DD``."""
        return f"monitoring-{self.cutoff.isoformat()}"


@dataclass(frozen=True, slots=True)
class DeviationReason:
    """One ticked reason category with its short text."""

    category: ReasonCategory
    text: str = ""


@dataclass(frozen=True, slots=True)
class IndicatorProgress:
    """An indicator's state at a monitoring point (绩效指标完成情况)."""

    indicator_uid: str
    actual: Decimal | None = None
    """1–N月 progress for quantitative indicators."""
    tier: Tier | None = None
    """Progress tier for qualitative indicators."""
    actual_text: str = ""
    forecast: Decimal | None = None
    """全年预计完成值."""
    forecast_text: str = ""
    reasons: tuple[DeviationReason, ...] = ()
    likelihood: Likelihood | None = None
    measure: str = ""
    """纠偏措施."""
    note: str = ""


@dataclass(frozen=True, slots=True)
class MonitoringEntry:
    """Monitoring of one project (or the unit) at one point: the funds and every indicator."""

    point_uid: str
    owner_uid: str
    executed: Decimal | None = None
    """Cumulative executed amount to the cut-off (1–N月执行数)."""
    forecast: Decimal | None = None
    """全年预计执行数."""
    progress_text: str = ""
    """Overall target: 1–N月执行情况."""
    lag_reason: str = ""
    """Why execution lags time progress, when it does."""
    measure: str = ""
    suspension: Suspension = Suspension.NONE
    progress: tuple[IndicatorProgress, ...] = ()
    """Every indicator's progress, keyed by ``indicator_uid`` (order unspecified)."""

    def for_indicator(self, uid: str) -> IndicatorProgress | None:
        """The progress record of that indicator, if any."""
        return next((item for item in self.progress if item.indicator_uid == uid), None)


def time_progress(cutoff: date) -> Decimal:
    """Elapsed days ÷ days in the year, to 4 decimals (domain.md §4.3: 30 June → 0.4959)."""
    days_in_year = 366 if calendar.isleap(cutoff.year) else 365
    elapsed = cutoff.timetuple().tm_yday
    return round_places(Decimal(elapsed) / Decimal(days_in_year), 4)


def month_progress(cutoff: date) -> Decimal:
    """Months elapsed ÷ 12, counting a partial month by its days (used to pro-rate indicators)."""
    days_in_month = calendar.monthrange(cutoff.year, cutoff.month)[1]
    months = Decimal(cutoff.month - 1) + Decimal(cutoff.day) / Decimal(days_in_month)
    return months / Decimal(12)


def execution_rate(executed: Decimal, budget: Decimal) -> Decimal | None:
    """Executed ÷ budget to 4 decimals, or ``None`` when there is no budget."""
    if budget <= ZERO:
        return None
    return round_places(executed / budget, 4)


def execution_lags(executed: Decimal, budget: Decimal, cutoff: date, lag_points: Decimal) -> bool:
    """Whether execution is more than ``lag_points`` percentage points behind time progress."""
    rate = execution_rate(executed, budget)
    if rate is None:
        return False
    return (time_progress(cutoff) - rate) * HUNDRED > lag_points


LIGHT_LEGEND = (
    "预警：数量、效益、满意度指标按“实际 ÷ 标准”比较，红 <60%，黄 60%～80%，绿 80%～120%，"
    "蓝 ≥120%；标准为“年度指标值 × 月份 ÷ 12”，计量单位为%的比率类指标（如覆盖率、满意度）"
    "不按月折算，以年度指标值为标准；质量、时效、成本指标及反向指标达标为绿、未达标为红；"
    "区间指标低于下限按正向指标、高于上限为红；定性指标达成为绿、部分达成为黄、未达成为红。"
)
"""The traffic-light rule as the monitoring form prints it (one sentence, the same as the code)."""


def is_rate(indicator: Indicator) -> bool:
    """Whether the indicator is a rate or share (unit ``%``): compared with its full target."""
    return indicator.unit.strip() in RATE_UNITS


def ratio_judged(indicator: Indicator, rule: MonitoringRule) -> bool:
    """Whether the light compares progress ÷ standard in four colours (domain.md §4.3).

    That is a positive or interval indicator with a target above 0 under the pro-rated rule;
    threshold indicators, reverse ones and a target of 0 are judged within/outside.
    """
    return (
        rule is MonitoringRule.PRORATED
        and not indicator.operator.is_reverse
        and indicator.operator is not Operator.QUALITATIVE
        and indicator.target is not None
        and indicator.target != ZERO
    )


def light_standard(indicator: Indicator, rule: MonitoringRule, cutoff: date) -> Decimal | None:
    """The value progress is compared with at ``cutoff`` (unrounded), or ``None`` (qualitative).

    Counts and amounts judged by ratio: target × month ÷ 12. A rate (``%``, e.g. 满意度 ≥90%,
    覆盖率 ≥80%) does not accumulate over the year: its full target (our reading, domain.md §4.3).
    Everything else: the target itself. An interval's target here is its lower bound.
    """
    target = indicator.target
    if indicator.operator is Operator.QUALITATIVE or target is None:
        return None
    if ratio_judged(indicator, rule) and not is_rate(indicator):
        return target * month_progress(cutoff)
    return target


def traffic_light(
    indicator: Indicator,
    rule: MonitoringRule,
    progress: IndicatorProgress,
    cutoff: date,
) -> Light | None:
    """The warning colour of an indicator at a monitoring point, or ``None`` without progress.

    domain.md §4.3 (Shanxi configuration): indicators judged by ratio compare the progress with
    :func:`light_standard` (<60 % red, <80 % yellow, <120 % green, else blue); threshold
    indicators and reverse ones are green within the target and red outside; a positive target of
    0 is green only when met exactly; qualitative ones follow their tier. An interval (our
    reading) is red above its upper bound and otherwise judged as a positive indicator against its
    lower bound, never blue while inside. :data:`LIGHT_LEGEND` says the same in print.
    """
    if indicator.operator is Operator.QUALITATIVE:
        return _tier_light(progress.tier)
    actual, target = progress.actual, indicator.target
    if actual is None or target is None:
        return None
    if indicator.operator.is_reverse:
        within = actual <= target if indicator.operator is Operator.LE else actual < target
        return Light.GREEN if within else Light.RED
    if indicator.operator is Operator.INTERVAL:
        return _interval_light(indicator, rule, actual, target, cutoff)
    if target == ZERO:
        return Light.GREEN if actual == target else Light.RED
    return _positive_light(indicator, rule, actual, target, cutoff)


def _interval_light(
    indicator: Indicator, rule: MonitoringRule, actual: Decimal, lower: Decimal, cutoff: date
) -> Light:
    """Red above the upper bound; else positive against the lower bound, never blue."""
    upper = indicator.target_upper
    if upper is not None and actual > upper:
        return Light.RED
    if lower == ZERO:
        return Light.GREEN
    light = _positive_light(indicator, rule, actual, lower, cutoff)
    return Light.GREEN if light is Light.BLUE else light


def _positive_light(
    indicator: Indicator, rule: MonitoringRule, actual: Decimal, target: Decimal, cutoff: date
) -> Light:
    """A positive indicator (or an interval's lower side) with a target other than 0.

    The same standard as :func:`light_standard`, inlined: this runs for every indicator at every
    point of a large year.
    """
    if rule is not MonitoringRule.PRORATED:
        within = actual > target if indicator.operator is Operator.GT else actual >= target
        return Light.GREEN if within else Light.RED
    standard = target if is_rate(indicator) else target * month_progress(cutoff)
    return _ratio_light(actual / standard)


def _ratio_light(ratio: Decimal) -> Light:
    if ratio < Decimal("0.6"):
        return Light.RED
    if ratio < Decimal("0.8"):
        return Light.YELLOW
    if ratio < Decimal("1.2"):
        return Light.GREEN
    return Light.BLUE


def _tier_light(tier: Tier | None) -> Light | None:
    if tier is None:
        return None
    return {Tier.ACHIEVED: Light.GREEN, Tier.PARTIAL: Light.YELLOW, Tier.NOT_ACHIEVED: Light.RED}[
        tier
    ]
