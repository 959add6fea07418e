"""文件 › 从备份恢复…: the backups with time, reason and contents; restore one after confirming.

The list is read from each backup file (unit, years, projects per year) without opening it as
the workspace. Restoring asks first, says that the current data is backed up before, and the
checks of :mod:`unionperf.services.common.backups` decide; a refusal is shown in one line and
nothing changed. The dialog works on an open workspace (the main window) or on a workspace that
could not be opened because its database is damaged (at start, :func:`offer_restore`).

The confirmation and the file picker are module functions, so tests replace them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionperf.services.common import backups
from unionperf.services.common.backups import BackupEntry, RestoreResult
from unionperf.services.common.errors import ServiceError
from unionperf.ui import messages

__all__ = [
    "RestoreDialog",
    "choose_backup_file",
    "confirm_restore",
    "offer_restore",
]

DIALOG_SIZE = (1040, 520)
"""The dialog's size: the six columns without scrolling, inside a 1366×768 screen."""
REFUSED_COLOUR = "#8a8a8a"
"""Rows that cannot be restored are greyed out."""
NOTE_COLOUR = "#a12b2b"
"""Why the selected backup cannot be restored."""
CONFIRM_WIDTH_CHARS = 36
"""The confirmation's text is at least this many Chinese characters wide (fewer broken lines)."""
POLICY_COLOUR = "#555555"
"""The retention policy under the introduction."""


