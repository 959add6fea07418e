"""The file and folder pickers: Chinese labels, the documents folder first, then the last folder.

The tests answer the real dialog as a user does: look where it opened, pick a folder or a file,
click the button that accepts it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel

from tests.chinese import english_in
from tests.ui.test_chinese_window import window_texts
from unionperf.ui import file_dialogs
from unionperf.ui.settings import AppSettings

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


FOLDER_CONTENT = ("lookInCombo", "fileNameEdit")
"""The dialog's widgets that show the user's folders (besides the cells of its lists)."""


@pytest.fixture
def settings(tmp_path) -> AppSettings:
    return AppSettings(tmp_path / "settings.ini")


@pytest.fixture
def documents() -> Path:
    folder = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Seen:
    """What the dialog showed when it opened."""

    folder: Path | None = None
    texts: list[tuple[str, str]]
    labels: list[str]


def answer(act: Callable[[QFileDialog], None]) -> Seen:
    """Answer the next file dialog with ``act``, noting where it opened and what it said."""
    seen = Seen()

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(10, look)
            return
        seen.folder = Path(dialog.directory().absolutePath())
        seen.texts = [  # the dialog's own words, not the names of the folders it lists
            (where, text)
            for where, text in window_texts(dialog)
            if not any(part in where for part in FOLDER_CONTENT) and " [" not in where
        ]
        seen.labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
        act(dialog)

    QTimer.singleShot(0, look)
    return seen


def pick(path: Path) -> Callable[[QFileDialog], None]:
    """Type ``path`` into the name field and click the accepting button."""

    def act(dialog: QFileDialog) -> None:
        dialog.selectFile(str(path))
        buttons = dialog.findChild(QDialogButtonBox)
        button = buttons.button(QDialogButtonBox.StandardButton.Open) or buttons.button(
            QDialogButtonBox.StandardButton.Save
        )
        button.click()

    return act


def cancel(dialog: QFileDialog) -> None:
    dialog.reject()


def test_a_folder_picker_reads_chinese_and_starts_in_the_documents_folder(
    qtbot, zh_cn, settings, documents, tmp_path
):
    usb = tmp_path / "U盘"
    usb.mkdir()
    seen = answer(pick(usb))
    chosen = file_dialogs.choose_existing_folder(None, "数据包保存位置", settings=settings)
    assert chosen == usb
    assert seen.folder == documents
    assert "查找范围(&L)：" in seen.labels
    assert "文件类型(&T)：" in seen.labels
    assert english_in(seen.texts) == []


def test_the_next_picker_starts_in_the_folder_chosen_last_even_after_a_restart(
    qtbot, zh_cn, settings, documents, tmp_path
):
    usb = tmp_path / "U盘"
    usb.mkdir()
    answer(pick(usb))
    file_dialogs.choose_existing_folder(None, "数据包保存位置", settings=settings)
    again = answer(cancel)
    chosen = file_dialogs.choose_open_file(None, "反馈数据包", "数据包 (*.upkg)", settings=settings)
    assert chosen is None
    assert again.folder == usb
    restarted = AppSettings(settings.file)
    assert file_dialogs.start_folder(restarted) == usb


def test_a_file_picked_remembers_its_folder(qtbot, zh_cn, settings, documents, tmp_path):
    inbox = tmp_path / "收件"
    inbox.mkdir()
    package = inbox / "反馈.upkg"
    package.write_bytes(b"x")
    answer(pick(package))
    chosen = file_dialogs.choose_open_file(None, "反馈数据包", "数据包 (*.upkg)", settings=settings)
    assert chosen == package
    assert settings.last_folder() == inbox


def test_a_folder_that_is_gone_falls_back_to_the_documents_folder(settings, documents, tmp_path):
    settings.set_last_folder(tmp_path / "已拔出的U盘")
    assert file_dialogs.start_folder(settings) == documents


def test_a_cancelled_picker_remembers_nothing(qtbot, zh_cn, settings, documents):
    answer(cancel)
    assert file_dialogs.choose_existing_folder(None, "数据包保存位置", settings=settings) is None
    assert settings.last_folder() is None


def test_a_save_picker_suggests_the_name(qtbot, zh_cn, settings, documents, tmp_path):
    seen = answer(lambda dialog: pick(tmp_path / dialog.selectedFiles()[0].split("/")[-1])(dialog))
    chosen = file_dialogs.choose_save_file(
        None, "导出填报表", "2024年填报表.xlsx", "Excel 工作簿 (*.xlsx)", settings=settings
    )
    assert chosen == tmp_path / "2024年填报表.xlsx"
    assert seen.folder == documents
