"""The three rule readings of issue 12 (domain.md §4.3, §5.3, §5.4; docs/scoring.md)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from unionperf.domain.evaluation import IndicatorResult
from unionperf.domain.framework import MonitoringRule
from unionperf.domain.indicators import Indicator, Operator, Tier
from unionperf.domain.monitoring import (
    LIGHT_LEGEND,
    IndicatorProgress,
    Light,
    light_standard,
    traffic_light,
)
from unionperf.domain.scoring import Flag, in_tier_band, quantitative_score, score_indicator
from unionperf.domain.settings import RuleSettings

D = Decimal
SETTINGS = RuleSettings()


# -- §5.3: a positive indicator with target 0 scores its full points when met -------------------


@pytest.mark.parametrize(
    ("operator", "actual"),
    [(Operator.GE, D(3)), (Operator.GT, D(2)), (Operator.GE, D(0))],
)
def test_positive_target_zero_met_scores_full_points(operator, actual):
    """``≥0`` with actual 3 and ``>0`` with actual 2: B ≥ A → w (it scored 0.00 before)."""
    assert quantitative_score(operator, D(0), actual, D(10)) == D(10)
    indicator = Indicator("z", "产出指标", "数量指标", "新建制度", operator, D(0), unit="项")
    scored = score_indicator(
        replace(indicator, points=D(10)), IndicatorResult("z", actual=actual), SETTINGS
    )
    assert scored.score == D("10.00")
    assert Flag.NEEDS_EXPLANATION not in scored.flags


def test_equal_zero_target_keeps_its_own_rule():
    """ "B ≤ 0 → w" is for ＝ only: 事故 ＝0起 with 2 accidents scores 0."""
    assert quantitative_score(Operator.EQ, D(0), D(2), D(10)) == D(0)
    assert quantitative_score(Operator.EQ, D(0), D(0), D(10)) == D(10)


# -- §5.4: a qualitative score is rounded first, then checked against its band -----------------

QUALITATIVE = Indicator(
    "q",
    "效益指标",
    "可持续影响指标",
    "长效机制",
    Operator.QUALITATIVE,
    target_text="建立制度",
    points=D(7),
)


def test_qualitative_score_rounding_into_the_next_band_is_out_of_band():
    """w = 7: 部分达成 is [4.20, 5.60); 5.599 counts as 5.60, which is not "partial"."""
    result = IndicatorResult("q", tier=Tier.PARTIAL, score=D("5.599"))
    scored = score_indicator(QUALITATIVE, result, SETTINGS)
    assert scored.score == D("5.60")
    assert Flag.SCORE_OUT_OF_BAND in scored.flags
    assert not in_tier_band(Tier.PARTIAL, D(7), D("5.599"))


def test_qualitative_score_rounding_down_inside_the_band_is_accepted():
    """4.195 rounds half up to 4.20, the lower edge of "partial": inside."""
    result = IndicatorResult("q", tier=Tier.PARTIAL, score=D("4.195"))
    scored = score_indicator(QUALITATIVE, result, SETTINGS)
    assert scored.score == D("4.20")
    assert Flag.SCORE_OUT_OF_BAND not in scored.flags


def test_qualitative_score_above_the_points_is_still_out_of_band():
    result = IndicatorResult("q", tier=Tier.ACHIEVED, score=D(8))
    scored = score_indicator(QUALITATIVE, result, SETTINGS)
    assert scored.score == D("7.00")
    assert Flag.SCORE_OUT_OF_BAND in scored.flags


# -- §4.3: a rate is compared with its full target, a count with the pro-rated one ---------------

MARCH_31 = date(2025, 3, 31)
SATISFACTION = Indicator(
    "s", "满意度指标", "服务对象满意度指标", "满意度", Operator.GE, D(90), unit="%"
)
SESSIONS = Indicator("n", "产出指标", "数量指标", "活动场次", Operator.GE, D(12), unit="场")


def test_a_rate_is_compared_with_its_full_target():
    """92 % in March against ≥90 %: on track (green), not 92 ÷ 22.5 = 409 % (blue)."""
    assert light_standard(SATISFACTION, MonitoringRule.PRORATED, MARCH_31) == D(90)
    progress = IndicatorProgress("s", actual=D(92))
    assert traffic_light(SATISFACTION, MonitoringRule.PRORATED, progress, MARCH_31) is Light.GREEN
    low = IndicatorProgress("s", actual=D(50))
    assert traffic_light(SATISFACTION, MonitoringRule.PRORATED, low, MARCH_31) is Light.RED


def test_a_count_is_compared_with_its_pro_rated_target():
    assert light_standard(SESSIONS, MonitoringRule.PRORATED, MARCH_31) == D(3)
    progress = IndicatorProgress("n", actual=D(3))
    assert traffic_light(SESSIONS, MonitoringRule.PRORATED, progress, MARCH_31) is Light.GREEN


def test_the_printed_legend_states_both_readings():
    assert "月份 ÷ 12" in LIGHT_LEGEND
    assert "不按月折算" in LIGHT_LEGEND
