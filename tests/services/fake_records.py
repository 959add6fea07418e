"""The fake package records: the unit's submissions and stage locks, the register, evidence."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from tests.services.fake_state import FakeAudit, FakeState, HeldFeedback, SentFeedback
from unionperf.domain import year_edits
from unionperf.domain.feedback import Decision, Feedback, Opinion
from unionperf.domain.settings import SignoffRole
from unionperf.domain.stage_facts import StageFacts
from unionperf.store.audit import now
from unionperf.store.engine import StoreError
from unionperf.store.evidence_records import Evidence
from unionperf.store.register import FeedbackSent, Received, RetiredKey, Subordinate
from unionperf.store.submissions import (
    ADJUSTING,
    OPEN,
    RETURNED,
    LockedStageError,
    StageState,
    Submission,
)


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

    def upper_recipient(self) -> str | None:
        """The upper level's age recipient (``age1…``) packages are encrypted to, if given."""
        return self.state.upper_recipient

    def trust_upper_recipient(self, recipient: str) -> None:
        """Keep the upper level's age recipient for encrypted packages (audited)."""
        old, self.state.upper_recipient = self.state.upper_recipient, recipient
        self.audit.record("trust", "upper_recipient", recipient, {"recipient": [old, recipient]})


class FakeRegister:
    """The upper level's register: units, keys, received packages (one current per stage)."""

    def __init__(self, state: FakeState, audit: FakeAudit) -> None:
        self.state = state
        self.audit = audit

    def subordinate(self, unit_code: str) -> Subordinate | None:
        """A registered unit, if any."""
        return self.state.subordinates.get(unit_code)

    def register(
        self,
        unit_code: str,
        name: str,
        public_key: str,
        key_id: str,
        *,
        contact: str | None = None,
        reason: str = "",
    ) -> None:
        """Register a unit and its key; a replaced key stays known as retired."""
        held = self.state.subordinates.get(unit_code)
        retired: tuple[str, ...] = ()
        if held is not None:
            retired = held.retired_keys
            if not public_key.strip():
                public_key, key_id = held.public_key, held.key_id
            elif held.key_id != key_id and held.public_key.strip():
                retired = (*retired, held.public_key.strip() + "\n")
                self.state.key_history[unit_code] = [  # a new list: copies share the old one
                    *self.state.key_history.get(unit_code, []),
                    RetiredKey(held.key_id, held.public_key, held.registered_at, now(), reason),
                ]
        registered_at = held.registered_at if held else now()
        kept = held.contact if held else ""
        self.state.subordinates[unit_code] = Subordinate(
            unit_code,
            name,
            public_key,
            key_id,
            registered_at,
            retired,
            kept if contact is None else contact,
        )
        self.audit.record("register", "subordinate", unit_code, {})

    def key_owner(self, key_id: str) -> str | None:
        """The unit whose current or replaced key has this id, if any."""
        for code, held in self.state.subordinates.items():
            if held.key_id == key_id:
                return code
        for code, keys in self.state.key_history.items():
            if any(item.key_id == key_id for item in keys):
                return code
        return None

    def key_history(self, unit_code: str) -> list[RetiredKey]:
        """A unit's replaced keys, oldest first."""
        return list(self.state.key_history.get(unit_code, []))

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

    def prepare_data(self, data_json: bytes) -> None:
        """Nothing to prepare: the fake keeps data.json as text."""

    def add_received(
        self,
        record: Received,
        *,
        package_id: str,
        key_id: str,
        meta: dict[str, Any],
        data_json: bytes | str,
        facts: StageFacts | None = None,
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
        self.state.received_data[record.sha256] = (
            data_json.decode("utf-8") if isinstance(data_json, bytes) else data_json
        )
        self.audit.record("receive", "package", package_id, {}, year=record.year)

    def is_received(self, sha256: str) -> bool:
        """Whether a package with this hash is stored."""
        return any(item.sha256 == sha256 for item in self.state.received)

    def lock_unit(self, unit_code: str) -> None:
        """Nothing to lock: the fake has one writer."""

    def prepare_receipts(self, packages: Iterable[tuple[str, str]]) -> None:
        """Nothing to lock or learn ahead: the fake answers from memory."""

    def received_files(self, unit_codes: Iterable[str]) -> set[str]:
        """The files the units' received records name."""
        codes = set(unit_codes)
        return {item.file_name for item in self.state.received if item.unit_code in codes}

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
