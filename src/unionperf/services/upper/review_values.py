"""The values the review shows for each item of a unit's stage, as labelled texts.

Every number comes from the domain's rules (domain.md §4.3 lights, §5 scores) applied to the
data the unit sent, and every score's working is the domain's own sentence
(:mod:`unionperf.domain.score_working`, as the unit's window and forms show it); nothing here
computes a rule of its own. Each value has a stable key (the
keys of ``review --json``), a Chinese label and its text; an empty text is left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from unionperf.domain.budget import ATTRIBUTE_LABELS, BudgetLine, Project
from unionperf.domain.categories import Flow
from unionperf.domain.evaluation import Evaluation
from unionperf.domain.framework import MonitoringRule
from unionperf.domain.indicators import BASIS_LABELS, TIER_LABELS, Indicator, Operator, Period
from unionperf.domain.item_paths import FLOW_WORDS
from unionperf.domain.money import format_plain, round2
from unionperf.domain.monitoring import (
    LIGHT_LABELS,
    LIKELIHOOD_LABELS,
    REASON_LABELS,
    SUSPENSION_LABELS,
    IndicatorProgress,
    Light,
    MonitoringEntry,
    execution_lags,
    execution_rate,
    time_progress,
)
from unionperf.domain.score_working import explain_execution, explain_indicator, explain_total
from unionperf.domain.scoring import ExecutionScore, Flag, IndicatorScore, TargetScore
from unionperf.domain.year import YearData

LIGHT_ORDER = (Light.RED, Light.YELLOW, Light.GREEN, Light.BLUE)
"""An owner shows the most serious of its indicators' lights, in this order."""

_FLAG_WORDS = {
    Flag.OVER_DELIVERY: "超额完成",
    Flag.NEEDS_EXPLANATION: "需说明偏差原因",
    Flag.MISSING_ACTUAL: "缺少实际完成值",
    Flag.MISSING_POINTS: "未设分值",
    Flag.SCORE_OUT_OF_BAND: "评分超出档次区间",
    Flag.NO_BUDGET: "无预算",
}


@dataclass(frozen=True, slots=True)
class ReviewValue:
    """One value of an item: a stable key, its Chinese label and the text shown."""

    key: str
    label: str
    text: str


Values = list[ReviewValue]


def add(values: Values, key: str, label: str, text: object) -> None:
    """Append a value unless its text is empty (``None`` counts as empty)."""
    if text is None or text == "":
        return
    shown = text.strip() if isinstance(text, str) else str(text)
    if shown:
        values.append(ReviewValue(key, label, shown))


def money(amount: Decimal | None) -> str:
    """Yuan with two decimals and thousands separators (``220,000.00``)."""
    return "" if amount is None else f"{round2(amount):,.2f}"


def number(value: Decimal | None) -> str:
    """A plain decimal (``12``, ``0.5``), or empty."""
    return "" if value is None else format_plain(value)


def percent(rate: Decimal | None) -> str:
    """A fraction as a per cent with two decimals (``93.50%``), or empty."""
    return "" if rate is None else f"{round2(rate * 100):.2f}%"


def budget_values(data: YearData, line: BudgetLine, *, executed: bool) -> Values:
    """A budget line: its category and amounts (the executed amount at the year's end only)."""
    category = data.catalogue.by_code(line.category_code)
    values: Values = []
    add(values, "code", "科目编码", line.category_code)
    add(values, "category", "科目名称", category.name if category else "")
    add(values, "flow", "收支", FLOW_WORDS[category.flow] if category else "")
    add(values, "last_year_actual", "上年决算数（元）", money(line.last_year_actual))
    add(values, "budget", "本年预算数（元）", money(line.budget))
    add(values, "adjustment", "调整数（元）", money(line.adjustment))
    add(values, "approved", "批复预算数（元）", money(line.approved))
    if executed:
        add(values, "executed", "全年执行数（元）", money(line.executed))
    return values


