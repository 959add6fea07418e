"""What the indicator tree's cells are made of, computed once.

The tree's row identifiers, the roles it answers, each column's alignment, the brushes and the
bold font, the problems by cell. The view asks the model's ``data`` for some ten roles of every
cell it lays out or paints (4,700 calls as the large unit's targets open); everything here keeps
that path to lookups.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from unionperf.domain.problems import Problem
from unionperf.ui.steps.targets.tree_nodes import Level1, TreeColumn, column_alignment
from unionperf.ui.widgets.table_model import CHOICES_ROLE, KIND_ROLE, LABEL_ROLE

__all__ = [
    "ALIGNMENTS",
    "ANSWERED_ROLES",
    "BROKEN_COLOUR",
    "CATEGORY_BACKGROUND",
    "COLUMNS",
    "COLUMN_FIELDS",
    "INDICATOR_BASE",
    "LEVEL2_BASE",
    "PROBLEM_BACKGROUND",
    "CellProblems",
    "Paints",
    "cell_problems",
    "pack",
    "unpack",
]

BROKEN_COLOUR = "#c0392b"
"""Text colour of a level-1 sum that breaks the points rule and of unknown categories."""
PROBLEM_BACKGROUND = "#fdecea"
"""Background of a level-3 cell a target rule complains about."""
CATEGORY_BACKGROUND = "#eef1f5"
"""Background of the level-1 and level-2 rows: computed, not typed in."""

LEVEL2_BASE = 1
"""A level-2 row's internal id: this plus its level 1's row (level-1 rows have 0)."""
INDICATOR_BASE = 1000
"""Indicator rows' internal ids start here (see :func:`pack`)."""

COLUMNS = tuple(TreeColumn)
"""The columns by number (calling the enum, ``TreeColumn(n)``, costs ten times this lookup)."""
ALIGNMENTS = tuple(column_alignment(column) for column in TreeColumn)
"""Each column's alignment, by number."""
COLUMN_FIELDS = {
    TreeColumn.NAME: ("name", "level2"),
    TreeColumn.OPERATOR: ("operator",),
    TreeColumn.TARGET: ("target",),
    TreeColumn.UNIT: ("unit",),
    TreeColumn.POINTS: ("points",),
}
"""The indicator fields whose problems a column's cell shows."""

ANSWERED_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        KIND_ROLE,
        LABEL_ROLE,
        CHOICES_ROLE,
    )
)
"""The roles the tree's model answers; the others (decoration, check state …) are ``None``."""


def pack(level1: int, level2: int) -> int:
    """The internal id of the indicator rows under a level-2 row."""
    return INDICATOR_BASE * (level1 + 1) + level2


def unpack(ident: int) -> tuple[int, int]:
    """The (level-1 row, level-2 row) of an indicator row's internal id."""
    return ident // INDICATOR_BASE - 1, ident % INDICATOR_BASE


class Paints:
    """The brushes and the bold font the cells show, made once per model (after the app)."""

    def __init__(self) -> None:
        self.broken = QBrush(QColor(BROKEN_COLOUR))
        self.problem = QBrush(QColor(PROBLEM_BACKGROUND))
        self.category = QBrush(QColor(CATEGORY_BACKGROUND))
        self.bold = QFont()
        self.bold.setBold(True)


@dataclass(frozen=True)
class CellProblems:
    """The target rules' messages: by (indicator uid, field), and by level-1 name."""

    cells: dict[tuple[str, str], list[str]]
    level1: dict[str, list[str]]

    def of(self, uid: str, column: TreeColumn) -> list[str]:
        """The messages about an indicator's cell in ``column``."""
        fields = COLUMN_FIELDS.get(column)
        if not fields or not self.cells:
            return []
        return [message for name in fields for message in self.cells.get((uid, name), [])]


def cell_problems(tree: Sequence[Level1], problems: Sequence[Problem]) -> CellProblems:
    """Sort the problems onto the indicator cells and the level-1 rows they are about."""
    cells: dict[tuple[str, str], list[str]] = {}
    level1: dict[str, list[str]] = {}
    indicator_uids = {
        item.uid for top in tree for child in top.children for item in child.indicators
    }
    for problem in problems:
        where = problem.where
        if where.item_uid in indicator_uids:
            cells.setdefault((where.item_uid, where.field), []).append(problem.message)
        elif where.item_uid:
            level1.setdefault(where.item_uid, []).append(problem.message)
    return CellProblems(cells, level1)
