"""What the upper level keeps as rows of a received package: amounts and scores for 汇总.

A received package's year is reduced to the figures aggregation needs — each budget line, and
each project and the unit as a whole with its budget, its execution *as the stage reports it*
and, at the self-evaluation, its score — so that totals across thousands of units are sums
over rows rather than decoding every package again.

Execution as the stage reports it:

- ``targets``: nothing is executed yet (0).
- ``monitoring-YYYY-MM-DD``: the cumulative amount executed to that cut-off (1–N月执行数) from
  each owner's monitoring entry; the unit as a whole takes its own entry, or the sum of its
  projects' entries when it has none. Budget lines report no execution (0).
- ``self-evaluation``: the year's executed amounts (全年执行数) of projects and budget lines;
  the unit as a whole, its expenditure lines executed, as its score counts them.

A multi-year project (a period over more than one year, or earlier years in the package's
``project_history``) also keeps its period, 中期资金总额, 清理退出 flag with reason, and the
cumulative budget and execution: the earlier years' 全年预算数 and 全年执行数 plus this stage's.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from unionperf.domain.budget import UNIT_OWNER, Project
from unionperf.domain.categories import Flow
from unionperf.domain.money import ZERO
from unionperf.domain.results import YearScore, score_year
from unionperf.domain.year import Stage, StageKind, YearData


@dataclass(frozen=True, slots=True)
class BudgetFact:
    """One budget line of a received package (yuan)."""

    category_code: str
    last_year_actual: Decimal
    budget: Decimal
    adjustment: Decimal
    executed: Decimal

    @property
    def approved(self) -> Decimal:
        """批复预算数 = 本年预算数 + 调整数."""
        return self.budget + self.adjustment


@dataclass(frozen=True, slots=True)
class OwnerFact:
    """A project (or the unit as a whole, ``owner_uid == "unit"``) of a received package."""

    owner_uid: str
    name: str
    category_code: str
    """The project's expenditure category (empty for the unit)."""
    attribute: str
    """``new`` or ``continuing`` (项目属性; empty for the unit)."""
    initial: Decimal
    """年初预算数 (the unit: the expenditure lines' 本年预算数)."""
    budget: Decimal
    """全年预算数 (the unit: the expenditure lines' 批复预算数)."""
    executed: Decimal
    """Executed as the stage reports it (see the module)."""
    total: Decimal | None = None
    """The self-evaluation score (``None`` before the self-evaluation)."""
    grade: str = ""
    multi_year: MultiYearFact | None = None
    """The period and cumulative figures of a multi-year project (``None`` otherwise)."""
    clear_out: bool = False
    clear_out_reason: str = ""


@dataclass(frozen=True, slots=True)
class MultiYearFact:
    """A multi-year project's period, mid-term budget and totals over its years so far (yuan)."""

    start_year: int | None
    end_year: int | None
    midterm_budget: Decimal
    cumulative_budget: Decimal
    cumulative_executed: Decimal


@dataclass(frozen=True, slots=True)
class StageFacts:
    """The rows kept of one received package."""

    budget: tuple[BudgetFact, ...]
    """One per category, in the package's order."""
    owners: tuple[OwnerFact, ...]


def stage_facts(data: YearData, stage: Stage, *, scores: YearScore | None = None) -> StageFacts:
    """The budget lines and the owners' amounts and scores of a package of ``stage``.

    ``scores`` are the year's scores when they were already computed (verifying a
    self-evaluation package scores it: ``VerifiedPackage.scores``); they must be
    ``score_year(data)``. Without them the year is scored here.
    """
    evaluating = stage.kind is StageKind.SELF_EVALUATION
    lines: dict[str, BudgetFact] = {}
    for line in data.budget:  # one fact per category (a unit's workspace holds one line each)
        held = lines.get(line.category_code)
        spent = line.executed if evaluating else ZERO
        lines[line.category_code] = BudgetFact(
            line.category_code,
            line.last_year_actual + (held.last_year_actual if held else ZERO),
            line.budget + (held.budget if held else ZERO),
            line.adjustment + (held.adjustment if held else ZERO),
            spent + (held.executed if held else ZERO),
        )
    budget = tuple(lines.values())
    executed = _stage_execution(data, stage)
    if not evaluating:
        scores = None
    elif scores is None:
        scores = score_year(data)
    by_uid = {item.project.uid: item.score for item in scores.projects} if scores else {}
    owners = [
        OwnerFact(
            project.uid,
            project.name,
            project.category_code,
            project.attribute.value,
            project.initial_budget,
            project.full_year_budget,
            executed.get(project.uid, ZERO),
            by_uid[project.uid].total if project.uid in by_uid else None,
            by_uid[project.uid].grade.value if project.uid in by_uid else "",
            _multi_year(data, project, executed.get(project.uid, ZERO)),
            project.clear_out,
            project.clear_out_reason.strip() if project.clear_out else "",
        )
        for project in data.projects
    ]
    unit_score = scores.unit if scores is not None else None
    owners.append(
        OwnerFact(
            UNIT_OWNER,
            data.unit.name,
            "",
            "",
            data.flow_total(Flow.EXPENDITURE, "budget"),
            data.flow_total(Flow.EXPENDITURE),
            executed.get(UNIT_OWNER, ZERO),
            unit_score.total if unit_score is not None else None,
            unit_score.grade.value if unit_score is not None else "",
        )
    )
    return StageFacts(budget, tuple(owners))


def _multi_year(data: YearData, project: Project, executed: Decimal) -> MultiYearFact | None:
    """The period and running totals of a multi-year project (this stage's amounts last)."""
    earlier = [item for item in data.project_history if item.project_uid == project.uid]
    if not (project.multi_year or earlier):
        return None
    return MultiYearFact(
        project.start.year if project.start else None,
        project.end.year if project.end else None,
        project.midterm_budget,
        sum((item.budget for item in earlier), ZERO) + project.full_year_budget,
        sum((item.executed for item in earlier), ZERO) + executed,
    )


def _stage_execution(data: YearData, stage: Stage) -> dict[str, Decimal]:
    """Executed amounts by owner uid as the stage reports them."""
    if stage.kind is StageKind.SELF_EVALUATION:
        amounts = {project.uid: project.executed for project in data.projects}
        amounts[UNIT_OWNER] = data.flow_total(Flow.EXPENDITURE, "executed")
        return amounts
    if stage.kind is StageKind.TARGETS:
        return {}
    point = next((item for item in data.points if item.cutoff == stage.cutoff), None)
    if point is None:
        return {}
    amounts = {
        entry.owner_uid: entry.executed or ZERO
        for entry in data.monitoring
        if entry.point_uid == point.uid
    }
    if UNIT_OWNER not in amounts:
        amounts[UNIT_OWNER] = sum(
            (amounts.get(project.uid, ZERO) for project in data.projects), ZERO
        )
    return amounts
