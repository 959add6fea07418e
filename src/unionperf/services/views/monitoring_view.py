"""What the monitoring screen shows at one point: a line per owner, a line per indicator.

The window never computes a rate, a time progress or a warning itself: it asks this module, which
applies the rules of ``domain/monitoring.py`` (domain.md §4.3) to the year held in memory. The
module also builds the edited records (a point, an entry with one indicator's progress replaced)
and removes a point again, which is how adding a point is undone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import TypeVar

from unionperf.domain.budget import UNIT_OWNER, TargetSet
from unionperf.domain.framework import Framework, MonitoringRule
from unionperf.domain.indicators import Indicator, Operator
from unionperf.domain.money import HUNDRED, ZERO, round_places
from unionperf.domain.monitoring import (
    DeviationReason,
    IndicatorProgress,
    Light,
    Likelihood,
    MonitoringEntry,
    MonitoringPoint,
    ReasonCategory,
    execution_lags,
    execution_rate,
    is_rate,
    light_standard,
    ratio_judged,
    time_progress,
    traffic_light,
)
from unionperf.domain.validation.budget_rules import is_exempt
from unionperf.domain.validation.monitoring_rules import owner_budget
from unionperf.domain.year import YearData
from unionperf.services.common.errors import InputError
from unionperf.services.common.workspace import new_uid

__all__ = [
    "OwnerLine",
    "ProgressLine",
    "entry_of",
    "new_point",
    "owner_lines",
    "point_of",
    "progress_lines",
    "split_item",
    "with_progress",
    "with_reason_category",
    "with_reason_text",
]

WHERE = "运行监控"
_T = TypeVar("_T")

_LIGHT_ORDER = (Light.RED, Light.YELLOW, Light.GREEN, Light.BLUE)
"""The light an owner shows is the most serious of its indicators' lights, in this order."""
_LIKELIHOOD_ORDER = (Likelihood.IMPOSSIBLE, Likelihood.POSSIBLE, Likelihood.CERTAIN)


@dataclass(frozen=True, slots=True)
class OwnerLine:
    """A project's (or the unit's) funds and warnings at a monitoring point."""

    owner_uid: str
    name: str
    """The project's name (empty for the unit as a whole)."""
    budget: Decimal
    """全年预算数: what the executed amount is measured against."""
    entry: MonitoringEntry
    """The stored entry, or an empty one when nothing was entered at this point yet."""
    time_progress: Decimal
    """Elapsed days ÷ days in the year at the cut-off (0.4959 for 30 June)."""
    rate: Decimal | None
    """执行率: executed ÷ budget (``None`` without an amount or a budget)."""
    gap: Decimal | None
    """Percentage points the rate is behind time progress (negative when ahead)."""
    lags: bool
    """Whether the gap exceeds the workspace's lag threshold (偏差 flag)."""
    light: Light | None
    """The owner's warning: the worst indicator light, at least yellow while execution lags."""
    likelihood: Likelihood | None
    """The least confident 完成目标可能性 among the indicators, if any was given."""

    @property
    def is_unit(self) -> bool:
        """Whether this is the unit as a whole (部门（单位）整体)."""
        return self.owner_uid == UNIT_OWNER


@dataclass(frozen=True, slots=True)
class ProgressLine:
    """An indicator's progress at a monitoring point, with its expected value and warning."""

    owner_uid: str
    point_uid: str
    indicator: Indicator
    progress: IndicatorProgress
    """The stored progress, or an empty record."""
    rule: MonitoringRule
    pro_rated: bool
    """Judged by the ratio to the expected value (four colours) rather than within/outside."""
    expected: Decimal | None
    """The value to compare with: target × month ÷ 12 when pro-rated, else the target."""
    ratio: Decimal | None
    """Progress ÷ expected for pro-rated indicators (``None`` otherwise)."""
    within: bool | None
    """For threshold, reverse and zero targets: whether the progress is within the target."""
    light: Light | None

    @property
    def qualitative(self) -> bool:
        """Judged in tiers rather than by a number."""
        return self.indicator.operator is Operator.QUALITATIVE


def point_of(data: YearData, point_uid: str) -> MonitoringPoint | None:
    """The monitoring point with that uid, if the year has it."""
    return next((point for point in data.points if point.uid == point_uid), None)


def entry_of(data: YearData, point_uid: str, owner_uid: str) -> MonitoringEntry:
    """The owner's entry at the point, or an empty one to fill."""
    return data.entry(point_uid, owner_uid) or MonitoringEntry(point_uid, owner_uid)


def split_item(item_uid: str) -> tuple[str, str]:
    """A problem location's item (``point`` or ``point/indicator``) as its two uids."""
    point_uid, _, indicator_uid = item_uid.partition("/")
    return point_uid, indicator_uid


