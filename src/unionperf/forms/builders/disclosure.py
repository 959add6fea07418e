"""预算绩效信息公开表 (seed 三、3): the year on one page for the members' assembly and board.

Three tables on one A4 page: the budget (revenue and expenditure by category: 批复预算数,
全年执行数, 执行率), each project's goal with its budget execution, score and grade,
and what changes next year. No person appears on it (see :mod:`unionperf.domain.disclosure`);
scores come from ``domain.results.score_year`` as on the self-evaluation forms. A large unit's
sheet runs over the page: every further page says at its top that it continues the sheet.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from unionperf.domain.budget import TargetSet
from unionperf.domain.categories import Category, Flow
from unionperf.domain.disclosure import Masked, improvements_of, mask_personal_data, people_of
from unionperf.domain.money import ZERO
from unionperf.domain.monitoring import execution_rate
from unionperf.domain.results import YearScore, score_year
from unionperf.domain.scoring import TargetScore
from unionperf.domain.year import YearData
from unionperf.forms.builders.common import (
    WAN,
    Row,
    centred,
    label,
    rate,
    score,
    short_project_name,
    text,
    wan,
)
from unionperf.forms.builders.evaluation import filing
from unionperf.forms.model import Block, Cell, Form, FormFamily, Orientation

TITLE = "预算绩效信息公开表"
KEY = "disclosure"
CONTINUED = "续页：本表一页未能容纳，以下接上页"
_COLUMNS = (0.55, 2.3, 1.25, 1.25, 1.35, 2.2, 1.25, 1.2, 0.9, 0.6)
"""One grid for the three tables (spans make their columns; the workbook stacks them on one sheet):
budget: 收入科目 (0–1), 预算, 执行, 执行率, 支出科目, 预算, 执行, 执行率 (8–9);
projects: 序号, 项目名称, 年度绩效目标 (2–6), 执行率, 得分, 等级;
improvements: 序号, 项目名称, 下一年度改进措施 (2–9)."""
UNIT_ROW = "单位整体"


def disclosure_family(data: YearData, scores: YearScore | None = None) -> FormFamily:
    """The disclosure sheet of a year (its self-evaluation must be scored).

    Args:
        data: The year.
        scores: The year's scores when already computed (must be ``score_year(data)``).
    """
    scores = scores or score_year(data)
    people = people_of(data)
    masked = 0

    def clean(value: str) -> str:
        nonlocal masked
        result: Masked = mask_personal_data(value, people)
        masked += result.count
        return result.text

    owners = _owners(data, scores)
    blocks = (
        _budget_block(data),
        _project_block(owners, clean),
        _improvement_block(data, owners, clean),
    )
    notes = [
        "预算数为批复预算数，执行率 = 执行数 ÷ 预算数（项目按调整后预算）；得分为自评结果，"
        "优≥90，良≥80，中≥60，差<60。",
        "依据总工办发〔2019〕25号 三、3公开；不含个人信息，项目负责人、电话、地址和"
        "签字人姓名不予公开。",
    ]
    if masked:
        notes.append(f"文字中出现的人员姓名、电话号码等个人信息已隐去（{masked}处，以“××”表示）。")
    exempt = len(scores.projects) - len(filing(scores))
    if exempt:
        notes.append(f"另有{exempt}个项目低于免于自评的金额标准，未列入本表。")
    form = Form(
        key=KEY,
        title=f"{data.year}年度{TITLE}",
        sheet="绩效信息公开",
        unit_name=data.unit.name,
        year=data.year,
        orientation=Orientation.PORTRAIT,
        meta=(
            ("工会名称", data.unit.name),
            ("统一社会信用代码", data.unit.credit_code),
            ("单位", WAN),
        ),
        blocks=blocks,
        signoff=(),
        notes=tuple(notes),
        dense=True,
        continued=CONTINUED,
    )
    return FormFamily(key=KEY, title=f"{data.year}年度{TITLE}", forms=(form,))


_Owner = tuple[str, TargetSet, TargetScore]
"""(name as printed, targets, score) of a filing project or of the unit as a whole."""


def _owners(data: YearData, scores: YearScore) -> list[_Owner]:
    owners: list[_Owner] = [
        (short_project_name(item.project.name, data.year), item.project.targets, item.score)
        for item in filing(scores)
    ]
    if scores.unit is not None:
        owners.append((UNIT_ROW, data.unit_targets, scores.unit))
    return owners


def _categories(data: YearData, flow: Flow) -> list[tuple[Category, Decimal, Decimal]]:
    """(category, 批复预算数, 全年执行数) of each category the year budgets or spends."""
    found = []
    for category in data.catalogue.of_flow(flow):
        lines = [line for line in data.budget if line.category_code == category.code]
        if lines:
            approved = sum((line.approved for line in lines), ZERO)
            executed = sum((line.executed for line in lines), ZERO)
            found.append((category, approved, executed))
    return found


def _budget_block(data: YearData) -> Block:
    header: Row = (
        label("收入科目", 2),
        label("预算数"),
        label("执行数"),
        label("执行率"),
        label("支出科目"),
        label("预算数"),
        label("执行数"),
        label("执行率", 2),
    )
    revenue = _categories(data, Flow.REVENUE)
    spending = _categories(data, Flow.EXPENDITURE)
    rows: list[Row] = []
    for index in range(max(len(revenue), len(spending))):
        left = _amount_cells(revenue[index] if index < len(revenue) else None, 2)
        right = _amount_cells(spending[index] if index < len(spending) else None, 1)
        rows.append((*left, *right[:-1], _widened(right[-1])))
    totals: Row = (
        label("收入合计", 2),
        *_total_cells(revenue),
        label("支出合计"),
        *_total_cells(spending)[:-1],
        _widened(_total_cells(spending)[-1]),
    )
    rows.append(totals)
    return Block(
        columns=_COLUMNS, header=(header,), rows=tuple(rows), caption="一、预算收支及执行情况"
    )


def _amount_cells(
    item: tuple[Category, Decimal, Decimal] | None, name_span: int
) -> tuple[Cell, ...]:
    if item is None:
        return (text("", name_span), text(""), text(""), text(""))
    category, approved, executed = item
    return (
        text(category.name, name_span),
        wan(approved),
        wan(executed),
        rate(execution_rate(executed, approved)),
    )


def _total_cells(items: list[tuple[Category, Decimal, Decimal]]) -> tuple[Cell, ...]:
    approved = sum((item[1] for item in items), ZERO)
    executed = sum((item[2] for item in items), ZERO)
    return (
        wan(approved, bold=True),
        wan(executed, bold=True),
        rate(execution_rate(executed, approved)),
    )


def _widened(cell: Cell) -> Cell:
    """The last cell of a budget row spans the grid's last two columns."""
    return Cell(cell.value, cell.kind, colspan=2, bold=cell.bold, align=cell.align)


