"""报送情况: every registered unit's status for the year's stage, with the rates on top.

The counts and the reporting and on-time rates cover every unit (DHIS2's reporting rates); the
status buttons and the search narrow the list only. The stage's deadline is set here; a
monitoring point no package names yet can be added to the stages to give it a deadline. The
board exports to Excel as shown. A double-click on a unit that reported opens its review.

:func:`ask_point_date` and the save picker are module functions, so tests replace them.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.board import BoardStatus
from unionperf.domain.year import stage_label
from unionperf.services.common.errors import ServiceError
from unionperf.services.upper.deadlines import set_deadline
from unionperf.services.upper.status import BoardFilter, StatusBoard, status_board
from unionperf.services.upper.tables import export_board, percent_text
from unionperf.ui import messages
from unionperf.ui.file_dialogs import choose_save_file
from unionperf.ui.upper.base import UpperPage, fit_columns, intro_label, read_only_table
from unionperf.ui.upper.board.models import STATUS_COLOURS, BoardModel
from unionperf.ui.upper.context import Area, UpperContext

__all__ = ["BoardPage", "ask_point_date", "choose_board_target"]

EXCEL_FILTER = "Excel (*.xlsx)"
SUGGESTED_DAYS_AFTER_POINT = 15
"""A monitoring point's deadline starts half a month after its cut-off."""
RATE_STYLE = "font-size: 15pt; font-weight: bold; color: #1d4f91;"


def choose_board_target(parent: QWidget, name: str) -> Path | None:
    """Ask where to write the board's workbook; ``None`` when cancelled."""
    return choose_save_file(
        parent,
        QCoreApplication.translate("BoardPage", "Export the reporting status"),
        name,
        EXCEL_FILTER,
    )


