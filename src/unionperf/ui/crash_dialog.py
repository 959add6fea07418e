"""The dialog that says an unexpected error happened and where its report is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionperf.ui import crash

__all__ = ["CrashDialog"]


class CrashDialog(QDialog):
    """An error happened: where its report is, with "copy details" and "open log folder"."""

    def __init__(
        self, intro: str, details: str, report: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.report = report
        self.details = details
        self.setWindowTitle(self.tr("UnionPerf – unexpected error"))
        layout = QVBoxLayout(self)
        message = QLabel(intro)
        message.setWordWrap(True)
        layout.addWidget(message)
        where = QLabel(self.tr("Report: {path}").format(path=report))
        where.setObjectName("crashReportPath")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(where)
        text = QPlainTextEdit(details)
        text.setObjectName("crashDetails")
        text.setReadOnly(True)
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.copy_button.setObjectName("copyDetails")
        self.folder_button = QPushButton(self.tr("Open log folder"))
        self.folder_button.setObjectName("openLogFolder")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_details)
        self.folder_button.clicked.connect(self.open_log_folder)
        layout.addWidget(buttons)
        self.resize(720, 420)

    def copy_details(self) -> None:
        """Put the report path and the details on the clipboard (for an email to support)."""
        QGuiApplication.clipboard().setText(f"{self.report}\n\n{self.details}")

    def open_log_folder(self) -> None:
        """Show the folder holding the report in the file manager."""
        crash.open_folder(self.report.parent)
