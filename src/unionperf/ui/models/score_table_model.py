"""The year's scores as a table: one row per project and a last row for the unit as a whole."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

__all__ = ["Column", "ScoreRow", "ScoreTableModel", "rows_from_report", "score_columns"]

DASH = "—"
RIGHT = Qt.AlignmentFlag.AlignRight


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """One line of the table, as the score report gives it (decimals as strings)."""

    name: str
    budget: str
    executed: str
    rate: str | None
    total: str | None
    grade: str | None
    exempt: bool = False
    is_unit: bool = False


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its title, how a row becomes its text, and how the text is aligned."""

    title: str
    text: Callable[[ScoreRow], str]
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
    """Numbers right-aligned so their digits line up; short codes centred."""


def rows_from_report(report: Mapping[str, Any], unit_label: str) -> tuple[ScoreRow, ...]:
    """The rows of ``services.reports.score_report``: every project, then the unit if scored."""
    rows = [
        _row(item["name"], item, exempt=bool(item.get("exempt"))) for item in report["projects"]
    ]
    unit = report["unit"]
    if "total" in unit:
        rows.append(_row(unit_label, unit, is_unit=True))
    return tuple(rows)


def score_columns() -> tuple[Column, ...]:
    """The columns of the score table (style.md §2.5: columns are data)."""
    return (
        Column(QCoreApplication.translate("ScoreTableModel", "Project"), lambda row: row.name),
        Column(
            QCoreApplication.translate("ScoreTableModel", "Full-year budget (yuan)"),
            lambda row: _money(row.budget),
            align=RIGHT,
        ),
        Column(
            QCoreApplication.translate("ScoreTableModel", "Executed (yuan)"),
            lambda row: _money(row.executed),
            align=RIGHT,
        ),
        Column(
            QCoreApplication.translate("ScoreTableModel", "Execution rate"),
            lambda row: _percent(row.rate),
            align=RIGHT,
        ),
        Column(
            QCoreApplication.translate("ScoreTableModel", "Score"),
            lambda row: row.total or DASH,
            align=RIGHT,
        ),
        Column(
            QCoreApplication.translate("ScoreTableModel", "Grade"),
            lambda row: row.grade or DASH,
            align=Qt.AlignmentFlag.AlignHCenter,
        ),
    )


class ScoreTableModel(QAbstractTableModel):
    """Read-only table of score rows; ``set_rows`` replaces them."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: tuple[ScoreRow, ...] = ()
        self._exempt_tip = self.tr("Below the exemption threshold: no targets or evaluation due")

    def set_rows(self, rows: Sequence[ScoreRow]) -> None:
        """Show ``rows`` instead of the current ones."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ScoreRow:
        """The data of one table row."""
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.FontRole and row.is_unit:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and row.exempt:
            return self._exempt_tip
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].title
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return "" if self._rows[section].is_unit else str(section + 1)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _row(
    name: str, item: Mapping[str, Any], *, exempt: bool = False, is_unit: bool = False
) -> ScoreRow:
    execution = item["execution"]
    return ScoreRow(
        name,
        execution["budget"],
        execution["executed"],
        execution["rate"],
        item.get("total"),
        item.get("grade"),
        exempt,
        is_unit,
    )


def _money(text: str) -> str:
    """``220000.00`` → ``220,000.00`` (formatting only; the amount comes from the service)."""
    try:
        return f"{Decimal(text):,.2f}"
    except InvalidOperation:
        return text


def _percent(rate: str | None) -> str:
    """``0.9300`` → ``93.00%``; no rate (nothing budgeted) → a dash."""
    if rate is None:
        return DASH
    try:
        return f"{Decimal(rate) * 100:.2f}%"
    except InvalidOperation:
        return rate
