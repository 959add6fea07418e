"""The targets step's indicator tree view and the line of level-1 points sums under it.

The sums line's strings belong to the targets page: they are translated in the ``TargetsStep``
context.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QTreeView

from unionperf.ui.steps.targets.tree_model import TargetTreeModel
from unionperf.ui.steps.targets.tree_nodes import LevelSum, TreeColumn
from unionperf.ui.widgets.delegates import WrappingDelegate
from unionperf.ui.widgets.formatting import plain

__all__ = ["BROKEN_COLOUR", "OK_COLOUR", "indicator_tree", "sums_text"]

OK_COLOUR = "#1e7a34"
BROKEN_COLOUR = "#c0392b"
COLUMN_CHARS = {
    TreeColumn.NAME: 15,
    TreeColumn.KIND: 3,
    TreeColumn.OPERATOR: 3,
    TreeColumn.TARGET: 11,
    TreeColumn.UNIT: 5,
    TreeColumn.POINTS: 3,
    TreeColumn.PERIOD: 3,
}
"""Each column's width in Chinese characters (at least its title's width)."""


def indicator_tree(model: TargetTreeModel, em: int) -> QTreeView:
    """A tree over ``model``, edited in place by cell kind; ``em`` is the width of a 中."""
    tree = QTreeView()
    tree.setObjectName("indicatorTree")
    tree.setModel(model)
    # Long indicator names and qualitative target values wrap instead of being cut off.
    # Its cells hold text alone: their sizes are remembered by text, font and width.
    wrapped = (TreeColumn.NAME, TreeColumn.TARGET)
    tree.setItemDelegate(WrappingDelegate(tree, wrapped, size_key=model.size_key))
    tree.setUniformRowHeights(False)
    tree.setAllColumnsShowFocus(True)
    tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    tree.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    tree.setIndentation(em)
    metrics = tree.header().fontMetrics()
    for column, chars in COLUMN_CHARS.items():
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        width = max(em * chars, metrics.horizontalAdvance(title) + em)
        tree.setColumnWidth(column, width + em // 2)
    tree.header().setStretchLastSection(True)
    return tree


def sums_text(sums: Sequence[LevelSum]) -> str:
    """The level-1 points sums against the weights, in green or red (rich text)."""
    parts = []
    for level in sums:
        if level.expected is None:
            continue
        colour = BROKEN_COLOUR if level.problem else OK_COLOUR
        text = f"{level.level1} {plain(level.total)} / {plain(level.expected)}"
        parts.append(f'<span style="color:{colour}">{html.escape(text)}</span>')
    broken = any(level.problem for level in sums)
    note = (
        QCoreApplication.translate("TargetsStep", "points must add up to the weights")
        if broken
        else QCoreApplication.translate("TargetsStep", "points match the weights")
    )
    return QCoreApplication.translate("TargetsStep", "Points by level 1: {sums} ({note})").format(
        sums=" · ".join(parts), note=note
    )
