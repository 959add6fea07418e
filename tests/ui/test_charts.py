"""The four charts build from the demo workspace, survive empty data and render to PNG."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest
from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QCategoryAxis,
    QChart,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsSimpleTextItem, QToolTip

from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.results import YearScore
from unionperf.domain.scoring import Grade, grade_for
from unionperf.domain.unit import UnitProfile
from unionperf.domain.year import YearData
from unionperf.services.views.chart_data import SCORE_BAR_LIMIT
from unionperf.services.views.year_review import scores_of
from unionperf.ui.app import load_font
from unionperf.ui.widgets.charts import CategoryChart, ExecutionChart, GradeChart, ScoreChart

SIZE = (1100, 420)


@pytest.fixture
def font(qapp):
    """The bundled CJK font as the application font for one test."""
    before = qapp.font()
    family = load_font(qapp)
    assert family is not None
    yield family
    qapp.setFont(before)


@pytest.fixture
def years(demo_workspace) -> dict[int, YearData]:
    return {year: demo_workspace.load_year(year) for year in demo_workspace.years()}


@pytest.fixture
def empty_year() -> YearData:
    return YearData(year=2024, unit=UnitProfile(name="测试工会", credit_code=""))


def _axes(chart: QChart, orientation: Qt.Orientation) -> list:
    return chart.axes(orientation)


def _bar_values(series) -> dict[str, list[float]]:
    return {
        bar_set.label(): [bar_set.at(index) for index in range(bar_set.count())]
        for bar_set in series.barSets()
    }


def _assert_app_font(chart: QChart, family: str) -> None:
    """Title, legend and every axis use the bundled font (QtCharts themes pick Arial)."""
    assert chart.titleFont().family() == family
    assert chart.titleFont().bold()
    assert chart.legend().font().family() == family
    for axis in chart.axes():
        assert axis.labelsFont().family() == family
        assert axis.titleFont().family() == family


def _render(qtbot, view, path, *, empty: bool = False) -> None:
    """Show at the size the window gives a chart and grab it into a PNG."""
    qtbot.addWidget(view)
    view.resize(*SIZE)
    view.show()
    qtbot.waitExposed(view)
    for _ in range(3):
        QCoreApplication.processEvents()
    image = view.grab().toImage()
    assert image.save(str(path))
    assert (image.width(), image.height()) == SIZE
    if not empty:
        colours = {
            image.pixelColor(x, y).name() for x in range(0, SIZE[0], 5) for y in range(40, 320, 5)
        }
        assert len(colours) > 8, "the chart drew something"


def _look(view) -> None:
    chart = view.chart()
    assert chart.animationOptions() == QChart.AnimationOption.NoAnimation
    assert chart.theme() == QChart.ChartTheme.ChartThemeLight


# --- execution -----------------------------------------------------------------------------------


def test_execution_chart_of_a_project(qtbot, font, years, tmp_path):
    view = ExecutionChart()
    view.show_owner(years[2024], "p2024-01")
    chart = view.chart()
    _look(view)
    assert "2024年职工文体活动经费" in chart.title()
    time, execution = chart.series()
    assert isinstance(time, QLineSeries)
    assert isinstance(execution, QLineSeries)
    assert [point.y() for point in execution.points()] == [14.0, 40.0, 51.0, 72.0]
    assert [point.y() for point in time.points()] == [24.9, 49.7, 58.2, 74.9]
    assert [point.x() for point in time.points()] == [91.0, 182.0, 213.0, 274.0]
    assert execution.pointsVisible()
    assert time.pointsVisible()
    (x_axis,) = _axes(chart, Qt.Orientation.Horizontal)
    assert isinstance(x_axis, QCategoryAxis)
    assert x_axis.categoriesLabels() == ["03-31", "06-30", "07-31", "09-30", "12-31"]
    assert (x_axis.min(), x_axis.max()) == (0.0, 366.0)
    (y_axis,) = _axes(chart, Qt.Orientation.Vertical)
    assert isinstance(y_axis, QValueAxis)
    assert (y_axis.min(), y_axis.max()) == (0.0, 100.0)
    assert y_axis.labelFormat() == "%d%%"
    # The legend reads execution first (drawn last, so on top, and listed in reverse).
    assert [marker.label() for marker in chart.legend().markers()] == [
        time.name(),
        execution.name(),
    ]
    assert chart.legend().reverseMarkers()
    _assert_app_font(chart, font)
    _render(qtbot, view, tmp_path / "execution.png")

    labels = [item for item in chart.childItems() if isinstance(item, QGraphicsSimpleTextItem)]
    assert sorted(item.text() for item in labels) == sorted(
        ["14.0%", "40.0%", "51.0%", "72.0%", "24.9%", "49.7%", "58.2%", "74.9%"]
    )
    # Execution lags time progress here: its labels sit below the markers, time's above.
    by_text = {item.text(): item for item in labels}
    for text, point, below in (("14.0%", execution.at(0), True), ("24.9%", time.at(0), False)):
        marker = chart.mapToPosition(point, execution)
        item = by_text[text]
        if below:
            assert item.pos().y() > marker.y()
        else:
            assert item.pos().y() + item.boundingRect().height() < marker.y()


def test_execution_chart_of_the_unit_and_redrawing(qtbot, font, years, tmp_path):
    view = ExecutionChart()
    view.show_owner(years[2024], "p2024-01")
    view.show_owner(years[2024], UNIT_OWNER)
    chart = view.chart()
    assert years[2024].unit.name in chart.title()
    assert len(chart.series()) == 2
    assert len(chart.axes()) == 2
    assert [point.y() for point in chart.series()[1].points()] == [25.1, 50.3, 54.6, 78.8]
    labels = [item for item in chart.childItems() if isinstance(item, QGraphicsSimpleTextItem)]
    assert len(labels) == 8, "the first project's labels are gone"
    _assert_app_font(chart, font)
    _render(qtbot, view, tmp_path / "execution-unit.png")


def test_execution_chart_skips_points_without_entry(qtbot, font, years):
    data = years[2024]
    first = data.points[0].uid
    data = replace(
        data,
        monitoring=tuple(
            item
            for item in data.monitoring
            if not (item.point_uid == first and item.owner_uid == "p2024-01")
        ),
    )
    view = ExecutionChart()
    qtbot.addWidget(view)
    view.show_owner(data, "p2024-01")
    time, execution = view.chart().series()
    assert time.count() == 4
    assert [point.y() for point in execution.points()] == [40.0, 51.0, 72.0]


def test_execution_above_100_percent_widens_the_axis(qtbot, font, years):
    data = years[2024]
    data = replace(
        data,
        monitoring=tuple(
            replace(item, executed=D("250000")) if item.owner_uid == "p2024-01" else item
            for item in data.monitoring
        ),
    )
    view = ExecutionChart()
    qtbot.addWidget(view)
    view.show_owner(data, "p2024-01")
    (y_axis,) = _axes(view.chart(), Qt.Orientation.Vertical)
    assert (y_axis.min(), y_axis.max()) == (0.0, 120.0)


@pytest.mark.parametrize("owner", ["p2023-01", UNIT_OWNER, "no-such-project"])
def test_execution_chart_without_points(qtbot, font, years, owner, tmp_path):
    empty_year = YearData(year=2024, unit=UnitProfile(name="测试工会", credit_code=""))
    for data in (years[2023], empty_year):
        view = ExecutionChart()
        view.show_owner(data, owner)
        chart = view.chart()
        assert [series.count() for series in chart.series()] == [0, 0]
        assert chart.title()
        _assert_app_font(chart, font)
    _render(qtbot, view, tmp_path / "execution-empty.png", empty=True)


# --- scores --------------------------------------------------------------------------------------


def _row_scores(series) -> list[float]:
    """Each category row's score: the one non-zero set of the row."""
    values = _bar_values(series)
    return [sum(column) for column in zip(*values.values(), strict=True)]


