"""汇总: totals, distributions and the ranking across the units of a year's stage.

The store sums the rows kept of each unit's current package (:mod:`.stage_facts`); the functions
here name the sums, add the totals and rates, sort units into bands and rank them. Money is
``Decimal`` yuan; rates are fractions to four decimals (0.9300 = 93.00 %).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from unionperf.domain.board import BoardStatus, percent
from unionperf.domain.budget import ATTRIBUTE_LABELS, ProjectAttribute
from unionperf.domain.categories import CategoryCatalogue, Flow
from unionperf.domain.money import ZERO, round2
from unionperf.domain.monitoring import execution_rate
from unionperf.domain.scoring import Grade, grade_for


@dataclass(frozen=True, slots=True)
class CategorySum:
    """One category's amounts summed over the units (as the store adds them up)."""

    category_code: str
    units: int
    last_year_actual: Decimal
    budget: Decimal
    adjustment: Decimal
    executed: Decimal


@dataclass(frozen=True, slots=True)
class CategoryTotal:
    """A row of the revenue or expenditure table: a category, or the flow's total (code ``""``)."""

    code: str
    name: str
    units: int
    last_year_actual: Decimal
    budget: Decimal
    adjustment: Decimal
    executed: Decimal | None
    """``None`` at a stage whose budget lines report no execution (before the self-evaluation)."""

    @property
    def approved(self) -> Decimal:
        """批复预算数 = 本年预算数 + 调整数."""
        return self.budget + self.adjustment

    @property
    def rate(self) -> Decimal | None:
        """执行率 = 执行数 ÷ 批复预算数 (``None`` without a budget or an execution)."""
        if self.executed is None:
            return None
        return execution_rate(self.executed, self.approved)


@dataclass(frozen=True, slots=True)
class ProjectSum:
    """Projects of one kind summed over the units (kind: a category code or an attribute)."""

    key: str
    units: int
    projects: int
    initial: Decimal
    budget: Decimal
    executed: Decimal


@dataclass(frozen=True, slots=True)
class ProjectTotal:
    """A row of a project table: projects of one category or attribute, or the total."""

    key: str
    label: str
    units: int
    projects: int
    initial: Decimal
    budget: Decimal
    executed: Decimal

    @property
    def rate(self) -> Decimal | None:
        """执行率 = 执行数 ÷ 全年预算数 (``None`` without a budget)."""
        return execution_rate(self.executed, self.budget)


@dataclass(frozen=True, slots=True)
class Bucket:
    """A band of a distribution with how many units fall in it."""

    label: str
    count: int
    share: Decimal | None
    """Per cent of the units counted (two decimals)."""


@dataclass(frozen=True, slots=True)
class ScoreStatistics:
    """Count, mean, median, lowest and highest of the units' scores (two decimals)."""

    count: int
    mean: Decimal | None
    median: Decimal | None
    lowest: Decimal | None
    highest: Decimal | None


@dataclass(frozen=True, slots=True)
class RankEntry:
    """One unit as the ranking sees it."""

    code: str
    name: str
    score: Decimal | None
    """The unit's own self-evaluation score (单位整体), if it has one."""
    grade: str
    upper_score: Decimal | None
    """The upper level's score where it re-scored the unit (``None``: not re-scored)."""
    status: BoardStatus
    on_time: bool | None
    execution_rate: Decimal | None

    @property
    def final_score(self) -> Decimal | None:
        """The score the ranking uses: the upper level's where it re-scored, else the unit's."""
        return self.upper_score if self.upper_score is not None else self.score

    @property
    def final_grade(self) -> str:
        """The grade of :attr:`final_score` (the unit's own grade when not re-scored)."""
        if self.upper_score is not None:
            return grade_for(self.upper_score).value
        return self.grade


@dataclass(frozen=True, slots=True)
class RankRow:
    """A ranked unit: its place (``None`` for a unit without a score) and the entry."""

    rank: int | None
    entry: RankEntry


RATE_BANDS: tuple[tuple[str, Decimal, Decimal | None], ...] = (
    ("低于50%", ZERO, Decimal("0.5")),
    ("50%～80%", Decimal("0.5"), Decimal("0.8")),
    ("80%～90%", Decimal("0.8"), Decimal("0.9")),
    ("90%～100%", Decimal("0.9"), Decimal("1.0001")),
    ("超过100%", Decimal("1.0001"), None),
)
"""Execution-rate bands: (label, lower bound included, upper bound excluded); 100 % lies in
90%～100%, rates are to four decimals."""
NO_RATE = "无预算数"
NO_SCORE = "未评分"
GRADES = (Grade.EXCELLENT, Grade.GOOD, Grade.FAIR, Grade.POOR)


