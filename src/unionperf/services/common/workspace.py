"""The workspace as both levels open it: units of work, reading, scores, checks, backups.

Use cases open one unit of work (:meth:`Workspace.unit_of_work`) and reach the store's named
repositories through it; each public call is one transaction, saving all of its change or nothing.
The grassroots edits are in :mod:`unionperf.services.cycle.editing`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from unionperf.domain.problems import Problem
from unionperf.domain.results import YearScore, score_year
from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.domain.validation import check_year
from unionperf.domain.year import YearData, stage_label
from unionperf.services.common import inputs
from unionperf.services.common.backups import (
    BackupEntry,
    RestoreResult,
    list_backups,
    refuse_on_postgresql,
    restore,
    restore_locked,
    storage_error,
)
from unionperf.services.common.errors import DamagedWorkspaceError, InputError, ServiceError
from unionperf.services.common.history import with_history
from unionperf.services.common.locations import default_workspace_path, holds_workspace
from unionperf.services.common.passphrase import check_new_passphrase
from unionperf.services.common.ports import StorePort, UnitOfWorkPort
from unionperf.services.common.stages import StageLockedError
from unionperf.services.common.writer_lock import DEFAULT_PROGRAM, WriterLock
from unionperf.store import audit, backup
from unionperf.store.backup import BackupFile
from unionperf.store.engine import StoreError
from unionperf.store.errors import NotFoundError
from unionperf.store.paths import WorkspacePaths
from unionperf.store.storage_faults import StorageAccessError
from unionperf.store.submissions import LockedStageError
from unionperf.store.workspace import (
    DamagedDatabaseError,
    MigrationNeededError,
    OpenStore,
    WorkspaceError,
    open_store,
)
from unionperf.store.workspace import check_new_database as _check_new_database

__all__ = [
    "BackupEntry",
    "BackupFile",
    "ReadOnlyWorkspaceError",
    "RestoreResult",
    "Workspace",
    "check_new_database",
    "default_workspace_path",
    "holds_workspace",
    "new_uid",
    "restore",
]

T = TypeVar("T")


def check_new_database(url: str) -> str:
    """Whether a new upper-level workspace can keep its store in the PostgreSQL database at ``url``.

    The checks :meth:`Workspace.create` makes before it uses the database (the first-run wizard
    asks them as soon as the address is entered): a PostgreSQL URL without a password, the
    driver installed, the server reachable, no other workspace's data in it. Returns the URL as
    it will be kept.

    Raises:
        ServiceError: the reason, in one Chinese sentence.
    """
    try:
        return _check_new_database(url)
    except WorkspaceError as error:
        raise ServiceError(str(error)) from error


def new_uid() -> str:
    """A fresh identifier for a project, indicator or monitoring point."""
    return uuid.uuid4().hex


class Workspace:
    """An open workspace. Use as a context manager, or call :meth:`close`.

    It wraps an open store (:class:`~unionperf.services.common.ports.StorePort`): the SQLite
    store of :meth:`create` and :meth:`open`, or an in-memory fake in the tests. A workspace
    opened for writing holds the folder's one-writer lock (``unionperf.lock``) until it is
    closed; one opened for reading holds no lock and refuses every change.
    """

    def __init__(
        self, store: StorePort, lock: WriterLock | None = None, *, read_only: bool = False
    ) -> None:
        self._store = store
        self._lock = lock
        self._read_only = read_only

    @classmethod
    def create(
        cls,
        path: Path,
        unit: UnitProfile | None = None,
        passphrase: str | None = None,
        *,
        program: str = DEFAULT_PROGRAM,
        throwaway: bool = False,
        database: str | None = None,
    ) -> Workspace:
        """Make a new workspace folder; save the unit profile and make the signing key when given.

        The passphrase is checked first against the policy (:mod:`.passphrase`), so a refused
        one leaves nothing behind; ``throwaway`` workspaces (the demo, the self-test) skip the
        policy, their passphrases being documented. The new workspace is open for writing (it
        holds the writer lock).

        ``database`` names a PostgreSQL database (URL without password) for an upper-level
        workspace: the folder then keeps the URL instead of a SQLite file, and several programs
        may write at once (the database's locks, not the folder's writer lock, keep them apart).
        A grassroots workspace is SQLite only.
        """
        if database is not None and (unit is None or unit.level is not UnitLevel.UPPER):
            raise InputError(
                "只有上级工会工作区（--upper）可以使用 PostgreSQL 数据库；"
                "基层工会工作区使用本机数据库文件，请去掉 --database"
            )
        if passphrase is not None and not throwaway:
            check_new_passphrase(passphrase)
        if holds_workspace(path):
            raise ServiceError(f"工作区已存在：{path}")
        lock = None if database is not None else _take_lock(path, program)
        try:
            workspace = cls(_open(path, create=True, database=database), lock)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        try:
            if unit is not None:
                workspace.save_unit(unit)
            if passphrase is not None:
                _create_key(workspace.paths.keys, passphrase)
                if unit is not None and unit.level is UnitLevel.UPPER:
                    _create_identity(workspace.paths.keys, passphrase)
        except BaseException:
            workspace.close()
            raise
        return workspace

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        create: bool = False,
        writer: bool = True,
        program: str = DEFAULT_PROGRAM,
    ) -> Workspace:
        """Open the workspace at ``path``.

        For writing (the default), take the one-writer lock first — refused with who holds it
        while another program writes — then back the database up and migrate it. For reading
        (``writer=False``), take no lock and no backup: reads stay allowed while another program
        writes; only a workspace that needs migrating takes the lock for that moment.
        With ``create``, a missing workspace is made instead of refused (writers only).

        Raises:
            WorkspaceInUseError: another program holds the workspace for writing.
            ServiceError: no workspace there, or it cannot be opened.
        """
        paths = WorkspacePaths(path)
        missing = not paths.holds_workspace()
        if missing and not (create and writer):
            raise ServiceError(
                f"工作区不存在：{path}（找不到 {WorkspacePaths(path).database.name}）"
            )
        if paths.database_settings.exists():  # PostgreSQL: the database keeps writers apart
            try:
                return cls(_open(path, create=False, writer=writer), read_only=not writer)
            except MigrationNeededError:  # a reader: migrate (one migrator at a time), reopen
                _open(path, create=False).close()
                return cls(_open(path, create=False, writer=False), read_only=True)
        if not writer:
            try:
                return cls(_open(path, create=False, writer=False), read_only=True)
            except MigrationNeededError:
                with WriterLock(path, program):
                    _open(path, create=False).close()  # back up and migrate under the lock
                return cls(_open(path, create=False, writer=False), read_only=True)
        lock = _take_lock(path, program)
        try:
            return cls(_open(path, create=create and missing), lock)
        except BaseException:
            lock.release()
            raise

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the database, then the writer lock when this workspace holds it."""
        try:
            self._store.close()
        finally:
            lock, self._lock = self._lock, None
            if lock is not None:
                lock.release()

    @property
    def database_url(self) -> str | None:
        """The PostgreSQL database of the workspace (``None``: its SQLite file)."""
        return self._store.database_url

    @property
    def read_only(self) -> bool:
        """Whether this workspace was opened for reading only (it refuses every change)."""
        return self._read_only

    def schema_revision(self) -> str | None:
        """The schema revision the workspace database is at (``None``: not migrated)."""
        return self._store.schema_revision()

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWorkPort]:
        """One service call's transaction and its repositories; all of it is saved or none.

        A change of a stage the chair signed off is refused by the store and raised as
        :class:`StageLockedError`; a refused write (disk full, read-only) as :class:`ServiceError`.
        A workspace opened for reading refuses to start one (:class:`ReadOnlyWorkspaceError`).
        """
        if self._read_only:
            raise ReadOnlyWorkspaceError(self.paths.root)
        try:
            with self._store.unit_of_work() as uow:
                yield uow
        except LockedStageError as error:
            raise StageLockedError(error.stage, stage_label(error.stage)) from error
        except StoreError as error:
            raise storage_error(error) from error

    @contextmanager
    def reading(self) -> Iterator[UnitOfWorkPort]:
        """A unit of work for reads only; nothing it does is committed."""
        with self._store.reading() as uow:
            yield uow

    @property
    def paths(self) -> WorkspacePaths:
        """The workspace's folders and files."""
        return self._store.paths

    # -- reading -------------------------------------------------------------------------------

    def unit(self) -> UnitProfile | None:
        """The union's profile, or ``None`` before it is entered."""
        with self.reading() as uow:
            return uow.years.unit()

    def years(self) -> list[int]:
        """The years held, oldest first."""
        with self.reading() as uow:
            return uow.years.years()

    def load_year(self, year: int) -> YearData:
        """Everything of a year as one domain aggregate."""
        with self.reading() as uow:
            return with_history(uow, found(lambda: uow.years.load(year)))

    def score(self, year: int) -> YearScore:
        """The self-evaluation scores of a year."""
        return score_year(self.load_year(year))

    def check(self, year: int) -> list[Problem]:
        """Every validation problem of every stage the year has reached.

        A stage with an adjustment open asks for its withdrawn sign-offs again (G002).
        """
        with self.reading() as uow:
            data = with_history(uow, found(lambda: uow.years.load(year)))
            adjusting = uow.submissions.stages_adjusting(year)
        return check_year(data, adjusting)

    def audit_breaks(self) -> list[audit.ChainBreak]:
        """Where the audit log's hash chain does not hold (empty when intact)."""
        with self.reading() as uow:
            return uow.audit.breaks()

    # -- editing -------------------------------------------------------------------------------

    def save_unit(self, unit: UnitProfile) -> None:
        """Save the union's profile (the credit code must pass GB 32100)."""
        unit = replace(unit, credit_code=unit.credit_code.strip().upper(), name=unit.name.strip())
        inputs.check_unit(unit)
        with self.unit_of_work() as uow:
            uow.years.save_unit(unit)

    # -- backups -------------------------------------------------------------------------------

    def backups(self) -> list[backup.BackupFile]:
        """The workspace's backups, newest first (none on PostgreSQL: ``pg_dump`` backs it up)."""
        if self.database_url is not None:
            return []
        return backup.list_backups(self.paths.backups)

    def backup_entries(self) -> list[BackupEntry]:
        """The backups, newest first, each with what it holds (unit, years, projects)."""
        return list_backups(self.paths.root)

    def back_up(self, reason: str = "manual") -> backup.BackupFile:
        """Take a backup now (a workspace opened for reading refuses).

        Raises:
            StorageError: the disk is full, the folder read-only or the database held.
        """
        if self._read_only:
            raise ReadOnlyWorkspaceError(self.paths.root)
        refuse_on_postgresql(self.paths.root)
        try:
            return backup.take_backup(self.paths.database, self.paths.backups, reason)
        except StorageAccessError as error:
            raise storage_error(error) from error

    def restore_from(self, backup_file: Path) -> RestoreResult:
        """Restore this workspace, open for writing, from a backup file, then open it again.

        The window does this: it holds the writer lock throughout. The database is closed, the
        file checked and restored (the current state backed up first), and the restored
        database opened (migrated when it is from an earlier version). On a refusal nothing
        changed.

        Raises:
            ReadOnlyWorkspaceError: the workspace was opened for reading.
            BackupRefusedError: the file failed a check (``test`` says which).
            StorageError: the disk is full, a folder read-only or the database held.
        """
        refuse_on_postgresql(self.paths.root)
        if self._read_only or self._lock is None:
            raise ReadOnlyWorkspaceError(self.paths.root)
        root = self.paths.root
        self._store.close()
        try:
            return restore_locked(root, backup_file)
        finally:
            self._store = _open(root, create=False, back_up=False)


