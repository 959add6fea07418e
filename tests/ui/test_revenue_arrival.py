"""运行监控 › 收入到位: the arrival table and chart of a point, entered as a user does, undone."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import QDateEdit, QLineEdit

from unionperf.domain.cycle import Step
from unionperf.domain.problems import ProblemCode
from unionperf.ui import messages
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.monitoring.arrival_models import ArrivalColumn
from unionperf.ui.steps.monitoring.labels import LAG_COLOUR
from unionperf.ui.steps.monitoring.page import ARRIVAL_TAB, FUNDS_TAB, MonitoringStep

pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support propagateSizeHints\(\)$",
    r"^This plugin does not support raise\(\)$",  # the tooltip at a refused keystroke
)

JUNE = "m2024-06-30"
SUBSIDY, DUES = "403", "402"


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, title, error: shown.append(f"{title}: {error}")
    )
    return shown


@pytest.fixture
def opened(qtbot, demo_workspace, errors, monkeypatch):
    # the demo's points are signed off: each first change asks why, and is answered
    monkeypatch.setattr(messages, "ask_adjustment_reason", lambda _parent, _label: "补录到账")
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.open_step(Step.MONITORING)
    assert isinstance(page, MonitoringStep)
    page.points.setCurrentIndex(page.points.findData(JUNE))
    page.tabs.setCurrentIndex(ARRIVAL_TAB)
    return window, page


def _cell(page: MonitoringStep, code: str, column: int):
    row = page.arrivals.model.row_of(code)
    assert row >= 0, code
    return page.arrivals.model.index(row, column)


def _editor(view, index, kind):
    view.setCurrentIndex(index)
    view.scrollTo(index)
    view.edit(index)
    editors = [item for item in view.viewport().findChildren(kind) if item.isVisible()]
    assert len(editors) == 1, editors
    return editors[0]


def _type(qtbot, page: MonitoringStep, index, text: str) -> None:
    editor = _editor(page.arrivals.table, index, QLineEdit)
    editor.selectAll()
    if not text:
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
    elif text.isascii():
        qtbot.keyClicks(editor, text)
    else:
        editor.insert(text)  # as an input method commits Chinese
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QCoreApplication.processEvents()


def _stored(workspace, point_uid: str, code: str):
    return next(
        (
            item
            for item in workspace.load_year(2024).arrivals
            if (item.point_uid, item.category_code) == (point_uid, code)
        ),
        None,
    )


def _background(index) -> str | None:
    brush = index.data(Qt.ItemDataRole.BackgroundRole)
    return brush.color().name() if brush is not None else None


def test_model_passes_the_model_tester(qtmodeltester, opened):
    _window, page = opened
    assert page.arrivals.model.rowCount() == 5
    qtmodeltester.check(page.arrivals.model)


def test_the_tab_shows_the_late_subsidy_in_the_table_and_the_chart(opened):
    _window, page = opened
    assert page.tabs.tabText(ARRIVAL_TAB) == "Revenue arrival"
    deviation = _cell(page, SUBSIDY, ArrivalColumn.DEVIATION)
    assert deviation.data() == "Behind by 24.73 pts"
    assert _background(deviation) == LAG_COLOUR
    assert _cell(page, SUBSIDY, ArrivalColumn.RATE).data() == "25.0%"
    assert _cell(page, DUES, ArrivalColumn.DEVIATION).data() == "On time"
    assert _background(_cell(page, DUES, ArrivalColumn.DEVIATION)) is None
    bars = page.arrivals.chart.bars
    assert bars is not None
    assert [bar.lags for bar in bars.bars] == [False, False, True, False, False]
    assert "上级工会二季度回拨补助" in _cell(page, SUBSIDY, ArrivalColumn.NOTE).data()
    assert not page.tabs.cornerWidget(Qt.Corner.TopRightCorner).isVisible()  # no project here


def test_entering_the_late_subsidy_when_it_arrives_clears_the_warning_and_undoes(
    qtbot, opened, demo_workspace, errors
):
    window, page = opened
    _type(qtbot, page, _cell(page, SUBSIDY, ArrivalColumn.AMOUNT), "25000")
    dates = _editor(page.arrivals.table, _cell(page, SUBSIDY, ArrivalColumn.RECEIVED_ON), QDateEdit)
    assert dates.date() == QDate(2024, 3, 15)  # the editor starts from the stored date
    dates.setDate(QDate(2024, 6, 28))
    qtbot.keyClick(dates, Qt.Key.Key_Return)
    QCoreApplication.processEvents()

    stored = _stored(demo_workspace, JUNE, SUBSIDY)
    assert stored is not None
    assert (stored.amount, stored.received_on) == (Decimal(25000), date(2024, 6, 28))
    deviation = _cell(page, SUBSIDY, ArrivalColumn.DEVIATION)
    assert deviation.data() == "On time"
    assert _background(deviation) is None
    assert _cell(page, SUBSIDY, ArrivalColumn.RATE).data() == "50.0%"
    assert page.arrivals.chart.bars is not None
    assert not any(bar.lags for bar in page.arrivals.chart.bars.bars)
    assert errors == []

    page.session.undo_stack.undo()  # the date
    page.session.undo_stack.undo()  # the amount
    stored = _stored(demo_workspace, JUNE, SUBSIDY)
    assert stored is not None
    assert (stored.amount, stored.received_on) == (Decimal(12500), date(2024, 3, 15))
    assert _cell(page, SUBSIDY, ArrivalColumn.DEVIATION).data() == "Behind by 24.73 pts"
    assert window.redo_action.isEnabled()


def test_a_late_subsidy_without_reason_is_a_problem_that_leads_to_its_cell(
    qtbot, opened, demo_workspace
):
    window, page = opened
    _type(qtbot, page, _cell(page, SUBSIDY, ArrivalColumn.NOTE), "")
    page.session.recheck()
    late = [p for p in page.session.problems if p.code is ProblemCode.MONITORING_REVENUE_LAG]
    assert [p.where.item_uid for p in late] == [f"{JUNE}/revenue-{SUBSIDY}"]
    page.tabs.setCurrentIndex(FUNDS_TAB)

    window.show_problem(late[0])

    assert page.tabs.currentIndex() == ARRIVAL_TAB
    current = page.arrivals.table.currentIndex()
    assert (current.row(), current.column()) == (
        page.arrivals.model.row_of(SUBSIDY),
        ArrivalColumn.NOTE,
    )
    _type(qtbot, page, current, "上级补助7月到账")
    page.session.recheck()
    assert not [p for p in page.session.problems if p.code is ProblemCode.MONITORING_REVENUE_LAG]
    stored = _stored(demo_workspace, JUNE, SUBSIDY)
    assert stored is not None
    assert stored.note == "上级补助7月到账"


def test_letters_in_the_amount_are_not_saved(qtbot, opened, demo_workspace):
    _window, page = opened
    before = _stored(demo_workspace, JUNE, DUES)
    editor = _editor(page.arrivals.table, _cell(page, DUES, ArrivalColumn.AMOUNT), QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "abc")
    assert editor.text() == "465000"  # every letter refused, the amount kept
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QCoreApplication.processEvents()
    assert _stored(demo_workspace, JUNE, DUES) == before


def test_a_first_entry_at_a_new_point_is_taken_back_by_undo(qtbot, opened, demo_workspace):
    _window, page = opened
    page.new_cutoff.setDate(QDate(2024, 5, 31))
    page.add_point()
    assert page.point_uid != JUNE
    page.tabs.setCurrentIndex(ARRIVAL_TAB)
    new_point = page.point_uid
    assert all(not line.entered for line in page.arrivals.model.rows())
    _type(qtbot, page, _cell(page, DUES, ArrivalColumn.AMOUNT), "387500")
    stored = _stored(demo_workspace, new_point, DUES)
    assert stored is not None
    assert stored.amount == Decimal(387500)
    # 拨缴经费 entered, 上级补助 not: it now counts as nothing arrived, and is flagged
    assert _cell(page, SUBSIDY, ArrivalColumn.AMOUNT).data() == ""
    assert page.arrivals.model.row(page.arrivals.model.row_of(SUBSIDY)).lags

    page.session.undo_stack.undo()

    assert _stored(demo_workspace, new_point, DUES) is None
    assert not page.arrivals.model.row(page.arrivals.model.row_of(SUBSIDY)).lags
