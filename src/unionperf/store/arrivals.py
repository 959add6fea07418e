"""Revenue arrival records (收入到位): one row per monitoring point and revenue category.

An arrival belongs to its monitoring point's stage: once the chair signed that point off, a
change is refused like any other change of the point (unless an adjustment is open). Each write
is audited with the changed fields.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from unionperf.domain.revenue import RevenueArrival
from unionperf.store import audit
from unionperf.store.errors import NotFoundError
from unionperf.store.mapping import Values, assign, diff, fen, monitoring_stage, yuan
from unionperf.store.rows import ArrivalRow, PointRow
from unionperf.store.submissions import SubmissionRecords

_ARRIVALS_SQL = (
    "SELECT p.uid, a.category_code, a.amount_fen, a.received_on, a.note"
    " FROM revenue_arrival a JOIN monitoring_point p ON a.point_id = p.id"
    " WHERE p.year = ? ORDER BY p.cutoff, a.id"
)


_FIELDS = ("category_code", "amount_fen", "received_on", "note")
"""The columns of an arrival row besides its id and point (what the audit log compares)."""


def arrival_values(arrival: RevenueArrival) -> Values:
    """Columns of an arrival row (without the point id)."""
    return {
        "category_code": arrival.category_code,
        "amount_fen": fen(arrival.amount),
        "received_on": arrival.received_on,
        "note": arrival.note,
    }


def load_arrivals(session: Session, year: int) -> tuple[RevenueArrival, ...]:
    """Every arrival of a year, by point cut-off then in the order entered."""
    rows = session.connection().exec_driver_sql(_ARRIVALS_SQL, (year,)).fetchall()
    return tuple(_arrival_from(row) for row in rows)


def _arrival_from(row: Any) -> RevenueArrival:
    point_uid, code, amount_fen, received_on, note = row
    amount = yuan(amount_fen)
    assert amount is not None  # the column is NOT NULL
    return RevenueArrival(
        point_uid, code, amount, _day(received_on) if received_on else None, note or ""
    )


def _day(value: Any) -> date:
    """A date column read on the driver's cursor comes back as ISO text."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


class ArrivalRecords:
    """Reads and writes revenue arrival inside the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def for_year(self, year: int) -> tuple[RevenueArrival, ...]:
        """Every arrival of a year."""
        return load_arrivals(self.session, year)

    def cutoff_of(self, point_uid: str) -> date | None:
        """The cut-off date of a monitoring point, or ``None`` when there is no such point."""
        return self.session.scalar(select(PointRow.cutoff).where(PointRow.uid == point_uid))

    def save_arrival(self, arrival: RevenueArrival) -> None:
        """Create or update one category's arrival at one point (audited, lock-guarded).

        Raises:
            NotFoundError: the point does not exist.
            LockedStageError: the point's stage is signed off and no adjustment is open.
        """
        point = self.session.scalar(select(PointRow).where(PointRow.uid == arrival.point_uid))
        if point is None:
            raise NotFoundError(f"找不到监控时点（{arrival.point_uid}）")
        row = self.session.scalar(
            select(ArrivalRow).where(
                ArrivalRow.point_id == point.id,
                ArrivalRow.category_code == arrival.category_code,
            )
        )
        new = arrival_values(arrival)
        old = {key: getattr(row, key) for key in _FIELDS} if row is not None else None
        changes = diff(old, new)
        if not changes and old is not None:
            return
        SubmissionRecords(self.session).guard(point.year, monitoring_stage(point.cutoff))
        if row is None:
            self.session.add(ArrivalRow(point_id=point.id, **new))
        else:
            assign(row, new)
        audit.record(
            self.session,
            "save",
            "revenue_arrival",
            f"{arrival.point_uid}/{arrival.category_code}",
            changes,
            year=point.year,
        )

    def delete_arrival(self, point_uid: str, category_code: str) -> None:
        """Remove one category's arrival at one point (undo of a first entry); none is no change.

        Raises:
            LockedStageError: the point's stage is signed off and no adjustment is open.
        """
        point = self.session.scalar(select(PointRow).where(PointRow.uid == point_uid))
        if point is None:
            return
        row = self.session.scalar(
            select(ArrivalRow).where(
                ArrivalRow.point_id == point.id, ArrivalRow.category_code == category_code
            )
        )
        if row is None:
            return
        SubmissionRecords(self.session).guard(point.year, monitoring_stage(point.cutoff))
        old = {key: getattr(row, key) for key in _FIELDS}
        self.session.execute(delete(ArrivalRow).where(ArrivalRow.id == row.id))
        audit.record(
            self.session,
            "delete",
            "revenue_arrival",
            f"{point_uid}/{category_code}",
            diff(old, None),
            year=point.year,
        )
