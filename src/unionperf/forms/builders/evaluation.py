"""项目支出绩效自评表 (domain.md §5.1) per project and the unit-wide table (§5.9).

Every score comes from :func:`unionperf.domain.results.score_year`; nothing is recomputed here.
"""

from __future__ import annotations

from decimal import Decimal

from unionperf.domain.budget import FUNDING_LABELS, UNIT_OWNER, TargetSet
from unionperf.domain.categories import Flow
from unionperf.domain.evaluation import Evaluation, IndicatorResult
from unionperf.domain.framework import Framework
from unionperf.domain.indicators import TIER_LABELS, Indicator, IndicatorKind
from unionperf.domain.money import ZERO, format_plain
from unionperf.domain.monitoring import execution_rate
from unionperf.domain.results import ProjectScore, YearScore, score_year
from unionperf.domain.score_working import score_notes
from unionperf.domain.scoring import IndicatorScore, TargetScore
from unionperf.domain.year import Stage, StageKind, YearData
from unionperf.forms.builders.common import (
    WAN,
    Row,
    centred,
    indicator_rows,
    label,
    meta,
    number,
    rate,
    score,
    sheet_name,
    short_project_name,
    signed,
    signoff_roles,
    text,
    wan,
)
from unionperf.forms.builders.multi_year import cycle_block
from unionperf.forms.model import Block, Cell, Form, FormFamily, Orientation

PROJECT_TITLE = "项目支出绩效自评表"
UNIT_TITLE = "部门（单位）整体支出绩效自评表"
_COLUMNS = (1.1, 1.3, 2.6, 1.5, 1.5, 0.8, 0.9, 4.0)
"""一级, 二级, 三级, 年度指标值（A）, 实际完成值（B）, 分值, 得分, 偏差原因分析及改进措施."""
_WIDTH = len(_COLUMNS)
STAGE = Stage(StageKind.SELF_EVALUATION).name

_Sources = list[tuple[str, Decimal, Decimal, Decimal]]
"""The 其中 rows of the funds block: label, 年初预算数, 全年预算数, 全年执行数."""


def evaluation_family(data: YearData, scores: YearScore | None = None) -> FormFamily:
    """The self-evaluation of every filing project, then the unit as a whole when enabled.

    Args:
        data: The year.
        scores: The year's scores when already computed (must be ``score_year(data)``).
    """
    scores = scores or score_year(data)
    forms = [_project_form(data, item, index) for index, item in enumerate(filing(scores), start=1)]
    if scores.unit is not None:
        forms.append(_unit_form(data, scores.unit))
    return FormFamily(key="self-evaluation", title=PROJECT_TITLE, forms=tuple(forms))


def filing(scores: YearScore) -> list[ProjectScore]:
    """The projects that file a self-evaluation (not exempt), in order."""
    return [item for item in scores.projects if not item.exempt]


def _project_form(data: YearData, item: ProjectScore, index: int) -> Form:
    project = item.project
    basic = (
        (label("项目名称", 2), text(project.name, _WIDTH - 2)),
        (
            label("主管部门", 2),
            text(data.unit.upper_union, 2),
            label("实施单位", 2),
            text(data.unit.name, 2),
        ),
        (
            label("项目负责人", 2),
            text(project.responsible, 2),
            label("联系电话", 2),
            text(project.phone, 2),
        ),
    )
    sources: _Sources = [
        (f"其中：{FUNDING_LABELS[line.source]}", line.initial, line.adjusted, line.executed)
        for line in project.funding
    ]
    return _form(
        data,
        (project.uid, project.targets),
        item.score,
        key=f"evaluation-{project.uid}",
        title=PROJECT_TITLE,
        sheet=sheet_name(f"自评{index:02d}", short_project_name(project.name, data.year)),
        basic=Block(columns=_COLUMNS, rows=basic),
        funds=(project.initial_budget, sources),
        extra=cycle_block(data, project, item.score, _COLUMNS),
    )


def _unit_form(data: YearData, unit_score: TargetScore) -> Form:
    basic = (
        (label("部门（单位）名称", 2), text(data.unit.name, _WIDTH - 2)),
        (
            label("主管部门", 2),
            text(data.unit.upper_union, 2),
            label("统一社会信用代码", 2),
            text(data.unit.credit_code, 2),
        ),
    )
    sources: _Sources = []
    for category in data.catalogue.of_flow(Flow.EXPENDITURE):
        lines = [line for line in data.budget if line.category_code == category.code]
        if lines:
            sources.append(
                (
                    f"其中：{category.name}",
                    sum((line.budget for line in lines), ZERO),
                    sum((line.approved for line in lines), ZERO),
                    sum((line.executed for line in lines), ZERO),
                )
            )
    return _form(
        data,
        (UNIT_OWNER, data.unit_targets),
        unit_score,
        key="evaluation-unit",
        title=UNIT_TITLE,
        sheet=sheet_name("整体自评"),
        basic=Block(columns=_COLUMNS, rows=basic),
        funds=(data.flow_total(Flow.EXPENDITURE, "budget"), sources),
    )


