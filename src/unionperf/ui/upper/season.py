"""The years and stages the upper level's toolbar offers.

A year is offered when a package of it was received or a deadline set, and always this year and
the next (the season the upper level prepares: deadlines, parameters). A year's stages are the
targets, every monitoring point a package or a deadline names (or one added by hand), and the
self-evaluation, in the order of the season (``services.upper.season``: indexed queries only).
"""

from __future__ import annotations

from unionperf.domain.year import StageKind, stage_label
from unionperf.services.upper.deadlines import season_order
from unionperf.services.upper.season import latest_received_year, season_stages, season_years
from unionperf.ui.upper.context import UpperContext

__all__ = ["known_years", "stage_choices", "year_of_latest_package"]

FIXED_STAGES = (StageKind.TARGETS.value, StageKind.SELF_EVALUATION.value)


def known_years(context: UpperContext) -> list[int]:
    """The years to offer, oldest first."""
    this_year = context.today().year
    years = set(season_years(context.workspace))
    years |= {this_year, this_year + 1, context.year}
    years |= {year for year, _ in context.extra_stages}
    return sorted(years)


def year_of_latest_package(context: UpperContext) -> int | None:
    """The year of the package received last (what the upper level works on), if any."""
    return latest_received_year(context.workspace)


def stage_choices(context: UpperContext, year: int) -> list[tuple[str, str]]:
    """(stage name, label) of a year's stages, in the order of the season."""
    names = set(FIXED_STAGES) | set(season_stages(context.workspace, year))
    names |= {stage for held, stage in context.extra_stages if held == year}
    return [(name, stage_label(name)) for name in sorted(names, key=season_order)]
