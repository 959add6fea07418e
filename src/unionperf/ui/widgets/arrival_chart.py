"""The revenue-arrival chart: each revenue category's arrival rate at a point, against time.

One bar per category (its 到位率), blue; a watched category (拨缴经费, 上级补助) more than the
setting behind time progress is red (drawn as a selected bar, in the set's selected colour). A
dashed line across the bars marks time progress, so a bar short of it is behind. The numbers
come from ``services.views.chart_data.arrival_bars``.
"""

from __future__ import annotations

import math
from decimal import Decimal

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QWidget

from unionperf.domain.year import YearData
from unionperf.services.views import chart_data
from unionperf.services.views.chart_data import ArrivalBars
from unionperf.ui.widgets.chart_base import LABEL_COLOUR, BaseChart, display_float, rich_text

__all__ = ["ArrivalChart"]

_ON_TIME_COLOUR = QColor("#1565c0")
_LATE_COLOUR = QColor("#c62828")
_TIME_COLOUR = QColor("#5f5f5f")
_PERCENT = Decimal(100)


class ArrivalChart(BaseChart):
    """Arrival rate per revenue category at one monitoring point, with the time-progress line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: ArrivalBars | None = None
        """What is drawn (tests read it)."""

    def show_point(self, data: YearData, point_uid: str) -> None:
        """Draw the arrival of every revenue category at the point."""
        bars = chart_data.arrival_bars(data, point_uid)
        self.bars = bars
        if bars is None:
            self._clear(self.tr("No monitoring point"))
            self._apply_fonts()
            return
        progress = bars.time_progress * _PERCENT
        chart = self._clear(
            self.tr("Revenue arrival by category to {date} (time progress {progress}%)").format(
                date=bars.cutoff.isoformat(), progress=f"{display_float(progress):.1f}"
            )
        )
        series, top = self._rate_bars(bars)
        chart.addSeries(series)
        late = QLineSeries()  # no points: only its legend entry, in the late colour
        late.setName(
            self.tr("Red: behind time progress by more than {points} pts").format(
                points=f"{bars.lag_points.normalize():f}"
            )
        )
        late.setPen(QPen(_LATE_COLOUR, 6))
        chart.addSeries(late)

        time = QLineSeries()
        time.setName(self.tr("Time progress"))
        level = display_float(progress)
        time.append(QPointF(-0.5, level))
        time.append(QPointF(len(bars.bars) - 0.5, level))
        time.setPen(QPen(_TIME_COLOUR, 2, Qt.PenStyle.DashLine))
        chart.addSeries(time)

        x_axis = QBarCategoryAxis()
        x_axis.append([rich_text(bar.name) for bar in bars.bars])
        x_axis.setGridLineVisible(False)
        y_axis = QValueAxis()
        high = math.ceil((top + 10) / 20) * 20
        y_axis.setRange(0, high)
        y_axis.setTickCount(high // 20 + 1)
        y_axis.setLabelFormat("%d%%")
        self._add_axis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self._add_axis(y_axis, Qt.AlignmentFlag.AlignLeft)
        self._attach(series, x_axis, y_axis)
        self._attach(time, x_axis, y_axis)
        self._attach(late, x_axis, y_axis)
        self._apply_fonts()

    def _rate_bars(self, bars: ArrivalBars) -> tuple[QBarSeries, Decimal]:
        """One bar per category, late ones selected (red); and the highest rate in percent."""
        rates = QBarSet(self.tr("Arrival rate"))
        rates.setColor(_ON_TIME_COLOUR)
        rates.setBorderColor(_ON_TIME_COLOUR)
        rates.setSelectedColor(_LATE_COLOUR)
        rates.setLabelColor(LABEL_COLOUR)
        top = _PERCENT
        for index, bar in enumerate(bars.bars):
            rate = (bar.rate or Decimal(0)) * _PERCENT
            top = max(top, rate)
            rates.append(display_float(rate))
            if bar.lags:
                rates.selectBar(index)  # drawn in the selected (late) colour
        series = QBarSeries()
        series.append(rates)
        series.setBarWidth(0.55)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%")
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        return series, top
