"""下级单位: the register of units, their keys and the register as Excel (issue 14 item 1).

Add a unit from its ``.pub`` file and the key id on its sealed sheet (a mismatch is refused);
replace a unit's key with a reason (the old one stays in its history); import and export the
register as a workbook (the import is all or nothing, each problem with its cell). Every change
goes through ``services.upper.register`` and ``services.upper.register_book``.

The file pickers are module functions, so tests replace them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionperf.services.common.errors import ServiceError
from unionperf.services.upper.register import RegisteredUnit, key_history, units
from unionperf.services.upper.register_book import export_register, import_register
from unionperf.ui import messages
from unionperf.ui.file_dialogs import choose_open_file, choose_save_file
from unionperf.ui.upper.base import UpperPage, fit_columns, intro_label, read_only_table
from unionperf.ui.upper.context import Area, UpperContext
from unionperf.ui.upper.register.dialogs import HistoryDialog, RegisterDialog
from unionperf.ui.upper.register.models import RegisterModel, matches

__all__ = ["RegisterPage", "choose_register_file", "choose_register_target"]

EXCEL_FILTER = "Excel (*.xlsx)"


def choose_register_file(parent: QWidget) -> Path | None:
    """Ask for the register workbook to import; ``None`` when cancelled."""
    return choose_open_file(
        parent, QCoreApplication.translate("RegisterPage", "Import the register"), EXCEL_FILTER
    )


def choose_register_target(parent: QWidget) -> Path | None:
    """Ask where to write the register workbook; ``None`` when cancelled."""
    return choose_save_file(
        parent,
        QCoreApplication.translate("RegisterPage", "Export the register"),
        QCoreApplication.translate("RegisterPage", "register of units.xlsx"),
        EXCEL_FILTER,
    )


class RegisterPage(UpperPage):
    """The register: search, add, replace a key, a key's history, Excel in and out."""

    areas = frozenset({Area.REGISTER})

    def __init__(self, context: UpperContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.held: list[RegisteredUnit] = []
        self.dialog: RegisterDialog | None = None
        self.add_button = QPushButton(self.tr("Register a unit…"))
        self.add_button.setObjectName("addUnit")
        self.add_button.clicked.connect(self.add_unit)
        self.replace_button = QPushButton(self.tr("Replace key…"))
        self.replace_button.setObjectName("replaceKey")
        self.replace_button.clicked.connect(self.replace_key)
        self.history_button = QPushButton(self.tr("Key history…"))
        self.history_button.setObjectName("keyHistory")
        self.history_button.clicked.connect(self.show_history)
        self.import_button = QPushButton(self.tr("Import from Excel…"))
        self.import_button.setObjectName("importRegister")
        self.import_button.clicked.connect(self.import_workbook)
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.setObjectName("exportRegister")
        self.export_button.clicked.connect(self.export_workbook)
        self.search = QLineEdit()
        self.search.setObjectName("registerSearch")
        self.search.setPlaceholderText(self.tr("Find: name, credit code, contact or key id"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._show)
        self.count = QLabel()
        self.count.setObjectName("registerCount")
        self.model = RegisterModel(self)
        self.table = read_only_table(self.model, "registerTable")
        fit_columns(self.table, self.model.columns, stretch=0)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.show_history())
        buttons = QHBoxLayout()
        for button in (self.add_button, self.replace_button, self.history_button):
            buttons.addWidget(button)
        buttons.addSpacing(16)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            intro_label(
                self.tr(
                    "The units that report to this union. A unit's packages are received only "
                    "once its key is registered here, checked against the key id on the "
                    "registration sheet it sealed and sent on paper."
                )
            )
        )
        layout.addLayout(buttons)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        self._selection_changed()

    # -- showing -------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the register."""
        try:
            self.held = units(self.workspace)
        except ServiceError as error:
            messages.show_error(self, self.tr("Cannot read the register"), error)
            self.held = []
        self._show()

    def _show(self) -> None:
        chosen = self.selected()
        text = self.search.text()
        shown = [unit for unit in self.held if matches(unit, text)]
        self.model.set_rows(shown)
        without = sum(1 for unit in self.held if not unit.has_key)
        summary = self.tr("{count} units").format(count=len(self.held))
        if without:
            summary += self.tr(", {count} of them without a registered key").format(count=without)
        if len(shown) != len(self.held):
            summary += self.tr("; {count} shown").format(count=len(shown))
        if not self.held:
            summary = self.tr(
                "No unit registered yet. Click “Register a unit…” with the unit's public key "
                "file (.pub) and its sealed key registration sheet, or import a roster from "
                "Excel."
            )
        self.count.setText(summary)
        if chosen is not None:
            self.select(chosen.code)
        self._selection_changed()

    def selected(self) -> RegisteredUnit | None:
        """The unit selected in the list."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def select(self, code: str) -> bool:
        """Select a unit by credit code (``False`` when it is not shown)."""
        for number, unit in enumerate(self.model.rows()):
            if unit.code == code:
                self.table.selectRow(number)
                self.table.scrollTo(self.model.index(number, 0))
                return True
        return False

    def _selection_changed(self, *_args: object) -> None:
        unit = self.selected()
        self.replace_button.setEnabled(unit is not None and unit.has_key)
        self.history_button.setEnabled(unit is not None)

    # -- registering ---------------------------------------------------------------------------

    def add_unit(self) -> RegisterDialog:
        """Open the register dialog for a new unit (or a listed unit's first key)."""
        return self._open_dialog(None)

    def replace_key(self) -> RegisterDialog | None:
        """Open the register dialog to replace the selected unit's key (a reason is asked)."""
        unit = self.selected()
        if unit is None or not unit.has_key:
            return None
        return self._open_dialog(unit)

    def _open_dialog(self, replacing: RegisteredUnit | None) -> RegisterDialog:
        dialog = RegisterDialog(self.workspace, replacing, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._registered(dialog))
        dialog.destroyed.connect(self._dialog_gone)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_gone(self) -> None:
        self.dialog = None

    def _registered(self, dialog: RegisterDialog) -> None:
        done = dialog.registration
        if done is None:
            return
        self.context.notify(Area.REGISTER)
        self.load()
        self.select(done.code)
        if done.replaced_key_id:
            text = self.tr("Key of {name} replaced; the old key is kept in its history.")
        elif done.added:
            text = self.tr("{name} registered.")
        else:
            text = self.tr("Key of {name} registered.")
        self.say(text.format(name=done.name))

    def show_history(self) -> HistoryDialog | None:
        """Show the selected unit's replaced keys."""
        unit = self.selected()
        if unit is None:
            return None
        try:
            entries = key_history(self.workspace, unit.code)
        except ServiceError as error:
            messages.show_error(self, self.tr("Cannot read the key history"), error)
            return None
        dialog = HistoryDialog(unit, entries, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- Excel ---------------------------------------------------------------------------------

    def import_workbook(self) -> None:
        """Import units from a workbook: all or nothing, every problem named by its cell."""
        path = choose_register_file(self)
        if path is None:
            return
        try:
            done = import_register(self.workspace, path)
        except ServiceError as error:
            messages.show_error(self, self.tr("The register was not imported"), error)
            return
        self.context.notify(Area.REGISTER)
        self.load()
        messages.show_info(
            self,
            self.tr("Register imported"),
            self.tr(
                "{added} units added, {updated} updated, {keys} keys registered, "
                "{unchanged} unchanged."
            ).format(
                added=done.added, updated=done.updated, keys=done.keys_set, unchanged=done.unchanged
            ),
        )

    def export_workbook(self) -> Path | None:
        """Write the register as a workbook (it imports again unchanged)."""
        path = choose_register_target(self)
        if path is None:
            return None
        try:
            written = export_register(self.workspace, path)
        except ServiceError as error:
            messages.show_error(self, self.tr("The register was not exported"), error)
            return None
        self.say(self.tr("Register written to {path}").format(path=written))
        return written
