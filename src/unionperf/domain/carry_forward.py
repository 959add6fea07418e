"""A new year started from an earlier one: what an accountant carries forward, and what not.

The rules (also in ``docs/cli.md`` under ``year add``):

- **Settings**: the rule settings are carried as they are.
- **Budget lines**: every category row of the earlier year, with its 本年预算数 (the original,
  年初 amount, not the adjusted one) as the new year's proposal. 调整数 and 全年执行数 start at 0.
  When the earlier year is the year before, its 全年执行数 becomes the new 上年决算数, and its
  期末滚存结余 on the executed amounts (上年结余 + 收入 − 支出) becomes the new 上年结余 — but only
  once that year has executed amounts; before, both stay 0 for the user to fill in. The
  上年结余 needs both sides: when only the spending was typed (the self-evaluation asks for
  nothing else), it stays 0 for the user too, never a deficit made of missing revenue.
- **Projects**: a project whose period ended before the new year (结束日期 in the earlier year or
  before) is not carried, unless the user ticked it to run again (``renew``, by uid); the report
  names those left behind. A ticked one becomes a **new project** of the new year (项目属性
  新增项目, a new uid — it is not the same project continuing): its period moved so that it
  starts in the new year (an annual project runs 1 January – 31 December again), the earlier
  year in its name (``2024年``) and code (``GH2024-01``) replaced by the new one, its funding
  sources with their 年初预算数 as the proposal (or 0 with ``renew_amounts=False``), its goals
  and indicators (new uids) as proposals. Every other project — a multi-year project still
  running, or one without an end date — continues: same uid (it stays one project across its
  years), code, name, period, responsible person, 中期资金总额 and goals; 项目属性 becomes
  延续项目; each funding source keeps its 年初预算数 as the proposal, with 全年预算数 equal to
  it and 全年执行数 0. A project the earlier year flagged for 清理退出 is not carried either (it
  exits at the end of that year); the report names it with its reason.
- **Targets**: the annual and mid-term goals and every level-3 indicator of the carried projects
  and of the unit as a whole, as proposals; each indicator gets a new uid (results are per year).
- **Not carried**: monitoring points and entries, self-evaluations and results, sign-offs,
  explanations of soft problems, evidence.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from unionperf.domain.budget import (
    UNIT_OWNER,
    BudgetLine,
    FundingLine,
    Project,
    ProjectAttribute,
    TargetSet,
)
from unionperf.domain.categories import Flow
from unionperf.domain.money import ZERO
from unionperf.domain.year import YearData

__all__ = ["CarriedYear", "carry_forward", "continues_into", "renewed_project"]


@dataclass(frozen=True, slots=True)
class CarriedYear:
    """The new year as carried forward, and the projects left behind because they ended."""

    data: YearData
    ended: tuple[Project, ...] = ()
    """Projects of the earlier year whose period ended before the new year (not carried)."""
    renewed: tuple[Project, ...] = ()
    """New projects of the new year made from ended ones the user ticked (also in ``data``)."""
    cleared: tuple[Project, ...] = ()
    """Projects the earlier year flagged for 清理退出 (not carried, whatever their period)."""
    opening_carried: bool = False
    """Whether 上年结余 was taken from the earlier year's executed revenue and spending."""
    actuals_carried: bool = False
    """Whether 上年决算数 was taken from the earlier year's executed amounts."""

    @property
    def indicator_count(self) -> int:
        """How many level-3 indicators were carried (projects and the unit)."""
        sets = (self.data.unit_targets, *(project.targets for project in self.data.projects))
        return sum(len(targets.indicators) for targets in sets)


def continues_into(project: Project, year: int) -> bool:
    """Whether a project still runs in ``year``: no end date, or an end date in or after it."""
    return project.end is None or project.end.year >= year


