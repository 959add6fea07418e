"""The funds block of the self-evaluation screen: where the year's spending (全年执行数) is typed.

A project's budget execution is the sum over its funding sources (domain.md §5.1: 年初预算数,
全年预算数 A, 全年执行数 B); the unit as a whole is scored on its expenditure budget, so its
rows are the expenditure categories (本年预算数, 批复预算数 as A, 全年执行数 as B). The screen
shows these rows, lets the user type B on each line and never adds anything up itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from unionperf.domain.budget import FUNDING_LABELS, UNIT_OWNER, BudgetLine
from unionperf.domain.categories import Flow
from unionperf.domain.money import ZERO, round_places
from unionperf.domain.unit import UnitLevel
from unionperf.domain.year import YearData

__all__ = ["FundsRow", "funds_rows"]


@dataclass(frozen=True, slots=True)
class FundsRow:
    """One line of the funds block: a funding source, an expenditure category, or the total."""

    key: str
    """The funding source's value (a project) or the category code (the unit); empty: total."""
    label: str
    initial: Decimal
    """年初预算数 (a project's line) or 本年预算数 (a category)."""
    budget: Decimal
    """全年预算数 (A): adjusted (a project's line) or 批复预算数 (a category)."""
    executed: Decimal
    """全年执行数 (B)."""

    @property
    def is_total(self) -> bool:
        """Whether this is the total row (not typed in)."""
        return not self.key

    @property
    def rate(self) -> Decimal | None:
        """执行率 B ÷ A (four places, as the score uses it); ``None`` when nothing is budgeted."""
        if self.budget <= ZERO:
            return None
        return round_places(self.executed / self.budget, 4)


def funds_rows(data: YearData, owner_uid: str) -> tuple[FundsRow, ...]:
    """The lines where an owner's spending is typed, then their total (when there are several)."""
    if owner_uid == UNIT_OWNER:
        lines = _category_rows(data)
    else:
        project = data.project(owner_uid)
        if project is None:
            return ()
        lines = [
            FundsRow(
                line.source.value,
                FUNDING_LABELS[line.source],
                line.initial,
                line.adjusted,
                line.executed,
            )
            for line in project.funding
        ]
    if len(lines) <= 1:
        return tuple(lines)
    total = FundsRow(
        "",
        "合计",
        sum((row.initial for row in lines), ZERO),
        sum((row.budget for row in lines), ZERO),
        sum((row.executed for row in lines), ZERO),
    )
    return (*lines, total)


def _category_rows(data: YearData) -> list[FundsRow]:
    """The expenditure categories the budget step shows, with their amounts."""
    held = {line.category_code: line for line in data.budget}
    everything = data.unit.level is UnitLevel.UPPER
    rows = []
    for category in data.catalogue.of_flow(Flow.EXPENDITURE):
        if category.grassroots or everything or category.code in held:
            line = held.get(category.code) or BudgetLine(category.code)
            rows.append(
                FundsRow(
                    category.code,
                    f"{category.code} {category.name}",
                    line.budget,
                    line.approved,
                    line.executed,
                )
            )
    return rows
