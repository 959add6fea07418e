"""Demo data: valid, complete and deterministic; its §5.8 project scores 91.55 (domain.md §5.8)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from unionperf.demo.data import demo_large_year, demo_unit, demo_year, demo_years
from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.categories import Flow
from unionperf.domain.credit_code import is_valid_credit_code
from unionperf.domain.framework import MonitoringRule
from unionperf.domain.indicators import Operator
from unionperf.domain.monitoring import RATE_UNITS, Light, execution_lags, traffic_light
from unionperf.domain.multi_year import cycles_of, history_for, year_slices
from unionperf.domain.problems import ProblemCode, Severity
from unionperf.domain.results import score_year
from unionperf.domain.scoring import Flag, Grade
from unionperf.domain.validation import active_stages, blocking_problems, check_year
from unionperf.domain.year import StageKind, YearData

WORKED_EXAMPLE = "2024年职工文体活动经费"
EXPECTED_2024 = {
    "p2024-01": (D("91.55"), Grade.EXCELLENT),
    "p2024-02": (D("98.31"), Grade.EXCELLENT),
    "p2024-03": (D("99.35"), Grade.EXCELLENT),
    "p2024-04": (D("97.08"), Grade.EXCELLENT),
    "p2023-03": (D("98.75"), Grade.EXCELLENT),
    "p2024-06": (D("98.50"), Grade.EXCELLENT),
}


@pytest.fixture(scope="module")
def years() -> dict[int, YearData]:
    return {data.year: data for data in demo_years()}


@pytest.fixture(scope="module")
def y2024(years: dict[int, YearData]) -> YearData:
    return years[2024]


@pytest.fixture(scope="module")
def large() -> YearData:
    return demo_large_year()


def _owners(data: YearData):
    """(owner uid, targets, full-year budget) of every project and the unit."""
    owners = [(p.uid, p.targets, p.full_year_budget) for p in data.projects]
    owners.append((UNIT_OWNER, data.unit_targets, data.flow_total(Flow.EXPENDITURE)))
    return owners


# --- unit and years ---------------------------------------------------------------------------


def test_unit_is_a_grassroots_union_with_a_valid_credit_code():
    unit = demo_unit()
    assert unit.name == "华东精密机械有限公司工会委员会"
    assert unit.credit_code.startswith("81")
    assert is_valid_credit_code(unit.credit_code)
    assert 0 < unit.member_count <= unit.staff_count
    assert all([unit.accountant, unit.chair, unit.audit_chair, unit.contact_phone, unit.address])
    assert unit.upper_union.endswith("总工会")


def test_years_are_2023_then_2024(years):
    assert list(years) == [2023, 2024]
    assert demo_year(2024) == years[2024]
    with pytest.raises(ValueError, match="2022"):
        demo_year(2022)


def test_demo_data_is_deterministic():
    assert demo_years() == demo_years()
    assert demo_large_year(4, 6, 3) == demo_large_year(4, 6, 3)


# --- acceptance: validation and scores ---------------------------------------------------------


@pytest.mark.parametrize("year", [2023, 2024])
def test_no_hard_problems_and_every_soft_problem_explained(years, year):
    data = years[year]
    problems = check_year(data)
    assert [p.message for p in problems if p.severity is Severity.HARD] == []
    assert blocking_problems(data, problems) == []
    for problem in problems:
        assert data.explanation_for(problem.key).strip()


def test_2023_shows_an_explained_soft_problem(years):
    """The 2023 qualitative target is vague (I009): a soft problem carried with its explanation."""
    problems = check_year(years[2023])
    assert [p.code for p in problems] == [ProblemCode.INDICATOR_VAGUE_TARGET]


def test_worked_example_project_scores_91_55(y2024):
    project = next(p for p in y2024.projects if p.name == WORKED_EXAMPLE)
    assert (project.initial_budget, project.full_year_budget, project.executed) == (
        D(200000),
        D(220000),
        D(204600),
    )
    score = next(s.score for s in score_year(y2024).projects if s.project is project)
    assert score.execution.score == D("9.30")
    assert [item.score for item in score.indicators] == [
        D("12.50"), D("10.00"), D("10.00"), D("5.00"), D("10.00"), D("14.25"), D("10.50"),
        D("10.00"),
    ]  # fmt: skip
    assert score.total == D("91.55")
    assert score.grade is Grade.EXCELLENT


def test_2024_scores(y2024):
    scores = score_year(y2024)
    got = {item.project.uid: (item.score.total, item.score.grade) for item in scores.projects}
    assert got == EXPECTED_2024
    assert scores.unit is not None
    assert (scores.unit.total, scores.unit.grade) == (D("98.03"), Grade.EXCELLENT)


def test_2024_shows_every_kind_of_indicator(y2024):
    scores = score_year(y2024)
    scored = [item for p in scores.projects for item in p.score.indicators]
    assert scores.unit is not None
    scored += scores.unit.indicators
    assert any(Flag.OVER_DELIVERY in item.flags for item in scored)
    assert any(not item.applicable and item.result.na_reason for item in scored)
    assert any(item.indicator.operator.is_reverse for item in scored)
    assert any(item.indicator.operator is Operator.QUALITATIVE for item in scored)
    na_project = next(p for p in scores.projects if p.score.applicable_points < D(100))
    assert na_project.score.total > na_project.score.raw_total  # rescaled to 100 (§5.2)


# --- targets and budget ------------------------------------------------------------------------


def test_projects_span_the_expenditure_categories(y2024):
    projects = y2024.projects
    assert len(projects) >= 6
    assert len({p.category_code for p in projects}) >= 4
    for project in projects:
        assert 5 <= len(project.targets.indicators) <= 9
        assert project.responsible
        assert project.funding
        assert project.targets.annual_goal
        assert all(i.unit or i.operator is Operator.QUALITATIVE for i in project.targets.indicators)
        assert all(i.explanation for i in project.targets.indicators)
    multi = [p for p in projects if p.multi_year]
    assert [(p.start.year, p.end.year) for p in multi] == [(2023, 2025)]
    assert multi[0].midterm_budget > multi[0].full_year_budget
    assert multi[0].targets.midterm_goal


def test_points_add_up_to_the_weights(years):
    for data in years.values():
        for _, targets, _ in _owners(data):
            totals: dict[str, D] = defaultdict(D)
            for indicator in targets.indicators:
                totals[indicator.level1] += indicator.points
            expected = {k: v for k, v in data.settings.weights.items() if k != "execution"}
            assert totals == expected, targets.owner_uid


def test_the_three_year_project_is_in_its_second_year_with_one_identity(years):
    y2023, y2024 = years[2023], years[2024]
    home = y2024.project("p2023-03")
    assert home is not None
    assert y2023.project("p2023-03") is not None
    data = replace(y2024, project_history=history_for(y2024, year_slices(y2023)))
    [cycle] = cycles_of(data)
    assert cycle.project is home
    assert cycle.stage_text == "第2年／共3年"
    assert [row.slice.year for row in cycle.rows] == [2023, 2024]
    assert cycle.cumulative_budget == D(120000) + D(150000)
    assert all(row.slice.score is not None for row in cycle.rows)


def test_unit_targets_cover_the_six_aspects(y2024):
    explanations = " ".join(i.explanation for i in y2024.unit_targets.indicators)
    for aspect in ("运行成本", "管理效率", "履职效能", "社会效应", "可持续发展", "职工满意度"):
        assert aspect in explanations


def test_uids_are_stable_and_unique(y2024):
    expected = [f"p2024-{n:02d}" for n in range(1, 7)]
    expected[4] = "p2023-03"  # 职工之家 2023—2025 keeps its first year's uid (one project)
    assert [p.uid for p in y2024.projects] == expected
    uids = [i.uid for _, targets, _ in _owners(y2024) for i in targets.indicators]
    assert len(uids) == len(set(uids))
    assert uids[0] == "p2024-01-i01"


def test_budget_is_balanced_and_holds_the_projects(years):
    for data in years.values():
        revenue, spending = data.flow_total(Flow.REVENUE), data.flow_total(Flow.EXPENDITURE)
        assert spending <= revenue + data.opening_balance
        for line in data.budget:
            planned = sum(
                (
                    p.full_year_budget
                    for p in data.projects
                    if p.category_code == line.category_code
                ),
                D(0),
            )
            assert line.approved >= planned
            assert line.budget > 0
            assert line.executed > 0
        assert data.flow_total(Flow.EXPENDITURE, "executed") <= spending


def test_2024_continues_from_2023(years):
    before, after = years[2023], years[2024]
    closing = (
        before.opening_balance
        + before.flow_total(Flow.REVENUE, "executed")
        - before.flow_total(Flow.EXPENDITURE, "executed")
    )
    assert after.opening_balance == closing
    executed_2023 = {line.category_code: line.executed for line in before.budget}
    assert {line.category_code: line.last_year_actual for line in after.budget} == executed_2023


# --- monitoring --------------------------------------------------------------------------------


def test_four_monitoring_points_with_deterministic_uids(y2024):
    assert [(p.uid, p.cutoff) for p in y2024.points] == [
        ("m2024-03-31", date(2024, 3, 31)),
        ("m2024-06-30", date(2024, 6, 30)),
        ("m2024-07-31", date(2024, 7, 31)),
        ("m2024-09-30", date(2024, 9, 30)),
    ]


def test_monitoring_is_complete_and_cumulative(y2024):
    for owner, targets, budget in _owners(y2024):
        previous = D(0)
        for point in y2024.points:
            entry = y2024.entry(point.uid, owner)
            assert entry is not None
            assert entry.progress_text
            assert entry.forecast
            assert previous <= entry.executed <= budget
            previous = entry.executed
            lags = execution_lags(entry.executed, budget, point.cutoff, y2024.settings.lag_points)
            assert bool(entry.lag_reason) == lags, (owner, point.uid)
            for indicator in targets.indicators:
                assert entry.for_indicator(indicator.uid) is not None


def test_warning_lights_carry_reasons_likelihood_and_measure(y2024):
    lights = []
    for owner, targets, _ in _owners(y2024):
        for point in y2024.points:
            entry = y2024.entry(point.uid, owner)
            for indicator in targets.indicators:
                progress = entry.for_indicator(indicator.uid)
                rule = y2024.framework.level2_of(indicator.level1, indicator.level2).monitoring
                light = traffic_light(indicator, rule, progress, point.cutoff)
                lights.append(light)
                if light in (Light.RED, Light.YELLOW):
                    assert progress.reasons
                    assert all(r.text for r in progress.reasons)
                    assert progress.likelihood is not None
                    assert progress.measure
    assert {Light.RED, Light.YELLOW, Light.GREEN, Light.BLUE} <= set(lights)


def test_rate_indicators_report_rates_near_the_target(y2024):
    """Rates (覆盖率, 满意度 in %) are compared with the full target, so they are not cumulative."""
    checked = 0
    for owner, targets, _ in _owners(y2024):
        for indicator in targets.indicators:
            rule = y2024.framework.level2_of(indicator.level1, indicator.level2).monitoring
            rate = indicator.unit in RATE_UNITS and not indicator.operator.is_reverse
            if not rate or rule is not MonitoringRule.PRORATED or not indicator.target:
                continue
            for point in y2024.points:
                progress = y2024.entry(point.uid, owner).for_indicator(indicator.uid)
                assert progress.actual >= indicator.target * D("0.75"), (indicator.name, point.uid)
                assert traffic_light(indicator, rule, progress, point.cutoff) is not Light.RED
                checked += 1
    assert checked >= 40


def test_validation_notices_a_missing_reason(y2024):
    """The reasons are needed: dropping one from a red light is a hard problem (M006)."""
    entry = next(e for e in y2024.monitoring if any(p.reasons for p in e.progress))
    stripped = tuple(replace(p, reasons=()) for p in entry.progress)
    monitoring = tuple(replace(e, progress=stripped) if e is entry else e for e in y2024.monitoring)
    problems = check_year(replace(y2024, monitoring=monitoring))
    assert ProblemCode.MONITORING_REASON_MISSING in {p.code for p in problems}


# --- self-evaluation and sign-offs -------------------------------------------------------------


def test_every_indicator_is_evaluated_and_explained(years):
    for data in years.values():
        for owner, targets, _ in _owners(data):
            evaluation = data.evaluation_of(owner)
            assert evaluation.achieved_text
            assert evaluation.result_application
            assert {r.indicator_uid for r in evaluation.results} == {
                i.uid for i in targets.indicators
            }
        for project in score_year(data).projects:
            for item in project.score.indicators:
                if Flag.NEEDS_EXPLANATION in item.flags:
                    assert len(item.result.deviation) > 15
                    assert item.result.improvement


def test_every_deviation_comes_with_an_improvement(years):
    small = demo_large_year(projects=4, indicators=9, points=3)
    for data in [*years.values(), small]:
        results = [r for e in data.evaluations for r in e.results if r.deviation]
        assert results
        assert all(r.improvement.strip() for r in results)
        assert all(r.improvement != r.deviation for r in results)
        codes = {p.code for p in check_year(data)}
        assert ProblemCode.EVALUATION_IMPROVEMENT_MISSING not in codes
        assert ProblemCode.EVALUATION_EXECUTION_ANALYSIS_MISSING not in codes


def test_unspent_funds_are_analysed(years):
    """Every owner that spent less than its budget says why, quoting its own execution rate."""
    analysed = 0
    for data in years.values():
        scores = score_year(data)
        executions = [(p.project.uid, p.score.execution) for p in scores.projects]
        assert scores.unit is not None
        executions.append((UNIT_OWNER, scores.unit.execution))
        for owner, execution in executions:
            text = data.evaluation_of(owner).execution_analysis
            if execution.executed < execution.budget:
                assert execution.score < execution.points
                assert len(text) > 60, owner
                assert f"{execution.rate * 100:.2f}%" in text, owner
                assert "结余" in text
                analysed += 1
            else:
                assert text == ""
    assert analysed == 11  # 3 + unit in 2023, 6 + unit in 2024


def test_every_active_stage_is_signed_by_every_required_role(years):
    for data in years.values():
        stages = active_stages(data)
        assert stages[-1].kind is StageKind.SELF_EVALUATION
        for stage in stages:
            signed = data.signoffs_for(stage.name)
            assert set(signed) == set(data.settings.required_signoffs)
            for signoff in signed.values():
                if stage.cutoff is not None:
                    assert signoff.signed_on > stage.cutoff
                if stage.kind is StageKind.SELF_EVALUATION:
                    assert signoff.signed_on.year == data.year + 1
    assert len(active_stages(years[2024])) == 6


# --- large year --------------------------------------------------------------------------------


def test_large_year_shape(large):
    assert (large.year, len(large.projects), len(large.points)) == (2024, 200, 12)
    assert all(len(p.targets.indicators) == 20 for p in large.projects)
    assert [p.cutoff for p in large.points][:2] == [date(2024, 1, 31), date(2024, 2, 29)]
    assert len(large.monitoring) == 12 * 201
    assert len(large.evaluations) == 201
    for _, targets, _ in _owners(large)[:3] + _owners(large)[-1:]:
        totals: dict[str, D] = defaultdict(D)
        for indicator in targets.indicators:
            totals[indicator.level1] += indicator.points
        assert totals == {"产出指标": D(50), "效益指标": D(30), "满意度指标": D(10)}


def test_large_year_is_cumulative_and_scorable(large):
    executed = defaultdict(list)
    for entry in large.monitoring:
        executed[entry.owner_uid].append(entry.executed)
    assert all(amounts == sorted(amounts) for amounts in executed.values())
    scores = score_year(large)
    assert all(60 <= item.score.total <= 100 for item in scores.projects)
    assert large.flow_total(Flow.EXPENDITURE) <= large.flow_total(Flow.REVENUE)


def test_large_year_small_and_invalid_sizes():
    small = demo_large_year(projects=2, indicators=7, points=1)
    assert len(small.monitoring) == 3
    assert sum(i.points for i in small.projects[0].targets.indicators) == D(90)
    with pytest.raises(ValueError, match="indicators"):
        demo_large_year(indicators=2)
    with pytest.raises(ValueError, match="points"):
        demo_large_year(points=13)