@pytest.mark.qt_log_ignore(r"^This plugin does not support raise\(\)$")  # the tooltip
def test_score_chart(qtbot, font, years, tmp_path):
    view = ScoreChart()
    view.show_scores(years[2024], scores_of(years[2024]))
    chart = view.chart()
    _look(view)
    (series,) = chart.series()
    assert isinstance(series, QHorizontalStackedBarSeries)
    assert series.count() == len(Grade)
    assert _row_scores(series) == [91.55, 97.08, 98.31, 98.5, 98.75, 99.35]
    values = _bar_values(series)
    assert next(iter(values)).startswith(Grade.EXCELLENT.value)
    assert set(values[next(iter(values))]) != {0.0}
    (y_axis,) = _axes(chart, Qt.Orientation.Vertical)
    assert isinstance(y_axis, QBarCategoryAxis)
    assert y_axis.categories()[0] == "2024年职工文体活动经费"
    assert y_axis.count() == 6
    (x_axis,) = _axes(chart, Qt.Orientation.Horizontal)
    assert x_axis.categoriesLabels() == ["60", "80", "90", "100"]
    assert "6" in chart.title()
    _assert_app_font(chart, font)
    _render(qtbot, view, tmp_path / "scores.png")

    # Hovering a bar shows the full project name and its score.
    excellent = series.barSets()[0]
    excellent.hovered.emit(True, 4)
    assert "职工之家设备购置及改造（2023—2025年）" in QToolTip.text()
    assert "98.75" in QToolTip.text()
    excellent.hovered.emit(False, 4)


