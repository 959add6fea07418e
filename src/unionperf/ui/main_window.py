"""The main window: six steps with their status, year selector, problems panel (product.md §2).

A package file dropped on it is opened as a double-click opens it (``ui/open_package.py``); the
upper level's parameter package is also opened from 文件 (``ui/params_dialog.py``), and the
deadlines it set show in the status bar and the problems panel (``ui/deadlines.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QDragEnterEvent, QDropEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.cycle import Step, StepStatus, step_for_section
from unionperf.domain.problems import Problem
from unionperf.services.common.errors import ServiceError, local_today
from unionperf.services.common.progress import Cancelled, Progress
from unionperf.services.common.stages import StageLockedError
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import new_year
from unionperf.ui import messages
from unionperf.ui.app_icon import app_icon
from unionperf.ui.deadlines import refresh_deadlines
from unionperf.ui.fillin_actions import FillinActions
from unionperf.ui.guidance import GuidanceCard
from unionperf.ui.jobs import Job, run_with_progress
from unionperf.ui.new_year_dialog import NewYearDialog
from unionperf.ui.params_dialog import ParamsDialog, dropped_packages, import_params
from unionperf.ui.problems_panel import ProblemsPanel
from unionperf.ui.steps import build_page
from unionperf.ui.steps.base import StepPage, step_title
from unionperf.ui.year_session import Area, YearSession

if TYPE_CHECKING:
    from pathlib import Path

    from unionperf.services.common.workspace import RestoreResult
    from unionperf.ui.about_dialog import AboutDialog
    from unionperf.ui.restore_dialog import RestoreDialog

__all__ = ["MainWindow", "status_text"]

log = logging.getLogger(__name__)

STATUS_COLOURS = {
    StepStatus.NOT_STARTED: "#6b6b6b",
    StepStatus.IN_PROGRESS: "#a15c00",
    StepStatus.DONE: "#1e7a34",
    StepStatus.SUBMITTED: "#1d4f91",
}
PAGE_BUILD_PAUSE_MS = 50
"""Pause between building the other step pages after start (the first paint comes first)."""
NAVIGATOR_WIDTH_CHARS = 11
"""Wide enough for the longest step name at 1366×768, no wider."""


def status_text(status: StepStatus) -> str:
    """未开始 / 进行中 / 已完成 / 已报送."""
    match status:
        case StepStatus.NOT_STARTED:
            return QCoreApplication.translate("Steps", "Not started")
        case StepStatus.IN_PROGRESS:
            return QCoreApplication.translate("Steps", "In progress")
        case StepStatus.DONE:
            return QCoreApplication.translate("Steps", "Done")
        case StepStatus.SUBMITTED:
            return QCoreApplication.translate("Steps", "Submitted")


class MainWindow(QMainWindow):
    """The window on one open workspace; it works through the session and never writes SQL."""

    year_shown = Signal(int)
    """A year was opened (the year is passed)."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.session = YearSession(workspace, self)
        self.session.adjustment_reason = self._ask_adjustment_reason
        self.setWindowTitle(self.tr("UnionPerf · budget performance for grassroots trade unions"))
        self.setWindowIcon(app_icon())
        self.guidance = GuidanceCard()
        """The current step in one sentence, opening its guidance (under the navigator)."""
        self._build_actions()
        self.fillin = FillinActions(self)
        self._build_toolbar()
        self.navigator = QListWidget()
        self.navigator.setObjectName("navigator")
        self.navigator.setFixedWidth(
            self.fontMetrics().horizontalAdvance("中") * NAVIGATOR_WIDTH_CHARS
        )
        self.navigator.setSpacing(2)
        self.pages = QStackedWidget()
        self.step_pages: dict[Step, StepPage] = {}
        """The pages built so far (a page is built when its step is first opened)."""
        for step in Step:
            self.pages.addWidget(QWidget())
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, step.value)
            self.navigator.addItem(item)
        self.navigator.currentRowChanged.connect(self._step_picked)
        centre = QWidget()
        row = QHBoxLayout(centre)
        row.setContentsMargins(4, 4, 4, 0)
        row.addLayout(self._steps_column())
        row.addWidget(self.pages, 1)
        self.setCentralWidget(centre)
        self.problems = ProblemsPanel()
        self.problems.locate.connect(self.show_problem)
        self.problems_dock = QDockWidget(self.tr("Problems"), self)
        self.problems_dock.setObjectName("problemsDock")
        self.problems_dock.setWidget(self.problems)
        self.problems_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self._build_status_bar()
        self.session.problems_changed.connect(self._problems_changed)
        self.session.changed.connect(self._session_changed)
        self.session.failed.connect(self._edit_failed)
        self.session.locate.connect(self.show_problem)
        self.resize(1366, 768)
        self.resizeDocks(
            [self.problems_dock], [self.problems.height_for_rows()], Qt.Orientation.Vertical
        )
        self.refresh_years()
        self.navigator.setCurrentRow(0)
        self._page_timer = QTimer(self)
        self._page_timer.setSingleShot(True)
        self._page_timer.setInterval(PAGE_BUILD_PAUSE_MS)
        self._page_timer.timeout.connect(self._build_next_page)
        self._page_timer.start()

    # -- building ------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self._take_packages()
        stack = self.session.undo_stack
        self.undo_action = stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")]
        )
        self.add_year_action = QAction(self.tr("New year…"), self)
        self.add_year_action.triggered.connect(self.add_year)
        self.backup_action = QAction(self.tr("Back up now"), self)
        self.backup_action.triggered.connect(self.back_up)
        self.restore_action = QAction(self.tr("Restore from backup…"), self)
        self.restore_action.setObjectName("restoreAction")
        self.restore_action.triggered.connect(self.show_restore)
        self.params_action = QAction(
            self.tr("Import a parameter package of the upper level…"), self
        )
        self.params_action.setObjectName("importParamsAction")
        self.params_action.triggered.connect(lambda: import_params(self))
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.add_year_action)
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addAction(self.params_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.file_menu = file_menu
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        self.edit_menu = edit_menu
        self.about_action = QAction(self.tr("About UnionPerf…"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.guidance_action = QAction(self.tr("Guidance for this step"), self)
        self.guidance_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.guidance_action.triggered.connect(self.guidance.open_guidance)
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_menu.addAction(self.guidance_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)
        self.about_dialog: AboutDialog | None = None
        """The About dialog, once it was opened."""
        self.addActions([self.undo_action, self.redo_action])

    def _take_packages(self) -> None:
        self.today: Callable[[], date] = local_today
        """The day deadlines are counted from (tests set it)."""
        self.params_dialog: ParamsDialog | None = None
        """The parameter package shown, while its dialog is open."""
        self.setAcceptDrops(True)

    def _steps_column(self) -> QVBoxLayout:
        """The navigator over the guidance card, as wide as the step names."""
        self.guidance.setFixedWidth(self.navigator.maximumWidth())
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.navigator, 1)
        column.addWidget(self.guidance)
        return column

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Year"))
        bar.setObjectName("yearBar")
        bar.setMovable(False)
        self.unit_name = QLabel()
        self.unit_name.setObjectName("unitName")
        font = QFont(self.unit_name.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.unit_name.setFont(font)
        self.year = QComboBox()
        self.year.setObjectName("yearSelector")
        self.year.setMinimumContentsLength(8)
        self.year.currentIndexChanged.connect(self._year_picked)
        bar.addWidget(self.unit_name)
        spacer = QWidget()
        spacer.setMinimumWidth(24)
        bar.addWidget(spacer)
        bar.addWidget(QLabel(self.tr("Year:")))
        bar.addWidget(self.year)
        bar.addAction(self.add_year_action)
        bar.addSeparator()
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    def _build_status_bar(self) -> None:
        self.path_label = QLabel(
            self.tr("Workspace: {path}").format(path=self.workspace.paths.root)
        )
        self.path_label.setObjectName("workspacePath")
        self.year_label = QLabel()
        self.year_label.setObjectName("statusYear")
        self.backup_label = QLabel()
        self.backup_label.setObjectName("lastBackup")
        self.deadline_label = QLabel()
        self.deadline_label.setObjectName("statusDeadline")
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.deadline_label)
        self.statusBar().addPermanentWidget(self.year_label)
        self.statusBar().addPermanentWidget(self.backup_label)
        self.show_last_backup()

    # -- years ---------------------------------------------------------------------------------

    def refresh_years(self, chosen: int | None = None) -> None:
        """Re-read the union and its years; open ``chosen`` (default: the shown or last year)."""
        try:
            unit, years = self.workspace.unit(), self.workspace.years()
        except ServiceError as error:
            messages.show_error(self, self.tr("Cannot read the workspace"), error)
            unit, years = None, []
        self.unit_name.setText(unit.name if unit else self.tr("(union profile not entered yet)"))
        keep = chosen if chosen is not None else self.session.year
        year = keep if keep in years else (years[-1] if years else None)
        with QSignalBlocker(self.year):
            self.year.clear()
            for held in years:
                self.year.addItem(self.tr("{year}").format(year=held), held)
            if year is not None:
                self.year.setCurrentIndex(years.index(year))
        self.open_year(year)

    def open_year(self, year: int | None) -> None:
        """Open one year in every step."""
        try:
            self.session.open_year(year)
        except ServiceError as error:
            messages.show_error(
                self, self.tr("Cannot read the year {year}").format(year=year), error
            )
            return
        self.year_label.setText(
            self.tr("Year: {year}").format(year=year) if year else self.tr("No year yet")
        )
        self._current_page().activate()
        if year is not None:
            self.year_shown.emit(year)

    def add_year(self) -> NewYearDialog:
        """Open 新建年度 (window-modal): the year after the last by default, copied from it."""
        years = self.workspace.years()
        suggested = (years[-1] + 1) if years else messages.this_year()
        dialog = NewYearDialog(self.workspace, suggested, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.start_year(*dialog.chosen()))
        dialog.open()
        return dialog

    def start_year(self, year: int, copy_from: int | None = None) -> Job:
        """Start a year, empty or carried forward from ``copy_from`` (on the job thread).

        The year is shown when it is saved, with what was copied in the status bar.
        """
        workspace = self.workspace

        def call(progress: Progress) -> object:
            return new_year.start_year(workspace, year, copy_from, progress)

        def done(made: object) -> None:
            self.refresh_years(year)
            if isinstance(made, new_year.NewYear):
                self.statusBar().showMessage(made.summary())

        def failed(error: BaseException) -> None:
            if not isinstance(error, Cancelled):
                messages.show_error(self, self.tr("Cannot start the year"), error)

        return run_with_progress(
            self,
            self.tr("Starting the year {year}…").format(year=year),
            call,
            done,
            failed,
        )

    def _year_picked(self, index: int) -> None:
        year = self.year.itemData(index)
        if isinstance(year, int) and year != self.session.year:
            self.open_year(year)

    # -- steps and problems --------------------------------------------------------------------

    def current_step(self) -> Step:
        """The step shown."""
        return list(Step)[self.pages.currentIndex()]

    def open_step(self, step: Step) -> StepPage:
        """Show a step's page (as clicking it in the navigator does) and return it."""
        self.navigator.setCurrentRow(list(Step).index(step))
        return self.page(step)

    def page(self, step: Step) -> StepPage:
        """The page of a step, built (in place of its blank) the first time it is asked for."""
        built = self.step_pages.get(step)
        if built is None:
            built = build_page(step, self.session)
            index = list(Step).index(step)
            blank = self.pages.widget(index)
            self.pages.insertWidget(index, built)
            if blank is not None:
                self.pages.removeWidget(blank)
                blank.deleteLater()
            self.step_pages[step] = built
        return built

    def show_problem(self, problem: Problem) -> None:
        """Open the step a problem belongs to and select its field."""
        page = self.open_step(step_for_section(problem.where.section))
        page.show_location(problem.where)

    def _build_next_page(self) -> None:
        """Build one page not built yet, then come back for the next (idle time after start).

        The window shows with its first step only; the other pages follow one per turn of the
        event loop, so that a step opens quickly when it is first clicked.
        """
        missing = [step for step in Step if step not in self.step_pages]
        if missing:
            self.page(missing[0])
            self._page_timer.start()

    def _current_page(self) -> StepPage:
        return self.page(self.current_step())

    def _step_picked(self, row: int) -> None:
        if row < 0:
            return
        step = list(Step)[row]
        page = self.page(step)
        self.pages.setCurrentIndex(row)
        self.guidance.show_step(step)
        page.activate()

    def _problems_changed(self) -> None:
        statuses = self.session.statuses
        not_started = [
            step_title(step)
            for step in Step
            if step is not Step.SUBMIT and statuses[step] is StepStatus.NOT_STARTED
        ]
        self.problems.show_problems(self.session.data, self.session.problems, not_started)
        for row, step in enumerate(Step):
            status = self.session.statuses[step]
            item = self.navigator.item(row)
            item.setText(f"{row + 1}. {step_title(step)}\n    {status_text(status)}")
            item.setForeground(QColor(STATUS_COLOURS[status]))
            item.setData(Qt.ItemDataRole.UserRole + 1, status.value)
        refresh_deadlines(self)

    def _session_changed(self, area: str) -> None:
        if area == Area.UNIT and self.session.data is not None:
            self.unit_name.setText(self.session.data.unit.name)

    # -- messages and dialogs ------------------------------------------------------------------

    def _edit_failed(self, message: str) -> None:
        messages.show_error(self, self.tr("The change was not saved"), message)

    def _ask_adjustment_reason(self, locked: StageLockedError) -> str | None:
        return messages.ask_adjustment_reason(self, locked.label)

    def back_up(self) -> None:
        """Take a backup now and show it in the status bar."""
        try:
            made = self.workspace.back_up("manual")
        except ServiceError as error:
            messages.show_error(self, self.tr("The backup failed"), error)
            return
        self.statusBar().showMessage(
            self.tr("Backed up at {when}").format(when=messages.backup_time(made))
        )
        self.show_last_backup()

    def show_restore(self) -> RestoreDialog:
        """Open 文件 › 从备份恢复… (window-modal); after a restore the window shows the data."""
        from unionperf.ui.restore_dialog import RestoreDialog  # noqa: PLC0415 - when first asked

        dialog = RestoreDialog(
            self.workspace.backup_entries, self._restore_file, self.workspace.paths.backups, self
        )
        dialog.restored.connect(self._restored)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _restore_file(self, path: Path) -> RestoreResult:
        self.session.wait_for_checks()
        return self.workspace.restore_from(path)

    def _restored(self, result: RestoreResult) -> None:
        log.info("workspace restored from %s", result.restored)
        self.refresh_years()
        self.show_last_backup()
        self.statusBar().showMessage(
            self.tr("Restored from a backup; the data before it is in the backup of {when}").format(
                when=messages.local_time(result.safety_taken_at)
            )
        )

    def show_about(self) -> None:
        """Open Help → About (window-modal; the same dialog again on a second click)."""
        if self.about_dialog is None:
            from unionperf.ui.about_dialog import AboutDialog  # noqa: PLC0415 - when first asked

            self.about_dialog = AboutDialog(self)
        self.about_dialog.open()

    def show_last_backup(self) -> None:
        """Show when the newest backup was taken (status bar, right)."""
        try:
            held = self.workspace.backups()
        except ServiceError:
            held = []
        if held:
            self.backup_label.setText(
                self.tr("Last backup: {when}").format(when=messages.backup_time(held[0]))
            )
        else:
            self.backup_label.setText(self.tr("No backup yet"))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Take a dragged package file (.upkg)."""
        if dropped_packages(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Say what a dropped package is and offer what fits it (as a double-click does)."""
        from unionperf.ui.open_package import show_package  # noqa: PLC0415 - when first dropped

        for path in dropped_packages(event)[:1]:
            event.acceptProposedAction()
            show_package(self, path)

    def closeEvent(self, event: object) -> None:
        """Nothing to save on close: every edit was committed when it was made."""
        self.session.wait_for_checks()
        log.info("window closed")
        super().closeEvent(event)  # type: ignore[arg-type]
