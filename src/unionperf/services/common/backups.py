"""Backups as the window and the command line show them, and restore with every check.

:func:`list_backups` reads each backup's time, reason and contents (unit, years, projects)
without opening it as the workspace — nor opening the workspace, which would take a backup.
:func:`restore` takes the workspace's writer lock and restores a closed workspace (the command
line); the window, which holds the lock, restores through ``Workspace.restore_from``. The checks
a file must pass are those of :mod:`unionperf.store.backup_restore`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from unionperf.services.common.errors import BackupRefusedError, ServiceError
from unionperf.services.common.storage_errors import storage_error
from unionperf.services.common.writer_lock import DEFAULT_PROGRAM, WriterLock
from unionperf.store import backup as store_backup
from unionperf.store import migrate
from unionperf.store.backup_contents import ContentsError, Identity, read_contents_of
from unionperf.store.backup_restore import (
    RestoreRefusedError,
    current_identity,
    refusal,
    restore_backup,
)
from unionperf.store.backup_retention import DAILY_DAYS, MONTHLY_MONTHS, TODAY_CAP
from unionperf.store.engine import StoreError
from unionperf.store.paths import WorkspacePaths
from unionperf.store.storage_faults import StorageAccessError

__all__ = [
    "REASON_LABELS",
    "RETENTION_TEXT",
    "BackupEntry",
    "RestoreResult",
    "backups_folder",
    "list_backups",
    "reason_label",
    "restore",
    "restore_locked",
    "storage_error",
]

REASON_LABELS = {
    "open": "打开工作区时",
    "manual": "手动备份",
    "before-restore": "恢复备份之前",
    "before-migration": "升级数据库之前",
    "before-import": "导入整年数据之前",
    "before-new-year": "新建年度之前",
    "before-adjustment": "开始调整之前",
}
"""What each reason of a backup's file name means, as the user reads it."""


RETENTION_TEXT = (
    f"备份保留规则：当天的备份全部保留（最多 {TODAY_CAP} 个）；"
    f"此前 {DAILY_DAYS} 天每天保留最后一个；"
    f"更早的每月保留最后一个，保留 {MONTHLY_MONTHS // 12} 年；"
    "最近一次恢复之前的备份始终保留。"
)
"""The retention policy in one sentence, as the window and ``unionperf backups`` state it."""


def reason_label(reason: str) -> str:
    """The Chinese label of a backup's reason.

    A reason this version does not know reads ``自动备份``, or as its file name has it when that
    is Chinese (a newer version's backup).
    """
    if reason in REASON_LABELS:
        return REASON_LABELS[reason]
    return reason if reason and not reason.isascii() else "自动备份"


@dataclass(frozen=True, slots=True)
class BackupEntry:
    """One backup as listed: when, why, what it holds, and why it cannot be restored (if so)."""

    path: Path
    taken_at: datetime
    """An aware time (UTC); :meth:`local_time` is what the user reads."""
    reason: str
    size: int
    readable: bool
    """Whether the file could be read as a workspace database (else the fields below are empty)."""
    unit_name: str
    credit_code: str
    revision: str | None
    projects: tuple[tuple[int, int], ...]
    """``(year, number of projects)`` for every year held, oldest first."""
    refusal: str
    """Empty when the listing saw no reason against restoring it; else why not, one line."""

    @property
    def reason_label(self) -> str:
        """Why the backup was taken, in Chinese."""
        return reason_label(self.reason)

    @property
    def years(self) -> tuple[int, ...]:
        """The years it holds, oldest first."""
        return tuple(year for year, _count in self.projects)

    def local_time(self) -> str:
        """When it was taken, in this computer's time, to the second."""
        return self.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")

    def unit_text(self) -> str:
        """The unit it holds (``—`` when unknown or not entered)."""
        return self.unit_name or "—"

    def years_text(self) -> str:
        """The years it holds, e.g. ``2023、2024`` (``无`` when none)."""
        if not self.readable:
            return "—"
        return "、".join(str(year) for year in self.years) or "无"

    def projects_text(self) -> str:
        """Projects per year, e.g. ``2023年 5个，2024年 6个`` (``无`` when no year)."""
        if not self.readable:
            return "—"
        return "，".join(f"{year}年 {count}个" for year, count in self.projects) or "无"

    def size_text(self) -> str:
        """The file size in KB or MB."""
        if self.size >= 1024 * 1024:
            return f"{self.size / (1024 * 1024):.1f} MB"
        return f"{max(1, round(self.size / 1024))} KB"


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """A restore done: the file restored and the backup of the state before it."""

    restored: Path
    safety: Path
    safety_taken_at: datetime


