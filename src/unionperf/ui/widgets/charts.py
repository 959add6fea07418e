"""Charts (QtCharts): execution against time, scores and grades, this year against last.

Each chart asks ``services.chart_data`` for its numbers and only draws them. Every chart uses the
application font (the bundled CJK font) for its title, axes, legend and labels — the QtCharts
themes would otherwise pick Arial, which has no Chinese — a light theme, antialiasing and no
animation, so that a grab right after drawing shows the final picture.

The score chart keeps at most ``chart_data.SCORE_BAR_LIMIT`` (12) bars so that each name stays
readable at about 1200×400 px: with more projects it shows the lowest scores (the ones to explain)
and the highest, with a row saying how many lie in between; hovering a bar shows its full name.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import shiboken6
from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QPen
from PySide6.QtWidgets import QGraphicsSimpleTextItem, QToolTip, QWidget

from unionperf.domain.results import YearScore
from unionperf.domain.scoring import Grade
from unionperf.domain.year import YearData
from unionperf.services.views import chart_data
from unionperf.services.views.chart_data import LastYearBasis, ScoreBars
from unionperf.ui.widgets.chart_base import (
    LABEL_COLOUR,
    ONE_DECIMAL,
    BaseChart,
    display_float,
    rich_text,
)

__all__ = ["GRADE_COLOURS", "CategoryChart", "ExecutionChart", "GradeChart", "ScoreChart"]

GRADE_COLOURS = {
    Grade.EXCELLENT: QColor("#2e7d32"),
    Grade.GOOD: QColor("#1e88e5"),
    Grade.FAIR: QColor("#f29900"),
    Grade.POOR: QColor("#c62828"),
}
"""One colour per grade, shared by the score and the grade charts."""

_EXECUTION_COLOUR = QColor("#1565c0")
_TIME_COLOUR = QColor("#8d8d8d")
_LAST_YEAR_COLOUR = QColor("#b0b0b0")
_APPROVED_COLOUR = QColor("#64b5f6")
_EXECUTED_COLOUR = QColor("#1565c0")
_THRESHOLD_COLOUR = QColor("#9e9e9e")
_TIME_LABEL_COLOUR = QColor("#5f5f5f")
_LINE_WIDTH = 2.5
_MARKER_SIZE = 8.0
_PERCENT = Decimal(100)
_TWO_DECIMALS = Decimal("0.01")
_SMALL_COUNT = 10
"""Below this many projects in a grade, the grade chart has a tick for every whole number."""


class ExecutionChart(BaseChart):
    """A project's cumulative execution rate against time progress over the monitoring points.

    The x axis runs over the whole year (day of the year) with a label at each cut-off, so that
    the spacing of the points shows the calendar. Each point carries its percentage, the higher
    of the two values above its marker and the lower one below, so that they never overlap.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: list[tuple[QGraphicsSimpleTextItem, QPointF, bool]] = []
        self._anchor: QLineSeries | None = None
        self.chart().plotAreaChanged.connect(self._place_labels)

    def show_owner(self, data: YearData, owner_uid: str) -> None:
        """Draw the chart of one project (or of the unit, ``owner_uid`` = ``unit``)."""
        series_data = chart_data.execution_series(data, owner_uid)
        name = series_data.name
        if series_data.is_unit:
            name = self.tr("{unit} (unit as a whole)").format(unit=name or self.tr("Unit"))
        if series_data.points:
            title = self.tr("{name}: cumulative execution rate against time progress")
        else:
            title = self.tr("{name}: no monitoring points yet")
        self._drop_labels()
        chart = self._clear(title.format(name=name))

        execution = QLineSeries()
        execution.setName(self.tr("Execution rate"))
        time = QLineSeries()
        time.setName(self.tr("Time progress"))
        top = _PERCENT
        for point in series_data.points:
            day = float(point.cutoff.timetuple().tm_yday)
            progress = point.time_progress * _PERCENT
            time.append(QPointF(day, display_float(progress)))
            rate = None if point.rate is None else point.rate * _PERCENT
            if rate is not None:
                execution.append(QPointF(day, display_float(rate)))
                top = max(top, rate)
                self._label(
                    rate, QPointF(day, display_float(rate)), rate >= progress, _EXECUTION_COLOUR
                )
            self._label(
                progress,
                QPointF(day, display_float(progress)),
                rate is None or rate < progress,
                _TIME_LABEL_COLOUR,
            )
        chart.addSeries(time)
        chart.addSeries(execution)
        _style_line(time, _TIME_COLOUR, Qt.PenStyle.DashLine)
        _style_line(execution, _EXECUTION_COLOUR, Qt.PenStyle.SolidLine)

        x_axis = QCategoryAxis()
        x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        year_end = date(data.year, 12, 31)
        x_axis.setRange(0, year_end.timetuple().tm_yday)
        x_axis.setStartValue(0)
        for cutoff in sorted({point.cutoff for point in series_data.points} | {year_end}):
            x_axis.append(cutoff.strftime("%m-%d"), float(cutoff.timetuple().tm_yday))
        x_axis.setTitleText(self.tr("Monitoring cut-off (month-day)"))
        y_axis = QValueAxis()
        high = math.ceil(top / 20) * 20
        y_axis.setRange(0, high)
        y_axis.setTickCount(high // 20 + 1)
        y_axis.setLabelFormat("%d%%")
        self._add_axis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self._add_axis(y_axis, Qt.AlignmentFlag.AlignLeft)
        self._attach(time, x_axis, y_axis)
        self._attach(execution, x_axis, y_axis)
        self._anchor = time
        # The legend reads 执行率 first, as a user looks for it.
        chart.legend().setReverseMarkers(True)
        self._apply_fonts()
        self._place_labels()

    def _label(self, value: Decimal, at: QPointF, above: bool, colour: QColor) -> None:
        """A percentage text beside a point, placed by :meth:`_place_labels`."""
        text = f"{value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)}%"
        item = QGraphicsSimpleTextItem(text, self.chart())
        item.setBrush(colour)
        item.setZValue(10)
        self._labels.append((item, at, above))

    def _drop_labels(self) -> None:
        self._anchor = None
        for item, _, _ in self._labels:
            shiboken6.delete(item)
        self._labels = []

    def _place_labels(self) -> None:
        """Put every percentage above or below its point, centred on it."""
        if self._anchor is None:
            return
        chart = self.chart()
        font = chart.legend().font()
        for item, at, above in self._labels:
            item.setFont(font)
            position = chart.mapToPosition(at, self._anchor)
            box = item.boundingRect()
            gap = _MARKER_SIZE / 2 + 3
            y = position.y() - gap - box.height() if above else position.y() + gap
            item.setPos(position.x() - box.width() / 2, y)


def _style_line(series: QLineSeries, colour: QColor, style: Qt.PenStyle) -> None:
    pen = QPen(colour, _LINE_WIDTH, style)
    series.setPen(pen)
    series.setColor(colour)
    series.setPointsVisible(True)
    series.setMarkerSize(_MARKER_SIZE)


# --- scores ------------------------------------------------------------------------------------


def _grade_sets(names: dict[Grade, str], values: dict[Grade, list[float]]) -> dict[Grade, QBarSet]:
    """One bar set per grade, in the grade's colour: each bar lives in its grade's set only."""
    sets = {}
    for grade in Grade:
        bar_set = QBarSet(names[grade])
        bar_set.append(values[grade])
        bar_set.setColor(GRADE_COLOURS[grade])
        bar_set.setBorderColor(GRADE_COLOURS[grade])
        bar_set.setLabelColor(LABEL_COLOUR)
        sets[grade] = bar_set
    return sets


class ScoreChart(BaseChart):
    """The year's score per project."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: ScoreBars | None = None
        self._rows: list[int | None] = []
        """Bar index in ``_bars`` of each category row (``None`` for the 'in between' row)."""

    def show_scores(self, data: YearData, scores: YearScore) -> None:
        """Draw one bar per project."""
        bars = chart_data.score_bars(scores)
        self._bars = bars
        chart = self._clear(self._title(bars))
        self._rows = []
        if not bars.total:
            self._apply_fonts()
            return
        categories, values = self._layout_rows(bars)
        sets = _grade_sets(_grade_labels(), values)
        series = QHorizontalStackedBarSeries()
        for grade in Grade:
            series.append(sets[grade])
            sets[grade].hovered.connect(self._hovered)
        series.setBarWidth(0.7)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsInsideEnd)
        chart.addSeries(series)
        for grade in Grade:
            sets[grade].setLabelColor(QColor("white"))
        y_axis = QBarCategoryAxis()
        y_axis.append([rich_text(label) for label in categories])
        y_axis.setGridLineVisible(False)
        x_axis = self._score_axis()
        self._add_axis(y_axis, Qt.AlignmentFlag.AlignLeft)
        self._add_axis(x_axis, Qt.AlignmentFlag.AlignBottom)
        x_axis.setGridLinePen(QPen(_THRESHOLD_COLOUR, 1, Qt.PenStyle.DashLine))
        self._attach(series, x_axis, y_axis)
        self._apply_fonts()

    def _title(self, bars: ScoreBars) -> str:
        if not bars.total:
            return self.tr("No project scores yet")
        if bars.hidden:
            return self.tr(
                "Scores: the lowest {low} and the highest {high} of {count} projects"
            ).format(low=bars.lowest, high=len(bars.bars) - bars.lowest, count=bars.total)
        return self.tr("Scores of {count} projects").format(count=bars.total)

    def _layout_rows(self, bars: ScoreBars) -> tuple[list[str], dict[Grade, list[float]]]:
        """The category rows from the bottom up, and each grade's value in every row."""
        values: dict[Grade, list[float]] = {grade: [] for grade in Grade}
        categories: list[str] = []

        def add_row(label: str, index: int | None, grade: Grade | None, score: float) -> None:
            categories.append(label)
            self._rows.append(index)
            for each in Grade:
                values[each].append(score if each is grade else 0.0)

        for index, bar in enumerate(bars.bars):
            if bars.hidden and index == bars.lowest:
                between = self.tr("… {count} projects in between …")
                add_row(between.format(count=bars.hidden), None, None, 0.0)
            add_row(bar.label, index, bar.grade, display_float(bar.score, _TWO_DECIMALS))
        return categories, values

    def _score_axis(self) -> QCategoryAxis:
        """0–100 with a labelled grid line at each grade's lower bound."""
        axis = QCategoryAxis()
        axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        axis.setRange(0, 100)
        axis.setStartValue(0)
        floors = dict(chart_data.GRADE_FLOORS)
        for _, floor in reversed(chart_data.GRADE_FLOORS):
            if floor > 0:
                axis.append(str(floor), float(floor))
        axis.append("100", 100.0)
        axis.setTitleText(
            self.tr("Score (grade lines at {fair}, {good} and {excellent})").format(
                fair=floors[Grade.FAIR], good=floors[Grade.GOOD], excellent=floors[Grade.EXCELLENT]
            )
        )
        return axis

    def _hovered(self, status: bool, row: int) -> None:
        """Show the full project name and score of the bar under the mouse."""
        if not status or self._bars is None or not 0 <= row < len(self._rows):
            QToolTip.hideText()
            return
        index = self._rows[row]
        if index is None:
            return
        bar = self._bars.bars[index]
        text = self.tr("{name}: {score} points, {grade}").format(
            name=bar.name, score=bar.score, grade=bar.grade.value
        )
        QToolTip.showText(QCursor.pos(), f"<p>{rich_text(text)}</p>", self)


def _grade_labels() -> dict[Grade, str]:
    """Legend texts: each grade with its score range, 优（90–100）… 差（0–60）."""
    labels = {}
    upper = Decimal(100)
    for grade, floor in chart_data.GRADE_FLOORS:
        labels[grade] = f"{grade.value}（{floor}–{upper}）"
        upper = floor
    return labels


# --- grades --------------------------------------------------------------------------------------


class GradeChart(BaseChart):
    """How many projects got each grade (优/良/中/差)."""

    def show_grades(self, data: YearData, scores: YearScore) -> None:
        """Draw the grade distribution."""
        counts = chart_data.grade_counts(scores)
        if counts.unit_total is None or counts.unit_grade is None:
            title = self.tr("Grades of {count} projects (no unit-wide evaluation)").format(
                count=counts.projects
            )
        else:
            title = self.tr(
                "Grades of {count} projects — unit as a whole: {score} points, {grade}"
            ).format(count=counts.projects, score=counts.unit_total, grade=counts.unit_grade.value)
        chart = self._clear(title)
        values = {
            grade: [float(count) if other is grade else 0.0 for other, count in counts.counts]
            for grade in Grade
        }
        names = _grade_labels()
        sets = _grade_sets(names, values)
        categories = [names[grade] for grade, _ in counts.counts]
        top = max(count for _, count in counts.counts)
        series = QStackedBarSeries()
        for grade in Grade:
            series.append(sets[grade])
        series.setBarWidth(0.6)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsInsideEnd)
        chart.addSeries(series)
        for grade in Grade:
            sets[grade].setLabelColor(QColor("white"))

        x_axis = QBarCategoryAxis()
        x_axis.append(categories)
        x_axis.setGridLineVisible(False)
        y_axis = QValueAxis()
        y_axis.setLabelFormat("%d")
        y_axis.setTitleText(self.tr("Projects"))
        _integer_range(y_axis, top)
        self._add_axis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self._add_axis(y_axis, Qt.AlignmentFlag.AlignLeft)
        self._attach(series, x_axis, y_axis)
        chart.legend().setVisible(False)
        self._apply_fonts()


