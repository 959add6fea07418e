"""An in-memory store for fast service tests: a fake unit of work and its repositories.

``FakeWorkspace`` is the real :class:`Workspace` over a :class:`FakeStore`, so every use case
(and the workspace's own input checks and error mapping) runs unchanged; only the SQLite store
is replaced. The fake keeps domain objects in dicts and lists and copies them when a unit of
work begins: a clean exit commits the copy, an exception drops it (rollback).

The fake repositories implement the store's rules the use cases rely on, not canned answers:
NotFoundError for a missing year/project/indicator/point, StoreError for a package of an
unregistered unit (the store's foreign key), the stage locks (a change of a stage
the chair signed off raises LockedStageError unless an adjustment is open; the chair's sign-off
closes the adjustment), the register's "current package" of a stage. Known simplifications:
no hash chain in the audit log (``breaks()`` is always empty), a new indicator saved with a
position is inserted there, and nothing touches the disk (``paths`` points at no folder).

``tests/services/test_fake_contract.py`` runs the same scenario against this fake and the real
SQLite workspace to keep the two in step.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from unionperf.domain import year_edits
from unionperf.domain.budget import UNIT_OWNER, BudgetLine, Project, TargetSet
from unionperf.domain.evaluation import Evaluation, IndicatorResult
from unionperf.domain.feedback import Decision, Feedback, Opinion
from unionperf.domain.indicators import Indicator
from unionperf.domain.money import fen_to_yuan, yuan_to_fen
from unionperf.domain.monitoring import MonitoringEntry, MonitoringPoint
from unionperf.domain.settings import RuleSettings, SignoffRole
from unionperf.domain.unit import UnitProfile
from unionperf.domain.year import Explanation, Signoff, StageKind, YearData
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import editing
from unionperf.store.audit import AuditEntry, ChainBreak, now
from unionperf.store.engine import StoreError
from unionperf.store.errors import NotFoundError
from unionperf.store.evidence_records import Evidence
from unionperf.store.register import FeedbackSent, Received, Subordinate
from unionperf.store.submissions import (
    ADJUSTING,
    OPEN,
    RETURNED,
    LockedStageError,
    StageState,
    Submission,
)
from unionperf.store.workspace import WorkspacePaths

TARGETS = StageKind.TARGETS.value
SELF_EVALUATION = StageKind.SELF_EVALUATION.value
NO_UNIT = UnitProfile(name="", credit_code="")


@dataclass(frozen=True, slots=True)
class HeldFeedback:
    """A feedback package the unit imported."""

    sha256: str
    year: int
    stage: str
    sequence: int
    decision: Decision
    sender: str
    opinions: tuple[Opinion, ...]
    received_at: str


@dataclass(frozen=True, slots=True)
class SentFeedback:
    """A feedback package the upper level wrote."""

    unit_code: str
    year: int
    stage: str
    sequence: int
    decision: Decision
    sha256: str
    file_name: str
    created_at: str
    responds_to: str | None


@dataclass
class FakeState:
    """Everything the fake store holds. Values are immutable; only the containers change."""

    unit: UnitProfile | None = None
    years: dict[int, YearData] = field(default_factory=dict)
    stage_states: dict[tuple[int, str], tuple[str, str]] = field(default_factory=dict)
    submissions: list[Submission] = field(default_factory=list)
    feedback: list[HeldFeedback] = field(default_factory=list)
    upper: tuple[str, str] | None = None
    subordinates: dict[str, Subordinate] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    received_data: dict[str, str] = field(default_factory=dict)
    feedback_sent: list[SentFeedback] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    audit: list[AuditEntry] = field(default_factory=list)

    def copy(self) -> FakeState:
        """A copy whose containers can change without touching this one."""
        return FakeState(**{item.name: _copied(getattr(self, item.name)) for item in fields(self)})

    def restore(self, saved: FakeState) -> None:
        """Put back what ``saved`` held (in place: the repositories keep their reference)."""
        for item in fields(self):
            setattr(self, item.name, _copied(getattr(saved, item.name)))


def _copied(value: Any) -> Any:
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, list):
        return list(value)
    return value


# -- repositories ------------------------------------------------------------------------------


class FakeAudit:
    """The audit log as a list (no hash chain)."""

    def __init__(self, state: FakeState) -> None:
        self.state = state

    def record(
        self,
        action: str,
        entity: str,
        entity_uid: str,
        changes: dict[str, Any],
        *,
        year: int | None = None,
    ) -> None:
        """Append one entry."""
        seq = len(self.state.audit) + 1
        entry = AuditEntry(seq, now(), "tester", action, entity, entity_uid, year, dict(changes))
        self.state.audit.append(entry)

    def breaks(self) -> list[ChainBreak]:
        """Never any: the fake keeps no hash chain."""
        return []

    def newest(self, limit: int = 200) -> list[AuditEntry]:
        """The newest entries, newest first."""
        return list(reversed(self.state.audit))[:limit]


class FakeSubmissions:
    """The unit's package records and stage states; ``guard`` is the stage lock."""

    def __init__(self, state: FakeState, audit: FakeAudit) -> None:
        self.state = state
        self.audit = audit

    def submissions(self, year: int | None = None) -> list[Submission]:
        """The submission log, oldest first."""
        return [item for item in self.state.submissions if year is None or item.year == year]

    def last_submission(self, year: int, stage: str) -> Submission | None:
        """The newest package of a stage, if any."""
        held = [item for item in self.submissions(year) if item.stage == stage]
        return max(held, key=lambda item: item.sequence) if held else None

    def log_submission(self, submission: Submission) -> None:
        """Record an exported package."""
        self.state.submissions.append(submission)
        self.audit.record("export", "package", submission.package_id, {}, year=submission.year)

    def stage_status(self, year: int, stage: str) -> tuple[str, str]:
        """(status, reason) of a stage."""
        return self.state.stage_states.get((year, stage), (OPEN, ""))

    def stage_state(self, year: int, stage: str) -> StageState:
        """The chair's sign-off and the status of a stage."""
        status, reason = self.stage_status(year, stage)
        return StageState(self._chair_signed(year, stage), status, reason)

    def stages_adjusting(self, year: int) -> set[str]:
        """The stages of a year with an adjustment open."""
        return {
            stage
            for (held, stage), (status, _) in self.state.stage_states.items()
            if held == year and status == ADJUSTING
        }

    def guard(self, year: int, stage: str) -> None:
        """Refuse a change of a locked stage (chair signed, no adjustment open)."""
        if self.stage_state(year, stage).locked:
            raise LockedStageError(year, stage)

    def open_adjustment(self, year: int, stage: str, reason: str) -> None:
        """Allow edits of a signed-off stage again, for the reason given (audited)."""
        old_status, _ = self.stage_status(year, stage)
        self.state.stage_states[(year, stage)] = (ADJUSTING, reason)
        self.audit.record(
            "adjust",
            "stage",
            stage,
            {"status": [old_status, ADJUSTING], "reason": reason},
            year=year,
        )

    def close_adjustment(self, year: int, stage: str) -> None:
        """The chair signed the stage off (again): an open adjustment or return closes."""
        status, _ = self.stage_status(year, stage)
        if (year, stage) in self.state.stage_states and status != OPEN:
            self.state.stage_states[(year, stage)] = (OPEN, "")
            self.audit.record("lock", "stage", stage, {"status": [status, OPEN]}, year=year)

    def return_stage(self, year: int, stage: str, reason: str) -> int:
        """Mark a stage returned and withdraw its sign-offs; returns how many were withdrawn."""
        old_status, _ = self.stage_status(year, stage)
        self.state.stage_states[(year, stage)] = (RETURNED, reason)
        count = 0
        data = self.state.years.get(year)
        if data is not None:
            count = len(data.signoffs_for(stage))
            self.state.years[year] = year_edits.without_signoff(data, stage)
        self.audit.record(
            "return",
            "stage",
            stage,
            {"status": [old_status, RETURNED], "reason": reason},
            year=year,
        )
        return count

    def _chair_signed(self, year: int, stage: str) -> bool:
        data = self.state.years.get(year)
        return data is not None and SignoffRole.CHAIR in data.signoffs_for(stage)

    def has_feedback(self, sha256: str) -> bool:
        """Whether this feedback package was imported already."""
        return any(item.sha256 == sha256 for item in self.state.feedback)

    def last_feedback_sequence(self, year: int, stage: str) -> int:
        """The highest sequence of the feedback imported for a stage (0 when none)."""
        held = [i.sequence for i in self.state.feedback if (i.year, i.stage) == (year, stage)]
        return max(held, default=0)

    def add_feedback(
        self,
        sha256: str,
        *,
        year: int,
        stage: str,
        sequence: int,
        decision: Decision,
        sender: str,
        opinions: Sequence[Opinion],
    ) -> None:
        """Store a feedback package's decision and opinions."""
        held = HeldFeedback(sha256, year, stage, sequence, decision, sender, tuple(opinions), now())
        self.state.feedback.append(held)
        self.audit.record("feedback", "stage", stage, {}, year=year)

    def feedback(self, year: int) -> list[Feedback]:
        """Feedback received for a year, oldest first."""
        return [
            Feedback(
                stage=item.stage,
                decision=item.decision,
                sender=item.sender,
                received_at=item.received_at,
                sequence=item.sequence,
                opinions=item.opinions,
            )
            for item in self.state.feedback
            if item.year == year
        ]

    def upper_key(self) -> tuple[str, str] | None:
        """(public key text, upper union name) trusted for feedback, if imported."""
        return self.state.upper

    def trust_upper(self, public_key: str, name: str, key_id: str) -> None:
        """Trust the upper level's public key for feedback packages."""
        self.state.upper = (public_key, name)
        self.audit.record("trust", "upper_key", key_id, {"name": name})


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

    def _project_year(self, uid: str) -> tuple[YearData, Project]:
        for data in self.state.years.values():
            project = data.project(uid)
            if project is not None:
                return data, project
        raise NotFoundError(f"找不到项目（{uid}）")

    def _owner(self, owner_uid: str) -> None:
        if owner_uid != UNIT_OWNER:
            self._project_year(owner_uid)

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

    def delete_project(self, uid: str) -> None:
        """Delete a project with its indicators, monitoring and results."""
        data, project = self._project_year(uid)
        targets = project.targets
        if targets.annual_goal or targets.midterm_goal or targets.indicators:
            self.submissions.guard(data.year, TARGETS)
        self._put(year_edits.without_project(data, uid))
        self.audit.record("delete", "project", uid, {}, year=data.year)

    def save_indicator(
        self, year: int, owner_uid: str, indicator: Indicator, position: int | None = None
    ) -> None:
        """Create or update a level-3 indicator of a project or of the unit."""
        self._owner(owner_uid)
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
        self._owner(entry.owner_uid)
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
        self._owner(evaluation.owner_uid)
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


