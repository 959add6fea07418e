"""ORM rows of the upper level's season: replaced keys, received budget lines, stage deadlines.

They share :class:`~unionperf.store.rows.Base` (one metadata, one migration history); the
migration environment imports this module so that Alembic sees them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from unionperf.store.rows import Base


class SubordinateKeyRow(Base):
    """Upper level: a unit's key that was replaced, kept with when and why (its history).

    A package signed with a replaced key is still recognised (refused as older, or accepted
    when a rotation statement leads from it to the current key).
    """

    __tablename__ = "subordinate_key"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("subordinate.unit_code"), index=True)
    key_id: Mapped[str] = mapped_column(String(16), index=True)
    public_key: Mapped[str] = mapped_column(Text)
    registered_at: Mapped[str] = mapped_column(String(40))
    """When this key had been registered (or first seen)."""
    retired_at: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text, default="")
    """Why it was replaced (re-registration's reason, or the unit's rotation statement)."""


class ReceivedBudgetRow(Base):
    """Upper level: one budget line of a received package (integer fen), for 汇总.

    ``executed_fen`` is the execution the package's stage reports (0 before the
    self-evaluation; see ``domain.stage_facts``).
    """

    __tablename__ = "received_budget"
    __table_args__ = (
        # covers 汇总's sums by category
        Index(
            "ix_received_budget_package_id",
            "package_id",
            "category_code",
            "last_year_actual_fen",
            "budget_fen",
            "adjustment_fen",
            "executed_fen",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("received_package.id", ondelete="CASCADE"))
    category_code: Mapped[str] = mapped_column(String(20))
    last_year_actual_fen: Mapped[int] = mapped_column(Integer, default=0)
    budget_fen: Mapped[int] = mapped_column(Integer, default=0)
    adjustment_fen: Mapped[int] = mapped_column(Integer, default=0)
    executed_fen: Mapped[int] = mapped_column(Integer, default=0)


class DeadlineRow(Base):
    """Upper level: the deadline (报送截止日期) of a year's stage, the last day allowed."""

    __tablename__ = "stage_deadline"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    stage: Mapped[str] = mapped_column(String(40), primary_key=True)
    due: Mapped[date] = mapped_column(Date)
    set_at: Mapped[str] = mapped_column(String(40))
