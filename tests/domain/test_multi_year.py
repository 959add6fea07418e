"""Multi-year projects: annual slices side by side, cumulative sums, clear-out, identity."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D
from itertools import count

import pytest

from tests.domain import worked_example
from unionperf.domain.budget import FundingLine, FundingSource, Project
from unionperf.domain.carry_forward import carry_forward
from unionperf.domain.multi_year import (
    cycles_of,
    history_for,
    is_multi_year,
    project_cycle,
    year_slice,
    year_slices,
)
from unionperf.domain.problems import ProblemCode
from unionperf.domain.project_years import ProjectYear
from unionperf.domain.stage_facts import MultiYearFact, stage_facts
from unionperf.domain.unit import UnitProfile
from unionperf.domain.validation import check_year
from unionperf.domain.year import Stage, YearData

UNIT = UnitProfile("华东精密机械有限公司工会委员会", "91350100M000100Y43")


def _home(**changes: object) -> Project:
    """职工之家改造, 2025–2027, 中期资金总额 360,000; this year 140,000 budget, 60,000 spent."""
    base = replace(
        worked_example.project(),
        uid="home",
        name="职工之家改造（2025—2027年）",
        start=date(2025, 3, 1),
        end=date(2027, 12, 31),
        midterm_budget=D(360000),
        funding=(FundingLine(FundingSource.OWN, D(120000), D(140000), D(60000)),),
        targets=replace(worked_example.project().targets, owner_uid="home"),
    )
    return replace(base, **changes)


FIRST = ProjectYear(
    2025, "home", "完成一期改造", D(100000), D(110000), D("104500.50"), D("86.5"), "良"
)
OTHER = ProjectYear(2025, "other", budget=D(999999))
LATER = ProjectYear(2027, "home", budget=D(777777))


def test_cumulative_budget_and_execution_add_up_year_by_year():
    cycle = project_cycle(_home(), 2026, [LATER, OTHER, FIRST])
    assert [row.slice.year for row in cycle.rows] == [2025, 2026]
    assert [(row.cumulative_budget, row.cumulative_executed) for row in cycle.rows] == [
        (D(110000), D("104500.50")),
        (D(250000), D("164500.50")),
    ]
    assert cycle.cumulative_budget == D(250000)
    assert cycle.cumulative_executed == D("164500.50")
    assert cycle.rows[-1].cumulative_rate == D("0.6580")
    assert cycle.midterm_share == D("0.6944")
    assert cycle.midterm_remaining == D(110000)


def test_the_scores_of_each_year_stand_side_by_side():
    current = year_slice(2026, _home(), D("58.25"), "差")
    cycle = project_cycle(_home(), 2026, [FIRST], current)
    assert [(row.slice.year, row.slice.score, row.slice.grade) for row in cycle.rows] == [
        (2025, D("86.5"), "良"),
        (2026, D("58.25"), "差"),
    ]


def test_the_year_in_hand_wins_over_a_stale_slice_of_the_same_year():
    stale = ProjectYear(2026, "home", budget=D(1))
    cycle = project_cycle(_home(), 2026, [FIRST, stale])
    assert cycle.rows[-1].slice.budget == D(140000)


def test_period_and_place_in_it():
    cycle = project_cycle(_home(), 2026, [FIRST])
    assert (cycle.period_text, cycle.stage_text) == ("2025—2027年", "第2年／共3年")
    assert cycle.missing_years == ()
    gap = project_cycle(_home(), 2027, [FIRST])
    assert gap.missing_years == (2026,)
    open_end = project_cycle(_home(end=None), 2026, [])
    assert (open_end.period_text, open_end.stage_text, open_end.year_count) == (
        "2025年起",
        "第2年",
        None,
    )


def test_without_a_midterm_budget_there_is_no_share():
    cycle = project_cycle(_home(midterm_budget=D(0)), 2026, [])
    assert (cycle.midterm_share, cycle.midterm_remaining) == (None, None)


def test_a_year_scores_only_the_projects_it_evaluated():
    evaluated = replace(worked_example.project(), uid="p1")
    data = YearData(
        2024,
        UNIT,
        projects=(evaluated, _home()),
        evaluations=(worked_example.evaluation(),),
    )
    slices = {item.project_uid: item for item in year_slices(data)}
    assert (slices["p1"].score, slices["p1"].grade) == (D("91.55"), "优")
    assert (slices["home"].score, slices["home"].grade) == (None, "")
    assert slices["home"].budget == D(140000)


def test_history_keeps_earlier_slices_of_the_years_projects_only():
    data = YearData(2026, UNIT, projects=(_home(),))
    assert history_for(data, [LATER, OTHER, FIRST, replace(FIRST, budget=D(5))]) == (
        replace(FIRST, budget=D(5)),
    )


def test_cycles_cover_multi_year_projects_and_those_with_earlier_years():
    single = replace(worked_example.project(), start=date(2026, 1, 1), end=date(2026, 12, 31))
    data = YearData(2026, UNIT, projects=(_home(), single), project_history=(FIRST,))
    assert [cycle.project.uid for cycle in cycles_of(data)] == ["home"]
    assert is_multi_year(single, [ProjectYear(2025, "p1")])


# --- clear-out ---------------------------------------------------------------------------------


def _codes(data: YearData) -> set[ProblemCode]:
    return {problem.code for problem in check_year(data)}


def _year(project: Project, *history: ProjectYear) -> YearData:
    return YearData(2026, UNIT, projects=(project,), project_history=history)


@pytest.mark.parametrize(
    ("reason", "flagged"), [("", True), (" \n", True), ("连续两年评价为差", False)]
)
def test_clear_out_needs_a_reason(reason, flagged):
    data = _year(_home(clear_out=True, clear_out_reason=reason))
    assert (ProblemCode.PROJECT_CLEAR_OUT_REASON_MISSING in _codes(data)) is flagged


def test_a_reason_without_the_flag_is_no_problem():
    data = _year(_home(clear_out_reason="备用"))
    assert ProblemCode.PROJECT_CLEAR_OUT_REASON_MISSING not in _codes(data)


@pytest.mark.parametrize(("earlier", "flagged"), [(D(220000), False), (D("220000.01"), True)])
def test_cumulative_budget_above_the_midterm_budget_is_flagged(earlier, flagged):
    data = _year(_home(), replace(FIRST, budget=earlier))  # 140,000 this year, 中期 360,000
    assert (ProblemCode.PROJECT_CUMULATIVE_OVER_MIDTERM in _codes(data)) is flagged


@pytest.mark.parametrize(
    ("history", "clear_out", "flagged"),
    [
        ((replace(FIRST, score=D("59.99"), grade="差"),), False, True),
        ((replace(FIRST, score=D("59.99"), grade="差"),), True, False),
        ((replace(FIRST, score=D(60), grade="中"),), False, False),
        ((replace(FIRST, score=None, grade=""),), False, False),
        (
            (
                replace(FIRST, year=2024, score=D(40), grade="差"),
                replace(FIRST, score=D(80), grade="良"),
            ),
            False,
            False,
        ),
    ],
)
def test_a_poor_earlier_year_asks_to_clear_out_or_explain(history, clear_out, flagged):
    project = _home(start=date(2024, 1, 1), clear_out=clear_out, clear_out_reason="绩效低下")
    data = _year(project, *history)
    assert (ProblemCode.PROJECT_POOR_NOT_CLEARED in _codes(data)) is flagged


# --- identity across years ------------------------------------------------------------------


def _uids():
    numbers = count(1)
    return lambda: f"n{next(numbers)}"


def test_copy_forward_keeps_the_uid_and_the_period_and_leaves_cleared_projects():
    cleared = replace(
        _home(), uid="gym", name="健身房", clear_out=True, clear_out_reason="使用率过低"
    )
    source = YearData(2025, UNIT, projects=(_home(), cleared))
    carried = carry_forward(source, 2026, _uids())
    assert [p.uid for p in carried.data.projects] == ["home"]
    assert [p.uid for p in carried.cleared] == ["gym"]
    assert carried.ended == ()
    home = carried.data.project("home")
    assert (home.start, home.end, home.midterm_budget) == (
        date(2025, 3, 1),
        date(2027, 12, 31),
        D(360000),
    )
    assert not home.clear_out
    assert {i.uid for i in home.targets.indicators}.isdisjoint(
        {i.uid for i in _home().targets.indicators}
    )


def test_three_years_carried_keep_one_identity_and_add_up():
    year1 = YearData(2025, UNIT, projects=(_home(),))
    year2 = carry_forward(year1, 2026, _uids()).data
    year3 = carry_forward(year2, 2027, _uids()).data
    assert {p.uid for p in year3.projects} == {"home"}
    slices = [*year_slices(year1), *year_slices(year2)]
    cycle = project_cycle(year3.projects[0], 2027, slices)
    assert [row.slice.year for row in cycle.rows] == [2025, 2026, 2027]
    # carried years propose the 年初 amount (120,000) as the year's budget
    assert cycle.cumulative_budget == D(140000) + D(120000) + D(120000)
    assert cycle.stage_text == "第3年／共3年"


# --- what the upper level keeps of a package -------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "executed"),
    [("targets", D("104500.50")), ("self-evaluation", D("164500.50"))],
)
def test_stage_facts_keep_the_period_totals_and_the_clear_out(stage, executed):
    flagged = _home(clear_out=True, clear_out_reason=" 使用率过低 ")
    single = replace(worked_example.project(), start=date(2026, 1, 1), end=date(2026, 12, 31))
    data = YearData(2026, UNIT, projects=(flagged, single), project_history=(FIRST, OTHER))
    facts = {item.owner_uid: item for item in stage_facts(data, Stage.parse(stage)).owners}
    home = facts["home"]
    assert home.multi_year == MultiYearFact(2025, 2027, D(360000), D(250000), executed)
    assert (home.clear_out, home.clear_out_reason) == (True, "使用率过低")
    assert facts["p1"].multi_year is None
    assert (facts["p1"].clear_out, facts["p1"].clear_out_reason) == (False, "")