def confirm_restore(parent: QWidget, text: str) -> bool:
    """Ask whether to restore (恢复 / 取消); ``True`` when the user chose to restore."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("RestoreDialog", "Restore from backup"),
        text,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("confirmRestore")
    width = box.fontMetrics().horizontalAdvance("中") * CONFIRM_WIDTH_CHARS
    box.setStyleSheet(f"QLabel#qt_msgbox_label {{ min-width: {width}px; }}")
    restore = box.addButton(
        QCoreApplication.translate("RestoreDialog", "Restore"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(
        QCoreApplication.translate("RestoreDialog", "Cancel"), QMessageBox.ButtonRole.RejectRole
    )
    box.exec()
    return box.clickedButton() is restore


def choose_backup_file(parent: QWidget, start: Path) -> Path | None:
    """Ask for a backup file elsewhere (a USB stick); ``None`` when cancelled."""
    chosen, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("RestoreDialog", "Choose a backup file"),
        str(start),
        QCoreApplication.translate("RestoreDialog", "Workspace backups (*.sqlite);;All files (*)"),
    )
    return Path(chosen) if chosen else None


class RestoreDialog(QDialog):
    """The backups of a workspace, and restore of the one chosen (or of another file)."""

    restored = Signal(object)
    """A restore was done (the :class:`RestoreResult` is passed); the caller reloads."""

    def __init__(
        self,
        list_entries: Callable[[], list[BackupEntry]],
        restore: Callable[[Path], RestoreResult],
        backups_folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore from backup"))
        self._list_entries = list_entries
        self._restore = restore
        self.backups_folder = backups_folder
        self.entries: list[BackupEntry] = []
        intro = QLabel(
            self.tr(
                "Choose a backup to bring the workspace back to its state at that time. "
                "Before restoring, the current data is backed up, so a restore can be undone "
                "by restoring that backup."
            )
        )
        intro.setWordWrap(True)
        policy = QLabel(backups.RETENTION_TEXT)
        policy.setObjectName("retentionPolicy")
        policy.setWordWrap(True)
        policy.setStyleSheet(f"color: {POLICY_COLOUR}")
        self.table = self._build_table()
        self.details = QLabel()
        self.details.setObjectName("backupDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel()
        self.note.setObjectName("backupRefusal")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {NOTE_COLOUR}")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(policy)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.note)
        layout.addLayout(self._build_buttons())
        self.resize(*DIALOG_SIZE)
        self.refresh()

    def _build_table(self) -> QTableWidget:
        table = QTableWidget(0, 6)
        table.setObjectName("backupList")
        table.setHorizontalHeaderLabels(
            [
                self.tr("Taken at"),
                self.tr("Reason"),
                self.tr("Unit"),
                self.tr("Years"),
                self.tr("Projects"),
                self.tr("Size"),
            ]
        )
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.itemSelectionChanged.connect(self._selection_changed)
        table.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        return table

    def _build_buttons(self) -> QHBoxLayout:
        self.restore_button = QPushButton(self.tr("Restore this backup…"))
        self.restore_button.setObjectName("restoreSelected")
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore_selected)
        self.file_button = QPushButton(self.tr("Restore from another file…"))
        self.file_button.setObjectName("restoreFromFile")
        self.file_button.clicked.connect(self.restore_other_file)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.file_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        return buttons

    def refresh(self) -> None:
        """Read the backups again and list them, newest first (the newest selected)."""
        try:
            self.entries = self._list_entries()
        except ServiceError as error:
            messages.show_error(self, self.tr("Cannot list the backups"), error)
            self.entries = []
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            cells = [
                entry.local_time(),
                entry.reason_label,
                entry.unit_text(),
                entry.years_text(),
                entry.projects_text(),
                entry.size_text(),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if entry.refusal:
                    item.setForeground(QBrush(QColor(REFUSED_COLOUR)))
                    item.setToolTip(self.tr("Cannot be restored: {why}").format(why=entry.refusal))
                self.table.setItem(row, column, item)
        if self.entries:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> BackupEntry | None:
        """The backup selected in the list."""
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def restore_selected(self) -> None:
        """Restore the selected backup, after the user confirms."""
        entry = self.selected()
        if entry is None or entry.refusal:
            return
        text = self.tr(
            "Restore the workspace to the backup of {time} ({reason})?\n\n"
            "It holds: {unit}; years {years}; projects {projects}.\n\n"
            "The current data is backed up first, so it can be restored again later. "
            "The window then shows the restored data."
        ).format(
            time=entry.local_time(),
            reason=entry.reason_label,
            unit=entry.unit_text(),
            years=entry.years_text(),
            projects=entry.projects_text(),
        )
        self._restore_file(entry.path, text)

    def restore_other_file(self) -> None:
        """Pick a backup file elsewhere (a USB stick) and restore it, after the user confirms."""
        chosen = choose_backup_file(self, self.backups_folder)
        if chosen is None:
            return
        text = self.tr(
            "Restore the workspace from the file {name}?\n\n"
            "The file is checked first: it must be a backup of this unit's workspace. "
            "The current data is backed up first, so it can be restored again later. "
            "The window then shows the restored data."
        ).format(name=chosen.name)
        self._restore_file(chosen, text)

    def _restore_file(self, path: Path, question: str) -> None:
        if not confirm_restore(self, question):
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = self._restore(path)
        except ServiceError as error:
            QGuiApplication.restoreOverrideCursor()
            messages.show_error(self, self.tr("The backup was not restored"), error)
            self.refresh()
            return
        QGuiApplication.restoreOverrideCursor()
        self.restored.emit(result)
        messages.show_info(
            self,
            self.tr("Restored"),
            self.tr(
                "The workspace was restored from {name}.\n"
                "The data before the restore was backed up as {safety}."
            ).format(name=path.name, safety=result.safety.name),
        )
        self.accept()

    def _selection_changed(self) -> None:
        entry = self.selected()
        self.restore_button.setEnabled(entry is not None and not entry.refusal)
        if entry is None:
            self.details.setText(self.tr("No backup yet.") if not self.entries else "")
            self.note.setText("")
            return
        self.details.setText(self.tr("File: {path}").format(path=entry.path))
        self.note.setText(
            self.tr("Cannot be restored: {why}").format(why=entry.refusal) if entry.refusal else ""
        )


def offer_restore(root: Path, error: ServiceError, parent: QWidget | None = None) -> bool:
    """At start, a damaged workspace: say so and offer the restore dialog; ``True`` if restored.

    The caller holds the workspace's writer lock.
    """
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("RestoreDialog", "Restore from backup"),
        QCoreApplication.translate(
            "RestoreDialog", "The workspace cannot be opened:\n{error}\n\nRestore it from a backup?"
        ).format(error=error),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("offerRestore")
    choose = box.addButton(
        QCoreApplication.translate("RestoreDialog", "Choose a backup…"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.addButton(
        QCoreApplication.translate("RestoreDialog", "Quit"), QMessageBox.ButtonRole.RejectRole
    )
    box.exec()
    if box.clickedButton() is not choose:
        return False
    dialog = RestoreDialog(
        lambda: backups.list_backups(root),
        lambda path: backups.restore_locked(root, path),
        backups.backups_folder(root),
        parent,
    )
    done: list[RestoreResult] = []
    dialog.restored.connect(done.append)
    dialog.exec()
    return bool(done)
