"""Dialogs every screen uses: errors in Chinese with what to do, the adjustment reason.

Tests replace :func:`show_error` and :func:`ask_adjustment_reason` (modal dialogs would wait for
a click that never comes); screens call them through this module, never ``QMessageBox`` directly.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from unionperf.services.common.errors import ServiceError, local_today
from unionperf.services.common.workspace import BackupFile

__all__ = [
    "ask_adjustment_reason",
    "backup_time",
    "local_time",
    "show_error",
    "show_info",
    "this_year",
]

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, title: str, error: BaseException | str) -> None:
    """Tell the user what went wrong (and, for a refused import or export, every item)."""
    text = str(error)
    log.warning("%s: %s", title, text)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorMessage")
    if isinstance(error, ServiceError) and error.details():
        box.setDetailedText("\n".join(error.details()))
    box.exec()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    """A plain notice with an OK button."""
    QMessageBox.information(parent, title, text)


def ask_adjustment_reason(parent: QWidget | None, stage_label: str) -> str | None:
    """Ask why a signed-off stage is changed; ``None`` when the user cancels."""
    text, accepted = QInputDialog.getText(
        parent,
        QCoreApplication.translate("Messages", "Adjustment"),
        QCoreApplication.translate(
            "Messages",
            "“{stage}” was signed off by the chair and is locked.\n"
            "A change now is an adjustment: give the reason (it is kept in the history).",
        ).format(stage=stage_label),
        QLineEdit.EchoMode.Normal,
    )
    return text.strip() if accepted and text.strip() else None


def this_year() -> int:
    """The current year on this computer's clock."""
    return local_today().year


def backup_time(backup: BackupFile) -> str:
    """When a backup was taken, in local time to the minute."""
    return local_time(backup.taken_at)


def local_time(moment: datetime) -> str:
    """An aware time as this computer's clock shows it, to the minute."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
