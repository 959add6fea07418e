"""The table views of the self-evaluation step: the owners and the scored indicators."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from unionperf.ui.steps.evaluation.indicator_models import IndicatorTableModel
from unionperf.ui.widgets.column_width import column_width
from unionperf.ui.widgets.delegates import ColumnDelegate
from unionperf.ui.widgets.table_model import Column

__all__ = ["indicator_table", "table_view"]


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
    view.horizontalHeader().setStretchLastSection(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    return view
