"""A workspace is a folder: the database, ``backups/``, ``evidence/``, ``keys/`` and ``logs/``."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from unionperf.store import backup, migrate
from unionperf.store.backup_contents import ensure_workspace_id
from unionperf.store.engine import SessionFactory, sqlite_engine
from unionperf.store.storage_faults import StorageKind, fault_from, storage_kind
from unionperf.store.unit_of_work import UnitOfWork

DATABASE_NAME = "unionperf.sqlite"


class WorkspaceError(RuntimeError):
    """A workspace cannot be created or opened (the message says why, in Chinese)."""


class DamagedDatabaseError(WorkspaceError):
    """``PRAGMA integrity_check`` found the workspace database damaged (and only then)."""


@dataclass(frozen=True, slots=True)
class WorkspacePaths:
    """Where a workspace keeps its files."""

    root: Path

    @property
    def database(self) -> Path:
        """The SQLite file."""
        return self.root / DATABASE_NAME

    @property
    def backups(self) -> Path:
        """Rotating database backups."""
        return self.root / "backups"

    @property
    def evidence(self) -> Path:
        """Evidence attachments (佐证材料)."""
        return self.root / "evidence"

    @property
    def keys(self) -> Path:
        """The unit's encrypted signing key and known public keys."""
        return self.root / "keys"

    @property
    def logs(self) -> Path:
        """Log files and crash reports."""
        return self.root / "logs"

    def folders(self) -> tuple[Path, ...]:
        """Every folder of the workspace."""
        return (self.root, self.backups, self.evidence, self.keys, self.logs)


def default_workspace_path() -> Path:
    """The default workspace in the user's data folder (platformdirs)."""
    return user_data_path("UnionPerf", appauthor=False) / "workspace"


@dataclass
class OpenStore:
    """An opened workspace database: its paths, its engine and the units of work on it."""

    paths: WorkspacePaths
    engine: Engine
    sessions: SessionFactory

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        """One transaction: everything done through the unit of work commits, or none of it.

        Raises:
            StoreError: the database could not be written (disk full, locked, read-only).
        """
        with self.sessions.transaction() as session:
            yield UnitOfWork(session)

    @contextmanager
    def reading(self) -> Iterator[UnitOfWork]:
        """A unit of work for reads; it ends without a commit."""
        with self.sessions.reading() as session:
            yield UnitOfWork(session)

    def schema_revision(self) -> str | None:
        """The schema revision the database is at (``None``: not migrated)."""
        return migrate.current_revision(self.engine)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()


def open_store(
    root: Path, *, create: bool = False, writer: bool = True, back_up: bool = True
) -> OpenStore:
    """Open (or with ``create``, make) the workspace at ``root``: check, back up, then migrate.

    ``back_up=False`` skips the backup on opening (right after a restore, which took one).

    A reader (``writer=False``, for a program that does not hold the writer lock) takes no
    backup and migrates nothing: a database that needs migrating raises
    :class:`MigrationNeededError`, and the caller migrates it under the lock first.

    Raises:
        WorkspaceError: no workspace there, a file from a newer app, or an unreadable database;
            :class:`DamagedDatabaseError` when ``PRAGMA integrity_check`` finds damage.
        StorageAccessError: the disk is full, the folder read-only or the database held by another
            program (each with its own message).
    """
    paths = WorkspacePaths(root)
    exists = paths.database.exists()
    if not exists and not create:
        raise WorkspaceError(f"工作区不存在：{root}（找不到 {DATABASE_NAME}）")
    if exists and create:
        raise WorkspaceError(f"工作区已存在：{root}")
    for folder in paths.folders():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise fault_from(error, "创建工作区文件夹", folder) from error
    if exists:
        _check_readable(paths.database)
        if writer and back_up:
            backup.take_backup(paths.database, paths.backups, "open")
    engine = sqlite_engine(paths.database)
    try:
        if writer:
            _migrate(engine, paths, fresh=not exists)
            ensure_workspace_id(engine)
        else:
            _check_current(engine)
    except OperationalError as error:
        engine.dispose()
        kind = storage_kind(error, paths.database)
        if kind is StorageKind.OTHER:
            raise WorkspaceError(f"无法打开工作区 {root}：{error.orig or error}") from error
        raise fault_from(error, "打开工作区数据库", paths.database) from error
    except SQLAlchemyError as error:
        engine.dispose()
        raise WorkspaceError(f"无法打开工作区 {root}：{error}") from error
    except BaseException:
        engine.dispose()
        raise
    return OpenStore(paths, engine, SessionFactory(engine))


class MigrationNeededError(WorkspaceError):
    """A reader found a database an older version made: it must be migrated by a writer first."""


def _check_current(engine: Engine) -> None:
    try:
        revision = migrate.current_revision(engine)
    except sqlite3.DatabaseError as error:
        raise WorkspaceError(f"无法读取工作区数据库：{error}") from error
    if revision is not None and not migrate.is_known_revision(revision):
        raise WorkspaceError(
            f"该工作区由更新版本的程序创建（数据库版本 {revision}），请升级 UnionPerf 后再打开"
        )
    if revision != migrate.head_revision():
        raise MigrationNeededError(f"工作区数据库需要升级（当前版本 {revision}）")


def _check_readable(database: Path) -> None:
    result = backup.integrity(database)
    if result != "ok":
        raise DamagedDatabaseError(
            f"工作区数据库已损坏（完整性检查：{result}）：请从备份恢复（unionperf restore）"
        )


def _migrate(engine: Engine, paths: WorkspacePaths, *, fresh: bool) -> None:
    try:
        revision = migrate.current_revision(engine)
    except sqlite3.DatabaseError as error:
        raise WorkspaceError(f"无法读取工作区数据库：{error}") from error
    if revision is not None and not migrate.is_known_revision(revision):
        raise WorkspaceError(
            f"该工作区由更新版本的程序创建（数据库版本 {revision}），请升级 UnionPerf 后再打开"
        )
    if revision == migrate.head_revision():
        return
    if not fresh:
        backup.take_backup(paths.database, paths.backups, "before-migration")
    migrate.upgrade(engine)
