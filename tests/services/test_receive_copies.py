"""The received file copy, written beside the rows: a copy that fails refuses its package only.

The copy under ``received/`` is written in another thread while the package's rows are made
(``services.upper.copies``), and data.json is compressed in another while the package is
verified (``store.data_packing``); what is stored and refused stays what it was.
"""

from __future__ import annotations

import errno
import sqlite3
import threading
import time
import zlib
from pathlib import Path

import pytest

from tests.exchange.packages import DemoUnit, demo_unit, upper_workspace
from unionperf.domain.year import Stage
from unionperf.exchange.file_names import package_file_name
from unionperf.exchange.package import verify_package
from unionperf.services.common.workspace import Workspace
from unionperf.services.inbox.receive import receive
from unionperf.services.upper import copies
from unionperf.services.upper.register import register
from unionperf.store import data_packing
from unionperf.store.receipts import ReceiptRecords

pytestmark = pytest.mark.sqlite_only("the rows are read back with plain sqlite3")


@pytest.fixture(scope="module")
def unit(tmp_path_factory) -> DemoUnit:
    return demo_unit(tmp_path_factory)


def _registered(unit: DemoUnit, root: Path) -> Workspace:
    workspace = upper_workspace(root)
    register(
        workspace, unit.pub_file, unit.unit_code, unit.unit_name, key_id=unit.public_key.key_id_hex
    )
    return workspace


def _copy_of(unit: DemoUnit, root: Path, name: str) -> Path:
    meta = verify_package(unit.blob(name), unit.public_key).meta
    file_name = package_file_name(
        unit.unit_code, int(meta["year"]), Stage.parse(meta["stage"]), int(meta["sequence"])
    )
    return root / "received" / unit.unit_code / file_name


def _stored(root: Path) -> list[tuple[str, int]]:
    connection = sqlite3.connect(root / "unionperf.sqlite")
    try:
        return connection.execute(
            "SELECT stage, sequence FROM received_package ORDER BY id"
        ).fetchall()
    finally:
        connection.close()


def test_a_copy_that_cannot_be_written_refuses_its_package_and_no_other(unit, tmp_path):
    root = tmp_path / "upper"
    blocked = _copy_of(unit, root, "targets-1")
    with _registered(unit, root) as workspace:
        blocked.mkdir(parents=True)  # a folder where the copy must go: the write fails
        outcomes = receive(
            workspace, [unit.packages["targets-1"], unit.packages["self-evaluation-1"]]
        )
        assert [item.status for item in outcomes] == ["refused", "received"]
        assert outcomes[0].message.startswith("无法保存数据包")
        assert _stored(root) == [("self-evaluation", 1)]
        assert _copy_of(unit, root, "self-evaluation-1").read_bytes() == unit.blob(
            "self-evaluation-1"
        )
        with workspace.reading() as uow:
            assert uow.audit.breaks() == []
        blocked.rmdir()
        again = receive(workspace, [unit.packages["targets-1"]])
        assert [item.status for item in again] == ["received"]
        assert blocked.read_bytes() == unit.blob("targets-1")


def test_rows_that_fail_wait_for_the_copy_before_it_is_removed(unit, tmp_path, monkeypatch):
    root = tmp_path / "upper"
    written = threading.Event()
    slow_write = copies._write

    def slow(target: Path, blob: bytes) -> None:
        time.sleep(0.2)  # the rows fail long before the copy is on the disk
        slow_write(target, blob)
        written.set()

    def failing(*_args: object, **_kwargs: object) -> None:
        raise OSError("rows failed")

    monkeypatch.setattr(copies, "_write", slow)
    monkeypatch.setattr(ReceiptRecords, "add_received", failing)
    with _registered(unit, root) as workspace, pytest.raises(OSError, match="rows failed"):
        receive(workspace, [unit.packages["targets-1"]])
    assert written.is_set()  # the copy was finished before the package was given up …
    assert not _copy_of(unit, root, "targets-1").exists()  # … and then removed
    assert _stored(root) == []


def test_the_started_compression_is_taken_only_for_the_same_bytes():
    first, second = b'{"a": "' + b"x" * 5000 + b'"}', b'{"b": "' + b"y" * 5000 + b'"}'
    data_packing.start(first)
    assert zlib.decompress(data_packing.packed(first)) == first
    data_packing.start(first)
    assert zlib.decompress(data_packing.packed(bytes(second))) == second  # not the started one
    data_packing.start(first)
    data_packing.start(second)  # replaces the first start
    assert zlib.decompress(data_packing.packed(first)) == first
    assert data_packing.packed(first) == data_packing.pack(first)


def test_the_started_compression_is_taken_for_an_equal_copy(monkeypatch):
    data = b'{"a": "' + b"z" * 5000 + b'"}'
    data_packing.start(data)
    monkeypatch.setattr(data_packing, "pack", _not_again)  # the started result, not a new one
    assert zlib.decompress(data_packing.packed(bytes(bytearray(data)))) == data


def _not_again(data: bytes) -> bytes:
    raise AssertionError("compressed a second time")


def test_a_disk_that_fills_during_the_copy_leaves_no_part_of_it(unit, tmp_path, monkeypatch):
    root = tmp_path / "upper"
    opened = Path.open

    class FullDisk:
        def __init__(self, file):
            self.file = file

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

        def write(self, blob: bytes) -> int:
            self.file.write(blob[: len(blob) // 2])
            self.file.flush()
            raise OSError(errno.ENOSPC, "No space left on device")

    def full(path: Path, mode: str = "r", *args, **kwargs):
        return (
            FullDisk(opened(path, mode, *args, **kwargs))
            if mode == "wb"
            else opened(path, mode, *args, **kwargs)
        )

    with _registered(unit, root) as workspace:
        monkeypatch.setattr(Path, "open", full)
        outcomes = receive(workspace, [unit.packages["targets-1"]])
        monkeypatch.undo()
        assert [item.status for item in outcomes] == ["refused"]
        assert outcomes[0].message == "无法保存数据包：No space left on device"
        assert not _copy_of(unit, root, "targets-1").exists()
        assert _stored(root) == []
        assert [item.status for item in receive(workspace, [unit.packages["targets-1"]])] == [
            "received"
        ]