class ReadOnlyWorkspaceError(ServiceError):
    """A change was asked of a workspace opened for reading only (a programming slip)."""

    def __init__(self, root: Path) -> None:
        super().__init__(f"工作区以只读方式打开，不能修改：{root}")


def _take_lock(path: Path, program: str) -> WriterLock:
    lock = WriterLock(path, program)
    lock.acquire()
    return lock


def _open(
    path: Path,
    *,
    create: bool,
    writer: bool = True,
    back_up: bool = True,
    database: str | None = None,
) -> OpenStore:
    try:
        return open_store(path, create=create, writer=writer, back_up=back_up, database=database)
    except MigrationNeededError:
        raise
    except DamagedDatabaseError as error:
        raise DamagedWorkspaceError(str(error)) from error
    except WorkspaceError as error:
        raise ServiceError(str(error)) from error
    except StorageAccessError as error:
        raise storage_error(error) from error
    except OSError as error:
        raise ServiceError(f"无法打开工作区 {path}：{error}") from error


def _create_key(folder: Path, passphrase: str) -> None:
    from unionperf.exchange.keys import KeyFileError, create_key  # noqa: PLC0415

    try:
        create_key(folder, passphrase)
    except KeyFileError as error:
        raise ServiceError(str(error)) from error


def _create_identity(folder: Path, passphrase: str) -> None:
    """The upper level's age identity, for the packages units encrypt to it (private transport)."""
    from unionperf.exchange.age_keys import IdentityFileError, create_identity  # noqa: PLC0415

    try:
        create_identity(folder, passphrase)
    except IdentityFileError as error:
        raise ServiceError(str(error)) from error


def found(call: Callable[[], T]) -> T:
    """``call()``, with a missing record (the store's ``NotFoundError``) as an InputError."""
    try:
        return call()
    except NotFoundError as error:
        raise InputError(str(error)) from error
