"""The 收入到位 tab of the monitoring step: a point's arrival table over its chart (seed §二.9).

The table lists every revenue category of the point (``domain/arrival_lines.py``) with the
amounts typed in place; the chart under it draws the arrival rates against time progress. The
page owns the point shown and tells the tab when to redraw.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QSplitter, QTableView, QWidget

from unionperf.domain.arrival_lines import arrival_lines
from unionperf.domain.monitoring import MonitoringPoint
from unionperf.domain.year import YearData
from unionperf.ui.steps.monitoring.arrival_models import ARRIVAL_FIELDS, ArrivalColumn, ArrivalModel
from unionperf.ui.steps.monitoring.edits import MonitoringEdits
from unionperf.ui.widgets.arrival_chart import ArrivalChart
from unionperf.ui.widgets.table_model import RowTableModel

__all__ = ["ARRIVAL_ROWS", "ArrivalTab"]

ARRIVAL_ROWS = 6
"""Rows the table shows without scrolling (the demo's five revenue categories, and one more for
a unit with 事业收入 or 投资收益)."""

TableMaker = Callable[[str, RowTableModel[Any]], QTableView]
"""How the page makes its tables (delegates, widths, row height), reused here."""


class ArrivalTab(QSplitter):
    """The arrival table over the arrival chart, for the monitoring point the page shows."""

    def __init__(
        self, edits: MonitoringEdits, make_table: TableMaker, parent: QWidget | None = None
    ) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("arrivalSplitter")
        self.setChildrenCollapsible(False)
        self.model = ArrivalModel(edits, self)
        self.table = make_table("arrivalTable", self.model)
        rows = self.table.verticalHeader().defaultSectionSize()
        header = self.table.horizontalHeader().sizeHint().height()
        frame = 2 * self.table.frameWidth()
        self.table.setMinimumHeight(header + ARRIVAL_ROWS * rows + frame)
        self.chart = ArrivalChart()
        self.chart.setObjectName("arrivalChart")
        self.chart.setMinimumSize(480, 220)
        self.addWidget(self.table)
        self.addWidget(self.chart)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)

    @staticmethod
    def hint() -> str:
        """The line the page shows above its tabs while this tab is open."""
        return QCoreApplication.translate(
            "MonitoringStep",
            "Enter for each revenue category the amount received from 1 January to the "
            "cut-off and the date of the latest arrival (double-click a cell). Allocated funds "
            "and upper-level subsidies more than the set points behind time progress are "
            "flagged red: write the reason. Every edit is saved at once (Ctrl+Z undoes).",
        )

    def show_point(self, data: YearData | None, point: MonitoringPoint | None) -> None:
        """Fill the table and draw the chart of ``point`` (empty without one)."""
        if data is None or point is None:
            self.model.set_rows([])
            return
        self.model.update_rows(arrival_lines(data, point))
        self.chart.show_point(data, point.uid)

    def cell(self, category_code: str, field: str) -> QModelIndex:
        """The cell of a category's row that a problem's field names (invalid: no such row)."""
        row = self.model.row_of(category_code)
        if row < 0:
            return QModelIndex()
        return self.model.index(row, ARRIVAL_FIELDS.get(field, ArrivalColumn.CATEGORY))
