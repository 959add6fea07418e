"""What the window shows about a year it holds in memory: problems, scores and step statuses."""

from __future__ import annotations

from collections.abc import Set

from unionperf.domain.cycle import Step, StepStatus, step_statuses
from unionperf.domain.problems import Problem
from unionperf.domain.results import YearScore, score_year
from unionperf.domain.validation.checks import blocking_problems, check_year, year_scorer
from unionperf.domain.year import YearData
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle.submit import submissions

__all__ = ["blocking", "problems_of", "scores_of", "statuses_of", "submitted_stages"]


def problems_of(data: YearData, adjusting: Set[str] = frozenset()) -> list[Problem]:
    """Every validation problem of the year (hard and soft).

    ``adjusting`` names the stages with an adjustment open (their sign-offs are asked again).
    """
    return check_year(data, adjusting)


def blocking(data: YearData, problems: list[Problem]) -> list[Problem]:
    """The problems that stop an export (hard ones, and soft ones not yet explained)."""
    return blocking_problems(data, problems)


def scores_of(data: YearData) -> YearScore:
    """The year's self-evaluation scores (those its checks computed are reused)."""
    return score_year(data, year_scorer(data))


def submitted_stages(workspace: Workspace, year: int) -> set[str]:
    """The stages of ``year`` exported at least once."""
    return {item.stage for item in submissions(workspace, year)}


def statuses_of(
    data: YearData | None,
    problems: list[Problem],
    submitted: set[str],
    adjusting: Set[str] = frozenset(),
) -> dict[Step, StepStatus]:
    """The status of each of the six steps (a stage being adjusted is in progress)."""
    return step_statuses(data, problems, submitted, adjusting)
