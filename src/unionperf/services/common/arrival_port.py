"""What the services need of the revenue-arrival records (a repository of the unit of work).

Kept beside :mod:`unionperf.services.common.ports`, which lists the other repositories.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from unionperf.domain.revenue import RevenueArrival

__all__ = ["ArrivalsPort"]


class ArrivalsPort(Protocol):
    """Revenue arrival per monitoring point and category; a locked point's change is refused."""

    def for_year(self, year: int) -> tuple[RevenueArrival, ...]:
        """Every arrival of a year."""
        ...

    def cutoff_of(self, point_uid: str) -> date | None:
        """The cut-off date of a monitoring point, or ``None`` when there is no such point."""
        ...

    def save_arrival(self, arrival: RevenueArrival) -> None:
        """Create or update one category's arrival at one point."""
        ...

    def delete_arrival(self, point_uid: str, category_code: str) -> None:
        """Remove one category's arrival at one point (nothing held: no change)."""
        ...
