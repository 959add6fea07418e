"""Models of 审核: the items of a unit's stage as a tree, and the tables around it.

The tables — the item's values, the draft opinions, the units to review and the history of
decisions — are table models whose columns are data.

The tree groups the review's items as the unit's own pages do: the stage as a whole, the budget
lines, the unit as a whole with its indicators, then each project with its indicators. Each row
shows the monitoring light (coloured as on the unit's monitoring page), the unit's score, the
upper level's re-score and how many draft opinions the item carries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from unionperf.domain.item_paths import ItemKind
from unionperf.domain.year import stage_label
from unionperf.services.upper.decisions import DecisionRecord
from unionperf.services.upper.review import ReviewItem, ReviewValue
from unionperf.services.upper.status import BoardLine
from unionperf.services.upper.tables import local_time
from unionperf.ui.steps.monitoring.labels import LIGHT_COLOURS, light_text
from unionperf.ui.upper.board.models import STATUS_COLOURS
from unionperf.ui.widgets.table_model import Column, RowTableModel

__all__ = [
    "DecisionModel",
    "DraftOpinion",
    "ItemTreeModel",
    "OpinionModel",
    "TreeColumn",
    "UnitListModel",
    "ValuesModel",
]

Index = QModelIndex | QPersistentModelIndex
GROUP_BACKGROUND = "#eef1f5"
"""The budget group's row: a heading, not an item of the unit's data."""
RESCORED_COLOUR = "#1d4f91"


@dataclass(frozen=True, slots=True)
class DraftOpinion:
    """An opinion written on an item, not sent yet (it goes in the next feedback package)."""

    item: ReviewItem
    text: str

    @property
    def path(self) -> str:
        """The item's readable path."""
        return self.item.path


@dataclass
class _Node:
    """A row of the tree: an item (or the budget heading) and the items under it."""

    item: ReviewItem | None
    name: str
    children: list[ReviewItem]


class TreeColumn:
    """The tree's columns."""

    NAME, LIGHT, SCORE, UPPER, OPINIONS = range(5)
    COUNT = 5


def _score(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


class ItemTreeModel(QAbstractItemModel):
    """The review's items: top rows (stage, budget, unit, projects) and their children."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._nodes: list[_Node] = []
        self._opinions: dict[str, int] = {}

    def set_items(self, items: Sequence[ReviewItem]) -> None:
        """Show a review's items (in the order the service gives them)."""
        nodes: list[_Node] = []
        budget: _Node | None = None
        for item in items:
            if item.kind is ItemKind.BUDGET_LINE:
                if budget is None:
                    budget = _Node(
                        None, QCoreApplication.translate("ReviewPage", "Budget lines"), []
                    )
                    nodes.append(budget)
                budget.children.append(item)
            elif (
                item.kind in (ItemKind.INDICATOR, ItemKind.ASSESSMENT)
                and nodes
                and nodes[-1].item is not None
            ):
                nodes[-1].children.append(item)
            else:
                nodes.append(_Node(item, item.name, []))
        self.beginResetModel()
        self._nodes = nodes
        self.endResetModel()

    def set_opinion_counts(self, counts: dict[str, int]) -> None:
        """How many draft opinions each path carries (the last column)."""
        self._opinions = counts
        if self._nodes:
            self.dataChanged.emit(
                self.index(0, TreeColumn.OPINIONS),
                self.index(len(self._nodes) - 1, TreeColumn.OPINIONS),
            )
            for row, node in enumerate(self._nodes):
                if node.children:
                    parent = self.index(row, 0)
                    self.dataChanged.emit(
                        self.index(0, TreeColumn.OPINIONS, parent),
                        self.index(len(node.children) - 1, TreeColumn.OPINIONS, parent),
                    )

    def item_at(self, index: Index) -> ReviewItem | None:
        """The item of a row (``None`` for the budget heading)."""
        if not index.isValid():
            return None
        parent = index.internalId()
        if parent == 0:
            return self._nodes[index.row()].item
        return self._nodes[parent - 1].children[index.row()]

    def index_of(self, path: str) -> QModelIndex:
        """The index of the row of an item's path (invalid when not shown)."""
        for row, node in enumerate(self._nodes):
            if node.item is not None and node.item.path == path:
                return self.index(row, 0)
            for child_row, child in enumerate(node.children):
                if child.path == path:
                    return self.index(child_row, 0, self.index(row, 0))
        return QModelIndex()

    def items(self) -> list[ReviewItem]:
        """Every item shown, in tree order."""
        found: list[ReviewItem] = []
        for node in self._nodes:
            if node.item is not None:
                found.append(node.item)
            found.extend(node.children)
        return found

    # -- Qt model interface --------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """The index of a row under ``parent``."""
        if not parent.isValid():
            if 0 <= row < len(self._nodes):
                return self.createIndex(row, column, 0)
            return QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        node = self._nodes[parent.row()]
        if 0 <= row < len(node.children):
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        """A child's top row (none for a top row)."""
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Top rows, or the children of a top row."""
        if not parent.isValid():
            return len(self._nodes)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return len(self._nodes[parent.row()].children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """The five columns."""
        return TreeColumn.COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            QCoreApplication.translate("ReviewPage", "Item"),
            QCoreApplication.translate("ReviewPage", "Light"),
            QCoreApplication.translate("ReviewPage", "Unit's score"),
            QCoreApplication.translate("ReviewPage", "Re-score"),
            QCoreApplication.translate("ReviewPage", "Opinions"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: PLR0911
        """Name, light, scores and opinion count; colours for the light and the re-score."""
        if not index.isValid():
            return None
        item = self.item_at(index)
        column = index.column()
        if item is None:  # the budget heading
            if role == Qt.ItemDataRole.DisplayRole and column == TreeColumn.NAME:
                return self._nodes[index.row()].name
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(GROUP_BACKGROUND))
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == TreeColumn.NAME:
            return item.path
        if role == Qt.ItemDataRole.BackgroundRole and column == TreeColumn.LIGHT and item.light:
            return QBrush(QColor(LIGHT_COLOURS[item.light]))
        if role == Qt.ItemDataRole.ForegroundRole and column == TreeColumn.UPPER:
            return QBrush(QColor(RESCORED_COLOUR))
        if role == Qt.ItemDataRole.FontRole and index.internalId() == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column != TreeColumn.NAME:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, item: ReviewItem, column: int) -> str:
        if column == TreeColumn.NAME:
            return item.name
        if column == TreeColumn.LIGHT:
            return light_text(item.light)
        if column == TreeColumn.SCORE:
            return _score(item.score)
        if column == TreeColumn.UPPER:
            return _score(item.upper_score)
        count = self._opinions.get(item.path, 0)
        return f"✎ {count}" if count else ""


LABEL_WIDTH_CHARS = 10
"""The longest labels (统一社会信用代码, 单位整体自评得分…) whole, not cut to “统一社会信用…”."""


class ValuesModel(RowTableModel[ReviewValue]):
    """The values of the item selected: label and text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("ReviewPage", "What"),
                    lambda value: value.label,
                    tooltip=lambda value: value.label,
                    width_chars=LABEL_WIDTH_CHARS,
                ),
                Column(
                    QCoreApplication.translate("ReviewPage", "Value"),
                    lambda value: value.text,
                    tooltip=lambda value: value.text,
                    width_chars=14,
                ),
            ],
            parent,
        )


