"""绩效自评结果汇总表: one row per project, the unit as a whole and the projects' total."""

from __future__ import annotations

from unionperf.domain.money import ZERO
from unionperf.domain.monitoring import execution_rate
from unionperf.domain.results import YearScore, score_year
from unionperf.domain.year import YearData
from unionperf.forms.builders.common import (
    WAN,
    Row,
    centred,
    label,
    meta,
    rate,
    score,
    sheet_name,
    signed,
    signoff_roles,
    text,
    wan,
)
from unionperf.forms.builders.evaluation import STAGE, filing
from unionperf.forms.model import Block, Form, FormFamily, Orientation

TITLE = "绩效自评结果汇总表"
_COLUMNS = (0.6, 3.4, 2.2, 1.3, 1.3, 1.0, 0.9, 0.7)
"""序号, 项目名称, 支出科目, 全年预算数, 全年执行数, 执行率, 得分, 等级."""


def evaluation_summary_family(data: YearData, scores: YearScore | None = None) -> FormFamily:
    """The summary of the self-evaluation: budget, executed, rate, score and grade per project.

    Args:
        data: The year.
        scores: The year's scores when already computed (must be ``score_year(data)``).
    """
    scores = scores or score_year(data)
    header: Row = (
        label("序号"),
        label("项目名称"),
        label("支出科目"),
        label("全年预算数"),
        label("全年执行数"),
        label("执行率"),
        label("得分"),
        label("等级"),
    )
    rows: list[Row] = []
    budget = executed = ZERO
    projects = filing(scores)
    for index, item in enumerate(projects, start=1):
        execution = item.score.execution
        budget += execution.budget
        executed += execution.executed
        category = data.catalogue.by_code(item.project.category_code)
        subject = f"{item.project.category_code} {category.name}" if category else ""
        rows.append(
            (
                centred(str(index)),
                text(item.project.name),
                text(subject or item.project.category_code),
                wan(execution.budget),
                wan(execution.executed),
                rate(execution.rate),
                score(item.score.total),
                centred(item.score.grade.value),
            )
        )
    rows.append(
        (
            label("项目合计", 3),
            wan(budget, bold=True),
            wan(executed, bold=True),
            rate(execution_rate(executed, budget)),
            text(""),
            text(""),
        )
    )
    if scores.unit is not None:
        unit = scores.unit.execution
        rows.append(
            (
                label("单位整体", 2),
                text("全部支出"),
                wan(unit.budget, bold=True),
                wan(unit.executed, bold=True),
                rate(unit.rate),
                score(scores.unit.total, bold=True),
                centred(scores.unit.grade.value),
            )
        )
    exempt = len(scores.projects) - len(projects)
    notes = ["执行率 = 全年执行数 ÷ 全年预算数（调整后）；得分、等级与各自评表一致。"]
    if exempt:
        notes.append(f"另有{exempt}个项目低于免于自评的金额标准，未列入本表。")
    form = Form(
        key="evaluation-summary",
        title=TITLE,
        sheet=sheet_name("自评汇总"),
        unit_name=data.unit.name,
        year=data.year,
        orientation=Orientation.PORTRAIT,
        subtitle=f"（{data.year}年度）",
        meta=meta(data, WAN),
        blocks=(Block(columns=_COLUMNS, header=(header,), rows=tuple(rows)),),
        signoff=signoff_roles(data),
        signed=signed(data, STAGE),
        notes=tuple(notes),
    )
    return FormFamily(key="evaluation-summary", title=TITLE, forms=(form,))
