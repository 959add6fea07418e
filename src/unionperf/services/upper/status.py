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
from unionperf.store.board import BoardFacts


@dataclass(frozen=True, slots=True)
class UnitStageStatus:
    """One registered unit's status for a stage."""

    unit_code: str
    name: str
    status: StageStatus
    sequence: int
    """The newest received package's sequence (0 when none was received)."""


@dataclass(frozen=True, slots=True)
class BoardLine:
    """One unit on the status board."""

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
    execution_rate: Decimal | None = None
    """The unit's execution ÷ its expenditure budget as the current package reports it
    (``None`` at the targets stage, before any package, or without a budget)."""

    @property
    def label(self) -> str:
        """The status in Chinese (未报 …)."""
        return self.status.label


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
    by_unit: dict[str, list[tuple[int, str, str, bool]]] = {}
    sequence_of: dict[str, int] = {}
    for package in facts.packages:
        by_unit.setdefault(package.unit_code, []).append(
            (package.sequence, package.sha256, package.received_at, package.current)
        )
        sequence_of[package.sha256] = package.sequence
    reviews: dict[str, list[Review]] = {}
    for review in facts.reviews:
        answered = sequence_of.get(review.responds_to or "")
        if answered is not None:
            reviews.setdefault(review.unit_code, []).append(Review(answered, review.decision))
    lines = []
    for unit in facts.units:
        if group is not None and unit.code not in group:
            continue
        packages = by_unit.get(unit.code, [])
        base = stage_status([item[0] for item in packages], reviews.get(unit.code, []))
        current = max(packages, default=None, key=lambda item: item[0])
        first_at = min((item[2] for item in packages), default=None)
        first_day = _local_day(first_at) if first_at else None
        figures = facts.figures.get(unit.code)
        lines.append(
            BoardLine(
                unit.code,
                unit.name,
                unit.contact,
                bool(unit.key_id),
                board_status(base, first_day, deadline),
                current[0] if current else 0,
                current[2] if current else None,
                first_at,
                on_time(first_day, deadline, today),
                figures.total if figures else None,
                figures.grade if figures else "",
                execution_rate(figures.executed, figures.budget) if figures and executing else None,
            )
        )
    return lines


def _local_day(moment: str) -> date:
    """The local calendar day of a stored UTC time (deadlines are local days)."""
    return datetime.fromisoformat(moment).astimezone().date()


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
