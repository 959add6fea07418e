"""A row table model with check-box columns (an indicator's not-applicable flag) and row kinds."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from unionperf.ui.widgets.table_model import KIND_ROLE, ROW_ROLES, Column, Kind, RowTableModel

__all__ = [
    "CheckableRowModel",
]


R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
_ROLES = ROW_ROLES | {int(Qt.ItemDataRole.CheckStateRole)}
"""The roles this model answers (the others are ``None`` at once)."""


class CheckableRowModel(RowTableModel[R]):
    """A :class:`RowTableModel` whose CHECK columns are check boxes and whose kinds may vary by row.

    ``row_kinds`` maps a column number to the kind of that column's cell in a given row (the
    actual value is a number for quantitative indicators and text for qualitative ones).
    """

    def __init__(
        self,
        columns: Sequence[Column[R]],
        row_kinds: Mapping[int, Callable[[R], Kind]] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(columns, parent)
        self._row_kinds = dict(row_kinds or {})

    def kind_at(self, index: Index) -> Kind:
        """The kind of one cell (its column's, unless the row decides)."""
        decide = self._row_kinds.get(index.column())
        if decide is not None:
            return decide(self.row(index.row()))
        return self.columns[index.column()].kind

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """As :class:`RowTableModel`, with check states and per-row kinds."""
        if role not in _ROLES or not index.isValid() or index.row() >= len(self.rows()):
            return None
        column = self.columns[index.column()]
        if column.kind is Kind.CHECK:
            if role == Qt.ItemDataRole.CheckStateRole:
                checked = bool(column.value(self.row(index.row())) if column.value else False)
                return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return None
        elif index.column() in self._row_kinds:
            kind = self.kind_at(index)
            if role == KIND_ROLE:
                return kind.value
            if role == Qt.ItemDataRole.TextAlignmentRole:
                horizontal = (
                    Qt.AlignmentFlag.AlignRight
                    if kind in (Kind.MONEY, Kind.NUMBER)
                    else Qt.AlignmentFlag.AlignLeft
                )
                return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Check-box cells are user-checkable (not text-editable) where the column allows."""
        flags = super().flags(index)
        if not index.isValid() or self.columns[index.column()].kind is not Kind.CHECK:
            return flags
        if flags & Qt.ItemFlag.ItemIsEditable:
            flags = (flags & ~Qt.ItemFlag.ItemIsEditable) | Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Commit a check-box toggle or a cell edit through its column."""
        if (
            index.isValid()
            and role == Qt.ItemDataRole.CheckStateRole
            and self.columns[index.column()].kind is Kind.CHECK
        ):
            column = self.columns[index.column()]
            if column.edit is None or not self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable:
                return False
            state = getattr(value, "value", value)
            checked = state == Qt.CheckState.Checked.value
            return column.edit(self.row(index.row()), checked)
        if index.isValid() and self.columns[index.column()].kind is Kind.CHECK:
            return False
        return super().setData(index, value, role)
