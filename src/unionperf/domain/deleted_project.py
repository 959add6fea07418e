"""A deleted project kept whole, so that deleting it can be undone."""

from __future__ import annotations

from dataclasses import dataclass, replace

from unionperf.domain.assessment import ExAnteAssessment
from unionperf.domain.budget import Project
from unionperf.domain.evaluation import Evaluation
from unionperf.domain.monitoring import MonitoringEntry
from unionperf.domain.year import YearData

__all__ = ["DeletedProject", "snapshot_project", "with_restored"]


@dataclass(frozen=True, slots=True)
class DeletedProject:
    """What deleting a project removes: the project with its targets, monitoring, evaluation."""

    project: Project
    entries: tuple[MonitoringEntry, ...] = ()
    evaluation: Evaluation | None = None
    assessment: ExAnteAssessment | None = None


def snapshot_project(data: YearData, uid: str) -> DeletedProject | None:
    """Everything the year holds on a project, taken before it is deleted."""
    project = data.project(uid)
    if project is None:
        return None
    entries = tuple(item for item in data.monitoring if item.owner_uid == uid)
    evaluation = next((item for item in data.evaluations if item.owner_uid == uid), None)
    return DeletedProject(project, entries, evaluation, data.assessment_of(uid))


def with_restored(data: YearData, deleted: DeletedProject) -> YearData:
    """The year with a deleted project back as its last project, with its monitoring and results."""
    evaluations = data.evaluations
    if deleted.evaluation is not None:
        evaluations = (*evaluations, deleted.evaluation)
    return replace(
        data,
        projects=(*data.projects, deleted.project),
        monitoring=(*data.monitoring, *deleted.entries),
        evaluations=evaluations,
        assessments=(
            (*data.assessments, deleted.assessment)
            if deleted.assessment is not None
            else data.assessments
        ),
    )
