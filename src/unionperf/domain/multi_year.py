"""Multi-year projects: the whole period at a glance (seed §二.3 全周期跟踪问效, §二.11).

:func:`year_slice` cuts a project's annual slice out of its year; :func:`project_cycle` lays
the slices of every year so far side by side, oldest first, each with the cumulative budget
and execution up to it (累计预算数, 累计执行数), against the project's 中期资金总额 and period.
:func:`history_for` keeps of the earlier years' slices those of a year's projects.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from unionperf.domain.budget import Project
from unionperf.domain.money import ZERO
from unionperf.domain.monitoring import execution_rate
from unionperf.domain.project_years import ProjectYear
from unionperf.domain.results import score_year
from unionperf.domain.year import YearData

__all__ = [
    "CycleRow",
    "ProjectCycle",
    "ProjectYear",
    "cycles_of",
    "evaluated",
    "history_for",
    "is_multi_year",
    "project_cycle",
    "year_slice",
    "year_slices",
]


@dataclass(frozen=True, slots=True)
class CycleRow:
    """One year of the period with the running totals up to and including it."""

    slice: ProjectYear
    cumulative_budget: Decimal
    cumulative_executed: Decimal

    @property
    def cumulative_rate(self) -> Decimal | None:
        """累计执行率 = 累计执行数 ÷ 累计预算数 (``None`` without a budget)."""
        return execution_rate(self.cumulative_executed, self.cumulative_budget)


@dataclass(frozen=True, slots=True)
class ProjectCycle:
    """A project across its period: the years so far, side by side, oldest first."""

    project: Project
    year: int
    """The year in hand (the latest row)."""
    rows: tuple[CycleRow, ...]

    @property
    def start_year(self) -> int | None:
        """The first year of the period (``None`` without a start date)."""
        return self.project.start.year if self.project.start else None

    @property
    def end_year(self) -> int | None:
        """The last year of the period (``None`` without an end date)."""
        return self.project.end.year if self.project.end else None

    @property
    def period_text(self) -> str:
        """``2025—2027年`` (or ``2025年起`` without an end), as forms print it."""
        start, end = self.start_year, self.end_year
        if start is None and end is None:
            return ""
        if end is None:
            return f"{start}年起"
        if start is None:
            return f"至{end}年"
        return f"{start}—{end}年" if end > start else f"{start}年"

    @property
    def year_count(self) -> int | None:
        """How many years the period has (``None`` when either end is open)."""
        start, end = self.start_year, self.end_year
        return end - start + 1 if start is not None and end is not None else None

    @property
    def year_number(self) -> int | None:
        """Which year of the period the year in hand is (1 for the first)."""
        start = self.start_year
        return self.year - start + 1 if start is not None and self.year >= start else None

    @property
    def stage_text(self) -> str:
        """``第2年／共3年`` (empty when the period is not known)."""
        number, count = self.year_number, self.year_count
        if number is None:
            return ""
        return f"第{number}年／共{count}年" if count is not None else f"第{number}年"

    @property
    def cumulative_budget(self) -> Decimal:
        """累计预算数 so far (the sum of each year's 全年预算数)."""
        return self.rows[-1].cumulative_budget if self.rows else ZERO

    @property
    def cumulative_executed(self) -> Decimal:
        """累计执行数 so far (the sum of each year's 全年执行数)."""
        return self.rows[-1].cumulative_executed if self.rows else ZERO

    @property
    def midterm_share(self) -> Decimal | None:
        """累计预算数 ÷ 中期资金总额 (``None`` without a mid-term budget)."""
        return execution_rate(self.cumulative_budget, self.project.midterm_budget)

    @property
    def midterm_remaining(self) -> Decimal | None:
        """中期资金总额 − 累计预算数: what the period still has (``None`` without one)."""
        midterm = self.project.midterm_budget
        return midterm - self.cumulative_budget if midterm > ZERO else None

    @property
    def missing_years(self) -> tuple[int, ...]:
        """Years of the period up to the year in hand that have no slice (not in the workspace)."""
        start = self.start_year
        if start is None:
            return ()
        held = {row.slice.year for row in self.rows}
        return tuple(year for year in range(start, self.year + 1) if year not in held)


def evaluated(data: YearData, owner_uid: str) -> bool:
    """Whether an owner's self-evaluation was entered (a score means something)."""
    return bool(data.evaluation_of(owner_uid).results)


def year_slices(data: YearData) -> tuple[ProjectYear, ...]:
    """The annual slice of each project of a year, scored where it was evaluated."""
    scored = any(evaluated(data, project.uid) for project in data.projects)
    scores = {item.project.uid: item.score for item in score_year(data).projects} if scored else {}
    slices = []
    for project in data.projects:
        score = scores.get(project.uid) if evaluated(data, project.uid) else None
        slices.append(
            year_slice(
                data.year,
                project,
                score.total if score else None,
                score.grade.value if score else "",
            )
        )
    return tuple(slices)


def year_slice(
    year: int, project: Project, score: Decimal | None = None, grade: str = ""
) -> ProjectYear:
    """A project's slice of ``year`` with the score given (``None``: not evaluated)."""
    return ProjectYear(
        year,
        project.uid,
        project.targets.annual_goal,
        project.initial_budget,
        project.full_year_budget,
        project.executed,
        score,
        grade,
        project.clear_out,
    )


def history_for(data: YearData, earlier: Iterable[ProjectYear]) -> tuple[ProjectYear, ...]:
    """Of the earlier years' slices, those of ``data``'s projects, one per year, oldest first."""
    uids = {project.uid for project in data.projects}
    kept: dict[tuple[str, int], ProjectYear] = {}
    for item in earlier:
        if item.project_uid in uids and item.year < data.year:
            kept[(item.project_uid, item.year)] = item
    return tuple(sorted(kept.values(), key=lambda item: (item.year, item.project_uid)))


def project_cycle(
    project: Project,
    year: int,
    earlier: Iterable[ProjectYear],
    current: ProjectYear | None = None,
) -> ProjectCycle:
    """The project's period so far: earlier slices of its uid, then the year in hand.

    Slices of other projects or of ``year`` and later are ignored; the year in hand is
    ``current`` (default: cut from ``project`` without a score).
    """
    by_year = {
        item.year: item for item in earlier if item.project_uid == project.uid and item.year < year
    }
    by_year[year] = current if current is not None else year_slice(year, project)
    rows = []
    budget = executed = ZERO
    for held in sorted(by_year):
        item = by_year[held]
        budget += item.budget
        executed += item.executed
        rows.append(CycleRow(item, budget, executed))
    return ProjectCycle(project, year, tuple(rows))


def cycles_of(data: YearData) -> tuple[ProjectCycle, ...]:
    """The cycle of every multi-year project of a year (its score where evaluated)."""
    current = {item.project_uid: item for item in year_slices(data)}
    return tuple(
        project_cycle(project, data.year, data.project_history, current[project.uid])
        for project in data.projects
        if is_multi_year(project, data.project_history)
    )


def is_multi_year(project: Project, history: Iterable[ProjectYear] = ()) -> bool:
    """A period over more than one year, or earlier years held for its uid."""
    return project.multi_year or any(item.project_uid == project.uid for item in history)
