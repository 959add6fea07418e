"""The unit's package records: its submission log, stage states, the feedback it got.

The unit keeps its submission log, the states of its stages (returned by the upper level, or
open for an adjustment after the chair's sign-off), the feedback it imported and the upper
level's trusted key. Every write is audited.

A stage is *locked* once the chair has signed it off, unless an adjustment (调整) is open for
it; the year repository refuses changes to a locked stage with :class:`LockedStageError`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from unionperf.domain.feedback import (
    Decision,
    Feedback,
    Opinion,
    opinion_fields,
    opinion_from_fields,
)
from unionperf.domain.settings import SignoffRole
from unionperf.store import audit, tx_memory
from unionperf.store.audit import now
from unionperf.store.engine import StoreError
from unionperf.store.rows import FeedbackRow, MetaRow, SignoffRow, StageStateRow, SubmissionRow

UPPER_KEY = "upper_public_key"
UPPER_NAME = "upper_name"
UPPER_RECIPIENT = "upper_age_recipient"

OPEN = "open"
"""A stage anyone may edit until the chair signs it off."""
RETURNED = "returned"
"""The upper level returned the stage; its sign-offs were withdrawn."""
ADJUSTING = "adjusting"
"""The chair signed the stage off, then an adjustment was opened with a reason (the chair's and
the audit chair's sign-offs were withdrawn; the chair's next sign-off closes it)."""

_LOCKS = "unionperf.locked_stages"
"""Key of the per-session cache of lock answers in ``Session.info``."""


class LockedStageError(StoreError):
    """A write touched a stage the chair signed off and no adjustment is open for it."""

    def __init__(self, year: int, stage: str) -> None:
        super().__init__(f"{year}年度的{stage}阶段已经工会主席签字确认并锁定")
        self.year = year
        self.stage = stage


@dataclass(frozen=True, slots=True)
class StageState:
    """Whether the chair signed a stage off, and its state (open, returned, adjusting)."""

    signed: bool
    status: str
    reason: str

    @property
    def locked(self) -> bool:
        """Signed off by the chair and no adjustment open: edits are refused."""
        return self.signed and self.status != ADJUSTING

    @property
    def adjusting(self) -> bool:
        """An adjustment is open (edits allowed until the chair signs off again).

        Opening it withdrew the chair's and the audit chair's sign-offs of the stage, so the
        stage shows as unsigned until they sign it again.
        """
        return self.status == ADJUSTING

    @property
    def returned(self) -> bool:
        """The upper level returned the stage and nobody has signed it off again yet."""
        return not self.signed and self.status == RETURNED


@dataclass(frozen=True, slots=True)
class Submission:
    """One exported package."""

    year: int
    stage: str
    sequence: int
    package_id: str
    sha256: str
    file_name: str
    created_at: str
    key_id: str


class SubmissionRecords:
    """Reads and writes the unit's package records inside the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def submissions(self, year: int | None = None) -> list[Submission]:
        """The submission log, oldest first."""
        query = select(SubmissionRow).order_by(SubmissionRow.id)
        if year is not None:
            query = query.where(SubmissionRow.year == year)
        return [_submission(row) for row in self.session.scalars(query)]

    def last_submission(self, year: int, stage: str) -> Submission | None:
        """The newest package of a stage, if any."""
        row = self.session.scalar(
            select(SubmissionRow)
            .where(SubmissionRow.year == year, SubmissionRow.stage == stage)
            .order_by(SubmissionRow.sequence.desc())
            .limit(1)
        )
        return _submission(row) if row else None

    def log_submission(self, submission: Submission) -> None:
        """Record an exported package."""
        self.session.add(SubmissionRow(**_fields(submission)))
        audit.record(
            self.session,
            "export",
            "package",
            submission.package_id,
            {
                "stage": submission.stage,
                "sequence": submission.sequence,
                "sha256": submission.sha256,
                "file": submission.file_name,
            },
            year=submission.year,
        )

    def stage_status(self, year: int, stage: str) -> tuple[str, str]:
        """(status, reason) of a stage: ``open``, ``returned`` or ``adjusting``."""
        row = self._state_row(year, stage)
        return (row.status, row.reason) if row else (OPEN, "")

    def stages_adjusting(self, year: int) -> set[str]:
        """The stages of a year with an adjustment open."""
        query = select(StageStateRow.stage).where(
            StageStateRow.year == year, StageStateRow.status == ADJUSTING
        )
        return set(self.session.scalars(query))

    def stage_state(self, year: int, stage: str) -> StageState:
        """The chair's sign-off and the status of a stage."""
        status, reason = self.stage_status(year, stage)
        return StageState(self._chair_signed(year, stage), status, reason)

    def is_locked(self, year: int, stage: str) -> bool:
        """Whether edits of the stage are refused (cached for the session's transaction)."""
        cache: dict[tuple[int, str], bool] = self.session.info.setdefault(_LOCKS, {})
        key = (year, stage)
        if key not in cache:
            cache[key] = self.stage_state(year, stage).locked
        return cache[key]

    def guard(self, year: int, stage: str) -> None:
        """Refuse a change of a locked stage.

        Raises:
            LockedStageError: the chair signed the stage off and no adjustment is open.
        """
        if self.is_locked(year, stage):
            raise LockedStageError(year, stage)

    def open_adjustment(self, year: int, stage: str, reason: str) -> None:
        """Allow edits of a signed-off stage again, for the reason given (audited)."""
        old_status, old_reason = self.stage_status(year, stage)
        self._set_state(year, stage, ADJUSTING, reason)
        audit.record(
            self.session,
            "adjust",
            "stage",
            stage,
            {"status": [old_status, ADJUSTING], "reason": reason, "previous_reason": old_reason},
            year=year,
        )

    def close_adjustment(self, year: int, stage: str) -> None:
        """The chair signed the stage off (again): it is locked; an open adjustment closes."""
        row = self._state_row(year, stage)
        if row is not None and row.status != OPEN:
            old_status, reason = row.status, row.reason
            row.status, row.reason, row.updated_at = OPEN, "", now()
            audit.record(
                self.session,
                "lock",
                "stage",
                stage,
                {"status": [old_status, OPEN], "closed_reason": reason},
                year=year,
            )
        self.forget_locks()

    def return_stage(self, year: int, stage: str, reason: str) -> int:
        """Mark a stage returned and withdraw its sign-offs; returns how many were withdrawn."""
        old_status, _ = self.stage_status(year, stage)
        self._set_state(year, stage, RETURNED, reason)
        withdrawn = self.session.execute(
            delete(SignoffRow).where(SignoffRow.year == year, SignoffRow.stage == stage)
        )
        count = int(getattr(withdrawn, "rowcount", 0) or 0)
        self.forget_locks()
        audit.record(
            self.session,
            "return",
            "stage",
            stage,
            {"status": [old_status, RETURNED], "reason": reason, "signoffs_withdrawn": count},
            year=year,
        )
        return count

    def forget_locks(self) -> None:
        """Drop the cached lock answers (a sign-off or a stage state changed)."""
        self.session.info.pop(_LOCKS, None)

    def _state_row(self, year: int, stage: str) -> StageStateRow | None:
        return self.session.scalar(
            select(StageStateRow).where(StageStateRow.year == year, StageStateRow.stage == stage)
        )

    def _set_state(self, year: int, stage: str, status: str, reason: str) -> None:
        row = self._state_row(year, stage)
        if row is None:
            self.session.add(
                StageStateRow(
                    year=year, stage=stage, status=status, reason=reason, updated_at=now()
                )
            )
        else:
            row.status, row.reason, row.updated_at = status, reason, now()
        self.session.flush()
        self.forget_locks()

    def _chair_signed(self, year: int, stage: str) -> bool:
        found = self.session.scalar(
            select(SignoffRow.id).where(
                SignoffRow.year == year,
                SignoffRow.stage == stage,
                SignoffRow.role == SignoffRole.CHAIR.value,
            )
        )
        return found is not None

    def has_feedback(self, sha256: str) -> bool:
        """Whether this feedback package was imported already."""
        known = tx_memory.recall(self.session, ("feedback", sha256))
        if known is not None:
            return bool(known)
        return (
            self.session.scalar(select(FeedbackRow.id).where(FeedbackRow.sha256 == sha256))
            is not None
        )

    def last_feedback_sequence(self, year: int, stage: str) -> int:
        """The highest sequence of the feedback imported for a stage (0 when none)."""
        query = select(func.max(FeedbackRow.sequence)).where(
            FeedbackRow.year == year, FeedbackRow.stage == stage
        )
        return int(self.session.scalar(query) or 0)

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
        """Store a feedback package's decision and opinions.

        Args:
            sha256: the package file's SHA-256.
            year: the fiscal year it concerns.
            stage: the stage it concerns.
            sequence: its sequence among the feedback of the stage.
            decision: the upper level's decision.
            sender: the upper union's name as the package gives it.
            opinions: the opinions on items.
        """
        tx_memory.remember(self.session, ("feedback", sha256), True)
        self.session.add(
            FeedbackRow(
                sha256=sha256,
                year=year,
                stage=stage,
                sequence=sequence,
                decision=decision.value,
                from_name=sender,
                opinions_json=json.dumps(
                    [opinion_fields(opinion) for opinion in opinions], ensure_ascii=False
                ),
                received_at=now(),
            )
        )
        audit.record(
            self.session,
            "feedback",
            "stage",
            stage,
            {"decision": decision.value, "opinions": len(opinions), "sha256": sha256},
            year=year,
        )

    def feedback(self, year: int) -> list[Feedback]:
        """Feedback received for a year, oldest first."""
        rows = self.session.scalars(
            select(FeedbackRow).where(FeedbackRow.year == year).order_by(FeedbackRow.id)
        )
        return [
            Feedback(
                stage=row.stage,
                decision=Decision(row.decision),
                sender=row.from_name,
                received_at=row.received_at,
                sequence=row.sequence,
                opinions=tuple(opinion_from_fields(item) for item in json.loads(row.opinions_json)),
            )
            for row in rows
        ]

    def upper_key(self) -> tuple[str, str] | None:
        """(public key text, upper union name) trusted for feedback, if imported."""
        key = self.session.get(MetaRow, UPPER_KEY)
        name = self.session.get(MetaRow, UPPER_NAME)
        return (key.value, name.value if name else "") if key else None

    def trust_upper(self, public_key: str, name: str, key_id: str) -> None:
        """Trust the upper level's public key for feedback packages."""
        for key, value in ((UPPER_KEY, public_key), (UPPER_NAME, name)):
            row = self.session.get(MetaRow, key)
            if row is None:
                self.session.add(MetaRow(key=key, value=value))
            else:
                row.value = value
        audit.record(self.session, "trust", "upper_key", key_id, {"name": name})

    def upper_recipient(self) -> str | None:
        """The upper level's age recipient (``age1…``) packages are encrypted to, if given."""
        row = self.session.get(MetaRow, UPPER_RECIPIENT)
        return row.value if row is not None else None

    def trust_upper_recipient(self, recipient: str) -> None:
        """Keep the upper level's age recipient for encrypted packages (audited)."""
        row = self.session.get(MetaRow, UPPER_RECIPIENT)
        old = row.value if row is not None else None
        if row is None:
            self.session.add(MetaRow(key=UPPER_RECIPIENT, value=recipient))
        else:
            row.value = recipient
        audit.record(
            self.session, "trust", "upper_recipient", recipient, {"recipient": [old, recipient]}
        )


def _fields(item: Any) -> dict[str, Any]:
    return {name: getattr(item, name) for name in item.__dataclass_fields__}


def _submission(row: SubmissionRow) -> Submission:
    return Submission(
        row.year,
        row.stage,
        row.sequence,
        row.package_id,
        row.sha256,
        row.file_name,
        row.created_at,
        row.key_id,
    )
