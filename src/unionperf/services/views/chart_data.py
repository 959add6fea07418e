"""The numbers each chart of the window draws, computed from a year's data and scores.

Pure data for ``ui/widgets/charts.py``: shares and amounts stay ``Decimal`` here (shares as
fractions, amounts in 万元 with two decimals); the window turns them into floats only when it
draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from unionperf.domain.arrival_lines import arrival_lines
from unionperf.domain.budget import UNIT_OWNER, BudgetLine
from unionperf.domain.categories import Flow
from unionperf.domain.money import ZERO, yuan_to_wan
from unionperf.domain.monitoring import execution_rate, time_progress
from unionperf.domain.results import YearScore
from unionperf.domain.scoring import Grade
from unionperf.domain.validation.monitoring_rules import owner_budget
from unionperf.domain.year import YearData

__all__ = [
    "GRADE_FLOORS",
    "SCORE_BAR_LIMIT",
    "ArrivalBars",
    "CategoryAmounts",
    "CategoryComparison",
    "ExecutionPoint",
    "ExecutionSeries",
    "GradeCounts",
    "LastYearBasis",
    "ScoreBar",
    "ScoreBars",
    "arrival_bars",
    "category_comparison",
    "execution_series",
    "grade_counts",
    "score_bars",
    "short_label",
    "wrap_label",
]

SCORE_BAR_LIMIT = 12
"""Most project bars a score chart shows: 12 rows stay readable in about 400 px of height."""

GRADE_FLOORS: tuple[tuple[Grade, Decimal], ...] = (
    (Grade.EXCELLENT, Decimal(90)),
    (Grade.GOOD, Decimal(80)),
    (Grade.FAIR, Decimal(60)),
    (Grade.POOR, ZERO),
)
"""The lowest total of each grade, as ``scoring.grade_for`` draws the lines (优 ≥ 90 …)."""

_NAME_LIMIT = 18
"""Longest project name on a chart axis, in characters (a CJK glyph is about 13 px at 10 pt)."""


# --- execution against time progress -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExecutionPoint:
    """One monitoring point of an execution chart."""

    cutoff: date
    label: str
    time_progress: Decimal
    """Elapsed share of the year at the cut-off (0.4959 for 30 June)."""
    rate: Decimal | None
    """Cumulative executed ÷ full-year budget; ``None`` without an entry, amount or budget."""


@dataclass(frozen=True, slots=True)
class ExecutionSeries:
    """A project's (or the unit's) execution rate and the time progress at each point."""

    owner_uid: str
    name: str
    """The project's name, or the unit's for :data:`UNIT_OWNER`; empty for an unknown owner."""
    is_unit: bool
    budget: Decimal
    """The full-year budget the rates are measured against (全年预算数)."""
    points: tuple[ExecutionPoint, ...]
    """Every monitoring point of the year, by cut-off date."""

    @property
    def has_rates(self) -> bool:
        """Whether any point has an execution rate to draw."""
        return any(point.rate is not None for point in self.points)


def execution_series(data: YearData, owner_uid: str) -> ExecutionSeries:
    """Cumulative execution rate and time progress of one owner at every monitoring point.

    The rate is 1–N月执行数 ÷ 全年预算数, as the monitoring form and rules compute it; a point
    without an entry (or without an executed amount, or a project without budget) has no rate.
    """
    is_unit = owner_uid == UNIT_OWNER
    project = None if is_unit else data.project(owner_uid)
    name = data.unit.name if is_unit else (project.name if project else "")
    budget = owner_budget(data, owner_uid)
    points = []
    for point in sorted(data.points, key=lambda item: item.cutoff):
        entry = data.entry(point.uid, owner_uid)
        executed = entry.executed if entry is not None else None
        rate = None if executed is None else execution_rate(executed, budget)
        label = point.label or f"1–{point.cutoff.month}月"
        points.append(ExecutionPoint(point.cutoff, label, time_progress(point.cutoff), rate))
    return ExecutionSeries(owner_uid, name, is_unit, budget, tuple(points))


# --- scores per project -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScoreBar:
    """One project's bar: its axis label, total score and grade."""

    project_uid: str
    name: str
    label: str
    """The project's name, shortened, unique within the chart."""
    score: Decimal
    grade: Grade


