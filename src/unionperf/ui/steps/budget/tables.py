"""What the budget step's tables share: the table view, column widths, selecting a cell, amounts."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QItemSelectionModel
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from unionperf.domain.money import ZERO, AmountError, parse_money
from unionperf.ui import messages
from unionperf.ui.widgets.delegates import ColumnDelegate
from unionperf.ui.widgets.table_model import Column

__all__ = [
    "TOTAL_COLOUR",
    "fit_columns",
    "make_table",
    "select_cell",
    "typed_amount",
]


TOTAL_COLOUR = "#eef1f5"
"""Total rows and computed cells: a light grey-blue, so they read as not typed in."""


TITLE_PADDING = 16
"""Pixels around a column title (margins and the sort indicator's room)."""
ROW_PADDING = 6
"""Pixels above and below a row's text: the 15 budget rows fit without scrolling."""


def make_table(model: QAbstractTableModel, name: str) -> QTableView:
    """A table over ``model`` edited in place by cell kind, one cell selected at a time."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setItemDelegate(ColumnDelegate(table))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + ROW_PADDING)
    return table


def fit_columns(table: QTableView, columns: Sequence[Column[Any]], stretch: int) -> None:
    """Each column as wide as its preferred width and its title; one column takes the rest."""
    header = table.horizontalHeader()
    char = table.fontMetrics().horizontalAdvance("中")
    bold = QFont(header.font())
    bold.setBold(True)  # some styles draw the title of the current column in bold
    title_metrics = QFontMetrics(bold)
    for index, column in enumerate(columns):
        title = title_metrics.horizontalAdvance(column.title) + TITLE_PADDING
        table.setColumnWidth(index, max(column.width_chars * char, title))
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def select_cell(table: QTableView, row: int, column: int) -> None:
    """Make a cell the current and only selected one, scrolled into view."""
    index = table.model().index(row, column)
    table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    table.scrollTo(index)


def typed_amount(parent: QWidget, value: object) -> Decimal | None:
    """A typed amount (blank is 0), or ``None`` after telling the user it is not one."""
    text = str(value or "").replace(",", "").replace("，", "").strip()
    if not text:
        return ZERO
    try:
        return parse_money(text)
    except AmountError:
        messages.show_error(
            parent,
            QCoreApplication.translate("BudgetStep", "The change was not saved"),
            QCoreApplication.translate(
                "BudgetStep", "“{text}” is not an amount in yuan (at most two decimals)."
            ).format(text=text),
        )
        return None
