"""Rotating backups through SQLite's backup API, and restore."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest

from unionperf.domain.budget import BudgetLine
from unionperf.store import backup
from unionperf.store.repository import YearRepository
from unionperf.store.workspace import open_store


def _budget(store) -> Decimal:
    with store.sessions.reading() as session:
        return YearRepository(session).load(2024).budget[0].budget


def test_open_backs_up_and_rotation_keeps_thirty(tmp_path):
    store = open_store(tmp_path / "ws", create=True)
    store.close()
    for _ in range(3):
        open_store(tmp_path / "ws").close()
    assert len(backup.list_backups(store.paths.backups)) == 3
    for _ in range(35):
        backup.take_backup(store.paths.database, store.paths.backups, "manual")
    kept = backup.list_backups(store.paths.backups)
    assert len(kept) == backup.KEEP
    assert all(item.reason == "manual" for item in kept)


def test_restore_brings_back_the_old_state(tmp_path):
    store = open_store(tmp_path / "ws", create=True)
    with store.sessions.transaction() as session:
        repository = YearRepository(session)
        repository.ensure_year(2024)
        repository.save_budget_line(2024, BudgetLine("501", budget=Decimal(100)))
    saved = backup.take_backup(store.paths.database, store.paths.backups, "manual")
    with store.sessions.transaction() as session:
        YearRepository(session).save_budget_line(2024, BudgetLine("501", budget=Decimal(999)))
    store.close()
    safety = backup.restore_backup(saved.path, store.paths.database, store.paths.backups)
    reopened = open_store(tmp_path / "ws")
    try:
        assert _budget(reopened) == Decimal(100)
    finally:
        reopened.close()
    assert safety.reason == "before-restore"
    with sqlite3.connect(safety.path) as connection:
        assert connection.execute("SELECT budget_fen FROM budget_line").fetchone() == (99900,)


def test_damaged_backup_is_refused(tmp_path):
    store = open_store(tmp_path / "ws", create=True)
    store.close()
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    with pytest.raises(ValueError, match="备份文件已损坏"):
        backup.restore_backup(broken, store.paths.database, store.paths.backups)