def _mixed(scores: YearScore, totals: list[str]) -> YearScore:
    projects = list(scores.projects)
    for index, total in enumerate(totals):
        score = replace(projects[index].score, total=D(total), grade=grade_for(D(total)))
        projects[index] = replace(projects[index], score=score)
    return replace(scores, projects=tuple(projects), unit=None)


def test_score_chart_colours_each_grade(qtbot, font, years):
    scores = _mixed(scores_of(years[2024]), ["45", "72.5", "85"])
    view = ScoreChart()
    qtbot.addWidget(view)
    view.show_scores(years[2024], scores)
    (series,) = view.chart().series()
    colours = [bar_set.color() for bar_set in series.barSets()]
    assert len(set(colour.name() for colour in colours)) == 4
    values = list(_bar_values(series).values())
    assert values[3][0] == 45.0  # 差, lowest row
    assert values[2][1] == 72.5  # 中
    assert values[1][2] == 85.0  # 良
    assert QColor("white") not in colours


def test_score_chart_of_many_projects_shows_both_ends(qtbot, font, years, tmp_path):
    scores = scores_of(years[2024])
    many = replace(scores, projects=scores.projects * 35)
    view = ScoreChart()
    view.show_scores(years[2024], many)
    chart = view.chart()
    (series,) = chart.series()
    (y_axis,) = _axes(chart, Qt.Orientation.Vertical)
    assert y_axis.count() == SCORE_BAR_LIMIT + 1
    rows = _row_scores(series)
    half = SCORE_BAR_LIMIT // 2
    assert rows[half] == 0.0, "the row standing for the projects in between"
    assert "198" in y_axis.categories()[half]
    assert rows[:half] == [91.55] * half
    assert rows[half + 1 :] == [99.35] * half
    assert "210" in chart.title()
    _assert_app_font(chart, font)
    _render(qtbot, view, tmp_path / "scores-many.png")


def test_score_chart_without_projects(qtbot, font, years, empty_year, tmp_path):
    view = ScoreChart()
    view.show_scores(years[2024], scores_of(years[2024]))
    view.show_scores(empty_year, scores_of(empty_year))
    chart = view.chart()
    assert chart.series() == []
    assert chart.axes() == []
    assert chart.title()
    _assert_app_font(chart, font)
    _render(qtbot, view, tmp_path / "scores-empty.png", empty=True)


# --- grades --------------------------------------------------------------------------------------


def test_grade_chart(qtbot, font, years, tmp_path):
    view = GradeChart()
    view.show_grades(years[2024], scores_of(years[2024]))
    chart = view.chart()
    _look(view)
    (series,) = chart.series()
    assert isinstance(series, QStackedBarSeries)
    assert [sum(row) for row in zip(*_bar_values(series).values(), strict=True)] == [6, 0, 0, 0]
    (x_axis,) = _axes(chart, Qt.Orientation.Horizontal)
    assert [label[0] for label in x_axis.categories()] == ["优", "良", "中", "差"]
    assert "98.03" in chart.title()
    assert "优" in chart.title()
    (y_axis,) = _axes(chart, Qt.Orientation.Vertical)
    assert (y_axis.min(), y_axis.max()) == (0.0, 7.0)
    _assert_app_font(chart, font)
    _render(qtbot, view, tmp_path / "grades.png")


def test_grade_chart_mixed_without_unit(qtbot, font, years):
    scores = _mixed(scores_of(years[2024]), ["45", "50", "72.5", "85"])
    view = GradeChart()
    qtbot.addWidget(view)
    view.show_grades(years[2024], scores)
    (series,) = view.chart().series()
    assert [sum(row) for row in zip(*_bar_values(series).values(), strict=True)] == [2, 1, 1, 2]
    assert "98.03" not in view.chart().title()


def test_grade_chart_of_many_projects(qtbot, font, years):
    scores = scores_of(years[2024])
    view = GradeChart()
    qtbot.addWidget(view)
    view.show_grades(years[2024], replace(scores, projects=scores.projects * 30))
    (y_axis,) = _axes(view.chart(), Qt.Orientation.Vertical)
    assert y_axis.max() >= 180
    assert y_axis.labelFormat() == "%d"


