"""Reading a whole year: a dozen set-based queries, the largest tables on the driver's cursor."""

from __future__ import annotations

import gc
import json
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionperf.domain.budget import UNIT_OWNER, FundingLine, Project, TargetSet
from unionperf.domain.categories import DEFAULT_CATALOGUE
from unionperf.domain.evaluation import Evaluation, IndicatorResult
from unionperf.domain.indicators import Indicator
from unionperf.domain.money import fen_to_yuan
from unionperf.domain.monitoring import MonitoringEntry, MonitoringPoint
from unionperf.domain.settings import RuleSettings, SignoffRole
from unionperf.domain.unit import UnitProfile
from unionperf.domain.year import Explanation, Signoff, YearData
from unionperf.store.arrivals import load_arrivals
from unionperf.store.assessments import load_assessments
from unionperf.store.errors import NotFoundError
from unionperf.store.mapping import (
    INDICATOR_COLUMNS,
    PROGRESS_COLUMNS,
    RESULT_COLUMNS,
    budget_from,
    entry_from,
    funding_from,
    indicator_from_values,
    project_from,
    result_from_values,
    unit_from,
)
from unionperf.store.progress_rows import progress_by_entry
from unionperf.store.rows import (
    Base,
    BudgetLineRow,
    EntryRow,
    EvaluationRow,
    ExplanationRow,
    FundingLineRow,
    PointRow,
    ProjectRow,
    SignoffRow,
    UnitRow,
    YearRow,
)

_PROGRESS_SQL = (
    "SELECT g.entry_id, "
    + ", ".join(f"g.{name}" for name in PROGRESS_COLUMNS)
    + " FROM indicator_progress g JOIN monitoring_entry e ON g.entry_id = e.id"
    " JOIN monitoring_point p ON e.point_id = p.id WHERE p.year = ?"
)
"""No ORDER BY: sorting every progress row costs a quarter of the query. An entry's progress is a
collection keyed by indicator uid (``MonitoringEntry.for_indicator``); its order is unspecified."""


_INDICATOR_SQL = (
    "SELECT owner_uid, "
    + ", ".join(INDICATOR_COLUMNS)
    + " FROM indicator WHERE year = ? ORDER BY position, id"
)
_RESULT_SQL = (
    "SELECT i.owner_uid, "
    + ", ".join(f"r.{name}" for name in RESULT_COLUMNS)
    + " FROM indicator_result r JOIN indicator i ON r.indicator_uid = i.uid"
    " WHERE i.year = ? ORDER BY i.position, i.id"
)


