"""A full disk, a read-only folder and a held database each get their own message.

Nothing is called damaged ("已损坏") unless ``PRAGMA integrity_check`` says so. The failures are
real where the test machine allows (SQLite's own "disk is full", a second connection holding the
database, a read-only connection, a folder without write permission); an operating-system error
that cannot be caused on demand (ENOSPC, EROFS) is raised where the file operation happens.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import event

from tests.services.restore_files import (
    UNIT,
    back_up,
    budget_of,
    fingerprint,
    make_workspace,
)
from unionperf.services.common.backups import restore
from unionperf.services.common.errors import DatabaseBusyError, DiskFullError, ReadOnlyError
from unionperf.services.common.workspace import Workspace
from unionperf.store import backup, backup_restore, engine


@pytest.fixture(autouse=True)
def short_waits(monkeypatch):
    """A held database is given up on at once (the real waits are seconds)."""
    monkeypatch.setattr(backup, "BUSY_TIMEOUT", 0.01)
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 10)


@pytest.fixture
def workspace(tmp_path) -> Path:
    return make_workspace(tmp_path / "ws")


@contextmanager
def held_exclusively(database: Path):
    """Another program holds the database with an exclusive lock (nobody else may read it)."""
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA locking_mode = EXCLUSIVE")
    connection.execute("BEGIN EXCLUSIVE")
    connection.execute("UPDATE workspace_meta SET value = value")
    try:
        yield
    finally:
        connection.execute("ROLLBACK")
        connection.close()


@contextmanager
def writing(database: Path):
    """Another program is in the middle of a write transaction."""
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        connection.execute("ROLLBACK")
        connection.close()


def _not_called_damaged(error: BaseException) -> str:
    message = str(error)
    assert "损坏" not in message
    assert "\n" not in message
    return message


def test_opening_a_held_database_says_it_is_in_use_not_damaged(workspace):
    before = fingerprint(workspace)
    with held_exclusively(workspace / "unionperf.sqlite"), pytest.raises(DatabaseBusyError) as held:
        Workspace.open(workspace)
    assert "正被另一个程序使用" in _not_called_damaged(held.value)
    assert fingerprint(workspace) == before


def test_a_write_while_another_program_writes_says_it_is_in_use(workspace):
    with Workspace.open(workspace) as opened:
        with writing(opened.paths.database), pytest.raises(DatabaseBusyError) as held:
            opened.save_unit(replace(UNIT, address="福州市鼓楼区五一北路1号"))
        assert "数据库正被另一个程序使用" in _not_called_damaged(held.value)


def test_restore_onto_a_held_database_says_it_is_in_use(workspace):
    good = back_up(workspace)
    before = fingerprint(workspace)
    with held_exclusively(workspace / "unionperf.sqlite"), pytest.raises(DatabaseBusyError) as held:
        restore(workspace, good)
    _not_called_damaged(held.value)
    assert fingerprint(workspace) == before


def _disk_fills_at_backups(monkeypatch):
    """SQLite reports "database or disk is full" when a backup file grows past its first page."""
    connect = sqlite3.connect

    def limited(target, *args, **kwargs):
        connection = connect(target, *args, **kwargs)
        if Path(str(target)).name.startswith(backup.PARTIAL_PREFIX):
            connection.execute("PRAGMA max_page_count = 1")
        return connection

    monkeypatch.setattr(backup.sqlite3, "connect", limited)


def test_a_full_disk_on_opening_says_so_and_leaves_no_half_backup(workspace, monkeypatch):
    before = fingerprint(workspace)
    _disk_fills_at_backups(monkeypatch)
    with pytest.raises(DiskFullError) as full:
        Workspace.open(workspace)
    assert "磁盘空间不足" in _not_called_damaged(full.value)
    monkeypatch.undo()
    assert fingerprint(workspace) == before
    assert budget_of(workspace) == Decimal(100)


def test_a_full_disk_on_back_up_now_says_so(workspace, monkeypatch):
    with Workspace.open(workspace) as opened:
        held = len(opened.backups())
        real_replace = os.replace

        def no_space(source, target):
            if Path(target).parent == opened.paths.backups:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
            real_replace(source, target)

        monkeypatch.setattr(backup.os, "replace", no_space)
        with pytest.raises(DiskFullError) as full:
            opened.back_up()
        monkeypatch.undo()
        assert "磁盘空间不足" in _not_called_damaged(full.value)
        assert len(opened.backups()) == held
        assert not list(opened.paths.backups.glob(".partial-*"))


def test_a_full_disk_while_copying_the_file_to_restore_says_so(workspace, monkeypatch):
    good = back_up(workspace)
    before = fingerprint(workspace)

    def no_space(source, target, *args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))

    monkeypatch.setattr(backup_restore.shutil, "copyfile", no_space)
    with pytest.raises(DiskFullError) as full:
        restore(workspace, good)
    monkeypatch.undo()
    assert "磁盘空间不足" in _not_called_damaged(full.value)
    assert fingerprint(workspace) == before


def test_a_read_only_medium_when_making_a_workspace_says_so(tmp_path, monkeypatch):
    def read_only(self, *args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)
    with pytest.raises(ReadOnlyError) as refused:
        Workspace.create(tmp_path / "stick" / "ws")
    monkeypatch.undo()
    assert "只读" in _not_called_damaged(refused.value)


def test_a_read_only_database_connection_says_the_folder_is_read_only(workspace):
    with Workspace.open(workspace) as opened:
        store_engine = opened._store.engine  # the SQLite store's engine (test access)
        store_engine.dispose()

        def query_only(connection, _record):
            connection.execute("PRAGMA query_only = ON")

        event.listen(store_engine, "connect", query_only)
        with pytest.raises(ReadOnlyError) as refused:
            opened.save_unit(replace(UNIT, address="福州市鼓楼区五一北路1号"))
        assert "只读" in _not_called_damaged(refused.value)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="the superuser writes into read-only folders; the other read-only tests still run",
)
def test_a_backups_folder_without_write_permission_says_so(workspace):
    with Workspace.open(workspace) as opened:
        opened.paths.backups.chmod(0o555)
        try:
            with pytest.raises(ReadOnlyError) as refused:
                opened.back_up()
        finally:
            opened.paths.backups.chmod(0o755)
    assert "不可写入" in _not_called_damaged(refused.value)