def project_values(project: Project) -> Values:
    """A project's facts as declared with its targets."""
    values: Values = []
    add(values, "code", "项目编码", project.code)
    add(values, "name", "项目名称", project.name)
    add(values, "category", "支出科目", project.category_code)
    add(values, "attribute", "项目属性", ATTRIBUTE_LABELS[project.attribute])
    if project.start or project.end:
        start = project.start.isoformat() if project.start else "—"
        end = project.end.isoformat() if project.end else "—"
        add(values, "period", "实施期", f"{start} 至 {end}")
    add(values, "responsible", "项目负责人", project.responsible)
    add(values, "initial_budget", "年初预算数（元）", money(project.initial_budget))
    add(values, "budget", "全年预算数（元）", money(project.full_year_budget))
    add(values, "annual_goal", "年度总体目标", project.targets.annual_goal)
    add(values, "midterm_goal", "中期目标", project.targets.midterm_goal)
    add(values, "indicators", "绩效指标数", len(project.targets.indicators))
    return values


def indicator_values(indicator: Indicator) -> Values:
    """An indicator with its target, as declared."""
    values: Values = []
    add(values, "level1", "一级指标", indicator.level1)
    add(values, "level2", "二级指标", indicator.level2)
    add(values, "name", "三级指标", indicator.name)
    add(values, "target", "指标值", indicator.display_target)
    add(values, "points", "分值", number(indicator.points))
    add(values, "basis", "绩效标准", BASIS_LABELS[indicator.basis])
    add(values, "period", "期限", "中期" if indicator.period is Period.MIDTERM else "")
    add(values, "core", "核心指标", "是" if indicator.core else "")
    add(values, "explanation", "指标解释", indicator.explanation)
    return values


def rule_of(data: YearData, indicator: Indicator) -> MonitoringRule:
    """How the indicator's in-year progress is judged (its level-2 category's rule)."""
    level2 = data.framework.level2_of(indicator.level1, indicator.level2)
    return level2.monitoring if level2 else MonitoringRule.THRESHOLD


def progress_values(
    indicator: Indicator, progress: IndicatorProgress | None, light: Light | None
) -> Values:
    """An indicator's progress at a monitoring point, with its light (``traffic_light``)."""
    values: Values = []
    if progress is None:
        add(values, "actual", "1至监控月完成值", "未填报")
        return values
    if indicator.operator is Operator.QUALITATIVE:
        add(values, "tier", "完成档次", TIER_LABELS[progress.tier] if progress.tier else "")
        add(values, "actual", "1至监控月完成情况", progress.actual_text)
    else:
        shown = number(progress.actual)
        add(values, "actual", "1至监控月完成值", f"{shown}{indicator.unit}" if shown else "")
        forecast = number(progress.forecast)
        add(values, "forecast", "全年预计完成值", f"{forecast}{indicator.unit}" if forecast else "")
    add(values, "forecast_text", "全年预计完成情况", progress.forecast_text)
    add(values, "light", "预警", LIGHT_LABELS[light] if light else "")
    add(values, "reasons", "偏差原因", _reasons(progress))
    add(
        values,
        "likelihood",
        "完成目标可能性",
        LIKELIHOOD_LABELS[progress.likelihood] if progress.likelihood else "",
    )
    add(values, "measure", "纠偏措施", progress.measure)
    add(values, "note", "备注", progress.note)
    return values


def owner_light(
    data: YearData,
    budget: Decimal,
    entry: MonitoringEntry | None,
    cutoff: date,
    lights: Iterable[Light | None],
) -> Light | None:
    """An owner's light at a monitoring point, as the unit sees it.

    The most serious of its indicators' lights, at least yellow while its execution lags time
    progress by more than the workspace's threshold.
    """
    seen = {light for light in lights if light is not None}
    if lags(data, budget, entry, cutoff):
        seen.add(Light.YELLOW)
    return next((item for item in LIGHT_ORDER if item in seen), None)


def lags(data: YearData, budget: Decimal, entry: MonitoringEntry | None, cutoff: date) -> bool:
    """Whether the owner's execution lags time progress by more than the threshold."""
    executed = entry.executed if entry else None
    return executed is not None and execution_lags(
        executed, budget, cutoff, data.settings.lag_points
    )


