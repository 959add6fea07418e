"""The upper level's season in rows: stage deadlines, the status board's facts, 汇总's sums.

Reads here select only the columns a screen needs, with Core queries over the rows kept of each
received package (never its compressed ``data.json``), so the board and the aggregation of
3,000 units stay close to a raw ``sqlite3`` read of the same rows (``bench/bench_upper.py``).
Money leaves as ``Decimal`` yuan.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, delete, distinct, func, select
from sqlalchemy.orm import Session

from unionperf.domain.aggregation import CategorySum, ProjectSum
from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.feedback import Decision
from unionperf.domain.money import fen_to_yuan
from unionperf.store import audit
from unionperf.store.audit import now
from unionperf.store.rows import FeedbackSentRow, ReceivedRow, ReceivedScoreRow, SubordinateRow
from unionperf.store.upper_rows import DeadlineRow, ReceivedBudgetRow


@dataclass(frozen=True, slots=True)
class BoardUnit:
    """A registered unit as the board lists it."""

    code: str
    name: str
    contact: str
    key_id: str
    """Empty while the unit's key is not registered."""


@dataclass(frozen=True, slots=True)
class BoardPackage:
    """A received package of the stage, without its content."""

    unit_code: str
    sequence: int
    sha256: str
    received_at: str
    current: bool


@dataclass(frozen=True, slots=True)
class BoardReview:
    """A decision sent on a package of the stage (``responds_to``: that package's SHA-256)."""

    unit_code: str
    responds_to: str | None
    decision: Decision


@dataclass(frozen=True, slots=True)
class UnitFigures:
    """A unit's own row of its current package: budget, execution, score, grade."""

    budget: Decimal
    executed: Decimal
    total: Decimal | None
    grade: str


@dataclass(frozen=True, slots=True)
class BoardFacts:
    """Everything the status board of one stage is made from."""

    units: list[BoardUnit]
    packages: list[BoardPackage]
    reviews: list[BoardReview]
    figures: dict[str, UnitFigures]
    """By unit code: the unit-as-a-whole row of its current package."""


