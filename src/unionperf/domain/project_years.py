"""One year of a multi-year project as that year holds it: the annual slice (seed §二.3, §二.11).

A project running over several years keeps its uid in each of its years (``year add`` carries
it forward); each year holds that year's budget, execution, score and clear-out flag. The
slices of the earlier years travel with a year (``YearData.project_history``) so the unit's
window, its forms and the upper level all see the whole period, not just the year in hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from unionperf.domain.money import ZERO


@dataclass(frozen=True, slots=True)
class ProjectYear:
    """A project's annual slice: the year's goal, budget, execution and score (yuan)."""

    year: int
    project_uid: str
    annual_goal: str = ""
    """年度总体目标 of that year."""
    initial: Decimal = ZERO
    """年初预算数."""
    budget: Decimal = ZERO
    """全年预算数."""
    executed: Decimal = ZERO
    """全年执行数 (0 until the year's end)."""
    score: Decimal | None = None
    """The self-evaluation total of that year (``None`` before it was evaluated)."""
    grade: str = ""
    """优/良/中/差 with the score, else empty."""
    clear_out: bool = False
    """Whether that year proposed clearing the project out."""