def test_grade_chart_without_projects(qtbot, font, empty_year, tmp_path):
    view = GradeChart()
    view.show_grades(empty_year, YearScore(2024, (), None))
    (series,) = view.chart().series()
    assert [sum(row) for row in zip(*_bar_values(series).values(), strict=True)] == [0, 0, 0, 0]
    _assert_app_font(view.chart(), font)
    _render(qtbot, view, tmp_path / "grades-empty.png", empty=True)


# --- categories ----------------------------------------------------------------------------------


def test_category_chart_this_year_against_last(qtbot, font, years, tmp_path):
    view = CategoryChart()
    view.show_years(years[2024], years[2023])
    chart = view.chart()
    _look(view)
    (series,) = chart.series()
    assert isinstance(series, QBarSeries)
    assert list(_bar_values(series).values()) == [
        [96.8, 11.5, 7.7, 11.9, 0.4],  # 2023 决算 (11.85 rounds half up)
        [111.0, 14.0, 9.0, 15.0, 1.0],  # 2024 批复
        [107.2, 12.8, 8.0, 14.6, 0.4],  # 2024 执行
    ]
    labels = list(_bar_values(series))
    assert all("2023" in label for label in labels[:1])
    assert all("2024" in label for label in labels[1:])
    (x_axis,) = _axes(chart, Qt.Orientation.Horizontal)
    assert x_axis.categories() == ["职工活动支出", "维权支出", "业务支出", "资本性支出", "其他支出"]
    (y_axis,) = _axes(chart, Qt.Orientation.Vertical)
    assert y_axis.max() > 111.0
    assert "2024" in chart.title()
    assert "2023" in chart.title()
    _assert_app_font(chart, font)
    _render(qtbot, view, tmp_path / "categories.png")


def test_category_chart_without_last_year(qtbot, font, years):
    view = CategoryChart()
    qtbot.addWidget(view)
    view.show_years(years[2023], None)
    (series,) = view.chart().series()
    assert [len(values) for values in _bar_values(series).values()] == [5, 5, 5]


def test_category_chart_without_accounts_yet(qtbot, font, years):
    data = years[2024]
    data = replace(
        data,
        budget=tuple(replace(line, executed=D(0), last_year_actual=D(0)) for line in data.budget),
    )
    view = CategoryChart()
    qtbot.addWidget(view)
    view.show_years(data, None)
    (series,) = view.chart().series()
    assert list(_bar_values(series).values()) == [[111.0, 14.0, 9.0, 15.0, 1.0]]
    assert "2023" not in view.chart().title()


def test_category_chart_without_budget(qtbot, font, empty_year, years, tmp_path):
    view = CategoryChart()
    view.show_years(years[2024], years[2023])
    view.show_years(empty_year, None)
    chart = view.chart()
    assert chart.series() == []
    assert chart.axes() == []
    assert "2024" in chart.title()
    _assert_app_font(chart, font)
    _render(qtbot, view, tmp_path / "categories-empty.png", empty=True)


def test_long_category_names_are_wrapped(qtbot, font, years, tmp_path):
    data = years[2024]
    categories = tuple(
        replace(item, name="职工教育与文体活动支出") if item.code == "501" else item
        for item in data.catalogue.categories
    )
    data = replace(data, catalogue=replace(data.catalogue, categories=categories))
    view = CategoryChart()
    view.show_years(data, years[2023])
    (x_axis,) = _axes(view.chart(), Qt.Orientation.Horizontal)
    assert x_axis.categories()[0] == "职工教育与文<br>体活动支出"
    _render(qtbot, view, tmp_path / "categories-wrapped.png")


def test_user_text_is_not_read_as_html(qtbot, font, years):
    """QtCharts reads titles and labels as HTML: a name with < or & must show as typed."""
    data = years[2024]
    data = replace(
        data,
        projects=tuple(
            replace(project, name=f"<b>项目</b> & {index}")
            for index, project in enumerate(data.projects)
        ),
    )
    scores = ScoreChart()
    qtbot.addWidget(scores)
    scores.show_scores(data, scores_of(data))
    (y_axis,) = _axes(scores.chart(), Qt.Orientation.Vertical)
    assert y_axis.categories()[0] == "&lt;b&gt;项目&lt;/b&gt; &amp; 0"
    execution = ExecutionChart()
    qtbot.addWidget(execution)
    execution.show_owner(data, data.projects[0].uid)
    assert execution.chart().title().startswith("&lt;b&gt;项目&lt;/b&gt; &amp; 0")
