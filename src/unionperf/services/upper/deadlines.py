"""Deadlines of a year's stages (报送截止日期), set by the upper level on its status board.

A stage's deadline is the last day a unit may send its first package of the stage; a package
first received after it is late (逾期), and a unit still missing after it is not on time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from unionperf.domain.year import Stage, StageKind, stage_label
from unionperf.services.common.errors import InputError
from unionperf.services.common.workspace import Workspace

WHERE = "报送截止日期"
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True, slots=True)
class StageDeadline:
    """A stage of the year and its deadline."""

    stage: str
    due: date

    @property
    def label(self) -> str:
        """The stage in Chinese."""
        return stage_label(self.stage)


def check_stage_name(stage: str) -> Stage:
    """The stage a name gives.

    Raises:
        InputError: not ``targets``, ``monitoring-YYYY-MM-DD`` or ``self-evaluation``.
    """
    try:
        return Stage.parse(stage)
    except ValueError as error:
        raise InputError(str(error), "报送阶段") from error


def season_order(stage: str) -> tuple[int, date]:
    """A sort key for stage names in the order of the season (targets, points, evaluation)."""
    parsed = Stage.parse(stage)
    rank = {StageKind.TARGETS: 0, StageKind.MONITORING: 1, StageKind.SELF_EVALUATION: 2}
    return rank[parsed.kind], parsed.cutoff or date.min


def parse_day(text: str) -> date:
    """A day written ``YYYY-MM-DD``.

    Raises:
        InputError: any other text.
    """
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            f"“{text}”不是有效日期，应写作 YYYY-MM-DD（如 2025-01-31）", WHERE
        ) from None


def set_deadline(workspace: Workspace, year: int, stage: str, due: date | None) -> None:
    """Set the deadline of a year's stage (``None`` removes it).

    Raises:
        InputError: as :func:`check_deadline`.
    """
    parsed = check_deadline(year, stage, due)
    with workspace.unit_of_work() as uow:
        uow.board.set_deadline(year, parsed.name, due)


def check_deadline(year: int, stage: str, due: date | None) -> Stage:
    """The stage of a deadline that may be set (``due`` ``None``: only year and stage checked).

    Raises:
        InputError: a year outside 2000–2100, a bad stage, a monitoring point of another year,
            a deadline before the point's cut-off or more than a year after the year ends.
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError(f"年度应在{FIRST_YEAR}–{LAST_YEAR}之间", WHERE)
    parsed = check_stage_name(stage)
    if parsed.cutoff is not None and parsed.cutoff.year != year:
        raise InputError(f"监控时点 {parsed.cutoff} 不在{year}年度", WHERE)
    if due is not None:
        if parsed.cutoff is not None and due < parsed.cutoff:
            raise InputError(f"截止日期 {due} 早于监控时点 {parsed.cutoff}：应在时点之后", WHERE)
        if not date(year - 1, 1, 1) <= due <= date(year + 1, 12, 31):
            raise InputError(f"截止日期 {due} 应在{year - 1}年至{year + 1}年之间", WHERE)
    return parsed


def deadlines(workspace: Workspace, year: int) -> list[StageDeadline]:
    """The year's deadlines in the order of the season."""
    with workspace.reading() as uow:
        held = uow.board.deadlines(year)
    return [StageDeadline(stage, held[stage]) for stage in sorted(held, key=season_order)]
