"""Revenue arrival (seed §二.9): rates against time progress, shares, and the late-arrival rule."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from tests.domain.test_validation import MONITORING_STAGE, POINT, clean_year
from unionperf.domain.arrival_lines import arrival_lines, arrival_total
from unionperf.domain.budget import BudgetLine
from unionperf.domain.monitoring import MonitoringPoint
from unionperf.domain.problems import ProblemCode, Severity
from unionperf.domain.revenue import RevenueArrival, arrival_gap, arrival_lags, share
from unionperf.domain.settings import RuleSettings
from unionperf.domain.validation import active_stages, check_stage, check_year
from unionperf.domain.year import YearData

D = Decimal
LAG = ProblemCode.MONITORING_REVENUE_LAG
JUNE_30 = date(2024, 6, 30)  # leap year: 182 ÷ 366 = 49.73 %

# 会费 30,000 · 拨缴经费 250,000 · 上级补助 20,000 (adjusted from 10,000) · 其他 0
BUDGET = (
    BudgetLine("401", budget=D(30000)),
    BudgetLine("402", budget=D(250000)),
    BudgetLine("403", budget=D(10000), adjustment=D(10000)),
    BudgetLine("501", budget=D(220000), executed=D(204600)),
    BudgetLine("503", budget=D(40000), executed=D(38000)),
)


def _year(*arrivals: RevenueArrival, settings: RuleSettings | None = None) -> YearData:
    data = replace(clean_year(), budget=BUDGET, arrivals=arrivals)
    return replace(data, settings=settings) if settings else data


def _lags(data: YearData) -> list[str]:
    return [p.where.item_uid for p in check_stage(data, MONITORING_STAGE) if p.code is LAG]


def test_gap_is_time_progress_minus_rate_in_points():
    assert arrival_gap(D(100000), D(250000), JUNE_30) == D("9.73")  # 49.73 − 40.00
    assert arrival_gap(D(200000), D(250000), JUNE_30) == D("-30.27")
    assert arrival_gap(D(100), D(0), JUNE_30) is None


def test_lag_is_strictly_more_than_the_setting():
    assert not arrival_lags(D(100000), D(250000), JUNE_30, D(10))
    assert arrival_lags(D(100000), D(250000), JUNE_30, D("9.7"))


def test_share_of_nothing_is_none():
    assert share(D(1), D(0)) is None
    assert share(D(1), D(3)) == D("0.3333")


def test_lines_list_budgeted_and_watched_categories_with_rates_and_shares():
    data = _year(
        RevenueArrival("m1", "401", D(15000), date(2024, 6, 20)),
        RevenueArrival("m1", "402", D(125000), date(2024, 6, 25)),
        RevenueArrival("m1", "403", D(0)),
        RevenueArrival("m1", "408", D(1000), date(2024, 5, 5)),
    )
    lines = arrival_lines(data, POINT)
    assert [(line.category_code, line.name) for line in lines] == [
        ("401", "会费收入"),
        ("402", "拨缴经费收入"),
        ("403", "上级补助收入"),
        ("408", "其他收入"),
    ]
    by_code = {line.category_code: line for line in lines}
    assert by_code["403"].budget == D(20000)  # 批复预算数 = 预算 + 调整
    assert by_code["402"].rate == D("0.5000")
    assert by_code["403"].rate == D("0.0000")
    assert by_code["408"].rate is None  # no budget
    assert [line.budget_share for line in lines] == [
        D("0.1000"),
        D("0.8333"),
        D("0.0667"),
        D("0.0000"),
    ]
    assert by_code["402"].arrived_share == D("0.8865")  # 125,000 ÷ 141,000
    assert [line.lags for line in lines] == [False, False, True, False]
    assert [line.watched for line in lines] == [False, True, True, False]
    total = arrival_total(lines)
    assert (total.budget, total.amount, total.rate) == (D(300000), D(141000), D("0.4700"))


def test_watched_categories_are_listed_even_without_a_budget():
    data = replace(clean_year(), arrivals=())
    codes = [line.category_code for line in arrival_lines(data, POINT)]
    assert codes == ["401", "402", "403"]


def test_late_subsidy_is_a_soft_problem_at_the_point_with_its_figures():
    data = _year(
        RevenueArrival("m1", "402", D(125000)),
        RevenueArrival("m1", "403", D(5000), date(2024, 3, 20)),
    )
    (problem,) = [p for p in check_stage(data, MONITORING_STAGE) if p.code is LAG]
    assert problem.severity is Severity.SOFT
    assert problem.message == (
        "1–6月（截至2024-06-30）：“上级补助收入”累计到位5,000.00元，到位率25.00%落后时间进度"
        "49.73%超过10个百分点，请说明原因"
    )
    assert problem.where.label == "收入到位 › 上级补助收入 › 原因说明"
    assert problem.where.item_uid == "m1/revenue-403"


def test_a_written_reason_settles_the_warning():
    data = _year(
        RevenueArrival("m1", "402", D(125000)),
        RevenueArrival("m1", "403", D(5000), note="上级专项补助7月下拨，已电话确认"),
    )
    assert _lags(data) == []


def test_categories_the_unit_controls_are_not_warned():
    """会费 and 其他收入 far behind: only 拨缴经费 and 上级补助 are watched (seed §二.9)."""
    data = _year(
        RevenueArrival("m1", "401", D(0)),
        RevenueArrival("m1", "402", D(125000)),
        RevenueArrival("m1", "403", D(10000)),
    )
    assert _lags(data) == []


def test_nothing_entered_at_a_point_is_not_judged():
    assert _lags(_year()) == []


def test_a_watched_category_left_empty_counts_as_nothing_arrived_once_others_are_entered():
    data = _year(RevenueArrival("m1", "401", D(15000)))
    assert _lags(data) == ["m1/revenue-402", "m1/revenue-403"]


def test_the_setting_moves_the_threshold():
    data = _year(RevenueArrival("m1", "402", D(100000)), RevenueArrival("m1", "403", D(10000)))
    assert _lags(data) == []  # 9.73 points behind
    strict = _year(
        RevenueArrival("m1", "402", D(100000)),
        RevenueArrival("m1", "403", D(10000)),
        settings=RuleSettings(arrival_lag_points=D(5)),
    )
    assert _lags(strict) == ["m1/revenue-402"]


def test_only_the_point_of_the_stage_is_judged():
    march = MonitoringPoint("m0", date(2024, 3, 31))
    data = replace(
        _year(RevenueArrival("m1", "402", D(125000)), RevenueArrival("m1", "403", D(10000))),
        points=(march, POINT),
        arrivals=(
            RevenueArrival("m0", "402", D(0)),
            RevenueArrival("m1", "402", D(125000)),
            RevenueArrival("m1", "403", D(10000)),
        ),
    )
    assert _lags(data) == []
    assert [p.where.item_uid for p in check_year(data) if p.code is LAG] == [
        "m0/revenue-402",
        "m0/revenue-403",
    ]


def test_a_point_with_arrivals_only_is_an_active_stage():
    march = MonitoringPoint("m0", date(2024, 3, 31))
    data = replace(_year(RevenueArrival("m0", "402", D(62500))), points=(march, POINT))
    assert "monitoring-2024-03-31" in [stage.name for stage in active_stages(data)]


def test_setting_round_trips_and_defaults_to_10():
    assert RuleSettings().arrival_lag_points == D(10)
    settings = RuleSettings(arrival_lag_points=D("7.5"))
    assert RuleSettings.from_json(settings.to_json()) == settings
    older = settings.to_json()
    del older["arrival_lag_points"]
    assert RuleSettings.from_json(older).arrival_lag_points == D(10)
