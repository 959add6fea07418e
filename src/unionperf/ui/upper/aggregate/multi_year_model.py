"""汇总's table of multi-year projects: period, cumulative figures, score and 清理退出."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from unionperf.domain.multi_year_summary import MultiYearLine
from unionperf.ui.upper.board.models import score_text
from unionperf.ui.widgets.formatting import amount, percent
from unionperf.ui.widgets.table_model import Column, Kind, RowTableModel

__all__ = ["CLEARED_COLOUR", "MultiYearModel"]

CLEARED_COLOUR = "#fbe9e7"
"""A project the unit proposes to clear out (清理退出)."""


def _cleared(row: MultiYearLine) -> str | None:
    return CLEARED_COLOUR if row.clear_out else None


class MultiYearModel(RowTableModel[MultiYearLine]):
    """Each multi-year project of the counted units, those proposed for 清理退出 first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("AggregatePage", "Union name"),
                    lambda row: row.unit_name,
                    tooltip=lambda row: row.unit_code,
                    colour=_cleared,
                    width_chars=12,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Project"),
                    lambda row: row.project_name,
                    tooltip=lambda row: row.project_name,
                    colour=_cleared,
                    width_chars=14,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Period"),
                    lambda row: row.period_text,
                    width_chars=7,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Mid-term funds"),
                    lambda row: amount(row.midterm_budget) if row.midterm_budget else "",
                    Kind.NUMBER,
                    width_chars=7,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Cumulative budget"),
                    lambda row: amount(row.cumulative_budget),
                    Kind.NUMBER,
                    width_chars=7,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Cumulative executed"),
                    lambda row: amount(row.cumulative_executed),
                    Kind.NUMBER,
                    width_chars=7,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Cumulative rate"),
                    lambda row: percent(row.cumulative_rate),
                    Kind.NUMBER,
                    width_chars=4,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Score"),
                    lambda row: score_text(row.total),
                    Kind.NUMBER,
                    width_chars=4,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Clear-out"),
                    lambda row: (
                        QCoreApplication.translate("AggregatePage", "Proposed")
                        if row.clear_out
                        else ""
                    ),
                    colour=_cleared,
                    width_chars=3,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Reason"),
                    lambda row: row.clear_out_reason,
                    tooltip=lambda row: row.clear_out_reason,
                    width_chars=16,
                ),
            ],
            parent,
        )
