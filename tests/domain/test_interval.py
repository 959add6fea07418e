"""Interval targets (区间, product.md §2), scored and monitored as docs/scoring.md reads them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unionperf.domain.evaluation import IndicatorResult
from unionperf.domain.framework import MonitoringRule
from unionperf.domain.indicators import Indicator, Operator, parse_interval
from unionperf.domain.monitoring import IndicatorProgress, Light, traffic_light
from unionperf.domain.scoring import Case, Flag, quantitative_score, score_indicator
from unionperf.domain.settings import ReverseFormula, RuleSettings

D = Decimal
SETTINGS = RuleSettings()
COVERAGE = Indicator(
    "c",
    "效益指标",
    "社会效益指标",
    "困难职工帮扶覆盖率",
    Operator.INTERVAL,
    D(60),
    unit="%",
    points=D(15),
    target_upper=D(80),
)


def _score(actual, formula=ReverseFormula.RATIO):
    settings = replace(SETTINGS, reverse_formula=formula)
    return score_indicator(COVERAGE, IndicatorResult("c", actual=actual), settings)


@pytest.mark.parametrize("actual", [D(60), D(70), D(80)])
def test_inside_the_interval_scores_full_points(actual):
    scored = _score(actual)
    assert scored.score == D("15.00")
    assert scored.working is not None
    assert scored.working.case is Case.MET
    assert Flag.NEEDS_EXPLANATION not in scored.flags


def test_below_scores_like_a_positive_indicator_against_the_lower_bound():
    scored = _score(D(45))  # 45 ÷ 60 × 15 = 11.25
    assert scored.score == D("11.25")
    assert scored.working is not None
    assert (scored.working.case, scored.working.bound) == (Case.SHORT, D(60))


def test_above_scores_like_a_reverse_indicator_against_the_upper_bound():
    assert _score(D(100)).score == D("12.00")  # 80 ÷ 100 × 15
    assert _score(D(100), ReverseFormula.LINEAR).score == D("11.25")  # (1 − 20 ÷ 80) × 15
    assert _score(D(160), ReverseFormula.LINEAR).score == D("0.00")  # ≥ 2 × 80
    working = _score(D(100)).working
    assert working is not None
    assert (working.case, working.bound) == (Case.OVER_RATIO, D(80))


def test_an_interval_is_never_flagged_as_over_delivered():
    assert Flag.OVER_DELIVERY not in _score(D(100)).flags


def test_display_target_shows_both_bounds():
    assert COVERAGE.display_target == "60～80%"


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("60～80", (D(60), D(80))),
        ("60-80", (D(60), D(80))),
        ("60%～80%", (D(60), D(80))),
        (" 60 至 80 ", (D(60), D(80))),
        ("６０－８０", (D(60), D(80))),
        ("0.5~1.5", (D("0.5"), D("1.5"))),
        ("70～70", (D(70), D(70))),
    ],
)
def test_parse_interval_accepts_the_usual_ways_of_writing_it(text, bounds):
    assert parse_interval(text) == bounds


@pytest.mark.parametrize("text", ["", "80", "80～60", "a～b", "60～", "～80", "60～80～90"])
def test_parse_interval_refuses_what_is_not_a_range(text):
    assert parse_interval(text) is None


JUNE_30 = date(2025, 6, 30)


def _light(indicator, actual, rule=MonitoringRule.PRORATED):
    return traffic_light(indicator, rule, IndicatorProgress(indicator.uid, actual=actual), JUNE_30)


def test_monitoring_a_rate_interval_compares_with_its_full_bounds():
    assert _light(COVERAGE, D(70)) is Light.GREEN
    assert _light(COVERAGE, D(80)) is Light.GREEN  # inside: never blue
    assert _light(COVERAGE, D(81)) is Light.RED  # above the upper bound, like a reverse one
    assert _light(COVERAGE, D(40)) is Light.YELLOW  # 40 ÷ 60 = 67 %
    assert _light(COVERAGE, D(30)) is Light.RED


def test_monitoring_a_count_interval_pro_rates_its_lower_bound_only():
    sessions = replace(COVERAGE, level2="社会效益指标", unit="场", target=D(10), target_upper=D(12))
    assert _light(sessions, D(5)) is Light.GREEN  # 5 ÷ (10 × 6/12) = 100 %
    assert _light(sessions, D(11)) is Light.GREEN  # 220 % of the pro-rated bound, still inside
    assert _light(sessions, D(13)) is Light.RED


def test_monitoring_an_interval_under_the_threshold_rule():
    quality = replace(COVERAGE, level1="产出指标", level2="质量指标")
    rule = MonitoringRule.THRESHOLD
    assert _light(quality, D(59), rule) is Light.RED
    assert _light(quality, D(60), rule) is Light.GREEN
    assert _light(quality, D(81), rule) is Light.RED


amounts = st.decimals(min_value=0, max_value=10**4, places=2, allow_nan=False)


@given(amounts, amounts, amounts, amounts, st.sampled_from(list(ReverseFormula)))
def test_interval_score_stays_within_points_and_peaks_inside(low, width, first, second, formula):
    lower, upper = low, low + width
    points = D(10)
    scores = [
        quantitative_score(Operator.INTERVAL, lower, actual, points, formula, upper=upper)
        for actual in (first, second)
    ]
    assert all(D(0) <= value <= points for value in scores)
    inside = quantitative_score(Operator.INTERVAL, lower, lower, points, formula, upper=upper)
    assert inside == points
