"""Rotating backups of the workspace database through SQLite's online backup API, and restore."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

KEEP = 30
_NAME = re.compile(r"^unionperf-(\d{8}-\d{6}-\d{6})-([a-z0-9-]+)\.sqlite$")


@dataclass(frozen=True, slots=True)
class BackupFile:
    """One backup file with when and why it was made."""

    path: Path
    taken_at: datetime
    reason: str


def take_backup(database: Path, folder: Path, reason: str, *, keep: int = KEEP) -> BackupFile:
    """Copy ``database`` consistently into ``folder`` and drop all but the newest ``keep`` backups.

    The copy uses SQLite's backup API, so it is consistent even while another connection writes.
    """
    folder.mkdir(parents=True, exist_ok=True)
    taken_at = datetime.now().astimezone().replace(tzinfo=None)
    slug = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "manual"
    target = folder / f"unionperf-{taken_at:%Y%m%d-%H%M%S-%f}-{slug}.sqlite"
    _copy(database, target)
    for old in list_backups(folder)[keep:]:
        old.path.unlink(missing_ok=True)
    return BackupFile(target, taken_at, slug)


def list_backups(folder: Path) -> list[BackupFile]:
    """The backups in ``folder``, newest first."""
    found = []
    if not folder.is_dir():
        return []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match:
            taken_at = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S-%f")  # noqa: DTZ007 - local time by design
            found.append(BackupFile(path, taken_at, match.group(2)))
    return sorted(found, key=lambda item: item.path.name, reverse=True)


def restore_backup(backup: Path, database: Path, folder: Path) -> BackupFile:
    """Replace ``database`` with the content of ``backup``; the current state is backed up first.

    Raises:
        ValueError: the backup file is not a sound SQLite database.
    """
    check = integrity(backup)
    if check != "ok":
        raise ValueError(f"备份文件已损坏，无法恢复：{backup.name}（{check}）")
    safety = take_backup(database, folder, "before-restore")
    _copy(backup, database)
    return safety


def integrity(database: Path) -> str:
    """``PRAGMA integrity_check`` of a database file: ``ok`` or the first problem."""
    try:
        with _Closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
            row = connection.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError as error:
        return str(error)
    return str(row[0]) if row else "empty"


def _copy(source: Path, target: Path) -> None:
    with _Closing(sqlite3.connect(source)) as src, _Closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


class _Closing:
    """``contextlib.closing`` for sqlite3 connections (their own context manager does not close)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        return self.connection

    def __exit__(self, *exc: object) -> None:
        self.connection.close()
