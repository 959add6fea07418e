"""The charts of 汇总: how many units fall in each band (execution rate, grade)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import QAbstractBarSeries, QBarCategoryAxis, QBarSeries, QBarSet, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from unionperf.domain.aggregation import Bucket
from unionperf.ui.widgets.chart_base import BaseChart

__all__ = ["BucketChart"]

BAR_COLOUR = QColor("#4f81bd")
SMALL_COUNT = 10


class BucketChart(BaseChart):
    """Units per band, as bars with their counts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(360, 240)

    def show_buckets(self, title: str, axis_title: str, buckets: Sequence[Bucket]) -> None:
        """Draw the bands of a distribution."""
        chart = self._clear(title)
        bars = QBarSet(axis_title)
        bars.setColor(BAR_COLOUR)
        for bucket in buckets:
            bars.append(float(bucket.count))
        series = QBarSeries()
        series.append(bars)
        series.setBarWidth(0.6)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        x_axis = QBarCategoryAxis()
        x_axis.append([bucket.label for bucket in buckets])
        x_axis.setGridLineVisible(False)
        y_axis = QValueAxis()
        y_axis.setLabelFormat("%d")
        y_axis.setTitleText(axis_title)
        top = max((bucket.count for bucket in buckets), default=0)
        if top < SMALL_COUNT:
            y_axis.setRange(0, top + 1)
            y_axis.setTickCount(top + 2)
        else:
            y_axis.setRange(0, top * 1.15)
            y_axis.applyNiceNumbers()
        self._add_axis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self._add_axis(y_axis, Qt.AlignmentFlag.AlignLeft)
        self._attach(series, x_axis, y_axis)
        chart.legend().setVisible(False)
        self._apply_fonts()
