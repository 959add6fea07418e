"""The fake store's revenue arrival records (kept in each year's ``YearData.arrivals``)."""

from __future__ import annotations

from datetime import date

from tests.services.fake_records import FakeSubmissions
from tests.services.fake_state import FakeAudit, FakeState
from unionperf.domain import year_edits
from unionperf.domain.revenue import RevenueArrival
from unionperf.store.errors import NotFoundError


class FakeArrivals:
    """Arrivals per point and category; a change of a signed-off point is refused."""

    def __init__(self, state: FakeState, submissions: FakeSubmissions, audit: FakeAudit) -> None:
        self.state = state
        self.submissions = submissions
        self.audit = audit

    def for_year(self, year: int) -> tuple[RevenueArrival, ...]:
        """Every arrival of a year."""
        data = self.state.years.get(year)
        return data.arrivals if data else ()

    def cutoff_of(self, point_uid: str) -> date | None:
        """The cut-off of a point of any year, or ``None``."""
        for data in self.state.years.values():
            for point in data.points:
                if point.uid == point_uid:
                    return point.cutoff
        return None

    def save_arrival(self, arrival: RevenueArrival) -> None:
        """Create or update one category's arrival at one point."""
        for data in self.state.years.values():
            point = next((p for p in data.points if p.uid == arrival.point_uid), None)
            if point is not None:
                break
        else:
            raise NotFoundError(f"找不到监控时点（{arrival.point_uid}）")
        key = (arrival.point_uid, arrival.category_code)
        held = next(
            (item for item in data.arrivals if (item.point_uid, item.category_code) == key), None
        )
        if held == arrival:
            return
        self.submissions.guard(data.year, point.stage)
        self.state.years[data.year] = year_edits.with_arrival(data, arrival)
        self.audit.record("save", "revenue_arrival", "/".join(key), {}, year=data.year)

    def delete_arrival(self, point_uid: str, category_code: str) -> None:
        """Remove one category's arrival at one point (nothing held: no change)."""
        for data in self.state.years.values():
            point = next((p for p in data.points if p.uid == point_uid), None)
            if point is not None:
                break
        else:
            return
        key = (point_uid, category_code)
        if not any((item.point_uid, item.category_code) == key for item in data.arrivals):
            return
        self.submissions.guard(data.year, point.stage)
        self.state.years[data.year] = year_edits.without_arrival(data, point_uid, category_code)
        self.audit.record("delete", "revenue_arrival", "/".join(key), {}, year=data.year)
