"""The upper level's status board: where each registered unit stands with a year's stage."""

from __future__ import annotations

from dataclasses import dataclass

from unionperf.domain.reporting import Review, StageStatus, stage_status
from unionperf.services.common.workspace import Workspace


@dataclass(frozen=True, slots=True)
class UnitStageStatus:
    """One registered unit's status for a stage."""

    unit_code: str
    name: str
    status: StageStatus
    sequence: int
    """The newest received package's sequence (0 when none was received)."""


def unit_statuses(workspace: Workspace, year: int, stage: str) -> list[UnitStageStatus]:
    """Every registered unit with its status for a year's stage, by credit code.

    The status comes from the packages received of the stage and the feedback written on them
    (each answers one received package).

    Args:
        workspace: the upper level's workspace.
        year: the fiscal year.
        stage: ``targets``, ``monitoring-YYYY-MM-DD`` or ``self-evaluation``.

    Returns:
        One line per registered unit.
    """
    with workspace.reading() as uow:
        units = uow.register.subordinates()
        received = uow.register.received(year=year, stage=stage)
        sent = uow.register.feedback_sent(year, stage)
    sequences: dict[str, list[int]] = {}
    by_hash: dict[str, int] = {}
    for package in received:
        sequences.setdefault(package.unit_code, []).append(package.sequence)
        by_hash[package.sha256] = package.sequence
    reviews: dict[str, list[Review]] = {}
    for feedback in sent:
        answered = by_hash.get(feedback.responds_to or "")
        if answered is not None:
            reviews.setdefault(feedback.unit_code, []).append(Review(answered, feedback.decision))
    return [
        UnitStageStatus(
            unit.unit_code,
            unit.name,
            stage_status(sequences.get(unit.unit_code, []), reviews.get(unit.unit_code, [])),
            max(sequences.get(unit.unit_code, []), default=0),
        )
        for unit in units
    ]
