"""Opening the workspace folder in the system's file manager (文件 › 打开工作区所在文件夹).

Tests replace :func:`open_folder`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from unionperf.ui import messages

__all__ = ["open_folder", "open_workspace_folder"]


def open_folder(path: Path) -> bool:
    """Show a folder in the system's file manager; ``False`` when nothing could open it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_workspace_folder(parent: QWidget, root: Path) -> None:
    """Open the workspace folder; when no file manager opens it, say which folder it is."""
    if not open_folder(root):
        messages.show_error(
            parent,
            QCoreApplication.translate("WorkspaceFolder", "The folder was not opened"),
            QCoreApplication.translate(
                "WorkspaceFolder", "Cannot open the folder: {folder}"
            ).format(folder=root),
        )