def ask_point_date(parent: QWidget, year: int) -> date | None:
    """Ask for the cut-off date of a monitoring point of ``year``; ``None`` when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("BoardPage", "Add a monitoring point"))
    edit = QDateEdit(QDate(year, 6, 30))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDateRange(QDate(year, 1, 1), QDate(year, 12, 31))
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(
        QLabel(QCoreApplication.translate("BoardPage", "Cut-off date of the monitoring point:"))
    )
    layout.addWidget(edit)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return _day(edit.date())


class BoardPage(UpperPage):
    """The status board of the stage chosen in the toolbar."""

    areas = frozenset(
        {Area.REGISTER, Area.RECEIVED, Area.DECISIONS, Area.DEADLINES, Area.SELECTION}
    )
    open_requested = Signal(str, str)
    """Open another page on a unit: (page, unit code)."""

    def __init__(self, context: UpperContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.board: StatusBoard | None = None
        self.heading = QLabel()
        self.heading.setObjectName("boardHeading")
        self.rates = QLabel()
        self.rates.setObjectName("boardRates")
        self.rates.setStyleSheet(RATE_STYLE)
        filter_row = self._filter_row()
        self.search = QLineEdit()
        self.search.setObjectName("boardSearch")
        self.search.setPlaceholderText(self.tr("Find: name or credit code"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filters_changed)
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.setObjectName("exportBoard")
        self.export_button.clicked.connect(self.export)
        filter_row.addSpacing(8)
        filter_row.addWidget(self.search, 1)
        filter_row.addWidget(self.export_button)
        self.shown_count = QLabel()
        self.shown_count.setObjectName("boardShown")
        self.model = BoardModel(self)
        self.table = read_only_table(self.model, "boardTable")
        fit_columns(self.table, self.model.columns, stretch=0)
        self.table.doubleClicked.connect(self._open_unit)
        layout = QVBoxLayout(self)
        layout.addWidget(
            intro_label(
                self.tr(
                    "Who has reported the stage chosen above, who is late or missing, who was "
                    "returned and has sent again. Double-click a unit that reported to review it."
                )
            )
        )
        layout.addWidget(self._deadline_box())
        layout.addWidget(self.heading)
        layout.addWidget(self.rates)
        layout.addLayout(filter_row)
        layout.addWidget(self.shown_count)
        layout.addWidget(self.table, 1)

    def _deadline_box(self) -> QGroupBox:
        self.deadline = QDateEdit()
        self.deadline.setObjectName("deadlineDate")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.set_button = QPushButton(self.tr("Set deadline"))
        self.set_button.setObjectName("setDeadline")
        self.set_button.clicked.connect(self.set_deadline_shown)
        self.clear_button = QPushButton(self.tr("Remove deadline"))
        self.clear_button.setObjectName("clearDeadline")
        self.clear_button.clicked.connect(self.clear_deadline)
        self.deadline_state = QLabel()
        self.deadline_state.setObjectName("deadlineState")
        self.point_button = QPushButton(self.tr("Add a monitoring point…"))
        self.point_button.setObjectName("addPoint")
        self.point_button.clicked.connect(self.add_point)
        deadline_box = QGroupBox(self.tr("Deadline of this stage (last day allowed)"))
        deadline_row = QHBoxLayout(deadline_box)
        deadline_row.addWidget(self.deadline)
        deadline_row.addWidget(self.set_button)
        deadline_row.addWidget(self.clear_button)
        deadline_row.addWidget(self.deadline_state, 1)
        deadline_row.addWidget(self.point_button)
        return deadline_box

    def _filter_row(self) -> QHBoxLayout:
        self.filters = QButtonGroup(self)
        self.filters.setExclusive(False)
        self.filter_buttons: dict[BoardStatus, QPushButton] = {}
        filter_row = QHBoxLayout()
        self.all_button = QPushButton(self.tr("All"))
        self.all_button.setObjectName("filterAll")
        self.all_button.clicked.connect(self.show_all)
        filter_row.addWidget(QLabel(self.tr("Show:")))
        filter_row.addWidget(self.all_button)
        for status in BoardStatus:
            button = QPushButton(status.label)
            button.setObjectName(f"filter-{status.value}")
            button.setCheckable(True)
            button.setStyleSheet(
                f"QPushButton:checked {{ background: {STATUS_COLOURS[status]}; "
                "border: 1px solid #555555; font-weight: bold; }"
            )
            button.toggled.connect(self._filters_changed)
            self.filters.addButton(button)
            self.filter_buttons[status] = button
            filter_row.addWidget(button)
        return filter_row

    # -- showing -------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the board of the year and stage chosen."""
        context = self.context
        chosen = frozenset(s for s, button in self.filter_buttons.items() if button.isChecked())
        try:
            self.board = status_board(
                self.workspace,
                context.year,
                context.stage,
                today=context.today(),
                filters=BoardFilter(statuses=chosen, text=self.search.text()),
            )
        except ServiceError as error:
            messages.show_error(self, self.tr("Cannot read the reporting status"), error)
            return
        self._show(self.board)

    def _show(self, board: StatusBoard) -> None:
        rates = board.rates
        self.heading.setText(
            self.tr("{year}: {stage}").format(year=board.year, stage=board.stage_label)
        )
        text = self.tr("Expected {expected} · reported {reported} · rate {rate}").format(
            expected=rates.expected,
            reported=rates.reported,
            rate=percent_text(rates.reporting_rate) or "—",
        )
        if rates.has_deadline:
            text += self.tr(" · on time {count} · on-time rate {rate}").format(
                count=rates.reported_on_time, rate=percent_text(rates.on_time_rate) or "—"
            )
        self.rates.setText(text)
        for status, button in self.filter_buttons.items():
            button.setText(f"{status.label} {rates.counts[status]}")
        self.model.set_rows(board.lines)
        self.shown_count.setText(
            self.tr("{shown} of {total} units shown").format(
                shown=len(board.lines), total=rates.expected
            )
            if rates.expected
            else self.tr(
                "No unit registered yet: register the units under “1. Units” first, then "
                "receive their packages under “2. Receive”."
            )
        )
        self._show_deadline(board)

    def _show_deadline(self, board: StatusBoard) -> None:
        due = board.deadline
        year = board.year
        self.deadline.setDateRange(QDate(year - 1, 1, 1), QDate(year + 1, 12, 31))
        if due is None:
            self.deadline.setDate(QDate(*_suggested(board.stage, year).timetuple()[:3]))
            self.deadline_state.setText(self.tr("No deadline set: no unit is late."))
            self.clear_button.setEnabled(False)
            return
        self.deadline.setDate(QDate(due.year, due.month, due.day))
        self.clear_button.setEnabled(True)
        days = (due - board.today).days
        if days < 0:
            state = self.tr("Deadline {due}: passed {days} days ago.").format(
                due=due.isoformat(), days=-days
            )
        elif days == 0:
            state = self.tr("Deadline {due}: today.").format(due=due.isoformat())
        else:
            state = self.tr("Deadline {due}: {days} days left.").format(
                due=due.isoformat(), days=days
            )
        self.deadline_state.setText(state)

    def show_all(self) -> None:
        """Clear the status filters and the search."""
        for button in self.filter_buttons.values():
            button.blockSignals(True)
            button.setChecked(False)
            button.blockSignals(False)
        self.search.clear()
        self.load()

    def _filters_changed(self, *_args: object) -> None:
        self.load()

    def _open_unit(self, index: object) -> None:
        row = getattr(index, "row", None)
        if row is None:
            return
        line = self.model.row(row())
        if line.status is not BoardStatus.MISSING:
            self.open_requested.emit("review", line.code)

    # -- deadlines and monitoring points -------------------------------------------------------

    def set_deadline_shown(self) -> None:
        """Set the date shown as the stage's deadline."""
        self._set(_day(self.deadline.date()))

    def clear_deadline(self) -> None:
        """Remove the stage's deadline."""
        self._set(None)

    def _set(self, due: date | None) -> None:
        context = self.context
        try:
            set_deadline(self.workspace, context.year, context.stage, due)
        except ServiceError as error:
            messages.show_error(self, self.tr("The deadline was not saved"), error)
            return
        context.notify(Area.DEADLINES)
        self.load()
        label = stage_label(context.stage)
        self.say(
            self.tr("Deadline of {stage} set to {due}.").format(stage=label, due=due.isoformat())
            if due is not None
            else self.tr("Deadline of {stage} removed.").format(stage=label)
        )

    def add_point(self) -> None:
        """Add a monitoring point to the year's stages (to set its deadline) and show it."""
        cutoff = ask_point_date(self, self.context.year)
        if cutoff is None:
            return
        stage = f"monitoring-{cutoff.isoformat()}"
        self.context.extra_stages.add((self.context.year, stage))
        window = self.window()
        choose = getattr(window, "choose", None)
        if choose is not None:
            choose(self.context.year, stage)
        else:
            self.context.choose(self.context.year, stage)

    # -- export --------------------------------------------------------------------------------

    def export(self) -> Path | None:
        """Write the board as shown (filters applied, counts of every unit) to a workbook."""
        board = self.board
        if board is None:
            return None
        name = self.tr("reporting status {year} {stage}.xlsx").format(
            year=board.year, stage=board.stage_label
        )
        path = choose_board_target(self, name)
        if path is None:
            return None
        try:
            written = export_board(board, path)
        except ServiceError as error:
            messages.show_error(self, self.tr("The reporting status was not exported"), error)
            return None
        self.say(self.tr("Reporting status written to {path}").format(path=written))
        return written


def _day(shown: QDate) -> date:
    """A date editor's day as a ``date``."""
    return date(shown.year(), shown.month(), shown.day())


def _suggested(stage: str, year: int) -> date:
    """The date the deadline editor starts on before one is set: after the stage's cut-off."""
    if stage.startswith("monitoring-"):
        cutoff = date.fromisoformat(stage.removeprefix("monitoring-"))
        return cutoff + timedelta(days=SUGGESTED_DAYS_AFTER_POINT)
    if stage == "targets":
        return date(year, 1, 31)
    return date(year + 1, 3, 15)
