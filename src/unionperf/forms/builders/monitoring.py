"""项目支出绩效目标执行监控表 (domain.md §4.2) for each project and the unit at one point."""

from __future__ import annotations

from decimal import Decimal

from unionperf.domain.budget import FUNDING_LABELS, UNIT_OWNER, Project, TargetSet
from unionperf.domain.categories import Flow
from unionperf.domain.framework import MonitoringRule
from unionperf.domain.indicators import TIER_LABELS, Indicator, IndicatorKind
from unionperf.domain.money import ZERO, format_plain
from unionperf.domain.monitoring import (
    LIGHT_LABELS,
    LIGHT_LEGEND,
    LIKELIHOOD_LABELS,
    REASON_LABELS,
    SUSPENSION_LABELS,
    IndicatorProgress,
    MonitoringEntry,
    MonitoringPoint,
    Suspension,
    execution_rate,
    time_progress,
    traffic_light,
)
from unionperf.domain.validation.budget_rules import is_exempt
from unionperf.domain.year import YearData
from unionperf.forms.builders.common import (
    WAN,
    Row,
    centred,
    indicator_rows,
    label,
    meta,
    rate,
    sheet_name,
    short_project_name,
    signed,
    signoff_roles,
    text,
    wan,
)
from unionperf.forms.model import Block, Cell, Form, FormFamily, Light, Orientation

PROJECT_TITLE = "项目支出绩效目标执行监控表"
UNIT_TITLE = "部门（单位）整体支出绩效目标执行监控表"
_COLUMNS = (1.1, 1.2, 2.4, 1.4, 1.6, 1.6, 0.7, 2.2, 1.1, 2.4)
"""一级, 二级, 三级, 年度指标值, 1–N月执行情况, 全年预计, 预警, 偏差原因, 可能性, 原因说明."""
_WIDTH = len(_COLUMNS)


def period_label(point: MonitoringPoint) -> str:
    """``1–7月``: the months the point covers."""
    return point.label or f"1–{point.cutoff.month}月"


def monitoring_family(data: YearData, point: MonitoringPoint) -> FormFamily:
    """The monitoring forms of one point: each filing project, then the unit as a whole."""
    months = period_label(point)
    forms: list[Form] = []
    entries = {item.owner_uid: item for item in data.monitoring if item.point_uid == point.uid}
    projects = [project for project in data.projects if not is_exempt(data, project)]
    for index, project in enumerate(projects, start=1):
        prefix = f"监控{point.cutoff:%m%d}-{index:02d}"
        forms.append(
            _form(
                data,
                point,
                (project.uid, project.targets),
                entries,
                key=f"monitoring-{point.cutoff.isoformat()}-{project.uid}",
                sheet=sheet_name(prefix, short_project_name(project.name, data.year)),
                basic=_project_basic(data, project),
                funds=_project_funds(project),
            )
        )
    if data.settings.unit_wide:
        forms.append(
            _form(
                data,
                point,
                (UNIT_OWNER, data.unit_targets),
                entries,
                key=f"monitoring-{point.cutoff.isoformat()}-unit",
                sheet=sheet_name(f"监控{point.cutoff:%m%d}-整体"),
                basic=_unit_basic(data),
                funds=_unit_funds(data),
            )
        )
    return FormFamily(
        key=f"monitoring-{point.cutoff.isoformat()}",
        title=f"{PROJECT_TITLE}（{months}）",
        forms=tuple(forms),
    )


_Funds = tuple[Decimal, Decimal, list[tuple[str, Decimal, Decimal]]]
"""年初预算数, 全年预算数 and the 其中 rows (label, 年初, 全年)."""


def _project_funds(project: Project) -> _Funds:
    rows = [
        (f"其中：{FUNDING_LABELS[line.source]}", line.initial, line.adjusted)
        for line in project.funding
    ]
    return project.initial_budget, project.full_year_budget, rows


def _unit_funds(data: YearData) -> _Funds:
    rows = []
    for category in data.catalogue.of_flow(Flow.EXPENDITURE):
        lines = [line for line in data.budget if line.category_code == category.code]
        if lines:
            initial = sum((line.budget for line in lines), ZERO)
            approved = sum((line.approved for line in lines), ZERO)
            rows.append((f"其中：{category.name}", initial, approved))
    return (
        data.flow_total(Flow.EXPENDITURE, "budget"),
        data.flow_total(Flow.EXPENDITURE),
        rows,
    )


def _project_basic(data: YearData, project: Project) -> Block:
    rows: tuple[Row, ...] = (
        (
            label("项目名称", 2),
            text(project.name, 3),
            label("项目负责人"),
            text(project.responsible, 4),
        ),
        (
            label("主管部门", 2),
            text(data.unit.upper_union, 3),
            label("实施单位"),
            text(data.unit.name, 4),
        ),
    )
    return Block(columns=_COLUMNS, rows=rows)


def _unit_basic(data: YearData) -> Block:
    rows: tuple[Row, ...] = (
        (
            label("部门（单位）名称", 2),
            text(data.unit.name, 3),
            label("主管部门"),
            text(data.unit.upper_union, 4),
        ),
    )
    return Block(columns=_COLUMNS, rows=rows)


