"""单位信息 › 签名密钥: the upper key imported after checking its id, the key sheet reprinted."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.chinese import english_in
from tests.forms.pdfread import flat, needs_poppler, raw_flat
from tests.ui.test_chinese_window import window_texts
from unionperf.domain.cycle import Step
from unionperf.services.common import signing
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle.feedback import trusted_upper_key
from unionperf.ui import messages
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.unit import keys_box
from unionperf.ui.steps.unit.page import UnitStep

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

JOB_TIMEOUT_MS = 60_000
DEMO_PASSPHRASE = "demo"


def grouped(key_id: str) -> str:
    return " ".join(key_id[index : index + 4] for index in range(0, len(key_id), 4))


@pytest.fixture
def shown(monkeypatch):
    seen: dict[str, list[str]] = {"errors": [], "info": []}
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, title, error: seen["errors"].append(str(error))
    )
    monkeypatch.setattr(
        messages, "show_info", lambda _parent, _title, text: seen["info"].append(text)
    )
    return seen


@pytest.fixture
def page(qtbot, demo_workspace, zh_cn) -> UnitStep:
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    opened = window.open_step(Step.UNIT)
    assert isinstance(opened, UnitStep)
    return opened


@pytest.fixture
def upper_key(tmp_path) -> tuple[Path, str]:
    """The public key file the upper-level union handed over, and its key id."""
    upper = Workspace.create(tmp_path / "上级", passphrase="上级工会的签名口令要够长")
    try:
        path = signing.export_public_key(upper, tmp_path / "U盘" / "上级工会公钥.pub")
        return path, signing.public_key(upper).key_id_hex
    finally:
        upper.close()


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_upper_key_is_trusted_only_after_its_id_was_checked_against_the_paper(  # noqa: PLR0917
    qtbot, page, demo_workspace, upper_key, monkeypatch, shown
):
    path, key_id = upper_key
    monkeypatch.setattr(keys_box, "choose_key_file", lambda _parent: path)
    box = page.keys
    assert "尚未导入" in box.upper_state.text()
    _click(qtbot, box.upper_button)
    dialog = box.dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.key_id.text() == grouped(key_id)
    assert dialog.name.text() == demo_workspace.unit().upper_union
    assert english_in(window_texts(dialog)) == []
    assert trusted_upper_key(demo_workspace) is None  # nothing is trusted while it is checked
    assert not dialog.confirm.isEnabled()  # nothing typed off the paper yet
    qtbot.keyClicks(dialog.typed, "0000 1111 2222 3333")  # the sheet of another key
    assert not dialog.confirm.isEnabled()
    assert "不一致" in dialog.match.text()
    dialog.typed.clear()
    qtbot.keyClicks(dialog.typed, grouped(key_id).lower())  # as read off the sheet
    assert dialog.confirm.isEnabled()
    assert "一致" in dialog.match.text()
    assert "不一致" not in dialog.match.text()
    _click(qtbot, dialog.confirm)
    held = trusted_upper_key(demo_workspace)
    assert held is not None
    assert (held.key_id, held.name) == (key_id, demo_workspace.unit().upper_union)
    assert grouped(key_id) in box.upper_state.text()
    assert shown["errors"] == []


def test_a_key_not_confirmed_is_not_trusted(qtbot, page, demo_workspace, upper_key, monkeypatch):
    path, _key_id = upper_key
    monkeypatch.setattr(keys_box, "choose_key_file", lambda _parent: path)
    _click(qtbot, page.keys.upper_button)
    page.keys.dialog.reject()
    assert trusted_upper_key(demo_workspace) is None
    assert "尚未导入" in page.keys.upper_state.text()


def test_a_file_that_is_no_public_key_is_refused_in_chinese(  # noqa: PLR0917 - fixtures
    qtbot, page, demo_workspace, tmp_path, monkeypatch, shown
):
    wrong = tmp_path / "上级工会公钥.pub"
    wrong.write_text("这不是公钥\n", encoding="utf-8")
    monkeypatch.setattr(keys_box, "choose_key_file", lambda _parent: wrong)
    _click(qtbot, page.keys.upper_button)
    assert page.keys.dialog is None
    assert len(shown["errors"]) == 1
    assert "公钥文件" in shown["errors"][0]
    assert trusted_upper_key(demo_workspace) is None


def _print_sheet(qtbot, page, folder: Path, monkeypatch) -> Path:
    opened: list[Path] = []
    monkeypatch.setattr(keys_box, "choose_sheet_folder", lambda _parent: folder)
    monkeypatch.setattr(keys_box, "open_path", lambda path: opened.append(path) or True)
    _click(qtbot, page.keys.sheet_button)
    qtbot.waitUntil(lambda: bool(opened), timeout=JOB_TIMEOUT_MS)
    return opened[0]


@needs_poppler
def test_the_key_sheet_is_reprinted_and_after_a_rotation_shows_the_new_key(  # noqa: PLR0917
    qtbot, page, demo_workspace, tmp_path, monkeypatch, shown
):
    old = signing.key_info(demo_workspace).key_id
    first = _print_sheet(qtbot, page, tmp_path / "打印", monkeypatch)
    assert first.name == f"公钥登记表_{old}.pdf"
    assert flat(grouped(old)) in raw_flat(first)
    signing.rotate(demo_workspace, DEMO_PASSPHRASE)
    new = signing.key_info(demo_workspace).key_id
    second = _print_sheet(qtbot, page, tmp_path / "打印", monkeypatch)
    assert second.name == f"公钥登记表_{new}.pdf"
    whole = raw_flat(second)
    assert flat(grouped(new)) in whole
    assert f"替换的原密钥编号{flat(grouped(old))}" in whole
    assert shown["errors"] == []
