"""参数下发: what the upper level sends its units, and the signed parameter package.

Three things can be sent, each optional: the indicator library (edited entry by entry, imported
from a library file or an Excel workbook, or the one bundled with the program: ``library_tab``),
the rule settings (edited here with the same form a unit has on its budget page, or imported)
and the deadlines (set one by one, taken from those set on the status board, or imported:
``deadlines_tab``). 生成参数包… writes the signed package with the next sequence off the GUI
thread; the units verify it against this union's key, which they trusted from its key sheet
(打印本会公钥告知表…).

The pickers and the passphrase are module functions, so tests replace them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from unionperf.services.common.errors import ServiceError
from unionperf.services.common.progress import Cancelled, Progress
from unionperf.services.common.signing import WrongPassphraseError, key_info
from unionperf.services.cycle.key_sheet import write_key_sheet
from unionperf.services.upper.params import (
    ParamsExport,
    UpperParameters,
    export_params,
    parameters,
    set_settings,
)
from unionperf.ui import messages
from unionperf.ui.file_dialogs import choose_existing_folder, choose_open_file
from unionperf.ui.first_run_pages import GREEN, GREY, hint
from unionperf.ui.jobs import Job, run_with_progress
from unionperf.ui.upper.base import UpperPage, fit_columns, intro_label, read_only_table
from unionperf.ui.upper.context import Area, UpperContext
from unionperf.ui.upper.params.deadlines_tab import DeadlinesTab
from unionperf.ui.upper.params.library_tab import LibraryTab
from unionperf.ui.upper.params.models import SentModel
from unionperf.ui.upper.params.settings_editor import UpperSettingsForm
from unionperf.ui.upper.review.dialogs import ask_upper_passphrase
from unionperf.ui.upper.review.extra_tabs import open_file

__all__ = ["ParamsPage", "choose_params_file", "choose_params_folder"]


def choose_params_file(parent: QWidget, title: str) -> Path | None:
    """Ask for a library, settings or deadlines file; ``None`` when cancelled."""
    return choose_open_file(
        parent,
        title,
        QCoreApplication.translate("ParamsPage", "JSON files (*.json);;All files (*)"),
    )


def choose_params_folder(parent: QWidget, title: str) -> Path | None:
    """Ask for the folder of the parameter package or the key sheet; ``None`` when cancelled."""
    return choose_existing_folder(parent, title)


class ParamsPage(UpperPage):
    """Set what goes down and write the signed parameter package."""

    areas = frozenset({Area.PARAMS, Area.DEADLINES, Area.SELECTION})

    def __init__(self, context: UpperContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.held: UpperParameters | None = None
        self.job: Job | None = None
        self.last_export: ParamsExport | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("paramsTabs")
        self.library_tab = LibraryTab(self.workspace, self._after)
        self.library = self.library_tab.model
        self.tabs.addTab(self.library_tab, self.tr("Indicator library"))
        self.settings_form = UpperSettingsForm(self.workspace)
        self.settings_form.saved.connect(self._settings_saved)
        self.tabs.addTab(self._settings_tab(), self.tr("Rule settings"))
        self.deadlines_tab = DeadlinesTab(self.workspace, lambda: self.context.year, self._after)
        self.deadlines = self.deadlines_tab.model
        self.board_button = self.deadlines_tab.board_button
        self.tabs.addTab(self.deadlines_tab, self.tr("Deadlines"))
        self.sent = SentModel(self)
        self.sent_view = read_only_table(self.sent, "paramsSent")
        fit_columns(self.sent_view, self.sent.columns, stretch=3)
        self.tabs.addTab(self.sent_view, self.tr("Packages written"))
        self.status = QLabel()
        self.status.setObjectName("paramsStatus")
        self.status.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setObjectName("paramsNote")
        self.note.setPlaceholderText(self.tr("A note for the units (optional)"))
        self.export_button = QPushButton(self.tr("Write the parameter package…"))
        self.export_button.setObjectName("exportParams")
        self.export_button.clicked.connect(self.export)
        self.sheet_button = QPushButton(self.tr("Print this union's key sheet…"))
        self.sheet_button.setObjectName("printUpperKeySheet")
        self.sheet_button.clicked.connect(self.print_key_sheet)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Note:")))
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.sheet_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            intro_label(
                self.tr(
                    "What the units should use: the indicator library, the rule settings and "
                    "the deadlines. The parameter package is signed with this union's key; a "
                    "unit applies it once it trusts that key (from the key sheet on paper)."
                )
            )
        )
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addLayout(bottom)

    # -- building ------------------------------------------------------------------------------

    def _settings_tab(self) -> QWidget:
        self.settings_state = QLabel()
        self.settings_state.setObjectName("settingsState")
        self.settings_state.setWordWrap(True)
        imported = QPushButton(self.tr("Import a settings file…"))
        imported.setObjectName("importSettings")
        imported.clicked.connect(self.import_settings)
        row = QHBoxLayout()
        row.addWidget(self.settings_state, 1)
        row.addWidget(imported)
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.addLayout(row)
        layout.addWidget(self.settings_form.view, 1)
        return widget

    # -- showing -------------------------------------------------------------------------------

    def load(self) -> None:
        """Read what is set to send and the packages written."""
        try:
            held = parameters(self.workspace)
        except ServiceError as error:
            messages.show_error(self, self.tr("Cannot read the parameters"), error)
            return
        self.held = held
        library = held.library
        self.library_tab.show_library(library)
        self.settings_form.show_settings(held.settings)
        hint(
            self.settings_state,
            self.tr("To send: the settings below.")
            if held.settings is not None
            else self.tr(
                "No settings set: the units keep their own. Change one below (or import a "
                "file) to send them; the defaults are shown."
            ),
            GREEN if held.settings is not None else GREY,
        )
        self.deadlines_tab.show_deadlines(held.deadlines)
        self.sent.set_rows(list(held.sent))
        parts = [
            self.tr("library") if library is not None else "",
            self.tr("settings") if held.settings is not None else "",
            self.tr("{count} deadlines").format(count=len(held.deadlines))
            if held.deadlines
            else "",
        ]
        chosen = "、".join(part for part in parts if part)
        self.status.setText(
            self.tr("The next parameter package (number {sequence}) sends: {what}.").format(
                sequence=held.next_sequence, what=chosen
            )
            if chosen
            else self.tr(
                "Nothing is set to send yet: add indicators, change a rule setting or add "
                "deadlines in the tabs above, then write the parameter package."
            )
        )
        self.export_button.setEnabled(bool(chosen))

    # -- setting -------------------------------------------------------------------------------

    def _after(self, done: str) -> None:
        self.context.notify(Area.PARAMS)
        self.load()
        self.say(done)

    def import_settings(self) -> None:
        """Send the settings of a file."""
        path = choose_params_file(self, self.tr("Rule settings file"))
        if path is None:
            return
        try:
            set_settings(self.workspace, path)
        except ServiceError as error:
            messages.show_error(self, self.tr("The settings were not set"), error)
            return
        self._after(self.tr("Rule settings set to send."))

    def _settings_saved(self) -> None:
        self.context.notify(Area.PARAMS)
        self.load()

    # -- the package and the key sheet ---------------------------------------------------------

    def export(self) -> Job | None:
        """Ask for the folder and passphrase, then write the signed parameter package."""
        if self.job is not None:
            return None
        unit = self.workspace.unit()
        if unit is None or not unit.credit_code:
            messages.show_info(
                self,
                self.tr("Credit code missing"),
                self.tr(
                    "The parameter package names this union by its credit code: enter it "
                    "first (File › This union's profile…)."
                ),
            )
            return None
        folder = choose_params_folder(self, self.tr("Folder for the parameter package"))
        if folder is None:
            return None
        passphrase = ask_upper_passphrase(self)
        if passphrase is None:
            return None
        return self._write(folder, passphrase)

    def _write(self, folder: Path, passphrase: str) -> Job:
        workspace = self.workspace
        note = self.note.text().strip()

        def call(_progress: Progress) -> object:
            return export_params(workspace, folder, passphrase, note)

        def done(result: object) -> None:
            self.job = None
            if not isinstance(result, ParamsExport):
                return
            self.last_export = result
            self.note.clear()
            self._after(
                self.tr("Parameter package {sequence} written to {path}").format(
                    sequence=result.sequence, path=result.path
                )
            )

        def failed(error: BaseException) -> None:
            self.job = None
            if isinstance(error, Cancelled):
                return
            if isinstance(error, WrongPassphraseError):
                again = ask_upper_passphrase(self, str(error))
                if again is not None:
                    self.job = self._write(folder, again)
                return
            messages.show_error(self, self.tr("The parameter package was not written"), error)

        self.job = run_with_progress(
            self, self.tr("Writing the parameter package…"), call, done, failed
        )
        return self.job

    def print_key_sheet(self) -> Path | None:
        """Write this union's key sheet (for its units to trust its key) and open it."""
        folder = choose_params_folder(self, self.tr("Folder for the key sheet"))
        if folder is None:
            return None
        try:
            path = write_key_sheet(key_info(self.workspace), self.workspace.unit(), folder)
        except ServiceError as error:
            messages.show_error(self, self.tr("The key sheet was not written"), error)
            return None
        self.say(self.tr("Key sheet written to {path}").format(path=path))
        open_file(path)
        return path
