"""Writing the files the user takes away (packages, forms, workbooks): whole or not at all."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from unionperf.services.common.errors import ServiceError


def write_atomically(folder: Path, name: str, blob: bytes) -> Path:
    """Write ``blob`` to ``folder/name`` through a ``.part`` file and a rename.

    A crash or a full disk leaves either the whole file or none (never half a package on a USB
    stick).

    Raises:
        ServiceError: the folder cannot be made or written (the disk is full, it is read-only…).
    """
    target = folder / name
    temporary = folder / f".{name}.part"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb") as handle:
            handle.write(blob)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(target)
    except OSError as error:
        with contextlib.suppress(OSError):  # the folder may be what failed (e.g. it is a file)
            temporary.unlink(missing_ok=True)
        reason = "磁盘空间不足" if error.errno == errno.ENOSPC else (error.strerror or str(error))
        raise ServiceError(f"无法写入 {target}：{reason}") from error
    return target
