"""Fill an already open, empty workspace with the demo union (the window's 载入演示数据 button)."""

from __future__ import annotations

from unionperf.services.demo_data import demo_unit, demo_years
from unionperf.services.workspace import Workspace


def fill_demo(workspace: Workspace) -> None:
    """Save the demo unit profile and replace each demo year in ``workspace``.

    Each year is its own transaction, with a backup taken before it (``Workspace.replace_year``).
    """
    workspace.save_unit(demo_unit())
    for data in demo_years():
        workspace.replace_year(data)
