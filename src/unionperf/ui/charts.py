"""Charts (QtCharts): execution against time, scores and grades, this year against last."""

from __future__ import annotations

from PySide6.QtCharts import QChartView
from PySide6.QtWidgets import QWidget

from unionperf.domain.results import YearScore
from unionperf.domain.year import YearData

__all__ = ["CategoryChart", "ExecutionChart", "GradeChart", "ScoreChart"]


class ExecutionChart(QChartView):
    """A project's cumulative execution rate against time progress over the monitoring points."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def show_owner(self, data: YearData, owner_uid: str) -> None:
        """Draw the chart of one project (or of the unit, ``owner_uid`` = ``unit``)."""


class ScoreChart(QChartView):
    """The year's score per project."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def show_scores(self, data: YearData, scores: YearScore) -> None:
        """Draw one bar per project."""


class GradeChart(QChartView):
    """How many projects got each grade (优/良/中/差)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def show_grades(self, data: YearData, scores: YearScore) -> None:
        """Draw the grade distribution."""


class CategoryChart(QChartView):
    """Expenditure by category: this year against last year."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def show_years(self, current: YearData, previous: YearData | None) -> None:
        """Draw paired bars per expenditure category."""