def owner_lines(data: YearData, point_uid: str) -> list[OwnerLine]:
    """Every filing project, then the unit as a whole when it files, at one point."""
    point = point_of(data, point_uid)
    if point is None:
        return []
    entries = {item.owner_uid: item for item in data.monitoring if item.point_uid == point_uid}
    rules = _Rules(data.framework)
    progress = time_progress(point.cutoff)
    owners: list[tuple[str, str, Decimal, TargetSet]] = [
        (project.uid, project.name or project.code, project.full_year_budget, project.targets)
        for project in data.projects
        if not is_exempt(data, project)
    ]
    if data.settings.unit_wide:
        owners.append((UNIT_OWNER, "", owner_budget(data, UNIT_OWNER), data.unit_targets))
    lines = []
    for owner_uid, name, budget, targets in owners:
        entry = entries.get(owner_uid) or MonitoringEntry(point_uid, owner_uid)
        by_uid = {item.indicator_uid: item for item in entry.progress}
        lights = []
        likelihoods = []
        for indicator in targets.indicators:
            found = by_uid.get(indicator.uid)
            if found is None:
                continue
            lights.append(traffic_light(indicator, rules.of(indicator), found, point.cutoff))
            likelihoods.append(found.likelihood)
        rate = gap = None
        lags = False
        if entry.executed is not None:
            rate = execution_rate(entry.executed, budget)
            lags = execution_lags(entry.executed, budget, point.cutoff, data.settings.lag_points)
        if rate is not None:
            gap = round_places((progress - rate) * HUNDRED, 1)
        lines.append(
            OwnerLine(
                owner_uid=owner_uid,
                name=name,
                budget=budget,
                entry=entry,
                time_progress=progress,
                rate=rate,
                gap=gap,
                lags=lags,
                light=_owner_light(lights, lags=lags, entered=entry.executed is not None),
                likelihood=_first_of(_LIKELIHOOD_ORDER, likelihoods),
            )
        )
    return lines


def progress_lines(data: YearData, point_uid: str, owner_uid: str) -> list[ProgressLine]:
    """Every level-3 indicator of one owner at one point, in canonical order (level 1, 2, user)."""
    point = point_of(data, point_uid)
    targets = data.targets_of(owner_uid)
    if point is None or targets is None:
        return []
    entry = entry_of(data, point_uid, owner_uid)
    by_uid = {item.indicator_uid: item for item in entry.progress}
    rules = _Rules(data.framework)
    lines = []
    for indicator in data.framework.ordered(targets.indicators):
        rule = rules.of(indicator)
        progress = by_uid.get(indicator.uid) or IndicatorProgress(indicator.uid)
        expected = _expected(indicator, rule, point.cutoff)
        ratio = within = None
        actual = progress.actual
        if expected is not None and actual is not None:
            if ratio_judged(indicator, rule):
                ratio = round_places(actual / expected, 4) if expected > ZERO else None
            else:
                within = traffic_light(indicator, rule, progress, point.cutoff) is Light.GREEN
        lines.append(
            ProgressLine(
                owner_uid=owner_uid,
                point_uid=point_uid,
                indicator=indicator,
                progress=progress,
                rule=rule,
                pro_rated=ratio_judged(indicator, rule),
                expected=expected,
                ratio=ratio,
                within=within,
                light=traffic_light(indicator, rule, progress, point.cutoff),
            )
        )
    return lines


def with_progress(entry: MonitoringEntry, progress: IndicatorProgress) -> MonitoringEntry:
    """The entry with one indicator's progress replaced (or added)."""
    kept = tuple(item for item in entry.progress if item.indicator_uid != progress.indicator_uid)
    return replace(entry, progress=(*kept, progress))


def with_reason_category(
    progress: IndicatorProgress, category: ReasonCategory | None
) -> IndicatorProgress:
    """The progress with its first 偏差原因 filed under ``category`` (``None`` removes it).

    Further ticked reasons are kept as they are.
    """
    first = progress.reasons[0] if progress.reasons else None
    rest = progress.reasons[1:]
    if category is None:
        return replace(progress, reasons=rest)
    reason = DeviationReason(category, first.text if first else "")
    return replace(progress, reasons=(reason, *rest))


def with_reason_text(progress: IndicatorProgress, text: str) -> IndicatorProgress:
    """The progress with the text of its first 偏差原因 replaced (under 其他 if it had none)."""
    first = progress.reasons[0] if progress.reasons else None
    rest = progress.reasons[1:]
    if first is None and not text:
        return progress
    category = first.category if first else ReasonCategory.OTHER
    return replace(progress, reasons=(DeviationReason(category, text), *rest))


def new_point(data: YearData, cutoff: date, label: str = "") -> MonitoringPoint:
    """A new monitoring point of the year.

    Raises:
        InputError: the cut-off lies outside the year, or the year already has a point on it.
    """
    if cutoff.year != data.year:
        raise InputError(
            f"监控时点{cutoff.isoformat()}不在{data.year}年度内，请选择{data.year}年内的日期", WHERE
        )
    if any(point.cutoff == cutoff for point in data.points):
        raise InputError(f"{data.year}年度已有截至{cutoff.isoformat()}的监控时点", WHERE)
    return MonitoringPoint(new_uid(), cutoff, label.strip())


class _Rules:
    """Each indicator's monitoring rule, looked up once per level-2 name."""

    def __init__(self, framework: Framework) -> None:
        self._framework = framework
        self._known: dict[tuple[str, str], MonitoringRule] = {}

    def of(self, indicator: Indicator) -> MonitoringRule:
        key = (indicator.level1, indicator.level2)
        rule = self._known.get(key)
        if rule is None:
            rule = self._framework.monitoring_rule(*key)
            self._known[key] = rule
        return rule


def _expected(indicator: Indicator, rule: MonitoringRule, cutoff: date) -> Decimal | None:
    """The domain's standard of the light (:func:`light_standard`), to two decimals."""
    standard = light_standard(indicator, rule, cutoff)
    if standard is None or not ratio_judged(indicator, rule) or is_rate(indicator):
        return standard
    return round_places(standard, 2)


def _owner_light(lights: Iterable[Light | None], *, lags: bool, entered: bool) -> Light | None:
    """The worst light; a lagging execution makes a green (or blue) owner yellow (our reading)."""
    worst = _first_of(_LIGHT_ORDER, lights)
    if lags and worst not in (Light.RED, Light.YELLOW):
        return Light.YELLOW
    if worst is None and entered:
        return Light.GREEN
    return worst


def _first_of(order: tuple[_T, ...], values: Iterable[_T | None]) -> _T | None:
    present = set(values)
    return next((item for item in order if item in present), None)
