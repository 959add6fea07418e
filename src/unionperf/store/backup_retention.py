"""Which backups to keep: all of today, one a day for a month, one a month for five years.

The policy (also in ``docs/backups.md``), by the local calendar date of each backup:

- **today** (and any backup dated later, e.g. after the clock was set back): the newest
  :data:`TODAY_CAP`;
- **the :data:`DAILY_DAYS` days before today**: the newest backup of each day;
- **the current month and the :data:`MONTHLY_MONTHS` − 1 months before it**: the newest backup of
  each month;
- and always the newest backup taken before a restore, so the last restore can be undone.

Everything else is deleted when a backup is taken. The rules are pure functions of the backups'
times and an injected "now", so frequent opens never push out last month's state.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Protocol

__all__ = ["DAILY_DAYS", "MONTHLY_MONTHS", "TODAY_CAP", "backups_to_keep"]

TODAY_CAP = 20
"""How many of today's backups are kept (the newest)."""
DAILY_DAYS = 31
"""For this many days before today, the newest backup of each day is kept."""
MONTHLY_MONTHS = 60
"""For this many months (the current one included), the newest backup of each month is kept."""
BEFORE_RESTORE = "before-restore"
"""The reason of the backup taken before a restore; the newest one is always kept."""


class Dated(Protocol):
    """A backup as the policy sees it: its file, when it was taken (aware) and why."""

    @property
    def path(self) -> Path: ...

    @property
    def taken_at(self) -> datetime: ...

    @property
    def reason(self) -> str: ...


def backups_to_keep(backups: Sequence[Dated], now: datetime, tz: tzinfo | None = None) -> set[Path]:
    """The paths of ``backups`` the policy keeps at ``now`` (an aware time).

    Days and months are those of the time zone ``tz`` (``None``: this computer's local time).
    """
    today = now.astimezone(tz).date()
    ordered = sorted(backups, key=lambda item: item.taken_at, reverse=True)
    keep: set[Path] = set()
    days: set[date] = set()
    months: set[int] = set()
    first_day = today - timedelta(days=DAILY_DAYS)
    this_month = _month(today)
    todays = 0
    for item in ordered:
        day = item.taken_at.astimezone(tz).date()
        if day >= today:
            if todays < TODAY_CAP:
                keep.add(item.path)
            todays += 1
            continue
        if day >= first_day and day not in days:
            days.add(day)
            keep.add(item.path)
        month = _month(day)
        if this_month - month < MONTHLY_MONTHS and month not in months:
            months.add(month)
            keep.add(item.path)
    restore = next((item for item in ordered if item.reason == BEFORE_RESTORE), None)
    if restore is not None:
        keep.add(restore.path)
    return keep


def _month(day: date) -> int:
    return day.year * 12 + day.month - 1
