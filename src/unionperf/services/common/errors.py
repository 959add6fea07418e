"""Errors the services raise for the user: each carries a Chinese sentence saying what and where."""

from __future__ import annotations

from datetime import date, datetime


class ServiceError(Exception):
    """Base of every error a service reports to the user instead of a traceback."""

    def details(self) -> list[str]:
        """Lines that itemise the error (every problem of a refused import or export)."""
        return []


class InputError(ServiceError):
    """Bad input; nothing was saved. ``where`` names the field, the message says what is wrong."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(f"{where}：{message}" if where else message)
        self.where = where


class StorageError(ServiceError):
    """The disk or the database refused; nothing was changed. Subclasses say why."""


class DiskFullError(StorageError):
    """The disk is full."""


class ReadOnlyError(StorageError):
    """The folder is read-only (write-protected stick, no write permission)."""


class DatabaseBusyError(StorageError):
    """Another program holds the database (SQLite "database is locked")."""


class LostRaceError(StorageError):
    """Another writer changed the same rows at the same time; nothing was saved.

    A PostgreSQL deadlock, serialization failure or duplicate key: the same work may be done
    again.
    """


class DamagedWorkspaceError(ServiceError):
    """``PRAGMA integrity_check`` found the workspace database damaged; restore a backup."""


class BackupRefusedError(ServiceError):
    """A file offered for restore failed a check; ``test`` names which (store.backup_restore)."""

    def __init__(self, message: str, test: str) -> None:
        super().__init__(message)
        self.test = test


def local_today() -> date:
    """Today's date on this computer's clock (forms and sign-offs use local dates)."""
    return datetime.now().astimezone().date()
