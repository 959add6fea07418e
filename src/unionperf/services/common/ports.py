"""The seam between the services and the store: what a use case needs of a unit of work.

A service opens a unit of work (one transaction) from something that satisfies
:class:`UnitOfWorkSource` — the real :class:`~unionperf.services.common.workspace.Workspace`, or
an in-memory fake in the tests — and reaches the store only through the named repositories of
:class:`UnitOfWorkPort`. The protocols list only the methods the services call; the store's
classes (``store.unit_of_work.UnitOfWork`` and its repositories) satisfy them structurally, and
mypy checks that they do (see the end of ``workspace.py``). The upper level's repositories are
in :mod:`unionperf.services.common.upper_ports` and re-exported here.

Repositories take and return domain objects or the store's plain frozen records.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from unionperf.domain.budget import BudgetLine, Project
from unionperf.domain.evaluation import Evaluation, IndicatorResult
from unionperf.domain.feedback import Decision, Feedback, Opinion
from unionperf.domain.indicators import Indicator
from unionperf.domain.monitoring import MonitoringEntry, MonitoringPoint
from unionperf.domain.settings import RuleSettings, SignoffRole
from unionperf.domain.unit import UnitProfile
from unionperf.domain.year import Explanation, Signoff, YearData
from unionperf.services.common.arrival_port import ArrivalsPort
from unionperf.services.common.assessment_port import AssessmentsPort
from unionperf.services.common.upper_ports import BoardPort, ParamsPort, RegisterPort, ReviewPort
from unionperf.store.audit import ChainBreak
from unionperf.store.backup import BackupFile
from unionperf.store.evidence_records import Evidence
from unionperf.store.paths import WorkspacePaths
from unionperf.store.submissions import StageState, Submission

__all__ = [
    "AuditPort",
    "BackedUpSource",
    "BoardPort",
    "EvidencePort",
    "ParamsPort",
    "RegisterPort",
    "ReviewPort",
    "StorePort",
    "SubmissionsPort",
    "UnitOfWorkPort",
    "UnitOfWorkSource",
    "YearsPort",
]


class YearsPort(Protocol):
    """The years of a workspace as domain objects; writes to a locked stage are refused.

    A write that changes a stage the chair signed off (and no adjustment is open for it) raises
    ``store.submissions.LockedStageError``; a missing year, project, indicator or point raises
    ``store.errors.NotFoundError``.
    """

    def unit(self) -> UnitProfile | None:
        """The union's profile, or ``None`` before it is entered."""
        ...

    def years(self) -> list[int]:
        """The fiscal years held, oldest first."""
        ...

    def settings(self, year: int) -> RuleSettings:
        """The rule settings of a year."""
        ...

    def load(self, year: int) -> YearData:
        """The whole year as one domain aggregate."""
        ...

    def years_holding_projects(self, uids: Collection[str], before: int) -> list[int]:
        """The years before ``before`` that hold a project with one of ``uids``, oldest first."""
        ...

    def load_for_scores(self, year: int) -> YearData:
        """A year without its monitoring (what a score reads)."""
        ...

    def indicator(self, year: int, uid: str) -> Indicator | None:
        """One indicator of the year, if it exists."""
        ...

    def save_unit(self, unit: UnitProfile) -> None:
        """Create or update the union's profile."""
        ...

    def ensure_year(self, year: int, settings: RuleSettings | None = None) -> bool:
        """Create the fiscal year if missing; True if created."""
        ...

    def save_settings(self, year: int, settings: RuleSettings) -> None:
        """Replace a year's rule settings."""
        ...

    def save_year_facts(
        self,
        year: int,
        *,
        opening_balance: Any = None,
        unit_annual_goal: str | None = None,
        unit_midterm_goal: str | None = None,
    ) -> None:
        """Update the opening balance and unit-wide goals of a year (``None`` keeps a field)."""
        ...

    def save_budget_line(self, year: int, line: BudgetLine) -> None:
        """Create or update a category row of the budget."""
        ...

    def save_project(self, year: int, project: Project) -> None:
        """Create or update a project's data, goals and funding (not its indicators)."""
        ...

    def delete_project(self, year: int, uid: str) -> None:
        """Delete a project of a year with its indicators, monitoring and results."""
        ...

    def save_indicator(
        self, year: int, owner_uid: str, indicator: Indicator, position: int | None = None
    ) -> None:
        """Create or update a level-3 indicator of a project or of the unit."""
        ...

    def delete_indicator(self, uid: str) -> None:
        """Delete an indicator with its progress and result."""
        ...

    def save_point(self, year: int, point: MonitoringPoint) -> None:
        """Create or update a monitoring point."""
        ...

    def delete_point(self, year: int, uid: str) -> None:
        """Delete a monitoring point with every entry made at it."""
        ...

    def save_entry(self, entry: MonitoringEntry) -> None:
        """Create or update one owner's monitoring at one point."""
        ...

    def save_result(self, result: IndicatorResult) -> None:
        """Create or update the year-end result of an indicator."""
        ...

    def save_evaluation_texts(self, year: int, evaluation: Evaluation) -> None:
        """Save a self-evaluation's texts (not its results)."""
        ...

    def save_signoff(self, year: int, signoff: Signoff) -> None:
        """Record a sign-off; the chair's locks the stage and closes an open adjustment."""
        ...

    def delete_signoff(self, year: int, stage: str, role: SignoffRole) -> bool:
        """Withdraw one role's sign-off of a stage (the chair's unlocks it); False if none."""
        ...

    def save_explanation(self, year: int, explanation: Explanation) -> None:
        """Save the explanation of a soft problem (an empty text removes it)."""
        ...

    def replace_year(self, data: YearData) -> None:
        """Replace everything held for ``data.year`` with ``data``."""
        ...


