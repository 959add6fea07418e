"""The upper level's status board (报送情况): where each registered unit stands with a stage.

:func:`status_board` gives the window's page and ``unionperf board`` one :class:`StatusBoard`:
every registered unit (of a group, when asked) with its status (未报, 已报, 逾期, 已退回, 已重报,
已通过), the sequence and time of its current package, whether it was on time, its score and
grade where the stage has one, and the counts and reporting rates on top. The statuses come from
the packages received, the feedback sent (each answers one received package) and the stage's
deadline (:mod:`.deadlines`); see :mod:`unionperf.domain.board`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from unionperf.domain.board import (
    BoardStatus,
    ReportingRates,
    board_status,
    on_time,
    reporting_rates,
)
from unionperf.domain.monitoring import execution_rate
from unionperf.domain.reporting import Review, StageStatus, stage_status
from unionperf.domain.year import stage_label
from unionperf.services.common.errors import local_today
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper.deadlines import check_stage_name, season_order
from unionperf.store.board import BoardFacts, UnitFigures


@dataclass(frozen=True, slots=True)
class UnitStageStatus:
    """One registered unit's status for a stage."""

    unit_code: str
    name: str
    status: StageStatus
    sequence: int
    """The newest received package's sequence (0 when none was received)."""


class BoardLine(NamedTuple):
    """One unit on the status board (an immutable record; a named tuple, made by the thousand)."""

    code: str
    name: str
    contact: str
    has_key: bool
    """Whether the unit's key is registered (a unit listed from a roster may have none)."""
    status: BoardStatus
    sequence: int
    """The current package's sequence (0 when none was received)."""
    received_at: str | None
    """When the current package was received (UTC, ISO)."""
    first_received_at: str | None
    """When the stage's first package was received (what lateness is judged by)."""
    on_time: bool | None
    """Reported by the deadline; ``None`` without a deadline or before it passed."""
    score: Decimal | None
    """The unit-as-a-whole score of the current package (self-evaluation only)."""
    grade: str
    figures: UnitFigures | None = None
    """The unit's own budget and execution in its current package (``None`` before any, and at
    the targets stage, where nothing is executed yet; see ``domain.stage_facts``)."""

    @property
    def label(self) -> str:
        """The status in Chinese (未报 …)."""
        return self.status.label

    @property
    def budget(self) -> Decimal | None:
        """The unit's approved expenditure budget (yuan)."""
        return self.figures.budget if self.figures else None

    @property
    def executed(self) -> Decimal | None:
        """The unit's executed expenditure as the stage reports it (yuan)."""
        return self.figures.executed if self.figures else None

    @property
    def execution_rate(self) -> Decimal | None:
        """Executed ÷ budget to four decimals (``None`` without figures, or without a budget)."""
        figures = self.figures
        if figures is None:
            return None
        return execution_rate(figures.executed, figures.budget)


@dataclass(frozen=True, slots=True)
class BoardFilter:
    """Which units the board lists: a group, some statuses, a text in the code or name.

    The counts and rates on top cover the group (every registered unit without one); the
    status and text filters narrow the list only.
    """

    units: frozenset[str] | None = None
    statuses: frozenset[BoardStatus] = field(default_factory=frozenset)
    """Empty: every status."""
    text: str = ""


@dataclass(frozen=True, slots=True)
class StatusBoard:
    """The status board of a year's stage."""

    year: int
    stage: str
    deadline: date | None
    today: date
    lines: list[BoardLine]
    rates: ReportingRates

    @property
    def stage_label(self) -> str:
        """绩效目标, 运行监控（2024-07-31）or 绩效自评."""
        return stage_label(self.stage)


