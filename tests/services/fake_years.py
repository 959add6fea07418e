"""The fake year repository: whole years as domain aggregates, edited with ``domain.year_edits``."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tests.services.fake_records import FakeSubmissions
from tests.services.fake_state import NO_UNIT, SELF_EVALUATION, TARGETS, FakeAudit, FakeState
from unionperf.domain import year_edits
from unionperf.domain.budget import UNIT_OWNER, BudgetLine, Project, TargetSet
from unionperf.domain.evaluation import Evaluation, IndicatorResult
from unionperf.domain.indicators import Indicator
from unionperf.domain.money import fen_to_yuan, yuan_to_fen
from unionperf.domain.monitoring import MonitoringEntry, MonitoringPoint
from unionperf.domain.settings import RuleSettings, SignoffRole
from unionperf.domain.unit import UnitProfile
from unionperf.domain.year import Explanation, Signoff, YearData
from unionperf.store.errors import NotFoundError


class FakeYears:
    """The years as :class:`YearData` aggregates, edited with ``domain.year_edits``."""

    def __init__(self, state: FakeState, submissions: FakeSubmissions, audit: FakeAudit) -> None:
        self.state = state
        self.submissions = submissions
        self.audit = audit

    # -- reading -------------------------------------------------------------------------------

    def unit(self) -> UnitProfile | None:
        """The union's profile, or ``None`` before it is entered."""
        return self.state.unit

    def years(self) -> list[int]:
        """The fiscal years held, oldest first."""
        return sorted(self.state.years)

    def settings(self, year: int) -> RuleSettings:
        """The rule settings of a year."""
        return self._year(year).settings

    def load(self, year: int) -> YearData:
        """The whole year, with the unit profile as it is now."""
        return replace(self._year(year), unit=self.state.unit or NO_UNIT)

    def years_holding_projects(self, uids: Any, before: int) -> list[int]:
        """The years before ``before`` that hold a project with one of ``uids``, oldest first."""
        return [
            year
            for year, data in sorted(self.state.years.items())
            if year < before and any(project.uid in uids for project in data.projects)
        ]

    def load_for_scores(self, year: int) -> YearData:
        """A year without its monitoring."""
        return replace(self.load(year), points=(), monitoring=())

    def indicator(self, year: int, uid: str) -> Indicator | None:
        """One indicator of the year, if it exists."""
        data = self.state.years.get(year)
        if data is None:
            return None
        found = _find_indicator(data, uid)
        return found[1] if found else None

    def _year(self, year: int) -> YearData:
        try:
            return self.state.years[year]
        except KeyError:
            raise NotFoundError(f"工作区中没有{year}年度的数据") from None

    def _put(self, data: YearData) -> None:
        self.state.years[data.year] = data

    def _project_of(self, year: int, uid: str) -> tuple[YearData, Project]:
        data = self._year(year)
        project = data.project(uid)
        if project is None:
            raise NotFoundError(f"{year}年度找不到项目（{uid}）")
        return data, project

    def _owner(self, year: int, owner_uid: str) -> None:
        if owner_uid != UNIT_OWNER:
            self._project_of(year, owner_uid)

    # -- writing -------------------------------------------------------------------------------

    def save_unit(self, unit: UnitProfile) -> None:
        """Create or update the union's profile."""
        self.state.unit = unit
        self.audit.record("save", "unit", "unit", {})

    def ensure_year(self, year: int, settings: RuleSettings | None = None) -> bool:
        """Create the fiscal year if missing; True if created."""
        if year in self.state.years:
            return False
        self._put(YearData(year, NO_UNIT, settings=settings or RuleSettings()))
        self.audit.record("create", "year", str(year), {}, year=year)
        return True

    def save_settings(self, year: int, settings: RuleSettings) -> None:
        """Replace a year's rule settings."""
        self._put(replace(self._year(year), settings=settings))
        self.audit.record("save", "settings", str(year), {}, year=year)

    def save_year_facts(
        self,
        year: int,
        *,
        opening_balance: Any = None,
        unit_annual_goal: str | None = None,
        unit_midterm_goal: str | None = None,
    ) -> None:
        """Update the opening balance and unit-wide goals (``None`` keeps a field)."""
        data = self._year(year)
        targets = data.unit_targets
        if (unit_annual_goal is not None and unit_annual_goal != targets.annual_goal) or (
            unit_midterm_goal is not None and unit_midterm_goal != targets.midterm_goal
        ):
            self.submissions.guard(year, TARGETS)
        if opening_balance is not None:
            data = replace(data, opening_balance=fen_to_yuan(yuan_to_fen(opening_balance)))
        targets = replace(
            targets,
            annual_goal=targets.annual_goal if unit_annual_goal is None else unit_annual_goal,
            midterm_goal=targets.midterm_goal if unit_midterm_goal is None else unit_midterm_goal,
        )
        self._put(replace(data, unit_targets=targets))
        self.audit.record("save", "year", str(year), {}, year=year)

    def save_budget_line(self, year: int, line: BudgetLine) -> None:
        """Create or update a category row of the budget."""
        self._put(year_edits.with_budget_line(self._year(year), line))
        self.audit.record("save", "budget_line", line.category_code, {}, year=year)

    def save_project(self, year: int, project: Project) -> None:
        """Create or update a project's data, goals and funding (its indicators are kept)."""
        data = self._year(year)
        held = data.project(project.uid)
        goals = (project.targets.annual_goal, project.targets.midterm_goal)
        if goals != ((held.targets.annual_goal, held.targets.midterm_goal) if held else ("", "")):
            self.submissions.guard(year, TARGETS)
        indicators = held.targets.indicators if held else ()
        saved = replace(
            project,
            targets=replace(project.targets, owner_uid=project.uid, indicators=indicators),
        )
        self._put(year_edits.with_project(data, saved))
        self.audit.record("save", "project", project.uid, {}, year=year)

    def delete_project(self, year: int, uid: str) -> None:
        """Delete a project of a year with its indicators, monitoring and results."""
        data, project = self._project_of(year, uid)
        targets = project.targets
        if targets.annual_goal or targets.midterm_goal or targets.indicators:
            self.submissions.guard(data.year, TARGETS)
        self._put(year_edits.without_project(data, uid))
        self.audit.record("delete", "project", uid, {}, year=data.year)

    def save_indicator(
        self, year: int, owner_uid: str, indicator: Indicator, position: int | None = None
    ) -> None:
        """Create or update a level-3 indicator of a project or of the unit."""
        self._owner(year, owner_uid)
        data = self._year(year)
        targets = data.targets_of(owner_uid)
        if targets is None:
            raise NotFoundError(f"找不到项目（{owner_uid}）")
        held = list(targets.indicators)
        index = next((i for i, item in enumerate(held) if item.uid == indicator.uid), None)
        moved = index is not None and position is not None and index != position
        if index is None or moved or held[index] != indicator:
            self.submissions.guard(year, TARGETS)
        if index is not None:
            held.pop(index)
        where = position if position is not None else (len(held) if index is None else index)
        held.insert(where, indicator)
        self._put(year_edits.with_targets(data, replace(targets, indicators=tuple(held))))
        self.audit.record("save", "indicator", indicator.uid, {}, year=year)

    def delete_indicator(self, uid: str) -> None:
        """Delete an indicator with its progress and result."""
        for data in self.state.years.values():
            found = _find_indicator(data, uid)
            if found is not None:
                self.submissions.guard(data.year, TARGETS)
                self._put(year_edits.without_indicator(data, found[0], uid))
                self.audit.record("delete", "indicator", uid, {}, year=data.year)
                return
        raise NotFoundError(f"找不到指标（{uid}）")

    def save_point(self, year: int, point: MonitoringPoint) -> None:
        """Create or update a monitoring point (a changed point of a locked stage is refused)."""
        data = self._year(year)
        held = next((item for item in data.points if item.uid == point.uid), None)
        if held is not None and held != point:
            self.submissions.guard(year, held.stage)
        self._put(year_edits.with_point(data, point))
        self.audit.record("save", "monitoring_point", point.uid, {}, year=year)

    def delete_point(self, year: int, uid: str) -> None:
        """Delete a monitoring point with every entry made at it."""
        data = self._year(year)
        held = next((item for item in data.points if item.uid == uid), None)
        if held is None:
            raise NotFoundError(f"{year}年度没有这个监控时点（{uid}）")
        self.submissions.guard(year, held.stage)
        self._put(year_edits.without_point(data, uid))
        self.audit.record("delete", "monitoring_point", uid, {}, year=year)

    def save_entry(self, entry: MonitoringEntry) -> None:
        """Create or update one owner's monitoring at one point."""
        for data in self.state.years.values():
            point = next((item for item in data.points if item.uid == entry.point_uid), None)
            if point is not None:
                break
        else:
            raise NotFoundError(f"找不到监控时点（{entry.point_uid}）")
        self._owner(data.year, entry.owner_uid)
        held = data.entry(entry.point_uid, entry.owner_uid)
        if held is None or held != entry:
            self.submissions.guard(data.year, point.stage)
        key = (entry.point_uid, entry.owner_uid)
        if held is None:
            monitoring = (*data.monitoring, entry)
        else:
            monitoring = tuple(
                entry if (item.point_uid, item.owner_uid) == key else item
                for item in data.monitoring
            )
        self._put(replace(data, monitoring=monitoring))
        self.audit.record(
            "save", "monitoring_entry", f"{entry.point_uid}/{entry.owner_uid}", {}, year=data.year
        )

    def save_result(self, result: IndicatorResult) -> None:
        """Create or update the year-end result of an indicator."""
        for data in self.state.years.values():
            found = _find_indicator(data, result.indicator_uid)
            if found is not None:
                break
        else:
            raise NotFoundError(f"找不到指标（{result.indicator_uid}）")
        owner = found[0]
        held = data.evaluation_of(owner).result_for(result.indicator_uid)
        if held is None or held != result:
            self.submissions.guard(data.year, SELF_EVALUATION)
        evaluation = data.evaluation_of(owner)
        kept = [item for item in evaluation.results if item.indicator_uid != result.indicator_uid]
        order = {item.uid: n for n, item in enumerate(_targets(data, owner).indicators)}
        results = sorted([*kept, result], key=lambda item: order.get(item.indicator_uid, -1))
        self._put(_with_evaluation(data, replace(evaluation, results=tuple(results))))
        self.audit.record("save", "indicator_result", result.indicator_uid, {}, year=data.year)

    def save_evaluation_texts(self, year: int, evaluation: Evaluation) -> None:
        """Save a self-evaluation's texts (not its results)."""
        self._owner(year, evaluation.owner_uid)
        data = self._year(year)
        held = data.evaluation_of(evaluation.owner_uid)
        if _texts(held) != _texts(evaluation):
            self.submissions.guard(year, SELF_EVALUATION)
        texts = replace(
            held,
            achieved_text=evaluation.achieved_text,
            result_application=evaluation.result_application,
            execution_analysis=evaluation.execution_analysis,
        )
        self._put(_with_evaluation(data, texts))
        self.audit.record("save", "evaluation", evaluation.owner_uid, {}, year=year)

    def save_signoff(self, year: int, signoff: Signoff) -> None:
        """Record a sign-off; the chair's locks the stage and closes an open adjustment."""
        data = self._year(year)
        key = (signoff.stage, signoff.role)
        if key in {(item.stage, item.role) for item in data.signoffs}:
            signoffs = tuple(
                signoff if (item.stage, item.role) == key else item for item in data.signoffs
            )
        else:
            signoffs = (*data.signoffs, signoff)
        self._put(replace(data, signoffs=signoffs))
        self.audit.record(
            "signoff", "signoff", f"{signoff.stage}/{signoff.role.value}", {}, year=year
        )
        if signoff.role is SignoffRole.CHAIR:
            self.submissions.close_adjustment(year, signoff.stage)

    def delete_signoff(self, year: int, stage: str, role: SignoffRole) -> bool:
        """Withdraw one role's sign-off of a stage (the chair's unlocks it); False if none."""
        data = self.state.years.get(year)
        if data is None or role not in data.signoffs_for(stage):
            return False
        kept = tuple(item for item in data.signoffs if (item.stage, item.role) != (stage, role))
        self._put(replace(data, signoffs=kept))
        self.audit.record("withdraw", "signoff", f"{stage}/{role.value}", {}, year=year)
        return True

    def save_explanation(self, year: int, explanation: Explanation) -> None:
        """Save the explanation of a soft problem (an empty text removes it)."""
        self._put(year_edits.with_explanation(self._year(year), explanation))
        self.audit.record("save", "explanation", explanation.problem_key, {}, year=year)

    def replace_year(self, data: YearData) -> None:
        """Replace everything held for ``data.year`` with ``data``."""
        projects = tuple(
            replace(item, targets=replace(item.targets, owner_uid=item.uid))
            for item in data.projects
        )
        self._put(replace(data, unit=NO_UNIT, projects=projects))
        self.audit.record("replace", "year", str(data.year), {}, year=data.year)


def _find_indicator(data: YearData, uid: str) -> tuple[str, Indicator] | None:
    """(owner uid, indicator) of an indicator of the year, if any."""
    for targets in (data.unit_targets, *(project.targets for project in data.projects)):
        found = targets.indicator(uid)
        if found is not None:
            return (UNIT_OWNER if targets is data.unit_targets else targets.owner_uid), found
    return None


def _targets(data: YearData, owner_uid: str) -> TargetSet:
    targets = data.targets_of(owner_uid)
    assert targets is not None
    return targets


def _with_evaluation(data: YearData, evaluation: Evaluation) -> YearData:
    """The year with an owner's evaluation replaced in place (results in indicator order, as
    the store loads them), or appended."""
    owners = [item.owner_uid for item in data.evaluations]
    if evaluation.owner_uid not in owners:
        return replace(data, evaluations=(*data.evaluations, evaluation))
    return replace(
        data,
        evaluations=tuple(
            evaluation if item.owner_uid == evaluation.owner_uid else item
            for item in data.evaluations
        ),
    )


def _texts(evaluation: Evaluation) -> tuple[str, str, str]:
    return (
        evaluation.achieved_text,
        evaluation.result_application,
        evaluation.execution_analysis,
    )
