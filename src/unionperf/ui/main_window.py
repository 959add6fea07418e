"""The main window: the workspace's union, a year selector and the year's self-evaluation scores."""

from __future__ import annotations

import logging
from typing import Any, TypeVar

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from unionperf.services.demo import fill_demo
from unionperf.services.errors import ServiceError
from unionperf.services.reports import year_overview
from unionperf.services.workspace import Workspace
from unionperf.ui.models.score_table_model import ScoreTableModel, rows_from_report, score_columns

__all__ = ["EmptyStateView", "MainWindow", "YearOverviewView"]

log = logging.getLogger(__name__)

W = TypeVar("W", bound=QWidget)

ROW_HEIGHT = 1.9
"""Table rows this many lines high: room to read and to click on a small screen."""
CELL_PADDING = 4
"""Extra width of a number column, in digit widths."""
HARD_STYLE = "color: #b3261e; font-weight: bold;"
"""Hard problems block submission (domain.md §7.1): red, so they are not overlooked."""


class EmptyStateView(QWidget):
    """Layout of the page shown before the workspace holds a union and a year."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel(
            self.tr(
                "No data yet. Enter the union's profile and a year's budget, "
                "or load the demo union to look around."
            )
        )
        self.message.setObjectName("emptyMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.load_demo = QPushButton(self.tr("Load demo data"))
        self.load_demo.setObjectName("loadDemoButton")
        self.load_demo.setMinimumSize(
            self.fontMetrics().horizontalAdvance(self.load_demo.text()) * 2,
            round(self.fontMetrics().height() * ROW_HEIGHT * 1.2),
        )
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addSpacing(16)
        layout.addWidget(self.load_demo, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)


class YearOverviewView(QWidget):
    """Layout of the year page: union, year selector, unit result, problems, score table."""

    def __init__(self, model: ScoreTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit_name = _named(QLabel(), "unitName")
        title_font = QFont(self.unit_name.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self.unit_name.setFont(title_font)
        self.credit_code = _named(QLabel(), "creditCode")
        self.credit_code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.year = _named(QComboBox(), "yearSelector")
        self.year.setMinimumContentsLength(8)
        year_label = QLabel(self.tr("Year:"))
        year_label.setBuddy(self.year)
        self.caption = _named(QLabel(), "tableCaption")
        self.unit_result = _named(QLabel(), "unitResult")
        self.problems = _named(QLabel(), "problemCount")
        self.table = _named(QTableView(), "scoreTable")
        self.table.setModel(model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(round(self.fontMetrics().height() * ROW_HEIGHT))
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setStretchLastSection(False)
        header.setMinimumHeight(round(self.fontMetrics().height() * ROW_HEIGHT))
        model.modelReset.connect(self.fit_columns)

        top = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.unit_name)
        names.addWidget(self.credit_code)
        top.addLayout(names, 1)
        top.addWidget(year_label)
        top.addWidget(self.year)
        facts = QHBoxLayout()
        facts.addWidget(self.unit_result, 1)
        facts.addWidget(self.problems)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addSpacing(12)
        layout.addLayout(facts)
        layout.addSpacing(4)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)

    def fit_columns(self) -> None:
        """Numbers get their width plus some air; the project names take the rest."""
        header = self.table.horizontalHeader()
        padding = self.fontMetrics().horizontalAdvance("0") * CELL_PADDING
        for column in range(1, header.count()):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, self.table.columnWidth(column) + padding)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


class MainWindow(QMainWindow):
    """The window on one open workspace; it reads through the services and never writes SQL."""

    year_shown = Signal(int)
    """A year's scores and problems were loaded into the page (the year is passed)."""
    demo_loaded = Signal()
    """The demo union was written into the workspace and the window refreshed."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(self.tr("UnionPerf · budget performance for grassroots trade unions"))
        self.model = ScoreTableModel(score_columns(), self)
        self.empty = EmptyStateView()
        self.overview = YearOverviewView(self.model)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.overview)
        self.setCentralWidget(self.pages)
        self.path_label = _named(QLabel(), "workspacePath")
        self.year_label = _named(QLabel(), "statusYear")
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.year_label)
        self.path_label.setText(self.tr("Workspace: {path}").format(path=workspace.paths.root))
        self.empty.load_demo.clicked.connect(self.load_demo)
        self.overview.year.currentIndexChanged.connect(self._year_picked)
        self.resize(1200, 680)
        self.refresh()

    def current_year(self) -> int | None:
        """The year shown, or ``None`` on the empty page."""
        year = self.overview.year.currentData()
        return (
            year if isinstance(year, int) and self.pages.currentWidget() is self.overview else None
        )

    def refresh(self) -> None:
        """Re-read the union and its years; show the latest year (or the one shown before)."""
        try:
            unit, years = self.workspace.unit(), self.workspace.years()
        except ServiceError as error:
            self._warn(self.tr("Cannot read the workspace"), error)
            unit, years = None, []
        if unit is None or not years:
            self.pages.setCurrentWidget(self.empty)
            self.year_label.setText(self.tr("No year yet"))
            return
        self.overview.unit_name.setText(unit.name)
        self.overview.credit_code.setText(
            self.tr("Unified social credit code: {code}").format(code=unit.credit_code)
        )
        previous = self.overview.year.currentData()
        chosen = previous if previous in years else years[-1]
        with QSignalBlocker(self.overview.year):  # one load below, not one per item added
            self.overview.year.clear()
            for year in years:
                self.overview.year.addItem(self.tr("{year}").format(year=year), year)
            self.overview.year.setCurrentIndex(years.index(chosen))
        self.pages.setCurrentWidget(self.overview)
        self.show_year(chosen)

    def show_year(self, year: int) -> None:
        """Load one year's scores and problem counts into the page."""
        try:
            report = year_overview(self.workspace.load_year(year))
        except ServiceError as error:
            self.model.set_rows(())
            self._warn(self.tr("Cannot read the year {year}").format(year=year), error)
            return
        self.model.set_rows(rows_from_report(report, self.tr("Unit as a whole")))
        self.overview.caption.setText(self.tr("Self-evaluation scores of {year}").format(year=year))
        self._show_unit_result(report["unit"])
        self._show_problems(report["hard"], report["soft"])
        self.year_label.setText(self.tr("Year: {year}").format(year=year))
        self.year_shown.emit(year)

    def load_demo(self) -> None:
        """Fill the open workspace with the demo union and show it."""
        if self.workspace.unit() is not None:
            answer = QMessageBox.question(
                self,
                self.tr("Load demo data"),
                self.tr("Replace this workspace's union profile with the demo union?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.statusBar().showMessage(self.tr("Loading the demo data…"))
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            fill_demo(self.workspace)
        except ServiceError as error:
            filled = False
            self._warn(self.tr("Cannot load the demo data"), error)
        else:
            filled = True
        finally:
            QGuiApplication.restoreOverrideCursor()
            self.statusBar().clearMessage()
        self.refresh()  # each demo year is its own transaction: show what did get saved
        if filled:
            self.demo_loaded.emit()

    def _year_picked(self, index: int) -> None:
        year = self.overview.year.itemData(index)
        if isinstance(year, int):
            self.show_year(year)

    def _show_unit_result(self, unit: dict[str, Any]) -> None:
        label = self.overview.unit_result
        if "total" in unit:
            label.setText(
                self.tr("Unit as a whole: score {score}, grade {grade}").format(
                    score=unit["total"], grade=unit["grade"]
                )
            )
        else:
            label.setText(self.tr("The unit as a whole is not evaluated this year."))

    def _show_problems(self, hard: int, soft: int) -> None:
        label = self.overview.problems
        if hard or soft:
            label.setText(
                self.tr("Checks: {hard} to fix, {soft} to explain").format(hard=hard, soft=soft)
            )
        else:
            label.setText(self.tr("Checks: no problems found"))
        label.setStyleSheet(HARD_STYLE if hard else "")

    def _warn(self, title: str, error: Exception) -> None:
        log.warning("%s: %s", title, error)
        QMessageBox.warning(self, title, str(error))


def _named(widget: W, name: str) -> W:
    """``widget`` with its object name set (tests and style sheets find it by that name)."""
    widget.setObjectName(name)
    return widget