@dataclass(frozen=True, slots=True)
class ScoreBars:
    """The bars of a score chart, lowest score first.

    With more projects than the limit, only the lowest and the highest are kept: ``lowest`` bars
    from the bottom of the ranking, then the top ones; ``hidden`` counts those left out between.
    """

    bars: tuple[ScoreBar, ...]
    lowest: int
    hidden: int
    total: int


def score_bars(scores: YearScore, limit: int = SCORE_BAR_LIMIT) -> ScoreBars:
    """The project scores, sorted from lowest to highest, cut to ``limit`` bars when needed.

    Ties keep the projects' order. When cut, the lower half of the bars (rounded up) goes to the
    lowest scores, which are the ones an accountant has to explain.
    """
    ranked = sorted(scores.projects, key=lambda item: item.score.total)
    total = len(ranked)
    if total > limit > 0:
        lowest = (limit + 1) // 2
        kept = ranked[:lowest] + ranked[total - (limit - lowest) :]
    else:
        lowest, kept = total, ranked
    labels = _unique_labels([(item.project.name, item.project.code) for item in kept])
    bars = tuple(
        ScoreBar(item.project.uid, item.project.name, label, item.score.total, item.score.grade)
        for item, label in zip(kept, labels, strict=True)
    )
    return ScoreBars(bars, lowest, total - len(kept), total)


def _unique_labels(names: list[tuple[str, str]]) -> list[str]:
    """Shortened names; repeated ones get the project code, still repeated ones a number."""
    labels = [short_label(name) for name, _ in names]
    repeated = {label for label in labels if labels.count(label) > 1}
    labels = [
        f"{label}（{code}）" if label in repeated and code else label
        for label, (_, code) in zip(labels, names, strict=True)
    ]
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return unique


def short_label(text: str, limit: int = _NAME_LIMIT) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis when longer."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def wrap_label(text: str, width: int = 6) -> str:
    """``text`` on lines of at most ``width`` characters, at most two lines (then an ellipsis)."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    return text[:width] + "\n" + short_label(text[width:], width)


# --- grade distribution -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GradeCounts:
    """How many projects got each grade, and the unit-wide result."""

    counts: tuple[tuple[Grade, int], ...]
    """Every grade from 优 to 差 with its number of projects (zeros included)."""
    unit_total: Decimal | None
    unit_grade: Grade | None
    """``None`` when the unit-wide evaluation is switched off."""

    @property
    def projects(self) -> int:
        """The number of projects counted."""
        return sum(count for _, count in self.counts)


def grade_counts(scores: YearScore) -> GradeCounts:
    """The number of projects per grade (优, 良, 中, 差) and the unit's total and grade."""
    counts = dict.fromkeys(Grade, 0)
    for item in scores.projects:
        counts[item.score.grade] += 1
    unit = scores.unit
    return GradeCounts(
        tuple(counts.items()),
        unit.total if unit is not None else None,
        unit.grade if unit is not None else None,
    )


# --- expenditure by category, this year against last year -----------------------------------------


class LastYearBasis(StrEnum):
    """Where the last-year bars come from."""

    EXECUTED = "executed"
    """Last year's 全年执行数 (决算), from last year's data."""
    APPROVED = "approved"
    """Last year's 批复预算数, when last year has no executed amounts yet."""
    REPORTED = "reported"
    """This year's 上年决算数 column, when last year is not held in the workspace."""
    NONE = "none"
    """Nothing to compare with."""