class OpinionModel(RowTableModel[DraftOpinion]):
    """The opinions written for the next feedback package."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("ReviewPage", "Item"),
                    lambda opinion: opinion.path,
                    tooltip=lambda opinion: opinion.path,
                    width_chars=14,
                ),
                Column(
                    QCoreApplication.translate("ReviewPage", "Opinion"),
                    lambda opinion: opinion.text,
                    tooltip=lambda opinion: opinion.text,
                    width_chars=16,
                ),
            ],
            parent,
        )


class UnitListModel(RowTableModel[BoardLine]):
    """The units that sent the stage: name and status."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("ReviewPage", "Unit"),
                    lambda line: line.name,
                    tooltip=lambda line: f"{line.name}\n{line.code}",
                    width_chars=10,
                ),
                Column(
                    QCoreApplication.translate("ReviewPage", "Status"),
                    lambda line: line.label,
                    colour=lambda line: STATUS_COLOURS[line.status],
                    width_chars=4,
                ),
            ],
            parent,
        )


def _opinion_lines(record: DecisionRecord) -> str:
    lines = [f"{opinion.label or '—'}：{opinion.text}" for opinion in record.opinions]
    return "\n".join(lines)


class DecisionModel(RowTableModel[DecisionRecord]):
    """Every decision sent on the unit's stages, oldest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("ReviewPage", "Written"),
                    lambda record: local_time(record.created_at),
                    width_chars=9,
                ),
                Column(
                    QCoreApplication.translate("ReviewPage", "Year"),
                    lambda record: str(record.year),
                    width_chars=3,
                ),
                Column(
                    QCoreApplication.translate("ReviewPage", "Stage"),
                    lambda record: stage_label(record.stage),
                    width_chars=12,
                ),
                Column(
                    QCoreApplication.translate("ReviewPage", "Answered"),
                    lambda record: (
                        QCoreApplication.translate("ReviewPage", "package {number}").format(
                            number=record.responds_to
                        )
                        if record.responds_to
                        else ""
                    ),
                    width_chars=7,
                ),
                Column(
                    QCoreApplication.translate("ReviewPage", "Decision"),
                    lambda record: record.decision.label,
                    width_chars=3,
                ),
                Column(
                    QCoreApplication.translate("ReviewPage", "Reason or summary"),
                    lambda record: record.summary,
                    tooltip=lambda record: record.summary,
                    width_chars=14,
                ),
                Column(
                    QCoreApplication.translate("ReviewPage", "Opinions"),
                    lambda record: str(len(record.opinions)) if record.opinions else "",
                    tooltip=_opinion_lines,
                    width_chars=3,
                ),
            ],
            parent,
        )
