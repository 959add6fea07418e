"""Scoring rules of domain.md §5, the worked examples as written, and property tests."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.domain import worked_example
from unionperf.domain.evaluation import IndicatorResult
from unionperf.domain.indicators import Indicator, Operator, Tier
from unionperf.domain.scoring import (
    Flag,
    Grade,
    grade_for,
    in_tier_band,
    quantitative_score,
    score_execution,
    score_indicator,
    score_targets,
)
from unionperf.domain.settings import ReverseFormula, RuleSettings

D = Decimal

SETTINGS = RuleSettings()


def _worked_score():
    project = worked_example.project()
    return score_targets(
        project.targets.indicators,
        worked_example.evaluation().results,
        project.full_year_budget,
        project.executed,
        SETTINGS,
    )


def test_worked_example_scores_91_55_excellent():
    """domain.md §5.8: total 91.55 → 优."""
    score = _worked_score()
    assert score.execution.score == D("9.30")
    assert score.execution.rate == D("0.9300")
    assert [item.score for item in score.indicators] == [
        D("12.50"),
        D("10.00"),
        D("10.00"),
        D("5.00"),
        D("10.00"),
        D("14.25"),
        D("10.50"),
        D("10.00"),
    ]
    assert score.subtotal("产出指标") == D("47.50")
    assert score.subtotal("效益指标") == D("24.75")
    assert score.subtotal("满意度指标") == D("10.00")
    assert score.total == D("91.55")
    assert score.grade is Grade.EXCELLENT


def test_worked_example_rows_needing_explanation():
    """Rows scored below their points need 偏差原因分析 (活动场次, 覆盖率, 长效机制)."""
    score = _worked_score()
    needing = [
        item.indicator.name for item in score.indicators if Flag.NEEDS_EXPLANATION in item.flags
    ]
    assert needing == ["举办职工文体活动场次", "会员参与覆盖率", "文体活动长效机制建设"]


@pytest.mark.parametrize(
    ("actual", "variant1", "variant2"),
    [
        (D(100), D("10.00"), D("10.00")),
        (D(150), D("8.67"), D("8.46")),
        (D(260), D("5.00"), D("0.00")),
    ],
)
def test_reverse_indicator_variants(actual, variant1, variant2):
    """domain.md §5.8: 人均活动成本 ≤130, w = 10, both reverse formulas."""
    indicator = worked_example.INDICATORS[4]
    result = IndicatorResult(indicator.uid, actual=actual)
    one = score_indicator(indicator, result, SETTINGS)
    two = score_indicator(
        indicator, result, replace(SETTINGS, reverse_formula=ReverseFormula.LINEAR)
    )
    assert (one.score, two.score) == (variant1, variant2)


def test_over_delivery_is_flagged_but_not_rewarded():
    """domain.md §5.8: 参与职工人次 ≥1500, actual 2100 (140 %) → 10.00, flagged."""
    indicator = worked_example.INDICATORS[1]
    scored = score_indicator(indicator, IndicatorResult(indicator.uid, actual=D(2100)), SETTINGS)
    assert scored.score == D("10.00")
    assert Flag.OVER_DELIVERY in scored.flags
    assert Flag.NEEDS_EXPLANATION in scored.flags


def test_over_delivery_below_ratio_is_not_flagged():
    indicator = worked_example.INDICATORS[1]
    scored = score_indicator(indicator, IndicatorResult(indicator.uid, actual=D(1799)), SETTINGS)
    assert scored.flags == ()


def test_manual_deduction_reduces_score():
    indicator = worked_example.INDICATORS[1]
    result = IndicatorResult(
        indicator.uid, actual=D(2100), deduction=D(2), deduction_reason="指标值设定偏低"
    )
    scored = score_indicator(indicator, result, SETTINGS)
    assert (scored.formula_score, scored.score) == (D("10.00"), D("8.00"))


def test_not_applicable_rescaling():
    """domain.md §5.8: applicable points 95, raw 86.20 → 90.74 (优)."""
    indicators = (
        Indicator("a", "产出指标", "数量指标", "甲", Operator.GE, D(100), unit="人", points=D(50)),
        Indicator(
            "b", "效益指标", "社会效益指标", "乙", Operator.GE, D(100), unit="%", points=D(25)
        ),
        Indicator("c", "效益指标", "生态效益指标", "丙", Operator.GE, D(1), unit="项", points=D(5)),
        Indicator(
            "d",
            "满意度指标",
            "服务对象满意度指标",
            "丁",
            Operator.GE,
            D(100),
            unit="%",
            points=D(10),
        ),
    )
    results = (
        IndicatorResult("a", actual=D("87.4")),  # 43.70
        IndicatorResult("b", actual=D(100)),  # 25.00
        IndicatorResult("c", applicable=False, na_reason="工会项目不涉及生态效益"),
        IndicatorResult("d", actual=D("85")),  # 8.50
    )
    score = score_targets(indicators, results, D(100), D(90), SETTINGS)  # execution 9.00
    assert score.raw_total == D("86.20")
    assert score.applicable_points == D(95)
    assert score.total == D("90.74")
    assert score.grade is Grade.EXCELLENT


def test_equal_zero_target():
    assert quantitative_score(Operator.EQ, D(0), D(0), D(10)) == D(10)
    assert quantitative_score(Operator.EQ, D(0), D(1), D(10)) == D(0)


def test_execution_with_no_budget_is_flagged():
    execution = score_execution(D(0), D(5), D(10))
    assert execution.score == D(0)
    assert Flag.NO_BUDGET in execution.flags


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        (D(100), Grade.EXCELLENT),
        (D(90), Grade.EXCELLENT),
        (D("89.99"), Grade.GOOD),
        (D(80), Grade.GOOD),
        (D("79.99"), Grade.FAIR),
        (D(60), Grade.FAIR),
        (D("59.99"), Grade.POOR),
        (D(0), Grade.POOR),
    ],
)
def test_grades(total, grade):
    assert grade_for(total) is grade


@pytest.mark.parametrize(
    ("tier", "score", "inside"),
    [
        (Tier.ACHIEVED, D(15), True),
        (Tier.ACHIEVED, D(12), True),
        (Tier.ACHIEVED, D("11.99"), False),
        (Tier.PARTIAL, D(9), True),
        (Tier.PARTIAL, D(12), False),
        (Tier.NOT_ACHIEVED, D(0), True),
        (Tier.NOT_ACHIEVED, D(9), False),
    ],
)
def test_qualitative_bands(tier, score, inside):
    """domain.md §5.4 with w = 15: [12, 15], [9, 12), [0, 9)."""
    assert in_tier_band(tier, D(15), score) is inside


def test_qualitative_score_outside_band_is_flagged():
    indicator = worked_example.INDICATORS[6]
    result = IndicatorResult(indicator.uid, tier=Tier.PARTIAL, score=D(13))
    assert Flag.SCORE_OUT_OF_BAND in score_indicator(indicator, result, SETTINGS).flags


def test_rounding_is_half_up():
    indicator = Indicator(
        "x", "产出指标", "数量指标", "x", Operator.GE, D(8), unit="次", points=D(1)
    )
    # 1/8 = 0.125 → 0.13 (half up), not 0.12 (banker's)
    assert score_indicator(indicator, IndicatorResult("x", actual=D(1)), SETTINGS).score == D(
        "0.13"
    )


decimals = st.decimals(
    min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False
)
positive = st.decimals(
    min_value=D("0.01"), max_value=10**6, places=2, allow_nan=False, allow_infinity=False
)
points_st = st.decimals(min_value=D("0.5"), max_value=50, places=1)
operators = st.sampled_from([Operator.GE, Operator.GT, Operator.EQ, Operator.LE, Operator.LT])
formulas = st.sampled_from(list(ReverseFormula))


@given(operators, decimals, decimals, points_st, formulas)
def test_score_stays_within_points(operator, target, actual, points, formula):
    score = quantitative_score(operator, target, actual, points, formula)
    assert D(0) <= score <= points


@given(
    st.sampled_from([Operator.GE, Operator.GT, Operator.EQ]),
    positive,
    decimals,
    decimals,
    points_st,
)
def test_positive_score_never_falls_as_actual_rises(operator, target, low, high, points):
    low, high = min(low, high), max(low, high)
    assert quantitative_score(operator, target, low, points) <= quantitative_score(
        operator, target, high, points
    )


@given(
    st.sampled_from([Operator.LE, Operator.LT]),
    decimals,
    st.tuples(decimals, decimals),
    points_st,
    formulas,
)
def test_reverse_score_never_rises_as_actual_rises(operator, target, actuals, points, formula):
    low, high = min(actuals), max(actuals)
    assert quantitative_score(operator, target, low, points, formula) >= quantitative_score(
        operator, target, high, points, formula
    )