def _integer_range(axis: QValueAxis, top: int) -> None:
    """0 to a round number above ``top`` with whole-number ticks."""
    if top < _SMALL_COUNT:
        high = max(top + 1, 2)
        axis.setRange(0, high)
        axis.setTickCount(high + 1)
    else:
        axis.setRange(0, top * 1.1)
        axis.applyNiceNumbers()


# --- expenditure by category -------------------------------------------------------------------


class CategoryChart(BaseChart):
    """Expenditure by category: this year against last year."""

    def show_years(self, current: YearData, previous: YearData | None) -> None:
        """Draw paired bars per expenditure category."""
        comparison = chart_data.category_comparison(current, previous)
        year, last = comparison.year, comparison.year - 1
        if comparison.basis is LastYearBasis.NONE:
            title = self.tr("Expenditure by category, {year}").format(year=year)
        else:
            title = self.tr("Expenditure by category: {year} against {last}").format(
                year=year, last=last
            )
        chart = self._clear(title)
        if not comparison.categories:
            chart.setTitle(self.tr("{title}: no expenditure budget yet").format(title=title))
            self._apply_fonts()
            return

        sets: list[QBarSet] = []
        if comparison.basis is not LastYearBasis.NONE:
            if comparison.basis is LastYearBasis.APPROVED:
                name = self.tr("{year} approved budget").format(year=last)
            else:
                name = self.tr("{year} final accounts").format(year=last)
            sets.append(
                self._set(name, _LAST_YEAR_COLOUR, [c.last_year for c in comparison.categories])
            )
        sets.append(
            self._set(
                self.tr("{year} approved budget").format(year=year),
                _APPROVED_COLOUR,
                [c.approved for c in comparison.categories],
            )
        )
        if comparison.has_executed:
            sets.append(
                self._set(
                    self.tr("{year} executed").format(year=year),
                    _EXECUTED_COLOUR,
                    [c.executed for c in comparison.categories],
                )
            )
        series = QBarSeries()
        for bar_set in sets:
            series.append(bar_set)
        series.setBarWidth(0.8)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        for bar_set in sets:
            bar_set.setLabelColor(LABEL_COLOUR)

        x_axis = QBarCategoryAxis()
        x_axis.append([rich_text(chart_data.wrap_label(c.name)) for c in comparison.categories])
        x_axis.setGridLineVisible(False)
        y_axis = QValueAxis()
        y_axis.setTitleText(self.tr("10,000 yuan"))
        top = max(max(bar_set.at(i) for i in range(bar_set.count())) for bar_set in sets)
        y_axis.setRange(0, max(1.0, top * 1.12))
        y_axis.applyNiceNumbers()
        y_axis.setLabelFormat("%.0f")
        self._add_axis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self._add_axis(y_axis, Qt.AlignmentFlag.AlignLeft)
        self._attach(series, x_axis, y_axis)
        self._apply_fonts()

    @staticmethod
    def _set(name: str, colour: QColor, values: list[Decimal]) -> QBarSet:
        bar_set = QBarSet(name)
        bar_set.setColor(colour)
        bar_set.setBorderColor(colour)
        for value in values:
            bar_set.append(display_float(value))
        return bar_set
