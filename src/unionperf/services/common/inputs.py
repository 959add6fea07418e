"""Reading and checking what the user typed before anything is saved."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from unionperf.domain.budget import FUNDING_LABELS, BudgetLine, Project
from unionperf.domain.categories import CategoryCatalogue, Flow
from unionperf.domain.credit_code import credit_code_error
from unionperf.domain.evaluation import IndicatorResult
from unionperf.domain.framework import Framework
from unionperf.domain.indicators import TIER_LABELS, Indicator, Operator
from unionperf.domain.money import (
    ZERO,
    AmountError,
    format_plain,
    parse_decimal,
    parse_money,
    round2,
)
from unionperf.domain.revenue import RevenueArrival
from unionperf.domain.scoring import in_tier_band, tier_band
from unionperf.domain.settings import RuleSettings
from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.services.common.errors import InputError

_LARGEST = Decimal(10) ** 12
"""An amount beyond 一万亿元 is a typing slip (the fill-in workbook refuses it too)."""


def number(text: str | int | Decimal, where: str) -> Decimal:
    """A decimal from user text, or an :class:`InputError` naming the field."""
    try:
        return parse_decimal(text)
    except AmountError as error:
        raise InputError(f"“{text}”不是数字", where) from error


def money(text: str | int | Decimal, where: str) -> Decimal:
    """An amount in yuan (at most two decimals, not negative) from user text."""
    try:
        amount = parse_money(text)
    except AmountError as error:
        raise InputError(f"“{text}”不是有效金额（元，最多两位小数）", where) from error
    if amount < ZERO:
        raise InputError(f"金额不能为负数（{format_plain(amount)}元）", where)
    return amount


def check_unit(unit: UnitProfile) -> None:
    """Reject a profile without a name or with an invalid credit code.

    An upper-level union may leave the credit code empty (it files no packages of its own).
    """
    if not unit.name.strip():
        raise InputError("请填写工会名称", "单位信息 › 工会名称")
    if unit.level is UnitLevel.UPPER and not unit.credit_code.strip():
        return
    reason = credit_code_error(unit.credit_code.strip())
    if reason is not None:
        raise InputError(reason, "单位信息 › 统一社会信用代码")
    if unit.member_count < 0 or unit.staff_count < 0:
        raise InputError("人数不能为负数", "单位信息 › 会员人数")


def check_settings(settings: RuleSettings, framework: Framework) -> None:
    """Reject weights that do not name the framework's level-1 categories or do not add to 100."""
    expected = {"execution"} | {item.name for item in framework.level1}
    if set(settings.weights) != expected:
        names = "、".join(sorted(expected - {"execution"}))
        raise InputError(f"分值应按预算执行率和一级指标（{names}）设置", "规则设置 › 自评分值")
    if any(value < ZERO for value in settings.weights.values()):
        raise InputError("分值不能为负数", "规则设置 › 自评分值")
    total = sum(settings.weights.values(), ZERO)
    if total != Decimal(100):
        raise InputError(
            f"各部分分值合计为{format_plain(total)}分，应为100分", "规则设置 › 自评分值"
        )
    if settings.over_delivery_ratio <= Decimal(1):
        raise InputError("超额完成提示比例应大于100%", "规则设置 › 超额完成比例")
    if not ZERO <= settings.arrival_lag_points <= Decimal(100):
        raise InputError(
            f"应在0到100个百分点之间，现为{format_plain(settings.arrival_lag_points)}",
            "规则设置 › 收入到位滞后预警",
        )
    threshold = money(settings.assessment_threshold, "规则设置 › 事前绩效评估门槛")
    if threshold > _LARGEST:
        raise InputError(f"金额过大（{format_plain(threshold)}元）", "规则设置 › 事前绩效评估门槛")


def check_budget_line(line: BudgetLine, category_name: str) -> None:
    """Reject negative amounts (an adjustment may be negative, the approved budget not)."""
    where = f"年度预算 › {category_name}"
    for label, amount in (
        ("上年决算数", line.last_year_actual),
        ("本年预算数", line.budget),
        ("全年执行数", line.executed),
        ("批复预算数", line.approved),
    ):
        if amount < ZERO:
            raise InputError(f"{label}不能为负数（{format_plain(amount)}元）", where)


