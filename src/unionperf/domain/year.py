"""A unit's whole year: the aggregate that scoring, validation, forms and packages read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from unionperf.domain.assessment import ExAnteAssessment
from unionperf.domain.budget import UNIT_OWNER, BudgetLine, Project, TargetSet
from unionperf.domain.categories import DEFAULT_CATALOGUE, CategoryCatalogue, Flow
from unionperf.domain.evaluation import Evaluation
from unionperf.domain.framework import Framework, framework_by_code
from unionperf.domain.money import ZERO
from unionperf.domain.monitoring import MonitoringEntry, MonitoringPoint
from unionperf.domain.project_years import ProjectYear
from unionperf.domain.revenue import RevenueArrival
from unionperf.domain.settings import RuleSettings, SignoffRole
from unionperf.domain.unit import UnitProfile


class StageKind(StrEnum):
    """The three kinds of stage a year is filed in (product.md §5)."""

    TARGETS = "targets"
    MONITORING = "monitoring"
    SELF_EVALUATION = "self-evaluation"


STAGE_LABELS = {
    StageKind.TARGETS: "绩效目标",
    StageKind.MONITORING: "运行监控",
    StageKind.SELF_EVALUATION: "绩效自评",
}


@dataclass(frozen=True, slots=True)
class Stage:
    """A stage of a year: targets, one monitoring point, or the self-evaluation."""

    kind: StageKind
    cutoff: date | None = None

    @property
    def name(self) -> str:
        """``targets``, ``monitoring-2024-07-31`` or ``self-evaluation``."""
        if self.kind is StageKind.MONITORING and self.cutoff is not None:
            return f"monitoring-{self.cutoff.isoformat()}"
        return self.kind.value

    @property
    def title(self) -> str:
        """绩效目标, 运行监控（截至2024-07-31） or 绩效自评: how forms and file names name it."""
        label = STAGE_LABELS[self.kind]
        return f"{label}（截至{self.cutoff.isoformat()}）" if self.cutoff else label

    @classmethod
    def parse(cls, text: str) -> Stage:
        """Read a stage name as the command line writes it.

        Raises:
            ValueError: not ``targets``, ``self-evaluation`` or ``monitoring-YYYY-MM-DD``.
        """
        if text in (StageKind.TARGETS.value, StageKind.SELF_EVALUATION.value):
            return cls(StageKind(text))
        prefix = "monitoring-"
        if text.startswith(prefix):
            return cls(StageKind.MONITORING, date.fromisoformat(text[len(prefix) :]))
        raise ValueError(
            f"未知阶段“{text}”：应为 targets、monitoring-YYYY-MM-DD 或 self-evaluation"
        )


@dataclass(frozen=True, slots=True)
class Signoff:
    """A recorded sign-off of a stage by one role."""

    stage: str
    role: SignoffRole
    name: str
    signed_on: date


@dataclass(frozen=True, slots=True)
class Explanation:
    """The written explanation of a soft problem (出错说明), keyed by the problem's key."""

    problem_key: str
    text: str


