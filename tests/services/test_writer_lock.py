"""One writer per workspace: a second process is refused, a stale lock is cleared."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from unionperf.services.common import writer_lock
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.writer_lock import (
    LOCK_NAME,
    LockInfo,
    WorkspaceInUseError,
    WriterLock,
    is_stale,
    read_lock_info,
    take_writer_lock,
)

HOLDER = """
import sys
from pathlib import Path
from unionperf.services.common.writer_lock import take_writer_lock

lock = take_writer_lock(Path(sys.argv[1]))
print("locked", flush=True)
sys.stdin.readline()
lock.release()
print("released", flush=True)
"""


@pytest.fixture
def holder(tmp_path):
    """A second process holding the workspace's lock until told to stop (or killed)."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path / "ws")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "locked"
    yield process
    if process.poll() is None:
        process.kill()
    process.communicate(timeout=30)


def dead_pid() -> int:
    """The id of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait(timeout=30)
    return process.pid


def test_a_second_process_is_refused_with_who_and_since_when(tmp_path, holder):
    with pytest.raises(WorkspaceInUseError) as refused:
        take_writer_lock(tmp_path / "ws")
    message = str(refused.value)
    assert "该工作区正在被另一个程序使用（UnionPerf，" in message
    assert f"进程 {holder.pid}，开始于 " in message
    assert str(tmp_path / "ws") in message
    assert refused.value.holder is not None
    assert refused.value.holder.pid == holder.pid
    # the lock file still names the holder, untouched by the refused attempt
    info = read_lock_info(tmp_path / "ws")
    assert info is not None
    assert info.pid == holder.pid


def test_the_lock_is_free_again_when_the_holder_closes(tmp_path, holder):
    assert holder.stdin is not None
    holder.stdin.write("\n")
    holder.stdin.flush()
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "released"
    assert not (tmp_path / "ws" / LOCK_NAME).exists()
    with take_writer_lock(tmp_path / "ws") as lock:
        assert lock.held


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_holder_releases_the_lock(tmp_path, holder):
    holder.kill()
    holder.wait(timeout=30)
    assert (tmp_path / "ws" / LOCK_NAME).exists()  # left behind, but no longer locked
    lock = take_writer_lock(tmp_path / "ws")
    try:
        info = read_lock_info(tmp_path / "ws")
        assert info is not None
        assert info.pid == os.getpid()
    finally:
        lock.release()


def test_a_stale_lock_file_is_cleared(tmp_path, caplog):
    folder = tmp_path / "ws"
    folder.mkdir()
    stale = LockInfo(dead_pid(), socket.gethostname(), datetime.now().astimezone())
    (folder / LOCK_NAME).write_text(stale.to_text(), encoding="utf-8")
    with take_writer_lock(folder):
        info = read_lock_info(folder)
        assert info is not None
        assert info.pid == os.getpid()
    assert "stale workspace lock cleared" in caplog.text
    assert not (folder / LOCK_NAME).exists()


def test_a_second_lock_in_the_same_process_is_refused(tmp_path):
    with take_writer_lock(tmp_path), pytest.raises(WorkspaceInUseError):
        take_writer_lock(tmp_path)
    with take_writer_lock(tmp_path) as again:  # released by the ``with`` above
        assert again.held


def test_release_is_idempotent_and_removes_the_file(tmp_path):
    lock = WriterLock(tmp_path)
    lock.release()
    lock.acquire()
    lock.acquire()
    assert (tmp_path / LOCK_NAME).exists()
    lock.release()
    lock.release()
    assert not (tmp_path / LOCK_NAME).exists()


def test_a_folder_that_cannot_be_made_is_a_service_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ServiceError, match="无法创建工作区文件夹") as refused:
        take_writer_lock(blocker / "ws")
    assert not isinstance(refused.value, WorkspaceInUseError)
    assert str(blocker / "ws") in str(refused.value)


@pytest.fixture
def no_os_locks(monkeypatch):
    """A folder where the file system gives no locks (some network shares)."""
    monkeypatch.setattr(writer_lock, "_os_lock", lambda _fd: None)


def test_without_os_locks_a_live_holder_is_refused(tmp_path, no_os_locks):
    _ = no_os_locks
    live = LockInfo(os.getpid(), socket.gethostname(), datetime.now().astimezone())
    (tmp_path / LOCK_NAME).write_text(live.to_text(), encoding="utf-8")
    with pytest.raises(WorkspaceInUseError, match=f"进程 {os.getpid()}"):
        take_writer_lock(tmp_path)


def test_without_os_locks_a_stale_file_is_cleared(tmp_path, no_os_locks):
    _ = no_os_locks
    stale = LockInfo(dead_pid(), socket.gethostname(), datetime.now().astimezone())
    (tmp_path / LOCK_NAME).write_text(stale.to_text(), encoding="utf-8")
    with take_writer_lock(tmp_path):
        info = read_lock_info(tmp_path)
        assert info is not None
        assert info.pid == os.getpid()


def test_staleness():
    now = datetime.now().astimezone()
    here = socket.gethostname()
    booted = now - timedelta(hours=1)
    alive = LockInfo(os.getpid(), here, now)
    assert not is_stale(alive, booted=booted)
    assert is_stale(LockInfo(dead_pid(), here, now), booted=booted)
    # written before the computer started: its process id may belong to someone else now
    assert is_stale(LockInfo(os.getpid(), here, booted - timedelta(minutes=1)), booted=booted)
    # another computer's processes cannot be seen: never stale
    assert not is_stale(LockInfo(dead_pid(), "other-pc", now), host=here, booted=booted)


def test_the_message_names_another_computer():
    holder = LockInfo(4321, "finance-pc", datetime(2024, 5, 1, 9, 30).astimezone())
    message = str(WorkspaceInUseError(Path("W"), holder))
    assert "（UnionPerf，计算机 finance-pc，进程 4321，开始于 2024-05-01 09:30）" in message


def test_unreadable_lock_info_is_none():
    assert LockInfo.parse("") is None
    assert LockInfo.parse("{not json") is None
    assert LockInfo.parse('{"pid": "x"}') is None


def test_boot_time_is_in_the_past():
    booted = writer_lock.boot_time()
    if booted is not None:
        assert booted < datetime.now().astimezone()


def test_the_lock_names_its_user_and_program(tmp_path):
    with take_writer_lock(tmp_path, "命令行 unionperf import"):
        info = read_lock_info(tmp_path)
    assert info is not None
    assert info.program == "命令行 unionperf import"
    assert info.user
    message = str(WorkspaceInUseError(tmp_path, info))
    assert f"命令行 unionperf import，用户 {info.user}，进程 {os.getpid()}" in message


def test_an_older_lock_file_without_user_and_program_still_reads():
    info = LockInfo.parse('{"pid": 12, "host": "pc", "started": "2024-05-01T09:30:00+08:00"}')
    assert info is not None
    assert (info.user, info.program) == ("", "UnionPerf")
