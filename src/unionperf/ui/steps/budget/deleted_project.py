"""Deleting a project with everything the year holds on it, and bringing it back (undo)."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, replace

from unionperf.domain.budget import Project
from unionperf.domain.evaluation import Evaluation
from unionperf.domain.monitoring import MonitoringEntry
from unionperf.domain.year import YearData
from unionperf.services.errors import ServiceError
from unionperf.services.locks import StageLockedError, open_adjustment
from unionperf.services.workspace import Workspace
from unionperf.ui.year_session import Area, YearSession

__all__ = [
    "DeletedProject",
    "restore_project",
    "snapshot_project",
]


@dataclass(frozen=True, slots=True)
class DeletedProject:
    """What deleting a project removes: the project with its targets, monitoring, evaluation."""

    project: Project
    entries: tuple[MonitoringEntry, ...] = ()
    evaluation: Evaluation | None = None


def snapshot_project(data: YearData, uid: str) -> DeletedProject | None:
    """Everything the year holds on a project, taken before it is deleted."""
    project = data.project(uid)
    if project is None:
        return None
    entries = tuple(item for item in data.monitoring if item.owner_uid == uid)
    evaluation = next((item for item in data.evaluations if item.owner_uid == uid), None)
    return DeletedProject(project, entries, evaluation)


def restore_project(session: YearSession, deleted: DeletedProject) -> None:
    """Save a deleted project again with its indicators, monitoring and evaluation (undo).

    The project comes back as the year's last project. Its monitoring and evaluation may belong
    to several signed-off stages: the user is asked for one adjustment reason, used for each.
    Raises ``ServiceError`` when refused (a partly restored project is deleted again).
    """
    workspace, year = session.workspace, session.held_year()
    reason: str | None = None
    opened: set[str] = set()
    try:
        while True:
            try:
                _save_deleted(workspace, year, deleted)
                break
            except StageLockedError as locked:
                reason = reason or session.adjustment_reason(locked)
                if not reason or locked.stage in opened:
                    raise
                open_adjustment(workspace, year, locked.stage, reason)
                opened.add(locked.stage)
    except ServiceError:
        with suppress(ServiceError):
            workspace.delete_project(deleted.project.uid)
        raise
    session.patch(Area.PROJECTS, lambda data: _with_deleted(data, deleted))
    for area in (Area.TARGETS, Area.MONITORING, Area.EVALUATION):
        session.changed.emit(area)


def _save_deleted(workspace: Workspace, year: int, deleted: DeletedProject) -> None:
    project = deleted.project
    workspace.save_project(year, project)
    for position, indicator in enumerate(project.targets.indicators):
        workspace.save_indicator(year, project.uid, indicator, position)
    for entry in deleted.entries:
        workspace.save_entry(entry)
    if deleted.evaluation is not None:
        for result in deleted.evaluation.results:
            workspace.save_result(year, result)
        workspace.save_evaluation_texts(year, deleted.evaluation)


def _with_deleted(data: YearData, deleted: DeletedProject) -> YearData:
    evaluations = data.evaluations
    if deleted.evaluation is not None:
        evaluations = (*evaluations, deleted.evaluation)
    return replace(
        data,
        projects=(*data.projects, deleted.project),
        monitoring=(*data.monitoring, *deleted.entries),
        evaluations=evaluations,
    )
