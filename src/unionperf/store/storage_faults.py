"""Why the disk or the database refused: full, read-only, locked, damaged or something else.

A full disk, a read-only folder and a database another program holds each get their own Chinese
sentence; a database is called damaged only by ``PRAGMA integrity_check`` (see
:func:`unionperf.store.backup.integrity`), never because some other operation failed.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from enum import Enum
from pathlib import Path

__all__ = ["StorageAccessError", "StorageKind", "fault_from", "storage_kind"]


class StorageKind(Enum):
    """What kind of storage failure it was."""

    DISK_FULL = "disk-full"
    READ_ONLY = "read-only"
    LOCKED = "locked"
    OTHER = "other"


class StorageAccessError(RuntimeError):
    """The disk or the database refused an operation; ``kind`` says why, the message in Chinese."""

    def __init__(self, kind: StorageKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind


_SQLITE_KINDS = {
    5: StorageKind.LOCKED,  # SQLITE_BUSY
    6: StorageKind.LOCKED,  # SQLITE_LOCKED
    8: StorageKind.READ_ONLY,  # SQLITE_READONLY
    13: StorageKind.DISK_FULL,  # SQLITE_FULL
}
_SQLITE_CANTOPEN = 14
_ERRNO_KINDS = {
    errno.ENOSPC: StorageKind.DISK_FULL,
    getattr(errno, "EDQUOT", errno.ENOSPC): StorageKind.DISK_FULL,
    errno.EROFS: StorageKind.READ_ONLY,
    errno.EACCES: StorageKind.READ_ONLY,
    errno.EPERM: StorageKind.READ_ONLY,
}
_TEXT_KINDS = (
    ("disk is full", StorageKind.DISK_FULL),
    ("database is locked", StorageKind.LOCKED),
    ("database table is locked", StorageKind.LOCKED),
    ("busy", StorageKind.LOCKED),
    ("readonly", StorageKind.READ_ONLY),
    ("read-only", StorageKind.READ_ONLY),
)


def storage_kind(error: BaseException, path: Path | None = None) -> StorageKind:
    """Classify an ``OSError`` or a sqlite error (also one wrapped by SQLAlchemy as ``orig``).

    ``path`` is the file the operation was on: SQLite's "unable to open database file" is a
    read-only folder when that file's folder cannot be written.
    """
    inner = getattr(error, "orig", None)
    if isinstance(inner, BaseException):
        error = inner
    if isinstance(error, StorageAccessError):
        return error.kind
    if isinstance(error, OSError):
        return _ERRNO_KINDS.get(error.errno or 0, StorageKind.OTHER)
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        primary = code & 0xFF
        if primary in _SQLITE_KINDS:
            return _SQLITE_KINDS[primary]
        if primary == _SQLITE_CANTOPEN and path is not None and not _writable(path.parent):
            return StorageKind.READ_ONLY
    text = str(error).lower()
    if isinstance(error, sqlite3.Error):
        for needle, kind in _TEXT_KINDS:
            if needle in text:
                return kind
    return StorageKind.OTHER


def fault_from(error: BaseException, doing: str, path: Path) -> StorageAccessError:
    """A :class:`StorageAccessError` with the sentence for ``error`` met ``doing`` on ``path``.

    ``doing`` completes "无法…" (e.g. "备份工作区数据库"); the sentence is one line.
    """
    if isinstance(error, StorageAccessError):
        return error
    kind = storage_kind(error, path)
    return StorageAccessError(kind, fault_message(kind, doing, path, _detail(error)))


def fault_message(kind: StorageKind, doing: str, path: Path, detail: str = "") -> str:
    """The Chinese sentence for a failure of ``kind`` while ``doing`` on ``path``."""
    match kind:
        case StorageKind.DISK_FULL:
            return f"磁盘空间不足，无法{doing}：{path}。请清理磁盘空间后重试；已保存的数据没有改变"
        case StorageKind.READ_ONLY:
            return (
                f"文件夹不可写入（只读、写保护或没有写入权限），无法{doing}：{path}。"
                "请检查文件夹的权限或U盘的写保护开关；已保存的数据没有改变"
            )
        case StorageKind.LOCKED:
            return (
                f"数据库正被另一个程序使用（已锁定），无法{doing}：{path}。"
                "请关闭正在使用该工作区的其他 UnionPerf 窗口或命令后重试"
            )
        case StorageKind.OTHER:
            suffix = f"（{detail}）" if detail else ""
            return f"无法{doing}：{path}{suffix}"


def _detail(error: BaseException) -> str:
    inner = getattr(error, "orig", None)
    if isinstance(inner, BaseException):
        error = inner
    if isinstance(error, OSError):
        return f"系统错误 {error.errno}" if error.errno else str(error)
    return str(error)


def _writable(folder: Path) -> bool:
    return folder.is_dir() and os.access(folder, os.W_OK)