def category_tables(
    sums: Iterable[CategorySum], catalogue: CategoryCatalogue, *, executed: bool = True
) -> dict[Flow, list[CategoryTotal]]:
    """The revenue and the expenditure table, each ending with the flow's total row.

    A table lists each category of the catalogue that any unit reported, in its order.
    ``executed`` is false for a stage whose budget lines report no execution: the tables then
    have none (``None``), not a misleading 0.
    """
    held = {item.category_code: item for item in sums}
    tables: dict[Flow, list[CategoryTotal]] = {}
    for flow in (Flow.REVENUE, Flow.EXPENDITURE):
        rows = [
            _category_row(held[category.code], category.name, executed=executed)
            for category in catalogue.of_flow(flow)
            if category.code in held
        ]
        rows.append(
            CategoryTotal(
                "",
                "合计",
                max((row.units for row in rows), default=0),
                sum((row.last_year_actual for row in rows), ZERO),
                sum((row.budget for row in rows), ZERO),
                sum((row.adjustment for row in rows), ZERO),
                sum((row.executed or ZERO for row in rows), ZERO) if executed else None,
            )
        )
        tables[flow] = rows
    return tables


def _category_row(item: CategorySum, name: str, *, executed: bool) -> CategoryTotal:
    return CategoryTotal(
        item.category_code,
        name,
        item.units,
        item.last_year_actual,
        item.budget,
        item.adjustment,
        item.executed if executed else None,
    )


def project_table(
    sums: Iterable[ProjectSum], labels: dict[str, str], total_units: int
) -> list[ProjectTotal]:
    """A project table in the order of ``labels`` (unknown keys after, by key), then the total.

    Args:
        sums: the projects summed by key.
        labels: every known key with its label, in display order.
        total_units: the units with at least one project (the total row's unit count).
    """
    held = {item.key: item for item in sums}
    keys = [key for key in labels if key in held] + sorted(set(held) - set(labels))
    rows = [
        ProjectTotal(
            key,
            labels.get(key, key or "（未分类）"),
            held[key].units,
            held[key].projects,
            held[key].initial,
            held[key].budget,
            held[key].executed,
        )
        for key in keys
    ]
    rows.append(
        ProjectTotal(
            "",
            "合计",
            total_units,
            sum(row.projects for row in rows),
            sum((row.initial for row in rows), ZERO),
            sum((row.budget for row in rows), ZERO),
            sum((row.executed for row in rows), ZERO),
        )
    )
    return rows


def category_labels(catalogue: CategoryCatalogue) -> dict[str, str]:
    """Expenditure category codes with their names, in order (the project-category table)."""
    return {item.code: item.name for item in catalogue.of_flow(Flow.EXPENDITURE)}


def attribute_labels() -> dict[str, str]:
    """项目属性 values with their labels, in order (the project-attribute table)."""
    return {attribute.value: ATTRIBUTE_LABELS[attribute] for attribute in ProjectAttribute}


def rate_distribution(rates: Sequence[Decimal | None]) -> list[Bucket]:
    """How many units fall in each execution-rate band (units without a budget last)."""
    counts = [0] * len(RATE_BANDS)
    missing = 0
    for rate in rates:
        if rate is None:
            missing += 1
            continue
        for index, (_, lower, upper) in enumerate(RATE_BANDS):
            if rate >= lower and (upper is None or rate < upper):
                counts[index] += 1
                break
        else:  # a negative rate (a refund larger than the spending) counts with the lowest
            counts[0] += 1
    whole = len(rates)
    buckets = [
        Bucket(label, count, percent(count, whole))
        for (label, _, _), count in zip(RATE_BANDS, counts, strict=True)
    ]
    buckets.append(Bucket(NO_RATE, missing, percent(missing, whole)))
    return buckets


def grade_distribution(grades: Sequence[str]) -> list[Bucket]:
    """How many units have each grade (优, 良, 中, 差), then those without a score."""
    whole = len(grades)
    buckets = [
        Bucket(grade.value, sum(1 for item in grades if item == grade.value), None)
        for grade in GRADES
    ]
    unscored = whole - sum(bucket.count for bucket in buckets)
    buckets.append(Bucket(NO_SCORE, unscored, None))
    return [Bucket(item.label, item.count, percent(item.count, whole)) for item in buckets]


def score_statistics(scores: Iterable[Decimal | None]) -> ScoreStatistics:
    """Statistics of the scores that exist (two decimals, half up)."""
    held = sorted(score for score in scores if score is not None)
    if not held:
        return ScoreStatistics(0, None, None, None, None)
    mean = sum(held, ZERO) / Decimal(len(held))
    return ScoreStatistics(
        len(held),
        round2(mean),
        round2(Decimal(statistics.median(held))),
        held[0],
        held[-1],
    )


def rank(entries: Sequence[RankEntry]) -> list[RankRow]:
    """The units by final score, highest first; equal scores share a place (1, 2, 2, 4).

    Equal scores are listed by code; units without a score follow, unranked, by code.
    """
    scored = sorted(
        (entry for entry in entries if entry.final_score is not None),
        key=lambda entry: (-(entry.final_score or ZERO), entry.code),
    )
    rows: list[RankRow] = []
    previous: Decimal | None = None
    place = 0
    for position, entry in enumerate(scored, start=1):
        if entry.final_score != previous:
            place, previous = position, entry.final_score
        rows.append(RankRow(place, entry))
    unscored = sorted(
        (entry for entry in entries if entry.final_score is None), key=lambda entry: entry.code
    )
    return rows + [RankRow(None, entry) for entry in unscored]
