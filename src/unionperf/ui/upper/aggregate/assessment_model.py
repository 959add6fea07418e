"""汇总's table of ex-ante assessments (事前绩效评估): projects and units per conclusion."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from unionperf.services.upper.aggregate_assessment import AssessmentCount
from unionperf.ui.widgets.table_model import Column, Kind, RowTableModel

__all__ = ["AssessmentModel"]


class AssessmentModel(RowTableModel[AssessmentCount]):
    """One row per conclusion (通过, 调整后通过, 不予通过, then 结论未填写 when there are any)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("AggregatePage", "Conclusion"),
                    lambda row: row.label,
                    width_chars=10,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Projects assessed"),
                    lambda row: str(row.projects),
                    Kind.NUMBER,
                    width_chars=8,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Units"),
                    lambda row: str(row.units),
                    Kind.NUMBER,
                    width_chars=8,
                ),
            ],
            parent,
        )
