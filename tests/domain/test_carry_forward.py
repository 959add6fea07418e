"""Carrying a year forward: what continues, what is a proposal, what stays behind."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D
from itertools import count

import pytest

from tests.domain import worked_example
from unionperf.domain.budget import (
    UNIT_OWNER,
    BudgetLine,
    FundingLine,
    FundingSource,
    ProjectAttribute,
    TargetSet,
)
from unionperf.domain.carry_forward import carry_forward, continues_into
from unionperf.domain.monitoring import MonitoringEntry, MonitoringPoint
from unionperf.domain.settings import RuleSettings, SignoffRole
from unionperf.domain.unit import UnitProfile
from unionperf.domain.year import Explanation, Signoff, YearData

UNIT = UnitProfile("华东精密机械有限公司工会委员会", "91350100M000100Y43")
ANNUAL = replace(
    worked_example.project(),
    uid="annual",
    name="2024年职工文体活动经费",
    start=date(2024, 1, 1),
    end=date(2024, 12, 31),
)
HOME = replace(
    worked_example.project(),
    uid="home",
    name="职工之家改造（2023—2025年）",
    start=date(2023, 3, 1),
    end=date(2025, 12, 31),
    midterm_budget=D(360000),
    funding=(
        FundingLine(FundingSource.EMPLOYER_SUBSIDY, D(80000), D(100000), D(99000)),
        FundingLine(FundingSource.OWN, D(40000), D(40000), D(38500)),
    ),
    targets=replace(
        worked_example.project().targets, owner_uid="home", midterm_goal="三年完成职工之家升级"
    ),
)
OPEN_ENDED = replace(worked_example.project(), uid="open", name="困难职工帮扶", end=None)


def _source(**changes) -> YearData:
    base = YearData(
        2024,
        UNIT,
        settings=RuleSettings(lag_points=D(15)),
        opening_balance=D(50000),
        budget=(
            BudgetLine("401", D(280000), D(300000), D(10000), D(305000)),
            BudgetLine("501", D(230000), D(250000), D(-5000), D(240000)),
        ),
        projects=(ANNUAL, HOME, OPEN_ENDED),
        unit_targets=TargetSet(
            UNIT_OWNER, "全年服务会员", "", (replace(worked_example.INDICATORS[0], uid="u1"),)
        ),
        points=(MonitoringPoint("m1", date(2024, 7, 31), "1–7月"),),
        monitoring=(MonitoringEntry("m1", "home", D(50000)),),
        evaluations=(worked_example.evaluation(),),
        signoffs=(Signoff("targets", SignoffRole.CHAIR, "王主席", date(2024, 1, 5)),),
        explanations=(Explanation("P007|project|home||responsible", "已说明"),),
    )
    return replace(base, **changes)


def _uids():
    numbers = count(1)
    return lambda: f"n{next(numbers)}"


def test_projects_still_running_continue_with_their_uid_and_ended_ones_stay_behind():
    carried = carry_forward(_source(), 2025, _uids())
    assert [p.uid for p in carried.data.projects] == ["home", "open"]
    assert [p.name for p in carried.ended] == ["2024年职工文体活动经费"]
    home = carried.data.project("home")
    assert home.attribute is ProjectAttribute.CONTINUING
    assert (home.start, home.end, home.midterm_budget) == (HOME.start, HOME.end, D(360000))
    assert home.targets.midterm_goal == "三年完成职工之家升级"
    assert [(f.source, f.initial, f.adjusted, f.executed) for f in home.funding] == [
        (FundingSource.EMPLOYER_SUBSIDY, D(80000), D(80000), 0),
        (FundingSource.OWN, D(40000), D(40000), 0),
    ]


def test_indicators_are_proposals_with_new_uids():
    carried = carry_forward(_source(), 2025, _uids())
    home = carried.data.project("home")
    assert [i.name for i in home.targets.indicators] == [i.name for i in worked_example.INDICATORS]
    assert [replace(i, uid="") for i in home.targets.indicators] == [
        replace(i, uid="") for i in worked_example.INDICATORS
    ]
    uids = [i.uid for t in (carried.data.unit_targets, home.targets) for i in t.indicators]
    assert len(set(uids)) == len(uids)
    assert set(uids).isdisjoint({"u1", "i1", "i2"})
    assert carried.data.unit_targets.annual_goal == "全年服务会员"
    assert carried.indicator_count == 1 + 2 * len(worked_example.INDICATORS)


def test_the_budget_carries_the_original_amounts_and_last_years_actuals():
    data = carry_forward(_source(), 2025, _uids()).data
    assert data.budget == (
        BudgetLine("401", last_year_actual=D(305000), budget=D(300000)),
        BudgetLine("501", last_year_actual=D(240000), budget=D(250000)),
    )
    assert data.opening_balance == D(50000) + D(305000) - D(240000)
    assert data.settings == RuleSettings(lag_points=D(15))


@pytest.mark.parametrize(
    ("year", "budget"),
    [
        (2026, None),  # a gap year: last year's actuals are not this source's
        (2025, tuple(replace(line, executed=D(0)) for line in _source().budget)),  # not closed
    ],
)
def test_actuals_and_the_opening_balance_only_from_the_closed_year_before(year, budget):
    source = _source() if budget is None else _source(budget=budget)
    carried = carry_forward(source, year, _uids())
    assert not carried.opening_carried
    assert carried.data.opening_balance == 0
    assert all(line.last_year_actual == 0 for line in carried.data.budget)
    assert [line.budget for line in carried.data.budget] == [D(300000), D(250000)]


def test_nothing_of_the_years_work_is_carried():
    data = carry_forward(_source(), 2025, _uids()).data
    assert (data.points, data.monitoring, data.evaluations) == ((), (), ())
    assert (data.signoffs, data.explanations) == ((), ())
    assert data.year == 2025


def test_a_project_continues_while_its_period_reaches_the_year():
    assert continues_into(HOME, 2025)
    assert not continues_into(HOME, 2026)
    assert not continues_into(ANNUAL, 2025)
    assert continues_into(OPEN_ENDED, 2030)


def test_only_a_later_year_is_carried_into():
    with pytest.raises(ValueError, match="只能从更早的年度结转"):
        carry_forward(_source(), 2024, _uids())


def test_without_revenue_actuals_the_opening_balance_is_left_to_type_not_made_a_deficit():
    """The self-evaluation asks only for the spending: 上年结余 cannot be worked out from it."""
    spending_only = tuple(
        replace(line, executed=D(0)) if line.category_code == "401" else line
        for line in _source().budget
    )
    carried = carry_forward(_source(budget=spending_only), 2025, _uids())
    assert carried.actuals_carried
    assert not carried.opening_carried
    assert carried.data.opening_balance == 0
    assert [line.last_year_actual for line in carried.data.budget] == [D(0), D(240000)]


def test_an_ended_project_ticked_is_carried_as_a_new_project_of_the_new_year():
    """A yearly project runs again: a new project (new uid) for the new year, not a continuation."""
    annual = replace(ANNUAL, code="GH2024-01")
    carried = carry_forward(_source(projects=(annual, HOME)), 2025, _uids(), renew={"annual"})
    assert carried.ended == ()
    [renewed] = carried.renewed
    assert [p.uid for p in carried.data.projects] == ["home", renewed.uid]
    assert renewed.uid not in {"annual", "home"}
    assert renewed.attribute is ProjectAttribute.NEW
    assert (renewed.name, renewed.code) == ("2025年职工文体活动经费", "GH2025-01")
    assert (renewed.start, renewed.end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert renewed.targets.owner_uid == renewed.uid
    assert renewed.targets.annual_goal == annual.targets.annual_goal
    assert [replace(i, uid="") for i in renewed.targets.indicators] == [
        replace(i, uid="") for i in annual.targets.indicators
    ]
    assert {i.uid for i in renewed.targets.indicators}.isdisjoint({"i1", "i2"})
    assert [(f.source, f.initial, f.adjusted, f.executed) for f in renewed.funding] == [
        (FundingSource.OWN, D(200000), D(200000), 0)
    ]
    assert carried.indicator_count == 1 + 2 * len(worked_example.INDICATORS)


def test_an_ended_project_can_be_carried_with_its_amounts_left_blank():
    carried = carry_forward(_source(), 2025, _uids(), renew={"annual"}, renew_amounts=False)
    [renewed] = carried.renewed
    assert [(f.source, f.initial, f.adjusted) for f in renewed.funding] == [
        (FundingSource.OWN, 0, 0)
    ]


def test_ended_projects_not_ticked_stay_behind_and_names_never_pick_them():
    """Ticking is by uid: a continuing project of the same name is no reason to renew."""
    twin = replace(
        ANNUAL, uid="twin", name=ANNUAL.name, start=date(2022, 1, 1), end=date(2022, 12, 31)
    )
    carried = carry_forward(_source(projects=(ANNUAL, twin, HOME)), 2025, _uids(), renew={"twin"})
    assert [p.uid for p in carried.ended] == ["annual"]
    [renewed] = carried.renewed
    assert (renewed.start, renewed.end) == (date(2025, 1, 1), date(2025, 12, 31))


def test_only_ended_projects_are_renewed():
    with pytest.raises(ValueError, match="不是已结束的项目"):
        carry_forward(_source(), 2025, _uids(), renew={"home"})
