"""One writer per workspace: a lock file in the workspace folder (product.md §7).

The lock is ``unionperf.lock`` in the workspace folder. It is held with an operating-system lock
(``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows), so a crashed or killed process releases
it at once; the file also holds who took it (process id, computer, start time) for the message a
second window shows. A file left behind by a process that is gone is stale and is replaced.

Where the file system offers no locks (some network shares), the file alone decides: it is stale
when its process is not alive on this computer or it was written before the computer started.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import json
import logging
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType

from unionperf.services.common.errors import ServiceError

__all__ = [
    "DEFAULT_PROGRAM",
    "LOCK_NAME",
    "LockInfo",
    "WorkspaceInUseError",
    "WriterLock",
    "boot_time",
    "is_stale",
    "process_alive",
    "read_lock_info",
    "take_writer_lock",
]

log = logging.getLogger(__name__)

LOCK_NAME = "unionperf.lock"
_LOCK_OFFSET = 1 << 16
"""Windows locks a byte range and nobody else may read a locked range: lock a byte past the info."""
_BUSY = {errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK, getattr(errno, "EDEADLOCK", errno.EDEADLK)}
_ATTEMPTS = 5


DEFAULT_PROGRAM = "UnionPerf"


@dataclass(frozen=True, slots=True)
class LockInfo:
    """Who holds a workspace: process, computer, since when, and which user and program."""

    pid: int
    host: str
    started: datetime
    user: str = ""
    program: str = DEFAULT_PROGRAM

    @classmethod
    def of_this_process(cls, program: str = DEFAULT_PROGRAM) -> LockInfo:
        """The info this process writes when it takes a lock (``program`` says what it is)."""
        return cls(os.getpid(), socket.gethostname(), datetime.now().astimezone(), _user(), program)

    def to_text(self) -> str:
        """The lock file's content (JSON, one line)."""
        return json.dumps(
            {
                "pid": self.pid,
                "host": self.host,
                "started": self.started.isoformat(),
                "user": self.user,
                "program": self.program,
            },
            ensure_ascii=False,
        )

    def describe(self) -> str:
        """Who holds the workspace, as one Chinese phrase (program, user, computer, process)."""
        when = self.started.astimezone().strftime("%Y-%m-%d %H:%M")
        parts = [self.program or DEFAULT_PROGRAM]
        if self.user:
            parts.append(f"用户 {self.user}")
        if self.host != socket.gethostname():
            parts.append(f"计算机 {self.host}")
        parts.append(f"进程 {self.pid}")
        parts.append(f"开始于 {when}")
        return "，".join(parts)

    @classmethod
    def parse(cls, text: str) -> LockInfo | None:
        """The info in a lock file, or ``None`` when it is empty or unreadable."""
        try:
            raw = json.loads(text)
            started = datetime.fromisoformat(raw["started"])
            if started.tzinfo is None:
                started = started.astimezone()
            return cls(
                int(raw["pid"]),
                str(raw["host"]),
                started,
                str(raw.get("user", "")),
                str(raw.get("program", "")) or DEFAULT_PROGRAM,
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


class WorkspaceInUseError(ServiceError):
    """Another program has the workspace open for writing; the message says who and since when.

    The first line is complete on its own (the command line prints only it).
    """

    def __init__(self, root: Path, holder: LockInfo | None) -> None:
        self.root = root
        self.holder = holder
        text = "该工作区正在被另一个程序使用"
        if holder is not None:
            text += f"（{holder.describe()}）"
        super().__init__(
            f"{text}，本次未做任何修改：{root}"
            "\n请等那个程序结束，或切换到那个窗口继续工作；同一时间只能有一个程序修改工作区，"
            "查看和核对不受影响。"
            f"\n如果确认那个程序已经关闭，请删除文件 {root / LOCK_NAME} 后重试。"
        )


class WriterLock:
    """The one-writer lock of a workspace folder, held from :meth:`acquire` to :meth:`release`."""

    def __init__(self, root: Path, program: str = DEFAULT_PROGRAM) -> None:
        self.root = root
        self.program = program
        self.path = root / LOCK_NAME
        self._fd: int | None = None
        self._os_locked = False

    @property
    def held(self) -> bool:
        """Whether this object holds the lock now."""
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock, replacing a stale one (the workspace folder is made when missing).

        Raises:
            WorkspaceInUseError: another process holds it.
            ServiceError: the folder or the lock file cannot be written.
        """
        if self.held:
            return
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _os_error(error, "创建工作区文件夹", self.root) from error
        try:
            for _ in range(_ATTEMPTS):
                if self._try_acquire():
                    return
        except OSError as error:
            raise _os_error(error, "写入工作区锁文件", self.path) from error
        raise WorkspaceInUseError(self.root, read_lock_info(self.root))

    def release(self) -> None:
        """Give the lock up and remove the lock file (a no-op when not held)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform != "win32":
            _unlink_quietly(self.path)  # before unlocking: a waiter then never locks a dead file
        try:
            if self._os_locked:
                _os_unlock(fd)
        finally:
            os.close(fd)
        if sys.platform == "win32":
            _unlink_quietly(self.path)  # Windows deletes no file that is still open

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()

    def _try_acquire(self) -> bool:
        """One attempt; ``True`` when taken, ``False`` to try again, raises when held elsewhere."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            locked = _os_lock(fd)
            if locked is False:
                raise WorkspaceInUseError(self.root, _read_info(fd))
            if locked and not _same_file(fd, self.path):
                _os_unlock(fd)
                os.close(fd)
                return False  # the holder removed the file as we opened it: start again
            earlier = _read_info(fd)
            if locked is None and earlier is not None and not is_stale(earlier):
                raise WorkspaceInUseError(self.root, earlier)
            if earlier is not None:
                log.warning(
                    "stale workspace lock cleared: pid %s on %s since %s",
                    earlier.pid,
                    earlier.host,
                    earlier.started.isoformat(),
                )
            _write_info(fd, LockInfo.of_this_process(self.program))
        except BaseException:
            _close_quietly(fd)  # also releases an operating-system lock taken above
            raise
        self._fd = fd
        self._os_locked = bool(locked)
        return True


def take_writer_lock(root: Path, program: str = DEFAULT_PROGRAM) -> WriterLock:
    """Take the one-writer lock of the workspace at ``root`` and return it.

    ``program`` is what the holder is, shown to whoever is refused (e.g. ``UnionPerf 窗口``).

    Raises:
        WorkspaceInUseError: another program has the workspace open for writing.
        ServiceError: the folder cannot be written.
    """
    lock = WriterLock(root, program)
    lock.acquire()
    return lock


def read_lock_info(root: Path) -> LockInfo | None:
    """Who holds (or last held) the lock of the workspace at ``root``; ``None`` when unknown."""
    try:
        text = (root / LOCK_NAME).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return LockInfo.parse(text.strip("\0 \n"))


def is_stale(info: LockInfo, *, host: str | None = None, booted: datetime | None = None) -> bool:
    """Whether a lock file's holder is surely gone.

    It is when its process is not alive on this computer, or when the lock was taken before this
    computer started (its process id may have been reused since). A lock from another computer
    is never judged stale: its processes cannot be seen from here.
    """
    if info.host != (host if host is not None else socket.gethostname()):
        return False
    started_at = booted if booted is not None else boot_time()
    if started_at is not None and info.started < started_at:
        return True
    return not process_alive(info.pid)


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, but another user's
    return True


def boot_time() -> datetime | None:
    """When this computer started (``None`` when it cannot be told)."""
    if sys.platform == "win32":
        import ctypes  # noqa: PLC0415

        ticks = ctypes.windll.kernel32.GetTickCount64
        ticks.restype = ctypes.c_ulonglong
        return datetime.now().astimezone() - timedelta(milliseconds=ticks())
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            for line in stat:
                if line.startswith("btime "):
                    return datetime.fromtimestamp(int(line.split()[1])).astimezone()
    except (OSError, ValueError):
        pass
    return None


# -- operating-system locks --------------------------------------------------------------------


def _os_lock(fd: int) -> bool | None:
    """Lock without waiting: ``True`` locked, ``False`` held elsewhere, ``None`` not supported."""
    try:
        if sys.platform == "win32":
            import msvcrt  # noqa: PLC0415

            os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl  # noqa: PLC0415

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in _BUSY:
            return False
        log.warning("no operating-system lock on this folder (%s): the lock file decides", error)
        return None
    return True


def _os_unlock(fd: int) -> None:
    try:
        if sys.platform == "win32":
            import msvcrt  # noqa: PLC0415

            os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl  # noqa: PLC0415

            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError as error:
        log.warning("workspace lock not released cleanly: %s", error)


def _same_file(fd: int, path: Path) -> bool:
    if sys.platform == "win32":
        return True  # an open file cannot be removed there
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)


def _read_info(fd: int) -> LockInfo | None:
    os.lseek(fd, 0, os.SEEK_SET)
    data = os.read(fd, 4096)
    return LockInfo.parse(data.decode("utf-8", errors="replace").strip("\0 \n"))


def _write_info(fd: int, info: LockInfo) -> None:
    data = (info.to_text() + "\n").encode("utf-8")
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, data)
    os.ftruncate(fd, len(data))
    os.fsync(fd)


def _windows_process_alive(pid: int) -> bool:
    if sys.platform != "win32":  # tells mypy where this runs
        return False
    import ctypes  # noqa: PLC0415

    query_limited_information = 0x1000
    still_active = 259
    access_denied = 5
    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return bool(kernel32.GetLastError() == access_denied)
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        log.info("lock file not removed (%s): the next start replaces it", error)


def _close_quietly(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.close(fd)


def _os_error(error: OSError, action: str, path: Path) -> ServiceError:
    """``storage_errors.os_error``, imported when needed.

    That module pulls in the store (SQLAlchemy), which the window's crash handler, importing
    this module, must not load before the first paint.
    """
    from unionperf.services.common.storage_errors import os_error  # noqa: PLC0415

    return os_error(error, action, path)
