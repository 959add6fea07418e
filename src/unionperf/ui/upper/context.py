"""What the upper level's pages share: the workspace, the year and stage shown, what changed.

A page never reloads another: it says what it changed (:class:`Area`) through
:meth:`UpperContext.notify`, and every page that shows that area reloads when next shown.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from PySide6.QtCore import QObject, Signal

from unionperf.services.common.errors import local_today
from unionperf.services.common.workspace import Workspace

__all__ = ["Area", "UpperContext"]


class Area(StrEnum):
    """What a page changed (or what the toolbar chose)."""

    REGISTER = "register"
    """Units added, renamed, keys registered or replaced."""
    RECEIVED = "received"
    """Packages received."""
    DECISIONS = "decisions"
    """Feedback written (通过/退回) or an indicator re-scored."""
    DEADLINES = "deadlines"
    """A stage's deadline set or removed, a monitoring point added to the stages."""
    PARAMS = "params"
    """The parameters to send down, or a parameter package written."""
    SELECTION = "selection"
    """Another year or stage was chosen in the toolbar."""
    ALL = "all"
    """The workspace was restored from a backup: everything."""


class UpperContext(QObject):
    """The open upper-level workspace, the year and stage chosen, and the change signal."""

    changed = Signal(str)
    """An :class:`Area` changed (its value is passed)."""
    stage_added = Signal(str)
    """A monitoring point was added to the stages of the year (its stage name)."""

    def __init__(self, workspace: Workspace, year: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.year = year
        self.stage = "targets"
        """The stage the board, the review and 汇总 show (``targets``, ``monitoring-…``,
        ``self-evaluation``)."""
        self.extra_stages: set[tuple[int, str]] = set()
        """Monitoring points added by hand before any package or deadline names them."""
        self.today_override: date | None = None
        """Tests and screenshots fix the day lateness is judged on."""

    def today(self) -> date:
        """The day a missing unit is judged overdue on (this computer's local date)."""
        return self.today_override or local_today()

    def choose(self, year: int, stage: str) -> None:
        """Show another year or stage."""
        if (year, stage) != (self.year, self.stage):
            self.year, self.stage = year, stage
            self.changed.emit(Area.SELECTION.value)

    def notify(self, area: Area) -> None:
        """Tell every page that ``area`` changed."""
        self.changed.emit(area.value)
