"""Which years hold a project: the reads behind a multi-year project's earlier years."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionperf.domain.year import YearData
from unionperf.store.rows import ProjectRow
from unionperf.store.year_loader import YearLoader


class ProjectYearQueries:
    """Queries across years by project uid (a project keeps its uid in each of its years)."""

    session: Session

    def years_holding_projects(self, uids: Collection[str], before: int) -> list[int]:
        """The years before ``before`` that hold a project with one of ``uids``, oldest first."""
        if not uids:
            return []
        query = (
            select(ProjectRow.year)
            .where(ProjectRow.uid.in_(sorted(uids)), ProjectRow.year < before)
            .distinct()
            .order_by(ProjectRow.year)
        )
        return list(self.session.scalars(query))

    def load_for_scores(self, year: int) -> YearData:
        """A year without its monitoring (what a score reads: projects, targets, results)."""
        return YearLoader(self.session).load(year, monitoring=False)
