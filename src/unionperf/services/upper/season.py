"""The years and stages the upper level works on (its window's year and stage selectors).

Read with one indexed query each, never by loading the packages received (20,000 and more).
"""

from __future__ import annotations

from unionperf.services.common.workspace import Workspace
from unionperf.services.upper.deadlines import season_order

__all__ = ["latest_received_year", "season_stages", "season_years"]


def season_years(workspace: Workspace) -> list[int]:
    """The years of which a package was received or a deadline set, oldest first."""
    with workspace.reading() as uow:
        return uow.board.season_years()


def latest_received_year(workspace: Workspace) -> int | None:
    """The year of the package received last (``None`` before any)."""
    with workspace.reading() as uow:
        return uow.board.latest_received_year()


def season_stages(workspace: Workspace, year: int) -> list[str]:
    """The stages of a year a package or a deadline names, in the order of the season."""
    with workspace.reading() as uow:
        names = set(uow.board.stages_received(year)) | set(uow.board.deadlines(year))
    return sorted(names, key=season_order)
