"""The indicator tree of one owner: level 1 → level 2 (the framework) → level 3 (the indicators).

Levels 1 and 2 come from the year's indicator framework, so every category shows even while it
is empty (the user picks one to add an indicator under it); an indicator whose category is not in
the framework gets a row of its own, in red. Level-1 and level-2 rows show the sum of their
indicators' points; the level-1 sums are checked with the domain's target rules and shown in red
when they break them. Level-3 cells are editable; an edit is handed to a ``commit`` callable (the
targets step saves it through the session, hence undoable).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from unionperf.domain.budget import TargetSet
from unionperf.domain.indicators import Indicator, IndicatorKind, Operator, Period
from unionperf.domain.problems import Problem
from unionperf.domain.validation.target_rules import check_targets
from unionperf.domain.year import YearData
from unionperf.ui.steps.targets.indicator_edits import edited_indicator
from unionperf.ui.steps.targets.tree_cells import (
    ALIGNMENTS,
    ANSWERED_ROLES,
    BROKEN_COLOUR,
    COLUMNS,
    INDICATOR_BASE,
    LEVEL2_BASE,
    CellProblems,
    Paints,
    cell_problems,
    pack,
    unpack,
)
from unionperf.ui.steps.targets.tree_nodes import (
    Level1,
    Level2,
    LevelSum,
    NodeKind,
    TreeColumn,
    build_tree,
    editor_kind,
    sums_of,
    target_text,
    tree_shape,
)
from unionperf.ui.widgets.formatting import plain
from unionperf.ui.widgets.table_model import CHOICES_ROLE, KIND_ROLE, LABEL_ROLE

__all__ = [
    "BROKEN_COLOUR",
    "Commit",
    "Refused",
    "TargetTreeModel",
]

Index = QModelIndex | QPersistentModelIndex
Commit = Callable[[Indicator, Indicator], bool]
"""Save ``new`` in place of ``old``; returns whether it was saved."""
Refused = Callable[[Indicator, TreeColumn, str], None]
"""Tell the user that the text typed into a cell of an indicator was not taken."""


class TargetTreeModel(QAbstractItemModel):
    """Level 1 → level 2 → level-3 indicators of one owner, with points sums and live checks."""

    def __init__(
        self,
        commit: Commit | None = None,
        parent: QObject | None = None,
        refused: Refused | None = None,
    ) -> None:
        super().__init__(parent)
        self._commit = commit
        self._refused = refused
        self._tree: list[Level1] = []
        self._owner = ""
        self._sums: dict[str, LevelSum] = {}
        self._problems = CellProblems({}, {})
        self._paints = Paints()

    # -- content -------------------------------------------------------------------------------

    @property
    def owner_uid(self) -> str:
        """The owner whose targets are shown (empty when none)."""
        return self._owner

    def set_targets(self, data: YearData | None, targets: TargetSet | None) -> None:
        """Show an owner's targets, or refresh them after an edit.

        When the rows are the same as before (an edited cell), the cells are updated in place so
        that the view keeps its selection, expansion and open editor; otherwise the model resets.
        """
        if data is None or targets is None:
            self._replace([], "", [])
            return
        tree = build_tree(data, targets)
        problems = check_targets(data, targets, points_hard=False)
        self._replace(tree, targets.owner_uid, problems, sums_of(data, tree, problems))

    def _replace(
        self,
        tree: list[Level1],
        owner: str,
        problems: Sequence[Problem],
        sums: dict[str, LevelSum] | None = None,
    ) -> None:
        same = owner == self._owner and tree_shape(tree) == tree_shape(self._tree)
        found = cell_problems(tree, problems)
        if not same:
            self.beginResetModel()
        self._tree, self._owner = tree, owner
        self._sums = sums or {}
        self._problems = found
        if not same:
            self.endResetModel()
            return
        self._emit_all_changed()

    def _emit_all_changed(self) -> None:
        last = len(TreeColumn) - 1
        if not self._tree:
            return
        self.dataChanged.emit(self.index(0, 0), self.index(len(self._tree) - 1, last))
        for row, top in enumerate(self._tree):
            parent = self.index(row, 0)
            if top.children:
                self.dataChanged.emit(
                    self.index(0, 0, parent), self.index(len(top.children) - 1, last, parent)
                )
            for child_row, child in enumerate(top.children):
                if child.indicators:
                    child_parent = self.index(child_row, 0, parent)
                    self.dataChanged.emit(
                        self.index(0, 0, child_parent),
                        self.index(len(child.indicators) - 1, last, child_parent),
                    )

    def level_sums(self) -> list[LevelSum]:
        """Each level-1 category's points sum with the expected value, in tree order."""
        return [self._sums[top.name] for top in self._tree if top.name in self._sums]

    def node_kind(self, index: Index) -> NodeKind | None:
        """Whether a row is a level-1, level-2 or indicator row."""
        if not index.isValid():
            return None
        ident = index.internalId()
        if ident == 0:
            return NodeKind.LEVEL1
        return NodeKind.LEVEL2 if ident < INDICATOR_BASE else NodeKind.INDICATOR

    def indicator_at(self, index: Index) -> Indicator | None:
        """The indicator of a level-3 row."""
        if self.node_kind(index) is not NodeKind.INDICATOR:
            return None
        top, child = unpack(index.internalId())
        return self._tree[top].children[child].indicators[index.row()]

    def category_at(self, index: Index) -> tuple[str, str] | None:
        """The (level 1, level 2) of a row; a level-1 row gives its first level 2."""
        kind = self.node_kind(index)
        if kind is NodeKind.LEVEL1:
            top = self._tree[index.row()]
            return (top.name, top.children[0].name) if top.children else None
        if kind is NodeKind.LEVEL2:
            top = self._tree[index.internalId() - LEVEL2_BASE]
            return top.name, top.children[index.row()].name
        if kind is NodeKind.INDICATOR:
            one, two = unpack(index.internalId())
            return self._tree[one].name, self._tree[one].children[two].name
        return None

    def category_known(self, level1: str, level2: str) -> bool:
        """Whether the pair is a category of the framework shown."""
        top = next((item for item in self._tree if item.name == level1), None)
        child = top.child(level2) if top else None
        return bool(top and child and top.known and child.known)

    def indicators(self) -> list[Indicator]:
        """The indicators shown, in tree order."""
        return [item for top in self._tree for child in top.children for item in child.indicators]

    def indicator_index(self, uid: str, column: int = 0) -> QModelIndex:
        """The index of an indicator's row (invalid when not shown)."""
        for one, top in enumerate(self._tree):
            for two, child in enumerate(top.children):
                for row, item in enumerate(child.indicators):
                    if item.uid == uid:
                        return self.createIndex(row, column, pack(one, two))
        return QModelIndex()

    def level1_index(self, name: str, column: int = 0) -> QModelIndex:
        """The index of a level-1 row (invalid when not shown)."""
        row = next((i for i, top in enumerate(self._tree) if top.name == name), None)
        return QModelIndex() if row is None else self.createIndex(row, column, 0)

    def level2_index(self, level1: str, level2: str, column: int = 0) -> QModelIndex:
        """The index of a level-2 row (invalid when not shown)."""
        for one, top in enumerate(self._tree):
            if top.name != level1:
                continue
            for row, child in enumerate(top.children):
                if child.name == level2:
                    return self.createIndex(row, column, LEVEL2_BASE + one)
        return QModelIndex()

    # -- Qt model interface --------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008 - Qt API
        """The index of a row under ``parent`` (invalid beyond its rows and columns).

        The bounds are checked here rather than by ``hasIndex``, which would call ``rowCount``
        and ``columnCount`` back in Python for each of the view's many calls.
        """
        if row < 0 or not 0 <= column < len(COLUMNS):
            return QModelIndex()
        count, ident = self._children(parent)
        return self.createIndex(row, column, ident) if row < count else QModelIndex()

    def _children(self, parent: Index) -> tuple[int, int]:
        """How many rows are under ``parent``, and their internal id."""
        if not parent.isValid():
            return len(self._tree), 0
        if parent.column() > 0:
            return 0, 0
        ident = parent.internalId()
        if ident == 0:
            return len(self._tree[parent.row()].children), LEVEL2_BASE + parent.row()
        if ident < INDICATOR_BASE:
            one = ident - LEVEL2_BASE
            return len(self._tree[one].children[parent.row()].indicators), pack(one, parent.row())
        return 0, 0

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008 - Qt API
        """The row above: a level-2 row's level 1, an indicator's level 2."""
        kind = self.node_kind(index)
        if kind is NodeKind.LEVEL2:
            return self.createIndex(index.internalId() - LEVEL2_BASE, 0, 0)
        if kind is NodeKind.INDICATOR:
            one, two = unpack(index.internalId())
            return self.createIndex(two, 0, LEVEL2_BASE + one)
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """Level-1 rows at the top, level-2 rows under them, indicators under those."""
        return self._children(parent)[0]

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """Name, kind, operator, target, unit, points, period, explanation."""
        return len(TreeColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(TreeColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._title(TreeColumn(section))
        if role == Qt.ItemDataRole.ToolTipRole and section == TreeColumn.POINTS:
            return self.tr("Level-1 and level-2 rows show the sum of their indicators' points")
        return None

    def _title(self, column: TreeColumn) -> str:  # noqa: PLR0911 - one return per column
        match column:
            case TreeColumn.NAME:
                return self.tr("Indicator")
            case TreeColumn.KIND:
                return self.tr("Kind")
            case TreeColumn.OPERATOR:
                return self.tr("Operator")
            case TreeColumn.TARGET:
                return self.tr("Target value")
            case TreeColumn.UNIT:
                return self.tr("Unit")
            case TreeColumn.POINTS:
                return self.tr("Points")
            case TreeColumn.PERIOD:
                return self.tr("Period")
            case TreeColumn.EXPLANATION:
                return self.tr("Explanation")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """A cell's text, edit value, editor kind, choices, colours and tooltips."""
        if role not in ANSWERED_ROLES or not index.isValid():
            return None
        column = COLUMNS[index.column()]
        ident = index.internalId()
        if ident >= INDICATOR_BASE:
            one, two = unpack(ident)
            indicator = self._tree[one].children[two].indicators[index.row()]
            return self._indicator_data(indicator, column, role)
        if ident == 0:
            return self._level1_data(self._tree[index.row()], column, role)
        top = self._tree[ident - LEVEL2_BASE]
        return self._level2_data(top.children[index.row()], column, role)

    def size_key(self, index: Index) -> tuple[object, bool]:
        """What a cell's size depends on besides its column and width: text, bold (level 1).

        The tree's cells show no icon and no check box (see ``WrappingDelegate``'s size_key).
        """
        return self.data(index), index.internalId() == 0

    def _level1_data(self, top: Level1, column: TreeColumn, role: int) -> object:  # noqa: PLR0911 - one return per role
        level_sum = self._sums.get(top.name)
        broken = bool(level_sum and level_sum.problem) or not top.known
        if role == Qt.ItemDataRole.DisplayRole:
            if column is TreeColumn.NAME:
                return top.name
            if column is TreeColumn.POINTS:
                return plain(top.points())
            return None
        if role == Qt.ItemDataRole.FontRole:
            return self._paints.bold
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and broken
            and column in (TreeColumn.NAME, TreeColumn.POINTS)
        ):
            return self._paints.broken
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._paints.category
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._level1_tooltip(top, level_sum, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGNMENTS[column]
        return None

    def _level1_tooltip(
        self, top: Level1, level_sum: LevelSum | None, column: TreeColumn
    ) -> str | None:
        if not top.known:
            return self.tr("This level-1 category is not in the indicator framework of the year")
        if column is TreeColumn.POINTS and level_sum is not None:
            if level_sum.problem:
                return level_sum.problem
            if level_sum.expected is not None:
                return self.tr("Points add up to {expected}, as required").format(
                    expected=plain(level_sum.expected)
                )
        if column is TreeColumn.NAME and top.name in self._problems.level1:
            return "\n".join(self._problems.level1[top.name])
        return None

    def _level2_data(  # noqa: PLR0911 - one return per role
        self, child: Level2, column: TreeColumn, role: int
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if column is TreeColumn.NAME:
                return child.name
            if column is TreeColumn.POINTS and child.indicators:
                return plain(child.points())
            return None
        if role == Qt.ItemDataRole.ForegroundRole and not child.known:
            return self._paints.broken
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._paints.category
        if role == Qt.ItemDataRole.ToolTipRole and not child.known:
            return self.tr("This level-2 category is not in the indicator framework of the year")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGNMENTS[column]
        return None

    def _indicator_data(self, indicator: Indicator, column: TreeColumn, role: int) -> object:  # noqa: PLR0911 - one return per role
        if role == Qt.ItemDataRole.DisplayRole:
            return self._indicator_text(indicator, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._indicator_value(indicator, column)
        if role == KIND_ROLE:
            return editor_kind(indicator, column).value
        if role == LABEL_ROLE:
            return indicator.name
        if role == CHOICES_ROLE:
            return self._choices(column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column is TreeColumn.TARGET and indicator.kind is IndicatorKind.QUALITATIVE:
                return ALIGNMENTS[TreeColumn.NAME]
            return ALIGNMENTS[column]
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._paints.problem if self._problems.of(indicator.uid, column) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._indicator_tooltip(indicator, column)
        return None  # font, foreground: as the view's

    def _indicator_tooltip(self, indicator: Indicator, column: TreeColumn) -> str | None:
        messages = self._problems.of(indicator.uid, column)
        if messages:
            return "\n".join(messages)
        if column in (TreeColumn.NAME, TreeColumn.EXPLANATION):
            return indicator.explanation or None
        if column is TreeColumn.TARGET:
            return indicator.display_target or None
        return None

    def _indicator_text(self, indicator: Indicator, column: TreeColumn) -> str:  # noqa: PLR0911 - one return per column
        match column:
            case TreeColumn.NAME:
                return indicator.name
            case TreeColumn.KIND:
                return self._kind_label(indicator.kind)
            case TreeColumn.OPERATOR:
                return self._operator_label(indicator.operator)
            case TreeColumn.TARGET:
                return target_text(indicator)
            case TreeColumn.UNIT:
                return indicator.unit
            case TreeColumn.POINTS:
                return plain(indicator.points)
            case TreeColumn.PERIOD:
                return self._period_label(indicator.period)
            case TreeColumn.EXPLANATION:
                return indicator.explanation

    def _indicator_value(self, indicator: Indicator, column: TreeColumn) -> str:
        match column:
            case TreeColumn.KIND:
                return indicator.kind.value
            case TreeColumn.OPERATOR:
                return indicator.operator.value
            case TreeColumn.PERIOD:
                return indicator.period.value
            case _:
                return self._indicator_text(indicator, column)

    def _choices(self, column: TreeColumn) -> list[tuple[str, str]] | None:
        if column is TreeColumn.KIND:
            return [(kind.value, self._kind_label(kind)) for kind in IndicatorKind]
        if column is TreeColumn.OPERATOR:
            return [(operator.value, self._operator_label(operator)) for operator in Operator]
        if column is TreeColumn.PERIOD:
            return [(period.value, self._period_label(period)) for period in Period]
        return None

    def _kind_label(self, kind: IndicatorKind) -> str:
        if kind is IndicatorKind.QUALITATIVE:
            return self.tr("Qualitative")
        return self.tr("Quantitative")

    def _operator_label(self, operator: Operator) -> str:
        if operator is Operator.QUALITATIVE:
            return self.tr("Qualitative")
        return operator.symbol

    def _period_label(self, period: Period) -> str:
        if period is Period.MIDTERM:
            return self.tr("Mid-term")
        return self.tr("Annual")

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Every row is selectable; indicator cells are editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if self._commit is not None and self.node_kind(index) is NodeKind.INDICATOR:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Commit an edited indicator cell (the screen refreshes the tree once it is saved)."""
        if role != Qt.ItemDataRole.EditRole or self._commit is None:
            return False
        indicator = self.indicator_at(index)
        if indicator is None:
            return False
        column = TreeColumn(index.column())
        new = edited_indicator(indicator, column, value)
        if new is None:
            text = "" if value is None else str(value).strip()
            if text and self._refused is not None:
                self._refused(indicator, column, text)
            return False
        if new == indicator:
            return True
        return self._commit(indicator, new)
