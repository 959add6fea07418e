"""Backups of the workspace database through SQLite's online backup API, and the integrity check.

A backup is ``backups/备份_<UTC date>_<UTC time>Z_<reason>.sqlite`` (e.g.
``备份_2026-05-07_063012-123456Z_打开时.sqlite``): a Chinese name the user can read in the
folder, named by UTC time, so a clock set back for daylight saving never makes the newest look
oldest. Names of earlier versions are still read, listed, thinned and restored: English UTC
names (``unionperf-20260507T063012-123456Z-open.sqlite``) and local-time ones
(``unionperf-20260507-143012-123456-open.sqlite``). A backup is written under a
temporary name and renamed when complete; which backups are kept is
:mod:`unionperf.store.backup_retention`. Restore is :mod:`unionperf.store.backup_restore`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path

from unionperf.store.backup_contents import read_only_uri
from unionperf.store.backup_retention import backups_to_keep
from unionperf.store.storage_faults import (
    StorageAccessError,
    StorageKind,
    fault_from,
    fault_message,
)

__all__ = [
    "BUSY_TIMEOUT",
    "REASON_NAMES",
    "BackupFile",
    "compact",
    "copy_database",
    "integrity",
    "keep_file_as_backup",
    "list_backups",
    "prune",
    "remove_database_file",
    "take_backup",
]

log = logging.getLogger(__name__)

BUSY_TIMEOUT = 5.0
"""Seconds a backup or check waits for another program's write to end before giving up."""
PARTIAL_PREFIX = ".partial-"
"""A backup being written has this prefix; it is renamed when complete (and never listed)."""
REASON_NAMES = {
    "open": "打开时",
    "manual": "手动备份",
    "before-restore": "恢复前",
    "before-migration": "升级前",
    "before-import": "导入前",
    "before-new-year": "新建年度前",
    "before-adjustment": "调整前",
}
"""The reason of a backup (its code) as its file name says it."""
_REASONS_BY_NAME = {name: reason for reason, name in REASON_NAMES.items()}
_CHINESE_NAME = re.compile(r"^备份_(\d{4}-\d{2}-\d{2}_\d{6}-\d{6})Z_([^_/\\]+)\.sqlite$")
_NAME = re.compile(r"^unionperf-(\d{8}T\d{6}-\d{6})Z-([a-z0-9-]+)\.sqlite$")
_LOCAL_NAME = re.compile(r"^unionperf-(\d{8}-\d{6}-\d{6})-([a-z0-9-]+)\.sqlite$")
_SIDE_FILES = ("-wal", "-shm", "-journal")
_DAMAGE_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_STALE_PARTIAL = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class BackupFile:
    """One backup file with when (an aware UTC time) and why it was made."""

    path: Path
    taken_at: datetime
    reason: str


def take_backup(
    database: Path,
    folder: Path,
    reason: str,
    *,
    now: datetime | None = None,
    tz: tzinfo | None = None,
) -> BackupFile:
    """Copy ``database`` consistently into ``folder``, then thin the backups by the policy.

    The copy uses SQLite's backup API, so it is consistent even while another connection writes.
    ``now`` (aware; default: the clock) names the backup; ``tz`` is the time zone whose days the
    retention policy counts (default: this computer's).

    Raises:
        StorageAccessError: the disk is full, the folder read-only, or another program holds the
            database past :data:`BUSY_TIMEOUT`; no backup was written.
    """
    moment = (now if now is not None else datetime.now(UTC)).astimezone(UTC)
    slug = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "manual"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise fault_from(error, "创建备份文件夹", folder) from error
    target = folder / _name(moment, slug)
    while target.exists():  # two backups in one microsecond: the later one a microsecond later
        moment += timedelta(microseconds=1)
        target = folder / _name(moment, slug)
    partial = folder / f"{PARTIAL_PREFIX}{target.name}"
    try:
        copy_database(database, partial, journal="DELETE")
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as error:
        remove_database_file(partial)
        raise fault_from(error, "备份工作区数据库", target) from error
    prune(folder, moment, tz)
    return BackupFile(target, moment, slug)


def keep_file_as_backup(
    database: Path, folder: Path, reason: str, *, now: datetime | None = None
) -> BackupFile:
    """Keep the bytes of a database SQLite cannot copy (a damaged one) as a backup, as they are.

    Raises:
        StorageAccessError: the disk is full or the folder read-only; no backup was written.
    """
    moment = (now if now is not None else datetime.now(UTC)).astimezone(UTC)
    target = folder / _name(moment, reason)
    partial = folder / f"{PARTIAL_PREFIX}{target.name}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        wal = database.with_name(database.name + "-wal")
        if wal.is_file():
            shutil.copyfile(wal, target.with_name(target.name + "-wal"))
        shutil.copyfile(database, partial)
        os.replace(partial, target)
    except OSError as error:
        remove_database_file(partial)
        remove_database_file(target)
        raise fault_from(error, "备份当前的工作区数据库", target) from error
    return BackupFile(target, moment, reason)


def list_backups(folder: Path, tz: tzinfo | None = None) -> list[BackupFile]:
    """The backups in ``folder``, newest first.

    Old local-time names are read in the time zone ``tz`` (default: this computer's).
    """
    found = []
    if not folder.is_dir():
        return []
    for path in folder.iterdir():
        taken = _taken_at(path.name, tz)
        if taken is not None:
            found.append(BackupFile(path, *taken))
    return sorted(found, key=lambda item: (item.taken_at, item.path.name), reverse=True)


