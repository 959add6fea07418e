"""The file and folder pickers: Qt's dialog in Chinese, starting where the user was last.

Every picker of the window goes through here. A picker starts in the folder chosen last (kept in
the user's settings, so it survives a restart), else in the user's documents folder, else in the
home folder — never in the program's folder. The labels are Chinese because the app installs
Qt's zh_CN catalogue and the strings it lacks (``app.install_translators``).

Screens import these functions by name, so tests replace them in the screen's module; the tests
of this module answer the real dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialog, QFileDialog, QSplitter, QWidget

from unionperf.ui.settings import AppSettings

SIZE_CHARS = (56, 30)
"""The dialog's size in widths of a 中: roomy, and inside a 1366×768 screen."""
SIDEBAR_CHARS = 9
"""The places list (计算机, the home folder…) wide enough for its names."""

__all__ = [
    "choose_existing_folder",
    "choose_open_file",
    "choose_open_files",
    "choose_save_file",
    "file_dialog",
    "start_folder",
]


def start_folder(settings: AppSettings | None = None) -> Path:
    """Where a picker opens: the folder chosen last, else the documents folder, else home."""
    last = (settings or AppSettings()).last_folder()
    if last is not None and last.is_dir():
        return last
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def file_dialog(
    parent: QWidget | None,
    title: str,
    mode: QFileDialog.FileMode,
    *,
    filters: str = "",
    start: Path | None = None,
    settings: AppSettings | None = None,
) -> QFileDialog:
    """A picker for ``mode`` opening in ``start`` (default: :func:`start_folder`)."""
    dialog = QFileDialog(parent, title, str(start or start_folder(settings)))
    dialog.setObjectName("fileDialog")
    em = dialog.fontMetrics().horizontalAdvance("中")
    dialog.resize(SIZE_CHARS[0] * em, SIZE_CHARS[1] * em)
    splitter = dialog.findChild(QSplitter, "splitter")  # Qt's own dialog (not a native one)
    if splitter is not None and splitter.count() == 2:  # noqa: PLR2004 - places | files
        splitter.setSizes([SIDEBAR_CHARS * em, (SIZE_CHARS[0] - SIDEBAR_CHARS) * em])
    dialog.setFileMode(mode)
    if mode is QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    if filters:
        dialog.setNameFilter(filters)
    return dialog


def _chosen(dialog: QFileDialog, settings: AppSettings | None) -> list[Path]:
    """Run the dialog; the paths chosen (empty when cancelled), the folder remembered."""
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return []
    paths = [Path(name) for name in dialog.selectedFiles() if name]
    if paths:
        directory = dialog.fileMode() is QFileDialog.FileMode.Directory
        folder = paths[0] if directory else paths[0].parent
        (settings or AppSettings()).set_last_folder(folder)
    return paths


def choose_existing_folder(
    parent: QWidget | None,
    title: str,
    *,
    start: Path | None = None,
    settings: AppSettings | None = None,
) -> Path | None:
    """Ask for a folder (a USB stick, the place of a workspace); ``None`` when cancelled."""
    dialog = file_dialog(
        parent, title, QFileDialog.FileMode.Directory, start=start, settings=settings
    )
    chosen = _chosen(dialog, settings)
    return chosen[0] if chosen else None


def choose_open_file(
    parent: QWidget | None, title: str, filters: str, *, settings: AppSettings | None = None
) -> Path | None:
    """Ask for one existing file; ``None`` when cancelled."""
    dialog = file_dialog(
        parent, title, QFileDialog.FileMode.ExistingFile, filters=filters, settings=settings
    )
    chosen = _chosen(dialog, settings)
    return chosen[0] if chosen else None


def choose_open_files(
    parent: QWidget | None, title: str, filters: str, *, settings: AppSettings | None = None
) -> list[Path]:
    """Ask for one or more existing files; empty when cancelled."""
    dialog = file_dialog(
        parent, title, QFileDialog.FileMode.ExistingFiles, filters=filters, settings=settings
    )
    return _chosen(dialog, settings)


def choose_save_file(
    parent: QWidget | None,
    title: str,
    name: str,
    filters: str,
    *,
    settings: AppSettings | None = None,
) -> Path | None:
    """Ask where to write a file, ``name`` suggested; ``None`` when cancelled.

    The dialog asks before replacing an existing file.
    """
    dialog = file_dialog(
        parent, title, QFileDialog.FileMode.AnyFile, filters=filters, settings=settings
    )
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(name)
    chosen = _chosen(dialog, settings)
    return chosen[0] if chosen else None
