"""Ex-ante assessment records (事前绩效评估): one row per project of a year, keyed by its uid.

An assessment belongs to the targets stage: once the chair signed the targets off, a change is
refused like any change of the targets (unless an adjustment is open). Keyed by the project's
uid rather than its row, an assessment outlives a deleted project's row and is back when the
deletion is undone; it is read only for the projects the year holds. Each write is audited.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from unionperf.domain.assessment import Conclusion, ExAnteAssessment
from unionperf.domain.year import StageKind
from unionperf.store import audit
from unionperf.store.errors import NotFoundError
from unionperf.store.mapping import Values, assign, diff
from unionperf.store.rows import AssessmentRow, ProjectRow
from unionperf.store.submissions import SubmissionRecords

__all__ = ["AssessmentRecords", "assessment_values", "load_assessments"]

_FIELDS = (
    "necessity",
    "feasibility",
    "expected_performance",
    "funding_soundness",
    "risks",
    "conclusion",
    "assessor",
    "assessed_on",
    "evidence",
)
_TARGETS = StageKind.TARGETS.value


def assessment_values(item: ExAnteAssessment) -> Values:
    """Columns of an assessment row (without its year)."""
    values: Values = {name: getattr(item, name) for name in _FIELDS}
    values["conclusion"] = item.conclusion.value if item.conclusion is not None else None
    return {"project_uid": item.project_uid, **values}


def load_assessments(session: Session, year: int) -> tuple[ExAnteAssessment, ...]:
    """The assessments of the projects a year holds, in the projects' order."""
    rows = session.execute(
        select(AssessmentRow)
        .join(
            ProjectRow,
            (ProjectRow.year == AssessmentRow.year) & (ProjectRow.uid == AssessmentRow.project_uid),
        )
        .where(AssessmentRow.year == year)
        .order_by(ProjectRow.position, ProjectRow.id)
    ).scalars()
    return tuple(_from_row(row) for row in rows)


def _from_row(row: AssessmentRow) -> ExAnteAssessment:
    return ExAnteAssessment(
        project_uid=row.project_uid,
        necessity=row.necessity,
        feasibility=row.feasibility,
        expected_performance=row.expected_performance,
        funding_soundness=row.funding_soundness,
        risks=row.risks,
        conclusion=Conclusion(row.conclusion) if row.conclusion else None,
        assessor=row.assessor,
        assessed_on=_day(row.assessed_on) if row.assessed_on else None,
        evidence=row.evidence,
    )


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


class AssessmentRecords:
    """Reads and writes ex-ante assessments inside the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def for_year(self, year: int) -> tuple[ExAnteAssessment, ...]:
        """The assessments of the year's projects."""
        return load_assessments(self.session, year)

    def save_assessment(self, year: int, item: ExAnteAssessment) -> None:
        """Create or update a project's assessment (audited, guarded by the targets' lock).

        Raises:
            NotFoundError: the year holds no such project.
            LockedStageError: the targets are signed off and no adjustment is open.
        """
        project = self.session.scalar(
            select(ProjectRow.id).where(ProjectRow.year == year, ProjectRow.uid == item.project_uid)
        )
        if project is None:
            raise NotFoundError(f"{year}年度没有这个项目（{item.project_uid}）")
        row = self._row(year, item.project_uid)
        new = assessment_values(item)
        old = {key: getattr(row, key) for key in ("project_uid", *_FIELDS)} if row else None
        changes = diff(old, new)
        if not changes and old is not None:
            return
        SubmissionRecords(self.session).guard(year, _TARGETS)
        if row is None:
            self.session.add(AssessmentRow(year=year, **new))
        else:
            assign(row, new)
        audit.record(
            self.session, "save", "ex_ante_assessment", item.project_uid, changes, year=year
        )

    def delete_assessment(self, year: int, project_uid: str) -> None:
        """Remove a project's assessment (undo of its first entry); none held is no change.

        Raises:
            LockedStageError: the targets are signed off and no adjustment is open.
        """
        row = self._row(year, project_uid)
        if row is None:
            return
        SubmissionRecords(self.session).guard(year, _TARGETS)
        old = {key: getattr(row, key) for key in ("project_uid", *_FIELDS)}
        self.session.execute(delete(AssessmentRow).where(AssessmentRow.id == row.id))
        audit.record(
            self.session, "delete", "ex_ante_assessment", project_uid, diff(old, None), year=year
        )

    def _row(self, year: int, project_uid: str) -> AssessmentRow | None:
        return self.session.scalar(
            select(AssessmentRow).where(
                AssessmentRow.year == year, AssessmentRow.project_uid == project_uid
            )
        )
