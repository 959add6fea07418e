"""参数下发 › 指标库: the indicator library to send, edited entry by entry or as a workbook.

Its buttons add, change (a double click too) and remove one entry, take the bundled library,
import a library file (JSON) and import or export the library as an Excel workbook. The first
edit starts from the bundled library when none is set. Every change is saved at once in the
upper workspace and goes out with the next parameter package.

The pickers and the confirmation are module functions, so tests replace them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.indicators import Operator
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.indicator_library import IndicatorLibrary, LibraryEntry, Scope
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper.params import set_library
from unionperf.services.upper.params_edit import use_bundled_library
from unionperf.services.upper.params_library import (
    add_entry,
    change_entry,
    library_to_send,
    new_entry_id,
    reason,
    remove_entry,
)
from unionperf.services.upper.params_library_book import export_library, import_library
from unionperf.ui import messages
from unionperf.ui.file_dialogs import choose_open_file, choose_save_file
from unionperf.ui.first_run_pages import GREEN, GREY, hint
from unionperf.ui.upper.base import fit_columns, read_only_table
from unionperf.ui.upper.params.entry_dialog import EntryDialog, placements
from unionperf.ui.upper.params.models import LibraryModel

__all__ = [
    "LibraryTab",
    "choose_library_file",
    "choose_library_target",
    "choose_library_workbook",
    "confirm_removal",
]

EXCEL_FILTER = "Excel (*.xlsx)"


def choose_library_file(parent: QWidget) -> Path | None:
    """Ask for a library file (JSON); ``None`` when cancelled."""
    return choose_open_file(
        parent,
        QCoreApplication.translate("ParamsPage", "Indicator library file"),
        QCoreApplication.translate("ParamsPage", "JSON files (*.json);;All files (*)"),
    )


def choose_library_workbook(parent: QWidget) -> Path | None:
    """Ask for the library workbook to import; ``None`` when cancelled."""
    return choose_open_file(
        parent, QCoreApplication.translate("ParamsPage", "Import the library"), EXCEL_FILTER
    )


def choose_library_target(parent: QWidget) -> Path | None:
    """Ask where to write the library workbook; ``None`` when cancelled."""
    return choose_save_file(
        parent,
        QCoreApplication.translate("ParamsPage", "Export the library"),
        QCoreApplication.translate("ParamsPage", "indicator library.xlsx"),
        EXCEL_FILTER,
    )


def confirm_removal(parent: QWidget, name: str) -> bool:
    """Ask before an entry is removed."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("ParamsPage", "Remove the indicator"),
        QCoreApplication.translate(
            "ParamsPage", "Remove “{name}” from the library to send?"
        ).format(name=name),
    )
    return answer == QMessageBox.StandardButton.Yes