def _form(
    data: YearData,
    point: MonitoringPoint,
    owner: tuple[str, TargetSet],
    entries: dict[str, MonitoringEntry],
    *,
    key: str,
    sheet: str,
    basic: Block,
    funds: _Funds,
) -> Form:
    owner_uid, targets = owner
    entry = entries.get(owner_uid) or MonitoringEntry(point.uid, owner_uid)
    months = period_label(point)
    notes = [
        f"时间进度 = 截至{point.cutoff.isoformat()}已过天数 ÷ 全年天数；"
        f"执行率 = {months}执行数 ÷ 全年预算数。",
        LIGHT_LEGEND,
    ]
    if entry.suspension is not Suspension.NONE:
        notes.insert(0, f"处理建议：{SUSPENSION_LABELS[entry.suspension]}")
    unit = owner_uid == UNIT_OWNER
    return Form(
        key=key,
        title=UNIT_TITLE if unit else PROJECT_TITLE,
        sheet=sheet,
        unit_name=data.unit.name,
        year=data.year,
        orientation=Orientation.LANDSCAPE,
        subtitle=f"（{data.year}年{months}，截至{point.cutoff.isoformat()}）",
        meta=meta(data, WAN),
        blocks=(
            basic,
            _funds_block(point, entry, funds),
            _goal_block(months, targets, entry),
            _indicator_block(data, point, targets, entry),
        ),
        signoff=signoff_roles(data),
        signed=signed(data, point.stage),
        notes=tuple(notes),
    )


def _funds_block(point: MonitoringPoint, entry: MonitoringEntry, funds: _Funds) -> Block:
    months = period_label(point)
    initial, full_year, sources = funds
    header: Row = (
        label(f"资金（{WAN}）", 2),
        label("年初预算数"),
        label("全年预算数"),
        label(f"{months}执行数"),
        label(f"{months}执行率"),
        label("全年预计执行数", 2),
        label("时间进度"),
        label("执行偏差原因及纠偏措施"),
    )
    reason = "；".join(part for part in (entry.lag_reason, entry.measure) if part.strip())
    rows: list[Row] = [
        (
            label("年度资金总额", 2),
            wan(initial, bold=True),
            wan(full_year, bold=True),
            wan(entry.executed, bold=True),
            rate(None if entry.executed is None else execution_rate(entry.executed, full_year)),
            wan(entry.forecast, 2, bold=True),
            rate(time_progress(point.cutoff)),
            Cell(reason or "—", rowspan=1 + len(sources)),
        )
    ]
    for name, source_initial, source_full in sources:
        rows.append(
            (
                text(name, 2),
                wan(source_initial),
                wan(source_full),
                centred("—"),
                centred("—"),
                centred("—", 2),
                centred("—"),
            )
        )
    return Block(columns=_COLUMNS, header=(header,), rows=tuple(rows), caption="预算执行情况")


def _goal_block(months: str, targets: TargetSet, entry: MonitoringEntry) -> Block:
    rows: tuple[Row, ...] = (
        (label("总体目标", 2, rowspan=2), label("年度总体目标", 4), label(f"{months}执行情况", 4)),
        (text(targets.annual_goal, 4), text(entry.progress_text or "—", 4)),
    )
    return Block(columns=_COLUMNS, rows=rows)


def _indicator_block(
    data: YearData, point: MonitoringPoint, targets: TargetSet, entry: MonitoringEntry
) -> Block:
    months = period_label(point)
    header: Row = (
        label("一级指标"),
        label("二级指标"),
        label("三级指标"),
        label("年度指标值"),
        label(f"{months}执行情况"),
        label("全年预计完成情况"),
        label("预警"),
        label("偏差原因分析"),
        label("完成目标可能性"),
        label("原因说明及纠偏措施"),
    )

    by_uid = {item.indicator_uid: item for item in entry.progress}

    def tail(indicator: Indicator) -> tuple[Cell, ...]:
        progress = by_uid.get(indicator.uid)
        return _progress_cells(data, point, indicator, progress)

    rows = indicator_rows(data.framework, targets.indicators, tail)
    return Block(columns=_COLUMNS, header=(header,), rows=tuple(rows), caption="绩效指标完成情况")


def _progress_cells(
    data: YearData,
    point: MonitoringPoint,
    indicator: Indicator,
    progress: IndicatorProgress | None,
) -> tuple[Cell, ...]:
    target = text(indicator.display_target)
    if progress is None:
        return (target, text(""), text(""), centred(""), text(""), text(""), text(""))
    light = traffic_light(indicator, monitoring_rule(data, indicator), progress, point.cutoff)
    reasons = "；".join(
        f"{REASON_LABELS[reason.category]}：{reason.text}"
        if reason.text
        else REASON_LABELS[reason.category]
        for reason in progress.reasons
    )
    note = "；".join(part for part in (progress.measure, progress.note) if part.strip())
    likelihood = LIKELIHOOD_LABELS[progress.likelihood] if progress.likelihood else ""
    return (
        target,
        text(_actual(indicator, progress)),
        text(_forecast(indicator, progress)),
        Cell(
            LIGHT_LABELS[light] if light else "",
            align="center",
            bold=True,
            light=Light(light.value) if light else None,
        ),
        text(reasons),
        centred(likelihood),
        text(note),
    )


def monitoring_rule(data: YearData, indicator: Indicator) -> MonitoringRule:
    """The framework's level-2 monitoring rule; unknown level-2 names are judged by threshold."""
    return data.framework.monitoring_rule(indicator.level1, indicator.level2)


def _actual(indicator: Indicator, progress: IndicatorProgress) -> str:
    if indicator.kind is IndicatorKind.QUALITATIVE:
        return progress.actual_text or (TIER_LABELS[progress.tier] if progress.tier else "")
    if progress.actual is None:
        return progress.actual_text
    value = f"{format_plain(progress.actual)}{indicator.unit}"
    return f"{value}（{progress.actual_text}）" if progress.actual_text else value


def _forecast(indicator: Indicator, progress: IndicatorProgress) -> str:
    if progress.forecast is None:
        return progress.forecast_text
    value = f"{format_plain(progress.forecast)}{indicator.unit}"
    return f"{value}（{progress.forecast_text}）" if progress.forecast_text else value
