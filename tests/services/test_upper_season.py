"""A season on the status board: deadlines, late units, returns, resubmissions, approvals.

Times of receipt are given to ``receive`` (no clock), days apart from the deadline so that the
local time zone cannot move a package across it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal as D

import openpyxl
import pytest

from tests.exchange.packages import UPPER_PASSPHRASE, upper_workspace
from tests.services.upper_units import SubUnit, sub_unit
from unionperf.domain.board import BoardStatus
from unionperf.domain.feedback import Decision, Opinion
from unionperf.services.common import signing
from unionperf.services.common.errors import InputError
from unionperf.services.common.workspace import Workspace
from unionperf.services.inbox.receive import receive
from unionperf.services.upper.deadlines import deadlines, parse_day, set_deadline
from unionperf.services.upper.feedback import create_feedback
from unionperf.services.upper.register import register
from unionperf.services.upper.status import BoardFilter, current_stage, status_board
from unionperf.services.upper.tables import export_board

YEAR = 2024
DUE = date(2024, 1, 31)
ON_TIME, LATE, AGAIN = (
    "2024-01-20T02:00:00+00:00",
    "2024-02-05T02:00:00+00:00",
    "2024-02-12T02:00:00+00:00",
)


@pytest.fixture
def season(tmp_path) -> Iterator[tuple[Workspace, list[SubUnit]]]:
    upper = upper_workspace(tmp_path / "upper")
    units = [sub_unit(number) for number in (1, 2, 3)]
    for unit in units:
        pub = unit.pub_file(tmp_path / "keys")
        register(upper, pub, unit.code, unit.name, key_id=unit.key_id)
    yield upper, units
    upper.close()


def _statuses(upper: Workspace, today: date = date(2024, 2, 20)) -> dict[str, BoardStatus]:
    board = status_board(upper, YEAR, "targets", today=today)
    return {line.name[-4:-2]: line.status for line in board.lines}


def _send(upper: Workspace, unit: SubUnit, folder, at: str) -> None:
    [outcome] = receive(upper, [unit.send("targets", folder)], clock=lambda: at)
    assert not outcome.refused, outcome.message


def _decide(upper: Workspace, unit: SubUnit, decision: Decision, key, folder) -> None:
    create_feedback(
        upper,
        unit_code=unit.code,
        year=YEAR,
        stage="targets",
        decision=decision,
        summary="请补充",
        opinions=[Opinion("unit", "", "", "", "请补充满意度指标")],
        out_dir=folder,
        passphrase="",
        unlocked=key,
    )


def test_the_board_follows_a_season(season, tmp_path):
    upper, (first, second, _) = season
    set_deadline(upper, YEAR, "targets", DUE)
    early = status_board(upper, YEAR, "targets", today=date(2024, 1, 10))
    assert {line.status for line in early.lines} == {BoardStatus.MISSING}
    assert {line.on_time for line in early.lines} == {None}  # not yet due
    assert (early.rates.reporting_rate, early.rates.on_time_rate) == (D("0.00"), D("0.00"))

    out = tmp_path / "out"
    _send(upper, first, out, ON_TIME)
    _send(upper, second, out, LATE)
    assert _statuses(upper) == {
        "01": BoardStatus.RECEIVED,
        "02": BoardStatus.LATE,
        "03": BoardStatus.MISSING,
    }
    board = status_board(upper, YEAR, "targets", today=date(2024, 2, 20))
    assert [line.on_time for line in board.lines] == [True, False, False]
    rates = board.rates
    assert (rates.expected, rates.reported, rates.reported_on_time) == (3, 2, 1)
    assert (rates.reporting_rate, rates.on_time_rate) == (D("66.67"), D("33.33"))
    assert board.deadline == DUE

    key = signing.unlock(upper, UPPER_PASSPHRASE)
    _decide(upper, first, Decision.RETURN, key, tmp_path / "fb")
    assert _statuses(upper)["01"] is BoardStatus.RETURNED
    _send(upper, first, out, AGAIN)
    line = status_board(upper, YEAR, "targets", today=date(2024, 2, 20)).lines[0]
    assert (line.status, line.sequence, line.received_at, line.first_received_at) == (
        BoardStatus.RESUBMITTED,
        2,
        AGAIN,
        ON_TIME,
    )
    assert line.on_time is True  # judged by the first package
    _decide(upper, first, Decision.APPROVE, key, tmp_path / "fb")
    _decide(upper, second, Decision.APPROVE, key, tmp_path / "fb")
    assert _statuses(upper) == {
        "01": BoardStatus.APPROVED,
        "02": BoardStatus.APPROVED,
        "03": BoardStatus.MISSING,
    }
    late_but_approved = status_board(upper, YEAR, "targets", today=date(2024, 2, 20)).lines[1]
    assert late_but_approved.on_time is False


def test_filters_narrow_the_list_and_a_group_the_counts(season, tmp_path):
    upper, (first, second, third) = season
    _send(upper, first, tmp_path / "out", ON_TIME)
    missing = BoardFilter(statuses=frozenset({BoardStatus.MISSING}))
    board = status_board(upper, YEAR, "targets", filters=missing)
    assert [line.code for line in board.lines] == [second.code, third.code]
    assert board.rates.expected == 3  # the counts cover everyone
    assert board.deadline is None
    assert board.rates.on_time_rate is None
    named = status_board(upper, YEAR, "targets", filters=BoardFilter(text="单位03"))
    assert [line.code for line in named.lines] == [third.code]
    group = BoardFilter(units=frozenset({first.code, third.code}))
    grouped = status_board(upper, YEAR, "targets", filters=group)
    assert [line.code for line in grouped.lines] == [first.code, third.code]
    assert (grouped.rates.expected, grouped.rates.reported) == (2, 1)


def test_stages_have_their_own_deadlines_and_the_board_its_current_stage(season, tmp_path):
    upper, (first, _, _) = season
    assert current_stage(upper, YEAR) is None
    set_deadline(upper, YEAR, "self-evaluation", date(2025, 3, 15))
    set_deadline(upper, YEAR, "monitoring-2024-06-30", date(2024, 7, 15))
    assert current_stage(upper, YEAR) == "monitoring-2024-06-30"  # the first with a deadline
    set_deadline(upper, YEAR, "targets", DUE)
    _send(upper, first, tmp_path / "out", ON_TIME)
    assert current_stage(upper, YEAR) == "targets"  # the latest with a package
    assert [(item.stage, item.due) for item in deadlines(upper, YEAR)] == [
        ("targets", DUE),
        ("monitoring-2024-06-30", date(2024, 7, 15)),
        ("self-evaluation", date(2025, 3, 15)),
    ]
    set_deadline(upper, YEAR, "targets", None)
    assert deadlines(upper, YEAR)[0].stage == "monitoring-2024-06-30"


@pytest.mark.parametrize(
    ("stage", "due", "message"),
    [
        ("targets-2024", date(2024, 1, 31), "未知阶段"),
        ("monitoring-2023-06-30", date(2024, 7, 15), "不在2024年度"),
        ("monitoring-2024-06-30", date(2024, 6, 1), "早于监控时点"),
        ("self-evaluation", date(2027, 1, 1), "应在2023年至2025年之间"),
    ],
)
def test_a_bad_deadline_is_refused(season, stage, due, message):
    upper, _ = season
    with pytest.raises(InputError, match=message):
        set_deadline(upper, YEAR, stage, due)
    assert deadlines(upper, YEAR) == []


def test_a_day_is_written_year_month_day():
    assert parse_day(" 2025-01-31 ") == date(2025, 1, 31)
    with pytest.raises(InputError, match="应写作 YYYY-MM-DD"):
        parse_day("2025/1/31")


def test_the_board_exports_to_a_workbook(season, tmp_path):
    upper, (first, _, _) = season
    set_deadline(upper, YEAR, "targets", DUE)
    _send(upper, first, tmp_path / "out", LATE)
    board = status_board(upper, YEAR, "targets", today=date(2024, 2, 20))
    path = export_board(board, tmp_path / "报送情况.xlsx")
    sheet = openpyxl.load_workbook(path)["报送情况"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:5] == ["统一社会信用代码", "单位名称", "联系人及电话", "状态", "序号"]
    assert [row[3] for row in rows[1:4]] == ["逾期", "未报", "未报"]
    assert rows[1][4] == 1
    assert [row[7] for row in rows[1:4]] == ["否", "否", "否"]
    notes = [row[0] for row in rows[5:]]
    assert notes == [
        "2024年度 绩效目标；截止日期：2024-01-31",
        "应报 3，已报 1（报送率 33.33%），按时 0（及时率 0.00%）",
        "未报 2，已报 0，逾期 1，已退回 0，已重报 0，已通过 0",
    ]
