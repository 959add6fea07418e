"""The store's storage refusals as service errors: one type per cause, each with its sentence."""

from __future__ import annotations

from pathlib import Path

from unionperf.services.common.errors import (
    DatabaseBusyError,
    DiskFullError,
    LostRaceError,
    ReadOnlyError,
    ServiceError,
    StorageError,
)
from unionperf.store.engine import StoreError
from unionperf.store.storage_faults import StorageAccessError, StorageKind, fault_from

__all__ = ["os_error", "storage_error"]


def storage_error(error: StorageAccessError | StoreError) -> ServiceError:
    """The service error for a refusal of the disk or the database, by its kind."""
    message = str(error)
    if isinstance(error, StoreError) and error.race:
        return LostRaceError(
            "另一个程序同时在修改相同的数据，本次修改未保存，之前保存的数据不受影响；请稍后重试"
        )
    match error.kind:
        case StorageKind.DISK_FULL:
            return DiskFullError(message)
        case StorageKind.READ_ONLY:
            return ReadOnlyError(message)
        case StorageKind.LOCKED:
            return DatabaseBusyError(message)
        case StorageKind.OTHER:
            return StorageError(message)


def os_error(error: OSError, doing: str, path: Path) -> ServiceError:
    """The service error for an operating-system error met while ``doing`` on ``path``.

    ``doing`` completes "无法…" (e.g. "创建工作区文件夹").
    """
    return storage_error(fault_from(error, doing, path))
