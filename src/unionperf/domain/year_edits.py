"""A year with one item replaced: how the window keeps its copy current without reloading."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from unionperf.domain.assessment import ExAnteAssessment
from unionperf.domain.budget import UNIT_OWNER, BudgetLine, Project, TargetSet
from unionperf.domain.evaluation import Evaluation, IndicatorResult
from unionperf.domain.indicators import Indicator
from unionperf.domain.monitoring import MonitoringEntry, MonitoringPoint
from unionperf.domain.revenue import RevenueArrival
from unionperf.domain.settings import SignoffRole
from unionperf.domain.unit import UnitProfile
from unionperf.domain.year import Explanation, Signoff, YearData

__all__ = [
    "with_arrival",
    "with_assessment",
    "with_budget_line",
    "with_entry",
    "with_evaluation_texts",
    "with_explanation",
    "with_indicator",
    "with_point",
    "with_project",
    "with_result",
    "with_signoff",
    "with_targets",
    "with_unit",
    "without_arrival",
    "without_assessment",
    "without_indicator",
    "without_point",
    "without_project",
    "without_signoff",
    "without_signoffs",
]


def with_unit(data: YearData, unit: UnitProfile) -> YearData:
    """The year with the union's profile replaced."""
    return replace(data, unit=unit)


def with_budget_line(data: YearData, line: BudgetLine) -> YearData:
    """The year with one category row replaced (or added, in catalogue order)."""
    lines = {item.category_code: item for item in data.budget}
    lines[line.category_code] = line
    order = {category.code: index for index, category in enumerate(data.catalogue.categories)}
    ordered = sorted(lines.values(), key=lambda item: order.get(item.category_code, len(order)))
    return replace(data, budget=tuple(ordered))


def with_project(data: YearData, project: Project) -> YearData:
    """The year with a project replaced in place, or appended when new."""
    if data.project(project.uid) is None:
        return replace(data, projects=(*data.projects, project))
    projects = tuple(project if item.uid == project.uid else item for item in data.projects)
    return replace(data, projects=projects)


def without_project(data: YearData, uid: str) -> YearData:
    """The year without a project and without its monitoring and evaluation."""
    return replace(
        data,
        projects=tuple(item for item in data.projects if item.uid != uid),
        monitoring=tuple(item for item in data.monitoring if item.owner_uid != uid),
        evaluations=tuple(item for item in data.evaluations if item.owner_uid != uid),
        assessments=tuple(item for item in data.assessments if item.project_uid != uid),
    )


def with_targets(data: YearData, targets: TargetSet) -> YearData:
    """The year with the target set of a project (or of the unit) replaced."""
    if targets.owner_uid == UNIT_OWNER:
        return replace(data, unit_targets=targets)
    project = data.project(targets.owner_uid)
    if project is None:
        return data
    return with_project(data, replace(project, targets=targets))


def with_indicator(
    data: YearData, owner_uid: str, indicator: Indicator, position: int | None = None
) -> YearData:
    """The year with an indicator replaced in place, or inserted at ``position`` (default: last)."""
    targets = data.targets_of(owner_uid)
    if targets is None:
        return data
    held = list(targets.indicators)
    index = next((i for i, item in enumerate(held) if item.uid == indicator.uid), None)
    if index is not None:
        held[index] = indicator
    else:
        held.insert(len(held) if position is None else position, indicator)
    return with_targets(data, replace(targets, indicators=tuple(held)))


def without_indicator(data: YearData, owner_uid: str, uid: str) -> YearData:
    """The year without an indicator, its progress and its result."""
    targets = data.targets_of(owner_uid)
    if targets is None:
        return data
    kept = tuple(item for item in targets.indicators if item.uid != uid)
    data = with_targets(data, replace(targets, indicators=kept))
    monitoring = tuple(
        replace(entry, progress=tuple(p for p in entry.progress if p.indicator_uid != uid))
        for entry in data.monitoring
    )
    evaluations = tuple(
        replace(item, results=tuple(r for r in item.results if r.indicator_uid != uid))
        for item in data.evaluations
    )
    return replace(data, monitoring=monitoring, evaluations=evaluations)


def with_point(data: YearData, point: MonitoringPoint) -> YearData:
    """The year with a monitoring point replaced or added (points stay in date order)."""
    points = {item.uid: item for item in data.points}
    points[point.uid] = point
    return replace(data, points=tuple(sorted(points.values(), key=lambda item: item.cutoff)))