class FakeRegister:
    """The upper level's register: units, keys, received packages (one current per stage)."""

    def __init__(self, state: FakeState, audit: FakeAudit) -> None:
        self.state = state
        self.audit = audit

    def subordinate(self, unit_code: str) -> Subordinate | None:
        """A registered unit, if any."""
        return self.state.subordinates.get(unit_code)

    def register(self, unit_code: str, name: str, public_key: str, key_id: str) -> None:
        """Register a unit and its key; a replaced key stays known as retired."""
        held = self.state.subordinates.get(unit_code)
        retired: tuple[str, ...] = ()
        if held is not None:
            retired = held.retired_keys
            if held.key_id != key_id:
                retired = (*retired, held.public_key.strip() + "\n")
        registered_at = held.registered_at if held else now()
        self.state.subordinates[unit_code] = Subordinate(
            unit_code, name, public_key, key_id, registered_at, retired
        )
        self.audit.record("register", "subordinate", unit_code, {})

    def current(self, unit_code: str, year: int, stage: str) -> Received | None:
        """The current package of a unit's stage, if any."""
        return next(
            (
                item
                for item in self.state.received
                if (item.unit_code, item.year, item.stage) == (unit_code, year, stage)
                and item.current
            ),
            None,
        )

    def subordinates(self) -> list[Subordinate]:
        """Every registered unit, by code."""
        return [self.state.subordinates[code] for code in sorted(self.state.subordinates)]

    def received(
        self, unit_code: str | None = None, *, year: int | None = None, stage: str | None = None
    ) -> list[Received]:
        """Every received package record (of a unit, a year, a stage when given), oldest first."""
        return [
            item
            for item in self.state.received
            if unit_code in (None, item.unit_code)
            and year in (None, item.year)
            and stage in (None, item.stage)
        ]

    def received_data(self, unit_code: str, year: int, stage: str) -> str | None:
        """The ``data.json`` text of a unit's current package of a stage, if one was received."""
        current = self.current(unit_code, year, stage)
        return None if current is None else self.state.received_data.get(current.sha256)

    def add_received(
        self,
        record: Received,
        *,
        package_id: str,
        key_id: str,
        meta: dict[str, Any],
        data_json: str,
        scores: list[dict[str, Any]],
    ) -> None:
        """Store a package as the current one of its stage; the previous one is superseded."""
        if record.unit_code not in self.state.subordinates:
            # the store's foreign key: a package belongs to a registered unit
            raise StoreError(
                "数据库拒绝了本次修改（FOREIGN KEY constraint failed），本次修改未保存"
            )
        stage = (record.unit_code, record.year, record.stage)
        self.state.received = [
            replace(item, current=False)
            if (item.unit_code, item.year, item.stage) == stage
            else item
            for item in self.state.received
        ]
        self.state.received.append(replace(record, current=True))
        self.state.received_data[record.sha256] = data_json
        self.audit.record("receive", "package", package_id, {}, year=record.year)

    def is_received(self, sha256: str) -> bool:
        """Whether a package with this hash is stored."""
        return any(item.sha256 == sha256 for item in self.state.received)

    def feedback_count(self, unit_code: str, year: int, stage: str) -> int:
        """How many feedback packages were written for a unit's stage."""
        key = (unit_code, year, stage)
        return sum(1 for i in self.state.feedback_sent if (i.unit_code, i.year, i.stage) == key)

    def log_feedback(
        self,
        *,
        unit_code: str,
        year: int,
        stage: str,
        sequence: int,
        decision: Decision,
        sha256: str,
        file_name: str,
        responds_to: str,
    ) -> None:
        """Record a written feedback package."""
        self.state.feedback_sent.append(
            SentFeedback(
                unit_code, year, stage, sequence, decision, sha256, file_name, now(), responds_to
            )
        )
        self.audit.record("feedback", "package", f"{unit_code}/{stage}/{sequence}", {}, year=year)

    def feedback_sent(self, year: int, stage: str) -> list[FeedbackSent]:
        """The feedback packages written for a year's stage, every unit, oldest first."""
        return [
            FeedbackSent(
                item.unit_code,
                item.year,
                item.stage,
                item.sequence,
                item.decision,
                item.sha256,
                item.file_name,
                item.created_at,
                item.responds_to,
            )
            for item in self.state.feedback_sent
            if (item.year, item.stage) == (year, stage)
        ]


