"""The dialogs of 下级单位: register a unit (or replace its key), and a unit's key history.

The register dialog checks as the finance officer types: the credit code (GB 32100), the key
id of the chosen ``.pub`` file shown in groups of four beside the one typed from the sealed
paper sheet (or the sheet's QR text pasted), and says at once whether they match. The service
decides (``services.upper.register.register``); a refusal is shown in the dialog, which stays
open with everything typed, and nothing is saved.

:func:`choose_key_file` is a module function, so tests replace it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.credit_code import credit_code_error
from unionperf.domain.key_ids import KeyIdError, group_key_id, read_typed_key_id
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.verify import read_public_key
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper.register import (
    KeyHistoryEntry,
    RegisteredUnit,
    Registration,
    register,
    units,
)
from unionperf.ui.file_dialogs import choose_open_file
from unionperf.ui.first_run_pages import GREEN, GREY, RED, hint, hint_label
from unionperf.ui.upper.base import fit_columns, read_only_table
from unionperf.ui.upper.register.models import HistoryModel

__all__ = ["HistoryDialog", "RegisterDialog", "choose_key_file"]

DIALOG_WIDTH_CHARS = 44


def choose_key_file(parent: QWidget) -> Path | None:
    """Ask for the unit's public key file (``.pub``); ``None`` when cancelled."""
    return choose_open_file(
        parent,
        QCoreApplication.translate("RegisterDialog", "The unit's public key file"),
        QCoreApplication.translate("RegisterDialog", "Public keys (*.pub);;All files (*)"),
    )


