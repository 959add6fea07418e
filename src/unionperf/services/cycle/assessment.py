"""事前绩效评估 of a new major project: which projects need one, saving and removing a record.

A record may be saved incomplete (the window saves as the user types); the rule A003 then says
what is missing. What is refused at once is input that could never be right: a text longer
than a spreadsheet cell, a date after the year's end or long before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from unionperf.domain.assessment import (
    ASSESSMENT_FIELDS,
    ExAnteAssessment,
    assessment_budget,
    requires_assessment,
)
from unionperf.domain.budget import Project
from unionperf.domain.year import YearData
from unionperf.services.common.errors import InputError
from unionperf.services.common.workspace import Workspace, found

__all__ = ["MajorProject", "delete_assessment", "major_projects", "save_assessment"]

MAX_TEXT = 32767
"""The longest text kept (an Excel cell's limit, as everywhere in data.json)."""
YEARS_BEFORE = 5
"""How many years before the budget year an assessment may date from."""


@dataclass(frozen=True, slots=True)
class MajorProject:
    """A project of the year with what the assessment rule says of it."""

    project: Project
    budget: Decimal
    """The budget compared with the threshold (the larger of 年初预算数 and 全年预算数)."""
    required: bool
    assessment: ExAnteAssessment | None


def major_projects(data: YearData) -> list[MajorProject]:
    """Every project with an assessment or needing one, in the year's order."""
    threshold = data.settings.assessment_threshold
    found_rows = []
    for project in data.projects:
        required = requires_assessment(project, threshold)
        held = data.assessment_of(project.uid)
        if required or held is not None:
            found_rows.append(MajorProject(project, assessment_budget(project), required, held))
    return found_rows


def check_assessment(year: int, item: ExAnteAssessment, name: str) -> None:
    """Refuse a text too long or a date outside the years before the budget year.

    Raises:
        InputError: the field and what is wrong, in Chinese.
    """
    where = f"项目“{name}” › 事前绩效评估"
    for field, label in ASSESSMENT_FIELDS.items():
        value = getattr(item, field)
        if isinstance(value, str) and len(value) > MAX_TEXT:
            raise InputError(f"不能超过{MAX_TEXT}个字，现为{len(value)}个字", f"{where} › {label}")
    day = item.assessed_on
    earliest, latest = date(year - YEARS_BEFORE, 1, 1), date(year, 12, 31)
    if day is not None and not earliest <= day <= latest:
        raise InputError(
            f"评估日期{day.isoformat()}应在{earliest.isoformat()}至{latest.isoformat()}之间"
            "（事前评估在安排预算之前进行）",
            f"{where} › 评估日期",
        )


def save_assessment(workspace: Workspace, year: int, item: ExAnteAssessment) -> None:
    """Save a project's ex-ante assessment (refused while the targets are signed off).

    Raises:
        InputError: no such project in the year, a text too long, a date out of range.
        LockedStageError: the chair signed the targets off and no adjustment is open.
    """
    with workspace.unit_of_work() as uow:
        data = uow.years.load(year)
        project = data.project(item.project_uid)
        if project is None:
            raise InputError(f"{year}年度没有这个项目（{item.project_uid}）", "事前绩效评估")
        check_assessment(year, item, project.name or project.code)
        found(lambda: uow.assessments.save_assessment(year, item))


def delete_assessment(workspace: Workspace, year: int, project_uid: str) -> None:
    """Remove a project's assessment (undo of its first entry); none held is no change."""
    with workspace.unit_of_work() as uow:
        uow.assessments.delete_assessment(year, project_uid)