@dataclass(frozen=True, slots=True)
class YearData:
    """Everything a unit holds for one fiscal year."""

    year: int
    unit: UnitProfile
    settings: RuleSettings = field(default_factory=RuleSettings)
    catalogue: CategoryCatalogue = DEFAULT_CATALOGUE
    opening_balance: Decimal = ZERO
    """上年结余 carried into the year."""
    budget: tuple[BudgetLine, ...] = ()
    projects: tuple[Project, ...] = ()
    unit_targets: TargetSet = field(default_factory=lambda: TargetSet(owner_uid=UNIT_OWNER))
    points: tuple[MonitoringPoint, ...] = ()
    monitoring: tuple[MonitoringEntry, ...] = ()
    arrivals: tuple[RevenueArrival, ...] = ()
    """Revenue arrived by each monitoring point, per revenue category (收入到位)."""
    evaluations: tuple[Evaluation, ...] = ()
    signoffs: tuple[Signoff, ...] = ()
    explanations: tuple[Explanation, ...] = ()
    assessments: tuple[ExAnteAssessment, ...] = ()
    """Ex-ante assessments of new major projects (事前绩效评估), one per project at most."""
    project_history: tuple[ProjectYear, ...] = ()
    """Earlier years of this year's multi-year projects (their annual slices), as the workspace
    or the package holds them: derived from those years, never edited in this one."""

    @property
    def framework(self) -> Framework:
        """The indicator framework named by the settings."""
        return framework_by_code(self.settings.framework_code)

    def project(self, uid: str) -> Project | None:
        """The project with that uid, if any."""
        return _project_index(self.projects).get(uid)

    def targets_of(self, owner_uid: str) -> TargetSet | None:
        """The targets of a project, or of the unit for :data:`UNIT_OWNER`."""
        if owner_uid == UNIT_OWNER:
            return self.unit_targets
        project = self.project(owner_uid)
        return project.targets if project else None

    def assessment_of(self, project_uid: str) -> ExAnteAssessment | None:
        """The ex-ante assessment of a project, if one was recorded."""
        return next((item for item in self.assessments if item.project_uid == project_uid), None)

    def evaluation_of(self, owner_uid: str) -> Evaluation:
        """The self-evaluation of a project or the unit (empty when nothing is entered yet)."""
        found = next((item for item in self.evaluations if item.owner_uid == owner_uid), None)
        return found or Evaluation(owner_uid=owner_uid)

    def entry(self, point_uid: str, owner_uid: str) -> MonitoringEntry | None:
        """The monitoring entry of an owner at a point, if any."""
        return _entry_index(self.monitoring).get((point_uid, owner_uid))

    def flow_total(self, flow: Flow, attribute: str = "approved") -> Decimal:
        """Sum of one amount column (``approved``, ``budget``, ``executed`` …) over a flow."""
        codes = {item.code for item in self.catalogue.of_flow(flow)}
        return sum(
            (getattr(line, attribute) for line in self.budget if line.category_code in codes),
            ZERO,
        )

    def explanation_for(self, key: str) -> str:
        """The explanation written for a soft problem, or ``""``."""
        return next((item.text for item in self.explanations if item.problem_key == key), "")

    def signoffs_for(self, stage: str) -> dict[SignoffRole, Signoff]:
        """The sign-offs recorded for a stage, by role."""
        return {item.role: item for item in self.signoffs if item.stage == stage}


_INDEX_SLOTS = 8
"""How many recent tuples keep an index (a year in memory and a few edited copies of it)."""
_ENTRY_INDEXES: dict[
    int, tuple[tuple[MonitoringEntry, ...], dict[tuple[str, str], MonitoringEntry]]
] = {}
_PROJECT_INDEXES: dict[int, tuple[tuple[Project, ...], dict[str, Project]]] = {}


def _entry_index(
    monitoring: tuple[MonitoringEntry, ...],
) -> dict[tuple[str, str], MonitoringEntry]:
    """Entries by (point, owner), built once per tuple (validation looks up thousands)."""
    held = _ENTRY_INDEXES.get(id(monitoring))
    if held is not None and held[0] is monitoring:
        return held[1]
    index: dict[tuple[str, str], MonitoringEntry] = {}
    for item in monitoring:
        index.setdefault((item.point_uid, item.owner_uid), item)
    if len(_ENTRY_INDEXES) >= _INDEX_SLOTS:
        _ENTRY_INDEXES.clear()
    _ENTRY_INDEXES[id(monitoring)] = (monitoring, index)
    return index


def _project_index(projects: tuple[Project, ...]) -> dict[str, Project]:
    """Projects by uid, built once per tuple."""
    held = _PROJECT_INDEXES.get(id(projects))
    if held is not None and held[0] is projects:
        return held[1]
    index: dict[str, Project] = {}
    for item in projects:
        index.setdefault(item.uid, item)
    if len(_PROJECT_INDEXES) >= _INDEX_SLOTS:
        _PROJECT_INDEXES.clear()
    _PROJECT_INDEXES[id(projects)] = (projects, index)
    return index


def stage_label(stage: str) -> str:
    """绩效目标, 运行监控（2024-07-31）or 绩效自评 (the name itself when it is not a stage)."""
    try:
        parsed = Stage.parse(stage)
    except ValueError:
        return stage
    label = STAGE_LABELS[parsed.kind]
    return f"{label}（{parsed.cutoff.isoformat()}）" if parsed.cutoff else label
