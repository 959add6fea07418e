"""What every page of the upper level's window is, and the widgets the pages share.

A page is built when first opened, reads its services when shown, and reloads only when an
area it shows changed meanwhile (:class:`~unionperf.ui.upper.context.Area`), as the grassroots
steps do (``ui/steps/base.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableView,
    QTreeView,
    QWidget,
)

from unionperf.ui.upper.context import Area, UpperContext
from unionperf.ui.widgets.table_model import Column

__all__ = [
    "ROW_PADDING",
    "UpperPage",
    "fit_columns",
    "intro_label",
    "read_only_table",
    "read_only_tree",
]

ROW_PADDING = 6
"""Pixels above and below a row's text."""
TITLE_PADDING = 16
"""Pixels around a column title (margins, the sort indicator)."""


class UpperPage(QWidget):
    """Base of the six pages: built once, (re)loaded when shown after a change it shows.

    Subclasses set :attr:`areas` and implement :meth:`load`.
    """

    areas: frozenset[Area] = frozenset()
    """The areas whose change makes the page reload (every page reloads after a restore)."""

    def __init__(self, context: UpperContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.workspace = context.workspace
        self._stale = True
        context.changed.connect(self._on_changed)

    def activate(self) -> None:
        """Called when the navigator opens the page: load if something changed meanwhile."""
        if self._stale:
            self._stale = False
            self.load()

    def load(self) -> None:
        """Read the services and fill the widgets (override)."""

    def say(self, text: str) -> None:
        """Show a message in the window's status bar (what was just done)."""
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text)

    def _on_changed(self, area: str) -> None:
        if area != Area.ALL.value and area not in {item.value for item in self.areas}:
            return
        if self.isVisible():
            self._stale = False
            self.load()
        else:
            self._stale = True


def intro_label(text: str, name: str = "pageIntro") -> QLabel:
    """The line at the top of a page that says what the page is for and what to do."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #444444;")
    return label


def read_only_table(model: QAbstractItemModel, name: str) -> QTableView:
    """A read-only table over ``model``: whole rows selected, alternating rows."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + ROW_PADDING)
    table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
    return table


def read_only_tree(model: QAbstractItemModel, name: str) -> QTreeView:
    """A read-only tree over ``model``: whole rows selected, alternating rows."""
    tree = QTreeView()
    tree.setObjectName(name)
    tree.setModel(model)
    tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    return tree


def fit_columns(
    view: QTableView | QTreeView, columns: Sequence[Column[Any]], stretch: int | None = None
) -> None:
    """Each column as wide as its preferred width and its title; ``stretch`` takes the rest."""
    header = view.header() if isinstance(view, QTreeView) else view.horizontalHeader()
    char = view.fontMetrics().horizontalAdvance("中")
    bold = QFont(header.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    for index, column in enumerate(columns):
        title = metrics.horizontalAdvance(column.title) + TITLE_PADDING
        view.setColumnWidth(index, max(column.width_chars * char, title))
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
