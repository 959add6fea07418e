"""The keys on the union profile page: reprint the key registration sheet, trust the upper key.

Two jobs of the year that only the command line could do before (issue 12): printing the key
registration sheet (公钥登记表) again — after a key rotation it shows the new key and the one it
replaces — and importing the upper-level union's public key: the user types the key id printed on
the upper level's sealed key sheet, and the key is trusted (for feedback and parameter packages)
only when the file's key id is the same — first trust is anchored on paper.

The dialogs are functions and a class of this module imported by the page's box by name, so
tests replace the file pickers and answer the confirmation dialog as a user does.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionperf.services.common.errors import ServiceError
from unionperf.services.common.progress import Progress
from unionperf.services.cycle import feedback
from unionperf.services.cycle.feedback import UpperKey
from unionperf.ui import messages
from unionperf.ui.file_dialogs import choose_existing_folder, choose_open_file
from unionperf.ui.jobs import run_with_progress
from unionperf.ui.year_session import YearSession

__all__ = ["KeysBox", "UpperKeyDialog", "choose_key_file", "choose_sheet_folder", "open_path"]


def choose_sheet_folder(parent: QWidget) -> Path | None:
    """Ask where the key registration sheet goes; ``None`` when cancelled."""
    return choose_existing_folder(
        parent, QCoreApplication.translate("KeysBox", "Folder for the key registration sheet")
    )


def choose_key_file(parent: QWidget) -> Path | None:
    """Ask for the upper-level union's public key file; ``None`` when cancelled."""
    return choose_open_file(
        parent,
        QCoreApplication.translate("KeysBox", "Public key file of the upper-level union"),
        QCoreApplication.translate("KeysBox", "Public keys (*.pub);;All files (*)"),
    )


