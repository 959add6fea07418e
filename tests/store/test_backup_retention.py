"""The retention policy on its own: times in, kept paths out, no files and no clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from unionperf.store.backup_retention import (
    DAILY_DAYS,
    MONTHLY_MONTHS,
    TODAY_CAP,
    backups_to_keep,
)

SHANGHAI = timezone(timedelta(hours=8))
NOW = datetime(2026, 5, 20, 16, 0, tzinfo=SHANGHAI)


@dataclass(frozen=True)
class Taken:
    path: Path
    taken_at: datetime
    reason: str = "open"


def _at(*moments: datetime, reason: str = "open") -> list[Taken]:
    return [Taken(Path(f"{moment.isoformat()}-{reason}"), moment, reason) for moment in moments]


def _kept(backups: list[Taken], now: datetime = NOW) -> list[datetime]:
    paths = backups_to_keep(backups, now, SHANGHAI)
    return sorted((item.taken_at for item in backups if item.path in paths), reverse=True)


def test_today_keeps_the_newest_twenty():
    today = _at(*(NOW - timedelta(minutes=10 * step) for step in range(30)))
    assert _kept(today) == [item.taken_at for item in today[:TODAY_CAP]]


def test_frequent_opens_today_do_not_push_out_last_month():
    today = _at(*(NOW - timedelta(minutes=step) for step in range(200)))
    last_month = _at(datetime(2026, 4, 28, 9, tzinfo=SHANGHAI))
    two_years_ago = _at(datetime(2024, 6, 3, 9, tzinfo=SHANGHAI))
    kept = _kept(today + last_month + two_years_ago)
    assert len(kept) == TODAY_CAP + 2
    assert last_month[0].taken_at in kept
    assert two_years_ago[0].taken_at in kept


def test_one_a_day_for_a_month_then_one_a_month():
    hourly = _at(*(NOW - timedelta(hours=step) for step in range(24 * 120)))
    kept = _kept(hourly)
    days = [moment.astimezone(SHANGHAI).date() for moment in kept]
    today = NOW.date()
    assert days.count(today) == 17  # 00:00 to 16:00
    for back in range(1, DAILY_DAYS + 1):
        day = today - timedelta(days=back)
        assert days.count(day) == 1
        assert (
            max(moment for moment in kept if moment.astimezone(SHANGHAI).date() == day).hour == 23
        )
    older = [moment for moment in kept if moment.date() < today - timedelta(days=DAILY_DAYS)]
    assert [moment.astimezone(SHANGHAI) for moment in older] == [
        datetime(2026, 3, 31, 23, tzinfo=SHANGHAI),
        datetime(2026, 2, 28, 23, tzinfo=SHANGHAI),
        datetime(2026, 1, 31, 23, tzinfo=SHANGHAI),
    ]


def test_monthly_backups_are_kept_for_five_years():
    monthly = _at(
        *(
            datetime(2026 - year, month, 1, 9, tzinfo=SHANGHAI)
            for year in range(8)
            for month in range(1, 13)
        )
    )
    kept = _kept([item for item in monthly if item.taken_at < NOW])
    assert len(kept) == MONTHLY_MONTHS
    assert min(kept) == datetime(2021, 6, 1, 9, tzinfo=SHANGHAI)


def test_days_are_counted_in_the_given_time_zone():
    """00:30 in Shanghai is still the day before in UTC: it counts as today there."""
    just_after_midnight = datetime(2026, 5, 20, 0, 30, tzinfo=SHANGHAI)
    before_midnight = datetime(2026, 5, 19, 23, 50, tzinfo=SHANGHAI)
    earlier_that_evening = datetime(2026, 5, 19, 20, 0, tzinfo=SHANGHAI)
    backups = _at(just_after_midnight, before_midnight, earlier_that_evening)
    assert _kept(backups) == [just_after_midnight, before_midnight]
    in_utc = backups_to_keep(backups, NOW, UTC)  # all three on 19 May there: the newest stays
    assert in_utc == {backups[0].path}


def test_the_newest_backup_before_a_restore_is_always_kept():
    before_restore = _at(NOW - timedelta(days=3, hours=2), reason="before-restore")
    same_day_later = _at(NOW - timedelta(days=3))
    today = _at(*(NOW - timedelta(minutes=step) for step in range(40)))
    kept = _kept(before_restore + same_day_later + today)
    assert before_restore[0].taken_at in kept
    assert same_day_later[0].taken_at in kept


def test_a_backup_dated_later_than_now_counts_as_today():
    future = _at(NOW + timedelta(days=400))
    today = _at(*(NOW - timedelta(minutes=step) for step in range(TODAY_CAP)))
    kept = _kept(future + today)
    assert len(kept) == TODAY_CAP
    assert future[0].taken_at in kept
