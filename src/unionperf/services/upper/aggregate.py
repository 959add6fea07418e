"""汇总: a year's stage across the units (all, or a group) — totals, distributions, ranking.

:func:`aggregate` sums the rows kept of each unit's current package of the stage
(``domain.stage_facts``): budget and execution by revenue and expenditure category, projects by
expenditure category and by attribute (新增/延续), the units' execution-rate and grade
distributions, the ranking by score, and the multi-year projects with their cumulative budget
and execution and any 清理退出 the units propose. The upper level's own score of a unit, where it
re-scored the self-evaluation, is passed in as ``upper_scores`` (the review service holds them)
and ranks the unit in place of its own score; both are shown.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from unionperf.domain.aggregation import (
    Bucket,
    CategoryTotal,
    ProjectTotal,
    RankEntry,
    RankRow,
    ScoreStatistics,
    attribute_labels,
    category_labels,
    category_tables,
    grade_distribution,
    project_table,
    rank,
    rate_distribution,
    score_statistics,
)
from unionperf.domain.board import BoardStatus
from unionperf.domain.categories import DEFAULT_CATALOGUE, Flow
from unionperf.domain.multi_year_summary import MultiYearLine, cleared_first
from unionperf.domain.year import StageKind, stage_label
from unionperf.services.common.errors import InputError
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper.aggregate_assessment import AssessmentCount, assessment_counts
from unionperf.services.upper.deadlines import check_stage_name, season_order
from unionperf.services.upper.status import BoardFilter, BoardLine, status_board

SELF_EVALUATION = StageKind.SELF_EVALUATION.value


@dataclass(frozen=True, slots=True)
class Aggregate:
    """The aggregation of a year's stage."""

    year: int
    stage: str
    units_expected: int
    """Units of the group (every registered unit without one)."""
    units_included: int
    """Units whose current package of the stage is counted."""
    approved_only: bool
    revenue: list[CategoryTotal]
    expenditure: list[CategoryTotal]
    by_category: list[ProjectTotal]
    """Projects by expenditure category (项目类别)."""
    by_attribute: list[ProjectTotal]
    """Projects by attribute (新增项目 / 延续项目)."""
    execution: list[Bucket]
    """Units by execution rate (empty at the targets stage: nothing is executed yet)."""
    grades: list[Bucket]
    """Units by grade (the upper level's where it re-scored)."""
    scores: ScoreStatistics
    ranking: list[RankRow]
    multi_year: list[MultiYearLine] = field(default_factory=list)
    """Multi-year projects with their cumulative figures; those proposed for 清理退出 first."""
    assessments: list[AssessmentCount] = field(default_factory=list)
    """New major projects assessed per conclusion (事前绩效评估; the targets stage only)."""

    @property
    def stage_label(self) -> str:
        """The stage in Chinese."""
        return stage_label(self.stage)

    @property
    def execution_reported(self) -> bool:
        """Whether the stage reports execution (monitoring points and the self-evaluation)."""
        return self.stage != StageKind.TARGETS.value


def aggregation_stage(workspace: Workspace, year: int) -> str:
    """The stage aggregated when none is chosen.

    It is the self-evaluation once any was received, else the latest stage received.

    Raises:
        InputError: nothing of the year was received.
    """
    with workspace.reading() as uow:
        received = uow.board.stages_received(year)
    if not received:
        raise InputError(f"{year}年度尚未接收任何数据包，无可汇总", "汇总")
    return SELF_EVALUATION if SELF_EVALUATION in received else max(received, key=season_order)


@dataclass(frozen=True, slots=True)
class AggregateSummary:
    """The cheap part of an aggregation: what the 汇总 page shows on opening.

    The counts, the score statistics and the revenue and expenditure tables; the projects, the
    distributions and the ranking follow from it (:func:`complete`) when they are asked for.
    """

    year: int
    stage: str
    units_expected: int
    units_included: int
    approved_only: bool
    revenue: list[CategoryTotal]
    expenditure: list[CategoryTotal]
    scores: ScoreStatistics
    lines: list[BoardLine]
    """The units counted, in code order, as the status board has them."""
    rescored: Mapping[str, Decimal]
    """The upper level's score by unit code, where it re-scored the unit."""
    included: frozenset[str] | None
    """The units the sums are restricted to (``None``: every current package)."""

    @property
    def stage_label(self) -> str:
        """The stage in Chinese."""
        return stage_label(self.stage)


def aggregate(
    workspace: Workspace,
    year: int,
    stage: str | None = None,
    *,
    units: Collection[str] | None = None,
    approved_only: bool = False,
    upper_scores: Mapping[str, Decimal] | None = None,
    today: date | None = None,
) -> Aggregate:
    """Aggregate the current packages of a year's stage.

    Args:
        workspace: the upper level's workspace.
        year: the fiscal year.
        stage: the stage (default: :func:`aggregation_stage`).
        units: a group of unit codes (default: every registered unit).
        approved_only: count only units whose stage is approved (已通过).
        upper_scores: the upper level's score by unit code, where it re-scored the unit.
        today: the day on-time status is judged on (default: today).

    Raises:
        InputError: a bad stage, an unknown unit code in the group, or nothing to aggregate
            when no stage is given.
    """
    summary = aggregate_summary(
        workspace,
        year,
        stage,
        units=units,
        approved_only=approved_only,
        upper_scores=upper_scores,
        today=today,
    )
    return complete(workspace, summary)


