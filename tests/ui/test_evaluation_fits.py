"""绩效自评 › 绩效指标 fits a 1366×768 screen: no sideways scrolling, names and texts in sight."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from tests.ui.test_step_evaluation import PLACES, PROJECT, column, errors, pick_owner  # noqa: F401
from unionperf.domain.cycle import Step
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.evaluation.page import EvaluationStep

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

YEAR = 2024
SCREEN = (1366, 768)


@pytest.fixture
def page(qtbot, demo_workspace, errors, zh_cn) -> EvaluationStep:  # noqa: F811
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    qtbot.waitExposed(window)
    window.refresh_years(YEAR)
    shown = window.open_step(Step.EVALUATION)
    assert isinstance(shown, EvaluationStep)
    qtbot.waitUntil(lambda: shown.indicator_view.viewport().width() > 0)
    return shown


def _needed_width(view: QTableView) -> int:
    """The table's horizontal size hint: fixed columns as set, stretched ones at their least."""
    header = view.horizontalHeader()
    total = 0
    for number in range(header.count()):
        if header.isSectionHidden(number):
            continue
        stretched = header.sectionResizeMode(number) == QHeaderView.ResizeMode.Stretch
        total += header.minimumSectionSize() if stretched else header.sectionSize(number)
    return total


def _fits(view: QTableView, texts: int = 5) -> None:
    """No sideways scrolling; the names and the two texts typed at length at least so wide."""
    header = view.horizontalHeader()
    assert _needed_width(view) <= view.viewport().width()
    assert header.length() <= view.viewport().width()
    assert view.horizontalScrollBar().maximum() == 0
    em = view.fontMetrics().horizontalAdvance("中")
    assert header.sectionSize(column("deviation")) >= texts * em
    assert header.sectionSize(column("improvement")) >= texts * em
    assert header.sectionSize(2) >= 10 * em  # 三级指标: the names


def test_every_owners_indicators_fit_without_scrolling_sideways(qtbot, page):
    for row in range(page.owners.rowCount()):
        pick_owner(qtbot, page, page.owners.row(row).owner_uid)
        _fits(page.indicator_view)


def test_a_title_cut_short_is_given_whole_on_hover(page):
    model = page.indicators
    for number in range(model.columnCount()):
        title = model.headerData(number, Qt.Orientation.Horizontal)
        tip = model.headerData(number, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        assert tip == title


def test_ticking_not_applicable_shows_its_reason_column_and_still_fits(qtbot, page):
    pick_owner(qtbot, page, PROJECT)
    view, header = page.indicator_view, page.indicator_view.horizontalHeader()
    assert header.isSectionHidden(column("na_reason"))  # no row needs it yet
    index = page.indicators.index(page.indicators.find(PLACES), column("applicable"))
    assert page.indicators.setData(
        index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    qtbot.waitUntil(lambda: not header.isSectionHidden(column("na_reason")))
    _fits(view, texts=4)
