"""Target declaration forms (domain.md §3): 项目支出绩效目标申报表 and the unit-wide table."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from unionperf.domain.budget import ATTRIBUTE_LABELS, FUNDING_LABELS, Project
from unionperf.domain.categories import Flow
from unionperf.domain.indicators import Indicator, Period
from unionperf.domain.money import ZERO
from unionperf.domain.validation.budget_rules import is_exempt
from unionperf.domain.year import Stage, StageKind, YearData
from unionperf.forms.builders.common import (
    WAN,
    Row,
    centred,
    indicator_rows,
    label,
    meta,
    number,
    sheet_name,
    short_project_name,
    signed,
    signoff_roles,
    text,
    wan,
)
from unionperf.forms.builders.multi_year import earlier_totals, stage_suffix
from unionperf.forms.model import Block, Cell, Form, FormFamily, Orientation

PROJECT_TITLE = "项目支出绩效目标申报表"
UNIT_TITLE = "部门（单位）整体支出绩效目标申报表"
_COLUMNS = (1.3, 1.5, 3.4, 2.2, 0.9)
"""一级指标, 二级指标, 三级指标, 指标值, 分值 — the grid of every block of these forms."""
_WIDTH = len(_COLUMNS)
_STAGE = Stage(StageKind.TARGETS).name


def project_target_family(data: YearData) -> FormFamily:
    """One target declaration per project that files targets (exempt projects are left out)."""
    forms = tuple(
        _project_form(data, project, number)
        for number, project in enumerate(_filing_projects(data), start=1)
    )
    return FormFamily(key="project-targets", title=PROJECT_TITLE, forms=forms)


def unit_target_family(data: YearData) -> FormFamily:
    """The unit-wide target declaration: main tasks, overall goal and indicators."""
    blocks = (
        _unit_basic_block(data),
        _tasks_block(data),
        Block(
            columns=_COLUMNS,
            rows=((label("年度总体目标"), text(data.unit_targets.annual_goal, _WIDTH - 1)),),
        ),
        *_indicator_blocks(data, data.unit_targets.indicators),
    )
    form = _form(data, blocks, key="targets-unit", title=UNIT_TITLE, sheet=sheet_name("整体目标"))
    return FormFamily(key="unit-targets", title=UNIT_TITLE, forms=(form,))


def _filing_projects(data: YearData) -> list[Project]:
    return [project for project in data.projects if not is_exempt(data, project)]


def _project_form(data: YearData, project: Project, index: int) -> Form:
    blocks = (
        _basic_block(data, project),
        _funds_block(project, earlier_totals(data, project)),
        _goals_block(project),
        *_indicator_blocks(data, project.targets.indicators),
    )
    sheet = sheet_name(f"目标{index:02d}", short_project_name(project.name, data.year))
    return _form(data, blocks, key=f"targets-{project.uid}", title=PROJECT_TITLE, sheet=sheet)


def _form(data: YearData, blocks: tuple[Block, ...], *, key: str, title: str, sheet: str) -> Form:
    """A target declaration form of the year: portrait, with the unit's meta and sign-off."""
    return Form(
        key=key,
        title=title,
        sheet=sheet,
        unit_name=data.unit.name,
        year=data.year,
        orientation=Orientation.PORTRAIT,
        subtitle=f"（{data.year}年度）",
        meta=meta(data, WAN),
        blocks=blocks,
        signoff=signoff_roles(data),
        signed=signed(data, _STAGE),
    )


def _basic_block(data: YearData, project: Project) -> Block:
    category = data.catalogue.by_code(project.category_code)
    subject = f"{project.category_code} {category.name}" if category else project.category_code
    rows: tuple[Row, ...] = (
        (label("项目名称"), text(project.name, _WIDTH - 1)),
        (label("项目编码"), text(project.code), label("支出科目"), text(subject, 2)),
        (
            label("主管部门"),
            text(data.unit.upper_union),
            label("实施单位"),
            text(data.unit.name, 2),
        ),
        (
            label("项目属性"),
            text(ATTRIBUTE_LABELS[project.attribute]),
            label("项目期"),
            text(project_period(project.start, project.end) + stage_suffix(data, project), 2),
        ),
        (label("项目负责人"), text(project.responsible), label("联系电话"), text(project.phone, 2)),
    )
    return Block(columns=_COLUMNS, rows=rows)