POSTGRESQL_BACKUP_TEXT = (
    "该工作区的数据保存在 PostgreSQL 数据库中，本程序不备份、不恢复它：请由信息技术人员用数据库"
    "自带的工具备份（pg_dump -Fc）和恢复（pg_restore），见 docs/upper-level.md"
    "“大型工会的数据库”一节；工作区文件夹（received、keys 等）另用文件备份"
)
"""What ``backup``, ``backups`` and ``restore`` say on a workspace stored on PostgreSQL."""


def refuse_on_postgresql(root: Path) -> None:
    """The app's SQLite backups are not used on PostgreSQL: say which tools are.

    Raises:
        ServiceError: the workspace at ``root`` keeps its store on PostgreSQL.
    """
    if WorkspacePaths(root).database_settings.exists():
        raise ServiceError(POSTGRESQL_BACKUP_TEXT)


def backups_folder(root: Path) -> Path:
    """The backups folder of the workspace at ``root``."""
    return WorkspacePaths(root).backups


def list_backups(root: Path, tz: tzinfo | None = None) -> list[BackupEntry]:
    """The backups of the workspace at ``root``, newest first, each with what it holds.

    A backup of another unit, of an unknown schema revision or that cannot be read is listed
    with the reason it cannot be restored; the full checks run when it is restored.

    Raises:
        ServiceError: there is no workspace at ``root``.
    """
    refuse_on_postgresql(root)
    paths = WorkspacePaths(root)
    if not paths.database.exists() and not paths.backups.is_dir():
        raise ServiceError(f"工作区不存在：{root}（找不到 {paths.database.name}）")
    try:
        current = current_identity(paths.database, paths.backups)
    except StorageAccessError:
        current = None
    return [_entry(item, current) for item in store_backup.list_backups(paths.backups, tz)]


def restore(
    root: Path,
    backup_file: Path,
    *,
    program: str = DEFAULT_PROGRAM,
    now: datetime | None = None,
) -> RestoreResult:
    """Restore the closed workspace at ``root`` from ``backup_file`` (the command line).

    The workspace's writer lock is taken for the restore (``program`` names this process to
    whoever is refused meanwhile), so a window or command that writes is not changed under it.

    Raises:
        WorkspaceInUseError: another program holds the workspace.
        BackupRefusedError: the file failed a check (``test`` says which); nothing changed.
        StorageError: the disk is full, a folder read-only or the database held.
    """
    refuse_on_postgresql(root)
    if not WorkspacePaths(root).database.exists():
        raise ServiceError(f"工作区不存在：{root}")
    with WriterLock(root, program):
        return restore_locked(root, backup_file, now=now)


def restore_locked(root: Path, backup_file: Path, *, now: datetime | None = None) -> RestoreResult:
    """Restore the workspace at ``root``; the caller holds its writer lock and closed it.

    Raises:
        BackupRefusedError: the file failed a check (``test`` says which); nothing changed.
        StorageError: the disk is full, a folder read-only or the database held.
    """
    refuse_on_postgresql(root)
    paths = WorkspacePaths(root)
    if not paths.database.exists():
        raise ServiceError(f"工作区不存在：{root}")
    if not backup_file.is_file():
        raise ServiceError(f"找不到备份文件：{backup_file}")
    try:
        safety = restore_backup(backup_file, paths.database, paths.backups, now=now)
    except RestoreRefusedError as error:
        raise BackupRefusedError(f"不能恢复：{error}", error.test) from error
    except (StorageAccessError, StoreError) as error:
        raise storage_error(error) from error
    return RestoreResult(backup_file, safety.path, safety.taken_at)


def _entry(item: store_backup.BackupFile, current: Identity | None) -> BackupEntry:
    try:
        size = item.path.stat().st_size
    except OSError:
        size = 0
    try:
        contents = read_contents_of(item.path)
    except ContentsError as error:
        return BackupEntry(
            item.path, item.taken_at, item.reason, size, False, "", "", None, (), str(error)
        )
    why = ""
    if contents.revision is None or not migrate.is_known_revision(contents.revision):
        why = f"数据库版本未知（{contents.revision or '无'}），可能来自更新版本的程序"
    elif current is not None:
        found = refusal(current, contents.identity)
        why = found[1] if found else ""
    identity = contents.identity
    return BackupEntry(
        item.path,
        item.taken_at,
        item.reason,
        size,
        True,
        identity.unit_name,
        identity.credit_code,
        contents.revision,
        contents.projects,
        why,
    )
