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
from typing import NamedTuple

from sqlalchemy import ColumnElement, and_, delete, distinct, func, select
from sqlalchemy.orm import Session, aliased

from unionperf.domain.aggregation import CategorySum, ProjectSum
from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.feedback import Decision
from unionperf.domain.money import fen_to_yuan
from unionperf.store import audit
from unionperf.store.audit import now
from unionperf.store.multi_year_rows import MultiYearQueries
from unionperf.store.received_documents import ReceivedDocumentQueries
from unionperf.store.rows import FeedbackSentRow, ReceivedRow, ReceivedScoreRow, SubordinateRow
from unionperf.store.upper_rows import DeadlineRow, ReceivedBudgetRow


class UnitFigures(NamedTuple):
    """A unit's own row of its current package: budget, execution, score, grade.

    The board's per-unit records are named tuples: immutable, and quick to make by the
    thousand (a frozen dataclass costs several times more per record).
    """

    budget_fen: int
    executed_fen: int
    total: Decimal | None
    grade: str

    @property
    def budget(self) -> Decimal:
        """The approved expenditure budget in yuan."""
        return fen_to_yuan(self.budget_fen)

    @property
    def executed(self) -> Decimal:
        """The executed expenditure in yuan, as the stage reports it."""
        return fen_to_yuan(self.executed_fen)


class BoardUnit(NamedTuple):
    """A registered unit with what it sent of the stage."""

    code: str
    name: str
    contact: str
    key_id: str
    """Empty while the unit's key is not registered."""
    newest: int
    """The highest sequence received of the stage (0: none)."""
    first_at: str | None
    """When the stage's first package was received (UTC, ISO)."""
    current_at: str | None
    """When the current (newest) package was received."""
    figures: UnitFigures | None
    """The unit-as-a-whole row of the current package."""


class BoardReview(NamedTuple):
    """A decision sent on a package of the stage: the sequence it answered, oldest first."""

    unit_code: str
    sequence: int
    decision: Decision


@dataclass(frozen=True, slots=True)
class BoardFacts:
    """Everything the status board of one stage is made from."""

    units: list[BoardUnit]
    reviews: list[BoardReview]
    """Decisions on packages of the stage that were received (others are left out)."""


class BoardRecords(MultiYearQueries, ReceivedDocumentQueries):
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

    def season_years(self) -> list[int]:
        """The years of which a package was received or a deadline set, oldest first."""
        received = select(ReceivedRow.year).distinct()
        due = select(DeadlineRow.year).distinct()
        return sorted(set(self.session.scalars(received)) | set(self.session.scalars(due)))

    def latest_received_year(self) -> int | None:
        """The year of the package received last (``None`` before any)."""
        return self.session.scalar(
            select(ReceivedRow.year).order_by(ReceivedRow.received_at.desc()).limit(1)
        )

    # -- the status board -------------------------------------------------------------------

    def board_facts(self, year: int, stage: str) -> BoardFacts:
        """Each registered unit with what it sent of the stage, and the decisions sent on it.

        Times of receipt are the stored UTC ISO texts (one format, so the first is the least).
        """
        connection = self.session.connection()  # Core rows: no ORM loading for plain columns
        package, score = ReceivedRow, ReceivedScoreRow
        sent = (
            select(
                package.unit_code.label("code"),
                func.max(package.sequence).label("newest"),
                func.min(package.received_at).label("first_at"),
            )
            .where(package.year == year, package.stage == stage)
            .group_by(package.unit_code)
            .subquery()
        )
        current = aliased(ReceivedRow)
        query = (
            select(
                SubordinateRow.unit_code,
                SubordinateRow.name,
                SubordinateRow.contact,
                SubordinateRow.key_id,
                sent.c.newest,
                sent.c.first_at,
                current.received_at,
                score.budget_fen,
                score.executed_fen,
                score.total,
                score.grade,
            )
            .outerjoin(sent, sent.c.code == SubordinateRow.unit_code)
            .outerjoin(
                current,
                and_(
                    current.year == year,
                    current.stage == stage,
                    current.current.is_(True),
                    current.unit_code == SubordinateRow.unit_code,
                ),
            )
            .outerjoin(score, and_(score.package_id == current.id, score.owner_uid == UNIT_OWNER))
            .order_by(SubordinateRow.unit_code)
        )
        units = [
            BoardUnit(
                code,
                name,
                contact,
                key_id,
                newest or 0,
                first_at,
                current_at,
                None if budget is None else UnitFigures(budget, executed, total, grade),
            )
            for (
                code,
                name,
                contact,
                key_id,
                newest,
                first_at,
                current_at,
                budget,
                executed,
                total,
                grade,
            ) in connection.execute(query).all()  # one fetchall, not a fetch per row
        ]
        decided = connection.execute(
            select(FeedbackSentRow.unit_code, FeedbackSentRow.responds_to, FeedbackSentRow.decision)
            .where(FeedbackSentRow.year == year, FeedbackSentRow.stage == stage)
            .order_by(FeedbackSentRow.id)
        ).all()
        if not decided:
            return BoardFacts(units, [])
        sequence_of = dict(
            connection.execute(
                select(package.sha256, package.sequence).where(
                    package.year == year, package.stage == stage
                )
            ).all()
        )
        reviews = [
            BoardReview(code, sequence_of[answered], Decision(decision))
            for code, answered, decision in decided
            if answered in sequence_of
        ]
        return BoardFacts(units, reviews)

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
            code: UnitFigures(budget, executed, total, grade)
            for code, budget, executed, total, grade in self.session.connection()
            .execute(query)
            .all()
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
                func.count(),  # one line per category and package (domain.stage_facts)
                func.sum(line.last_year_actual_fen),
                func.sum(line.budget_fen),
                func.sum(line.adjustment_fen),
                func.sum(line.executed_fen),
            )
            .select_from(ReceivedRow)
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
            for code, count, last, budget, adjustment, executed in self.session.execute(query).all()
        ]

    def project_sums(
        self, year: int, stage: str, by: str, units: Collection[str] | None = None
    ) -> list[ProjectSum]:
        """The projects of the current packages summed by ``category_code`` or ``attribute``."""
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
        return [
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
            ).all()
        ]

    def units_with_projects(
        self, year: int, stage: str, units: Collection[str] | None = None
    ) -> int:
        """How many units' current packages of the stage hold at least one project."""
        owner = ReceivedScoreRow
        query = (
            select(func.count(distinct(ReceivedRow.unit_code)))
            .join(owner, owner.package_id == ReceivedRow.id)
            .where(*_current(year, stage, units), owner.owner_uid != UNIT_OWNER)
        )
        return int(self.session.scalar(query) or 0)


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
