"""The values of the fill-in workbook's rows, by column header, as the writer writes them.

The reader renders the workspace's current records the same way to tell whether a record changed
since the workbook was exported (its row's fingerprint).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from unionperf.domain.budget import ATTRIBUTE_LABELS, BudgetLine, FundingSource, Project
from unionperf.domain.evaluation import IndicatorResult
from unionperf.domain.indicators import TIER_LABELS, Indicator, Operator, interval_text
from unionperf.domain.monitoring import (
    LIKELIHOOD_LABELS,
    REASON_LABELS,
    IndicatorProgress,
    MonitoringEntry,
)
from unionperf.domain.multi_year import is_multi_year
from unionperf.domain.year import YearData
from unionperf.forms.fillin import layout

Values = dict[str, Any]
"""A row: header → str, Decimal, int, date or None."""


def with_check(values: Values, sheet: str) -> Values:
    """The row with its fingerprint in the hidden 校验 column."""
    inputs = layout.FINGERPRINTED[sheet]
    return {**values, layout.CHECK: layout.fingerprint(values.get(title) for title in inputs)}


def head_check(data: YearData, *, midterm: bool = True) -> str:
    """The fingerprint of 上年结余 and the unit-wide goals (the 预算 sheet's fixed cells).

    ``midterm=False`` leaves the unit-wide 中期目标 out, as the writers before it took it: a
    workbook of theirs (no 中期目标 cell) is compared on the two cells it has.
    """
    targets = data.unit_targets
    cells = [data.opening_balance, targets.annual_goal]
    return layout.fingerprint([*cells, targets.midterm_goal] if midterm else cells)


def budget_row(code: str, name: str, line: BudgetLine | None) -> Values:
    """A 预算 row; a category without a line has empty amounts."""
    values: Values = {layout.B_CODE: code, layout.B_NAME: name}
    if line is not None:
        values |= {
            layout.B_LAST: line.last_year_actual,
            layout.B_BUDGET: line.budget,
            layout.B_ADJUST: line.adjustment,
            layout.B_EXECUTED: line.executed,
        }
    return values


def project_row(data: YearData, project: Project) -> Values:
    """A 项目 row; 提出清理退出 is 是/否 where the window offers it (multi-year), else blank.

    A project flagged while it was multi-year shows 是 even if its period was shortened since.
    中期资金总额 is blank when none is declared (0), as the window shows it (—); 中期目标 is
    written for every project that has one.
    """
    category = data.catalogue.by_code(project.category_code)
    values: Values = {
        layout.P_UID: project.uid,
        layout.P_CODE: project.code,
        layout.P_NAME: project.name,
        layout.P_CATEGORY: layout.category_label(category.code, category.name)
        if category
        else project.category_code,
        layout.P_ATTRIBUTE: ATTRIBUTE_LABELS[project.attribute],
        layout.P_START: project.start,
        layout.P_END: project.end,
        layout.P_RESPONSIBLE: project.responsible,
        layout.P_PHONE: project.phone,
        layout.P_GOAL: project.targets.annual_goal,
        layout.P_CLEAR_OUT_REASON: project.clear_out_reason,
        layout.P_MIDTERM_BUDGET: project.midterm_budget if project.midterm_budget else None,
        layout.P_MIDTERM_GOAL: project.targets.midterm_goal,
    }
    if project.clear_out or is_multi_year(project, data.project_history):
        values[layout.P_CLEAR_OUT] = layout.YES if project.clear_out else layout.NO
    funding = {line.source: line for line in project.funding}
    for source in FundingSource:
        line = funding.get(source)
        if line is not None:
            amounts = (line.initial, line.adjusted, line.executed)
            for part, amount in zip(layout.FUNDING_PARTS, amounts, strict=True):
                values[layout.funding_header(source, part)] = amount
    return values


def indicator_row(
    owner: str, owner_name: str, indicator: Indicator, result: IndicatorResult | None
) -> Values:
    """A 指标 row: the indicator with its target, and its year-end result when there is one."""
    qualitative = indicator.operator is Operator.QUALITATIVE
    values: Values = {
        layout.I_OWNER: owner,
        layout.I_UID: indicator.uid,
        layout.I_OWNER_NAME: owner_name,
        layout.I_LEVEL1: indicator.level1,
        layout.I_LEVEL2: indicator.level2,
        layout.I_NAME: indicator.name,
        layout.I_OPERATOR: indicator.operator.symbol,
        layout.I_TARGET: target_cell(indicator),
        layout.I_UNIT: indicator.unit,
        layout.I_POINTS: indicator.points,
        layout.I_PERIOD: layout.PERIOD_LABELS[indicator.period],
    }
    if result is not None:
        values |= {
            layout.I_ACTUAL: result.actual_text if qualitative else result.actual,
            layout.I_TIER: TIER_LABELS[result.tier] if result.tier else "",
            layout.I_SCORE: result.score,
            layout.I_APPLICABLE: layout.YES if result.applicable else layout.NO,
            layout.I_NA_REASON: result.na_reason,
            layout.I_DEVIATION: result.deviation,
            layout.I_IMPROVEMENT: result.improvement,
        }
    return values


def target_cell(indicator: Indicator) -> str | Decimal | None:
    """The 指标值 cell: the number, the wording of a qualitative one, or an interval ``60～80``."""
    if indicator.operator is Operator.QUALITATIVE:
        return indicator.target_text
    if indicator.operator is Operator.INTERVAL:
        return interval_text(indicator.target, indicator.target_upper)
    return indicator.target


def monitoring_points(data: YearData) -> list[tuple[date, str | None]]:
    """Cut-offs with the uid of their point; the settings' cut-offs not yet held have none."""
    held = {point.cutoff: point.uid for point in data.points}
    cutoffs = sorted(set(held) | set(data.settings.cutoff_dates(data.year)))
    return [(cutoff, held.get(cutoff)) for cutoff in cutoffs]


def progress_actual(indicator: Indicator, progress: IndicatorProgress) -> str | Decimal | None:
    """The 执行情况 cell: the number, or for a qualitative indicator its tier (or wording)."""
    if indicator.operator is Operator.QUALITATIVE:
        return TIER_LABELS[progress.tier] if progress.tier else progress.actual_text
    return progress.actual


def reason_cells(progress: IndicatorProgress) -> tuple[str, str]:
    """The 偏差原因类别 and 偏差原因说明 cells (several reasons: joined, one text per line)."""
    labels = [REASON_LABELS[item.category] for item in progress.reasons]
    texts = [item.text for item in progress.reasons]
    return layout.reasons_text(labels), "\n".join(texts) if len(texts) > 1 else "".join(texts)


def progress_row(
    cutoff: date,
    owner: str,
    owner_name: str,
    indicator: Indicator,
    progress: IndicatorProgress | None,
) -> Values:
    """A 监控 row: an indicator at a cut-off, with its progress when there is one."""
    values: Values = {
        layout.M_POINT: cutoff.isoformat(),
        layout.I_OWNER: owner,
        layout.I_UID: indicator.uid,
        layout.I_OWNER_NAME: owner_name,
        layout.I_NAME: indicator.name,
        layout.M_TARGET: indicator.display_target,
    }
    if progress is not None:
        qualitative = indicator.operator is Operator.QUALITATIVE
        reason, reason_text = reason_cells(progress)
        values |= {
            layout.M_ACTUAL: progress_actual(indicator, progress),
            layout.M_FORECAST: progress.forecast_text if qualitative else progress.forecast,
            layout.M_REASON: reason,
            layout.M_REASON_TEXT: reason_text,
            layout.M_LIKELIHOOD: LIKELIHOOD_LABELS[progress.likelihood]
            if progress.likelihood
            else "",
            layout.M_MEASURE: progress.measure,
        }
    return values


def funds_row(
    cutoff: date, owner: str, owner_name: str, budget: Decimal, entry: MonitoringEntry | None
) -> Values:
    """A 资金监控 row: a project's (or the unit's) funds at a cut-off."""
    values: Values = {
        layout.M_POINT: cutoff.isoformat(),
        layout.I_OWNER: owner,
        layout.I_OWNER_NAME: owner_name,
        layout.F_BUDGET: budget,
    }
    if entry is not None:
        values |= {
            layout.F_EXECUTED: entry.executed,
            layout.F_FORECAST: entry.forecast,
            layout.F_REASON: entry.lag_reason,
            layout.M_MEASURE: entry.measure,
        }
    return values
