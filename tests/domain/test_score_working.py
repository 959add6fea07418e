"""The working of each score in words (domain/score_working.py), on the worked example of §5.8."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from tests.domain import worked_example
from unionperf.domain.evaluation import IndicatorResult
from unionperf.domain.indicators import Indicator, Operator, Tier
from unionperf.domain.score_working import (
    explain_execution,
    explain_indicator,
    explain_total,
    score_notes,
)
from unionperf.domain.scoring import score_execution, score_indicator, score_targets
from unionperf.domain.settings import ReverseFormula, RuleSettings

D = Decimal
SETTINGS = RuleSettings()
BY_UID = {item.uid: item for item in worked_example.INDICATORS}


def _explain(uid, settings=SETTINGS, **result):
    indicator = BY_UID[uid]
    return explain_indicator(score_indicator(indicator, IndicatorResult(uid, **result), settings))


@pytest.mark.parametrize(
    ("uid", "result", "text"),
    [
        ("i1", {"actual": D(10)}, "正向指标未完成：10 ÷ 12 × 15 = 12.50"),
        ("i2", {"actual": D(1620)}, "正向指标已完成：1620 ≥ 1500，得满分10.00"),
        ("i3", {"actual": D(0)}, "指标值为＝0：实际0 ≤ 0，得满分10.00"),
        ("i3", {"actual": D(2)}, "指标值为＝0，实际2 > 0，得0分"),
        ("i5", {"actual": D("126.3")}, "反向指标已完成：126.3 ≤ 130，得满分10.00"),
        ("i5", {"actual": D(150)}, "反向指标超出指标值：130 ÷ 150 × 10 = 8.67"),
        ("i6", {"actual": D(76)}, "正向指标未完成：76 ÷ 80 × 15 = 14.25"),
    ],
)
def test_quantitative_working(uid, result, text):
    assert _explain(uid, **result) == text


def test_reverse_variant_two():
    linear = replace(SETTINGS, reverse_formula=ReverseFormula.LINEAR)
    assert _explain("i5", linear, actual=D(150)) == (
        "反向指标超出指标值（按超出比例扣分）：(1 − (150 − 130) ÷ 130) × 10 = 8.46"
    )
    assert (
        _explain("i5", linear, actual=D(260))
        == "反向指标超出指标值一倍及以上：260 ≥ 2 × 130，得0分"
    )


def test_positive_target_zero_met():
    indicator = Indicator(
        "z", "产出指标", "数量指标", "z", Operator.GE, D(0), unit="项", points=D(5)
    )
    scored = score_indicator(indicator, IndicatorResult("z", actual=D(3)), SETTINGS)
    assert explain_indicator(scored) == "正向指标已完成：3 ≥ 0，得满分5.00"


def test_interval_working():
    indicator = Indicator(
        "v",
        "效益指标",
        "社会效益指标",
        "覆盖率",
        Operator.INTERVAL,
        D(60),
        unit="%",
        points=D(15),
        target_upper=D(80),
    )

    def explain(actual):
        return explain_indicator(
            score_indicator(indicator, IndicatorResult("v", actual=actual), SETTINGS)
        )

    assert explain(D(70)) == "区间指标在区间内：60 ≤ 70 ≤ 80，得满分15.00"
    assert explain(D(45)) == "区间指标低于下限：45 ÷ 60 × 15 = 11.25"
    assert explain(D(100)) == "区间指标高于上限：80 ÷ 100 × 15 = 12.00"


def test_qualitative_working_names_the_tier_and_its_band():
    assert _explain("i7", tier=Tier.PARTIAL, score=D("10.5")) == (
        "定性指标评为“部分达成年度指标并具有一定效果”，得分10.50（该档得分范围9.00～12.00，不含12.00）"
    )
    assert "超出该档得分范围（9.00～12.00，不含12.00）" in _explain(
        "i7", tier=Tier.PARTIAL, score=D("11.999")
    )


def test_over_delivery_and_deduction():
    text = _explain("i2", actual=D(2100), deduction=D(2), deduction_reason="指标值设定偏低")
    assert text == (
        "正向指标已完成：2100 ≥ 1500，得满分10.00；实际为指标值的140%，属超额完成，"
        "需说明偏差原因，可按偏离度调减；调减2分（指标值设定偏低）：10.00 − 2 = 8.00"
    )


def test_not_applicable_and_missing():
    assert _explain("i6", applicable=False, na_reason="本年未开展") == (
        "不适用（本年未开展）：不计分，分值15分不计入适用分值，总分按适用分值折算为百分制"
    )
    assert _explain("i1") == "尚未填写实际完成值，暂计0分"
    assert _explain("i7") == "尚未评定档次和得分，暂计0分"


def test_execution_working():
    assert explain_execution(score_execution(D(220000), D(204600), D(10))) == (
        "执行率 = 204,600.00 ÷ 220,000.00 = 93.00%；93.00% × 10 = 9.30"
    )
    assert explain_execution(score_execution(D(100), D(120), D(10))) == (
        "执行率 = 120.00 ÷ 100.00 = 120.00%，达到100%，得满分10.00"
    )
    assert explain_execution(score_execution(D(0), D(5), D(10))) == (
        "全年预算数为0，无法计算执行率，得0分"
    )


def _worked(results=None):
    project = worked_example.project()
    return score_targets(
        project.targets.indicators,
        results or worked_example.evaluation().results,
        project.full_year_budget,
        project.executed,
        SETTINGS,
    )


def test_total_working_of_the_worked_example():
    assert explain_total(_worked()) == "总分 = 预算执行率得分9.30 + 指标得分82.25 = 91.55"


def test_total_working_with_rescaling():
    results = tuple(
        replace(item, applicable=False, na_reason="不涉及") if item.indicator_uid == "i4" else item
        for item in worked_example.evaluation().results
    )
    score = _worked(results)
    assert explain_total(score) == (
        "总分 = 预算执行率得分9.30 + 指标得分77.25 = 86.55；部分指标不适用，适用分值95分，"
        "折算为百分制：86.55 ÷ 95 × 100 = 91.11"
    )


def test_notes_list_only_rows_below_their_points_then_the_total():
    notes = score_notes(_worked())
    assert notes == (
        "预算执行率：执行率 = 204,600.00 ÷ 220,000.00 = 93.00%；93.00% × 10 = 9.30",
        "举办职工文体活动场次：正向指标未完成：10 ÷ 12 × 15 = 12.50",
        "会员参与覆盖率：正向指标未完成：76 ÷ 80 × 15 = 14.25",
        "文体活动长效机制建设：定性指标评为“部分达成年度指标并具有一定效果”，"
        "得分10.50（该档得分范围9.00～12.00，不含12.00）",
        "总分 = 预算执行率得分9.30 + 指标得分82.25 = 91.55",
    )
