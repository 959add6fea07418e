"""The upper level's status board (报送情况): each unit's status for a stage and the rates on top.

A unit's :class:`~unionperf.domain.reporting.StageStatus` (from the packages received and the
decisions sent) becomes one :class:`BoardStatus` once the stage's deadline is known: a package
waiting for review whose stage was first sent after the deadline is *late* (逾期). Review
outcomes (returned, resubmitted, approved) keep their own status; whether the unit was on time
stays visible beside it (:func:`on_time`).

The rates on top are DHIS2's reporting rates: reported ÷ expected, and reported on time ÷
expected, where every registered unit is expected once per stage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from unionperf.domain.money import HUNDRED, round2
from unionperf.domain.reporting import StageStatus


class BoardStatus(StrEnum):
    """A unit's status on the board (the command line's ``board --json`` names)."""

    MISSING = "missing"
    RECEIVED = "received"
    LATE = "late"
    RETURNED = "returned"
    RESUBMITTED = "resubmitted"
    APPROVED = "approved"

    @property
    def label(self) -> str:
        """未报, 已报, 逾期, 已退回, 已重报 or 已通过."""
        return BOARD_LABELS[self]


BOARD_LABELS = {
    BoardStatus.MISSING: "未报",
    BoardStatus.RECEIVED: "已报",
    BoardStatus.LATE: "逾期",
    BoardStatus.RETURNED: "已退回",
    BoardStatus.RESUBMITTED: "已重报",
    BoardStatus.APPROVED: "已通过",
}

_FROM_STAGE_STATUS = {
    StageStatus.NOT_RECEIVED: BoardStatus.MISSING,
    StageStatus.RECEIVED: BoardStatus.RECEIVED,
    StageStatus.RETURNED: BoardStatus.RETURNED,
    StageStatus.RESENT: BoardStatus.RESUBMITTED,
    StageStatus.APPROVED: BoardStatus.APPROVED,
}


def board_status(
    status: StageStatus, first_received: date | None, deadline: date | None
) -> BoardStatus:
    """A unit's board status.

    Args:
        status: the unit's status for the stage from the packages and decisions.
        first_received: the day the stage's first package was received (``None``: none was).
        deadline: the stage's deadline (``None``: none is set).

    Returns:
        ``late`` for a package waiting for review whose stage was first received after the
        deadline; otherwise the status itself.
    """
    if (
        status is StageStatus.RECEIVED
        and deadline is not None
        and first_received is not None
        and first_received > deadline
    ):
        return BoardStatus.LATE
    return _FROM_STAGE_STATUS[status]


def on_time(first_received: date | None, deadline: date | None, today: date) -> bool | None:
    """Whether the unit reported the stage by its deadline.

    ``None`` while it cannot be said: no deadline is set, or nothing was received and the
    deadline has not passed. A unit still missing after the deadline is not on time.
    """
    if deadline is None:
        return None
    if first_received is None:
        return False if today > deadline else None
    return first_received <= deadline


@dataclass(frozen=True, slots=True)
class ReportingRates:
    """The counts and rates at the top of the board."""

    expected: int
    """Units expected to report (every registered unit shown)."""
    reported: int
    """Units with at least one package of the stage received."""
    reported_on_time: int
    counts: dict[BoardStatus, int]
    """Units per status, every status present (0 when none)."""
    has_deadline: bool

    @property
    def reporting_rate(self) -> Decimal | None:
        """Reported ÷ expected, in per cent to two decimals (``None`` when none is expected)."""
        return percent(self.reported, self.expected)

    @property
    def on_time_rate(self) -> Decimal | None:
        """Reported on time ÷ expected, in per cent (``None`` without a deadline)."""
        return percent(self.reported_on_time, self.expected) if self.has_deadline else None


def percent(part: int, whole: int) -> Decimal | None:
    """``part`` ÷ ``whole`` in per cent, rounded half up to two decimals (``None`` for 0 whole)."""
    if whole <= 0:
        return None
    return round2(Decimal(part) * HUNDRED / Decimal(whole))


def reporting_rates(
    lines: Iterable[tuple[BoardStatus, bool | None]], *, has_deadline: bool
) -> ReportingRates:
    """The counts and rates over the units' (status, on time) pairs."""
    counts = dict.fromkeys(BoardStatus, 0)
    expected = reported = punctual = 0
    for status, in_time in lines:
        expected += 1
        counts[status] += 1
        if status is not BoardStatus.MISSING:
            reported += 1
            if in_time:
                punctual += 1
    return ReportingRates(expected, reported, punctual, counts, has_deadline)
