"""Storage failures are told apart by their error codes, and each has its own sentence."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from unionperf.store.storage_faults import StorageKind, fault_from, storage_kind


def _sqlite_error(code: int, text: str) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(text)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), StorageKind.DISK_FULL),
        (OSError(errno.EROFS, "Read-only file system"), StorageKind.READ_ONLY),
        (PermissionError(errno.EACCES, "Permission denied"), StorageKind.READ_ONLY),
        (OSError(errno.EIO, "Input/output error"), StorageKind.OTHER),
        (_sqlite_error(13, "database or disk is full"), StorageKind.DISK_FULL),
        (_sqlite_error(5, "database is locked"), StorageKind.LOCKED),
        (_sqlite_error(517, "database is locked"), StorageKind.LOCKED),  # SQLITE_BUSY_SNAPSHOT
        (_sqlite_error(8, "attempt to write a readonly database"), StorageKind.READ_ONLY),
        (_sqlite_error(11, "database disk image is malformed"), StorageKind.OTHER),
        (sqlite3.OperationalError("database is locked"), StorageKind.LOCKED),
    ],
)
def test_errors_are_classified_by_their_codes(error, kind):
    assert storage_kind(error) is kind


def test_a_wrapped_sqlalchemy_error_is_classified_by_its_cause():
    wrapped = OperationalError("INSERT …", {}, _sqlite_error(13, "database or disk is full"))
    assert storage_kind(wrapped) is StorageKind.DISK_FULL


def test_each_kind_has_its_own_chinese_sentence_and_none_says_damaged():
    path = Path("工作区") / "unionperf.sqlite"
    sentences = {
        fault_from(error, "备份工作区数据库", path).kind: str(
            fault_from(error, "备份工作区数据库", path)
        )
        for error in (
            OSError(errno.ENOSPC, "No space left on device"),
            OSError(errno.EROFS, "Read-only file system"),
            _sqlite_error(5, "database is locked"),
            _sqlite_error(11, "database disk image is malformed"),
        )
    }
    assert len(set(sentences.values())) == 4
    assert "磁盘空间不足" in sentences[StorageKind.DISK_FULL]
    assert "只读" in sentences[StorageKind.READ_ONLY]
    assert "正被另一个程序使用" in sentences[StorageKind.LOCKED]
    for sentence in sentences.values():
        assert "损坏" not in sentence
        assert "\n" not in sentence
        assert "备份工作区数据库" in sentence