def open_path(path: Path) -> bool:
    """Open a file with the system's viewer (the PDF viewer prints it)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


MISMATCH_COLOUR = "#b3261e"
MATCH_COLOUR = "#1e7a34"


def typed_key_id(text: str) -> str:
    """A key id as typed off the paper: blanks dropped, upper case."""
    return "".join(text.split()).upper()


class UpperKeyDialog(QDialog):
    """Asks for the key id printed on the upper level's sheet; imports only when it matches."""

    def __init__(self, key: UpperKey, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("upperKeyDialog")
        self.setWindowTitle(self.tr("Import the upper-level union's public key"))
        self.key = key
        intro = QLabel(
            self.tr(
                "Type the key id printed on the paper the upper-level union gave you (its key "
                "registration sheet, signed and sealed). The key is imported only when the id "
                "typed is the same as the file's: feedback and parameter packages are then "
                "accepted only when this key signed them."
            )
        )
        intro.setWordWrap(True)
        self.key_id = QLabel(key.grouped_id)
        self.key_id.setObjectName("upperKeyId")
        self.key_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), self.font().pointSizeF()) * 1.4)
        font.setWeight(QFont.Weight.Bold)
        self.key_id.setFont(font)
        self.typed = QLineEdit()
        self.typed.setObjectName("upperKeyTyped")
        self.typed.setPlaceholderText(self.tr("16 characters, as on the sheet"))
        self.typed.textChanged.connect(self._typed_changed)
        self.match = QLabel()
        self.match.setObjectName("upperKeyMatch")
        self.match.setWordWrap(True)
        self.name = QLineEdit(name)
        self.name.setObjectName("upperKeyName")
        form = QFormLayout()
        form.addRow(self.tr("Key id on the sheet:"), self.typed)
        form.addRow("", self.match)
        form.addRow(self.tr("Key id of the file:"), self.key_id)
        form.addRow(self.tr("Upper-level union:"), self.name)
        self.buttons = QDialogButtonBox()
        self.confirm = self.buttons.addButton(
            self.tr("Same as on the paper: import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.confirm.setObjectName("confirmUpperKey")
        self.confirm.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 34)

    def typed_id(self) -> str:
        """The key id typed off the paper (blanks dropped, upper case)."""
        return typed_key_id(self.typed.text())

    def _typed_changed(self, _text: str) -> None:
        typed = self.typed_id()
        same = typed == self.key.key_id
        self.confirm.setEnabled(same)
        if same:
            self.match.setText(self.tr("The same as the file's key id."))
            colour = MATCH_COLOUR
        elif len(typed) >= len(self.key.key_id):
            self.match.setText(
                self.tr(
                    "Not the same as the file's key id: do not import it; ask the upper-level "
                    "union."
                )
            )
            colour = MISMATCH_COLOUR
        else:
            self.match.setText("")
            colour = MATCH_COLOUR
        self.match.setStyleSheet(f"color: {colour};")


class KeysBox(QGroupBox):
    """The unit's key registration sheet and the upper level's public key, on the profile page."""

    trusted = Signal()
    """The upper level's key was imported (after its id was typed off the paper)."""

    def __init__(self, session: YearSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("keysBox")
        self.setTitle(self.tr("Signing keys"))
        self.sheet_button = QPushButton(self.tr("Print the key registration sheet…"))
        self.sheet_button.setObjectName("printKeySheet")
        self.sheet_button.setToolTip(
            self.tr(
                "The sheet with this unit's key id for the upper-level union; print it again "
                "after the key was replaced."
            )
        )
        self.sheet_button.clicked.connect(self.print_sheet)
        self.upper_state = QLabel()
        self.upper_state.setObjectName("upperKeyState")
        self.upper_state.setWordWrap(True)
        self.upper_button = QPushButton(self.tr("Import the upper-level union's public key…"))
        self.upper_button.setObjectName("importUpperKey")
        self.upper_button.clicked.connect(self.import_upper_key)
        self.dialog: UpperKeyDialog | None = None
        """The confirmation dialog while it is open."""
        self.sheet: Path | None = None
        """The sheet written last."""
        own = QHBoxLayout()
        own.addWidget(QLabel(self.tr("This unit's key:")))
        own.addWidget(self.sheet_button)
        own.addStretch(1)
        upper = QHBoxLayout()
        upper.addWidget(QLabel(self.tr("Upper-level union's key:")))
        upper.addWidget(self.upper_state, 1)
        upper.addWidget(self.upper_button)
        layout = QVBoxLayout(self)
        layout.addLayout(own)
        layout.addLayout(upper)

    def load(self) -> None:
        """Say whether the upper level's key is trusted, and which one."""
        try:
            held = feedback.trusted_upper_key(self.session.workspace)
        except ServiceError:
            held = None
        if held is None:
            self.upper_state.setText(
                self.tr(
                    "Not imported yet: import it before the first feedback package of the "
                    "upper-level union arrives."
                )
            )
        else:
            self.upper_state.setText(
                self.tr("Imported: key id {key} ({name})").format(
                    key=held.grouped_id, name=held.name or self.tr("upper-level union")
                )
            )

    # -- the key registration sheet ------------------------------------------------------------

    def print_sheet(self) -> None:
        """Write the key registration sheet of the current key as a PDF and open it."""
        folder = choose_sheet_folder(self)
        if folder is None:
            return
        workspace = self.session.workspace

        def call(_progress: Progress) -> Path:
            from unionperf.services.cycle.key_sheet import print_key_sheet  # noqa: PLC0415

            return print_key_sheet(workspace, folder)

        self.sheet_button.setEnabled(False)
        run_with_progress(
            self,
            self.tr("Writing the key registration sheet…"),
            call,
            self._sheet_written,
            self._sheet_failed,
        )

    def _sheet_written(self, result: object) -> None:
        self.sheet_button.setEnabled(True)
        if not isinstance(result, Path):
            return
        self.sheet = result
        if not open_path(result):
            messages.show_info(
                self,
                self.tr("Key registration sheet written"),
                self.tr("The sheet is in {path}: open it and print it.").format(path=result),
            )

    def _sheet_failed(self, error: BaseException) -> None:
        self.sheet_button.setEnabled(True)
        messages.show_error(self, self.tr("The key registration sheet was not written"), error)

    # -- the upper level's key -----------------------------------------------------------------

    def import_upper_key(self) -> None:
        """Choose the upper level's key file, show its id to check, trust it when confirmed."""
        path = choose_key_file(self)
        if path is None:
            return
        try:
            key = feedback.read_upper_key(path)
        except ServiceError as error:
            messages.show_error(self, self.tr("The public key was not imported"), error)
            return
        data = self.session.data
        name = data.unit.upper_union if data is not None else ""
        dialog = UpperKeyDialog(key, name, self)
        dialog.accepted.connect(
            lambda: self._confirmed(path, dialog.name.text().strip(), dialog.typed_id())
        )
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def _confirmed(self, path: Path, name: str, key_id: str) -> None:
        try:
            # the key id typed off the paper is checked again; replacing is the user's choice
            feedback.trust_upper(self.session.workspace, path, name, key_id, replace=True)
        except ServiceError as error:
            messages.show_error(self, self.tr("The public key was not imported"), error)
            return
        self.load()
        self.trusted.emit()

    def _dialog_closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
