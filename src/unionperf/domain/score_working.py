"""The working of every score in words, with its numbers (the one place that writes it).

The window shows it when a self-evaluation row is hovered or selected, the self-evaluation PDF
prints it under the indicator table, and the JSON reports carry it: e.g. "正向指标未完成：10 ÷ 12 ×
15 = 12.50". Each sentence is built from what :mod:`unionperf.domain.scoring` computed (the
:class:`~unionperf.domain.scoring.Working` of a quantitative score), never by scoring again.
"""

from __future__ import annotations

from decimal import Decimal

from unionperf.domain.indicators import TIER_LABELS, Indicator, Operator
from unionperf.domain.money import HUNDRED, ZERO, format_money, format_plain, round2
from unionperf.domain.scoring import (
    Case,
    ExecutionScore,
    Flag,
    IndicatorScore,
    TargetScore,
    Working,
    tier_band,
)

__all__ = [
    "explain_execution",
    "explain_indicator",
    "explain_total",
    "score_notes",
]


def _n(value: Decimal) -> str:
    return format_plain(value)


def _s(value: Decimal) -> str:
    return f"{round2(value):.2f}"


def explain_indicator(item: IndicatorScore) -> str:
    """How one indicator's score came about, in one Chinese sentence with its numbers.

    Covers the formula of each case (positive, "= 0", reverse in both variants, interval), a
    qualitative tier and its band, over-delivery, a manual deduction, a missing actual or points,
    and not applicable (its points leave the applicable points; the total is rescaled).
    """
    indicator, result = item.indicator, item.result
    if result is not None and not result.applicable:
        why = result.na_reason.strip().rstrip("。；;.")
        reason = f"（{why}）" if why else ""
        return (
            f"不适用{reason}：不计分，分值{_n(item.points)}分不计入适用分值，"
            "总分按适用分值折算为百分制"
        )
    if Flag.MISSING_ACTUAL in item.flags:
        return _missing(indicator)
    if item.formula_score is None:
        return ""
    if indicator.operator is Operator.QUALITATIVE:
        parts = [_qualitative(item)]
    elif item.working is not None:
        parts = [_quantitative(indicator, item.working, item.points, item.formula_score)]
    else:
        return ""
    if Flag.MISSING_POINTS in item.flags:
        parts.append("未设置分值，不计分")
    if Flag.OVER_DELIVERY in item.flags and item.working is not None and item.working.bound:
        ratio = round2(item.working.actual / item.working.bound * HUNDRED)
        parts.append(f"实际为指标值的{ratio:.0f}%，属超额完成，需说明偏差原因，可按偏离度调减")
    deduction = result.deduction if result is not None else None
    if deduction is not None and deduction > ZERO and item.score is not None:
        why = f"（{result.deduction_reason.strip()}）" if result and result.deduction_reason else ""
        parts.append(
            f"调减{_n(deduction)}分{why}：{_s(item.formula_score)} − {_n(round2(deduction))} = "
            f"{_s(item.score)}"
        )
    return "；".join(parts)


def _missing(indicator: Indicator) -> str:
    if indicator.operator is Operator.QUALITATIVE:
        return "尚未评定档次和得分，暂计0分"
    if indicator.target is None:
        return "未填写指标值，无法计分，暂计0分"
    return "尚未填写实际完成值，暂计0分"


def _qualitative(item: IndicatorScore) -> str:
    result = item.result
    assert result is not None
    assert result.tier is not None
    assert item.formula_score is not None
    low, high, inclusive = tier_band(result.tier, item.points)
    band = f"{_s(low)}～{_s(high)}" + ("" if inclusive else f"，不含{_s(high)}")
    text = f"定性指标评为“{TIER_LABELS[result.tier]}”，得分{_s(item.formula_score)}"
    if Flag.SCORE_OUT_OF_BAND in item.flags:
        return f"{text}，超出该档得分范围（{band}），请调整"
    return f"{text}（该档得分范围{band}）"


