"""Bringing a deleted project back (undo); a locked stage asks for an adjustment reason."""

from __future__ import annotations

from unionperf.domain.deleted_project import DeletedProject, snapshot_project, with_restored
from unionperf.services.common.stages import StageLockedError
from unionperf.services.cycle import editing
from unionperf.services.cycle.locks import open_adjustment
from unionperf.ui.year_session import Area, YearSession

__all__ = [
    "DeletedProject",
    "restore_project",
    "snapshot_project",
]


def restore_project(session: YearSession, deleted: DeletedProject) -> None:
    """Save a deleted project again with its indicators, monitoring and evaluation (undo).

    The project comes back as the year's last project, in one service call (all or nothing).
    Its monitoring and evaluation may belong to several signed-off stages: the user is asked for
    one adjustment reason, used for each. Raises ``ServiceError`` when refused.
    """
    workspace, year = session.workspace, session.held_year()
    reason: str | None = None
    opened: set[str] = set()
    while True:
        try:
            editing.restore_project(workspace, year, deleted)
            break
        except StageLockedError as locked:
            reason = reason or session.adjustment_reason(locked)
            if not reason or locked.stage in opened:
                raise
            open_adjustment(workspace, year, locked.stage, reason)
            opened.add(locked.stage)
    session.patch(Area.PROJECTS, lambda data: with_restored(data, deleted))
    for area in (Area.TARGETS, Area.MONITORING, Area.EVALUATION):
        session.changed.emit(area)
