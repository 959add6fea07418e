"""Form builders: pure functions from a year's data to :class:`~unionperf.forms.model.FormFamily`.

One module per form family; :func:`families_for` picks the families of a stage. Builders do no
I/O and know nothing of openpyxl or reportlab: the writers in ``unionperf.forms`` draw them.
"""

from __future__ import annotations

from unionperf.domain.monitoring import MonitoringPoint
from unionperf.domain.results import score_year
from unionperf.domain.year import Stage, StageKind, YearData
from unionperf.forms.builders.arrival import arrival_family
from unionperf.forms.builders.assessment import assessment_family
from unionperf.forms.builders.budget import budget_family
from unionperf.forms.builders.evaluation import evaluation_family
from unionperf.forms.builders.monitoring import monitoring_family
from unionperf.forms.builders.summary import evaluation_summary_family
from unionperf.forms.builders.targets import project_target_family, unit_target_family
from unionperf.forms.model import FormFamily

__all__ = [
    "arrival_family",
    "assessment_family",
    "budget_family",
    "evaluation_family",
    "evaluation_summary_family",
    "families_for",
    "monitoring_family",
    "project_target_family",
    "unit_target_family",
]


def families_for(data: YearData, stage: Stage | None = None) -> list[FormFamily]:
    """The form families filed at a stage, or every family of the year for ``None``.

    targets → budget table, project targets, unit targets and, when a project needs or holds
    one, the ex-ante assessments; ``monitoring-YYYY-MM-DD`` → that
    point's monitoring forms and its revenue-arrival form; self-evaluation → the self-evaluation
    forms and their summary.

    Raises:
        ValueError: a monitoring stage whose cut-off is not one of the year's points.
    """
    if stage is None:
        return [
            *_targets(data),
            *(family for point in data.points for family in _monitoring(data, point)),
            *_evaluation(data),
        ]
    if stage.kind is StageKind.TARGETS:
        return _targets(data)
    if stage.kind is StageKind.SELF_EVALUATION:
        return _evaluation(data)
    point = next((item for item in data.points if item.cutoff == stage.cutoff), None)
    if point is None:
        raise ValueError(f"{data.year}年度没有截至{stage.cutoff}的监控时点")
    return _monitoring(data, point)


def _monitoring(data: YearData, point: MonitoringPoint) -> list[FormFamily]:
    return [monitoring_family(data, point), arrival_family(data, point)]


def _targets(data: YearData) -> list[FormFamily]:
    families = [budget_family(data), project_target_family(data), unit_target_family(data)]
    assessments = assessment_family(data)
    return [*families, assessments] if assessments.forms else families


def _evaluation(data: YearData) -> list[FormFamily]:
    scores = score_year(data)
    return [evaluation_family(data, scores), evaluation_summary_family(data, scores)]
