"""Receiving a folder: subfolders searched, each package reported by kind, progress and cancel."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.exchange.packages import upper_workspace
from tests.services.upper_units import SubUnit, sub_unit
from unionperf.services.common.progress import Cancelled
from unionperf.services.common.workspace import Workspace
from unionperf.services.inbox.receive import (
    OutcomeKind,
    collect_packages,
    quarantine_list,
    receive,
)
from unionperf.services.upper.register import register


@pytest.fixture
def upper(tmp_path) -> Iterator[Workspace]:
    workspace = upper_workspace(tmp_path / "upper")
    yield workspace
    workspace.close()


def _registered(upper: Workspace, tmp_path: Path, *numbers: int) -> list[SubUnit]:
    made = [sub_unit(number) for number in numbers]
    for unit in made:
        pub = unit.pub_file(tmp_path / "keys")
        register(upper, pub, unit.code, unit.name, key_id=unit.key_id)
    return made


def _rows(upper: Workspace) -> list[tuple[str, int, str]]:
    with upper.reading() as uow:
        return [
            (item.unit_code, item.sequence, item.received_at) for item in uow.register.received()
        ]


def test_a_folder_with_subfolders_is_searched_for_packages(tmp_path):
    inbox = tmp_path / "U盘"
    (inbox / "三月" / "第二周").mkdir(parents=True)
    for name in ("b.upkg", "a.UPKG", "readme.txt", "三月/c.upkg", "三月/第二周/d.upkg"):
        (inbox / name).write_bytes(b"")
    loose = tmp_path / "loose.pkg"
    loose.write_bytes(b"")
    found = collect_packages([inbox, loose, tmp_path / "nowhere.upkg"])
    assert [str(path.relative_to(tmp_path)) for path in found] == [
        "U盘/a.UPKG",
        "U盘/b.upkg",
        "U盘/三月/c.upkg",
        "U盘/三月/第二周/d.upkg",
        "loose.pkg",  # a file named is taken as it is
        "nowhere.upkg",  # kept, so that its refusal is reported
    ]


def test_each_package_of_a_folder_is_reported_by_kind(upper, tmp_path):
    first, second, third = _registered(upper, tmp_path, 1, 2, 3)
    earlier = tmp_path / "earlier"
    old = first.send("targets", earlier)  # sequence 1, received before the folder
    assert receive(upper, [old])[0].kind is OutcomeKind.RECEIVED
    inbox = tmp_path / "inbox"
    newer = first.send("targets", inbox / "单位一")  # sequence 2
    again = inbox / "单位一" / "副本" / old.name
    again.parent.mkdir(parents=True)
    again.write_bytes(old.read_bytes())  # the same package again
    second.send("targets", inbox / "单位二")
    replayed = first.send("targets", tmp_path / "later")  # sequence 3, sent aside
    blob = bytearray(third.send("targets", tmp_path / "x").read_bytes())
    blob[len(blob) // 2] ^= 0x20
    tampered = inbox / "单位三" / "damaged.upkg"
    tampered.parent.mkdir(parents=True)
    tampered.write_bytes(bytes(blob))
    assert receive(upper, [replayed])[0].kind is OutcomeKind.SUPERSEDED
    outcomes = receive(upper, [inbox])
    kinds = {item.path.relative_to(inbox).as_posix(): item.kind for item in outcomes}
    assert kinds == {
        f"单位一/{newer.name}": OutcomeKind.REFUSED,  # older than sequence 3
        f"单位一/副本/{old.name}": OutcomeKind.ALREADY_RECEIVED,
        f"单位二/{second.code}_2024_targets_1.upkg": OutcomeKind.RECEIVED,
        "单位三/damaged.upkg": OutcomeKind.QUARANTINED,
    }
    labels = {item.kind.label for item in outcomes}
    assert labels == {"已拒收", "已接收过", "已接收", "已隔离"}
    received = next(item for item in outcomes if item.kind is OutcomeKind.RECEIVED)
    assert (received.unit_code, received.year, received.stage, received.sequence) == (
        second.code,
        2024,
        "targets",
        1,
    )
    quarantined = quarantine_list(upper)
    assert {entry.name for entry in quarantined} == {newer.name, "damaged.upkg"}
    assert all(entry.reason and entry.refused_at for entry in quarantined)
    assert all(entry.file is not None and entry.file.is_file() for entry in quarantined)


class _Watcher:
    def __init__(self, stop_after: int | None = None) -> None:
        self.steps: list[tuple[int, int]] = []
        self.stop_after = stop_after

    def step(self, done: int, total: int) -> None:
        self.steps.append((done, total))

    def cancelled(self) -> bool:
        return self.stop_after is not None and len(self.steps) >= self.stop_after


def test_progress_is_reported_and_the_time_of_receipt_recorded(upper, tmp_path):
    units = _registered(upper, tmp_path, 1, 2, 3)
    for unit in units:
        unit.send("targets", tmp_path / "in")
    times = iter(
        ["2025-01-10T02:00:00+00:00", "2025-01-11T02:00:00+00:00", "2025-02-20T02:00:00+00:00"]
    )
    watcher = _Watcher()
    receive(upper, [tmp_path / "in"], progress=watcher, clock=lambda: next(times))
    assert watcher.steps == [(1, 3), (2, 3), (3, 3)]
    assert [at for _, _, at in _rows(upper)] == [
        "2025-01-10T02:00:00+00:00",
        "2025-01-11T02:00:00+00:00",
        "2025-02-20T02:00:00+00:00",
    ]


@pytest.mark.sqlite_only("on PostgreSQL each package commits on its own; cancel keeps those done")
def test_a_cancelled_batch_keeps_nothing(upper, tmp_path):
    units = _registered(upper, tmp_path, 1, 2, 3)
    inbox = tmp_path / "in"
    for unit in units:
        unit.send("targets", inbox)
    (inbox / "zz-broken.upkg").write_bytes(b"not a zip")
    watcher = _Watcher(stop_after=2)  # the broken file (quarantined) and one package, then stop
    with pytest.raises(Cancelled):
        receive(upper, [inbox / "zz-broken.upkg", inbox], progress=watcher)
    assert _rows(upper) == []
    assert not any((upper.paths.root / "received").rglob("*.upkg"))
    assert quarantine_list(upper) == []  # the refusal of the cancelled batch is gone too
    assert len(receive(upper, [inbox])) == 4  # and the folder can be received again
    assert len(_rows(upper)) == 3
