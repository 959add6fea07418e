"""Validation rules: every problem code is raised by the smallest bad input, at the right place.

The clean year is the worked example of domain.md §5.8 (project ``p1``, also used as the unit-wide
targets) with a balanced budget, a clean monitoring entry at 30 June and all sign-offs. Each case
changes one thing and checks the problems of that one code: severity, location and message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from tests.domain import worked_example
from unionperf.domain.assessment import Conclusion, ExAnteAssessment
from unionperf.domain.budget import UNIT_OWNER, BudgetLine, FundingLine, FundingSource, TargetSet
from unionperf.domain.evaluation import Evaluation
from unionperf.domain.indicators import Operator, Tier
from unionperf.domain.monitoring import (
    DeviationReason,
    IndicatorProgress,
    Likelihood,
    MonitoringEntry,
    MonitoringPoint,
    ReasonCategory,
)
from unionperf.domain.problems import Problem, ProblemCode, Section, Severity
from unionperf.domain.project_years import ProjectYear
from unionperf.domain.results import score_project
from unionperf.domain.revenue import RevenueArrival
from unionperf.domain.settings import RuleSettings, SignoffRole
from unionperf.domain.unit import UnitProfile
from unionperf.domain.validation import active_stages, blocking_problems, check_stage, check_year
from unionperf.domain.year import Explanation, Signoff, Stage, StageKind, YearData

D = Decimal
C = ProblemCode
H, S = Severity.HARD, Severity.SOFT
UNIT, SETTINGS, BUDGET, PROJECT = Section.UNIT, Section.SETTINGS, Section.BUDGET, Section.PROJECT
TARGETS, MONITORING, EVALUATION = Section.TARGETS, Section.MONITORING, Section.EVALUATION

CUTOFF = date(2024, 6, 30)
TARGET_STAGE = Stage(StageKind.TARGETS)
MONITORING_STAGE = Stage(StageKind.MONITORING, CUTOFF)
EVALUATION_STAGE = Stage(StageKind.SELF_EVALUATION)
POINT = MonitoringPoint("m1", CUTOFF)

PROFILE = UnitProfile("福州某某有限公司工会委员会", "91350100M000100Y43", chair="李华")

# Revenue 280,000 ≥ expenditure 260,000; 职工活动支出 leaves room for the 220,000 project.
BALANCED_BUDGET = (
    BudgetLine("401", budget=D(30000)),
    BudgetLine("402", budget=D(250000)),
    BudgetLine("501", budget=D(220000), executed=D(204600)),
    BudgetLine("503", budget=D(40000), executed=D(38000)),
)

# All green or blue at 30 June (standard = target × 6/12), execution 50 % of the budget.
CLEAN_PROGRESS = (
    IndicatorProgress("i1", actual=D(6)),
    IndicatorProgress("i2", actual=D(750)),
    IndicatorProgress("i3", actual=D(0)),
    IndicatorProgress("i4", actual=D(100)),
    IndicatorProgress("i5", actual=D(118)),
    IndicatorProgress("i6", actual=D(78)),  # a rate: compared with the full target of 80
    IndicatorProgress("i7", tier=Tier.ACHIEVED),
    IndicatorProgress("i8", actual=D(92)),
)

UNIT_EVALUATION = Evaluation(
    UNIT_OWNER,
    worked_example.RESULTS,
    execution_analysis="部分支出跨年结算，下年度按季度跟踪执行进度",
)


def _signoffs(stage: str) -> tuple[Signoff, ...]:
    return tuple(Signoff(stage, role, "王芳", date(2024, 1, 15)) for role in SignoffRole)


def clean_year() -> YearData:
    project = worked_example.project()
    return YearData(
        year=2024,
        unit=PROFILE,
        budget=BALANCED_BUDGET,
        projects=(project,),
        unit_targets=TargetSet(
            UNIT_OWNER, annual_goal="服务会员、促进和谐", indicators=worked_example.INDICATORS
        ),
        points=(POINT,),
        monitoring=(
            MonitoringEntry("m1", "p1", executed=D(110000), progress=CLEAN_PROGRESS),
            MonitoringEntry("m1", UNIT_OWNER, executed=D(130000), progress=CLEAN_PROGRESS),
        ),
        evaluations=(worked_example.evaluation(), UNIT_EVALUATION),
        signoffs=(
            _signoffs("targets") + _signoffs(MONITORING_STAGE.name) + _signoffs("self-evaluation")
        ),
    )


# --- builders of one bad input each ---------------------------------------------------------


def _year(**changes: object) -> YearData:
    return replace(clean_year(), **changes)


def _unit(**changes: object) -> YearData:
    return _year(unit=replace(PROFILE, **changes))


def _weights(weights: dict[str, int]) -> YearData:
    return _year(settings=RuleSettings(weights={name: D(v) for name, v in weights.items()}))


def _project(**changes: object) -> YearData:
    return _year(projects=(replace(worked_example.project(), **changes),))


def _multi_year(*earlier: ProjectYear, **changes: object) -> YearData:
    """The worked project as the second year of 2023–2025 (中期 660,000), earlier slices given."""
    period = {"start": date(2023, 1, 1), "end": date(2025, 12, 31), "midterm_budget": D(660000)}
    return replace(_project(**(period | changes)), project_history=earlier)


def _funding(initial: int, adjusted: int, executed: int) -> YearData:
    line = FundingLine(FundingSource.OWN, D(initial), D(adjusted), D(executed))
    return _project(funding=(line,))


def _targets(**changes: object) -> YearData:
    targets = replace(worked_example.project().targets, **changes)
    return _project(targets=targets)


def _assessed(**changes: object) -> YearData:
    """Project p1 (全年预算数 220,000) above a threshold of 200,000, with its assessment changed."""
    settings = RuleSettings(assessment_threshold=D(200000))
    assessment = replace(
        ExAnteAssessment(
            "p1",
            necessity="职工需求调查显示参与意愿高",
            feasibility="场地与人员已落实",
            expected_performance="覆盖职工不少于700人次",
            funding_soundness="按市场询价三家取中",
            risks="天气影响，已备室内场地",
            conclusion=Conclusion.PASS,
            assessor="区总工会财务部",
            assessed_on=date(2023, 11, 20),
            evidence="职工代表大会决议、询价单",
        ),
        **changes,
    )
    return _year(settings=settings, assessments=(assessment,))


def _indicators(changes: dict[str, dict[str, object]], drop: tuple[str, ...] = ()) -> YearData:
    indicators = tuple(
        replace(item, **changes.get(item.uid, {}))
        for item in worked_example.INDICATORS
        if item.uid not in drop
    )
    return _targets(indicators=indicators)


def _indicator(uid: str, **changes: object) -> YearData:
    return _indicators({uid: changes})


def _entry(**changes: object) -> YearData:
    data = clean_year()
    entries = tuple(
        replace(entry, **changes) if entry.owner_uid == "p1" else entry for entry in data.monitoring
    )
    return replace(data, monitoring=entries)


def _progress(uid: str, drop: bool = False, **changes: object) -> YearData:
    progress = tuple(
        replace(item, **changes) if item.indicator_uid == uid else item
        for item in CLEAN_PROGRESS
        if not (drop and item.indicator_uid == uid)
    )
    return _entry(progress=progress)


def _red_visits(**changes: object) -> YearData:
    """参与职工人次 400 of 750 at 30 June (domain.md §4.4): red."""
    return _progress("i2", actual=D(400), **changes)


def _executed_decreased() -> YearData:
    march = MonitoringPoint("m0", date(2024, 3, 31))
    data = clean_year()
    earlier = MonitoringEntry("m0", "p1", executed=D(120000), progress=CLEAN_PROGRESS)
    return replace(data, points=(march, POINT), monitoring=(earlier, *data.monitoring))


def _result(uid: str, **changes: object) -> YearData:
    results = tuple(
        replace(item, **changes) if item.indicator_uid == uid else item
        for item in worked_example.RESULTS
    )
    return _year(
        evaluations=(replace(worked_example.evaluation(), results=results), UNIT_EVALUATION)
    )


def _without_result(uid: str) -> YearData:
    results = tuple(item for item in worked_example.RESULTS if item.indicator_uid != uid)
    return _year(
        evaluations=(replace(worked_example.evaluation(), results=results), UNIT_EVALUATION)
    )


def _duplicate_project() -> YearData:
    first = worked_example.project()
    second = replace(first, uid="p2", code="P002", targets=replace(first.targets, owner_uid="p2"))
    return _year(projects=(first, second))


def _qualitative_majority() -> YearData:
    qualitative = {"operator": Operator.QUALITATIVE, "target": None, "target_text": "符合相关规定"}
    return _indicators({uid: qualitative for uid in ("i2", "i3", "i4", "i5")})


def _where(problem: Problem) -> tuple[Section, str, str, str]:
    where = problem.where
    return where.section, where.owner_uid, where.item_uid, where.field


Builder = Callable[[], YearData]
Where = tuple[Section, str, str, str]


def _case(
    code: ProblemCode, build: Builder, stage: Stage, severity: Severity, *where: Where
) -> object:
    return pytest.param(code, build, stage, severity, list(where), id=f"{code.value}-{code.name}")


T, M, E = TARGET_STAGE, MONITORING_STAGE, EVALUATION_STAGE
P1_M1 = (MONITORING, "p1", "m1", "executed")

CASES = [
    _case(C.UNIT_NAME_MISSING, lambda: _unit(name="  "), T, H, (UNIT, "", "", "name")),
    _case(
        C.UNIT_CREDIT_CODE_INVALID,
        lambda: _unit(credit_code="91350100M000100Y44"),
        T,
        H,
        (UNIT, "", "", "credit_code"),
    ),
    _case(
        C.SETTINGS_WEIGHTS_NOT_100,
        lambda: _weights({"execution": 10, "产出指标": 50, "效益指标": 30, "满意度指标": 20}),
        T,
        H,
        (SETTINGS, "", "", "weights"),
    ),
    _case(
        C.SETTINGS_WEIGHT_UNKNOWN,
        lambda: _weights(
            {"execution": 10, "产出指标": 50, "效益指标": 30, "满意度指标": 10, "成本指标": 0}
        ),
        T,
        H,
        (SETTINGS, "", "成本指标", "weights"),
    ),
    _case(
        C.SETTINGS_WEIGHT_MISSING,
        lambda: _weights({"execution": 10, "产出指标": 60, "效益指标": 30}),
        T,
        H,
        (SETTINGS, "", "满意度指标", "weights"),
    ),
    _case(
        C.BUDGET_EMPTY,
        lambda: _year(budget=BALANCED_BUDGET[:2]),
        T,
        H,
        (BUDGET, "", "", "budget"),
    ),
    _case(
        C.BUDGET_UNKNOWN_CATEGORY,
        lambda: _year(budget=(*BALANCED_BUDGET, BudgetLine("999", budget=D(1)))),
        T,
        H,
        (BUDGET, "", "999", "category_code"),
    ),
    _case(
        C.BUDGET_NEGATIVE,
        lambda: _year(budget=(*BALANCED_BUDGET[:3], BudgetLine("503", last_year_actual=D(-1)))),
        T,
        H,
        (BUDGET, "", "503", "last_year_actual"),
    ),
    _case(
        C.BUDGET_DEFICIT,
        lambda: _year(budget=(*BALANCED_BUDGET[:3], BudgetLine("503", budget=D(60001)))),
        T,
        H,
        (BUDGET, "", "", "balance"),
    ),
    _case(
        C.BUDGET_PROJECTS_EXCEED_CATEGORY,
        lambda: _year(budget=(*BALANCED_BUDGET[:2], BudgetLine("501", budget=D(219999)))),
        T,
        S,
        (BUDGET, "", "501", "approved"),
    ),
    _case(C.PROJECT_NAME_MISSING, lambda: _project(name=""), T, H, (PROJECT, "p1", "", "name")),
    _case(
        C.PROJECT_DUPLICATE_NAME,
        _duplicate_project,
        T,
        H,
        (PROJECT, "p1", "", "name"),
        (PROJECT, "p2", "", "name"),
    ),
    _case(
        C.PROJECT_CATEGORY_INVALID,
        lambda: _project(category_code="401"),
        T,
        H,
        (PROJECT, "p1", "", "category_code"),
    ),
    _case(C.PROJECT_NO_BUDGET, lambda: _project(funding=()), T, H, (PROJECT, "p1", "", "initial")),
    _case(
        C.PROJECT_NEGATIVE_AMOUNT,
        lambda: _funding(200000, 220000, -1),
        T,
        H,
        (PROJECT, "p1", "own", "executed"),
    ),
    _case(
        C.PROJECT_PERIOD_INVALID,
        lambda: _project(start=date(2024, 12, 31), end=date(2024, 1, 1)),
        T,
        H,
        (PROJECT, "p1", "", "end"),
    ),
    _case(
        C.PROJECT_RESPONSIBLE_MISSING,
        lambda: _project(responsible=" "),
        T,
        S,
        (PROJECT, "p1", "", "responsible"),
    ),
    _case(
        C.PROJECT_MIDTERM_BELOW_ANNUAL,
        lambda: _project(start=date(2024, 1, 1), end=date(2025, 12, 31), midterm_budget=D(219999)),
        T,
        H,
        (PROJECT, "p1", "", "midterm_budget"),
    ),
    _case(
        C.PROJECT_CLEAR_OUT_REASON_MISSING,
        lambda: _multi_year(clear_out=True, clear_out_reason="  "),
        T,
        H,
        (PROJECT, "p1", "", "clear_out_reason"),
    ),
    _case(
        C.PROJECT_CUMULATIVE_OVER_MIDTERM,
        lambda: _multi_year(ProjectYear(2023, "p1", budget=D("440000.01"))),
        T,
        S,
        (PROJECT, "p1", "", "midterm_budget"),
    ),
    _case(
        C.PROJECT_POOR_NOT_CLEARED,
        lambda: _multi_year(ProjectYear(2023, "p1", budget=D(200000), score=D("59.5"), grade="差")),
        T,
        S,
        (PROJECT, "p1", "", "clear_out"),
    ),
    _case(
        C.TARGET_GOAL_MISSING,
        lambda: _targets(annual_goal=""),
        T,
        H,
        (TARGETS, "p1", "", "annual_goal"),
    ),
    _case(
        C.TARGET_NO_INDICATORS,
        lambda: _targets(indicators=()),
        T,
        H,
        (TARGETS, "p1", "", "indicators"),
    ),
    _case(
        C.TARGET_LEVEL1_MISSING,
        lambda: _indicators({}, drop=("i8",)),
        T,
        S,
        (TARGETS, "p1", "满意度指标", "indicators"),
    ),
    _case(
        C.TARGET_POINTS_SUM,
        lambda: _indicator("i1", points=D(14)),
        T,
        S,
        (TARGETS, "p1", "产出指标", "points"),
    ),
    _case(
        C.TARGET_QUALITATIVE_MAJORITY,
        _qualitative_majority,
        T,
        S,
        (TARGETS, "p1", "", "indicators"),
    ),
    _case(
        C.TARGET_NO_QUANTITY,
        lambda: _indicators({"i1": {"level2": "质量指标"}, "i2": {"level2": "质量指标"}}),
        T,
        S,
        (TARGETS, "p1", "", "indicators"),
    ),
    _case(
        C.INDICATOR_CATEGORY_UNKNOWN,
        lambda: _indicator("i1", level2="人数指标"),
        T,
        H,
        (TARGETS, "p1", "i1", "level2"),
    ),
    _case(
        C.INDICATOR_NAME_MISSING,
        lambda: _indicator("i1", name=""),
        T,
        H,
        (TARGETS, "p1", "i1", "name"),
    ),
    _case(
        C.INDICATOR_TARGET_MISSING,
        lambda: _indicators({"i1": {"target": None}, "i7": {"target_text": " "}}),
        T,
        H,
        (TARGETS, "p1", "i1", "target"),
        (TARGETS, "p1", "i7", "target"),
    ),
    _case(
        C.INDICATOR_UNIT_MISSING,
        lambda: _indicator("i1", unit=""),
        T,
        H,
        (TARGETS, "p1", "i1", "unit"),
    ),
    _case(
        C.INDICATOR_PERCENT_OVER_100,
        lambda: _indicator("i4", target=D("100.5")),
        T,
        H,
        (TARGETS, "p1", "i4", "target"),
    ),
    _case(
        C.INDICATOR_NEGATIVE_TARGET,
        lambda: _indicator("i1", target=D(-1)),
        T,
        H,
        (TARGETS, "p1", "i1", "target"),
    ),
    _case(
        C.INDICATOR_POINTS_MISSING,
        lambda: _indicators({"i3": {"points": None}, "i4": {"points": D(0)}}),
        T,
        H,
        (TARGETS, "p1", "i3", "points"),
        (TARGETS, "p1", "i4", "points"),
    ),
    _case(
        C.INDICATOR_COST_OPERATOR,
        lambda: _indicator("i5", operator=Operator.GE),
        T,
        S,
        (TARGETS, "p1", "i5", "operator"),
    ),
    _case(
        C.INDICATOR_VAGUE_TARGET,
        lambda: _indicator("i7", target_text="进一步提高"),
        T,
        S,
        (TARGETS, "p1", "i7", "target"),
    ),
    _case(
        C.INDICATOR_DUPLICATE_NAME,
        lambda: _indicator("i2", name="举办职工文体活动场次"),
        T,
        H,
        (TARGETS, "p1", "i1", "name"),
        (TARGETS, "p1", "i2", "name"),
    ),
    _case(
        C.INDICATOR_INTERVAL_BOUNDS,
        lambda: _indicators(
            {
                "i4": {"operator": Operator.INTERVAL, "target": D(80), "target_upper": D(60)},
                "i6": {"operator": Operator.INTERVAL, "target": D(60)},
            }
        ),
        T,
        H,
        (TARGETS, "p1", "i4", "target"),
        (TARGETS, "p1", "i6", "target"),
    ),
    _case(C.MONITORING_EXECUTED_MISSING, lambda: _entry(executed=None), M, H, P1_M1),
    _case(C.MONITORING_EXECUTED_NEGATIVE, lambda: _entry(executed=D(-1)), M, H, P1_M1),
    _case(C.MONITORING_EXECUTED_OVER_BUDGET, lambda: _entry(executed=D(220001)), M, S, P1_M1),
    _case(
        C.MONITORING_EXECUTION_LAG,
        lambda: _entry(executed=D(80000)),
        M,
        S,
        (MONITORING, "p1", "m1", "lag_reason"),
    ),
    _case(
        C.MONITORING_REVENUE_LAG,
        lambda: _year(arrivals=(RevenueArrival("m1", "402", D(90000)),)),
        M,
        S,
        (MONITORING, "", "m1/revenue-402", "note"),
    ),
    _case(
        C.MONITORING_PROGRESS_MISSING,
        lambda: _progress("i2", drop=True),
        M,
        H,
        (MONITORING, "p1", "m1/i2", "actual"),
    ),
    _case(
        C.MONITORING_REASON_MISSING,
        lambda: _red_visits(likelihood=Likelihood.CERTAIN),
        M,
        H,
        (MONITORING, "p1", "m1/i2", "reasons"),
    ),
    _case(
        C.MONITORING_LIKELIHOOD_MISSING,
        lambda: _red_visits(
            reasons=(DeviationReason(ReasonCategory.FACILITIES, "活动场地改造中"),)
        ),
        M,
        H,
        (MONITORING, "p1", "m1/i2", "likelihood"),
    ),
    _case(
        C.MONITORING_MEASURE_MISSING,
        lambda: _red_visits(
            reasons=(DeviationReason(ReasonCategory.FACILITIES, "活动场地改造中"),),
            likelihood=Likelihood.POSSIBLE,
        ),
        M,
        H,
        (MONITORING, "p1", "m1/i2", "measure"),
    ),
    _case(C.MONITORING_EXECUTED_DECREASED, _executed_decreased, M, S, P1_M1),
    _case(
        C.EVALUATION_ACTUAL_MISSING,
        lambda: _without_result("i2"),
        E,
        H,
        (EVALUATION, "p1", "i2", "actual"),
    ),
    _case(
        C.EVALUATION_SCORE_OUT_OF_BAND,
        lambda: _result("i7", score=D(12)),
        E,
        H,
        (EVALUATION, "p1", "i7", "score"),
    ),
    _case(
        C.EVALUATION_NA_REASON_MISSING,
        lambda: _result("i4", applicable=False),
        E,
        H,
        (EVALUATION, "p1", "i4", "na_reason"),
    ),
    _case(
        C.EVALUATION_DEDUCTION_REASON_MISSING,
        lambda: _result("i2", actual=D(2100), deduction=D(2), deviation="指标值设定偏低"),
        E,
        H,
        (EVALUATION, "p1", "i2", "deduction_reason"),
    ),
    _case(
        C.EVALUATION_DEDUCTION_INVALID,
        lambda: _result(
            "i2",
            actual=D(2100),
            deduction=D("10.01"),
            deduction_reason="指标值设定偏低",
            deviation="指标值设定偏低，下年度按历史三年平均调整",
        ),
        E,
        H,
        (EVALUATION, "p1", "i2", "deduction"),
    ),
    _case(
        C.EVALUATION_DEVIATION_MISSING,
        lambda: _result("i1", deviation=""),
        E,
        H,
        (EVALUATION, "p1", "i1", "deviation"),
    ),
    _case(
        C.EVALUATION_IMPROVEMENT_MISSING,
        lambda: _result("i1", improvement=""),
        E,
        H,
        (EVALUATION, "p1", "i1", "improvement"),
    ),
    _case(
        C.EVALUATION_EXECUTION_ANALYSIS_MISSING,
        lambda: _year(
            evaluations=(
                replace(worked_example.evaluation(), execution_analysis=""),
                UNIT_EVALUATION,
            )
        ),
        E,
        H,
        (EVALUATION, "p1", "", "execution_analysis"),
    ),
    _case(
        C.EVALUATION_EXECUTED_OVER_BUDGET,
        lambda: _funding(200000, 220000, 220001),
        E,
        S,
        (EVALUATION, "p1", "", "executed"),
    ),
    _case(
        C.EVALUATION_NO_BUDGET,
        lambda: _funding(0, 0, 0),
        E,
        H,
        (EVALUATION, "p1", "", "executed"),
    ),
    _case(
        C.EVALUATION_EXECUTED_MISSING,
        lambda: replace(
            _funding(200000, 220000, 0),
            evaluations=(
                replace(worked_example.evaluation(), execution_analysis=""),
                UNIT_EVALUATION,
            ),
        ),
        E,
        H,
        (EVALUATION, "p1", "", "executed"),
    ),
    _case(
        C.EVALUATION_BOILERPLATE,
        lambda: _result("i1", deviation="继续努力。"),
        E,
        S,
        (EVALUATION, "p1", "i1", "deviation"),
    ),
    _case(
        C.EVALUATION_OVER_DELIVERY,
        lambda: _result("i2", actual=D(1800)),
        E,
        H,
        (EVALUATION, "p1", "i2", "deviation"),
    ),
    _case(
        C.EVALUATION_NEGATIVE_ACTUAL,
        lambda: _result("i3", actual=D(-1)),
        E,
        H,
        (EVALUATION, "p1", "i3", "actual"),
    ),
    _case(
        C.ASSESSMENT_MISSING,
        lambda: replace(_assessed(), assessments=()),
        T,
        H,
        (TARGETS, "p1", "assessment", ""),
    ),
    _case(
        C.ASSESSMENT_NOT_POSITIVE,
        lambda: _assessed(conclusion=Conclusion.REJECT),
        T,
        H,
        (TARGETS, "p1", "assessment", "conclusion"),
    ),
    _case(
        C.ASSESSMENT_INCOMPLETE,
        lambda: _assessed(risks="  ", assessed_on=None),
        T,
        H,
        (TARGETS, "p1", "assessment", "risks"),
    ),
    _case(
        C.SIGNOFF_MISSING,
        lambda: _year(signoffs=_signoffs(MONITORING_STAGE.name)),
        T,
        H,
        (Section.SIGNOFF, "", "targets", "preparer"),
        (Section.SIGNOFF, "", "targets", "chair"),
        (Section.SIGNOFF, "", "targets", "audit_chair"),
    ),
    _case(
        C.SIGNOFF_AGAIN,
        lambda: _year(signoffs=_signoffs(MONITORING_STAGE.name)),
        T,
        H,
        (Section.SIGNOFF, "", "targets", "preparer"),
        (Section.SIGNOFF, "", "targets", "chair"),
        (Section.SIGNOFF, "", "targets", "audit_chair"),
    ),
]


def _of(problems: list[Problem], code: ProblemCode) -> list[Problem]:
    return [problem for problem in problems if problem.code is code]


# --- the clean year ---------------------------------------------------------------------------


def test_clean_year_has_no_problems_at_targets_stage():
    assert check_stage(clean_year(), TARGET_STAGE) == []


def test_clean_year_without_signoffs_has_no_hard_problem_but_the_signoffs():
    data = _year(signoffs=())
    problems = check_stage(data, TARGET_STAGE)
    assert {problem.code for problem in problems} == {C.SIGNOFF_MISSING}
    assert check_stage(data, TARGET_STAGE, signoffs=False) == []


def test_clean_year_has_no_problems_at_monitoring_point():
    assert check_stage(clean_year(), MONITORING_STAGE) == []


def test_clean_year_has_no_problems_at_self_evaluation():
    assert check_stage(clean_year(), EVALUATION_STAGE) == []


def test_clean_year_passes_check_year():
    data = clean_year()
    assert [stage.name for stage in active_stages(data)] == [
        "targets",
        "monitoring-2024-06-30",
        "self-evaluation",
    ]
    assert check_year(data) == []


def test_only_targets_are_active_before_any_monitoring_or_evaluation():
    budget = tuple(replace(line, executed=D(0)) for line in BALANCED_BUDGET)
    data = _year(monitoring=(), evaluations=(), budget=budget)
    assert active_stages(data) == [TARGET_STAGE]


# --- every problem code -----------------------------------------------------------------------


def test_every_problem_code_has_a_case():
    covered = {case.values[0] for case in CASES}
    assert covered == set(ProblemCode)


@pytest.mark.parametrize(("code", "build", "stage", "severity", "where"), CASES)
def test_smallest_bad_input_triggers_the_problem(code, build, stage, severity, where):
    signoffs = code in (C.SIGNOFF_MISSING, C.SIGNOFF_AGAIN)
    adjusting = {stage.name} if code is C.SIGNOFF_AGAIN else set()
    problems = check_stage(build(), stage, signoffs=signoffs, adjusting=adjusting)
    found = _of(problems, code)
    assert [_where(problem) for problem in found] == where
    assert [problem.severity for problem in found] == [severity] * len(where)
    assert all(problem.message and problem.where.label for problem in found)
    assert code not in {problem.code for problem in check_stage(clean_year(), stage)}


# --- messages and details of the bad inputs named in the brief ---------------------------------


def test_invalid_credit_code_message_names_the_expected_check_character():
    problems = check_stage(_unit(credit_code="91350100M000100Y44"), TARGET_STAGE)
    (problem,) = _of(problems, C.UNIT_CREDIT_CODE_INVALID)
    assert problem.message == "统一社会信用代码校验位错误：第18位应为“3”，现为“4”"
    assert problem.where.label == "单位信息 › 统一社会信用代码"


def test_credit_code_with_letter_o_is_rejected():
    problems = check_stage(_unit(credit_code="9135010OM000100Y43"), TARGET_STAGE)
    (problem,) = _of(problems, C.UNIT_CREDIT_CODE_INVALID)
    assert "第8位“O”不是有效字符" in problem.message


def test_negative_budget_amount_message():
    data = _year(budget=(*BALANCED_BUDGET[:3], BudgetLine("503", last_year_actual=D(-1))))
    (problem,) = _of(check_stage(data, TARGET_STAGE), C.BUDGET_NEGATIVE)
    assert problem.message == "“业务支出”的上年决算数为负数（-1.00元）"
    assert problem.where.label == "年度预算 › 业务支出 › 上年决算数"


def test_negative_funding_amount_message_and_location():
    (problem,) = _of(
        check_stage(_funding(200000, 220000, -1), TARGET_STAGE), C.PROJECT_NEGATIVE_AMOUNT
    )
    assert problem.message == "资金来源“本级工会经费”的全年执行数为负数（-1.00元）"
    assert problem.where.label == "项目“2024年职工文体活动经费” › 资金来源“本级工会经费” › 执行数"


def test_each_negative_funding_column_is_reported():
    problems = check_stage(_funding(-1, -2, 0), TARGET_STAGE)
    found = _of(problems, C.PROJECT_NEGATIVE_AMOUNT)
    assert [(p.where.item_uid, p.where.field) for p in found] == [
        ("own", "initial"),
        ("own", "adjusted"),
    ]
    assert [p.message for p in found] == [
        "资金来源“本级工会经费”的年初预算数为负数（-1.00元）",
        "资金来源“本级工会经费”的全年预算数为负数（-2.00元）",
    ]
    assert _of(problems, C.PROJECT_NO_BUDGET) != []


def test_invalid_project_category_is_reported_not_raised():
    (problem,) = _of(
        check_stage(_project(category_code="999"), TARGET_STAGE), C.PROJECT_CATEGORY_INVALID
    )
    assert problem.message == "项目的支出科目“999”不是有效的支出科目"


def test_settings_weights_not_100_message():
    data = _weights({"execution": 10, "产出指标": 50, "效益指标": 30, "满意度指标": 20})
    (problem,) = _of(check_stage(data, TARGET_STAGE), C.SETTINGS_WEIGHTS_NOT_100)
    assert problem.message == "自评分值合计为110分，应为100分"


def test_settings_weights_with_decimals_adding_to_100_pass():
    data = _year(
        settings=RuleSettings(
            weights={
                "execution": D("10.0"),
                "产出指标": D("49.5"),
                "效益指标": D("30.5"),
                "满意度指标": D(10),
            }
        )
    )
    assert _of(check_stage(data, TARGET_STAGE), C.SETTINGS_WEIGHTS_NOT_100) == []


def test_points_sum_message():
    (problem,) = _of(check_stage(_indicator("i1", points=D(14)), TARGET_STAGE), C.TARGET_POINTS_SUM)
    assert problem.message == "一级指标“产出指标”下各指标分值合计49分，应为50分"
    assert problem.where.label == "项目“2024年职工文体活动经费” › 一级指标“产出指标” › 分值"


def test_points_sum_is_checked_against_changed_weights():
    data = replace(
        _indicator("i1", points=D(14)),
        settings=RuleSettings(
            weights={"execution": D(11), "产出指标": D(49), "效益指标": D(30), "满意度指标": D(10)}
        ),
    )
    problems = check_stage(data, TARGET_STAGE)
    found = _of(problems, C.TARGET_POINTS_SUM)
    # the project matches the new weights; the unit-wide targets (still 50) do not
    assert [(p.where.owner_uid, p.params["total"], p.params["expected"]) for p in found] == [
        ("unit", "50", "49")
    ]


def test_each_level1_with_a_wrong_points_sum_is_reported():
    data = _indicators({"i1": {"points": D(14)}, "i6": {"points": D(16)}})
    found = _of(check_stage(data, TARGET_STAGE), C.TARGET_POINTS_SUM)
    assert [(p.where.item_uid, p.params["total"], p.params["expected"]) for p in found] == [
        ("产出指标", "49", "50"),
        ("效益指标", "31", "30"),
    ]


def test_each_missing_level1_is_reported():
    data = _indicators({}, drop=("i6", "i7", "i8"))
    found = _of(check_stage(data, TARGET_STAGE), C.TARGET_LEVEL1_MISSING)
    assert [p.message for p in found] == [
        "一级指标“效益指标”下没有三级指标",
        "一级指标“满意度指标”下没有三级指标",
    ]


def test_qualitative_score_outside_its_tier_message():
    # 部分达成 with w = 15 allows [9.00, 12.00): 12 is already the next tier
    (problem,) = _of(
        check_stage(_result("i7", score=D(12)), EVALUATION_STAGE), C.EVALUATION_SCORE_OUT_OF_BAND
    )
    assert problem.message == (
        "定性指标评为“部分达成年度指标并具有一定效果”时得分应在9.00至12.00分之间，现为12分"
    )


@pytest.mark.parametrize(
    ("tier", "score", "out"),
    [
        (Tier.ACHIEVED, D(15), False),
        (Tier.ACHIEVED, D(12), False),
        (Tier.ACHIEVED, D("11.99"), True),
        (Tier.PARTIAL, D(9), False),
        (Tier.PARTIAL, D("8.99"), True),
        (Tier.NOT_ACHIEVED, D("8.99"), False),
        (Tier.NOT_ACHIEVED, D(9), True),
        (Tier.ACHIEVED, D(16), True),
    ],
)
def test_qualitative_score_band_check(tier, score, out):
    data = _result("i7", tier=tier, score=score)
    found = _of(check_stage(data, EVALUATION_STAGE), C.EVALUATION_SCORE_OUT_OF_BAND)
    assert bool(found) is out


def test_over_delivery_message():
    (problem,) = _of(
        check_stage(_result("i2", actual=D(2100)), EVALUATION_STAGE), C.EVALUATION_OVER_DELIVERY
    )
    assert problem.message == (
        "实际完成值2100达到指标值的140%，超出目标较多：请在偏差原因分析中说明（指标值是否设定偏低）"
    )


def test_over_delivery_just_below_the_ratio_needs_nothing():
    problems = check_stage(_result("i2", actual=D(1799)), EVALUATION_STAGE)
    assert _of(problems, C.EVALUATION_OVER_DELIVERY) == []


def test_monitoring_lag_message_uses_the_worked_example_figures():
    data = replace(_entry(executed=D(88000)), settings=RuleSettings(lag_points=D(9)))
    (problem,) = _of(check_stage(data, MONITORING_STAGE), C.MONITORING_EXECUTION_LAG)
    # 2024 is a leap year: 182 ÷ 366 = 49.73 %
    assert problem.message == (
        "1–6月（截至2024-06-30）：预算执行率40.00%落后时间进度49.73%超过9个百分点，请说明原因"
    )


def test_monitoring_lag_with_reason_is_not_reported():
    data = _entry(executed=D(80000), lag_reason="活动集中在下半年")
    assert _of(check_stage(data, MONITORING_STAGE), C.MONITORING_EXECUTION_LAG) == []


def test_red_light_with_reason_likelihood_and_measure_is_clean():
    data = _red_visits(
        reasons=(DeviationReason(ReasonCategory.FACILITIES, "活动场地改造中"),),
        likelihood=Likelihood.POSSIBLE,
        measure="下半年增加户外活动场次",
    )
    assert check_stage(data, MONITORING_STAGE) == []


def test_reason_category_without_text_is_not_enough():
    data = _red_visits(
        reasons=(DeviationReason(ReasonCategory.FACILITIES, " "),), likelihood=Likelihood.CERTAIN
    )
    found = _of(check_stage(data, MONITORING_STAGE), C.MONITORING_REASON_MISSING)
    assert [problem.message for problem in found] == [
        "1–6月（截至2024-06-30）：预警为红灯，请选择偏差原因类别并说明"
    ]


def test_yellow_light_also_needs_a_reason():
    data = _progress("i2", actual=D(500))  # 66.7 % of 750
    found = _of(check_stage(data, MONITORING_STAGE), C.MONITORING_REASON_MISSING)
    assert [problem.params["light"] for problem in found] == ["黄"]


# --- blocking ---------------------------------------------------------------------------------


def test_soft_problem_blocks_until_explained():
    data = _project(responsible="")
    problems = check_stage(data, TARGET_STAGE)
    (soft,) = problems
    assert soft.code is C.PROJECT_RESPONSIBLE_MISSING
    assert soft.severity is S
    assert blocking_problems(data, problems) == [soft]
    explained = replace(data, explanations=(Explanation(soft.key, "负责人调任，新负责人待定"),))
    assert blocking_problems(explained, problems) == []


def test_blank_explanation_does_not_unblock():
    data = _project(responsible="")
    problems = check_stage(data, TARGET_STAGE)
    explained = replace(data, explanations=(Explanation(problems[0].key, "  "),))
    assert blocking_problems(explained, problems) == problems


def test_explanation_of_another_problem_does_not_unblock():
    data = _project(responsible="")
    problems = check_stage(data, TARGET_STAGE)
    other = replace(data, explanations=(Explanation("P007|project|p2||responsible", "无关"),))
    assert blocking_problems(other, problems) == problems


def test_hard_problem_blocks_even_with_an_explanation():
    data = _unit(credit_code="91350100M000100Y44")
    problems = check_stage(data, TARGET_STAGE)
    (hard,) = problems
    explained = replace(data, explanations=(Explanation(hard.key, "代码待工商核实"),))
    assert blocking_problems(explained, problems) == [hard]


def test_problem_key_is_code_and_location():
    (problem,) = check_stage(_project(responsible=""), TARGET_STAGE)
    assert problem.key == "P007|project|p1||responsible"


def test_points_sum_is_soft_at_targets_and_hard_at_self_evaluation():
    data = _indicator("i1", points=D(14))
    (at_targets,) = _of(check_stage(data, TARGET_STAGE), C.TARGET_POINTS_SUM)
    (at_evaluation,) = _of(check_stage(data, EVALUATION_STAGE), C.TARGET_POINTS_SUM)
    assert at_targets.severity is S
    assert at_evaluation.severity is H
    assert at_targets.key == at_evaluation.key

    explained = replace(data, explanations=(Explanation(at_targets.key, "年底再分配分值"),))
    assert blocking_problems(explained, [at_targets]) == []
    assert blocking_problems(explained, [at_evaluation]) == [at_evaluation]


def test_points_sum_at_targets_is_the_only_problem_of_that_change():
    data = _indicator("i1", points=D(14))
    problems = check_stage(data, TARGET_STAGE)
    assert [(p.code, p.severity) for p in problems] == [(C.TARGET_POINTS_SUM, S)]
    assert blocking_problems(data, problems) == problems


def test_exempt_project_files_no_targets():
    data = replace(
        _targets(annual_goal="", indicators=()),
        settings=RuleSettings(exemption_threshold=D(220001)),
    )
    problems = check_stage(data, TARGET_STAGE)
    assert problems == []


def test_unit_wide_targets_are_skipped_when_switched_off():
    data = replace(
        _year(unit_targets=TargetSet(UNIT_OWNER)), settings=RuleSettings(unit_wide=False)
    )
    assert check_stage(data, TARGET_STAGE) == []
    switched_on = _year(unit_targets=TargetSet(UNIT_OWNER))
    codes = [(p.code, p.where.owner_uid) for p in check_stage(switched_on, TARGET_STAGE)]
    assert codes == [(C.TARGET_GOAL_MISSING, "unit"), (C.TARGET_NO_INDICATORS, "unit")]


@pytest.mark.parametrize("deduction", [D(-5), D(0)])
def test_non_positive_deduction_is_invalid_and_does_not_change_the_score(deduction):
    data = _result(
        "i2",
        actual=D(2100),
        deduction=deduction,
        deduction_reason="指标值设定偏低",
        deviation="指标值设定偏低，下年度按历史三年平均调整",
    )
    (problem,) = _of(check_stage(data, EVALUATION_STAGE), C.EVALUATION_DEDUCTION_INVALID)
    assert problem.message == f"调减分值{deduction}应大于0且不超过公式得分10.00"
    visits = score_project(data, data.projects[0]).indicators[1]
    assert (visits.formula_score, visits.score) == (D("10.00"), D("10.00"))


def test_valid_deduction_lowers_the_score():
    data = _result(
        "i2",
        actual=D(2100),
        deduction=D("2.5"),
        deduction_reason="指标值设定偏低",
        deviation="指标值设定偏低，下年度按历史三年平均调整",
    )
    assert _of(check_stage(data, EVALUATION_STAGE), C.EVALUATION_DEDUCTION_INVALID) == []
    visits = score_project(data, data.projects[0]).indicators[1]
    assert (visits.formula_score, visits.score) == (D("10.00"), D("7.50"))


# --- issue 12: the messages say where to type --------------------------------------------------


def test_missing_spending_asks_for_the_spending_not_for_a_deviation_reason():
    data = replace(
        _funding(200000, 220000, 0),
        evaluations=(replace(worked_example.evaluation(), execution_analysis=""), UNIT_EVALUATION),
    )
    problems = check_stage(data, EVALUATION_STAGE, signoffs=False)
    assert _of(problems, C.EVALUATION_EXECUTION_ANALYSIS_MISSING) == []
    (missing,) = _of(problems, C.EVALUATION_EXECUTED_MISSING)
    assert missing.message.startswith(
        "尚未填写全年执行数：请在“绩效自评 › 预算执行”中逐行填写各资金来源"
    )


def test_spending_of_nothing_explained_in_the_analysis_is_accepted():
    data = replace(
        _funding(200000, 220000, 0),
        evaluations=(
            replace(worked_example.evaluation(), execution_analysis="项目因场馆封闭全年未开展"),
            UNIT_EVALUATION,
        ),
    )
    problems = check_stage(data, EVALUATION_STAGE, signoffs=False)
    assert _of(problems, C.EVALUATION_EXECUTED_MISSING) == []
    assert _of(problems, C.EVALUATION_EXECUTION_ANALYSIS_MISSING) == []


def test_a_project_without_budget_is_told_which_cell_to_type():
    (none,) = _of(check_stage(_project(funding=()), TARGET_STAGE), C.PROJECT_NO_BUDGET)
    assert "“年度预算 › 项目及资金来源”" in none.message
    assert "项目行的“年初预算数”列" in none.message
    (zero,) = _of(check_stage(_funding(0, 0, 0), TARGET_STAGE), C.PROJECT_NO_BUDGET)
    assert "资金来源表“本级工会经费”一行的“年初预算数”列" in zero.message
    assert (zero.where.item_uid, zero.where.field) == ("own", "initial")
    (adjusted,) = _of(check_stage(_funding(5000, 0, 0), TARGET_STAGE), C.PROJECT_NO_BUDGET)
    assert "“全年预算数”列" in adjusted.message
    assert (adjusted.where.item_uid, adjusted.where.field) == ("own", "adjusted")
