"""The dialogs of the submit step: a folder, a package file, the passphrase, an explanation.

The page calls them by the names it imports, so tests replace them in the page module.
Strings keep their translation context (``SubmitStep``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from unionperf.domain.problems import Problem
from unionperf.ui.file_dialogs import choose_existing_folder, choose_open_file

__all__ = [
    "ask_explanation",
    "ask_passphrase",
    "choose_folder",
    "choose_package_file",
    "open_path",
]


def choose_folder(parent: QWidget, title: str) -> Path | None:
    """Ask for a folder (a USB stick); ``None`` when cancelled."""
    return choose_existing_folder(parent, title)


def choose_package_file(parent: QWidget, title: str) -> Path | None:
    """Ask for a feedback package file; ``None`` when cancelled."""
    return choose_open_file(
        parent,
        title,
        QCoreApplication.translate("SubmitStep", "Packages (*.upkg);;All files (*)"),
    )


def ask_passphrase(parent: QWidget, problem: str = "") -> str | None:
    """Ask for the signing key's passphrase (hidden as it is typed); ``None`` when cancelled.

    ``problem`` says why it is asked again (the passphrase typed before was wrong).
    """
    prompt = QCoreApplication.translate("SubmitStep", "Passphrase of the unit's signing key:")
    if problem:
        again = QCoreApplication.translate("SubmitStep", "Type it again.")
        prompt = f"{problem}\n{again}\n\n{prompt}"
    text, accepted = QInputDialog.getText(
        parent,
        QCoreApplication.translate("SubmitStep", "Signing passphrase"),
        prompt,
        QLineEdit.EchoMode.Password,
    )
    return text if accepted and text else None


def ask_explanation(parent: QWidget, problem: Problem, current: str) -> str | None:
    """Ask for the written explanation of a soft problem; ``None`` when cancelled."""
    text, accepted = QInputDialog.getMultiLineText(
        parent,
        QCoreApplication.translate("SubmitStep", "Explain a problem"),
        QCoreApplication.translate(
            "SubmitStep", "{where}\n{problem}\n\nWhy is this so? (travels with the package)"
        ).format(where=problem.where.label, problem=problem.message),
        current,
    )
    return text.strip() if accepted else None


def open_path(path: Path) -> bool:
    """Open a file with the system's viewer (the PDF viewer prints it)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
