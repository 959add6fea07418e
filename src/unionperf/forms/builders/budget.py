"""工会经费收支预算表 (domain.md §6.3): the unit's budget by accounting subject, in 元."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from unionperf.domain.budget import BudgetLine
from unionperf.domain.categories import Category, Flow
from unionperf.domain.money import ZERO
from unionperf.domain.year import Stage, StageKind, YearData
from unionperf.forms.builders.common import (
    YUAN,
    Row,
    label,
    meta,
    sheet_name,
    signed,
    signoff_roles,
    text,
    yuan,
)
from unionperf.forms.model import Block, Cell, Form, FormFamily, Orientation

TITLE = "工会经费收支预算表"
_FLOW_HEADINGS = {Flow.REVENUE: "一、收入", Flow.EXPENDITURE: "二、支出"}
_TOTAL_LABELS = {Flow.REVENUE: "本年收入合计", Flow.EXPENDITURE: "本年支出合计"}

Amounts = Callable[[BudgetLine], Decimal]
_COLUMNS: tuple[tuple[str, Amounts], ...] = (
    ("上年决算数", lambda line: line.last_year_actual),
    ("本年预算数", lambda line: line.budget),
    ("调整数", lambda line: line.adjustment),
    ("批复预算数", lambda line: line.approved),
)
_EXECUTED: tuple[str, Amounts] = ("全年执行数", lambda line: line.executed)


def budget_family(data: YearData) -> FormFamily:
    """The budget table: one row per category, totals, balance and carried-over balance.

    Rows are the grassroots categories of the catalogue (and any other category that holds a
    budget line), revenue then expenditure; the 全年执行数 column appears once the year has
    executed amounts.
    """
    columns = _amount_columns(data)
    widths = (0.8, 2.6, *(1.4 for _ in columns))
    header: Row = (label("科目编码"), label("科目名称"), *(label(name) for name, _ in columns))
    rows: list[Row] = []
    totals: dict[Flow, list[Decimal]] = {}
    for flow in (Flow.REVENUE, Flow.EXPENDITURE):
        rows.append((label(_FLOW_HEADINGS[flow], colspan=len(widths), bold=True),))
        lines = [(category, _line(data, category)) for category in _categories(data, flow)]
        for category, line in lines:
            rows.append(_category_row(category, line, columns))
        sums = [sum((pick(line) for _, line in lines), ZERO) for _, pick in columns]
        totals[flow] = sums
        rows.append(_total_row(_TOTAL_LABELS[flow], sums))
    rows += _balance_rows(data, columns, totals)
    form = Form(
        key="budget",
        title=TITLE,
        sheet=sheet_name("收支预算表"),
        unit_name=data.unit.name,
        year=data.year,
        orientation=Orientation.PORTRAIT,
        subtitle=f"{data.year}年度",
        meta=meta(data, YUAN),
        blocks=(Block(columns=widths, header=(header,), rows=tuple(rows)),),
        signoff=signoff_roles(data),
        signed=signed(data, Stage(StageKind.TARGETS).name),
        notes=(
            "批复预算数 = 本年预算数 + 调整数；本年结余 = 本年收入合计 − 本年支出合计；"
            "期末滚存结余 = 本年结余 + 上年结余。",
        ),
    )
    return FormFamily(key="budget", title=TITLE, forms=(form,))


def _amount_columns(data: YearData) -> tuple[tuple[str, Amounts], ...]:
    executed = any(line.executed != ZERO for line in data.budget)
    return (*_COLUMNS, _EXECUTED) if executed else _COLUMNS


def _categories(data: YearData, flow: Flow) -> list[Category]:
    used = {line.category_code for line in data.budget}
    return [item for item in data.catalogue.of_flow(flow) if item.grassroots or item.code in used]


def _line(data: YearData, category: Category) -> BudgetLine:
    found = [line for line in data.budget if line.category_code == category.code]
    if len(found) == 1:
        return found[0]
    return BudgetLine(
        category.code,
        last_year_actual=sum((line.last_year_actual for line in found), ZERO),
        budget=sum((line.budget for line in found), ZERO),
        adjustment=sum((line.adjustment for line in found), ZERO),
        executed=sum((line.executed for line in found), ZERO),
    )


def _category_row(
    category: Category, line: BudgetLine, columns: tuple[tuple[str, Amounts], ...]
) -> Row:
    return (
        text(category.code, align="center"),
        text(category.name),
        *(yuan(pick(line)) for _, pick in columns),
    )


def _total_row(name: str, amounts: Sequence[Decimal | None]) -> Row:
    cells: list[Cell] = [label(name, colspan=2)]
    cells += [yuan(amount, bold=True) for amount in amounts]
    return tuple(cells)


def _balance_rows(
    data: YearData,
    columns: tuple[tuple[str, Amounts], ...],
    totals: dict[Flow, list[Decimal]],
) -> list[Row]:
    """本年结余, 上年结余 and 期末滚存结余, each per amount column where it is defined."""
    names = [name for name, _ in columns]
    balance = [
        revenue - spent
        for revenue, spent in zip(totals[Flow.REVENUE], totals[Flow.EXPENDITURE], strict=True)
    ]
    # 上年结余 is one amount carried into the year: it belongs to this year's columns only.
    opening: list[Decimal | None] = [
        None if name in ("上年决算数", "调整数") else data.opening_balance for name in names
    ]
    closing: list[Decimal | None] = [
        None if name == "上年决算数" else amount + (carried or ZERO)
        for name, amount, carried in zip(names, balance, opening, strict=True)
    ]
    return [
        _total_row("本年结余", balance),
        _total_row("上年结余", opening),
        _total_row("期末滚存结余", closing),
    ]
