"""Restore only restores: a file replaces the workspace database only after every check passes.

The checks, in order; the first that fails refuses the restore with its own one-line reason
(:class:`RestoreRefusedError` ``test``), and the workspace is left exactly as it was:

``empty``             the file has no content;
``not-sqlite``        it is no SQLite database;
``truncated``         its header promises more pages than the file has;
``damaged``           ``PRAGMA integrity_check`` finds damage;
``not-unionperf``     it lacks the tables of a UnionPerf workspace;
``unknown-revision``  its schema revision is none this version knows (a newer app's file);
``other-unit``        it belongs to another unit (统一社会信用代码 differs);
``other-workspace``   it is not this workspace's and the unit cannot tell it is the same one;
``audit-chain``       its audit log's hash chain does not hold (edited outside the program).

The file is first copied into the backups folder (the checks and the restore read that copy,
so a file changed meanwhile or on a slow USB stick cannot slip past them); the current database
is then backed up (reason ``before-restore``) and replaced by the copy in one SQLite transaction.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import uuid
from datetime import datetime, tzinfo
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from unionperf.store import backup as store_backup
from unionperf.store import migrate
from unionperf.store.audit import verify_chain
from unionperf.store.backup import (
    PARTIAL_PREFIX,
    BackupFile,
    copy_database,
    integrity,
    is_damage,
    keep_file_as_backup,
    list_backups,
    remove_database_file,
    take_backup,
)
from unionperf.store.backup_contents import (
    BackupContents,
    ContentsError,
    Identity,
    read_contents,
    read_contents_of,
    read_only_uri,
)
from unionperf.store.engine import sqlite_engine
from unionperf.store.storage_faults import StorageKind, fault_from, storage_kind

__all__ = ["BEFORE_RESTORE", "RestoreRefusedError", "current_identity", "refusal", "restore_backup"]

BEFORE_RESTORE = "before-restore"
_MAGIC = b"SQLite format 3\x00"
_HEADER = 100


class RestoreRefusedError(ValueError):
    """The file failed a check; ``test`` names which, the message says it in Chinese."""

    def __init__(self, test: str, message: str) -> None:
        super().__init__(message)
        self.test = test


def restore_backup(
    backup: Path,
    database: Path,
    folder: Path,
    *,
    now: datetime | None = None,
    tz: tzinfo | None = None,
) -> BackupFile:
    """Replace ``database`` with ``backup`` after the checks; return the backup of the old state.

    Raises:
        RestoreRefusedError: a check failed; nothing changed.
        StorageAccessError: the disk is full, a folder read-only or the database held; nothing
            changed.
    """
    _check_header(backup)
    staged = _stage(backup, folder)
    try:
        contents = _check_staged(staged, backup.name)
        verdict = integrity(database)  # a held database stops the restore here
        damaged = verdict != "ok"
        current = _identity_from_backups(folder) if damaged else current_identity(database, folder)
        reason = refusal(current, contents.identity) if current is not None else None
        if reason is not None:
            raise RestoreRefusedError(*reason)
        _check_audit_chain(staged)
        safety = (
            take_backup(database, folder, BEFORE_RESTORE, now=now, tz=tz)
            if not damaged
            else keep_file_as_backup(database, folder, BEFORE_RESTORE, now=now)
        )
        _replace(staged, database, damaged=damaged)
    finally:
        remove_database_file(staged)
    return safety


def current_identity(database: Path, folder: Path) -> Identity | None:
    """The identity of the workspace database (or, when it cannot be read, of its newest backup).

    Raises:
        StorageAccessError: the database is held by another program.
    """
    try:
        connection = sqlite3.connect(
            read_only_uri(database), uri=True, timeout=store_backup.BUSY_TIMEOUT
        )
    except sqlite3.Error:
        return _identity_from_backups(folder)
    try:
        return read_contents(connection).identity
    except ContentsError as error:
        cause = error.__cause__
        if cause is not None and storage_kind(cause) is StorageKind.LOCKED:
            raise fault_from(cause, "读取工作区数据库", database) from error
        return _identity_from_backups(folder)
    finally:
        connection.close()


def refusal(current: Identity, candidate: Identity) -> tuple[str, str] | None:
    """Why ``candidate`` is not this workspace's (``(test, message)``), or ``None`` when it is.

    The same workspace id is enough (the unit's details may have been corrected since); without
    it, the same 统一社会信用代码 tells it is the same unit (a backup from before workspace ids,
    or this unit's workspace on another computer).
    """
    if current.workspace_id is not None and candidate.workspace_id == current.workspace_id:
        return None
    if current.credit_code and candidate.credit_code:
        if current.credit_code == candidate.credit_code:
            return None
        return (
            "other-unit",
            f"该备份属于另一个单位：{_unit(candidate)}，本工作区是{_unit(current)}",
        )
    return (
        "other-workspace",
        "该备份不是本工作区的（工作区标识不同，也无法用统一社会信用代码确认是同一单位）",
    )


def _check_header(backup: Path) -> None:
    try:
        size = backup.stat().st_size
        with backup.open("rb") as stream:
            header = stream.read(_HEADER)
    except OSError as error:
        raise fault_from(error, "读取备份文件", backup) from error
    name = backup.name
    if size == 0:
        raise RestoreRefusedError("empty", f"{name} 是空文件（0 字节），不是备份")
    if not header.startswith(_MAGIC) and not _MAGIC.startswith(header):
        raise RestoreRefusedError("not-sqlite", f"{name} 不是 SQLite 数据库文件，不是工作区备份")
    if len(header) < _HEADER:  # the SQLite header itself is cut short
        raise RestoreRefusedError("truncated", f"{name} 不完整（文件被截断，只有 {size} 字节）")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[92:96] == header[24:28] and pages > 0
    if valid and page_size * pages > size:
        raise RestoreRefusedError(
            "truncated",
            f"{name} 不完整（文件被截断）：应有 {page_size * pages} 字节，实际只有 {size} 字节",
        )


def _stage(backup: Path, folder: Path) -> Path:
    """A private copy of the file (and its ``-wal``) in the backups folder."""
    staged = folder / f"{PARTIAL_PREFIX}restore-{uuid.uuid4().hex}.sqlite"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(backup, staged)
        wal = backup.with_name(backup.name + "-wal")
        if wal.is_file():
            shutil.copyfile(wal, staged.with_name(staged.name + "-wal"))
    except OSError as error:
        remove_database_file(staged)
        raise fault_from(error, "复制备份文件", staged) from error
    return staged


def _check_staged(staged: Path, name: str) -> BackupContents:
    try:
        connection = sqlite3.connect(staged, timeout=store_backup.BUSY_TIMEOUT)
        try:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
            problems = [str(row[0]) for row in rows]
            if problems != ["ok"]:
                detail = "；".join(problems[:3])
                raise RestoreRefusedError("damaged", f"{name} 已损坏（完整性检查：{detail}）")
            contents = read_contents(connection)
        finally:
            connection.close()
    except ContentsError as error:
        raise RestoreRefusedError("not-unionperf", f"{name} {error}") from error
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            raise RestoreRefusedError("damaged", f"{name} 已损坏（完整性检查：{error}）") from error
        raise fault_from(error, "检查备份文件", staged) from error
    if contents.revision is None or not migrate.is_known_revision(contents.revision):
        raise RestoreRefusedError(
            "unknown-revision",
            f"{name} 的数据库版本（{contents.revision or '无'}）不是本程序所知的版本："
            "它可能来自更新版本的 UnionPerf，请升级后再恢复",
        )
    return contents


def _check_audit_chain(staged: Path) -> None:
    engine = sqlite_engine(staged)
    try:
        with Session(engine) as session:
            breaks = verify_chain(session)
    except SQLAlchemyError as error:
        raise RestoreRefusedError(
            "audit-chain", f"{staged.name} 的审计日志无法读取（{error}）"
        ) from error
    finally:
        engine.dispose()
    if breaks:
        more = f"等 {len(breaks)} 处" if len(breaks) > 1 else ""
        raise RestoreRefusedError(
            "audit-chain",
            f"该备份的审计日志被改动过（{breaks[0].message}{more}），不能用它恢复",
        )


def _identity_from_backups(folder: Path) -> Identity | None:
    for item in list_backups(folder):
        with contextlib.suppress(ContentsError):
            return read_contents_of(item.path).identity
    return None


def _replace(staged: Path, database: Path, *, damaged: bool) -> None:
    """Put the staged copy in place of the database, all of it or nothing."""
    try:
        if not damaged:
            copy_database(staged, database)
            return
        fresh = database.with_name(f"{PARTIAL_PREFIX}{database.name}")
        copy_database(staged, fresh, journal="DELETE")
        for suffix in ("-wal", "-shm"):
            database.with_name(database.name + suffix).unlink(missing_ok=True)
        os.replace(fresh, database)
    except (OSError, sqlite3.Error) as error:
        raise fault_from(error, "恢复工作区数据库", database) from error


def _unit(identity: Identity) -> str:
    name = identity.unit_name or "（未填写单位名称）"
    return f"“{name}”（统一社会信用代码 {identity.credit_code}）"