class SubmissionsPort(Protocol):
    """The unit's package records: submission log, stage states, feedback, the upper key."""

    def submissions(self, year: int | None = None) -> list[Submission]:
        """The submission log, oldest first."""
        ...

    def last_submission(self, year: int, stage: str) -> Submission | None:
        """The newest package of a stage, if any."""
        ...

    def log_submission(self, submission: Submission) -> None:
        """Record an exported package."""
        ...

    def stage_state(self, year: int, stage: str) -> StageState:
        """The chair's sign-off and the status of a stage."""
        ...

    def stages_adjusting(self, year: int) -> set[str]:
        """The stages of a year with an adjustment open."""
        ...

    def open_adjustment(self, year: int, stage: str, reason: str) -> None:
        """Allow edits of a signed-off stage again, for the reason given."""
        ...

    def return_stage(self, year: int, stage: str, reason: str) -> int:
        """Mark a stage returned and withdraw its sign-offs; returns how many were withdrawn."""
        ...

    def has_feedback(self, sha256: str) -> bool:
        """Whether this feedback package was imported already."""
        ...

    def last_feedback_sequence(self, year: int, stage: str) -> int:
        """The highest sequence of the feedback imported for a stage (0 when none)."""
        ...

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
        ...

    def feedback(self, year: int) -> list[Feedback]:
        """Feedback received for a year, oldest first."""
        ...

    def upper_key(self) -> tuple[str, str] | None:
        """(public key text, upper union name) trusted for feedback, if imported."""
        ...

    def trust_upper(self, public_key: str, name: str, key_id: str) -> None:
        """Trust the upper level's public key for feedback packages."""
        ...

    def upper_recipient(self) -> str | None:
        """The upper level's age recipient (``age1…``) packages are encrypted to, if given."""
        ...

    def trust_upper_recipient(self, recipient: str) -> None:
        """Keep the upper level's age recipient for encrypted packages (audited)."""
        ...


class EvidencePort(Protocol):
    """Records of attached evidence files."""

    def add(self, evidence: Evidence) -> None:
        """Record an attached file."""
        ...

    def for_year(self, year: int, stage: str | None = None) -> list[Evidence]:
        """The evidence of a year (of one stage when given), in the order attached."""
        ...


class AuditPort(Protocol):
    """The hash-chained audit log."""

    def record(
        self,
        action: str,
        entity: str,
        entity_uid: str,
        changes: dict[str, Any],
        *,
        year: int | None = None,
    ) -> None:
        """Append one entry, chained to the newest."""
        ...

    def breaks(self) -> list[ChainBreak]:
        """Where the hash chain does not hold (empty when intact)."""
        ...


class UnitOfWorkPort(Protocol):
    """One transaction's repositories (read-only attributes, so the store's classes fit)."""

    @property
    def years(self) -> YearsPort:
        """The years: profile, budget, projects, targets, monitoring, evaluation, sign-offs."""
        ...

    @property
    def arrivals(self) -> ArrivalsPort:
        """Revenue arrival at the monitoring points."""
        ...

    @property
    def assessments(self) -> AssessmentsPort:
        """Ex-ante assessments of new major projects."""
        ...

    @property
    def submissions(self) -> SubmissionsPort:
        """The unit's package records and stage states."""
        ...

    @property
    def register(self) -> RegisterPort:
        """The upper level's register of its units."""
        ...

    @property
    def board(self) -> BoardPort:
        """The upper level's season: deadlines, board facts, aggregation sums."""
        ...

    @property
    def evidence(self) -> EvidencePort:
        """Evidence file records."""
        ...

    @property
    def audit(self) -> AuditPort:
        """The audit log."""
        ...

    @property
    def review(self) -> ReviewPort:
        """The upper level's review records."""
        ...

    @property
    def params(self) -> ParamsPort:
        """Parameter packages sent (upper level) and applied (unit)."""
        ...

    def savepoint(self) -> AbstractContextManager[None]:
        """A nested transaction: an exception undoes what the block wrote, and nothing else."""
        ...


class UnitOfWorkSource(Protocol):
    """Something that opens units of work: a workspace, real or fake."""

    def unit_of_work(self) -> AbstractContextManager[UnitOfWorkPort]:
        """One transaction: committed when the block ends, rolled back on an exception."""
        ...

    def reading(self) -> AbstractContextManager[UnitOfWorkPort]:
        """A unit of work for reads only; nothing it does is committed."""
        ...


class BackedUpSource(UnitOfWorkSource, Protocol):
    """A workspace that can also back itself up before a bulk change."""

    def back_up(self, reason: str = "manual") -> BackupFile:
        """Take a backup now, named for ``reason`` (e.g. ``before-adjustment``)."""
        ...


class StorePort(UnitOfWorkSource, Protocol):
    """An open store as :class:`~unionperf.services.common.workspace.Workspace` wraps it."""

    @property
    def paths(self) -> WorkspacePaths:
        """The workspace's folders and files."""
        ...

    @property
    def database_url(self) -> str | None:
        """The PostgreSQL database's URL (``None``: the workspace's SQLite file)."""
        ...

    def schema_revision(self) -> str | None:
        """The schema revision the database is at (``None``: not migrated)."""
        ...

    def close(self) -> None:
        """Release the database."""
        ...
