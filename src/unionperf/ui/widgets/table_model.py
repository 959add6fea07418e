"""A table model over tuples of rows whose columns are data (style.md §2.5).

A :class:`Column` says how a row shows in that column and, when editable, how an edit is
committed (through the :class:`~unionperf.ui.year_session.YearSession`, hence undoable). The
:class:`RowTableModel` holds the rows the service gave and never reads the store itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

__all__ = [
    "CHOICES_ROLE",
    "KIND_ROLE",
    "LABEL_ROLE",
    "ROW_ROLES",
    "Column",
    "Kind",
    "RowTableModel",
]

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

KIND_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""The column's :class:`Kind` (delegates pick their editor by it)."""
CHOICES_ROLE = int(Qt.ItemDataRole.UserRole) + 2
"""For a choice column, the (value, label) pairs the cell may take."""
LABEL_ROLE = int(Qt.ItemDataRole.UserRole) + 3
"""The name of a cell's row as the user reads it (messages about the cell name it)."""
ROW_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ToolTipRole,
        KIND_ROLE,
        CHOICES_ROLE,
        LABEL_ROLE,
    )
)
"""The roles :meth:`RowTableModel.data` answers: a view asks for some ten roles of every cell
it lays out or paints, and the others (font, decoration, check state …) are ``None`` at once."""


class Kind(Enum):
    """How a column's values are shown and edited."""

    TEXT = "text"
    MONEY = "money"
    NUMBER = "number"
    CHOICE = "choice"
    DATE = "date"
    CHECK = "check"


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its title, how a row reads in it, and how an edit is committed."""

    title: str
    text: Callable[[R], str]
    kind: Kind = Kind.TEXT
    edit: Callable[[R, object], bool] | None = None
    """Commit the edited value for the row; returns whether it was saved."""
    value: Callable[[R], object] | None = None
    """The value an editor starts from (default: the text)."""
    choices: Callable[[R], Sequence[tuple[str, str]]] | None = None
    colour: Callable[[R], str | None] | None = None
    """A background colour name for the cell (traffic lights), or ``None``."""
    tooltip: Callable[[R], str] | None = None
    editable: Callable[[R], bool] | None = None
    """Whether this row's cell is editable (default: whenever ``edit`` is set)."""
    width_chars: int = 0
    """A preferred width in characters (0: let the view decide)."""


class RowTableModel(QAbstractTableModel, Generic[R]):
    """A flat table of rows of one type, shown through :class:`Column` definitions."""

    label_column = 0
    """The column whose text names a row (:data:`LABEL_ROLE`)."""

    def __init__(self, columns: Sequence[Column[R]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns: tuple[Column[R], ...] = tuple(columns)
        self._rows: tuple[R, ...] = ()

    # -- rows ----------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[R]) -> None:
        """Replace every row (a new year, a new project)."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def update_rows(self, rows: Sequence[R]) -> None:
        """Replace rows in place when the count is unchanged, else reset (after an edit)."""
        rows = tuple(rows)
        if len(rows) != len(self._rows):
            self.set_rows(rows)
            return
        changed = [
            i for i, (old, new) in enumerate(zip(self._rows, rows, strict=True)) if old != new
        ]
        self._rows = rows
        if changed and self.columns:
            last = len(self.columns) - 1
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), last))

    def rows(self) -> tuple[R, ...]:
        """The rows shown."""
        return self._rows

    def row(self, index: int) -> R:
        """The row at ``index``."""
        return self._rows[index]

    # -- Qt model interface --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """Number of rows (none under a valid parent: this is a flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """Number of columns."""
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles (also as tooltips: a narrow column cuts its title); row numbers."""
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.ToolTipRole and horizontal:
            return self.columns[section].title if 0 <= section < len(self.columns) else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if horizontal:
            return self.columns[section].title if 0 <= section < len(self.columns) else None
        return str(section + 1)

    def data(  # noqa: PLR0911 - one return per role
        self, index: Index, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """A cell's text, edit value, alignment, colour, tooltip, kind or choices."""
        if role not in ROW_ROLES or not index.isValid() or index.row() >= len(self._rows):
            return None
        column = self.columns[index.column()]
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.EditRole:
            return column.value(row) if column.value else column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGNMENTS[column.kind]
        if role == Qt.ItemDataRole.BackgroundRole and column.colour is not None:
            colour = column.colour(row)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row) or None
        if role == KIND_ROLE:
            return column.kind.value
        if role == CHOICES_ROLE and column.choices is not None:
            return list(column.choices(row))
        if role == LABEL_ROLE and 0 <= self.label_column < len(self.columns):
            return self.columns[self.label_column].text(row)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Selectable and enabled; editable where the column commits edits for that row."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        column = self.columns[index.column()]
        row = self._rows[index.row()]
        if column.edit is not None and (column.editable is None or column.editable(row)):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Commit an edit through the column; the screen updates the rows when it is saved."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        column = self.columns[index.column()]
        if column.edit is None or index.row() >= len(self._rows):
            return False
        return column.edit(self._rows[index.row()], value)


def _alignment(kind: Kind) -> int:
    vertical = Qt.AlignmentFlag.AlignVCenter
    if kind in (Kind.MONEY, Kind.NUMBER):
        return int(Qt.AlignmentFlag.AlignRight | vertical)
    if kind in (Kind.DATE, Kind.CHECK):
        return int(Qt.AlignmentFlag.AlignHCenter | vertical)
    return int(Qt.AlignmentFlag.AlignLeft | vertical)


_ALIGNMENTS = {kind: _alignment(kind) for kind in Kind}
"""Each kind's alignment, computed once (``data`` is asked for it for every cell shown)."""
