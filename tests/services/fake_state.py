"""The fake store's state (copied when a unit of work begins) and its audit log."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from unionperf.domain.feedback import Decision, Opinion
from unionperf.domain.unit import UnitProfile
from unionperf.domain.year import StageKind, YearData
from unionperf.store.audit import AuditEntry, ChainBreak, now
from unionperf.store.evidence_records import Evidence
from unionperf.store.params_records import ParamsApplied, ParamsSent, UpperParams
from unionperf.store.register import Received, RetiredKey, Subordinate
from unionperf.store.submissions import (
    Submission,
)

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
    upper_recipient: str | None = None
    subordinates: dict[str, Subordinate] = field(default_factory=dict)
    key_history: dict[str, list[RetiredKey]] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    received_data: dict[str, str] = field(default_factory=dict)
    feedback_sent: list[SentFeedback] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    audit: list[AuditEntry] = field(default_factory=list)
    upper_params: UpperParams = field(default_factory=lambda: UpperParams(None, None, None))
    params_sent: list[ParamsSent] = field(default_factory=list)
    params_applied: list[ParamsApplied] = field(default_factory=list)

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