def check_project(project: Project) -> None:
    """Reject a project without a name or with negative money or a reversed period."""
    where = f"项目“{project.name or project.code}”"
    if not project.name.strip():
        raise InputError("请填写项目名称", "项目")
    for line in project.funding:
        for label, amount in (
            ("年初预算数", line.initial),
            ("全年预算数", line.adjusted),
            ("全年执行数", line.executed),
        ):
            if amount < ZERO:
                source = FUNDING_LABELS[line.source]
                raise InputError(f"{source}的{label}不能为负数（{format_plain(amount)}元）", where)
    if project.start and project.end and project.end < project.start:
        raise InputError("项目期结束日期早于开始日期", where)


def check_arrival(arrival: RevenueArrival, cutoff: date, catalogue: CategoryCatalogue) -> None:
    """Reject an arrival of another than a revenue category, with a bad amount, or late.

    The amount must be whole fen, not negative, at most 一万亿; the date of arrival must lie
    between 1 January and the point's cut-off.
    """
    category = catalogue.by_code(arrival.category_code)
    if category is None or category.flow is not Flow.REVENUE:
        raise InputError(f"“{arrival.category_code}”不是收入科目", "运行监控 › 收入到位")
    where = f"运行监控 › 收入到位 › {category.name}"
    amount = money(arrival.amount, f"{where} › 累计到位数")
    if amount > _LARGEST:
        raise InputError(f"金额过大（{format_plain(amount)}元）", f"{where} › 累计到位数")
    day = arrival.received_on
    if day is not None and not date(cutoff.year, 1, 1) <= day <= cutoff:
        raise InputError(
            f"到账日期{day.isoformat()}应在{cutoff.year}-01-01至监控截止日{cutoff.isoformat()}之间",
            f"{where} › 最近到账日期",
        )


def check_indicator(indicator: Indicator, framework: Framework) -> None:
    """Reject an indicator outside the framework, without a name, or with a negative value."""
    where = f"指标“{indicator.name or '（未命名）'}”"
    if not indicator.name.strip():
        raise InputError("请填写三级指标名称", where)
    if framework.level2_of(indicator.level1, indicator.level2) is None:
        raise InputError(f"“{indicator.level1} › {indicator.level2}”不在指标体系中", where)
    if (
        indicator.operator is not Operator.QUALITATIVE
        and indicator.target is not None
        and indicator.target < ZERO
    ):
        raise InputError("指标值不能为负数", where)
    upper = indicator.target_upper
    if indicator.operator is Operator.INTERVAL and upper is not None:
        if upper < ZERO:
            raise InputError("区间上限不能为负数", where)
        if indicator.target is not None and upper < indicator.target:
            raise InputError(
                f"区间下限{format_plain(indicator.target)}大于上限{format_plain(upper)}", where
            )
    if indicator.points is not None and indicator.points < ZERO:
        raise InputError("分值不能为负数", where)


def check_result(result: IndicatorResult, indicator: Indicator) -> None:
    """Reject a qualitative score outside its tier and a negative actual or deduction."""
    where = f"指标“{indicator.name}”"
    if result.actual is not None and result.actual < ZERO:
        raise InputError("实际完成值不能为负数", where)
    if result.deduction is not None and result.deduction < ZERO:
        raise InputError("调减分值不能为负数", where)
    if indicator.operator is Operator.QUALITATIVE and result.tier and result.score is not None:
        points = indicator.points or ZERO
        if not in_tier_band(result.tier, points, result.score):
            low, high, inclusive = tier_band(result.tier, points)
            upper = "]" if inclusive else ")"
            shown = format_plain(result.score)
            rounded = f"{round2(result.score):.2f}"
            counted = (
                f"（按两位小数计为{rounded}）"
                if shown != format_plain(round2(result.score))
                else ""
            )
            raise InputError(
                f"评为“{TIER_LABELS[result.tier]}”时得分应在[{format_plain(low)}, "
                f"{format_plain(high)}{upper}之间，现为{shown}{counted}",
                where,
            )
