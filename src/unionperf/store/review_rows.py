"""ORM rows of the upper level's review: the notes of its decisions and its re-scores.

They share :class:`~unionperf.store.rows.Base` (one metadata, one migration history); the
migration environment imports this module so that Alembic sees them.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from unionperf.store.rows import Base
from unionperf.store.types import DecimalText


class FeedbackNoteRow(Base):
    """Upper level: what a feedback package said, kept for the history of decisions.

    Its summary (on a return, the reason) and its opinions; the opinions are kept only for the
    record, as zlib-compressed JSON. The row is keyed like the ``feedback_sent`` row it belongs
    to.
    """

    __tablename__ = "feedback_note"
    __table_args__ = (UniqueConstraint("unit_code", "year", "stage", "sequence"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(18))
    year: Mapped[int] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(40))
    sequence: Mapped[int] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text, default="")
    opinion_count: Mapped[int] = mapped_column(Integer, default=0)
    opinions_blob: Mapped[bytes] = mapped_column(LargeBinary)


class UpperScoreRow(Base):
    """Upper level: one re-score of an indicator of a unit's received self-evaluation.

    Every re-score is kept (the newest one of an indicator counts); both the unit's score and
    the upper level's are kept, with the reason.
    """

    __tablename__ = "upper_score"
    __table_args__ = (Index("ix_upper_score_unit_year", "unit_code", "year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(18))
    year: Mapped[int] = mapped_column(Integer)
    package_sha256: Mapped[str] = mapped_column(String(64))
    """The received self-evaluation package that was re-scored."""
    owner_uid: Mapped[str] = mapped_column(String(64))
    indicator_uid: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(Text)
    unit_score: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    upper_score: Mapped[Decimal] = mapped_column(DecimalText)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(40))


class UpperTotalRow(Base):
    """Upper level: an owner's total with the upper level's scores, beside the unit's own total.

    One row per unit, year and owner (a project or ``unit``) that a re-score touched, plus the
    unit as a whole; the ranking reads the ``unit`` rows of the packages still current.
    """

    __tablename__ = "upper_total"
    unit_code: Mapped[str] = mapped_column(String(18), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_uid: Mapped[str] = mapped_column(String(64), primary_key=True)
    package_sha256: Mapped[str] = mapped_column(String(64))
    unit_total: Mapped[Decimal] = mapped_column(DecimalText)
    upper_total: Mapped[Decimal] = mapped_column(DecimalText)
    upper_grade: Mapped[str] = mapped_column(String(4))
    updated_at: Mapped[str] = mapped_column(String(40))