def carry_forward(
    source: YearData,
    year: int,
    new_uid: Callable[[], str],
    renew: Collection[str] = (),
    *,
    renew_amounts: bool = True,
) -> CarriedYear:
    """The year ``year`` started from ``source`` (an earlier year), by the rules of this module.

    ``new_uid`` makes the new identifiers (the caller's, so tests can fix them). ``renew`` holds
    the uids of ended projects to carry as new projects; ``renew_amounts`` whether their
    年初预算数 are carried too (else 0, for the user to type).

    Raises:
        ValueError: ``year`` is not after ``source.year``, or a uid of ``renew`` is not an ended
            project of ``source``.
    """
    if year <= source.year:
        raise ValueError(f"只能从更早的年度结转：{source.year}年度不早于{year}年度")
    ended_uids = {p.uid for p in source.projects if not continues_into(p, year)}
    unknown = sorted(set(renew) - ended_uids)
    if unknown:
        raise ValueError(f"不是已结束的项目，不能作为新项目复制：{'、'.join(unknown)}")
    follows = year == source.year + 1
    actuals_carried = follows and any(line.executed != ZERO for line in source.budget)
    opening_carried = actuals_carried and all(
        _has_actuals(source, flow) for flow in (Flow.REVENUE, Flow.EXPENDITURE)
    )
    budget = tuple(_carried_line(line, follows=actuals_carried) for line in source.budget)
    kept = [
        project
        for project in source.projects
        if continues_into(project, year) and not project.clear_out
    ]
    ended = tuple(
        project
        for project in source.projects
        if project.uid in ended_uids and project.uid not in renew
    )
    cleared = tuple(
        project
        for project in source.projects
        if project.clear_out and continues_into(project, year)
    )
    renewed = tuple(
        renewed_project(project, source.year, year, new_uid, amounts=renew_amounts)
        for project in source.projects
        if project.uid in renew
    )
    data = YearData(
        year=year,
        unit=source.unit,
        settings=source.settings,
        catalogue=source.catalogue,
        opening_balance=_closing_balance(source) if opening_carried else ZERO,
        budget=budget,
        projects=(*(_carried_project(project, new_uid) for project in kept), *renewed),
        unit_targets=_carried_targets(source.unit_targets, UNIT_OWNER, new_uid),
    )
    return CarriedYear(
        data,
        ended,
        renewed,
        cleared,
        opening_carried=opening_carried,
        actuals_carried=actuals_carried,
    )


def renewed_project(
    project: Project,
    source_year: int,
    year: int,
    new_uid: Callable[[], str],
    *,
    amounts: bool = True,
) -> Project:
    """An ended project of ``source_year`` run again as a new project of ``year`` (see above)."""
    uid = new_uid()
    shift = year - (project.start.year if project.start is not None else source_year)
    old, new = str(source_year), str(year)
    return replace(
        project,
        uid=uid,
        code=project.code.replace(old, new),
        name=project.name.replace(f"{old}年", f"{new}年"),
        attribute=ProjectAttribute.NEW,
        start=_years_later(project.start, shift),
        end=_years_later(project.end, shift),
        funding=tuple(
            FundingLine(line.source, initial=amount, adjusted=amount)
            for line in project.funding
            for amount in [line.initial if amounts else ZERO]
        ),
        targets=_carried_targets(project.targets, uid, new_uid),
    )


def _years_later(day: date | None, years: int) -> date | None:
    if day is None:
        return None
    year = day.year + years
    last = calendar.monthrange(year, day.month)[1]  # 29 February in a common year: the 28th
    return date(year, day.month, min(day.day, last))


def _has_actuals(source: YearData, flow: Flow) -> bool:
    """Whether any category of ``flow`` has a 全年执行数."""
    codes = {category.code for category in source.catalogue.of_flow(flow)}
    return any(line.executed != ZERO for line in source.budget if line.category_code in codes)


def _closing_balance(source: YearData) -> Decimal:
    """期末滚存结余 on the executed amounts: 上年结余 + 收入 − 支出."""
    revenue = source.flow_total(Flow.REVENUE, "executed")
    spent = source.flow_total(Flow.EXPENDITURE, "executed")
    return source.opening_balance + revenue - spent


def _carried_line(line: BudgetLine, *, follows: bool) -> BudgetLine:
    return BudgetLine(
        line.category_code,
        last_year_actual=line.executed if follows else ZERO,
        budget=line.budget,
    )


def _carried_project(project: Project, new_uid: Callable[[], str]) -> Project:
    return replace(
        project,
        attribute=ProjectAttribute.CONTINUING,
        funding=tuple(
            FundingLine(line.source, initial=line.initial, adjusted=line.initial)
            for line in project.funding
        ),
        targets=_carried_targets(project.targets, project.uid, new_uid),
    )


def _carried_targets(targets: TargetSet, owner_uid: str, new_uid: Callable[[], str]) -> TargetSet:
    return TargetSet(
        owner_uid,
        targets.annual_goal,
        targets.midterm_goal,
        tuple(replace(indicator, uid=new_uid()) for indicator in targets.indicators),
    )