def status_board(
    workspace: Workspace,
    year: int,
    stage: str,
    *,
    today: date | None = None,
    filters: BoardFilter | None = None,
) -> StatusBoard:
    """Every registered unit (of the group) with its status for a year's stage.

    Args:
        workspace: the upper level's workspace.
        year: the fiscal year.
        stage: ``targets``, ``monitoring-YYYY-MM-DD`` or ``self-evaluation``.
        today: the day a missing unit is judged overdue on (default: today's local date).
        filters: the group, statuses and text to list (default: every unit).

    Raises:
        InputError: not a stage name.
    """
    check_stage_name(stage)
    chosen = filters or BoardFilter()
    day = today or local_today()
    with workspace.reading() as uow:
        facts = uow.board.board_facts(year, stage)
        deadline = uow.board.deadlines(year).get(stage)
    lines = _lines(facts, deadline, day, chosen.units, executing=stage != "targets")
    rates = reporting_rates(
        ((line.status, line.on_time) for line in lines), has_deadline=deadline is not None
    )
    text = chosen.text.strip().lower()
    shown = [
        line
        for line in lines
        if (not chosen.statuses or line.status in chosen.statuses)
        and (not text or text in line.code.lower() or text in line.name.lower())
    ]
    return StatusBoard(year, stage, deadline, day, shown, rates)


def _lines(
    facts: BoardFacts,
    deadline: date | None,
    today: date,
    group: Collection[str] | None,
    *,
    executing: bool = False,
) -> list[BoardLine]:
    reviews: dict[str, list[Review]] = {}
    for review in facts.reviews:
        reviews.setdefault(review.unit_code, []).append(Review(review.sequence, review.decision))
    lines = []
    for unit in facts.units:
        if group is not None and unit.code not in group:
            continue
        if not unit.newest:
            base, first_day = StageStatus.NOT_RECEIVED, None
        else:
            decided = reviews.get(unit.code)
            if decided:  # every reviewed sequence was received (the store left out others)
                received = [unit.newest, *(review.sequence for review in decided)]
                base = stage_status(received, decided)
            else:
                base = StageStatus.RECEIVED
            first_day = _local_day(unit.first_at) if deadline and unit.first_at else None
        figures = unit.figures
        lines.append(
            BoardLine(
                unit.code,
                unit.name,
                unit.contact,
                bool(unit.key_id),
                board_status(base, first_day, deadline),
                unit.newest,
                unit.current_at,
                unit.first_at,
                on_time(first_day, deadline, today),
                figures.total if figures else None,
                figures.grade if figures else "",
                figures if executing else None,
            )
        )
    return lines


@lru_cache(maxsize=8192)
def _local_day(moment: str) -> date:
    """The local calendar day of a stored UTC time (deadlines are local days).

    Kept by text: a batch's packages share their times of receipt, so most calls are a look-up.
    """
    instant = datetime.fromisoformat(moment)
    return _day_of_minute(instant.replace(second=0, microsecond=0))


@lru_cache(maxsize=4096)
def _day_of_minute(instant: datetime) -> date:
    """The local day of a minute (packages of one batch share their minutes: few conversions)."""
    return instant.astimezone().date()


def current_stage(workspace: Workspace, year: int) -> str | None:
    """The stage the board shows when none is chosen (``None`` when there is none).

    It is the latest stage of the season of which a package was received; before any, the
    first stage with a deadline.
    """
    with workspace.reading() as uow:
        received = uow.board.stages_received(year)
        due = uow.board.deadlines(year)
    if received:
        return max(received, key=season_order)
    return min(due, key=season_order, default=None)


def unit_statuses(workspace: Workspace, year: int, stage: str) -> list[UnitStageStatus]:
    """Every registered unit with its status for a year's stage, by credit code.

    The status comes from the packages received of the stage and the feedback written on them
    (each answers one received package); deadlines play no part (see :func:`status_board`).
    """
    with workspace.reading() as uow:
        facts = uow.board.board_facts(year, stage)
    lines = _lines(facts, None, local_today(), None)
    base = {
        BoardStatus.MISSING: StageStatus.NOT_RECEIVED,
        BoardStatus.RECEIVED: StageStatus.RECEIVED,
        BoardStatus.RETURNED: StageStatus.RETURNED,
        BoardStatus.RESUBMITTED: StageStatus.RESENT,
        BoardStatus.APPROVED: StageStatus.APPROVED,
    }
    return [
        UnitStageStatus(line.code, line.name, base[line.status], line.sequence) for line in lines
    ]
