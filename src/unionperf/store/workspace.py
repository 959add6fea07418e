"""A workspace is a folder: the database, ``backups/``, ``evidence/``, ``keys/`` and ``logs/``."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from unionperf.store import audit, backup, migrate
from unionperf.store.backup_contents import WORKSPACE_ID, ensure_workspace_id
from unionperf.store.database_settings import (
    DatabaseSettingsError,
    check_url,
    display_url,
    read_url,
    write_url,
)
from unionperf.store.engine import SessionFactory, database_engine, sqlite_engine
from unionperf.store.paths import DATABASE_NAME, WorkspacePaths
from unionperf.store.storage_faults import StorageKind, fault_from, storage_kind
from unionperf.store.unit_of_work import UnitOfWork


class WorkspaceError(RuntimeError):
    """A workspace cannot be created or opened (the message says why, in Chinese)."""


class DamagedDatabaseError(WorkspaceError):
    """``PRAGMA integrity_check`` found the workspace database damaged (and only then)."""


@dataclass
class OpenStore:
    """An opened workspace database: its paths, its engine and the units of work on it."""

    paths: WorkspacePaths
    engine: Engine
    sessions: SessionFactory
    database_url: str | None = None
    """The PostgreSQL database's URL (``None``: the workspace's SQLite file)."""

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
    root: Path,
    *,
    create: bool = False,
    writer: bool = True,
    back_up: bool = True,
    database: str | None = None,
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
    try:
        named = read_url(root)
    except DatabaseSettingsError as error:
        raise WorkspaceError(str(error)) from error
    if named is not None or database is not None:
        return _open_postgresql(paths, named, database, create=create, writer=writer)
    return _open_sqlite(paths, create=create, writer=writer, back_up=back_up)


def _open_sqlite(paths: WorkspacePaths, *, create: bool, writer: bool, back_up: bool) -> OpenStore:
    root = paths.root
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


def _open_postgresql(
    paths: WorkspacePaths, named: str | None, database: str | None, *, create: bool, writer: bool
) -> OpenStore:
    """Open (or make) a workspace whose store is a PostgreSQL database.

    No SQLite backup is taken (the database's own tools back it up, ``pg_dump``); concurrent
    migrators wait for each other (:func:`migrate.upgrade`). Creating refuses a database that
    already holds a workspace (:func:`check_new_database`).
    """
    if create and paths.holds_workspace():
        raise WorkspaceError(f"工作区已存在：{paths.root}")
    if not create and named is None:
        raise WorkspaceError(f"工作区不存在：{paths.root}")
    url = check_new_database(database) if create and database is not None else named
    assert url is not None
    engine = _postgresql_engine(url)
    try:
        with _database_errors(url):
            if writer:
                _migrate(engine, paths, fresh=True)  # fresh: no SQLite backup (pg_dump's job)
                ensure_workspace_id(engine)
                with engine.begin() as connection:
                    audit.ensure_head(connection)
            else:
                _check_current(engine)
    except BaseException:
        engine.dispose()
        raise
    if create:
        for folder in paths.folders():
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                engine.dispose()
                raise fault_from(error, "创建工作区文件夹", folder) from error
        write_url(paths.root, url)
    return OpenStore(paths, engine, SessionFactory(engine), url)


def check_new_database(database: str) -> str:
    """The URL of a PostgreSQL database a new workspace can use (the driver's spelling).

    The same checks for ``unionperf init --database`` and the first-run wizard: a PostgreSQL URL
    without a password, the driver installed, the server reachable, and no other workspace's
    data in the database (empty, or only migrated).

    Raises:
        WorkspaceError: the reason, in one Chinese sentence.
    """
    try:
        url = check_url(database)
    except DatabaseSettingsError as error:
        raise WorkspaceError(str(error)) from error
    engine = _postgresql_engine(url)
    try:
        with _database_errors(url):
            _refuse_used_database(engine, url)
    finally:
        engine.dispose()
    return url


@contextmanager
def _database_errors(url: str) -> Iterator[None]:
    """A failure of the PostgreSQL server as a :class:`WorkspaceError` naming the database."""
    try:
        yield
    except OperationalError as error:
        reason = str(error.orig or error).strip().splitlines()[0]
        raise WorkspaceError(f"无法连接工作区数据库 {display_url(url)}：{reason}") from error
    except SQLAlchemyError as error:
        raise WorkspaceError(f"无法打开工作区数据库 {display_url(url)}：{error}") from error


def _postgresql_engine(url: str) -> Engine:
    try:
        return database_engine(url)
    except ImportError as error:  # psycopg is the optional extra ``unionperf[postgresql]``
        raise WorkspaceError(
            "本程序未安装 PostgreSQL 驱动（psycopg），不能使用数据库工作区："
            "请安装 unionperf[postgresql]"
        ) from error


def _refuse_used_database(engine: Engine, url: str) -> None:
    """A new workspace needs a database no other workspace uses (empty, or only migrated)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("workspace_meta"):
            return
        found = connection.execute(
            text("SELECT value FROM workspace_meta WHERE key = :key"), {"key": WORKSPACE_ID}
        ).scalar()
    if found is not None:
        raise WorkspaceError(
            f"数据库 {display_url(url)} 已是另一个工作区（{found}）的数据库："
            "请为新工作区新建一个空数据库"
        )
