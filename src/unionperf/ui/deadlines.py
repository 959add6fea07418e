"""The upper level's deadlines in the grassroots window: the status bar and the problems panel.

A parameter package the unit applied may set the date each stage of a year is due at the upper
level (``services.cycle.params.stage_deadlines``). The window says, for the year shown, how many
days are left for each stage not sent yet, or how many days it is overdue, e.g.
“运行监控（2025-06-30）报送截止 2025-07-15，还有 12 天”. Today comes from the window's clock
(:attr:`MainWindow.today`), so tests set the day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from unionperf.domain.year import stage_label
from unionperf.services.common.errors import ServiceError
from unionperf.services.cycle.params import DeadlineStatus, stage_deadlines

if TYPE_CHECKING:
    from unionperf.ui.main_window import MainWindow

__all__ = ["DeadlineLine", "deadline_lines", "deadline_text", "refresh_deadlines"]

OVERDUE_COLOUR = "#b3261e"
DUE_COLOUR = "#1d4f91"


@dataclass(frozen=True, slots=True)
class DeadlineLine:
    """One deadline as the window shows it."""

    text: str
    overdue: bool
    sent: bool


def deadline_text(item: DeadlineStatus) -> str:
    """报送截止 …，还有 N 天 / 今天截止 / 已逾期 N 天 / 已报送, for one stage."""
    stage, due = stage_label(item.stage), item.due.isoformat()
    if item.sent:
        return QCoreApplication.translate("Deadlines", "{stage}: sent (due {date})").format(
            stage=stage, date=due
        )
    if item.days_left > 0:
        return QCoreApplication.translate(
            "Deadlines", "{stage} due {date}, {days} days left"
        ).format(stage=stage, date=due, days=item.days_left)
    if item.days_left == 0:
        return QCoreApplication.translate("Deadlines", "{stage} due today ({date})").format(
            stage=stage, date=due
        )
    return QCoreApplication.translate(
        "Deadlines", "{stage} was due {date}: {days} days overdue"
    ).format(stage=stage, date=due, days=-item.days_left)


def deadline_lines(statuses: Sequence[DeadlineStatus]) -> list[DeadlineLine]:
    """The stages not sent yet, earliest first (what the window shows)."""
    return [
        DeadlineLine(deadline_text(item), item.overdue, item.sent)
        for item in statuses
        if not item.sent
    ]


def refresh_deadlines(window: MainWindow) -> None:
    """Show the deadlines of the window's year not sent yet (none when the upper level set none).

    The nearest goes in the status bar, every one in the problems panel.
    """
    year = window.session.year
    try:
        statuses = stage_deadlines(window.workspace, year, window.today()) if year else []
    except ServiceError:
        statuses = []
    lines = deadline_lines(statuses)
    window.problems.show_deadlines(lines)
    label = window.deadline_label
    label.setVisible(bool(lines))
    label.setText(lines[0].text if lines else "")
    label.setToolTip("\n".join(line.text for line in lines))
    colour = OVERDUE_COLOUR if lines and lines[0].overdue else DUE_COLOUR
    label.setStyleSheet(f"color: {colour};")