def project_period(start: date | None, end: date | None) -> str:
    """项目期 as printed: ``2024年1月—2024年12月`` (empty when not declared)."""
    if start is None or end is None:
        return ""
    return f"{start.year}年{start.month}月—{end.year}年{end.month}月"


def _funds_block(project: Project, earlier: tuple[Decimal, Decimal] | None = None) -> Block:
    """中期资金总额 and 年度资金总额 (年初预算数) with a 其中 row per funding source, in 万元.

    A multi-year project in a later year adds the earlier years' budget and execution.
    """
    midterm = project.midterm_budget if project.midterm_budget > ZERO else None
    sources = [line for line in project.funding]
    rows: list[Row] = [
        (
            label(f"项目资金（{WAN}）", rowspan=1 + len(sources) + (earlier is not None)),
            label("中期资金总额"),
            wan(midterm, bold=True),
            label("年度资金总额"),
            wan(project.initial_budget, bold=True),
        )
    ]
    for line in sources:
        source = f"其中：{FUNDING_LABELS[line.source]}"
        rows.append((text(source), centred("—"), text(source), wan(line.initial)))
    if earlier is not None:
        rows.append(
            (
                label("以前年度累计预算数"),
                wan(earlier[0]),
                label("以前年度累计执行数"),
                wan(earlier[1]),
            )
        )
    return Block(columns=_COLUMNS, rows=tuple(rows))


def _goals_block(project: Project) -> Block:
    start, end = project.start, project.end
    span = f"（{start.year}—{end.year}年）" if start and end and project.multi_year else ""
    rows: tuple[Row, ...] = (
        (label("总体目标", rowspan=2), label(f"中期目标{span}", 2), label("年度目标", 2)),
        (text(project.targets.midterm_goal or "—", 2), text(project.targets.annual_goal, 2)),
    )
    return Block(columns=_COLUMNS, rows=rows)


def _indicator_blocks(data: YearData, indicators: Sequence[Indicator]) -> tuple[Block, ...]:
    """The 年度绩效指标 table, preceded by 中期绩效指标 when mid-term indicators are declared."""
    header: Row = (
        label("一级指标"),
        label("二级指标"),
        label("三级指标"),
        label("指标值"),
        label("分值"),
    )
    blocks = []
    for period, caption in ((Period.MIDTERM, "中期绩效指标"), (Period.ANNUAL, "年度绩效指标")):
        chosen = [item for item in indicators if item.period is period]
        if not chosen and period is Period.MIDTERM:
            continue
        rows = indicator_rows(data.framework, chosen, _target_cells)
        blocks.append(Block(columns=_COLUMNS, header=(header,), rows=tuple(rows), caption=caption))
    return tuple(blocks)


def _target_cells(indicator: Indicator) -> tuple[Cell, ...]:
    return (text(indicator.display_target), number(indicator.points))


def _unit_basic_block(data: YearData) -> Block:
    rows: tuple[Row, ...] = (
        (label("部门（单位）名称"), text(data.unit.name, _WIDTH - 1)),
        (
            label("主管部门"),
            text(data.unit.upper_union),
            label("统一社会信用代码"),
            text(data.unit.credit_code, 2),
        ),
    )
    return Block(columns=_COLUMNS, rows=rows)


def _tasks_block(data: YearData) -> Block:
    """年度主要任务: one task per expenditure category with its 本年预算数 (万元)."""
    header: Row = (label("任务名称"), label("主要内容", 2), label(f"预算金额（{WAN}）", 2))
    rows: list[Row] = []
    total = ZERO
    for category in data.catalogue.of_flow(Flow.EXPENDITURE):
        amount = sum(
            (line.budget for line in data.budget if line.category_code == category.code), ZERO
        )
        if amount == ZERO:
            continue
        total += amount
        rows.append(
            (text(category.name), text(_task_content(data, category.code), 2), wan(amount, 2))
        )
    rows.append((label("金额合计", 3), wan(total, 2, bold=True)))
    return Block(columns=_COLUMNS, header=(header,), rows=tuple(rows), caption="年度主要任务")


def _task_content(data: YearData, code: str) -> str:
    """The projects filed under a category, or the category's sub-items when it has none."""
    names = [project.name for project in data.projects if project.category_code == code]
    if names:
        return "、".join(names)
    category = data.catalogue.by_code(code)
    return "、".join(category.subitems) if category else ""
