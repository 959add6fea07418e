"""Rules on the ex-ante assessment of new major projects (seed §二.4): A001–A003, all hard.

A hard problem stops the targets stage from being signed off (``signoff_blockers``) and from
being exported, so a project's targets cannot be signed off before its assessment exists, is
complete and is positive.
"""

from __future__ import annotations

from unionperf.domain.assessment import (
    ASSESSMENT_FIELDS,
    ASSESSMENT_ITEM,
    assessment_budget,
    missing_fields,
    requires_assessment,
)
from unionperf.domain.budget import Project
from unionperf.domain.money import format_money
from unionperf.domain.problems import Location, Problem, ProblemCode, Section
from unionperf.domain.validation.locate import owner_label
from unionperf.domain.year import YearData


def assessment_location(data: YearData, project: Project, field: str = "") -> Location:
    """Where a project's assessment problem sits: the targets step, the project's assessment."""
    parts = [owner_label(data, project.uid), "事前绩效评估"]
    if field:
        parts.append(ASSESSMENT_FIELDS.get(field, field))
    return Location(Section.TARGETS, project.uid, ASSESSMENT_ITEM, field, " › ".join(parts))


def check_assessments(data: YearData) -> list[Problem]:
    """Every new major project has a complete, positive ex-ante assessment."""
    threshold = data.settings.assessment_threshold
    problems: list[Problem] = []
    for project in data.projects:
        if not requires_assessment(project, threshold):
            continue
        assessment = data.assessment_of(project.uid)
        if assessment is None:
            params = {
                "budget": format_money(assessment_budget(project)),
                "threshold": format_money(threshold),
            }
            where = assessment_location(data, project)
            problems.append(Problem(ProblemCode.ASSESSMENT_MISSING, where, params))
            continue
        missing = missing_fields(assessment)
        if missing:
            names = "、".join(f"“{ASSESSMENT_FIELDS[name]}”" for name in missing)
            where = assessment_location(data, project, missing[0])
            problems.append(Problem(ProblemCode.ASSESSMENT_INCOMPLETE, where, {"fields": names}))
        if assessment.conclusion is not None and not assessment.positive:
            where = assessment_location(data, project, "conclusion")
            problems.append(Problem(ProblemCode.ASSESSMENT_NOT_POSITIVE, where))
    return problems
