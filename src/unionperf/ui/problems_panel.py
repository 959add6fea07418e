"""The problems panel: every validation problem of the year, clickable to its field."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.problems import Problem, Severity
from unionperf.domain.year import YearData
from unionperf.ui.widgets.table_model import Column, RowTableModel

__all__ = ["ProblemsModel", "ProblemsPanel", "problem_columns"]

HARD_COLOUR = "#f6d5d3"
"""Hard problems block submission: a red tint."""
SOFT_COLOUR = "#fdf0c8"
"""Soft problems need an explanation: a yellow tint."""


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
    """The year's problems, hard ones first."""


class ProblemsPanel(QWidget):
    """A summary line over a table of problems; activating a row asks to show its field."""

    locate = Signal(object)
    """A :class:`Problem` the user clicked: open its step and select its field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setObjectName("problemSummary")
        self.model = ProblemsModel(problem_columns(None), self)
        self.table = QTableView()
        self.table.setObjectName("problemsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def show_problems(
        self, data: YearData | None, problems: list[Problem], not_started: Sequence[str] = ()
    ) -> None:
        """Show ``problems`` (hard first) and count them in the summary line.

        ``not_started`` names the steps with nothing in them yet: with no problem, the summary
        says those are still to do instead of claiming that every check passes.
        """
        ordered = sorted(problems, key=lambda p: (p.severity is not Severity.HARD, p.code.value))
        self.model.columns = tuple(problem_columns(data))
        self.model.set_rows(ordered)
        hard = sum(1 for p in problems if p.severity is Severity.HARD)
        soft = len(problems) - hard
        if problems:
            self.summary.setText(
                self.tr("{hard} problems must be fixed, {soft} need an explanation").format(
                    hard=hard, soft=soft
                )
            )
        elif not_started:
            self.summary.setText(
                self.tr("No problems in what is filled in; not started yet: {steps}.").format(
                    steps="、".join(not_started)
                )
            )
        else:
            self.summary.setText(self.tr("No problems: every check passes."))
        self._fit()

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