def _form(
    data: YearData,
    owner: tuple[str, TargetSet],
    result: TargetScore,
    *,
    key: str,
    title: str,
    sheet: str,
    basic: Block,
    funds: tuple[Decimal, _Sources],
    extra: Block | None = None,
) -> Form:
    targets = owner[1]
    evaluation = data.evaluation_of(owner[0])
    blocks = [
        basic,
        _funds_block(result, funds[0], funds[1], evaluation),
        *([extra] if extra is not None else []),
        _goal_block(targets, evaluation),
        _indicator_block(data.framework, targets, result),
    ]
    if evaluation.result_application.strip():
        blocks.append(
            Block(
                columns=_COLUMNS,
                rows=((label("结果应用", 2), text(evaluation.result_application, _WIDTH - 2)),),
            )
        )
    return Form(
        key=key,
        title=title,
        sheet=sheet,
        unit_name=data.unit.name,
        year=data.year,
        orientation=Orientation.LANDSCAPE,
        subtitle=f"（{data.year}年度）",
        meta=meta(data, WAN),
        blocks=tuple(blocks),
        signoff=signoff_roles(data),
        signed=signed(data, STAGE),
        notes=_notes(result),
    )


def _funds_block(
    result: TargetScore, initial: Decimal, sources: _Sources, evaluation: Evaluation
) -> Block:
    execution = result.execution
    header: Row = (
        label(f"{'资金' if evaluation.owner_uid == UNIT_OWNER else '项目资金'}（{WAN}）", 2),
        label("年初预算数"),
        label("全年预算数（A）"),
        label("全年执行数（B）"),
        label("分值"),
        label("执行率（B/A）"),
        label("得分"),
    )
    rows: list[Row] = [
        (
            label("年度资金总额", 2),
            wan(initial, bold=True),
            wan(execution.budget, bold=True),
            wan(execution.executed, bold=True),
            number(execution.points),
            rate(execution.rate),
            score(execution.score, bold=True),
        )
    ]
    for name, start, full_year, executed in sources:
        rows.append(
            (
                text(name, 2),
                wan(start),
                wan(full_year),
                wan(executed),
                centred("—"),
                rate(execution_rate(executed, full_year)),
                centred("—"),
            )
        )
    if evaluation.execution_analysis.strip():
        rows.append((label("偏差原因分析", 2), text(evaluation.execution_analysis, _WIDTH - 2)))
    return Block(columns=_COLUMNS, header=(header,), rows=tuple(rows), caption="预算执行情况")


def _goal_block(targets: TargetSet, evaluation: Evaluation) -> Block:
    rows: tuple[Row, ...] = (
        (label("年度总体目标", 2, rowspan=2), label("预期目标", 3), label("实际完成情况", 3)),
        (text(targets.annual_goal, 3), text(evaluation.achieved_text, 3)),
    )
    return Block(columns=_COLUMNS, rows=rows)


def _indicator_block(framework: Framework, targets: TargetSet, result: TargetScore) -> Block:
    header: Row = (
        label("一级指标"),
        label("二级指标"),
        label("三级指标"),
        label("年度指标值（A）"),
        label("实际完成值（B）"),
        label("分值"),
        label("得分"),
        label("偏差原因分析及改进措施"),
    )
    by_uid = {item.indicator.uid: item for item in result.indicators}

    def tail(indicator: Indicator) -> tuple[Cell, ...]:
        return _score_cells(by_uid[indicator.uid])

    def subtotal(level1: str) -> tuple[Cell, ...]:
        points = sum(
            (item.points for item in result.indicators if item.indicator.level1 == level1), ZERO
        )
        return (
            label(f"{level1}小计", 4),
            number(points, bold=True),
            score(result.subtotal(level1), bold=True),
            text(""),
        )

    rows = indicator_rows(framework, targets.indicators, tail, subtotal)
    rows.append(
        (
            label("总分", 5),
            number(result.possible_points, bold=True),
            score(result.total, bold=True),
            label(f"等级：{result.grade.value}"),
        )
    )
    return Block(columns=_COLUMNS, header=(header,), rows=tuple(rows), caption="绩效指标")


def _score_cells(item: IndicatorScore) -> tuple[Cell, ...]:
    indicator, result = item.indicator, item.result
    return (
        text(indicator.display_target),
        text(actual_text(indicator, result)),
        number(item.points),
        score(item.score),
        text(deviation_text(item)),
    )


def actual_text(indicator: Indicator, result: IndicatorResult | None) -> str:
    """实际完成值 (B) as printed: the number with its unit, or the qualitative wording."""
    if result is None:
        return ""
    if not result.applicable:
        return "不适用"
    if indicator.kind is IndicatorKind.QUALITATIVE:
        tier = f"（{TIER_LABELS[result.tier]}）" if result.tier else ""
        return f"{result.actual_text}{tier}" if result.actual_text else tier.strip("（）")
    if result.actual is None:
        return result.actual_text
    value = f"{format_plain(result.actual)}{indicator.unit}"
    return f"{value}（{result.actual_text}）" if result.actual_text else value


def deviation_text(item: IndicatorScore) -> str:
    """偏差原因分析及改进措施: the cause, the measure and any manual deduction with its reason."""
    result = item.result
    if result is None:
        return ""
    if not result.applicable:
        return f"不适用：{result.na_reason}".rstrip("：")
    parts: list[str] = []
    if result.deviation.strip():
        parts.append(result.deviation.strip())
    if result.improvement.strip():
        parts.append(f"改进措施：{result.improvement.strip()}")
    if result.deduction is not None and result.deduction > ZERO:
        reason = f"：{result.deduction_reason}" if result.deduction_reason else ""
        parts.append(f"调减{format_plain(result.deduction)}分{reason}")
    return "\n".join(parts)


def _notes(result: TargetScore) -> tuple[str, ...]:
    """Under the table: how the total is made and the working of each score below full points.

    The words come from ``domain.score_working``, as in the window.
    """
    working = score_notes(result)
    head = "总分含预算执行率得分；一级指标小计为该类三级指标得分之和。计分说明："
    return (head, *(f"{number}. {line}" for number, line in enumerate(working, start=1)))
