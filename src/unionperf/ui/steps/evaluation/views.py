"""The table views of the self-evaluation step: the owners and the scored indicators."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from unionperf.ui.steps.evaluation.indicator_models import INDICATOR_FIELDS, IndicatorTableModel
from unionperf.ui.widgets.column_width import column_width
from unionperf.ui.widgets.delegates import ColumnDelegate
from unionperf.ui.widgets.table_model import Column

__all__ = ["fit_indicator_columns", "indicator_table", "table_view"]

LEVEL1, LEVEL2, NAME, TARGET, POINTS = range(5)
"""The read-only columns of the indicator table, before the result fields."""
FIXED_CHARS = {
    LEVEL2: 4,
    NAME: 10,
    TARGET: 4,
    POINTS: 2,
    INDICATOR_FIELDS.index("actual"): 4,
    INDICATOR_FIELDS.index("tier"): 4,
    INDICATOR_FIELDS.index("score"): 3,
    INDICATOR_FIELDS.index("applicable"): 2,
    INDICATOR_FIELDS.index("na_reason"): 4,
    INDICATOR_FIELDS.index("deduction"): 3,
    INDICATOR_FIELDS.index("deduction_reason"): 4,
}
"""Widths (in 中) of the columns that keep their size, or their title's when that is wider."""
STRETCHED = (INDICATOR_FIELDS.index("deviation"), INDICATOR_FIELDS.index("improvement"))
"""The texts typed at length share what is left of the width."""
CELL_PADDING = 12
"""Pixels around a cell's text."""
LEAST_CHARS = 2
"""No column is narrower than this many 中 (the stretched texts shrink down to it at most)."""


def table_view(model: QAbstractItemModel, columns: Sequence[Column[Any]], name: str) -> QTableView:
    """A read-by-row table over ``model``, its columns as wide as they ask (in 中 widths)."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.horizontalHeader().setHighlightSections(False)
    width = table.fontMetrics().horizontalAdvance("中")
    for number, column in enumerate(columns):
        if column.width_chars:
            table.setColumnWidth(
                number,
                column_width(table.horizontalHeader(), column.title, column.width_chars, width)
                + 12,
            )
    return table


def indicator_table(model: IndicatorTableModel) -> QTableView:
    """The indicators of one owner, edited in place cell by cell."""
    view = table_view(model, model.columns, "evaluationIndicators")
    view.setItemDelegate(ColumnDelegate(view))
    fit_indicator_columns(view, model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    return view


def fit_indicator_columns(view: QTableView, model: IndicatorTableModel) -> None:
    """Lay the indicator columns out to fit the table's width (1366×768: no sideways scrolling).

    The level-1 column is left out (the level-2 names it, and its tooltip says both); the
    columns of not-applicable reasons and of deductions appear only when a row can use them;
    the deviation analysis and improvement measures share the width that is left.
    """
    header = view.horizontalHeader()
    em = view.fontMetrics().horizontalAdvance("中")
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(LEAST_CHARS * em)
    rows = model.rows()
    not_applicable = any(not row.applicable or row.result.na_reason for row in rows)
    deductions = any(
        row.deductible or row.result.deduction is not None or row.result.deduction_reason
        for row in rows
    )
    hidden = {LEVEL1}
    if not not_applicable:
        hidden.add(INDICATOR_FIELDS.index("na_reason"))
    if not deductions:
        hidden.update(
            (INDICATOR_FIELDS.index("deduction"), INDICATOR_FIELDS.index("deduction_reason"))
        )
    for number in range(model.columnCount()):
        view.setColumnHidden(number, number in hidden)
        if number in STRETCHED:
            header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
        elif number in FIXED_CHARS:
            header.setSectionResizeMode(number, QHeaderView.ResizeMode.Interactive)
            title = model.columns[number].title
            width = max(FIXED_CHARS[number] * em + CELL_PADDING, column_width(header, title, 0, em))
            view.setColumnWidth(number, width)