def aggregate_summary(
    workspace: Workspace,
    year: int,
    stage: str | None = None,
    *,
    units: Collection[str] | None = None,
    approved_only: bool = False,
    upper_scores: Mapping[str, Decimal] | None = None,
    today: date | None = None,
) -> AggregateSummary:
    """The counts, score statistics and category tables of :func:`aggregate` (same arguments).

    Raises:
        InputError: as :func:`aggregate`.
    """
    chosen = stage if stage is not None else aggregation_stage(workspace, year)
    check_stage_name(chosen)
    group = frozenset(units) if units is not None else None
    board = status_board(workspace, year, chosen, today=today, filters=BoardFilter(units=group))
    if group is not None:
        unknown = sorted(group - {line.code for line in board.lines})
        if unknown:
            raise InputError(f"未登记的单位：{'、'.join(unknown[:5])}", "汇总")
    counted = [
        line
        for line in board.lines
        if line.status is not BoardStatus.MISSING
        and (not approved_only or line.status is BoardStatus.APPROVED)
    ]
    included = (
        None if group is None and not approved_only else frozenset(line.code for line in counted)
    )
    with workspace.reading() as uow:
        categories = uow.board.category_sums(year, chosen, included)
    tables = category_tables(categories, DEFAULT_CATALOGUE, executed=chosen == SELF_EVALUATION)
    rescored = dict(upper_scores or {})
    final = (rescored.get(line.code) for line in counted)
    return AggregateSummary(
        year,
        chosen,
        board.rates.expected,
        len(counted),
        approved_only,
        tables[Flow.REVENUE],
        tables[Flow.EXPENDITURE],
        score_statistics(
            upper if upper is not None else line.score
            for upper, line in zip(final, counted, strict=True)
        ),
        counted,
        rescored,
        included,
    )


def rank_entries(summary: AggregateSummary) -> list[RankEntry]:
    """The units counted with their own and final scores, status and execution rate."""
    rescored = summary.rescored
    return [
        RankEntry(
            line.code,
            line.name,
            line.score,
            line.grade,
            rescored.get(line.code),
            line.status,
            line.on_time,
            line.execution_rate,
        )
        for line in summary.lines
    ]


def project_tables(
    workspace: Workspace, summary: AggregateSummary
) -> tuple[list[ProjectTotal], list[ProjectTotal]]:
    """The projects of the units counted, by expenditure category and by attribute."""
    year, stage, included = summary.year, summary.stage, summary.included
    with workspace.reading() as uow:
        records = uow.board
        by_category = records.project_sums(year, stage, "category_code", included)
        by_attribute = records.project_sums(year, stage, "attribute", included)
        with_projects = records.units_with_projects(year, stage, included)
    return (
        project_table(by_category, category_labels(DEFAULT_CATALOGUE), with_projects),
        project_table(by_attribute, attribute_labels(), with_projects),
    )


def distributions(summary: AggregateSummary) -> tuple[list[Bucket], list[Bucket]]:
    """The units by execution-rate band (none at the targets stage) and by grade."""
    entries = rank_entries(summary)
    execution = summary.stage != StageKind.TARGETS.value
    return (
        rate_distribution([entry.execution_rate for entry in entries]) if execution else [],
        grade_distribution([entry.final_grade for entry in entries]),
    )


def multi_year_lines(workspace: Workspace, summary: AggregateSummary) -> list[MultiYearLine]:
    """The multi-year projects of the units counted; those proposed for 清理退出 first."""
    with workspace.reading() as uow:
        lines = uow.board.multi_year_projects(summary.year, summary.stage, summary.included)
    return cleared_first(lines)


def complete(
    workspace: Workspace,
    summary: AggregateSummary,
    projects: tuple[list[ProjectTotal], list[ProjectTotal]] | None = None,
    multi_year: list[MultiYearLine] | None = None,
) -> Aggregate:
    """The whole aggregation from its summary (``projects``, ``multi_year``: the parts, if read)."""
    by_category, by_attribute = projects or project_tables(workspace, summary)
    execution, grades = distributions(summary)
    return Aggregate(
        summary.year,
        summary.stage,
        summary.units_expected,
        summary.units_included,
        summary.approved_only,
        summary.revenue,
        summary.expenditure,
        by_category,
        by_attribute,
        execution,
        grades,
        summary.scores,
        rank(rank_entries(summary)),
        multi_year if multi_year is not None else multi_year_lines(workspace, summary),
        assessment_counts(workspace, summary.year, summary.stage, summary.included),
    )
