"""The upper level's review records: the history of its decisions and its re-scores.

Every write is audited. The decisions themselves are the ``feedback_sent`` rows the register
keeps; this repository adds what each said (summary and opinions) and reads them back as one
history per unit.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, aliased

from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.feedback import Decision, Opinion, opinion_fields, opinion_from_fields
from unionperf.store import audit
from unionperf.store.audit import now
from unionperf.store.review_rows import FeedbackNoteRow, UpperScoreRow, UpperTotalRow
from unionperf.store.rows import FeedbackSentRow, ReceivedRow

SELF_EVALUATION = "self-evaluation"


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """One decision the upper level sent on a unit's stage, with what it said."""

    unit_code: str
    year: int
    stage: str
    sequence: int
    """The feedback package's sequence among the unit's stage's feedback."""
    decision: Decision
    created_at: str
    file_name: str
    responds_to: int | None
    """The sequence of the received package it answered (``None`` when unknown)."""
    summary: str
    opinions: tuple[Opinion, ...]
    noted: bool
    """Whether summary and opinions were kept (feedback written before they were is not)."""


@dataclass(frozen=True, slots=True)
class RescoreRecord:
    """One re-score of an indicator by the upper level."""

    unit_code: str
    year: int
    package_sha256: str
    owner_uid: str
    indicator_uid: str
    path: str
    unit_score: Decimal | None
    upper_score: Decimal
    reason: str
    created_at: str


@dataclass(frozen=True, slots=True)
class OwnerTotal:
    """An owner's total with the upper level's scores beside the unit's own."""

    unit_code: str
    year: int
    owner_uid: str
    package_sha256: str
    unit_total: Decimal
    upper_total: Decimal
    upper_grade: str


