"""参数下发 › 截止日期: the deadlines to send, set one by one, from the status board or a file.

Its buttons add, change (a double click too) and remove one deadline, take the status board's
deadlines of the year, import a deadlines file or send none. Each change is checked as the
status board checks a deadline, saved at once and sent with the next parameter package.

The picker is a module function, so tests replace it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from unionperf.domain.parameters import StageDeadline
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper.params import set_deadlines
from unionperf.services.upper.params_edit import board_deadlines, put_deadline, store_deadlines
from unionperf.services.upper.params_library import reason
from unionperf.ui import messages
from unionperf.ui.file_dialogs import choose_open_file
from unionperf.ui.first_run_pages import GREEN, GREY, hint
from unionperf.ui.upper.base import fit_columns, read_only_table
from unionperf.ui.upper.params.deadline_dialog import DeadlineDialog
from unionperf.ui.upper.params.models import DeadlineModel

__all__ = ["DeadlinesTab", "choose_deadlines_file"]


def choose_deadlines_file(parent: QWidget) -> Path | None:
    """Ask for a deadlines file (JSON); ``None`` when cancelled."""
    return choose_open_file(
        parent,
        QCoreApplication.translate("ParamsPage", "Deadlines file"),
        QCoreApplication.translate("ParamsPage", "JSON files (*.json);;All files (*)"),
    )


class DeadlinesTab(QWidget):
    """The deadlines to send, with their buttons."""

    def __init__(
        self,
        workspace: Workspace,
        year: Callable[[], int],
        after: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.year = year
        """The year chosen in the toolbar."""
        self.after = after
        self.dialog: DeadlineDialog | None = None
        self.state = QLabel()
        self.state.setObjectName("deadlinesState")
        self.state.setWordWrap(True)
        self.model = DeadlineModel(self)
        self.view = read_only_table(self.model, "paramsDeadlines")
        fit_columns(self.view, self.model.columns, stretch=1)
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.add_button = self._button("addDeadline", self.tr("New deadline…"), self.add)
        self.change_button = self._button("changeDeadline", self.tr("Change…"), self.change)
        self.remove_button = self._button("removeDeadline", self.tr("Remove"), self.remove)
        self.board_button = self._button("useBoardDeadlines", "", self.use_board)
        imported = self._button(
            "importDeadlines", self.tr("Import a deadlines file…"), self.import_file
        )
        cleared = self._button("clearDeadlines", self.tr("Send no deadlines"), self.clear)
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.board_button)
        top.addWidget(imported)
        top.addWidget(cleared)
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

    def show_deadlines(self, deadlines: tuple[StageDeadline, ...]) -> None:
        """Show the deadlines set to send."""
        self.model.set_rows(list(deadlines))
        hint(
            self.state,
            self.tr("To send: {count} deadlines.").format(count=len(deadlines))
            if deadlines
            else self.tr(
                "No deadlines set to send: add one, or take those set on the status board."
            ),
            GREEN if deadlines else GREY,
        )
        self.board_button.setText(
            self.tr("Use the deadlines of {year} from the status board").format(year=self.year())
        )
        self._enable()

    def _enable(self) -> None:
        chosen = self.chosen() is not None
        self.change_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def chosen(self) -> StageDeadline | None:
        """The deadline selected, if any."""
        rows = self.view.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    # -- one by one ----------------------------------------------------------------------------

    def add(self) -> DeadlineDialog:
        """Open the form for a new deadline (the year chosen, its targets, by 31 January)."""
        year = self.year()
        blank = StageDeadline(year, "targets", date(year, 1, 31))

        def save(year: int, stage: str, due: date) -> str | None:
            return self._put(year, stage, due, None, self.tr("Deadline added."))

        return self._open(DeadlineDialog(blank, save, new=True, parent=self))

    def change(self, deadline: StageDeadline | None = None) -> DeadlineDialog | None:
        """Open the form on the deadline selected."""
        chosen = deadline or self.chosen()
        if chosen is None:
            return None
        was = (chosen.year, chosen.stage)

        def save(year: int, stage: str, due: date) -> str | None:
            return self._put(year, stage, due, was, self.tr("Deadline changed."))

        return self._open(DeadlineDialog(chosen, save, new=False, parent=self))

    def _put(
        self, year: int, stage: str, due: date, was: tuple[int, str] | None, done: str
    ) -> str | None:
        try:
            put_deadline(self.workspace, year, stage, due, was=was)
        except ServiceError as error:
            return reason(error)
        self.after(done)
        return None

    def _open(self, dialog: DeadlineDialog) -> DeadlineDialog:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()
        return dialog

    def _double_clicked(self, index: QModelIndex) -> None:
        self.change(self.model.row(index.row()))

    def remove(self) -> None:
        """Remove the deadline selected (it is not sent)."""
        chosen = self.chosen()
        if chosen is None:
            return
        try:
            put_deadline(self.workspace, chosen.year, chosen.stage, None)
        except ServiceError as error:
            messages.show_error(self, self.tr("The deadline was not removed"), error)
            return
        self.after(self.tr("Deadline of {what} removed.").format(what=chosen.label))

    # -- all at once ---------------------------------------------------------------------------

    def use_board(self) -> None:
        """Send the deadlines set on the status board for the year chosen."""
        year = self.year()
        try:
            chosen = board_deadlines(self.workspace, [year])
            if not chosen:
                messages.show_info(
                    self,
                    self.tr("No deadline"),
                    self.tr(
                        "No deadline is set for {year} on the status board: set them there "
                        "first, stage by stage, or add them here one by one."
                    ).format(year=year),
                )
                return
            store_deadlines(self.workspace, chosen)
        except ServiceError as error:
            messages.show_error(self, self.tr("The deadlines were not set"), error)
            return
        self.after(self.tr("{count} deadlines set to send.").format(count=len(chosen)))

    def import_file(self) -> None:
        """Send the deadlines of a file."""
        path = choose_deadlines_file(self)
        if path is None:
            return
        try:
            chosen = set_deadlines(self.workspace, path)
        except ServiceError as error:
            messages.show_error(self, self.tr("The deadlines were not set"), error)
            return
        self.after(self.tr("{count} deadlines set to send.").format(count=len(chosen)))

    def clear(self) -> None:
        """Send no deadlines."""
        try:
            store_deadlines(self.workspace, [])
        except ServiceError as error:
            messages.show_error(self, self.tr("The deadlines were not set"), error)
            return
        self.after(self.tr("No deadlines will be sent."))
