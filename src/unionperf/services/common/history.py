"""The earlier years of a year's multi-year projects, read from the workspace's other years.

A project running over several years keeps its uid in each year (``year add --copy-from``);
each earlier year that holds it gives its annual slice (budget, execution, score, clear-out
flag), so the window, the forms and the package show the whole period so far.
"""

from __future__ import annotations

from dataclasses import replace

from unionperf.domain.budget import ProjectAttribute
from unionperf.domain.multi_year import history_for, year_slices
from unionperf.domain.project_years import ProjectYear
from unionperf.domain.year import YearData
from unionperf.services.common.ports import UnitOfWorkPort


def earlier_slices(uow: UnitOfWorkPort, data: YearData) -> tuple[ProjectYear, ...]:
    """The slices of the earlier years holding ``data``'s continuing or multi-year projects."""
    uids = {
        project.uid
        for project in data.projects
        if project.attribute is ProjectAttribute.CONTINUING
        or (project.start is not None and project.start.year < data.year)
    }
    slices: list[ProjectYear] = []
    for year in uow.years.years_holding_projects(uids, data.year):
        slices += year_slices(uow.years.load_for_scores(year))
    return history_for(data, slices)


def with_history(uow: UnitOfWorkPort, data: YearData) -> YearData:
    """``data`` with its projects' earlier slices (:attr:`YearData.project_history`)."""
    history = earlier_slices(uow, data)
    return replace(data, project_history=history) if history else data