def _quantitative(  # noqa: PLR0911 - one return per case of the rule
    indicator: Indicator, working: Working, points: Decimal, score: Decimal
) -> str:
    """One case of domain.md §5.3 with A, B and w as typed and the rounded result."""
    a, b, w, result = _n(working.bound), _n(working.actual), _n(points), _s(score)
    operator = indicator.operator
    above = "区间指标高于上限" if operator is Operator.INTERVAL else "反向指标超出指标值"
    match working.case:
        case Case.MET:
            return _met(indicator, working, points)
        case Case.SHORT:
            kind = "区间指标低于下限" if operator is Operator.INTERVAL else "正向指标未完成"
            return f"{kind}：{b} ÷ {a} × {w} = {result}"
        case Case.ZERO_MISSED:
            return f"指标值为＝0，实际{b} > 0，得0分"
        case Case.OVER_RATIO:
            return f"{above}：{a} ÷ {b} × {w} = {result}"
        case Case.OVER_LINEAR:
            return f"{above}（按超出比例扣分）：(1 − ({b} − {a}) ÷ {a}) × {w} = {result}"
        case Case.OVER_DOUBLE:
            return f"{above}一倍及以上：{b} ≥ 2 × {a}，得0分"
        case Case.NO_ROOM:
            if working.actual > working.bound:
                return f"{above}：{b} > {a}，得0分"
            return f"正向指标未完成：{b} < {a}，得0分"


def _met(indicator: Indicator, working: Working, points: Decimal) -> str:
    b, full = _n(working.actual), _s(points)
    operator, a = indicator.operator, _n(working.bound)
    if operator is Operator.INTERVAL:
        upper = indicator.target_upper
        high = f" ≤ {_n(upper)}" if upper is not None else ""
        return f"区间指标在区间内：{a} ≤ {b}{high}，得满分{full}"
    if operator.is_reverse:
        return f"反向指标已完成：{b} ≤ {a}，得满分{full}"
    if operator is Operator.EQ and working.bound <= ZERO:
        return f"指标值为＝0：实际{b} ≤ 0，得满分{full}"
    return f"正向指标已完成：{b} ≥ {a}，得满分{full}"


def explain_execution(execution: ExecutionScore) -> str:
    """The budget-execution row: rate = B ÷ A, score = min(rate, 100 %) × points (§5.5)."""
    points = _n(execution.points)
    if execution.rate is None:
        return "全年预算数为0，无法计算执行率，得0分"
    budget, executed = format_money(execution.budget), format_money(execution.executed)
    rate = f"{round2(execution.rate * HUNDRED):.2f}%"
    head = f"执行率 = {executed} ÷ {budget} = {rate}"
    if execution.rate >= 1:
        return f"{head}，达到100%，得满分{_s(execution.points)}"
    return f"{head}；{rate} × {points} = {_s(execution.score)}"


def explain_total(score: TargetScore) -> str:
    """The total: execution plus the indicators, rescaled to 100 when some are not applicable."""
    indicators = score.raw_total - score.execution.score
    head = (
        f"总分 = 预算执行率得分{_s(score.execution.score)} + 指标得分{_s(indicators)}"
        f" = {_s(score.raw_total)}"
    )
    if score.applicable_points < score.possible_points and score.applicable_points > ZERO:
        return (
            f"{head}；部分指标不适用，适用分值{_n(score.applicable_points)}分，折算为百分制："
            f"{_s(score.raw_total)} ÷ {_n(score.applicable_points)} × 100 = {_s(score.total)}"
        )
    return head


def score_notes(score: TargetScore) -> tuple[str, ...]:
    """The short working printed under a self-evaluation table.

    The budget execution and every indicator that did not simply score its full points (short,
    over the limit, over-delivered, deducted, out of band, not applicable, missing), each as
    "name：working", then the total.
    """
    notes = []
    if score.execution.score < score.execution.points:
        notes.append(f"预算执行率：{explain_execution(score.execution)}")
    for item in score.indicators:
        if _worth_a_note(item):
            text = explain_indicator(item)
            if text:
                notes.append(f"{item.indicator.name}：{text}")
    notes.append(explain_total(score))
    return tuple(notes)


def _worth_a_note(item: IndicatorScore) -> bool:
    if not item.applicable:
        return True
    if item.score is None or item.score < item.points:
        return True
    return bool({Flag.OVER_DELIVERY, Flag.SCORE_OUT_OF_BAND} & set(item.flags))