class BoardRecords:
    """Reads and writes of the upper level's season inside the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # -- deadlines --------------------------------------------------------------------------

    def deadlines(self, year: int) -> dict[str, date]:
        """Every deadline set for the year's stages, by stage name."""
        rows = self.session.execute(
            select(DeadlineRow.stage, DeadlineRow.due).where(DeadlineRow.year == year)
        )
        return {stage: due for stage, due in rows}

    def set_deadline(self, year: int, stage: str, due: date | None) -> None:
        """Set (or with ``None`` remove) the deadline of a year's stage (audited)."""
        row = self.session.get(DeadlineRow, (year, stage))
        old = row.due.isoformat() if row else None
        if due is None:
            self.session.execute(
                delete(DeadlineRow).where(DeadlineRow.year == year, DeadlineRow.stage == stage)
            )
        elif row is None:
            self.session.add(DeadlineRow(year=year, stage=stage, due=due, set_at=now()))
        else:
            row.due, row.set_at = due, now()
        audit.record(
            self.session,
            "deadline",
            "stage",
            stage,
            {"due": [old, due.isoformat() if due else None]},
            year=year,
        )

    def stages_received(self, year: int) -> list[str]:
        """The stage names of the year of which any package was received."""
        return list(
            self.session.scalars(
                select(ReceivedRow.stage).where(ReceivedRow.year == year).distinct()
            )
        )

    # -- the status board -------------------------------------------------------------------

    def board_facts(self, year: int, stage: str) -> BoardFacts:
        """The units, the stage's packages and decisions, and each current package's figures."""
        units = [
            BoardUnit(code, name, contact, key_id)
            for code, name, contact, key_id in self.session.execute(
                select(
                    SubordinateRow.unit_code,
                    SubordinateRow.name,
                    SubordinateRow.contact,
                    SubordinateRow.key_id,
                ).order_by(SubordinateRow.unit_code)
            )
        ]
        packages = [
            BoardPackage(code, sequence, sha, at, bool(current))
            for code, sequence, sha, at, current in self.session.execute(
                select(
                    ReceivedRow.unit_code,
                    ReceivedRow.sequence,
                    ReceivedRow.sha256,
                    ReceivedRow.received_at,
                    ReceivedRow.current,
                ).where(ReceivedRow.year == year, ReceivedRow.stage == stage)
            )
        ]
        reviews = [
            BoardReview(code, answered, Decision(decision))
            for code, answered, decision in self.session.execute(
                select(
                    FeedbackSentRow.unit_code,
                    FeedbackSentRow.responds_to,
                    FeedbackSentRow.decision,
                )
                .where(FeedbackSentRow.year == year, FeedbackSentRow.stage == stage)
                .order_by(FeedbackSentRow.id)
            )
        ]
        return BoardFacts(units, packages, reviews, self.unit_figures(year, stage))

    def unit_figures(self, year: int, stage: str) -> dict[str, UnitFigures]:
        """Each unit's own row of its current package of the stage, by unit code."""
        query = (
            select(
                ReceivedRow.unit_code,
                ReceivedScoreRow.budget_fen,
                ReceivedScoreRow.executed_fen,
                ReceivedScoreRow.total,
                ReceivedScoreRow.grade,
            )
            .join(ReceivedScoreRow, ReceivedScoreRow.package_id == ReceivedRow.id)
            .where(
                ReceivedRow.year == year,
                ReceivedRow.stage == stage,
                ReceivedRow.current.is_(True),
                ReceivedScoreRow.owner_uid == UNIT_OWNER,
            )
        )
        return {
            code: UnitFigures(fen_to_yuan(budget), fen_to_yuan(executed), total, grade)
            for code, budget, executed, total, grade in self.session.execute(query)
        }

    # -- 汇总 --------------------------------------------------------------------------------

    def category_sums(
        self, year: int, stage: str, units: Collection[str] | None = None
    ) -> list[CategorySum]:
        """The budget lines of the current packages summed by category."""
        line = ReceivedBudgetRow
        query = (
            select(
                line.category_code,
                func.count(distinct(ReceivedRow.unit_code)),
                func.sum(line.last_year_actual_fen),
                func.sum(line.budget_fen),
                func.sum(line.adjustment_fen),
                func.sum(line.executed_fen),
            )
            .join(line, line.package_id == ReceivedRow.id)
            .where(*_current(year, stage, units))
            .group_by(line.category_code)
        )
        return [
            CategorySum(
                code,
                count,
                fen_to_yuan(last),
                fen_to_yuan(budget),
                fen_to_yuan(adjustment),
                fen_to_yuan(executed),
            )
            for code, count, last, budget, adjustment, executed in self.session.execute(query)
        ]

    def project_sums(
        self, year: int, stage: str, by: str, units: Collection[str] | None = None
    ) -> tuple[list[ProjectSum], int]:
        """The projects of the current packages summed by ``category_code`` or ``attribute``.

        Returns:
            The sums, and how many units have at least one project.
        """
        owner = ReceivedScoreRow
        key = owner.category_code if by == "category_code" else owner.attribute
        base = (
            select(
                key,
                func.count(distinct(ReceivedRow.unit_code)),
                func.count(),
                func.sum(owner.initial_fen),
                func.sum(owner.budget_fen),
                func.sum(owner.executed_fen),
            )
            .join(owner, owner.package_id == ReceivedRow.id)
            .where(*_current(year, stage, units), owner.owner_uid != UNIT_OWNER)
        )
        sums = [
            ProjectSum(
                value,
                count,
                projects,
                fen_to_yuan(initial),
                fen_to_yuan(budget),
                fen_to_yuan(executed),
            )
            for value, count, projects, initial, budget, executed in self.session.execute(
                base.group_by(key)
            )
        ]
        with_projects = (
            select(func.count(distinct(ReceivedRow.unit_code)))
            .join(owner, owner.package_id == ReceivedRow.id)
            .where(*_current(year, stage, units), owner.owner_uid != UNIT_OWNER)
        )
        return sums, int(self.session.scalar(with_projects) or 0)


def _current(year: int, stage: str, units: Collection[str] | None) -> list[ColumnElement[bool]]:
    """The conditions of the current packages of a year's stage (of some units, if given)."""
    conditions = [
        ReceivedRow.year == year,
        ReceivedRow.stage == stage,
        ReceivedRow.current.is_(True),
    ]
    if units is not None:
        conditions.append(ReceivedRow.unit_code.in_(sorted(units)))
    return conditions
