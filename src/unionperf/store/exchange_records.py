"""Records of packages: submissions, stage states, feedback, subordinates, received packages.

The unit's side keeps its submission log, the states of returned stages and the feedback it got;
the upper level keeps its register of subordinate units and the packages it received. Every write
is audited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from unionperf.store import audit
from unionperf.store.rows import (
    FeedbackRow,
    FeedbackSentRow,
    MetaRow,
    ReceivedRow,
    ReceivedScoreRow,
    SignoffRow,
    StageStateRow,
    SubmissionRow,
    SubordinateRow,
)

UPPER_KEY = "upper_public_key"
UPPER_NAME = "upper_name"


def now() -> str:
    """The current UTC time in ISO format."""
    return datetime.now(UTC).isoformat(timespec="seconds")


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


@dataclass(frozen=True, slots=True)
class Subordinate:
    """A registered subordinate unit."""

    unit_code: str
    name: str
    public_key: str
    key_id: str
    registered_at: str
    retired_keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Received:
    """A received package's record (without its data)."""

    unit_code: str
    year: int
    stage: str
    sequence: int
    sha256: str
    current: bool
    received_at: str
    file_name: str


class ExchangeRecords:
    """Reads and writes package records inside the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # -- the unit's side -----------------------------------------------------------------------

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

    # -- the upper level's side ----------------------------------------------------------------

    def feedback_count(self, unit_code: str, year: int, stage: str) -> int:
        """How many feedback packages were written for a unit's stage."""
        query = (
            select(func.count())
            .select_from(FeedbackSentRow)
            .where(
                FeedbackSentRow.unit_code == unit_code,
                FeedbackSentRow.year == year,
                FeedbackSentRow.stage == stage,
            )
        )
        return int(self.session.scalar(query) or 0)

    def log_feedback(
        self,
        *,
        unit_code: str,
        year: int,
        stage: str,
        sequence: int,
        decision: str,
        sha256: str,
        file_name: str,
    ) -> None:
        """Record a written feedback package."""
        self.session.add(
            FeedbackSentRow(
                unit_code=unit_code,
                year=year,
                stage=stage,
                sequence=sequence,
                decision=decision,
                sha256=sha256,
                file_name=file_name,
                created_at=now(),
            )
        )
        audit.record(
            self.session,
            "feedback",
            "package",
            f"{unit_code}/{stage}/{sequence}",
            {"decision": decision, "sha256": sha256},
            year=year,
        )

    def subordinate(self, unit_code: str) -> Subordinate | None:
        """A registered unit, if any."""
        row = self.session.get(SubordinateRow, unit_code)
        return _subordinate(row) if row else None

    def subordinates(self) -> list[Subordinate]:
        """Every registered unit, by code."""
        rows = self.session.scalars(select(SubordinateRow).order_by(SubordinateRow.unit_code))
        return [_subordinate(row) for row in rows]

    def register(self, unit_code: str, name: str, public_key: str, key_id: str) -> None:
        """Register a unit and its key (or replace its key: re-registration)."""
        row = self.session.get(SubordinateRow, unit_code)
        old = {"name": row.name, "key_id": row.key_id} if row else None
        if row is None:
            self.session.add(
                SubordinateRow(
                    unit_code=unit_code,
                    name=name,
                    public_key=public_key,
                    key_id=key_id,
                    registered_at=now(),
                    retired_keys="",
                )
            )
        else:
            if row.key_id != key_id:
                # the replaced key stays known: packages it signed are recognised (as older)
                known = [item for item in row.retired_keys.split("\n\n") if item.strip()]
                row.retired_keys = "\n\n".join(item.strip() for item in [*known, row.public_key])
            row.name, row.public_key, row.key_id = name, public_key, key_id
        audit.record(
            self.session,
            "register",
            "subordinate",
            unit_code,
            {"old": old, "new": {"name": name, "key_id": key_id}},
        )

    def current(self, unit_code: str, year: int, stage: str) -> Received | None:
        """The current (highest-sequence) package of a unit's stage, if any."""
        row = self.session.scalar(
            select(ReceivedRow).where(
                ReceivedRow.unit_code == unit_code,
                ReceivedRow.year == year,
                ReceivedRow.stage == stage,
                ReceivedRow.current.is_(True),
            )
        )
        return _received(row) if row else None

    def received(self, unit_code: str | None = None) -> list[Received]:
        """Every received package record, oldest first."""
        query = select(ReceivedRow).order_by(ReceivedRow.id)
        if unit_code is not None:
            query = query.where(ReceivedRow.unit_code == unit_code)
        return [_received(row) for row in self.session.scalars(query)]

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
        self.session.execute(
            update(ReceivedRow)
            .where(
                ReceivedRow.unit_code == record.unit_code,
                ReceivedRow.year == record.year,
                ReceivedRow.stage == record.stage,
            )
            .values(current=False)
        )
        row = ReceivedRow(
            unit_code=record.unit_code,
            year=record.year,
            stage=record.stage,
            sequence=record.sequence,
            sha256=record.sha256,
            package_id=package_id,
            key_id=key_id,
            current=True,
            received_at=record.received_at,
            file_name=record.file_name,
            meta_json=json.dumps(meta, ensure_ascii=False),
            data_json=data_json,
        )
        self.session.add(row)
        self.session.flush()
        for score in scores:
            self.session.add(ReceivedScoreRow(package_id=row.id, **score))
        audit.record(
            self.session,
            "receive",
            "package",
            package_id,
            {
                "unit": record.unit_code,
                "stage": record.stage,
                "sequence": record.sequence,
                "sha256": record.sha256,
            },
            year=record.year,
        )

    def is_received(self, sha256: str) -> bool:
        """Whether a package with this hash is stored."""
        query = select(func.count()).select_from(ReceivedRow).where(ReceivedRow.sha256 == sha256)
        return bool(self.session.scalar(query))

    def received_scores(self, year: int) -> list[dict[str, Any]]:
        """Scores of the current self-evaluation packages of a year (for aggregation)."""
        query = (
            select(ReceivedRow.unit_code, ReceivedScoreRow)
            .join(ReceivedScoreRow, ReceivedScoreRow.package_id == ReceivedRow.id)
            .where(ReceivedRow.year == year, ReceivedRow.current.is_(True))
        )
        return [
            {
                "unit_code": code,
                "owner_uid": score.owner_uid,
                "name": score.name,
                "total": score.total if score.total is None else Decimal(score.total),
                "grade": score.grade,
            }
            for code, score in self.session.execute(query)
        ]


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


def _subordinate(row: SubordinateRow) -> Subordinate:
    retired = tuple(item.strip() + "\n" for item in row.retired_keys.split("\n\n") if item.strip())
    return Subordinate(
        row.unit_code, row.name, row.public_key, row.key_id, row.registered_at, retired
    )


def _received(row: ReceivedRow) -> Received:
    return Received(
        row.unit_code,
        row.year,
        row.stage,
        row.sequence,
        row.sha256,
        row.current,
        row.received_at,
        row.file_name,
    )