class RegisterDialog(QDialog):
    """Register a new unit, or (given ``replacing``) replace a registered unit's key."""

    def __init__(
        self,
        workspace: Workspace,
        replacing: RegisteredUnit | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("registerDialog")
        self.workspace = workspace
        self.replacing = replacing
        self.registration: Registration | None = None
        """What was registered, once the dialog was accepted."""
        self.file_key_id = ""
        self.setWindowTitle(
            self.tr("Replace the unit's key") if replacing else self.tr("Register a unit")
        )
        intro = QLabel(
            self.tr(
                "Use the public key file (.pub) the unit sent and the key id on its sealed key "
                "registration sheet. Type the id, or paste the text of the sheet's QR code. A key "
                "whose id differs from the paper is not registered."
            )
        )
        intro.setWordWrap(True)
        self._build_fields()
        form = QFormLayout()
        form.addRow(self.tr("Credit code *"), self.code)
        form.addRow("", self.code_hint)
        form.addRow(self.tr("Union name *"), self.name)
        form.addRow(self.tr("Contact"), self.contact)
        form.addRow(self.tr("Public key file *"), self.file_row)
        form.addRow("", self.file_hint)
        form.addRow(self.tr("Key id on the sheet *"), self.key_id)
        form.addRow("", self.key_hint)
        if replacing is not None:
            form.addRow(self.tr("Reason for the new key *"), self.reason)
            self.code.setText(replacing.code)
            self.code.setReadOnly(True)
            self.name.setText(replacing.name)
            self.contact.setText(replacing.contact)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Replace the key") if replacing else self.tr("Register"))
        self.ok_button.setObjectName("registerButton")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * DIALOG_WIDTH_CHARS)
        self.code.textEdited.connect(self._upper_case)
        for edit in (self.code, self.name, self.key_id, self.reason):
            edit.textChanged.connect(self._update)
        self.key_id.textChanged.connect(self._typed)
        self._update()

    def _build_fields(self) -> None:
        self.code = QLineEdit()
        self.code.setObjectName("unitCode")
        self.code.setMaxLength(18)
        self.code.setPlaceholderText(self.tr("18 characters, e.g. 81350100MC0000000X"))
        self.code_hint = hint_label("unitCodeHint")
        self.name = QLineEdit()
        self.name.setObjectName("unitName")
        self.contact = QLineEdit()
        self.contact.setObjectName("unitContact")
        self.contact.setPlaceholderText(self.tr("name and phone number"))
        self.key_file = QLineEdit()
        self.key_file.setObjectName("keyFile")
        self.key_file.setReadOnly(True)
        browse = QPushButton(self.tr("Choose…"))
        browse.setObjectName("chooseKeyFile")
        browse.clicked.connect(self.choose_file)
        self.file_row = file_row = QHBoxLayout()
        file_row.addWidget(self.key_file, 1)
        file_row.addWidget(browse)
        self.file_hint = hint_label("keyFileHint")
        self.key_id = QLineEdit()
        self.key_id.setObjectName("typedKeyId")
        self.key_id.setPlaceholderText(
            self.tr("16 digits, e.g. 1A2B 3C4D 5E6F 7A8B, or the QR code's text")
        )
        self.key_hint = hint_label("keyIdHint")
        self.reason = QLineEdit()
        self.reason.setObjectName("replaceReason")
        self.reason.setPlaceholderText(self.tr("e.g. the old key was lost; new sheet of 3 March"))
        self.problem = hint_label("registerProblem")

    # -- the key file and the typed id ---------------------------------------------------------

    def choose_file(self) -> None:
        """Ask for the ``.pub`` file and show its key id to compare with the paper."""
        path = choose_key_file(self)
        if path is not None:
            self.set_key_file(path)

    def set_key_file(self, path: Path) -> None:
        """Use this key file (read now: its id is shown, a bad file is said at once)."""
        self.key_file.setText(str(path))
        try:
            key = read_public_key(path)
        except ServiceError as error:
            self.file_key_id = ""
            hint(self.file_hint, str(error), RED)
        else:
            self.file_key_id = key.key_id_hex
            hint(
                self.file_hint,
                self.tr("Key id of the file: {id}").format(id=group_key_id(self.file_key_id)),
                GREY,
            )
        self._update()

    def _typed(self, text: str) -> None:
        """A pasted QR text names the unit: fill an empty credit code from it."""
        try:
            typed = read_typed_key_id(text)
        except KeyIdError:
            return
        if typed.unit_code and not self.code.text().strip():
            self.code.setText(typed.unit_code)

    def _upper_case(self, text: str) -> None:
        if text != text.upper():
            position = self.code.cursorPosition()
            self.code.setText(text.upper())
            self.code.setCursorPosition(position)

    # -- checks --------------------------------------------------------------------------------

    def _key_state(self) -> tuple[bool, str, str]:
        """(ready, hint text, colour) of the typed key id against the file's."""
        text = self.key_id.text().strip()
        if not text:
            return False, self.tr("Type the key id printed on the sheet."), GREY
        try:
            typed = read_typed_key_id(text)
        except KeyIdError as error:
            return False, str(error), RED
        shown = self.tr("Typed: {id}").format(id=group_key_id(typed.key_id))
        if not self.file_key_id:
            return False, shown, GREY
        if typed.key_id != self.file_key_id:
            return (
                False,
                self.tr("{typed} — differs from the key file: check with the unit.").format(
                    typed=shown
                ),
                RED,
            )
        return True, self.tr("✓ {typed} — the same as the key file.").format(typed=shown), GREEN

    def _update(self) -> None:
        code = self.code.text().strip()
        reason = credit_code_error(code) if code else None
        if not code:
            hint(self.code_hint, self.tr("Enter the 18-character credit code."), GREY)
        elif reason is not None:
            hint(self.code_hint, reason, RED)
        else:
            hint(self.code_hint, self.tr("✓ The credit code is valid."), GREEN)
        key_ready, text, colour = self._key_state()
        hint(self.key_hint, text, colour)
        ready = (
            bool(code)
            and reason is None
            and bool(self.name.text().strip())
            and key_ready
            and (self.replacing is None or bool(self.reason.text().strip()))
        )
        self.ok_button.setEnabled(ready)

    def submit(self) -> None:
        """Register through the service; a refusal stays in the dialog, nothing saved."""
        path = Path(self.key_file.text())
        code = self.code.text().strip()
        if self.replacing is None:
            held = next((unit for unit in units(self.workspace) if unit.code == code), None)
            if held is not None and held.has_key and held.key_id != self.file_key_id:
                hint(
                    self.problem,
                    self.tr(
                        "{name} ({code}) already has the key {id}. To give it a new key, select "
                        "it in the list and choose “Replace key…” (a reason is asked)."
                    ).format(name=held.name, code=code, id=group_key_id(held.key_id)),
                    RED,
                )
                return
        try:
            self.registration = register(
                self.workspace,
                path,
                self.code.text().strip(),
                self.name.text(),
                key_id=self.key_id.text(),
                contact=self.contact.text(),
                replace_reason=self.reason.text() if self.replacing is not None else None,
            )
        except ServiceError as error:
            hint(self.problem, self.tr("Not registered: {reason}").format(reason=error), RED)
            return
        self.accept()


class HistoryDialog(QDialog):
    """A unit's replaced keys: when each was registered and replaced, and why."""

    def __init__(
        self, unit: RegisteredUnit, entries: list[KeyHistoryEntry], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("keyHistoryDialog")
        self.setWindowTitle(self.tr("Key history of {name}").format(name=unit.name))
        self.model = HistoryModel(self)
        self.model.set_rows(entries)
        table = read_only_table(self.model, "keyHistory")
        fit_columns(table, self.model.columns, stretch=len(self.model.columns) - 1)
        current = (
            self.tr("Current key: {id}").format(id=group_key_id(unit.key_id))
            if unit.has_key
            else self.tr("No key is registered now.")
        )
        note = QLabel(
            current
            + "\n"
            + (
                self.tr("Replaced keys ({count}); packages they signed stay recognised:").format(
                    count=len(entries)
                )
                if entries
                else self.tr("The key was never replaced.")
            )
        )
        note.setObjectName("historyNote")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(table, 1)
        layout.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("中")
        self.resize(60 * em, 18 * em)