def prune(folder: Path, now: datetime, tz: tzinfo | None = None) -> list[Path]:
    """Delete the backups the retention policy does not keep at ``now``; return what went.

    A backup that cannot be deleted stays (logged); half-written ones older than a day go too.
    """
    held = list_backups(folder, tz)
    keep = backups_to_keep(held, now, tz)
    removed = []
    for item in held:
        if item.path not in keep and remove_database_file(item.path):
            removed.append(item.path)
    for path in folder.glob(f"{PARTIAL_PREFIX}*"):
        with contextlib.suppress(OSError):
            written = datetime.fromtimestamp(path.stat().st_mtime, UTC)
            if now - written > _STALE_PARTIAL:
                remove_database_file(path)
    return removed


def integrity(database: Path) -> str:
    """``PRAGMA integrity_check`` of a database file: ``ok`` or what is damaged.

    Only this check calls a database damaged; a locked or unreadable file raises instead.

    Raises:
        StorageAccessError: the file is held by another program, cannot be opened or read.
    """
    try:
        connection = sqlite3.connect(read_only_uri(database), uri=True, timeout=BUSY_TIMEOUT)
        try:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            return str(error)
        raise fault_from(error, "读取工作区数据库", database) from error
    problems = [str(row[0]) for row in rows]
    return "ok" if problems == ["ok"] else "；".join(problems[:3]) or "empty"


def compact(database: Path) -> None:
    """Rewrite a closed database file so that it holds only its live rows, in one file.

    ``secure_delete`` zeroes what is deleted, ``VACUUM`` rebuilds the file without free pages or
    old cell contents, and the journal mode ``DELETE`` leaves no ``-wal`` file beside it: a copy
    that leaves the machine (the support copy) carries nothing that was overwritten.

    Raises:
        StorageAccessError: the file could not be rewritten (disk full, read-only, held).
    """
    try:
        connection = sqlite3.connect(database, timeout=BUSY_TIMEOUT, isolation_level=None)
        try:
            connection.execute("PRAGMA secure_delete = ON")
            connection.execute("PRAGMA journal_mode = DELETE")
            connection.execute("VACUUM")
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise fault_from(error, "整理数据库文件", database) from error


def is_damage(error: sqlite3.Error) -> bool:
    """Whether SQLite said the file's content is damaged or is not a database."""
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in _DAMAGE_CODES
    message = str(error).lower()
    return "malformed" in message or "not a database" in message


def copy_database(source: Path, target: Path, *, journal: str | None = None) -> None:
    """Copy ``source`` into ``target`` with the backup API (one transaction on ``target``).

    ``journal`` sets the target's journal mode afterwards (``DELETE`` for a backup: one file).

    Raises:
        StorageAccessError: another program holds ``source`` past :data:`BUSY_TIMEOUT`.
        sqlite3.Error: the copy failed (nothing of it is in ``target``).
    """
    src = sqlite3.connect(source.resolve().as_uri() + "?mode=rw", uri=True, timeout=BUSY_TIMEOUT)
    try:
        dst = sqlite3.connect(target, timeout=BUSY_TIMEOUT)
        try:
            src.backup(dst, progress=_give_up_when_busy(source))
            if journal is not None:
                dst.execute(f"PRAGMA journal_mode = {journal}")
        finally:
            dst.close()
    finally:
        src.close()


def remove_database_file(path: Path) -> bool:
    """Delete a database file and its side files (``-wal``, ``-shm``, ``-journal``)."""
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        log.warning("backup not removed: %s (%s)", path, error)
        return False
    for suffix in _SIDE_FILES:
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    return True


def _give_up_when_busy(source: Path) -> Callable[[int, int, int], None]:
    """A backup progress callback that stops the copy when the source stays busy.

    Python's ``Connection.backup`` retries a busy source for ever; SQLite's busy handler has
    already waited :data:`BUSY_TIMEOUT` when a step reports busy, so the first report ends it.
    """

    def progress(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            raise StorageAccessError(
                StorageKind.LOCKED, fault_message(StorageKind.LOCKED, "读取数据库", source)
            )

    return progress


def _name(moment: datetime, slug: str) -> str:
    reason = REASON_NAMES.get(slug, slug)
    return f"备份_{moment:%Y-%m-%d_%H%M%S-%f}Z_{reason}.sqlite"


def _taken_at(name: str, tz: tzinfo | None) -> tuple[datetime, str] | None:
    match = _CHINESE_NAME.match(name)
    if match:
        taken = datetime.strptime(match.group(1), "%Y-%m-%d_%H%M%S-%f").replace(tzinfo=UTC)
        return taken, _REASONS_BY_NAME.get(match.group(2), match.group(2))
    match = _NAME.match(name)
    if match:
        taken = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S-%f").replace(tzinfo=UTC)
        return taken, match.group(2)
    match = _LOCAL_NAME.match(name)
    if match:
        local = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S-%f")  # noqa: DTZ007 - old names
        aware = local.replace(tzinfo=tz) if tz is not None else local.astimezone()
        return aware.astimezone(UTC), match.group(2)
    return None