def entry_values(
    data: YearData,
    budget: Decimal,
    entry: MonitoringEntry | None,
    cutoff: date,
    light: Light | None,
) -> Values:
    """An owner's funds at a monitoring point, with its light (:func:`owner_light`)."""
    values: Values = []
    executed = entry.executed if entry else None
    add(values, "budget", "全年预算数（元）", money(budget))
    add(values, "executed", "1至监控月执行数（元）", money(executed) if entry else "未填报")
    add(values, "forecast", "全年预计执行数（元）", money(entry.forecast) if entry else "")
    add(values, "time_progress", "时间进度", percent(time_progress(cutoff)))
    rate = execution_rate(executed, budget) if executed is not None else None
    add(values, "rate", "执行率", percent(rate))
    add(
        values,
        "lags",
        "执行进度偏差",
        "是（超过阈值）" if lags(data, budget, entry, cutoff) else "",
    )
    add(values, "light", "预警", LIGHT_LABELS[light] if light else "")
    if entry is not None:
        add(values, "progress_text", "总体目标执行情况", entry.progress_text)
        add(values, "lag_reason", "执行偏差原因", entry.lag_reason)
        add(values, "measure", "纠偏措施", entry.measure)
        add(values, "suspension", "暂缓或停止", SUSPENSION_LABELS[entry.suspension])
    return values


def owner_score_values(
    score: TargetScore, evaluation: Evaluation, upper: TargetScore | None, *, exempt: bool
) -> Values:
    """An owner's self-evaluation: budget execution, total and grade (and the upper level's)."""
    values: Values = []
    execution = score.execution
    add(values, "executed", "全年执行数（元）", money(execution.executed))
    add(values, "execution_rate", "预算执行率", percent(execution.rate))
    add(values, "execution_score", "预算执行率得分", _execution_text(execution))
    add(values, "execution_working", "执行率计分说明", explain_execution(execution))
    add(values, "total", "自评得分", f"{score.total:.2f}")
    add(values, "grade", "评价等级", score.grade.value)
    add(values, "total_working", "总分说明", explain_total(score))
    add(values, "exempt", "免于自评", "是（低于金额门槛）" if exempt else "")
    if upper is not None:
        add(values, "upper_total", "上级复评得分", f"{upper.total:.2f}")
        add(values, "upper_grade", "上级复评等级", upper.grade.value)
        add(values, "upper_working", "复评总分说明", explain_total(upper))
    add(values, "achieved_text", "年度总体目标完成情况", evaluation.achieved_text)
    add(values, "execution_analysis", "预算执行偏差原因", evaluation.execution_analysis)
    add(values, "result_application", "结果应用", evaluation.result_application)
    return values


def indicator_score_values(item: IndicatorScore, upper: tuple[Decimal, str] | None) -> Values:
    """An indicator's year-end result, its score and how the score came about."""
    values: Values = []
    indicator, result = item.indicator, item.result
    if result is not None and not result.applicable:
        add(values, "applicable", "是否适用", "不适用")
        add(values, "na_reason", "不适用原因", result.na_reason)
        return values
    if indicator.operator is Operator.QUALITATIVE:
        tier = result.tier if result else None
        add(values, "tier", "完成档次", TIER_LABELS[tier] if tier else "")
        add(values, "actual", "实际完成情况", result.actual_text if result else "")
    else:
        actual = number(result.actual) if result else ""
        add(values, "actual", "实际完成值", f"{actual}{indicator.unit}" if actual else "")
        add(values, "actual_note", "完成情况说明", result.actual_text if result else "")
    add(values, "formula_score", "按规则得分", _score_text(item.formula_score))
    if result is not None and result.deduction is not None:
        add(values, "deduction", "调减分数", number(result.deduction))
        add(values, "deduction_reason", "调减理由", result.deduction_reason)
    add(values, "score", "自评得分", _score_text(item.score))
    add(values, "working", "计分说明", explain_indicator(item))
    add(values, "flags", "提示", "、".join(_FLAG_WORDS[flag] for flag in item.flags))
    if result is not None:
        add(values, "deviation", "偏差原因分析", result.deviation)
        add(values, "improvement", "改进措施", result.improvement)
    if upper is not None:
        add(values, "upper_score", "上级复评得分", f"{upper[0]:.2f}")
        add(values, "upper_reason", "复评理由", upper[1])
    return values


def _execution_text(execution: ExecutionScore) -> str:
    return f"{execution.score:.2f}（分值 {number(execution.points)}）"


def _score_text(score: Decimal | None) -> str:
    return "" if score is None else f"{score:.2f}"


def _reasons(progress: IndicatorProgress) -> str:
    return "；".join(
        f"{REASON_LABELS[item.category]}{'：' + item.text if item.text else ''}"
        for item in progress.reasons
    )


def unit_budget(data: YearData) -> Decimal:
    """The unit as a whole's budget: the approved expenditure (批复预算数)."""
    return data.flow_total(Flow.EXPENDITURE)
