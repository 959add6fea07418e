"""Committing the monitoring step's edits: entries, progress, revenue arrival, a new point.

Each goes through :meth:`YearSession.change`, so that it is saved at once and can be undone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from unionperf.domain.arrival_lines import ArrivalLine
from unionperf.domain.monitoring import IndicatorProgress, MonitoringEntry, MonitoringPoint
from unionperf.domain.revenue import RevenueArrival
from unionperf.services.views.monitoring_view import ProgressLine, entry_of, with_progress
from unionperf.ui.year_session import YearSession

__all__ = [
    "MonitoringEdits",
]


class MonitoringEdits:
    """Commits the monitoring step's edits through the session: at once, and undoable."""

    def __init__(self, session: YearSession) -> None:
        self.session = session

    def entry(
        self,
        text: str,
        point_uid: str,
        owner_uid: str,
        change: Callable[[MonitoringEntry], MonitoringEntry],
    ) -> bool:
        """Save the owner's entry at the point as ``change`` makes it from the current one."""
        data = self.session.data
        if data is None:
            return False
        old = entry_of(data, point_uid, owner_uid)
        new = change(old)
        if new == old:
            return True
        session = self.session
        return session.change(
            text, lambda: session.save_entry(new), lambda: session.save_entry(old)
        )

    def progress(
        self,
        text: str,
        line: ProgressLine,
        change: Callable[[IndicatorProgress], IndicatorProgress],
    ) -> bool:
        """Save one indicator's progress as ``change`` makes it, within the whole entry."""
        uid = line.indicator.uid

        def changed(entry: MonitoringEntry) -> MonitoringEntry:
            current = entry.for_indicator(uid) or IndicatorProgress(uid)
            updated = change(current)
            return entry if updated == current else with_progress(entry, updated)

        return self.entry(text, line.point_uid, line.owner_uid, changed)

    def arrival(self, text: str, line: ArrivalLine, new: RevenueArrival) -> bool:
        """Save a revenue category's arrival at a point; undo restores the previous record.

        Undoing a first entry removes it, so that the point counts as not entered again.
        """
        old = line.arrival if line.entered else None
        if old == new:
            return True
        session = self.session

        def backward() -> None:
            if old is None:
                session.delete_arrival(new.point_uid, new.category_code)
            else:
                session.save_arrival(old)

        return session.change(text, lambda: session.save_arrival(new), backward)

    def add_point(self, point: MonitoringPoint) -> bool:
        """Add a monitoring point (undo removes it again)."""
        session = self.session
        return session.change(
            QCoreApplication.translate("MonitoringModels", "Add monitoring point {date}").format(
                date=point.cutoff.isoformat()
            ),
            lambda: session.save_point(point),
            lambda: session.delete_point(point.uid),
        )
