"""Cell editors by column kind: amounts, numbers, choice lists and dates; wrapping long text."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
    QWidget,
)

from unionperf.ui.widgets.refusal import (
    SayingValidator,
    amount_refusal,
    cell_name,
    number_refusal,
    tell,
)
from unionperf.ui.widgets.table_model import CHOICES_ROLE, KIND_ROLE, LABEL_ROLE, Kind

__all__ = ["ColumnDelegate", "WrappingDelegate"]

Index = QModelIndex | QPersistentModelIndex

AMOUNT_PATTERN = r"^-?[0-9,，]*(\.[0-9]{0,2})?$"
"""Yuan with at most two decimals; thousands separators are tolerated while typing."""
NUMBER_PATTERN = r"^-?[0-9,，]*(\.[0-9]*)?$"
SIZES_KEPT = 4096
"""Cell sizes a :class:`WrappingDelegate` with a ``size_key`` remembers (forgotten all at once
beyond)."""


class ColumnDelegate(QStyledItemDelegate):
    """Picks the editor for a cell from its column's kind (see :class:`Kind`)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        """A line edit with a validator, a combo box of choices or a date editor."""
        kind = Kind(index.data(KIND_ROLE) or Kind.TEXT.value)
        if kind is Kind.CHOICE:
            combo = QComboBox(parent)
            combo.setObjectName("choiceEditor")
            for value, label in index.data(CHOICES_ROLE) or []:
                combo.addItem(label, value)
            return combo
        if kind is Kind.DATE:
            editor = QDateEdit(parent)
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("yyyy-MM-dd")
            return editor
        line = QLineEdit(parent)
        if kind in (Kind.MONEY, Kind.NUMBER):
            pattern = AMOUNT_PATTERN if kind is Kind.MONEY else NUMBER_PATTERN
            refusal = amount_refusal if kind is Kind.MONEY else number_refusal
            name = cell_name(_row_label(index), _column_title(index))
            line.setValidator(
                SayingValidator(pattern, lambda text: tell(line, refusal(name, text)), line)
            )
            line.setAlignment(Qt.AlignmentFlag.AlignRight)
        return line

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        """Start the editor from the cell's edit value."""
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            found = editor.findData(value)
            editor.setCurrentIndex(max(found, 0))
        elif isinstance(editor, QDateEdit):
            if isinstance(value, date):
                editor.setDate(QDate(value.year, value.month, value.day))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        """Hand the edited value to the model (which commits it through the services)."""
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QDateEdit):
            picked = editor.date()
            model.setData(index, date(picked.year(), picked.month(), picked.day()))
        elif isinstance(editor, QLineEdit):
            text = editor.text().strip()
            kind = Kind(index.data(KIND_ROLE) or Kind.TEXT.value)
            if kind in (Kind.MONEY, Kind.NUMBER):
                text = text.replace(",", "").replace("，", "")
            model.setData(index, text, Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


def _row_label(index: Index) -> str:
    """The name of the cell's row (its model's :data:`LABEL_ROLE`), or empty."""
    label = index.data(LABEL_ROLE)
    return str(label).strip() if label else ""


def _column_title(index: Index) -> str:
    """The title of the cell's column."""
    model = index.model()
    title = model.headerData(index.column(), Qt.Orientation.Horizontal) if model else None
    return str(title or "").strip()


class WrappingDelegate(ColumnDelegate):
    """A :class:`ColumnDelegate` that wraps the text of some columns onto as many lines as needed.

    A tree view asks its delegate for a row's height without telling it the column's width, so
    the height is computed here from the header (less the indentation of the tree column). The
    view must not use uniform row heights; its rows are laid out again when a column is resized.

    With ``size_key`` (for cells that show text alone: no icon, no check box) a cell's size is
    remembered by its column, its width when wrapped, the view's font and ``size_key(index)``,
    which must name everything else the size depends on (the text, the cell's own font): a view
    lays out every row by asking for the size of each of its cells, most of which repeat a size
    already measured.
    """

    def __init__(
        self,
        view: QAbstractItemView,
        columns: Iterable[int],
        *,
        size_key: Callable[[Index], Hashable] | None = None,
    ) -> None:
        super().__init__(view)
        self._view = view
        self._columns = frozenset(columns)
        self._size_key = size_key
        self._sizes: dict[tuple[int, Hashable, str, int], QSize] = {}
        header = view.header() if isinstance(view, QTreeView) else None
        if header is not None:
            header.sectionResized.connect(lambda *_: view.scheduleDelayedItemsLayout())

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        """As the base class; wrapped columns draw their text on several lines."""
        super().initStyleOption(option, index)
        if index.column() in self._columns:
            item: Any = option  # PySide6 6.9's stubs lack the view item's own fields
            item.features |= QStyleOptionViewItem.ViewItemFeature.WrapText

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """As the base class; wrapped columns are as tall as their wrapped text."""
        if self._size_key is None:
            return self._measure(option, index)
        column = index.column()
        item: Any = option  # PySide6 6.9's stubs lack the view item's own fields
        key = (
            column,
            self._size_key(index),
            item.font.key(),
            self._cell_width(index) if column in self._columns else 0,
        )
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) >= SIZES_KEPT:
                self._sizes.clear()
            size = self._sizes[key] = self._measure(option, index)
        return QSize(size)

    def _measure(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        if index.column() not in self._columns:
            return hint
        text = str(index.data() or "")
        width = self._cell_width(index)
        if not text or width <= 0:
            return hint
        item: Any = option  # PySide6 6.9's stubs lack the view item's own fields
        metrics = QFontMetrics(item.font)
        margin = self._view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
        box = QRect(0, 0, max(1, width - 2 * margin), 1_000_000)
        needed = metrics.boundingRect(box, int(Qt.TextFlag.TextWordWrap), text).height()
        padding = max(0, hint.height() - metrics.height())
        return QSize(hint.width(), max(hint.height(), needed + padding))

    def _cell_width(self, index: Index) -> int:
        view = self._view
        if isinstance(view, QTreeView):
            width = view.header().sectionSize(index.column())
            if view.header().logicalIndex(0) == index.column():
                depth = 0
                parent = index.parent()
                while parent.isValid():
                    depth += 1
                    parent = parent.parent()
                width -= view.indentation() * (depth + int(view.rootIsDecorated()))
            return width
        if isinstance(view, QTableView):
            return view.columnWidth(index.column())
        return -1
