"""报送情况 as the finance officer uses it: who is missing, late, returned, resent, approved.

On the demo season the counts and rates on top cover every unit while the status buttons and the
search narrow the list; on the district, a deadline set on the page makes a package sent after
it late and a missing unit not on time; the board exports as shown; a double-click opens the
unit's review; a monitoring point is added to the stages to give it a deadline.
"""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt

from tests.ui.upper_fixtures import JOB_TIMEOUT_MS
from unionperf.domain.board import BoardStatus
from unionperf.services.upper.deadlines import deadlines
from unionperf.services.upper.status import status_board
from unionperf.ui.upper.board import page as board_page
from unionperf.ui.upper.board.page import BoardPage
from unionperf.ui.upper.receive.page import ReceivePage
from unionperf.ui.upper.review.page import ReviewPage
from unionperf.ui.upper.steps import UpperStep
from unionperf.ui.upper.window import UpperWindow

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

SELF_EVALUATION = "self-evaluation"


@pytest.fixture
def demo_window(qtbot, demo_upper, told) -> UpperWindow:
    _ = told
    made = UpperWindow(demo_upper)
    qtbot.addWidget(made)
    made.resize(1366, 768)
    made.show()
    return made


def _board(window: UpperWindow) -> BoardPage:
    page = window.open_page(UpperStep.BOARD)
    assert isinstance(page, BoardPage)
    return page


def test_the_demo_season_on_the_board_with_its_rates_and_filters(qtbot, demo_window, demo_upper):
    demo_window.choose(2024, SELF_EVALUATION)
    page = _board(demo_window)
    context = demo_window.context
    expected = status_board(demo_upper, 2024, SELF_EVALUATION, today=context.today())
    rates = expected.rates
    assert page.model.rowCount() == rates.expected
    assert f"Expected {rates.expected} · reported {rates.reported}" in page.rates.text()
    assert f"{rates.reporting_rate}%" in page.rates.text()
    assert f"on-time rate {rates.on_time_rate}%" in page.rates.text()
    shown = {line.status for line in page.model.rows()}
    assert shown == {status for status, count in rates.counts.items() if count}
    assert len(shown) == len(BoardStatus)  # the demo has every status

    missing = page.filter_buttons[BoardStatus.MISSING]
    assert missing.text() == f"{BoardStatus.MISSING.label} {rates.counts[BoardStatus.MISSING]}"
    qtbot.mouseClick(missing, Qt.MouseButton.LeftButton)
    assert {line.status for line in page.model.rows()} == {BoardStatus.MISSING}
    assert page.model.rowCount() == rates.counts[BoardStatus.MISSING]
    assert f"Expected {rates.expected}" in page.rates.text()  # the counts cover every unit
    qtbot.mouseClick(page.filter_buttons[BoardStatus.RETURNED], Qt.MouseButton.LeftButton)
    assert {line.status for line in page.model.rows()} == {
        BoardStatus.MISSING,
        BoardStatus.RETURNED,
    }
    qtbot.mouseClick(page.all_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == rates.expected
    one = expected.lines[0]
    qtbot.keyClicks(page.search, one.code)
    assert [line.code for line in page.model.rows()] == [one.code]


def test_a_deadline_set_on_the_page_makes_a_later_package_late(
    qtbot, upper_window, district, sub_units, tmp_path
):
    receive = upper_window.open_page(UpperStep.RECEIVE)
    assert isinstance(receive, ReceivePage)
    receive.receive_paths([sub_units[0].send("targets", tmp_path / "usb")])
    qtbot.waitUntil(lambda: receive.job is None, timeout=JOB_TIMEOUT_MS)
    upper_window.choose(2024, "targets")
    page = _board(upper_window)
    assert {line.code: line.status for line in page.model.rows()} == {
        sub_units[0].code: BoardStatus.RECEIVED,
        sub_units[1].code: BoardStatus.MISSING,
        sub_units[2].code: BoardStatus.MISSING,
    }
    assert "No deadline" in page.deadline_state.text()
    page.deadline.setDate(QDate(2024, 1, 31))
    qtbot.mouseClick(page.set_button, Qt.MouseButton.LeftButton)
    assert [(item.stage, item.due) for item in deadlines(district, 2024)] == [
        ("targets", date(2024, 1, 31))
    ]
    lines = {line.code: line for line in page.model.rows()}
    assert lines[sub_units[0].code].status is BoardStatus.LATE  # received in 2026
    assert lines[sub_units[1].code].on_time is False
    assert "passed" in page.deadline_state.text()
    assert "on-time rate 0.00%" in page.rates.text()
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert deadlines(district, 2024) == []
    assert {line.status for line in page.model.rows()} == {
        BoardStatus.RECEIVED,
        BoardStatus.MISSING,
    }


def test_the_board_exports_as_shown(qtbot, demo_window, demo_upper, tmp_path, monkeypatch):
    demo_window.choose(2024, SELF_EVALUATION)
    page = _board(demo_window)
    qtbot.mouseClick(page.filter_buttons[BoardStatus.LATE], Qt.MouseButton.LeftButton)
    target = tmp_path / "报送情况.xlsx"
    monkeypatch.setattr(board_page, "choose_board_target", lambda _parent, _name: target)
    assert page.export() == target
    sheet = openpyxl.load_workbook(target).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    status_column = header.index("状态")
    statuses = {row[status_column] for row in rows[1:] if row[0] and len(str(row[0])) == 18}
    assert statuses == {BoardStatus.LATE.label}


def test_a_double_click_opens_the_units_review(qtbot, demo_window):
    demo_window.choose(2024, SELF_EVALUATION)
    page = _board(demo_window)
    row = next(
        number
        for number, line in enumerate(page.model.rows())
        if line.status is BoardStatus.RETURNED
    )
    code = page.model.row(row).code
    page.table.doubleClicked.emit(page.model.index(row, 0))
    review = demo_window.pages.currentWidget()
    assert isinstance(review, ReviewPage)
    assert review.current is not None
    assert review.current.unit_code == code
    assert review.current.stage == SELF_EVALUATION


def test_a_monitoring_point_is_added_to_give_it_a_deadline(qtbot, upper_window, monkeypatch):
    page = _board(upper_window)
    monkeypatch.setattr(board_page, "ask_point_date", lambda _parent, _year: date(2024, 9, 30))
    upper_window.choose(2024, "targets")
    qtbot.mouseClick(page.point_button, Qt.MouseButton.LeftButton)
    assert upper_window.context.stage == "monitoring-2024-09-30"
    assert upper_window.stage.currentData() == "monitoring-2024-09-30"
    assert "2024-09-30" in page.heading.text()
