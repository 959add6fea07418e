"""A multi-year project's whole period as the window shows it (全周期跟踪, seed §二.3).

One call gives what the targets and self-evaluation steps show of a project running over
several years: its period and place in it, 中期资金总额, 中期目标 and 中期 indicators, and one
row per year held — the year's budget and execution, the running totals and the year's score —
side by side, with the 清理退出 flag and its reason. Only the project in hand is scored (the
window asks for one project at a time, also in a year of 200).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from unionperf.domain.indicators import (
    Indicator,
    IndicatorKind,
    Operator,
    Period,
    interval_text,
)
from unionperf.domain.money import format_plain
from unionperf.domain.multi_year import evaluated, is_multi_year, project_cycle, year_slice
from unionperf.domain.results import score_project
from unionperf.domain.year import YearData

__all__ = ["CycleRowView", "CycleView", "cycle_view"]


@dataclass(frozen=True, slots=True)
class CycleRowView:
    """One year of the period: its own amounts, the running totals, its score."""

    year: int
    budget: Decimal
    executed: Decimal
    cumulative_budget: Decimal
    cumulative_executed: Decimal
    cumulative_rate: Decimal | None
    score: Decimal | None
    grade: str
    clear_out: bool
    current: bool
    """The year open in the window."""


@dataclass(frozen=True, slots=True)
class CycleView:
    """A multi-year project across its period, as far as the workspace holds it."""

    project_uid: str
    name: str
    period_text: str
    stage_text: str
    midterm_budget: Decimal
    midterm_goal: str
    midterm_indicators: tuple[tuple[str, str], ...]
    """(name, target as written: ``≥60 台（套）``) of each 中期 indicator."""
    rows: tuple[CycleRowView, ...]
    midterm_share: Decimal | None
    midterm_remaining: Decimal | None
    missing_years: tuple[int, ...]
    clear_out: bool
    clear_out_reason: str

    @property
    def cumulative_budget(self) -> Decimal:
        """累计预算数 up to the year open."""
        return self.rows[-1].cumulative_budget

    @property
    def cumulative_executed(self) -> Decimal:
        """累计执行数 up to the year open."""
        return self.rows[-1].cumulative_executed


def cycle_view(data: YearData, project_uid: str) -> CycleView | None:
    """The whole period of a project of ``data``, or ``None`` when it is not multi-year."""
    project = data.project(project_uid)
    if project is None or not is_multi_year(project, data.project_history):
        return None
    score = score_project(data, project) if evaluated(data, project.uid) else None
    current = year_slice(
        data.year, project, score.total if score else None, score.grade.value if score else ""
    )
    cycle = project_cycle(project, data.year, data.project_history, current)
    rows = tuple(
        CycleRowView(
            row.slice.year,
            row.slice.budget,
            row.slice.executed,
            row.cumulative_budget,
            row.cumulative_executed,
            row.cumulative_rate,
            row.slice.score,
            row.slice.grade,
            row.slice.clear_out,
            row.slice.year == data.year,
        )
        for row in cycle.rows
    )
    midterm = tuple(
        (indicator.name, _target(indicator))
        for indicator in project.targets.indicators
        if indicator.period is Period.MIDTERM
    )
    return CycleView(
        project.uid,
        project.name,
        cycle.period_text,
        cycle.stage_text,
        project.midterm_budget,
        project.targets.midterm_goal,
        midterm,
        rows,
        cycle.midterm_share,
        cycle.midterm_remaining,
        cycle.missing_years,
        project.clear_out,
        project.clear_out_reason,
    )


def _target(indicator: Indicator) -> str:
    """``≥60台（套）``, ``60～80%`` or a qualitative target's wording."""
    if indicator.kind is IndicatorKind.QUALITATIVE:
        return indicator.target_text
    if indicator.operator is Operator.INTERVAL:
        return interval_text(indicator.target, indicator.target_upper) + indicator.unit
    value = "" if indicator.target is None else format_plain(indicator.target)
    return f"{indicator.operator.symbol}{value}{indicator.unit}"