class ReviewRecords:
    """Reads and writes the upper level's review records inside the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def note_feedback(
        self,
        *,
        unit_code: str,
        year: int,
        stage: str,
        sequence: int,
        summary: str,
        opinions: Sequence[Opinion],
    ) -> None:
        """Keep what a feedback package said (its ``feedback_sent`` row is written beside it)."""
        text = json.dumps([opinion_fields(item) for item in opinions], ensure_ascii=False)
        self.session.add(
            FeedbackNoteRow(
                unit_code=unit_code,
                year=year,
                stage=stage,
                sequence=sequence,
                summary=summary,
                opinion_count=len(opinions),
                opinions_blob=zlib.compress(text.encode("utf-8")),
            )
        )
        audit.record(
            self.session,
            "note",
            "feedback",
            f"{unit_code}/{stage}/{sequence}",
            {"summary": summary, "opinions": len(opinions)},
            year=year,
        )

    def decisions(self, unit_code: str, year: int | None = None) -> list[DecisionRecord]:
        """Every decision sent on a unit's stages (of one year when given), oldest first."""
        answered = aliased(ReceivedRow)
        query = (
            select(FeedbackSentRow, FeedbackNoteRow, answered.sequence)
            .outerjoin(
                FeedbackNoteRow,
                and_(
                    FeedbackNoteRow.unit_code == FeedbackSentRow.unit_code,
                    FeedbackNoteRow.year == FeedbackSentRow.year,
                    FeedbackNoteRow.stage == FeedbackSentRow.stage,
                    FeedbackNoteRow.sequence == FeedbackSentRow.sequence,
                ),
            )
            .outerjoin(
                answered,
                and_(
                    answered.sha256 == FeedbackSentRow.responds_to,
                    answered.unit_code == FeedbackSentRow.unit_code,
                ),
            )
            .where(FeedbackSentRow.unit_code == unit_code)
            .order_by(FeedbackSentRow.id)
        )
        if year is not None:
            query = query.where(FeedbackSentRow.year == year)
        return [
            DecisionRecord(
                sent.unit_code,
                sent.year,
                sent.stage,
                sent.sequence,
                Decision(sent.decision),
                sent.created_at,
                sent.file_name,
                responds_to,
                note.summary if note else "",
                _opinions(note.opinions_blob) if note else (),
                note is not None,
            )
            for sent, note, responds_to in self.session.execute(query)
        ]

    def add_rescore(self, record: RescoreRecord, totals: Sequence[OwnerTotal]) -> None:
        """Keep a re-score and the owners' totals it leads to (replacing their earlier totals)."""
        self.session.add(
            UpperScoreRow(
                unit_code=record.unit_code,
                year=record.year,
                package_sha256=record.package_sha256,
                owner_uid=record.owner_uid,
                indicator_uid=record.indicator_uid,
                path=record.path,
                unit_score=record.unit_score,
                upper_score=record.upper_score,
                reason=record.reason,
                created_at=record.created_at,
            )
        )
        for total in totals:
            row = self.session.get(UpperTotalRow, (total.unit_code, total.year, total.owner_uid))
            if row is None:
                row = UpperTotalRow(
                    unit_code=total.unit_code, year=total.year, owner_uid=total.owner_uid
                )
                self.session.add(row)
            row.package_sha256 = total.package_sha256
            row.unit_total, row.upper_total = total.unit_total, total.upper_total
            row.upper_grade, row.updated_at = total.upper_grade, now()
        audit.record(
            self.session,
            "rescore",
            "indicator",
            f"{record.unit_code}/{record.owner_uid}/{record.indicator_uid}",
            {
                "path": record.path,
                "score": [_text(record.unit_score), _text(record.upper_score)],
                "reason": record.reason,
                "package": record.package_sha256,
            },
            year=record.year,
        )

    def rescores(
        self, unit_code: str, year: int, package_sha256: str | None = None
    ) -> list[RescoreRecord]:
        """A unit's re-scores of a year (of one received package when given), oldest first."""
        query = (
            select(UpperScoreRow)
            .where(UpperScoreRow.unit_code == unit_code, UpperScoreRow.year == year)
            .order_by(UpperScoreRow.id)
        )
        if package_sha256 is not None:
            query = query.where(UpperScoreRow.package_sha256 == package_sha256)
        return [
            RescoreRecord(
                row.unit_code,
                row.year,
                row.package_sha256,
                row.owner_uid,
                row.indicator_uid,
                row.path,
                row.unit_score,
                row.upper_score,
                row.reason,
                row.created_at,
            )
            for row in self.session.scalars(query)
        ]

    def owner_totals(self, unit_code: str, year: int) -> list[OwnerTotal]:
        """The owners' totals with the upper level's scores, for a unit's year."""
        query = select(UpperTotalRow).where(
            UpperTotalRow.unit_code == unit_code, UpperTotalRow.year == year
        )
        return [_total(row) for row in self.session.scalars(query)]

    def unit_totals(self, year: int) -> dict[str, Decimal]:
        """Each re-scored unit's total (as a whole) with the upper level's scores, by unit code.

        Only re-scores of the self-evaluation package still current count: a unit that sent its
        self-evaluation again is scored as it sent it until the upper level re-scores it anew.
        """
        query = (
            select(UpperTotalRow.unit_code, UpperTotalRow.upper_total)
            .join(
                ReceivedRow,
                and_(
                    ReceivedRow.unit_code == UpperTotalRow.unit_code,
                    ReceivedRow.year == UpperTotalRow.year,
                    ReceivedRow.sha256 == UpperTotalRow.package_sha256,
                    ReceivedRow.stage == SELF_EVALUATION,
                    ReceivedRow.current.is_(True),
                ),
            )
            .where(UpperTotalRow.year == year, UpperTotalRow.owner_uid == UNIT_OWNER)
        )
        return {code: total for code, total in self.session.execute(query)}


def _opinions(blob: bytes) -> tuple[Opinion, ...]:
    items = json.loads(zlib.decompress(blob).decode("utf-8"))
    return tuple(opinion_from_fields(item) for item in items)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _total(row: UpperTotalRow) -> OwnerTotal:
    return OwnerTotal(
        row.unit_code,
        row.year,
        row.owner_uid,
        row.package_sha256,
        row.unit_total,
        row.upper_total,
        row.upper_grade,
    )