def without_point(data: YearData, point_uid: str) -> YearData:
    """The year without a monitoring point and the entries made at it."""
    return replace(
        data,
        points=tuple(point for point in data.points if point.uid != point_uid),
        monitoring=tuple(entry for entry in data.monitoring if entry.point_uid != point_uid),
        arrivals=tuple(item for item in data.arrivals if item.point_uid != point_uid),
    )


def with_entry(data: YearData, entry: MonitoringEntry) -> YearData:
    """The year with one owner's monitoring at one point replaced or added."""
    kept = tuple(
        item
        for item in data.monitoring
        if (item.point_uid, item.owner_uid) != (entry.point_uid, entry.owner_uid)
    )
    return replace(data, monitoring=(*kept, entry))


def with_assessment(data: YearData, assessment: ExAnteAssessment) -> YearData:
    """The year with one project's ex-ante assessment replaced or added."""
    kept = tuple(item for item in data.assessments if item.project_uid != assessment.project_uid)
    return replace(data, assessments=(*kept, assessment))


def without_assessment(data: YearData, project_uid: str) -> YearData:
    """The year without a project's ex-ante assessment."""
    kept = tuple(item for item in data.assessments if item.project_uid != project_uid)
    return replace(data, assessments=kept)


def with_arrival(data: YearData, arrival: RevenueArrival) -> YearData:
    """The year with one revenue category's arrival at one point replaced or added."""
    key = (arrival.point_uid, arrival.category_code)
    kept = tuple(item for item in data.arrivals if (item.point_uid, item.category_code) != key)
    return replace(data, arrivals=(*kept, arrival))


def without_arrival(data: YearData, point_uid: str, category_code: str) -> YearData:
    """The year without one revenue category's arrival at one point."""
    key = (point_uid, category_code)
    kept = tuple(item for item in data.arrivals if (item.point_uid, item.category_code) != key)
    return replace(data, arrivals=kept)


def with_result(data: YearData, owner_uid: str, result: IndicatorResult) -> YearData:
    """The year with one indicator's year-end result replaced or added."""
    evaluation = data.evaluation_of(owner_uid)
    results = tuple(
        item for item in evaluation.results if item.indicator_uid != result.indicator_uid
    )
    return _with_evaluation(data, replace(evaluation, results=(*results, result)))


def with_evaluation_texts(data: YearData, texts: Evaluation) -> YearData:
    """The year with an evaluation's texts replaced (its results are kept)."""
    evaluation = data.evaluation_of(texts.owner_uid)
    return _with_evaluation(
        data,
        replace(
            evaluation,
            achieved_text=texts.achieved_text,
            result_application=texts.result_application,
            execution_analysis=texts.execution_analysis,
        ),
    )


def with_signoff(data: YearData, signoff: Signoff) -> YearData:
    """The year with a stage's sign-off by one role recorded (replacing an earlier one)."""
    kept = tuple(
        item for item in data.signoffs if (item.stage, item.role) != (signoff.stage, signoff.role)
    )
    return replace(data, signoffs=(*kept, signoff))


def without_signoff(data: YearData, stage: str) -> YearData:
    """The year with every sign-off of a stage withdrawn (a returned stage)."""
    return replace(data, signoffs=tuple(item for item in data.signoffs if item.stage != stage))


def without_signoffs(data: YearData, stage: str, roles: Iterable[SignoffRole]) -> YearData:
    """The year with some roles' sign-offs of a stage withdrawn (an undo, an adjustment)."""
    gone = set(roles)
    kept = tuple(item for item in data.signoffs if item.stage != stage or item.role not in gone)
    return replace(data, signoffs=kept)


def with_explanation(data: YearData, explanation: Explanation) -> YearData:
    """The year with a soft problem's explanation written (an empty text removes it)."""
    kept = tuple(item for item in data.explanations if item.problem_key != explanation.problem_key)
    if explanation.text.strip():
        kept = (*kept, explanation)
    return replace(data, explanations=kept)


def _with_evaluation(data: YearData, evaluation: Evaluation) -> YearData:
    kept = tuple(item for item in data.evaluations if item.owner_uid != evaluation.owner_uid)
    return replace(data, evaluations=(*kept, evaluation))
