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
from unionperf.domain.unit import UnitProfile
from unionperf.domain.validation import check_year
from unionperf.domain.year import YearData, stage_label
from unionperf.services.common import inputs
from unionperf.services.common.errors import InputError, ServiceError
from unionperf.services.common.ports import StorePort, UnitOfWorkPort
from unionperf.services.common.stages import StageLockedError
from unionperf.store import audit, backup
from unionperf.store.backup import BackupFile
from unionperf.store.engine import StoreError
from unionperf.store.errors import NotFoundError
from unionperf.store.submissions import LockedStageError
from unionperf.store.workspace import (
    OpenStore,
    WorkspaceError,
    WorkspacePaths,
    default_workspace_path,
    open_store,
)

__all__ = [
    "BackupFile",
    "Workspace",
    "default_workspace_path",
    "holds_workspace",
    "new_uid",
    "restore",
]

T = TypeVar("T")


def holds_workspace(path: Path) -> bool:
    """Whether the folder at ``path`` holds a workspace database."""
    return WorkspacePaths(path).database.exists()


def new_uid() -> str:
    """A fresh identifier for a project, indicator or monitoring point."""
    return uuid.uuid4().hex


class Workspace:
    """An open workspace. Use as a context manager, or call :meth:`close`.

    It wraps an open store (:class:`~unionperf.services.common.ports.StorePort`): the SQLite
    store of :meth:`create` and :meth:`open`, or an in-memory fake in the tests.
    """

    def __init__(self, store: StorePort) -> None:
        self._store = store

    @classmethod
    def create(
        cls, path: Path, unit: UnitProfile | None = None, passphrase: str | None = None
    ) -> Workspace:
        """Make a new workspace folder; save the unit profile and make the signing key when given.

        The key is made first, so a refused passphrase leaves no half-made workspace behind.
        """
        if passphrase is not None:
            _check_passphrase(passphrase)
        workspace = cls(_open(path, create=True))
        try:
            if unit is not None:
                workspace.save_unit(unit)
            if passphrase is not None:
                _create_key(workspace.paths.keys, passphrase)
        except BaseException:
            workspace.close()
            raise
        return workspace

    @classmethod
    def open(cls, path: Path, *, create: bool = False) -> Workspace:
        """Open the workspace at ``path`` (backing it up and migrating it first).

        With ``create``, a missing workspace is made instead of refused.
        """
        missing = not WorkspacePaths(path).database.exists()
        return cls(_open(path, create=create and missing))

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
        """Release the database."""
        self._store.close()

    def schema_revision(self) -> str | None:
        """The schema revision the workspace database is at (``None``: not migrated)."""
        return self._store.schema_revision()

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWorkPort]:
        """One service call's transaction and its repositories; all of it is saved or none.

        A change of a stage the chair signed off is refused by the store and raised as
        :class:`StageLockedError`; a refused write (disk full, read-only) as :class:`ServiceError`.
        """
        try:
            with self._store.unit_of_work() as uow:
                yield uow
        except LockedStageError as error:
            raise StageLockedError(error.stage, stage_label(error.stage)) from error
        except StoreError as error:
            raise ServiceError(str(error)) from error

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
            return found(lambda: uow.years.load(year))

    def score(self, year: int) -> YearScore:
        """The self-evaluation scores of a year."""
        return score_year(self.load_year(year))

    def check(self, year: int) -> list[Problem]:
        """Every validation problem of every stage the year has reached.

        A stage with an adjustment open asks for its withdrawn sign-offs again (G002).
        """
        with self.reading() as uow:
            data = found(lambda: uow.years.load(year))
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
        """The workspace's backups, newest first."""
        return backup.list_backups(self.paths.backups)

    def back_up(self, reason: str = "manual") -> backup.BackupFile:
        """Take a backup now."""
        return backup.take_backup(self.paths.database, self.paths.backups, reason)


def restore(path: Path, backup_file: Path) -> backup.BackupFile:
    """Restore a closed workspace from one of its backups (the current state is backed up first).

    Raises:
        ServiceError: the backup is damaged or the workspace is missing.
    """
    paths = WorkspacePaths(path)
    if not paths.database.exists():
        raise ServiceError(f"工作区不存在：{path}")
    try:
        return backup.restore_backup(backup_file, paths.database, paths.backups)
    except ValueError as error:
        raise ServiceError(str(error)) from error


def _open(path: Path, *, create: bool) -> OpenStore:
    try:
        return open_store(path, create=create)
    except WorkspaceError as error:
        raise ServiceError(str(error)) from error
    except OSError as error:
        raise ServiceError(f"无法打开工作区 {path}：{error}") from error


def _check_passphrase(passphrase: str) -> None:
    from unionperf.exchange.keys import KeyFileError, check_passphrase  # noqa: PLC0415

    try:
        check_passphrase(passphrase)
    except KeyFileError as error:
        raise InputError(str(error), "签名口令") from error


def _create_key(folder: Path, passphrase: str) -> None:
    from unionperf.exchange.keys import KeyFileError, create_key  # noqa: PLC0415

    try:
        create_key(folder, passphrase)
    except KeyFileError as error:
        raise ServiceError(str(error)) from error


def found(call: Callable[[], T]) -> T:
    """``call()``, with a missing record (the store's ``NotFoundError``) as an InputError."""
    try:
        return call()
    except NotFoundError as error:
        raise InputError(str(error)) from error