@dataclass(frozen=True, slots=True)
class CategoryAmounts:
    """One expenditure category's amounts in 万元."""

    code: str
    name: str
    approved: Decimal
    """This year's 批复预算数."""
    executed: Decimal
    """This year's 全年执行数 (0 until the year end)."""
    last_year: Decimal
    """Last year's amount on :attr:`CategoryComparison.basis`."""


@dataclass(frozen=True, slots=True)
class CategoryComparison:
    """Expenditure by category: this year's approved (and executed) against last year."""

    year: int
    basis: LastYearBasis
    has_executed: bool
    """Whether this year has executed amounts (a third bar per category)."""
    categories: tuple[CategoryAmounts, ...]
    """Expenditure categories in catalogue order, those with an amount in either year only."""


def category_comparison(current: YearData, previous: YearData | None) -> CategoryComparison:
    """This year's expenditure by category against last year's, in 万元.

    Last year counts its executed amounts when it has any, else its approved budget; without last
    year's data, this year's 上年决算数 column stands in.
    """
    lines = {line.category_code: line for line in current.budget}
    last_lines, basis = _last_year_lines(current, previous)
    has_executed = current.flow_total(Flow.EXPENDITURE, "executed") != ZERO
    categories = []
    for category in current.catalogue.of_flow(Flow.EXPENDITURE):
        line = lines.get(category.code, BudgetLine(category.code))
        last = _last_amount(last_lines.get(category.code), basis)
        amounts = CategoryAmounts(
            category.code,
            category.name,
            yuan_to_wan(line.approved),
            yuan_to_wan(line.executed),
            yuan_to_wan(last),
        )
        if amounts.approved or amounts.executed or amounts.last_year:
            categories.append(amounts)
    return CategoryComparison(current.year, basis, has_executed, tuple(categories))


def _last_year_lines(
    current: YearData, previous: YearData | None
) -> tuple[dict[str, BudgetLine], LastYearBasis]:
    if previous is not None:
        lines = {line.category_code: line for line in previous.budget}
        if previous.flow_total(Flow.EXPENDITURE, "executed") != ZERO:
            return lines, LastYearBasis.EXECUTED
        if previous.flow_total(Flow.EXPENDITURE) != ZERO:
            return lines, LastYearBasis.APPROVED
    if current.flow_total(Flow.EXPENDITURE, "last_year_actual") != ZERO:
        return {line.category_code: line for line in current.budget}, LastYearBasis.REPORTED
    return {}, LastYearBasis.NONE


def _last_amount(line: BudgetLine | None, basis: LastYearBasis) -> Decimal:
    if line is None:
        return ZERO
    match basis:
        case LastYearBasis.EXECUTED:
            return line.executed
        case LastYearBasis.APPROVED:
            return line.approved
        case LastYearBasis.REPORTED:
            return line.last_year_actual
        case LastYearBasis.NONE:
            return ZERO


# --- revenue arrival at a point ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArrivalBar:
    """One revenue category's bar: its arrival rate and whether it lags."""

    name: str
    rate: Decimal | None
    """Arrived ÷ 批复预算数 (``None`` without a budget)."""
    lags: bool
    watched: bool


@dataclass(frozen=True, slots=True)
class ArrivalBars:
    """The revenue-arrival chart of one point: a bar per category, the time-progress line."""

    cutoff: date
    time_progress: Decimal
    lag_points: Decimal
    bars: tuple[ArrivalBar, ...]


def arrival_bars(data: YearData, point_uid: str) -> ArrivalBars | None:
    """The arrival rate of each revenue category at a point, or ``None`` for an unknown point."""
    point = next((item for item in data.points if item.uid == point_uid), None)
    if point is None:
        return None
    lines = arrival_lines(data, point)
    return ArrivalBars(
        point.cutoff,
        time_progress(point.cutoff),
        data.settings.arrival_lag_points,
        tuple(
            ArrivalBar(line.name, line.rate if line.entered else None, line.lags, line.watched)
            for line in lines
        ),
    )
