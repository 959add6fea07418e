"""Indicators in canonical order: framework level 1, level 2, then the user's order."""

from __future__ import annotations

from decimal import Decimal

from unionperf.domain.evaluation import IndicatorResult
from unionperf.domain.framework import FOUR_CATEGORY, THREE_CATEGORY
from unionperf.domain.indicators import Indicator, Operator
from unionperf.domain.scoring import score_targets
from unionperf.domain.settings import RuleSettings

D = Decimal


def _indicator(uid, level1, level2):
    return Indicator(uid, level1, level2, uid, Operator.GE, D(1), unit="次", points=D(1))


ADDED = (
    _indicator("sat", "满意度指标", "服务对象满意度指标"),
    _indicator("quality", "产出指标", "质量指标"),
    _indicator("social", "效益指标", "社会效益指标"),
    _indicator("count-a", "产出指标", "数量指标"),
    _indicator("odd", "其他指标", "其他"),
    _indicator("economic", "效益指标", "经济效益指标"),
    _indicator("count-b", "产出指标", "数量指标"),
)
"""In the order the user added them: satisfaction first, an unknown category in the middle."""


def test_three_category_order():
    ordered = [item.uid for item in THREE_CATEGORY.ordered(ADDED)]
    assert ordered == ["count-a", "count-b", "quality", "economic", "social", "sat", "odd"]


def test_user_order_is_kept_inside_a_level_2_category():
    swapped = (ADDED[6], *ADDED[:6])
    ordered = [item.uid for item in THREE_CATEGORY.ordered(swapped)]
    assert ordered[:2] == ["count-b", "count-a"]


def test_four_category_order_puts_cost_first():
    cost = _indicator("cost", "成本指标", "经济成本指标")
    ordered = [item.uid for item in FOUR_CATEGORY.ordered((*ADDED, cost))]
    assert ordered[0] == "cost"
    assert ordered.index("social") < ordered.index("sat")


def test_scores_come_out_in_canonical_order():
    results = tuple(IndicatorResult(item.uid, actual=D(1)) for item in ADDED)
    score = score_targets(ADDED, results, D(100), D(100), RuleSettings())
    levels = [item.indicator.level1 for item in score.indicators]
    assert levels.index("效益指标") < levels.index("满意度指标")
