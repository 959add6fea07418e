"""事前绩效评估 of a new major project: which projects need one, saving and removing a record.

A record may be saved incomplete (the window saves as the user types); the rule A003 then says
what is missing. What is refused at once is input that could never be right: a text longer
than a spreadsheet cell, a date after the year's end or long before it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from unionperf.domain.assessment import (
    ASSESSMENT_FIELDS,
    CONCLUSION_LABELS,
    Conclusion,
    ExAnteAssessment,
    assessment_budget,
    requires_assessment,
)
from unionperf.domain.budget import Project
from unionperf.domain.year import YearData
from unionperf.services.common.errors import InputError
from unionperf.services.common.workspace import Workspace, found

__all__ = [
    "MajorProject",
    "delete_assessment",
    "major_projects",
    "read_assessment_file",
    "save_assessment",
]

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


def read_assessment_file(path: Path, project_uid: str) -> ExAnteAssessment:
    """An assessment typed in a JSON file (``unionperf assessment --file``).

    The file is an object with the record's fields (``necessity``, ``feasibility``,
    ``expected_performance``, ``funding_soundness``, ``risks``, ``assessor``, ``evidence`` as
    texts; ``conclusion`` as 通过/调整后通过/不予通过 or ``pass``/``pass_adjusted``/``reject``;
    ``assessed_on`` as ``YYYY-MM-DD``); a field left out is empty.

    Raises:
        InputError: the file cannot be read, is not a JSON object, names an unknown field or
            holds a value of the wrong kind (the message names the field).
    """
    where = f"事前绩效评估文件 {path.name}"
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"无法读取：{error.strerror or error}", where) from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"不是 UTF-8 编码的 JSON 文件（{error}）", where) from error
    if not isinstance(loaded, dict):
        raise InputError("应为一个 JSON 对象（{…}）", where)
    unknown = sorted(set(loaded) - set(ASSESSMENT_FIELDS))
    if unknown:
        raise InputError(f"不认识的字段：{'、'.join(unknown)}", where)
    values: dict[str, object] = {}
    for name, value in loaded.items():
        label = f"{where} › {ASSESSMENT_FIELDS[name]}（{name}）"
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError("应为文字", label)
        values[name] = value
    conclusion = _conclusion(str(values.pop("conclusion", "")), where)
    day = _day(str(values.pop("assessed_on", "")), where)
    texts = {name: str(value) for name, value in values.items()}
    return ExAnteAssessment(project_uid, **texts, conclusion=conclusion, assessed_on=day)


def _conclusion(text: str, where: str) -> Conclusion | None:
    if not text.strip():
        return None
    words = {label: kind for kind, label in CONCLUSION_LABELS.items()}
    found = words.get(text.strip()) or next((k for k in Conclusion if k.value == text), None)
    if found is None:
        raise InputError(
            f"“{text}”不是评估结论：应为通过、调整后通过或不予通过", f"{where} › 评估结论"
        )
    return found


def _day(text: str, where: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise InputError(f"“{text}”不是日期（YYYY-MM-DD）", f"{where} › 评估日期") from error
