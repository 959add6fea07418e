"""The status board: each unit's status with the deadline, and DHIS2's reporting rates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from unionperf.domain.board import (
    BoardStatus,
    board_status,
    on_time,
    percent,
    reporting_rates,
)
from unionperf.domain.reporting import StageStatus

DUE = date(2025, 1, 31)


@pytest.mark.parametrize(
    ("status", "first", "deadline", "expected"),
    [
        (StageStatus.NOT_RECEIVED, None, DUE, BoardStatus.MISSING),
        (StageStatus.RECEIVED, date(2025, 1, 31), DUE, BoardStatus.RECEIVED),  # the day itself
        (StageStatus.RECEIVED, date(2025, 2, 1), DUE, BoardStatus.LATE),
        (StageStatus.RECEIVED, date(2025, 2, 1), None, BoardStatus.RECEIVED),  # no deadline
        # review outcomes keep their own status, late or not
        (StageStatus.RETURNED, date(2025, 2, 1), DUE, BoardStatus.RETURNED),
        (StageStatus.RESENT, date(2025, 2, 1), DUE, BoardStatus.RESUBMITTED),
        (StageStatus.APPROVED, date(2025, 2, 1), DUE, BoardStatus.APPROVED),
    ],
)
def test_board_status(status, first, deadline, expected):
    assert board_status(status, first, deadline) is expected


def test_labels_are_the_boards_chinese_words():
    assert [status.label for status in BoardStatus] == [
        "未报",
        "已报",
        "逾期",
        "已退回",
        "已重报",
        "已通过",
    ]


@pytest.mark.parametrize(
    ("first", "deadline", "today", "expected"),
    [
        (None, None, date(2026, 1, 1), None),  # no deadline: cannot say
        (None, DUE, date(2025, 1, 31), None),  # not yet due
        (None, DUE, date(2025, 2, 1), False),  # missing after the deadline
        (date(2025, 1, 31), DUE, date(2025, 3, 1), True),
        (date(2025, 2, 1), DUE, date(2025, 3, 1), False),
    ],
)
def test_on_time(first, deadline, today, expected):
    assert on_time(first, deadline, today) is expected


def test_reporting_rates_count_reported_and_on_time_over_expected():
    lines = [
        (BoardStatus.MISSING, False),
        (BoardStatus.RECEIVED, True),
        (BoardStatus.LATE, False),
        (BoardStatus.APPROVED, True),
        (BoardStatus.RESUBMITTED, True),
        (BoardStatus.MISSING, None),
    ]
    rates = reporting_rates(lines, has_deadline=True)
    assert (rates.expected, rates.reported, rates.reported_on_time) == (6, 4, 3)
    assert rates.reporting_rate == D("66.67")  # 4 / 6
    assert rates.on_time_rate == D("50.00")  # 3 / 6
    assert rates.counts == {
        BoardStatus.MISSING: 2,
        BoardStatus.RECEIVED: 1,
        BoardStatus.LATE: 1,
        BoardStatus.RETURNED: 0,
        BoardStatus.RESUBMITTED: 1,
        BoardStatus.APPROVED: 1,
    }


def test_without_a_deadline_there_is_no_on_time_rate_and_none_expected_no_rate():
    assert reporting_rates([(BoardStatus.RECEIVED, None)], has_deadline=False).on_time_rate is None
    empty = reporting_rates([], has_deadline=True)
    assert (empty.reporting_rate, empty.on_time_rate) == (None, None)
    assert percent(1, 3) == D("33.33")
    assert percent(2, 3) == D("66.67")
