"""The columns and table model of the self-evaluation step's funds tab (预算执行).

Rows come from :mod:`unionperf.services.views.evaluation_funds`; only 全年执行数 is typed here
(the budget amounts are set in step 2 and shown for reference). Strings are translated in the
``EvaluationModels`` context.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from unionperf.domain.money import ZERO
from unionperf.services.views.evaluation_funds import FundsRow
from unionperf.ui.widgets.formatting import amount, percent
from unionperf.ui.widgets.table_model import Column, Kind, RowTableModel

__all__ = ["FUNDS_FIELDS", "FundsTableModel", "funds_columns"]

Index = QModelIndex | QPersistentModelIndex

FUNDS_FIELDS = ("label", "initial", "budget", "executed", "rate")
"""The funds table's columns, as :class:`FundsRow` spells them."""
COMPUTED_COLOUR = "#eef1f5"
"""Amounts set elsewhere or computed: a light grey-blue, so they read as not typed in."""
MISSING_COLOUR = "#f6d5d3"
"""A 全年执行数 still missing on a budgeted line (the red tint of hard problems)."""


def funds_columns(
    edit: Callable[[FundsRow, object], bool], *, unit: bool
) -> list[Column[FundsRow]]:
    """Source (or category), 年初预算数, 全年预算数, 全年执行数 (typed) and 执行率."""

    def shown(_row: FundsRow) -> str | None:
        return COMPUTED_COLOUR

    def executed_colour(row: FundsRow) -> str | None:
        if row.is_total:
            return COMPUTED_COLOUR
        return MISSING_COLOUR if row.budget > ZERO and row.executed <= ZERO else None

    return [
        Column(
            QCoreApplication.translate("EvaluationModels", "Expenditure category")
            if unit
            else QCoreApplication.translate("EvaluationModels", "Funding source"),
            lambda row: row.label,
            width_chars=9,
        ),
        Column(
            QCoreApplication.translate("EvaluationModels", "Budget at the start of the year")
            if unit
            else QCoreApplication.translate("EvaluationModels", "Initial budget"),
            lambda row: amount(row.initial),
            Kind.MONEY,
            colour=shown,
            width_chars=8,
        ),
        Column(
            QCoreApplication.translate("EvaluationModels", "Approved budget (A)")
            if unit
            else QCoreApplication.translate("EvaluationModels", "Full-year budget (A)"),
            lambda row: amount(row.budget),
            Kind.MONEY,
            colour=shown,
            tooltip=lambda _row: QCoreApplication.translate(
                "EvaluationModels", "Set in step 2, Annual budget"
            ),
            width_chars=8,
        ),
        Column(
            QCoreApplication.translate("EvaluationModels", "Executed in the year (B)"),
            lambda row: amount(row.executed),
            Kind.MONEY,
            edit=edit,
            value=lambda row: f"{row.executed:f}",
            colour=executed_colour,
            tooltip=lambda row: (
                ""
                if row.is_total
                else QCoreApplication.translate(
                    "EvaluationModels", "Type what was actually spent in the year (yuan)"
                )
            ),
            editable=lambda row: not row.is_total,
            width_chars=8,
        ),
        Column(
            QCoreApplication.translate("EvaluationModels", "Execution rate (B/A)"),
            lambda row: percent(row.rate) if row.rate is not None else "—",
            Kind.NUMBER,
            colour=shown,
            width_chars=6,
        ),
    ]


class FundsTableModel(RowTableModel[FundsRow]):
    """The lines where an owner's spending is typed, with their total in bold."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """As :class:`RowTableModel`; the total row in bold."""
        if (
            role == Qt.ItemDataRole.FontRole
            and index.isValid()
            and index.row() < len(self.rows())
            and self.row(index.row()).is_total
        ):
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)

    def find(self, key: str) -> int:
        """The row of a funding source or category code, or -1."""
        return next((number for number, row in enumerate(self.rows()) if row.key == key), -1)
