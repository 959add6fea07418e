"""The received package's file copy, written in another thread while its rows are made.

Writing the signed file under ``received/<unit>/`` (a folder made for a new unit, then the
file) waits on the disk; Python releases the interpreter lock meanwhile. The writer therefore
starts the copy (:func:`write`) once the package is verified and the store has said it takes it,
makes the package's rows, and then waits for the copy before the package counts as stored: a
copy that failed refuses the package as a failed synchronous write did (a file written in part
is removed), and its rows go with its savepoint. One thread writes, in the order asked.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

__all__ = ["write"]

_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None


def write(target: Path, blob: bytes) -> Future[None]:
    """Start writing ``blob`` to ``target`` (its folder made first); the caller waits for it."""
    global _pool  # noqa: PLW0603 - one writing thread per process, made on first use
    with _lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="unionperf-copy")
        return _pool.submit(_write, target, blob)


def _write(target: Path, blob: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    file = target.open("wb")  # when this fails, nothing was made
    try:
        with file:
            file.write(blob)
    except BaseException:
        target.unlink(missing_ok=True)  # a copy written in part (a full disk) is not left
        raise
