"""The fake store's ex-ante assessments (kept in each year's ``YearData.assessments``)."""

from __future__ import annotations

from tests.services.fake_records import FakeSubmissions
from tests.services.fake_state import FakeAudit, FakeState
from unionperf.domain import year_edits
from unionperf.domain.assessment import ExAnteAssessment
from unionperf.store.errors import NotFoundError


class FakeAssessments:
    """One assessment per project of a year; a change while the targets are locked is refused."""

    def __init__(self, state: FakeState, submissions: FakeSubmissions, audit: FakeAudit) -> None:
        self.state = state
        self.submissions = submissions
        self.audit = audit

    def for_year(self, year: int) -> tuple[ExAnteAssessment, ...]:
        """The assessments of a year."""
        data = self.state.years.get(year)
        return data.assessments if data else ()

    def save_assessment(self, year: int, item: ExAnteAssessment) -> None:
        """Create or update a project's assessment."""
        data = self.state.years.get(year)
        if data is None or data.project(item.project_uid) is None:
            raise NotFoundError(f"{year}年度没有这个项目（{item.project_uid}）")
        if data.assessment_of(item.project_uid) == item:
            return
        self.submissions.guard(year, "targets")
        self.state.years[year] = year_edits.with_assessment(data, item)
        self.audit.record("save", "ex_ante_assessment", item.project_uid, {}, year=year)

    def delete_assessment(self, year: int, project_uid: str) -> None:
        """Remove a project's assessment (none held: no change)."""
        data = self.state.years.get(year)
        if data is None or data.assessment_of(project_uid) is None:
            return
        self.submissions.guard(year, "targets")
        self.state.years[year] = year_edits.without_assessment(data, project_uid)
        self.audit.record("delete", "ex_ante_assessment", project_uid, {}, year=year)
