"""The table views of the submit step: the checklist, the submission log and the feedback."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from unionperf.ui.widgets.table_model import Column

__all__ = ["fit_columns", "table_view"]


def table_view(name: str, model: QAbstractItemModel, stretch: int) -> QTableView:
    """A read-only table over ``model``, one row selected at a time; column ``stretch`` fills."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def fit_columns(*tables: tuple[QTableView, Sequence[Column[Any]]], em: int) -> None:
    """Each table's columns as wide as they ask, in widths of a 中 (``em`` pixels)."""
    for view, columns in tables:
        for number, width in enumerate(column.width_chars for column in columns):
            if width:
                view.setColumnWidth(number, width * em)
