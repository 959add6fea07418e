"""In-year monitoring (domain.md §4): time progress, execution lag and the traffic lights."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from unionperf.domain.framework import MonitoringRule
from unionperf.domain.indicators import Indicator, Operator, Tier
from unionperf.domain.monitoring import (
    IndicatorProgress,
    Light,
    MonitoringEntry,
    MonitoringPoint,
    execution_lags,
    execution_rate,
    month_progress,
    time_progress,
    traffic_light,
)

D = Decimal
P, T = MonitoringRule.PRORATED, MonitoringRule.THRESHOLD

# domain.md §4.4: project 职工文体活动, 全年预算数 22.00万元, cut-off 30 June of a non-leap year.
JUNE_30 = date(2025, 6, 30)
BUDGET = D(220000)
EXECUTED = D(88000)

SESSIONS = Indicator("s", "产出指标", "数量指标", "举办文体活动场次", Operator.GE, D(12), unit="场")
VISITS = Indicator("v", "产出指标", "数量指标", "参与职工人次", Operator.GE, D(1500), unit="人次")
COST = Indicator("c", "产出指标", "成本指标", "人均活动成本", Operator.LE, D(130), unit="元")


def _light(indicator, actual, rule=P, cutoff=JUNE_30):
    return traffic_light(indicator, rule, IndicatorProgress(indicator.uid, actual=actual), cutoff)


def test_worked_example_time_progress():
    assert time_progress(JUNE_30) == D("0.4959")  # 181 ÷ 365
    assert month_progress(JUNE_30) == D("0.5")  # 6 ÷ 12


def test_worked_example_execution_rate():
    assert execution_rate(EXECUTED, BUDGET) == D("0.4000")  # 8.80万 ÷ 22.00万


def test_worked_example_gap_is_9_6_points():
    gap = (time_progress(JUNE_30) - execution_rate(EXECUTED, BUDGET)) * 100
    assert gap == D("9.5900")


def test_worked_example_is_not_lagging_at_10_points():
    assert execution_lags(EXECUTED, BUDGET, JUNE_30, D(10)) is False


def test_worked_example_is_lagging_at_9_points():
    assert execution_lags(EXECUTED, BUDGET, JUNE_30, D(9)) is True


def test_time_progress_in_a_leap_year():
    assert time_progress(date(2024, 6, 30)) == D("0.4973")  # 182 ÷ 366
    assert time_progress(date(2024, 12, 31)) == D("1.0000")
    assert time_progress(date(2025, 1, 1)) == D("0.0027")  # 1 ÷ 365


def test_month_progress_counts_a_partial_month_by_days():
    assert month_progress(date(2025, 7, 31)) == D(7) / D(12)
    assert month_progress(date(2025, 6, 15)) == (D(5) + D(15) / D(30)) / D(12)


def test_execution_rate_without_budget():
    assert execution_rate(D(100), D(0)) is None
    assert execution_lags(D(0), D(0), JUNE_30, D(10)) is False


def test_worked_example_sessions_green():
    # ≥12场, 5场 against 12 × 6/12 = 6 → 83 %
    assert _light(SESSIONS, D(5)) is Light.GREEN


def test_worked_example_visits_red():
    # ≥1500人次, 400 against 750 → 53 %
    assert _light(VISITS, D(400)) is Light.RED


def test_worked_example_cost_green():
    # ≤130元, actual 118 → within the limit
    assert _light(COST, D(118), T) is Light.GREEN


@pytest.mark.parametrize(
    ("actual", "light"),
    [
        (D("3.59"), Light.RED),  # 59.8 % of 6
        (D("3.6"), Light.YELLOW),  # exactly 60 %
        (D(4), Light.YELLOW),  # 66.7 %
        (D("4.79"), Light.YELLOW),
        (D("4.8"), Light.GREEN),  # exactly 80 %
        (D(6), Light.GREEN),
        (D("7.19"), Light.GREEN),
        (D("7.2"), Light.BLUE),  # exactly 120 %
        (D(9), Light.BLUE),
    ],
)
def test_prorated_bands(actual, light):
    assert _light(SESSIONS, actual) is light


def test_visits_yellow_and_blue():
    assert _light(VISITS, D(500)) is Light.YELLOW  # 66.7 % of 750
    assert _light(VISITS, D(900)) is Light.BLUE  # 120 % of 750


def test_prorating_uses_the_cutoff_month():
    march_31 = date(2025, 3, 31)  # standard 12 × 3/12 = 3
    assert _light(SESSIONS, D(2), cutoff=march_31) is Light.YELLOW
    assert _light(SESSIONS, D(4), cutoff=march_31) is Light.BLUE


@pytest.mark.parametrize("operator", [Operator.GE, Operator.EQ])
@pytest.mark.parametrize("rule", [P, T])
def test_positive_target_zero_is_green_only_when_met(operator, rule):
    indicator = Indicator("z", "产出指标", "数量指标", "投诉件数", operator, D(0), unit="件")
    assert _light(indicator, D(0), rule) is Light.GREEN
    assert _light(indicator, D(1), rule) is Light.RED


@pytest.mark.parametrize(
    ("level2", "operator", "target", "actual", "light"),
    [
        ("质量指标", Operator.EQ, D(100), D(100), Light.GREEN),
        ("质量指标", Operator.EQ, D(100), D("99.5"), Light.RED),
        ("时效指标", Operator.GE, D(95), D(95), Light.GREEN),
        ("时效指标", Operator.GE, D(95), D(50), Light.RED),
        # not pro-rated: 6/12 of the target would have been green under the 4-colour rule
        ("时效指标", Operator.GE, D(95), D(60), Light.RED),
        ("时效指标", Operator.GT, D(95), D(95), Light.RED),
        ("时效指标", Operator.GT, D(95), D(96), Light.GREEN),
        ("质量指标", Operator.GE, D(90), D(200), Light.GREEN),  # no blue for thresholds
        ("成本指标", Operator.LE, D(130), D(130), Light.GREEN),
        ("成本指标", Operator.LE, D(130), D("130.01"), Light.RED),
        ("成本指标", Operator.LT, D(130), D(130), Light.RED),
        ("成本指标", Operator.LT, D(130), D(129), Light.GREEN),
    ],
)
def test_threshold_rule(level2, operator, target, actual, light):
    indicator = Indicator("t", "产出指标", level2, "指标", operator, target, unit="%")
    assert _light(indicator, actual, T) is light


def test_reverse_indicator_is_threshold_even_under_the_prorated_rule():
    indicator = Indicator(
        "r", "满意度指标", "服务对象满意度指标", "投诉率", Operator.LE, D(5), unit="%"
    )
    assert _light(indicator, D(5), P) is Light.GREEN
    assert _light(indicator, D(6), P) is Light.RED


@pytest.mark.parametrize(
    ("tier", "light"),
    [
        (Tier.ACHIEVED, Light.GREEN),
        (Tier.PARTIAL, Light.YELLOW),
        (Tier.NOT_ACHIEVED, Light.RED),
        (None, None),
    ],
)
@pytest.mark.parametrize("rule", [P, T])
def test_qualitative_tiers(tier, light, rule):
    indicator = Indicator(
        "q",
        "效益指标",
        "可持续影响指标",
        "长效机制建设",
        Operator.QUALITATIVE,
        target_text="建立制度",
    )
    progress = IndicatorProgress("q", tier=tier)
    assert traffic_light(indicator, rule, progress, JUNE_30) is light


def test_no_light_without_actual_or_target():
    assert _light(SESSIONS, None) is None
    no_target = Indicator("n", "产出指标", "数量指标", "场次", Operator.GE, None, unit="场")
    assert _light(no_target, D(5)) is None


def test_monitoring_point_stage_and_entry_lookup():
    point = MonitoringPoint("m1", JUNE_30, "1–6月")
    assert point.stage == "monitoring-2025-06-30"
    progress = IndicatorProgress("s", actual=D(5))
    entry = MonitoringEntry("m1", "p1", executed=EXECUTED, progress=(progress,))
    assert entry.for_indicator("s") is progress
    assert entry.for_indicator("v") is None