class LibraryTab(QWidget):
    """The library to send, with its buttons."""

    def __init__(
        self, workspace: Workspace, after: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.after = after
        """Called with a sentence once the library changed (the page reloads and says it)."""
        self.dialog: EntryDialog | None = None
        self.held: IndicatorLibrary | None = None
        self.state = QLabel()
        self.state.setObjectName("libraryState")
        self.state.setWordWrap(True)
        self.model = LibraryModel(self)
        self.view = read_only_table(self.model, "paramsLibrary")
        fit_columns(self.view, self.model.columns, stretch=4)
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.add_button = self._button("addLibraryEntry", self.tr("New indicator…"), self.add)
        self.change_button = self._button("changeLibraryEntry", self.tr("Change…"), self.change)
        self.remove_button = self._button("removeLibraryEntry", self.tr("Remove"), self.remove)
        bundled = self._button(
            "useBundledLibrary", self.tr("Use the bundled library"), self.use_bundled
        )
        imported = self._button(
            "importLibrary", self.tr("Import a library file…"), self.import_file
        )
        self.import_button = self._button(
            "importLibraryWorkbook", self.tr("Import Excel…"), self.import_workbook
        )
        self.export_button = self._button(
            "exportLibraryWorkbook", self.tr("Export Excel…"), self.export_workbook
        )
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(bundled)
        top.addWidget(imported)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)
        edits = QHBoxLayout()
        edits.addWidget(self.add_button)
        edits.addWidget(self.change_button)
        edits.addWidget(self.remove_button)
        edits.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(edits)
        layout.addWidget(self.view, 1)

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def show_library(self, library: IndicatorLibrary | None) -> None:
        """Show the library set to send (``None``: none set, the units keep the bundled one)."""
        self.held = library
        self.model.set_rows(list(library.entries) if library else [])
        if library is None:
            hint(
                self.state,
                self.tr(
                    "No library set: the units keep the library bundled with the program. "
                    "Add an indicator (the bundled ones are kept) or import one to send."
                ),
                GREY,
            )
        else:
            hint(
                self.state,
                self.tr("To send: {title} {version}, {count} indicators.").format(
                    title=library.title, version=library.version, count=len(library.entries)
                ),
                GREEN,
            )
        self._enable()

    def _enable(self) -> None:
        chosen = self.chosen() is not None
        self.change_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def chosen(self) -> LibraryEntry | None:
        """The entry selected, if any."""
        rows = self.view.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def select(self, entry_id: str) -> None:
        """Select the entry with that id (after it was added or changed)."""
        for number, entry in enumerate(self.model.rows()):
            if entry.id == entry_id:
                self.view.selectRow(number)
                self.view.scrollTo(self.model.index(number, 0))
                return

    # -- entry by entry ------------------------------------------------------------------------

    def add(self) -> EntryDialog | None:
        """Open the form for a new indicator (under the category of the one selected)."""
        try:
            library = library_to_send(self.workspace)
        except ServiceError as error:
            messages.show_error(self, self.tr("Cannot read the library"), error)
            return None
        chosen = self.chosen()
        blank = LibraryEntry(
            id=new_entry_id(item.id for item in library.entries),
            name="",
            operator=Operator.GE,
            placements=(chosen.placements[0],) if chosen else (placements()[0],),
            scope=Scope.PROJECT,
        )

        def save(entry: LibraryEntry) -> str | None:
            try:
                add_entry(self.workspace, entry)
            except ServiceError as error:
                return reason(error)
            self.after(self.tr("Indicator “{name}” added.").format(name=entry.name))
            self.select(entry.id)
            return None

        return self._open(EntryDialog(blank, save, new=True, parent=self))

    def change(self, entry: LibraryEntry | None = None) -> EntryDialog | None:
        """Open the form on the entry selected."""
        chosen = entry or self.chosen()
        if chosen is None:
            return None
        was = chosen.id

        def save(changed: LibraryEntry) -> str | None:
            try:
                change_entry(self.workspace, was, changed)
            except ServiceError as error:
                return reason(error)
            self.after(self.tr("Indicator “{name}” changed.").format(name=changed.name))
            self.select(changed.id)
            return None

        return self._open(EntryDialog(chosen, save, new=False, parent=self))

    def _open(self, dialog: EntryDialog) -> EntryDialog:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()
        return dialog

    def _double_clicked(self, index: QModelIndex) -> None:
        self.change(self.model.row(index.row()))

    def remove(self) -> None:
        """Remove the entry selected, once confirmed."""
        chosen = self.chosen()
        if chosen is None or not confirm_removal(self, chosen.name):
            return
        try:
            remove_entry(self.workspace, chosen.id)
        except ServiceError as error:
            messages.show_error(self, self.tr("The indicator was not removed"), error)
            return
        self.after(self.tr("Indicator “{name}” removed.").format(name=chosen.name))

    # -- the whole library ---------------------------------------------------------------------

    def use_bundled(self) -> None:
        """Send the library bundled with the program."""
        try:
            library = use_bundled_library(self.workspace)
        except ServiceError as error:
            messages.show_error(self, self.tr("The library was not set"), error)
            return
        self.after(self.tr("{count} indicators set to send.").format(count=len(library.entries)))

    def import_file(self) -> None:
        """Send the library of a file (the bundled file's format)."""
        path = choose_library_file(self)
        if path is None:
            return
        try:
            library = set_library(self.workspace, path)
        except ServiceError as error:
            messages.show_error(self, self.tr("The library was not set"), error)
            return
        self.after(self.tr("{count} indicators set to send.").format(count=len(library.entries)))

    def import_workbook(self) -> None:
        """Replace the library to send by a workbook's, all or nothing."""
        path = choose_library_workbook(self)
        if path is None:
            return
        try:
            library = import_library(self.workspace, path)
        except ServiceError as error:
            messages.show_error(self, self.tr("The library was not imported"), error)
            return
        self.after(self.tr("{count} indicators set to send.").format(count=len(library.entries)))

    def export_workbook(self) -> Path | None:
        """Write the library to send (else the bundled one) as a workbook."""
        path = choose_library_target(self)
        if path is None:
            return None
        try:
            written = export_library(self.workspace, path)
        except ServiceError as error:
            messages.show_error(self, self.tr("The library was not exported"), error)
            return None
        self.after(self.tr("Library written to {path}").format(path=written))
        return written