def _project_block(owners: list[_Owner], clean: Callable[[str], str]) -> Block:
    header: Row = (
        label("序号"),
        label("项目名称"),
        label("年度绩效目标", 5),
        label("执行率"),
        label("得分"),
        label("等级"),
    )
    rows: list[Row] = []
    for index, (name, targets, result) in enumerate(owners, start=1):
        rows.append(
            (
                centred(str(index)),
                text(clean(name)),
                text(clean(targets.annual_goal) or "—", 5),
                rate(result.execution.rate),
                score(result.total, bold=True),
                centred(result.grade.value),
            )
        )
    return Block(
        columns=_COLUMNS, header=(header,), rows=tuple(rows), caption="二、项目绩效目标及自评结果"
    )


def _improvement_block(data: YearData, owners: list[_Owner], clean: Callable[[str], str]) -> Block:
    header: Row = (label("序号"), label("项目名称"), label("下一年度改进措施", 8))
    rows: list[Row] = [
        (
            centred(str(index)),
            text(clean(name)),
            text(clean(improvements_of(data, targets)) or "—", 8),
        )
        for index, (name, targets, _result) in enumerate(owners, start=1)
    ]
    return Block(
        columns=_COLUMNS, header=(header,), rows=tuple(rows), caption="三、下一年度改进措施"
    )
