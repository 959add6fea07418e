"""The upper level's rows of multi-year projects: written with a package's facts, read for 汇总."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.money import fen_to_yuan, yuan_to_fen
from unionperf.domain.multi_year_summary import MultiYearLine
from unionperf.domain.stage_facts import OwnerFact
from unionperf.store.rows import ReceivedRow, ReceivedScoreRow, SubordinateRow


def multi_year_values(owner: OwnerFact) -> dict[str, Any]:
    """The multi-year columns of an owner's ``received_score`` row."""
    fact = owner.multi_year
    return {
        "clear_out": owner.clear_out,
        "clear_out_reason": owner.clear_out_reason,
        "start_year": fact.start_year if fact else None,
        "end_year": fact.end_year if fact else None,
        "midterm_budget_fen": yuan_to_fen(fact.midterm_budget) if fact else 0,
        "cumulative_budget_fen": yuan_to_fen(fact.cumulative_budget) if fact else None,
        "cumulative_executed_fen": yuan_to_fen(fact.cumulative_executed) if fact else None,
    }


class MultiYearQueries:
    """汇总's read of the multi-year projects of the current packages."""

    session: Session

    def multi_year_projects(
        self, year: int, stage: str, units: Collection[str] | None = None
    ) -> list[MultiYearLine]:
        """Every multi-year project (or one flagged for 清理退出) of the current packages."""
        owner = ReceivedScoreRow
        conditions: list[ColumnElement[bool]] = [
            ReceivedRow.year == year,
            ReceivedRow.stage == stage,
            ReceivedRow.current.is_(True),
            owner.owner_uid != UNIT_OWNER,
            owner.cumulative_budget_fen.is_not(None) | owner.clear_out.is_(True),
        ]
        if units is not None:
            conditions.append(ReceivedRow.unit_code.in_(sorted(units)))
        query = (
            select(
                ReceivedRow.unit_code,
                SubordinateRow.name,
                owner.owner_uid,
                owner.name,
                owner.start_year,
                owner.end_year,
                owner.midterm_budget_fen,
                owner.cumulative_budget_fen,
                owner.cumulative_executed_fen,
                owner.budget_fen,
                owner.executed_fen,
                owner.total,
                owner.grade,
                owner.clear_out,
                owner.clear_out_reason,
            )
            .join(owner, owner.package_id == ReceivedRow.id)
            .join(SubordinateRow, SubordinateRow.unit_code == ReceivedRow.unit_code)
            .where(*conditions)
            .order_by(ReceivedRow.unit_code, owner.id)
        )
        return [
            MultiYearLine(
                row.unit_code,
                row[1],
                row.owner_uid,
                row[3],
                row.start_year,
                row.end_year,
                fen_to_yuan(row.midterm_budget_fen),
                fen_to_yuan(_or(row.cumulative_budget_fen, row.budget_fen)),
                fen_to_yuan(_or(row.cumulative_executed_fen, row.executed_fen)),
                row.total,
                row.grade,
                bool(row.clear_out),
                row.clear_out_reason,
            )
            for row in self.session.execute(query).all()
        ]


def _or(value: int | None, fallback: int) -> int:
    return fallback if value is None else value