class FakeEvidence:
    """Evidence file records."""

    def __init__(self, state: FakeState, audit: FakeAudit) -> None:
        self.state = state
        self.audit = audit

    def add(self, evidence: Evidence) -> None:
        """Record an attached file."""
        self.state.evidence.append(evidence)
        self.audit.record("attach", "evidence", evidence.uid, {}, year=evidence.year)

    def for_year(self, year: int, stage: str | None = None) -> list[Evidence]:
        """The evidence of a year (of one stage when given), in the order attached."""
        return [
            item
            for item in self.state.evidence
            if item.year == year and (stage is None or item.stage == stage)
        ]


# -- unit of work and store --------------------------------------------------------------------


class FakeUnitOfWork:
    """One transaction's repositories over a private copy of the store's state."""

    def __init__(self, state: FakeState) -> None:
        self.state = state
        self.audit = FakeAudit(state)
        self.submissions = FakeSubmissions(state, self.audit)
        self.years = FakeYears(state, self.submissions, self.audit)
        self.register = FakeRegister(state, self.audit)
        self.evidence = FakeEvidence(state, self.audit)

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested transaction: an exception undoes what the block wrote, and nothing else."""
        saved = self.state.copy()
        try:
            yield
        except BaseException:
            self.state.restore(saved)
            raise


class FakeStore:
    """An in-memory stand-in for the SQLite ``OpenStore``: copy on begin, commit on clean exit."""

    def __init__(self, root: Path = Path("/nonexistent/fake-workspace")) -> None:
        self.state = FakeState()
        self.paths = WorkspacePaths(root)
        self.commits = 0
        self.rollbacks = 0
        self.closed = False

    @contextmanager
    def unit_of_work(self) -> Iterator[FakeUnitOfWork]:
        """One transaction: the copy replaces the state on a clean exit, and is dropped on error."""
        working = self.state.copy()
        try:
            yield FakeUnitOfWork(working)
        except BaseException:
            self.rollbacks += 1
            raise
        self.state = working
        self.commits += 1

    @contextmanager
    def reading(self) -> Iterator[FakeUnitOfWork]:
        """A unit of work for reads: whatever it does is dropped."""
        yield FakeUnitOfWork(self.state.copy())

    def schema_revision(self) -> str | None:
        """No schema: the fake holds objects, not tables."""
        return None

    def close(self) -> None:
        """Nothing to release."""
        self.closed = True


class FakeWorkspace(Workspace):
    """The real :class:`Workspace` over an in-memory :class:`FakeStore`."""

    def __init__(self, store: FakeStore | None = None) -> None:
        self.store = store or FakeStore()
        super().__init__(self.store)

    @property
    def state(self) -> FakeState:
        """What the store holds now (committed state)."""
        return self.store.state


def chair_signs(workspace: Workspace, year: int, stage: str, name: str = "张主席") -> None:
    """The chair signs a stage off (locks it), through the workspace's use case."""
    editing.sign_off(workspace, year, Signoff(stage, SignoffRole.CHAIR, name, date(year, 12, 31)))
