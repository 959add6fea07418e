"""Read the 预算 sheet (上年结余, the unit-wide goals, the budget lines) and what was exported."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from unionperf.domain.budget import BudgetLine
from unionperf.domain.money import ZERO, AmountError
from unionperf.domain.year import YearData
from unionperf.forms.fillin import layout, values
from unionperf.forms.fillin.sheet import (
    CONFLICT,
    Grid,
    OutOfRange,
    as_text,
    is_blank,
    shorten,
    to_decimal,
)


@dataclass(frozen=True, slots=True)
class Exported:
    """What the workbook held when it was exported (from the hidden 选项 sheet)."""

    projects: frozenset[str]
    indicators: frozenset[str]
    head: str


def read_exported(grid: Grid) -> Exported:
    """The exported project and indicator uids and the fixed cells' fingerprint."""

    def column(title: str) -> list[str]:
        index = grid.columns.get(title)
        if index is None:
            return []
        cells = (row[index] if index < len(row) else None for row in grid.rows[1:])
        return [as_text(value).strip() for value in cells if not is_blank(value)]

    head = column(layout.EXPORTED_HEAD)
    return Exported(
        frozenset(column(layout.EXPORTED_PROJECTS)),
        frozenset(column(layout.EXPORTED_INDICATORS)),
        head[0] if head else "",
    )


def fixed(grid: Grid, address: str) -> Any:
    """The value of a fixed cell such as ``B4`` (``None`` when blank)."""
    column = ord(address[0]) - ord("A") + 1
    value = grid.value((int(address[1:]), column))
    return None if is_blank(value) else value


@dataclass(frozen=True, slots=True)
class Head:
    """The 预算 sheet's fixed cells as read: 上年结余 and the unit-wide goals."""

    opening: Decimal
    annual_goal: str
    midterm_goal: str


def read_budget(
    grid: Grid, current: YearData, exported: Exported
) -> tuple[Head, tuple[BudgetLine, ...]]:
    """上年结余, the unit-wide goals and the budget lines (lines not in the sheet are kept)."""
    head = _head(grid, current, exported)
    lines = {line.category_code: line for line in current.budget}
    updated: dict[str, BudgetLine] = {}
    seen: dict[str, int] = {}
    for row in grid.data_rows((layout.B_CODE, *layout.BUDGET_INPUTS)):
        code = row.text(layout.B_CODE).strip()
        category = current.catalogue.by_code(code) if code else None
        if not code:
            row.problem(layout.B_CODE, "请填写科目代码")
            continue
        if category is None:
            message = f"未知科目“{code}”：请使用{current.catalogue.title}的科目代码"
            row.problem(layout.B_CODE, message)
            continue
        if code in seen:
            row.problem(layout.B_CODE, f"科目“{code}”重复（第{seen[code]}行已填写）")
            continue
        seen[code] = row.line
        if row.untouched():
            continue
        last, budget, executed = (
            row.money(title) for title in (layout.B_LAST, layout.B_BUDGET, layout.B_EXECUTED)
        )
        adjustment = row.money(layout.B_ADJUST, negative=True)
        old = lines.get(code)
        if old is None and not any((last, budget, adjustment, executed)):
            continue
        line = BudgetLine(code, last or ZERO, budget or ZERO, adjustment or ZERO, executed or ZERO)
        if line.approved < ZERO:
            message = f"调整后的批复预算数为负数（{line.approved}元），请检查调整数"
            row.problem(layout.B_ADJUST, message)
        if line == old:
            continue
        if not row.conflicts(values.budget_row(code, category.name, old), layout.B_BUDGET):
            updated[code] = line
    result = [updated.get(line.category_code, line) for line in current.budget]
    result += [line for code, line in updated.items() if code not in lines]
    return head, tuple(result)


def _head(grid: Grid, current: YearData, exported: Exported) -> Head:
    """上年结余 and the unit-wide goals: kept unless the user changed those cells.

    The cells are one block, like a row: edited while the workspace changed any of them since
    the export, they are a conflict. A workbook without the 中期目标 cell (an earlier version)
    keeps the goal the workspace holds, its block compared on the two cells it has.
    """
    targets = current.unit_targets
    old = Head(current.opening_balance, targets.annual_goal, targets.midterm_goal)
    if as_text(fixed(grid, "A1")).strip() != layout.OPENING_LABEL:
        grid.problems.add(grid.name, "A1", f"此处应为“{layout.OPENING_LABEL}”，请勿移动表头")
        return old
    midterm = _has_midterm(grid)
    if midterm is None:
        return old
    cells = [grid.value((row, 2)) for row in range(1, 4 if midterm else 3)]
    if exported.head and layout.fingerprint(cells) == exported.head:
        return old
    new = Head(
        _opening(grid, old.opening),
        _goal(grid, layout.UNIT_GOAL_CELL),
        _goal(grid, layout.UNIT_MIDTERM_CELL) if midterm else old.midterm_goal,
    )
    if new == old:
        return old
    if exported.head and values.head_check(current, midterm=midterm) != exported.head:
        grid.problems.add(grid.name, layout.OPENING_CELL, CONFLICT)
        return old
    return new


def _has_midterm(grid: Grid) -> bool | None:
    """Whether the sheet has the unit-wide 中期目标 cell (``None``: its label was moved).

    Earlier versions left row 3 blank: blank there is such a workbook. Anything else than the
    label in A3 is refused, as a goal typed without its label would otherwise be dropped.
    """
    label = as_text(fixed(grid, layout.UNIT_MIDTERM_LABEL_CELL)).strip()
    if label == layout.UNIT_MIDTERM_LABEL:
        return True
    if not label and fixed(grid, layout.UNIT_MIDTERM_CELL) is None:
        return False
    grid.problems.add(
        grid.name,
        layout.UNIT_MIDTERM_LABEL_CELL,
        f"此处应为“{layout.UNIT_MIDTERM_LABEL}”，请勿移动表头",
    )
    return None


def _goal(grid: Grid, address: str) -> str:
    """A goal as typed (blank: none)."""
    value = fixed(grid, address)
    return "" if value is None else as_text(value)


def _opening(grid: Grid, old: Decimal) -> Decimal:
    value = fixed(grid, layout.OPENING_CELL)
    if value is None:
        return ZERO
    try:
        amount = to_decimal(value)
    except OutOfRange as error:
        message = f"“{layout.OPENING_LABEL}”的数值{error.shown}{error.reason}"
        grid.problems.add(grid.name, layout.OPENING_CELL, message)
        return old
    except AmountError:
        message = f"“{shorten(as_text(value))}”不是数字，请填写金额"
        grid.problems.add(grid.name, layout.OPENING_CELL, message)
        return old
    if amount < ZERO or amount != amount.quantize(Decimal("0.01")):
        message = "上年结余应为不小于0、最多两位小数的金额（元）"
        grid.problems.add(grid.name, layout.OPENING_CELL, message)
        return old
    return old if amount == old else amount
