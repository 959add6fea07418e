"""Rules on in-year monitoring (domain.md §4): executed amounts, progress, lights, reasons."""

from __future__ import annotations

from decimal import Decimal

from unionperf.domain.budget import UNIT_OWNER, TargetSet
from unionperf.domain.categories import Flow
from unionperf.domain.indicators import Indicator
from unionperf.domain.money import HUNDRED, ZERO, format_money, format_plain, round2
from unionperf.domain.monitoring import (
    LIGHT_LABELS,
    LIKELIHOOD_LABELS,
    Light,
    Likelihood,
    MonitoringEntry,
    MonitoringPoint,
    execution_lags,
    execution_rate,
    time_progress,
    traffic_light,
)
from unionperf.domain.problems import Problem, ProblemCode
from unionperf.domain.validation.locate import at_point
from unionperf.domain.year import YearData


def owner_budget(data: YearData, owner_uid: str) -> Decimal:
    """The full-year budget a monitoring entry is measured against."""
    if owner_uid == UNIT_OWNER:
        return data.flow_total(Flow.EXPENDITURE)
    project = data.project(owner_uid)
    return project.full_year_budget if project else ZERO


def point_label(point: MonitoringPoint) -> str:
    """``1–7月（截至2024-07-31）``."""
    return point.label or f"1–{point.cutoff.month}月（截至{point.cutoff.isoformat()}）"


def check_point(data: YearData, point: MonitoringPoint, owners: list[TargetSet]) -> list[Problem]:
    """Every owner's entry at one monitoring point."""
    problems: list[Problem] = []
    for targets in owners:
        entry = data.entry(point.uid, targets.owner_uid) or MonitoringEntry(
            point.uid, targets.owner_uid
        )
        problems += _check_funds(data, point, entry)
        for indicator in targets.indicators:
            problems += _check_progress(data, point, entry, indicator)
    return problems


def _check_funds(data: YearData, point: MonitoringPoint, entry: MonitoringEntry) -> list[Problem]:
    owner = entry.owner_uid
    label = point_label(point)
    problems = []

    def add(code: ProblemCode, field: str, /, **params: str) -> None:
        problems.append(Problem(code, at_point(data, owner, point.uid, field), params))

    if entry.executed is None:
        add(ProblemCode.MONITORING_EXECUTED_MISSING, "executed", point=label)
        return problems
    budget = owner_budget(data, owner)
    if entry.executed < ZERO:
        add(
            ProblemCode.MONITORING_EXECUTED_NEGATIVE,
            "executed",
            point=label,
            amount=format_money(entry.executed),
        )
    elif entry.executed > budget:
        add(
            ProblemCode.MONITORING_EXECUTED_OVER_BUDGET,
            "executed",
            point=label,
            executed=format_money(entry.executed),
            budget=format_money(budget),
        )
    lag = data.settings.lag_points
    if execution_lags(entry.executed, budget, point.cutoff, lag) and not entry.lag_reason.strip():
        rate = execution_rate(entry.executed, budget) or ZERO
        add(
            ProblemCode.MONITORING_EXECUTION_LAG,
            "lag_reason",
            point=label,
            rate=_percent(rate),
            progress=_percent(time_progress(point.cutoff)),
            lag=format_plain(lag),
        )
    previous = _previous_executed(data, point, owner)
    if previous is not None and entry.executed < previous:
        add(
            ProblemCode.MONITORING_EXECUTED_DECREASED,
            "executed",
            point=label,
            executed=format_money(entry.executed),
            previous=format_money(previous),
        )
    return problems


def _previous_executed(data: YearData, point: MonitoringPoint, owner: str) -> Decimal | None:
    earlier = sorted((p for p in data.points if p.cutoff < point.cutoff), key=lambda p: p.cutoff)
    for candidate in reversed(earlier):
        entry = data.entry(candidate.uid, owner)
        if entry is not None and entry.executed is not None:
            return entry.executed
    return None


def _check_progress(
    data: YearData, point: MonitoringPoint, entry: MonitoringEntry, indicator: Indicator
) -> list[Problem]:
    owner = entry.owner_uid
    label = point_label(point)
    progress = entry.for_indicator(indicator.uid)
    problems = []

    def add(code: ProblemCode, field: str, /, **params: str) -> None:
        where = at_point(data, owner, point.uid, field, indicator)
        problems.append(Problem(code, where, {"point": label, **params}))

    if progress is None or (progress.actual is None and progress.tier is None):
        add(ProblemCode.MONITORING_PROGRESS_MISSING, "actual")
        return problems
    rule = data.framework.monitoring_rule(indicator.level1, indicator.level2)
    light = traffic_light(indicator, rule, progress, point.cutoff)
    if light in (Light.RED, Light.YELLOW):
        light_name = LIGHT_LABELS[light]
        if not progress.reasons or not any(reason.text.strip() for reason in progress.reasons):
            add(ProblemCode.MONITORING_REASON_MISSING, "reasons", light=light_name)
        if progress.likelihood is None:
            add(ProblemCode.MONITORING_LIKELIHOOD_MISSING, "likelihood", light=light_name)
        doubtful = progress.likelihood in (Likelihood.POSSIBLE, Likelihood.IMPOSSIBLE)
        if doubtful and progress.likelihood is not None and not progress.measure.strip():
            add(
                ProblemCode.MONITORING_MEASURE_MISSING,
                "measure",
                likelihood=LIKELIHOOD_LABELS[progress.likelihood],
            )
    return problems


def _percent(rate: Decimal) -> str:
    return f"{round2(rate * HUNDRED):.2f}%"
