"""Issue 12: nothing the user must read is cut off at 1366×768.

Each test measures the text against the room the widget gives it (font metrics of the bundled
font, the style's margins), so it holds for any font size: column titles, the second
self-evaluation chart, a new monitoring point's name, the indicator library and qualitative
target values.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QTreeView,
    QWidget,
)

from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.cycle import Step
from unionperf.domain.indicators import Operator
from unionperf.services.common.indicator_library import default_library
from unionperf.services.cycle import editing
from unionperf.ui import messages
from unionperf.ui.app import load_font
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.evaluation.page import EvaluationStep
from unionperf.ui.steps.monitoring.page import MonitoringStep
from unionperf.ui.steps.targets.library_dialog import LibraryDialog
from unionperf.ui.steps.targets.page import TargetsStep
from unionperf.ui.steps.targets.tree_nodes import TreeColumn

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

SCREEN = (1366, 768)


@pytest.fixture(autouse=True)
def bundled_font(qapp):
    """The window's font, as the app sets it at start."""
    before = QFont(qapp.font())
    load_font(qapp)
    yield
    qapp.setFont(before)


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, title, error: shown.append(f"{title}: {error}")
    )
    return shown


def _window(qtbot, workspace, year: int) -> MainWindow:
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    window.refresh_years(year)
    return window


def _text_room(view: QAbstractItemView) -> int:
    """Pixels an item view's cell keeps free around its text (left plus right)."""
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return 2 * margin


def _wrapped_height(view: QAbstractItemView, text: str, width: int) -> int:
    box = QRect(0, 0, width - _text_room(view), 100_000)
    flags = int(Qt.TextFlag.TextWordWrap)
    return view.fontMetrics().boundingRect(box, flags, text).height()


def _cut_off(widget: QWidget) -> bool:
    """Whether an ancestor (a scroll area's viewport, a splitter pane) hides part of ``widget``."""
    shown = QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())
    whole = QRect(shown)
    parent = widget.parentWidget()
    while parent is not None:
        shown = shown.intersected(QRect(parent.mapTo(widget.window(), QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return shown != whole


def _cut_titles(view: QTableView | QTreeView) -> list[str]:
    """The column titles narrower than their text (in bold, as the current column's title)."""
    header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
    model = view.model()
    bold = QFont(header.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    cut = []
    for column in range(model.columnCount()):
        if header.isSectionHidden(column):
            continue
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        if header.sectionSize(column) < metrics.horizontalAdvance(title) + 2 * margin:
            cut.append(f"{view.objectName()}: {title}")
    return cut


def test_no_column_title_is_cut_off_on_any_step(qtbot, demo_workspace, errors, zh_cn):
    window = _window(qtbot, demo_workspace, 2024)
    cut = []
    for step in Step:
        page = window.open_step(step)
        QApplication.processEvents()
        for view in page.findChildren(QAbstractItemView):
            if isinstance(view, (QTableView, QTreeView)) and view.model() is not None:
                cut += _cut_titles(view)
    assert cut == []
    assert errors == []


def test_the_grade_chart_is_shown_whole_beside_the_owner_list(qtbot, demo_workspace, zh_cn):
    window = _window(qtbot, demo_workspace, 2024)
    page = window.open_step(Step.EVALUATION)
    assert isinstance(page, EvaluationStep)
    page.tabs.setCurrentWidget(page.charts_page)
    qtbot.mouseClick(page.charts_page.grade_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    chart = page.grade_chart
    assert chart.isVisible()
    assert not _cut_off(chart)
    title = QFont(chart.chart().titleFont())
    text = chart.chart().title()
    assert "单位整体" in text
    assert QFontMetrics(title).horizontalAdvance(text) < chart.width()
    qtbot.mouseClick(page.charts_page.score_button, Qt.MouseButton.LeftButton)
    assert page.score_chart.isVisible()
    assert not _cut_off(page.score_chart)


def test_a_new_monitoring_point_shows_its_whole_name(qtbot, empty_workspace, errors, zh_cn):
    editing.add_year(empty_workspace, 2026)
    window = _window(qtbot, empty_workspace, 2026)
    page = window.open_step(Step.MONITORING)
    assert isinstance(page, MonitoringStep)
    QApplication.processEvents()  # the page is shown with no point yet
    page.new_cutoff.setDate(QDate(2026, 6, 30))
    qtbot.mouseClick(page.add_point_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    combo: QComboBox = page.points
    assert combo.currentText() == "1–6月（截至2026-06-30）"
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    assert combo.fontMetrics().horizontalAdvance(combo.currentText()) <= field.width()
    assert errors == []
    assert window.session.data.points[0].cutoff == date(2026, 6, 30)


def test_the_indicator_library_shows_whole_names_and_explanations(qtbot, demo_workspace, zh_cn):
    window = _window(qtbot, demo_workspace, 2024)
    data = window.session.data
    entries = default_library().entries_for(
        data.framework, "产出指标", "数量指标", unit=False, expense="501"
    )
    assert len(entries) > 5
    dialog = LibraryDialog(entries, "产出指标 › 数量指标", set(), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    frame = dialog.frameGeometry()
    assert frame.width() <= SCREEN[0]
    assert frame.height() <= SCREEN[1]
    table = dialog.table
    assert _cut_titles(table) == []
    metrics = table.fontMetrics()
    for row, entry in enumerate(entries):
        for column, text in ((0, entry.name), (1, entry.display_target())):
            assert metrics.horizontalAdvance(text) + _text_room(table) <= table.columnWidth(
                column
            ), text
        explanation = table.visualRect(dialog.model.index(row, 3))
        needed = _wrapped_height(table, entry.explanation, explanation.width())
        assert needed <= explanation.height(), entry.explanation


def test_qualitative_target_values_are_shown_whole(qtbot, demo_workspace, zh_cn):
    window = _window(qtbot, demo_workspace, 2024)
    page = window.open_step(Step.TARGETS)
    assert isinstance(page, TargetsStep)
    data = window.session.data
    checked = 0
    for owner in [UNIT_OWNER, *(project.uid for project in data.projects)]:
        page._show_owner(owner)
        QApplication.processEvents()
        targets = data.targets_of(owner)
        for indicator in targets.indicators:
            if indicator.operator is not Operator.QUALITATIVE:
                continue
            index = page.tree_model.indicator_index(indicator.uid, TreeColumn.TARGET)
            page.tree.scrollTo(index)
            rect = page.tree.visualRect(index)
            text = str(index.data())
            assert _wrapped_height(page.tree, text, rect.width()) <= rect.height(), text
            checked += 1
    assert checked >= 4  # the demo year has a qualitative indicator on most owners
