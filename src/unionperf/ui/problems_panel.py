"""The problems panel: every validation problem of the year, clickable to its field.

What the user can fix comes first (hard problems, then soft ones), the sign-offs still missing
come last. Beside the summary, the deadlines the upper level set for the stages not sent yet
(days left, or overdue in red; ``ui/deadlines.py``). The table's rows are one text line high,
so that at 1366×768 the panel shows :data:`VISIBLE_ROWS` of them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QMargins, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.problems import Problem, Section, Severity
from unionperf.domain.year import YearData
from unionperf.ui.deadlines import DUE_COLOUR, OVERDUE_COLOUR, DeadlineLine
from unionperf.ui.widgets.table_model import Column, RowTableModel

__all__ = ["VISIBLE_ROWS", "ProblemsModel", "ProblemsPanel", "problem_columns", "shown_order"]

HARD_COLOUR = "#f6d5d3"
"""Hard problems block submission: a red tint."""
SOFT_COLOUR = "#fdf0c8"
"""Soft problems need an explanation: a yellow tint."""
VISIBLE_ROWS = 6
"""The panel opens tall enough for this many problems."""
ROW_PADDING = 6
"""Pixels a row adds to its line of text."""
SHOWN_DEADLINES = 2
"""Deadlines named beside the summary (the earliest; the tooltip names every one)."""


def shown_order(problems: list[Problem]) -> list[Problem]:
    """Problems the user can fix first (hard, then soft, by code), missing sign-offs last."""
    return sorted(
        problems,
        key=lambda p: (
            p.where.section is Section.SIGNOFF,
            p.severity is not Severity.HARD,
            p.code.value,
        ),
    )


def _severity(problem: Problem) -> str:
    if problem.severity is Severity.HARD:
        return QCoreApplication.translate("Problems", "Must fix")
    return QCoreApplication.translate("Problems", "Explain")


def problem_columns(data: YearData | None) -> list[Column[Problem]]:
    """Severity, code, where, what (and the explanation written for a soft problem)."""
    return [
        Column(
            QCoreApplication.translate("Problems", "Kind"),
            _severity,
            colour=lambda p: HARD_COLOUR if p.severity is Severity.HARD else SOFT_COLOUR,
            width_chars=6,
        ),
        Column(
            QCoreApplication.translate("Problems", "Code"), lambda p: p.code.value, width_chars=5
        ),
        Column(
            QCoreApplication.translate("Problems", "Where"),
            lambda p: p.where.label,
            tooltip=lambda p: p.where.label,
            width_chars=36,
        ),
        Column(
            QCoreApplication.translate("Problems", "Problem"),
            lambda p: p.message,
            tooltip=lambda p: p.message,
        ),
        Column(
            QCoreApplication.translate("Problems", "Explanation"),
            lambda p: data.explanation_for(p.key) if data is not None else "",
            width_chars=16,
        ),
    ]


class ProblemsModel(RowTableModel[Problem]):
    """The year's problems in :func:`shown_order`."""


class ProblemsPanel(QWidget):
    """A summary line over a table of problems; activating a row asks to show its field."""

    locate = Signal(object)
    """A :class:`Problem` the user clicked: open its step and select its field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setObjectName("problemSummary")
        self.deadlines = QLabel()
        self.deadlines.setObjectName("deadlineLine")
        self.deadlines.setVisible(False)
        self.deadlines.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # a long line must not widen the window past a small screen: the tooltip has it all
        self.deadlines.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.model = ProblemsModel(problem_columns(None), self)
        self.table = QTableView()
        self.table.setObjectName("problemsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(1)
        rows.setDefaultSectionSize(self.row_height())
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        top.addWidget(self.summary)
        top.addWidget(self.deadlines, 1)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def row_height(self) -> int:
        """One line of text with a little room."""
        return self.fontMetrics().height() + ROW_PADDING

    def height_for_rows(self, rows: int = VISIBLE_ROWS) -> int:
        """The dock height that shows the summary, the header and ``rows`` problems."""
        line = self.fontMetrics().height()
        title = line + 8  # the dock's title bar
        summary = self.summary.sizeHint().height() + 4
        header = self.table.horizontalHeader().sizeHint().height()
        frame = 2 * self.table.frameWidth()
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else QMargins()
        return (
            title
            + margins.top()
            + summary
            + header
            + rows * self.row_height()
            + frame
            + margins.bottom()
            + line // 2
        )

    def show_problems(
        self, data: YearData | None, problems: list[Problem], not_started: Sequence[str] = ()
    ) -> None:
        """Show ``problems`` (fixable first, sign-offs last) and count them in the summary.

        ``not_started`` names the steps with nothing in them yet: with no problem, the summary
        says those are still to do instead of claiming that every check passes.
        """
        ordered = shown_order(problems)
        self.model.columns = tuple(problem_columns(data))
        self.model.set_rows(ordered)
        hard = sum(1 for p in problems if p.severity is Severity.HARD)
        soft = len(problems) - hard
        if problems:
            parts = [
                text
                for count, text in (
                    (hard, self.tr("{count} problems must be fixed").format(count=hard)),
                    (soft, self.tr("{count} problems need an explanation").format(count=soft)),
                )
                if count
            ]
            self.summary.setText(self.tr(", ").join(parts))
        elif not_started:
            self.summary.setText(
                self.tr("No problems in what is filled in; not started yet: {steps}.").format(
                    steps="、".join(not_started)
                )
            )
        else:
            self.summary.setText(
                self.tr(
                    "No problems: every check passes. A stage signed off is sent from the step"
                    " “Submit”."
                )
            )
        self._fit()

    def show_deadlines(self, lines: list[DeadlineLine]) -> None:
        """Show the upper level's deadlines of the stages not sent yet (hidden when none)."""
        self.deadlines.setVisible(bool(lines))
        if not lines:
            self.deadlines.clear()
            return
        items = "；".join(line.text for line in lines[:SHOWN_DEADLINES])
        if len(lines) > SHOWN_DEADLINES:
            items = self.tr("{items}; {more} more").format(
                items=items, more=len(lines) - SHOWN_DEADLINES
            )
        self.deadlines.setText(self.tr("Deadlines of the upper level: {items}").format(items=items))
        self.deadlines.setToolTip("\n".join(line.text for line in lines))
        overdue = any(line.overdue for line in lines)
        colour = OVERDUE_COLOUR if overdue else DUE_COLOUR
        self.deadlines.setStyleSheet(f"color: {colour}; font-weight: bold;")

    def _fit(self) -> None:
        header = self.table.horizontalHeader()
        digit = self.fontMetrics().horizontalAdvance("中")
        for column, spec in enumerate(self.model.columns):
            if spec.width_chars:
                self.table.setColumnWidth(column, spec.width_chars * digit)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.locate.emit(self.model.row(index.row()))

    def select_first(self) -> None:
        """Select the first problem (keyboard users start here)."""
        if self.model.rowCount():
            self.table.selectRow(0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
