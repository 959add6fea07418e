"""The unit's package records: its submission log, returned stages, the feedback it got.

The unit keeps its submission log, the states of the stages the upper level returned, the feedback
it imported and the upper level's trusted key. Every write is audited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from unionperf.store import audit
from unionperf.store.audit import now
from unionperf.store.rows import FeedbackRow, MetaRow, SignoffRow, StageStateRow, SubmissionRow

UPPER_KEY = "upper_public_key"
UPPER_NAME = "upper_name"


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
        """(status, reason) of a stage: ``open`` unless the upper level returned it."""
        row = self.session.scalar(
            select(StageStateRow).where(StageStateRow.year == year, StageStateRow.stage == stage)
        )
        return (row.status, row.reason) if row else ("open", "")

    def return_stage(self, year: int, stage: str, reason: str) -> int:
        """Mark a stage returned and withdraw its sign-offs; returns how many were withdrawn."""
        row = self.session.scalar(
            select(StageStateRow).where(StageStateRow.year == year, StageStateRow.stage == stage)
        )
        if row is None:
            self.session.add(
                StageStateRow(
                    year=year, stage=stage, status="returned", reason=reason, updated_at=now()
                )
            )
        else:
            row.status, row.reason, row.updated_at = "returned", reason, now()
        withdrawn = self.session.execute(
            delete(SignoffRow).where(SignoffRow.year == year, SignoffRow.stage == stage)
        )
        count = int(getattr(withdrawn, "rowcount", 0) or 0)
        audit.record(
            self.session,
            "return",
            "stage",
            stage,
            {"status": ["open", "returned"], "reason": reason, "signoffs_withdrawn": count},
            year=year,
        )
        return count

    def has_feedback(self, sha256: str) -> bool:
        """Whether this feedback package was imported already."""
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

    def add_feedback(self, sha256: str, meta: dict[str, Any], opinions: list[Any]) -> None:
        """Store a feedback package's decision and opinions."""
        self.session.add(
            FeedbackRow(
                sha256=sha256,
                year=int(meta["year"]),
                stage=str(meta["stage"]),
                sequence=int(meta["sequence"]),
                decision=str(meta["feedback"]["decision"]),
                from_name=str(meta["feedback"]["from"]),
                opinions_json=json.dumps(opinions, ensure_ascii=False),
                received_at=now(),
            )
        )
        audit.record(
            self.session,
            "feedback",
            "stage",
            str(meta["stage"]),
            {"decision": meta["feedback"]["decision"], "opinions": len(opinions), "sha256": sha256},
            year=int(meta["year"]),
        )

    def feedback(self, year: int) -> list[dict[str, Any]]:
        """Feedback received for a year, oldest first."""
        rows = self.session.scalars(
            select(FeedbackRow).where(FeedbackRow.year == year).order_by(FeedbackRow.id)
        )
        return [
            {
                "stage": row.stage,
                "decision": row.decision,
                "from": row.from_name,
                "opinions": json.loads(row.opinions_json),
                "received_at": row.received_at,
                "sequence": row.sequence,
            }
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
