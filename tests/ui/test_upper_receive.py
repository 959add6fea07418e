"""接收 as the finance officer uses it: a folder dropped or chosen, the results, the quarantine.

A USB stick's folder holds the units' packages in subfolders, a damaged copy and other files: the
packages are received off the GUI thread, the result list says what happened to each and stays,
the damaged one is quarantined with its reason. A cancelled batch keeps nothing.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from tests.ui.upper_fixtures import JOB_TIMEOUT_MS, UPPER_PASSPHRASE
from unionperf.services.common import transport
from unionperf.services.inbox.receive import OutcomeKind
from unionperf.services.upper.received import received_packages
from unionperf.ui.jobs import run_job
from unionperf.ui.upper.receive import page as receive_page
from unionperf.ui.upper.receive.page import ReceivePage
from unionperf.ui.upper.steps import UpperStep

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


def _page(upper_window) -> ReceivePage:
    page = upper_window.open_page(UpperStep.RECEIVE)
    assert isinstance(page, ReceivePage)
    return page


def _usb(sub_units, folder: Path) -> Path:
    """Two units' targets in subfolders, a damaged copy of one, and a stray file."""
    first = sub_units[0].send("targets", folder / "东片")
    sub_units[1].send("targets", folder / "西片" / "二组")
    damaged = folder / "坏的" / first.name
    damaged.parent.mkdir(parents=True)
    blob = bytearray(first.read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    damaged.write_bytes(bytes(blob))
    (folder / "说明.txt").write_text("不是数据包", encoding="utf-8")
    return folder


def _wait(qtbot, page: ReceivePage) -> None:
    qtbot.waitUntil(lambda: page.job is None, timeout=JOB_TIMEOUT_MS)


def test_a_folder_is_received_with_its_subfolders_and_the_results_stay(  # noqa: PLR0917 - fixtures
    qtbot, upper_window, district, sub_units, told, tmp_path, monkeypatch
):
    page = _page(upper_window)
    folder = _usb(sub_units, tmp_path / "U盘")
    monkeypatch.setattr(receive_page, "choose_package_folder", lambda _parent: folder)
    qtbot.mouseClick(page.folder_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, page)
    assert told["errors"] == []
    kinds = sorted(line.kind for line in page.results.rows())
    assert kinds == sorted([OutcomeKind.RECEIVED, OutcomeKind.RECEIVED, OutcomeKind.QUARANTINED])
    received = [line for line in page.results.rows() if line.kind is OutcomeKind.RECEIVED]
    assert {line.unit_name for line in received} == {sub_units[0].name, sub_units[1].name}
    assert "3 packages" in page.summary.text()
    assert page.quarantine.rowCount() == 1
    [entry] = page.quarantine.rows()
    assert entry.name == sub_units[0].sent["targets"].file_name
    assert entry.reason
    assert len(received_packages(district)) == 2

    upper_window.open_page(UpperStep.BOARD)  # the list stays while another page is shown
    upper_window.open_page(UpperStep.RECEIVE)
    assert page.results.rowCount() == 3


def test_again_is_already_received_and_a_new_sequence_supersedes(  # noqa: PLR0917 - fixtures
    qtbot, upper_window, district, sub_units, told, tmp_path
):
    page = _page(upper_window)
    unit = sub_units[2]
    first = unit.send("targets", tmp_path / "一")
    sequence = unit.sent["targets"].sequence
    page.receive_paths([first])
    _wait(qtbot, page)
    page.receive_paths([first])
    _wait(qtbot, page)
    assert [line.kind for line in page.results.rows()] == [OutcomeKind.ALREADY_RECEIVED]
    assert page.results.row(0).unit_name == unit.name  # from the file name's credit code
    second = unit.send("targets", tmp_path / "二")
    page.receive_paths([second])
    _wait(qtbot, page)
    [line] = page.results.rows()
    assert line.kind is OutcomeKind.SUPERSEDED
    assert line.outcome.sequence == sequence + 1
    assert told["errors"] == []


def test_files_dropped_on_the_page_are_received(qtbot, upper_window, sub_units, tmp_path):
    page = _page(upper_window)
    path = sub_units[0].send("targets", tmp_path / "邮件附件")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.drop_area.dropEvent(drop)
    _wait(qtbot, page)
    assert [line.kind for line in page.results.rows()] == [OutcomeKind.RECEIVED]


def test_a_folder_without_packages_says_so(qtbot, upper_window, tmp_path):
    page = _page(upper_window)
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    page.receive_paths([empty])
    _wait(qtbot, page)
    assert "No package" in page.summary.text()
    assert page.results.rowCount() == 0


def test_a_cancelled_batch_keeps_nothing(qtbot, upper_window, district, sub_units, tmp_path):
    page = _page(upper_window)
    folder = _usb(sub_units, tmp_path / "U盘")
    release = threading.Event()
    blocker = run_job(lambda _progress: release.wait(JOB_TIMEOUT_MS / 1000), print, print)
    job = page.receive_paths([folder])  # queued behind the blocker on the one-thread pool
    assert job is not None
    job.cancel()  # as the progress dialog's 取消 does
    release.set()
    _wait(qtbot, page)
    assert blocker.done.is_set()
    assert "Cancelled" in page.summary.text()
    assert page.results.rowCount() == 0
    assert received_packages(district) == []
    assert page.quarantine.rowCount() == 0


def test_an_encrypted_package_asks_the_passphrase_once_and_is_received(  # noqa: PLR0917 - fixtures
    qtbot, upper_window, district, sub_units, told, tmp_path, monkeypatch
):
    page = _page(upper_window)
    folder = tmp_path / "邮件附件"
    plain = sub_units[0].send("targets", folder)
    recipient = transport.own_recipient(district)
    assert recipient is not None
    sealed = plain.with_name(plain.name + ".age")
    sealed.write_bytes(transport.encrypt_to(recipient, plain.read_bytes()))
    plain.unlink()
    asked: list[str] = []

    def passphrase(_parent, problem: str = "") -> str:
        asked.append(problem)
        return UPPER_PASSPHRASE

    monkeypatch.setattr(receive_page, "ask_upper_passphrase", passphrase)
    page.receive_paths([folder])
    _wait(qtbot, page)
    assert told["errors"] == []
    assert asked == [""]
    [line] = page.results.rows()
    assert line.kind is OutcomeKind.RECEIVED
    assert "已解密" in line.outcome.message
    assert len(received_packages(district)) == 1


def test_a_batch_without_encrypted_packages_asks_no_passphrase(  # noqa: PLR0917 - fixtures
    qtbot, upper_window, sub_units, told, tmp_path, monkeypatch
):
    page = _page(upper_window)
    folder = tmp_path / "U盘"
    sub_units[1].send("targets", folder)
    monkeypatch.setattr(receive_page, "ask_upper_passphrase", lambda *_args: pytest.fail("asked"))
    page.receive_paths([folder])
    _wait(qtbot, page)
    assert told["errors"] == []
    assert [line.kind for line in page.results.rows()] == [OutcomeKind.RECEIVED]


def _cells(page: ReceivePage, row: int) -> list[str]:
    model = page.results
    return [str(model.index(row, column).data() or "") for column in range(model.columnCount())]


def test_every_result_row_names_its_unit_year_stage_and_sequence(
    qtbot, upper_window, sub_units, told, tmp_path
):
    """Renamed files (e-mail attachments): only the package itself can name the unit."""
    page = _page(upper_window)
    unit = sub_units[1]
    first = unit.send("targets", tmp_path / "一")
    second = unit.send("targets", tmp_path / "二")
    renamed = {}
    for label, path in (("旧", first), ("新", second)):
        renamed[label] = path.rename(tmp_path / f"附件{label}.upkg")
    damaged = tmp_path / "附件坏.upkg"
    blob = bytearray(renamed["新"].read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    damaged.write_bytes(bytes(blob))
    page.receive_paths([renamed["新"]])
    _wait(qtbot, page)
    page.receive_paths([renamed["新"], renamed["旧"], damaged])
    _wait(qtbot, page)
    kinds = [line.kind for line in page.results.rows()]
    assert kinds[:2] == [OutcomeKind.ALREADY_RECEIVED, OutcomeKind.REFUSED]
    sequences = {0: second.name, 1: first.name}
    for row, original in sequences.items():
        cells = _cells(page, row)
        assert unit.name in cells, cells
        assert "2024" in cells, cells
        assert "绩效目标" in cells, cells
        assert original.rsplit("_", 1)[1].removesuffix(".upkg") in cells, cells
    assert kinds[2] is OutcomeKind.QUARANTINED
    damaged_cells = _cells(page, 2)  # damaged in its data: its signature still says whose
    assert unit.name in damaged_cells, damaged_cells
    assert "绩效目标" in damaged_cells, damaged_cells
    assert told["errors"] == []


def test_the_toolbar_follows_the_first_packages_of_another_year(
    qtbot, upper_window, sub_units, told, tmp_path
):
    """Seen in the walk: a new workspace shows this year; the first packages were of 2024 and
    the board said 未报 for the unit that had just sent them."""
    context = upper_window.context
    context.choose(2030, "targets")
    page = _page(upper_window)
    page.receive_paths([sub_units[0].send("self-evaluation", tmp_path / "一")])
    _wait(qtbot, page)
    assert (context.year, context.stage) == (2024, "self-evaluation")
    assert upper_window.year.currentData() == 2024
    assert upper_window.stage.currentData() == "self-evaluation"
    assert "toolbar now shows 2024" in page.summary.text()
    page.receive_paths([sub_units[1].send("targets", tmp_path / "二")])  # the year shown
    _wait(qtbot, page)
    assert (context.year, context.stage) == (2024, "self-evaluation")
    assert "toolbar" not in page.summary.text()
    assert told["errors"] == []
