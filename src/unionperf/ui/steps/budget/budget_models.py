"""The budget step's category table: its rows, columns and model."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from unionperf.domain.budget import BudgetLine
from unionperf.domain.categories import Category, Flow
from unionperf.domain.money import ZERO
from unionperf.domain.unit import UnitLevel
from unionperf.domain.year import YearData
from unionperf.ui.steps.budget.tables import TOTAL_COLOUR
from unionperf.ui.widgets.formatting import amount
from unionperf.ui.widgets.table_model import Column, Kind, RowTableModel

__all__ = [
    "AMOUNT_FIELDS",
    "BudgetRow",
    "BudgetTableModel",
    "budget_columns",
    "budget_rows",
]

Index = QModelIndex | QPersistentModelIndex


AMOUNT_FIELDS = ("last_year_actual", "budget", "adjustment", "approved", "executed")
"""The budget table's amount columns, in order, as :class:`BudgetLine` spells them."""


# -- the budget table ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BudgetRow:
    """A row of the budget table: one category's line, or a flow's total (no category)."""

    flow: Flow
    line: BudgetLine
    category: Category | None = None

    @property
    def is_total(self) -> bool:
        """Whether this is the revenue or expenditure total."""
        return self.category is None


def budget_rows(data: YearData) -> list[BudgetRow]:
    """Revenue categories, their total, expenditure categories, their total.

    A grassroots union sees the categories it normally uses and any other one it has amounts in.
    """
    held = {line.category_code: line for line in data.budget}
    everything = data.unit.level is UnitLevel.UPPER
    rows: list[BudgetRow] = []
    for flow in (Flow.REVENUE, Flow.EXPENDITURE):
        lines = []
        for category in data.catalogue.of_flow(flow):
            if category.grassroots or everything or category.code in held:
                line = held.get(category.code) or BudgetLine(category.code)
                rows.append(BudgetRow(flow, line, category))
                lines.append(line)
        rows.append(BudgetRow(flow, _total(lines)))
    return rows


def _total(lines: Sequence[BudgetLine]) -> BudgetLine:
    def added(field: str) -> Decimal:
        return sum((getattr(line, field) for line in lines), ZERO)

    return BudgetLine(
        "",
        last_year_actual=added("last_year_actual"),
        budget=added("budget"),
        adjustment=added("adjustment"),
        executed=added("executed"),
    )


def _row_name(row: BudgetRow) -> str:
    if row.category is not None:
        return row.category.name
    if row.flow is Flow.REVENUE:
        return QCoreApplication.translate("BudgetTable", "Revenue total")
    return QCoreApplication.translate("BudgetTable", "Expenditure total")


def _amount_title(field: str) -> str:
    match field:
        case "last_year_actual":
            return QCoreApplication.translate("BudgetTable", "Last year's actual")
        case "budget":
            return QCoreApplication.translate("BudgetTable", "Budget this year")
        case "adjustment":
            return QCoreApplication.translate("BudgetTable", "Adjustment")
        case "approved":
            return QCoreApplication.translate("BudgetTable", "Approved budget")
        case _:
            return QCoreApplication.translate("BudgetTable", "Executed (full year)")


def budget_columns(edit: Callable[[BudgetRow, str, object], bool]) -> list[Column[BudgetRow]]:
    """Code, name and the five amounts; ``edit(row, field, text)`` commits a typed amount."""
    columns: list[Column[BudgetRow]] = [
        Column(
            QCoreApplication.translate("BudgetTable", "Code"),
            lambda row: row.category.code if row.category else "",
            colour=_total_colour,
            width_chars=4,
        ),
        Column(
            QCoreApplication.translate("BudgetTable", "Category"),
            _row_name,
            colour=_total_colour,
            width_chars=8,
        ),
    ]
    for field in AMOUNT_FIELDS:
        columns.append(_amount_column(field, edit))
    return columns


def _amount_column(field: str, edit: Callable[[BudgetRow, str, object], bool]) -> Column[BudgetRow]:
    computed = field == "approved"

    def commit(row: BudgetRow, value: object) -> bool:
        return edit(row, field, value)

    return Column(
        _amount_title(field),
        lambda row: amount(getattr(row.line, field)),
        Kind.MONEY,
        edit=None if computed else commit,
        value=lambda row: f"{getattr(row.line, field):f}",
        colour=(lambda _row: TOTAL_COLOUR) if computed else _total_colour,
        tooltip=(
            (
                lambda _row: QCoreApplication.translate(
                    "BudgetTable", "Budget this year + adjustment"
                )
            )
            if computed
            else None
        ),
        editable=lambda row: not row.is_total,
        width_chars=7,
    )


def _total_colour(row: BudgetRow) -> str | None:
    return TOTAL_COLOUR if row.is_total else None


class BudgetTableModel(RowTableModel[BudgetRow]):
    """The budget by category; total rows read in bold."""

    label_column = 1
    """A row is named by its category's name."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """As :class:`RowTableModel`, with a bold font on the total rows."""
        if (
            role == Qt.ItemDataRole.FontRole
            and index.isValid()
            and index.row() < self.rowCount()
            and self.row(index.row()).is_total
        ):
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)
