"""The owner table of the self-evaluation step: the unit and each project with score and grade.

Strings keep their translation context (``EvaluationModels``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from unionperf.services.views.evaluation_view import OwnerRow
from unionperf.ui.widgets.formatting import amount, percent
from unionperf.ui.widgets.table_model import Column, Kind, RowTableModel

__all__ = [
    "OwnerTableModel",
    "owner_columns",
    "owner_name",
]

Index = QModelIndex | QPersistentModelIndex


EXEMPT_COLOUR = "#6b6b6b"


def owner_name(row: OwnerRow) -> str:
    """The project's name, or the label of the unit as a whole."""
    if row.is_unit:
        return QCoreApplication.translate("EvaluationModels", "Unit as a whole")
    return row.name


def owner_columns() -> list[Column[OwnerRow]]:
    """Owner, score, grade, execution rate, full-year budget and executed amount.

    Scores come first: they are what this step is about; the amounts follow for reference.
    """
    return [
        Column(
            QCoreApplication.translate("EvaluationModels", "Project"),
            owner_name,
            tooltip=_owner_tooltip,
            width_chars=13,
        ),
        Column(
            QCoreApplication.translate("EvaluationModels", "Score"),
            lambda row: f"{row.total:.2f}" if row.started else "—",
            Kind.NUMBER,
            width_chars=4,
        ),
        Column(
            QCoreApplication.translate("EvaluationModels", "Grade"),
            _grade,
            width_chars=2,
        ),
        Column(
            QCoreApplication.translate("EvaluationModels", "Execution rate"),
            lambda row: percent(row.rate) if row.rate is not None else "—",
            Kind.NUMBER,
            width_chars=4,
        ),
        Column(
            QCoreApplication.translate("EvaluationModels", "Full-year budget (yuan)"),
            lambda row: amount(row.budget),
            Kind.MONEY,
            width_chars=10,
        ),
        Column(
            QCoreApplication.translate("EvaluationModels", "Executed (yuan)"),
            lambda row: amount(row.executed),
            Kind.MONEY,
            width_chars=10,
        ),
    ]


def _grade(row: OwnerRow) -> str:
    if row.started:
        return row.grade.value
    return QCoreApplication.translate("EvaluationModels", "Not yet")


def _owner_tooltip(row: OwnerRow) -> str:
    name = owner_name(row)
    if not row.started:
        note = QCoreApplication.translate(
            "EvaluationModels", "Self-evaluation not filled in yet: no score or grade"
        )
        name = f"{name}\n{note}"
    if row.exempt:
        note = QCoreApplication.translate(
            "EvaluationModels", "Below the exemption threshold: no self-evaluation is due"
        )
        return f"{name}\n{note}"
    return name


class OwnerTableModel(RowTableModel[OwnerRow]):
    """The unit as a whole and every project with score and grade (read-only)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(owner_columns(), parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """As :class:`RowTableModel`; the unit's row in bold, exempt projects greyed."""
        if index.isValid() and index.row() < len(self.rows()):
            row = self.row(index.row())
            if role == Qt.ItemDataRole.FontRole and row.is_unit:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole and row.exempt:
                return QBrush(QColor(EXEMPT_COLOUR))
        return super().data(index, role)

    def find(self, owner_uid: str) -> int:
        """The row of an owner, or -1."""
        return next(
            (number for number, row in enumerate(self.rows()) if row.owner_uid == owner_uid), -1
        )
