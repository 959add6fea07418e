"""The look every chart of the window shares: light theme, application font, antialiasing.

Also the two conversions every chart makes: plain text to the HTML QtCharts reads, and a
Decimal to the float it draws, rounded for display.
"""

from __future__ import annotations

import html
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCharts import QAbstractAxis, QAbstractBarSeries, QAbstractSeries, QChart, QChartView
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QApplication, QWidget

__all__ = ["GRID_COLOUR", "LABEL_COLOUR", "ONE_DECIMAL", "BaseChart", "display_float", "rich_text"]


GRID_COLOUR = QColor("#dddddd")


LABEL_COLOUR = QColor("#333333")


ONE_DECIMAL = Decimal("0.1")


def rich_text(text: str) -> str:
    """Plain text for a chart title, axis label or tooltip, which QtCharts reads as HTML."""
    return html.escape(text, quote=False).replace("\n", "<br>")


def display_float(value: Decimal, places: Decimal = ONE_DECIMAL) -> float:
    """A Decimal as Qt's float, rounded for display (the only place numbers become floats)."""
    return float(value.quantize(places, rounding=ROUND_HALF_UP))


class BaseChart(QChartView):
    """A chart view with the shared look: light theme, app font, antialiased, no animation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        chart = QChart()
        chart.setTheme(QChart.ChartTheme.ChartThemeLight)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(8, 8, 24, 8))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(480, 280)

    def _clear(self, title: str) -> QChart:
        """Remove every series and axis and set the new title."""
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()
        chart.setTitle(rich_text(title))
        chart.legend().setFont(QApplication.font())
        chart.legend().setVisible(True)
        return chart

    @staticmethod
    def _attach(series: QAbstractSeries, *axes: QAbstractAxis) -> None:
        """Attach a series (already added to the chart) to its axes."""
        for axis in axes:
            series.attachAxis(axis)

    def _add_axis(self, axis: QAbstractAxis, alignment: Qt.AlignmentFlag) -> QAbstractAxis:
        axis.setGridLineColor(GRID_COLOUR)
        axis.setLabelsColor(LABEL_COLOUR)
        axis.setTruncateLabels(False)
        axis.setLabelsFont(QApplication.font())
        axis.setTitleFont(QApplication.font())
        self.chart().addAxis(axis, alignment)
        return axis

    def _apply_fonts(self) -> None:
        """Use the application font everywhere: the theme set Arial when items were added."""
        chart = self.chart()
        base = QFont(QApplication.font())
        title = QFont(base)
        title.setBold(True)
        title.setPointSizeF(base.pointSizeF() + 2)
        small = QFont(base)
        small.setPointSizeF(max(9.0, base.pointSizeF() - 1))
        chart.setTitleFont(title)
        chart.legend().setFont(base)
        for axis in chart.axes():
            axis.setLabelsFont(base)
            axis.setTitleFont(base)
        for series in chart.series():
            if isinstance(series, QAbstractBarSeries):
                for bar_set in series.barSets():
                    bar_set.setLabelFont(small)


# --- execution against time progress ------------------------------------------------------------