class YearLoader:
    """Builds a :class:`YearData` from the store inside the caller's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def load(self, year: int, *, monitoring: bool = True) -> YearData:
        """The whole year as one domain aggregate (a handful of set-based queries).

        ``monitoring=False`` leaves the monitoring points and entries out (the largest part of
        a year, which a score does not read).

        Raises:
            NotFoundError: the workspace holds no such year.
        """
        with _no_gc_pauses():
            return self._load(year, monitoring=monitoring)

    def _load(self, year: int, *, monitoring: bool) -> YearData:
        year_row = self._year_row(year)
        unit = self.unit() or UnitProfile(name="", credit_code="")
        indicators = self._indicators(year)
        projects = self._projects(year, indicators)
        points, entries = self._monitoring(year) if monitoring else ((), ())
        return YearData(
            year=year,
            unit=unit,
            settings=RuleSettings.from_json(json.loads(year_row.settings_json)),
            catalogue=DEFAULT_CATALOGUE,
            opening_balance=fen_to_yuan(year_row.opening_balance_fen),
            budget=tuple(budget_from(row) for row in self._rows(BudgetLineRow, year)),
            projects=projects,
            unit_targets=TargetSet(
                UNIT_OWNER,
                year_row.unit_annual_goal,
                year_row.unit_midterm_goal,
                tuple(indicators.get(UNIT_OWNER, ())),
            ),
            points=points,
            monitoring=entries,
            arrivals=load_arrivals(self.session, year),
            assessments=load_assessments(self.session, year),
            evaluations=self._evaluations(year),
            signoffs=tuple(
                Signoff(row.stage, SignoffRole(row.role), row.name, row.signed_on)
                for row in self._rows(SignoffRow, year)
            ),
            explanations=tuple(
                Explanation(row.problem_key, row.text) for row in self._rows(ExplanationRow, year)
            ),
        )

    def _rows(self, row_class: type[Base], year: int) -> list[Any]:
        table = row_class.__table__
        return list(self.session.execute(select(table).where(table.c.year == year)))

    def _indicators(self, year: int) -> dict[str, list[Indicator]]:
        by_owner: dict[str, list[Indicator]] = defaultdict(list)
        for row in self._fetch(_INDICATOR_SQL, year):
            by_owner[row[0]].append(indicator_from_values(row[1:]))
        return by_owner

    def _fetch(self, sql: str, year: int) -> list[Any]:
        """Rows of a hand-written query on the driver's cursor (the large tables of a year)."""
        return list(self.session.connection().exec_driver_sql(sql, (year,)).fetchall())

    def _projects(self, year: int, indicators: dict[str, list[Indicator]]) -> tuple[Project, ...]:
        projects = ProjectRow.__table__
        funding = FundingLineRow.__table__
        lines: dict[int, list[FundingLine]] = defaultdict(list)
        query = (
            select(funding)
            .join(projects, funding.c.project_id == projects.c.id)
            .where(projects.c.year == year)
            .order_by(funding.c.id)
        )
        for row in self.session.execute(query):
            lines[row.project_id].append(funding_from(row))
        rows = self.session.execute(
            select(projects)
            .where(projects.c.year == year)
            .order_by(projects.c.position, projects.c.id)
        )
        return tuple(
            project_from(row, lines.get(row.id, ()), indicators.get(row.uid, ())) for row in rows
        )

    def _monitoring(
        self, year: int
    ) -> tuple[tuple[MonitoringPoint, ...], tuple[MonitoringEntry, ...]]:
        points_t, entries_t = PointRow.__table__, EntryRow.__table__
        point_rows = list(
            self.session.execute(
                select(points_t).where(points_t.c.year == year).order_by(points_t.c.cutoff)
            )
        )
        points = tuple(MonitoringPoint(row.uid, row.cutoff, row.label) for row in point_rows)
        uid_of = {row.id: row.uid for row in point_rows}
        # The largest table of a year (indicators × points, 48,000 rows in the large demo) is read
        # on the driver's cursor and built positionally: SQLAlchemy's per-row processing would
        # double the cost of opening a year (bench/run.py, store_load_year).
        cursor = self.session.connection().exec_driver_sql(_PROGRESS_SQL, (year,))
        progress = progress_by_entry(cursor.fetchall())
        query = (
            select(entries_t)
            .join(points_t, entries_t.c.point_id == points_t.c.id)
            .where(points_t.c.year == year)
            .order_by(entries_t.c.id)
        )
        entries = tuple(
            entry_from(row, uid_of[row.point_id], progress.get(row.id, ()))
            for row in self.session.execute(query)
        )
        return points, entries

    def _evaluations(self, year: int) -> tuple[Evaluation, ...]:
        results: dict[str, list[IndicatorResult]] = defaultdict(list)
        for row in self._fetch(_RESULT_SQL, year):
            results[row[0]].append(result_from_values(row[1:]))
        texts = {row.owner_uid: row for row in self._rows(EvaluationRow, year)}
        owners = list(dict.fromkeys([*texts, *results]))
        return tuple(
            Evaluation(
                owner,
                tuple(results.get(owner, ())),
                texts[owner].achieved_text if owner in texts else "",
                texts[owner].result_application if owner in texts else "",
                texts[owner].execution_analysis if owner in texts else "",
            )
            for owner in owners
        )

    def unit(self) -> UnitProfile | None:
        """The union's profile, or ``None`` before it is entered."""
        row = self.session.get(UnitRow, 1)
        return unit_from(row) if row else None

    def _year_row(self, year: int) -> YearRow:
        row = self.session.get(YearRow, year)
        if row is None:
            raise NotFoundError(f"工作区中没有{year}年度的数据")
        return row


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Hold the cyclic garbage collector while a year's objects are built.

    A large year makes some 60,000 acyclic frozen objects; the collector's generation passes over
    them cost as much as building them. Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
