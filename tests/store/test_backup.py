"""Backups through SQLite's backup API: UTC names, old local names still read, the policy applied.

Every time comes from an injected clock, never the machine's; days are counted in a time zone
the test names.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from unionperf.domain.budget import BudgetLine
from unionperf.store import backup
from unionperf.store.backup_restore import restore_backup
from unionperf.store.backup_retention import TODAY_CAP
from unionperf.store.repository import YearRepository
from unionperf.store.workspace import open_store

SHANGHAI = timezone(timedelta(hours=8))
CET, CEST = timezone(timedelta(hours=1)), timezone(timedelta(hours=2))


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "ws", create=True)
    yield opened
    opened.close()


def _budget(store) -> Decimal:
    with store.sessions.reading() as session:
        return YearRepository(session).load(2024).budget[0].budget


def test_a_backup_is_named_by_its_utc_time(store):
    taken = datetime(2026, 5, 7, 14, 30, 12, 123456, tzinfo=SHANGHAI)
    made = backup.take_backup(
        store.paths.database, store.paths.backups, "manual", now=taken, tz=SHANGHAI
    )
    assert made.path.name == "备份_2026-05-07_063012-123456Z_手动备份.sqlite"
    assert made.reason == "manual"
    assert made.taken_at == datetime(2026, 5, 7, 6, 30, 12, 123456, tzinfo=UTC)
    assert backup.list_backups(store.paths.backups, SHANGHAI) == [made]


@pytest.mark.parametrize(
    ("reason", "shown"),
    [
        ("open", "打开时"),
        ("before-import", "导入前"),
        ("before-restore", "恢复前"),
        ("before-migration", "升级前"),
        ("before-new-year", "新建年度前"),
        ("before-adjustment", "调整前"),
    ],
)
def test_every_reason_is_named_in_chinese_and_read_back(store, reason, shown):
    taken = datetime(2026, 12, 7, 14, 30, tzinfo=UTC)
    made = backup.take_backup(store.paths.database, store.paths.backups, reason, now=taken)
    assert made.path.name == f"备份_2026-12-07_143000-000000Z_{shown}.sqlite"
    listed = backup.list_backups(store.paths.backups)
    assert [(item.path, item.taken_at, item.reason) for item in listed] == [
        (made.path, taken, reason)
    ]


def test_old_english_utc_names_are_listed_kept_by_the_policy_and_restorable(store):
    """A folder of an earlier version: its backups sort among the new ones by time, the policy
    thins them as it thins the new ones, and one restores."""
    database, folder = store.paths.database, store.paths.backups
    folder.mkdir(exist_ok=True)
    with store.sessions.transaction() as session:
        YearRepository(session).ensure_year(2024)
        YearRepository(session).save_budget_line(2024, BudgetLine("501", budget=Decimal("5")))
    old_names = [
        "unionperf-20260301T010000-000000Z-open.sqlite",  # March has a newer one: goes
        "unionperf-20260302T010000-000000Z-manual.sqlite",  # the newest of March: kept
        "unionperf-20260407T010000-000000Z-before-import.sqlite",  # 7 April has a newer one
        "unionperf-20260407T020000-000000Z-open.sqlite",
    ]
    for name in old_names:
        backup.copy_database(database, folder / name, journal="DELETE")
    new = backup.take_backup(
        database, folder, "manual", now=datetime(2026, 4, 8, 3, tzinfo=UTC), tz=UTC
    )
    listed = backup.list_backups(folder, UTC)
    assert [item.path.name for item in listed] == [
        new.path.name,
        "unionperf-20260407T020000-000000Z-open.sqlite",
        "unionperf-20260302T010000-000000Z-manual.sqlite",
    ]
    assert [item.reason for item in listed] == ["manual", "open", "manual"]
    with store.sessions.transaction() as session:
        YearRepository(session).save_budget_line(2024, BudgetLine("501", budget=Decimal("9")))
    store.close()
    restore_backup(listed[1].path, database, folder, now=datetime(2026, 4, 8, 4, tzinfo=UTC))
    reopened = open_store(store.paths.root)
    try:
        assert _budget(reopened) == Decimal("5")
    finally:
        reopened.close()


def test_a_backup_is_one_file_that_reads_without_side_files(store):
    made = backup.take_backup(store.paths.database, store.paths.backups, "manual")
    with sqlite3.connect(made.path.resolve().as_uri() + "?mode=ro", uri=True) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert sorted(path.name for path in store.paths.backups.iterdir()) == [made.path.name]


def test_the_clock_going_back_for_winter_does_not_delete_the_newest(store):
    """02:40 CEST, then (the clocks go back at 03:00) 02:10 CET: half an hour later, not earlier.

    Named by local time, the later backup sorted as the older one, and with today's quota full
    it was the one deleted.
    """
    database, folder = store.paths.database, store.paths.backups
    for minute in range(TODAY_CAP - 1):  # that morning, 01:00–01:18 CET
        backup.take_backup(
            database, folder, "open", now=datetime(2026, 10, 25, 1, minute, tzinfo=CET), tz=CET
        )
    before = backup.take_backup(
        database, folder, "open", now=datetime(2026, 10, 25, 2, 40, tzinfo=CEST), tz=CET
    )
    after = backup.take_backup(
        database, folder, "open", now=datetime(2026, 10, 25, 2, 10, tzinfo=CET), tz=CET
    )
    assert after.taken_at - before.taken_at == timedelta(minutes=30)
    listed = backup.list_backups(folder, CET)
    assert [item.path for item in listed[:2]] == [after.path, before.path]
    assert len(listed) == TODAY_CAP
    assert after.path.exists()
    assert before.path.exists()


def test_old_local_time_names_are_still_read(store):
    folder = store.paths.backups
    folder.mkdir(exist_ok=True)
    old = folder / "unionperf-20260101-093000-000000-open.sqlite"
    backup.copy_database(store.paths.database, old, journal="DELETE")
    made = backup.take_backup(
        store.paths.database,
        folder,
        "manual",
        now=datetime(2026, 1, 1, 9, 45, tzinfo=SHANGHAI),
        tz=SHANGHAI,
    )
    listed = backup.list_backups(folder, SHANGHAI)
    assert [item.path for item in listed] == [made.path, old]
    assert listed[1].taken_at == datetime(2026, 1, 1, 1, 30, tzinfo=UTC)
    assert listed[1].reason == "open"


def test_taking_a_backup_thins_the_others_by_the_policy(store):
    """Backups every six hours from 1 January to 10 April 15:00, then one at 21:00: that day
    whole, one a day for 31 days (10 March – 9 April), the newest of January and of February."""
    database, folder = store.paths.database, store.paths.backups
    first = backup.take_backup(database, folder, "open", now=datetime(2026, 1, 1, tzinfo=UTC))
    start = datetime(2026, 1, 1, 3, tzinfo=SHANGHAI)
    for step in range(399):
        moment = (start + timedelta(hours=6 * step)).astimezone(UTC)
        name = f"unionperf-{moment:%Y%m%dT%H%M%S-%f}Z-open.sqlite"
        shutil.copyfile(first.path, folder / name)
    first.path.unlink()
    backup.take_backup(
        database, folder, "open", now=datetime(2026, 4, 10, 21, tzinfo=SHANGHAI), tz=SHANGHAI
    )
    kept = [item.taken_at.astimezone(SHANGHAI) for item in backup.list_backups(folder, SHANGHAI)]
    today = [moment.hour for moment in kept if moment.date() == date(2026, 4, 10)]
    assert today == [21, 15, 9, 3]
    daily = [
        moment.date() for moment in kept if date(2026, 3, 10) <= moment.date() < date(2026, 4, 10)
    ]
    assert daily == [date(2026, 4, 9) - timedelta(days=back) for back in range(31)]
    assert all(moment.hour == 21 for moment in kept[4:])
    monthly = [moment for moment in kept if moment.date() < date(2026, 3, 10)]
    assert monthly == [
        datetime(2026, 2, 28, 21, tzinfo=SHANGHAI),
        datetime(2026, 1, 31, 21, tzinfo=SHANGHAI),
    ]


def test_a_half_written_backup_is_not_listed_and_goes_after_a_day(store):
    folder = store.paths.backups
    folder.mkdir(exist_ok=True)
    partial = folder / f"{backup.PARTIAL_PREFIX}unionperf-20260101T000000-000000Z-open.sqlite"
    partial.write_bytes(b"SQLite format 3\x00")
    written = datetime(2026, 1, 1, tzinfo=UTC)
    os.utime(partial, (written.timestamp(), written.timestamp()))
    assert backup.list_backups(folder) == []
    backup.take_backup(store.paths.database, folder, "manual", now=written + timedelta(hours=1))
    assert partial.exists()
    backup.take_backup(store.paths.database, folder, "manual", now=written + timedelta(days=2))
    assert not partial.exists()


def test_restore_brings_back_the_old_state(store, tmp_path):
    with store.sessions.transaction() as session:
        repository = YearRepository(session)
        repository.ensure_year(2024)
        repository.save_budget_line(2024, BudgetLine("501", budget=Decimal(100)))
    saved = backup.take_backup(store.paths.database, store.paths.backups, "manual")
    with store.sessions.transaction() as session:
        YearRepository(session).save_budget_line(2024, BudgetLine("501", budget=Decimal(999)))
    store.close()
    safety = restore_backup(saved.path, store.paths.database, store.paths.backups)
    reopened = open_store(tmp_path / "ws")
    try:
        assert _budget(reopened) == Decimal(100)
    finally:
        reopened.close()
    assert safety.reason == "before-restore"
    with sqlite3.connect(safety.path) as connection:
        assert connection.execute("SELECT budget_fen FROM budget_line").fetchone() == (99900,)


def test_a_workspace_gets_an_id_that_its_backups_carry(store):
    made = backup.take_backup(store.paths.database, store.paths.backups, "manual")
    with sqlite3.connect(made.path) as connection:
        (value,) = connection.execute(
            "SELECT value FROM workspace_meta WHERE key = 'workspace_id'"
        ).fetchone()
    assert len(value) == 32


def test_compact_leaves_no_deleted_text_and_no_wal_file(tmp_path):
    database = tmp_path / "x.sqlite"
    secret = "删除了的原文 DELETED-TEXT-0001"
    db = sqlite3.connect(database, isolation_level=None)
    db.execute("PRAGMA secure_delete = OFF")  # as many builds are (some have it on by default)
    db.execute("create table t (id integer primary key, text text)")
    db.executemany("insert into t (text) values (?)", [(secret * 20,)] * 200)
    db.execute("insert into t (text) values ('kept')")
    db.execute("delete from t where text != 'kept'")
    db.execute("PRAGMA journal_mode = WAL")  # as the workspace's database is
    db.close()
    assert secret.encode() in database.read_bytes()  # deleted, but still in the file
    backup.compact(database)
    assert secret.encode() not in database.read_bytes()
    assert not list(tmp_path.glob("x.sqlite-*"))
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert db.execute("PRAGMA freelist_count").fetchone() == (0,)
        assert db.execute("select text from t").fetchall() == [("kept",)]
    db.close()
