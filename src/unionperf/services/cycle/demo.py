"""Create the demo workspace: a realistic grassroots union, or a large one for benchmarks."""

from __future__ import annotations

from pathlib import Path

from unionperf.demo.data import demo_large_year, demo_unit, demo_years
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import editing

SIZES = ("normal", "large")


def create_demo(path: Path, size: str = "normal", passphrase: str = "demo") -> Workspace:
    """Make a new workspace at ``path`` filled with demo data and return it open.

    ``normal``: 2024 complete (6+ projects, four monitoring points, self-evaluation) and a smaller
    2023. ``large``: 200 projects × 20 indicators × 12 monitoring points in 2024. The signing key
    is locked with ``passphrase``.
    """
    workspace = Workspace.create(path, passphrase=passphrase)
    try:
        fill_demo(workspace, size)
    except BaseException:
        workspace.close()
        raise
    return workspace


def fill_demo(workspace: Workspace, size: str = "normal") -> None:
    """Put the demo union into an open workspace (the window's 载入演示数据 button).

    Saves the demo unit profile and replaces each demo year, each year in its own transaction
    with a backup taken before it (``Workspace.replace_year``).
    """
    workspace.save_unit(demo_unit())
    for data in [demo_large_year()] if size == "large" else demo_years():
        editing.replace_year(workspace, data)
