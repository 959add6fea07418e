"""The upper level's main window: its navigator of six pages, the year and stage, backups.

Opened on an upper-level workspace instead of the grassroots window (``ui/app.py`` chooses with
:func:`is_upper_workspace`). The toolbar names the union and chooses the year and the stage the
board, the review and 汇总 show; the status bar shows the workspace folder and the newest
backup; 文件 › 立即备份 and 从备份恢复… work as in the grassroots window. A workspace whose store
is on PostgreSQL is backed up with the database's own tools: there the status bar says so and the
two actions tell how, instead of failing.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from unionperf.domain.unit import UnitLevel
from unionperf.services.common.backups import POSTGRESQL_BACKUP_TEXT
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper.status import current_stage
from unionperf.ui import messages
from unionperf.ui.app_icon import app_icon
from unionperf.ui.upper.base import UpperPage
from unionperf.ui.upper.context import Area, UpperContext
from unionperf.ui.upper.season import known_years, stage_choices, year_of_latest_package
from unionperf.ui.upper.steps import UpperStep, build_page, step_hint, step_title

if TYPE_CHECKING:
    from unionperf.services.common.workspace import RestoreResult
    from unionperf.ui.about_dialog import AboutDialog
    from unionperf.ui.restore_dialog import RestoreDialog
    from unionperf.ui.upper.profile_dialog import ProfileDialog

__all__ = ["UpperWindow", "is_upper_workspace"]

log = logging.getLogger(__name__)

PAGE_BUILD_PAUSE_MS = 50
"""Pause between building the other pages after start (the first paint comes first)."""
NAVIGATOR_WIDTH_CHARS = 11
"""Wide enough for the page names and their hints at 1366×768."""
STEPS = list(UpperStep)


def is_upper_workspace(workspace: Workspace) -> bool:
    """Whether the workspace belongs to an upper-level union (its window is this one)."""
    try:
        unit = workspace.unit()
    except ServiceError:
        return False
    return unit is not None and unit.level is UnitLevel.UPPER


class UpperWindow(QMainWindow):
    """The window on an upper-level workspace; it works through the services only."""

    page_shown = Signal(str)
    """A page was opened (its :class:`UpperStep` value)."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.context = UpperContext(workspace, messages.this_year(), self)
        latest = year_of_latest_package(self.context)
        if latest is not None:
            self.context.year = latest
        self.context.stage = current_stage(workspace, self.context.year) or "targets"
        self.setWindowTitle(self.tr("UnionPerf · the upper-level union's workbench"))
        self.setWindowIcon(app_icon())
        self._build_actions()
        self._build_toolbar()
        self.navigator = QListWidget()
        self.navigator.setObjectName("upperNavigator")
        self.navigator.setFixedWidth(
            self.fontMetrics().horizontalAdvance("中") * NAVIGATOR_WIDTH_CHARS
        )
        self.navigator.setSpacing(3)
        self.navigator.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages = QStackedWidget()
        self.built: dict[UpperStep, UpperPage] = {}
        """The pages built so far (a page is built when first opened, or at idle)."""
        for number, step in enumerate(STEPS, start=1):
            self.pages.addWidget(QWidget())
            item = QListWidgetItem(f"{number}. {step_title(step)}\n    {step_hint(step)}")
            item.setData(Qt.ItemDataRole.UserRole, step.value)
            self.navigator.addItem(item)
        self.navigator.currentRowChanged.connect(self._step_picked)
        centre = QWidget()
        row = QHBoxLayout(centre)
        row.setContentsMargins(4, 4, 4, 0)
        row.addWidget(self.navigator)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(centre)
        self._build_status_bar()
        self.context.changed.connect(self._context_changed)
        self.resize(1366, 768)
        self.refresh_selectors()
        self.navigator.setCurrentRow(0)
        self._page_timer = QTimer(self)
        self._page_timer.setSingleShot(True)
        self._page_timer.setInterval(PAGE_BUILD_PAUSE_MS)
        self._page_timer.timeout.connect(self._build_next_page)
        self._page_timer.start()

    # -- building ------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.backup_action = QAction(self.tr("Back up now"), self)
        self.backup_action.triggered.connect(self.back_up)
        self.restore_action = QAction(self.tr("Restore from backup…"), self)
        self.restore_action.setObjectName("restoreAction")
        self.restore_action.triggered.connect(self.show_restore)
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.profile_action = QAction(self.tr("This union's profile…"), self)
        self.profile_action.setObjectName("profileAction")
        self.profile_action.triggered.connect(self.show_profile)
        self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.file_menu.addAction(self.profile_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.backup_action)
        self.file_menu.addAction(self.restore_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.about_action = QAction(self.tr("About UnionPerf…"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_menu.addAction(self.about_action)
        self.about_dialog: AboutDialog | None = None

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Year and stage"))
        bar.setObjectName("upperBar")
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
        self.year.currentIndexChanged.connect(self._selection_picked)
        self.stage = QComboBox()
        self.stage.setObjectName("stageSelector")
        self.stage.setMinimumContentsLength(16)
        self.stage.currentIndexChanged.connect(self._selection_picked)
        bar.addWidget(self.unit_name)
        spacer = QWidget()
        spacer.setMinimumWidth(24)
        bar.addWidget(spacer)
        bar.addWidget(QLabel(self.tr("Year:")))
        bar.addWidget(self.year)
        gap = QWidget()
        gap.setMinimumWidth(12)
        bar.addWidget(gap)
        bar.addWidget(QLabel(self.tr("Stage:")))
        bar.addWidget(self.stage)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    def _build_status_bar(self) -> None:
        self.path_label = QLabel(
            self.tr("Workspace: {path}").format(path=self.workspace.paths.root)
        )
        self.path_label.setObjectName("workspacePath")
        self.backup_label = QLabel()
        self.backup_label.setObjectName("lastBackup")
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.backup_label)
        self._show_last_backup()

    # -- year and stage ------------------------------------------------------------------------

    def refresh_selectors(self) -> None:
        """Re-read the union's name, the years and the stages; keep the choice if it holds."""
        try:
            unit = self.workspace.unit()
            years = known_years(self.context)
            stages = stage_choices(self.context, self.context.year)
        except ServiceError as error:
            messages.show_error(self, self.tr("Cannot read the workspace"), error)
            return
        self.unit_name.setText(unit.name if unit else self.tr("(union profile not entered yet)"))
        with QSignalBlocker(self.year):
            self.year.clear()
            for held in years:
                self.year.addItem(self.tr("{year}").format(year=held), held)
            self.year.setCurrentIndex(years.index(self.context.year))
        names = [name for name, _ in stages]
        if self.context.stage not in names:
            self.context.stage = _default_stage(self.workspace, self.context.year, names)
        with QSignalBlocker(self.stage):
            self.stage.clear()
            for name, label in stages:
                self.stage.addItem(label, name)
            self.stage.setCurrentIndex(names.index(self.context.stage))

    def choose(self, year: int, stage: str) -> None:
        """Show a year's stage on the board, the review and 汇总 (as the toolbar does)."""
        self.context.choose(year, stage)
        self.refresh_selectors()

    def _selection_picked(self, _index: int) -> None:
        year = self.year.currentData()
        stage = self.stage.currentData()
        if not isinstance(year, int):
            return
        if year != self.context.year:
            names = [name for name, _ in stage_choices(self.context, year)]
            stage = stage if stage in names else _default_stage(self.workspace, year, names)
        if isinstance(stage, str):
            self.context.choose(year, stage)
        self.refresh_selectors()

    # -- pages ---------------------------------------------------------------------------------

    def current_step(self) -> UpperStep:
        """The page shown."""
        return STEPS[self.pages.currentIndex()]

    def open_page(self, step: UpperStep) -> UpperPage:
        """Show a page (as clicking it in the navigator does) and return it."""
        self.navigator.setCurrentRow(STEPS.index(step))
        return self.page(step)

    def page(self, step: UpperStep) -> UpperPage:
        """The page of a step, built (in place of its blank) the first time it is asked for."""
        built = self.built.get(step)
        if built is None:
            built = build_page(step, self.context)
            index = STEPS.index(step)
            blank = self.pages.widget(index)
            self.pages.insertWidget(index, built)
            if blank is not None:
                self.pages.removeWidget(blank)
                blank.deleteLater()
            self.built[step] = built
            opener = getattr(built, "open_requested", None)
            if opener is not None:
                opener.connect(self._open_requested)
        return built

    def receive_files(self, paths: list[Path]) -> None:
        """Receive package files (a double-click in the file manager) on the 接收 page."""
        page = self.open_page(UpperStep.RECEIVE)
        receive = getattr(page, "receive_paths", None)
        if receive is not None:
            receive(paths)

    def _open_requested(self, step: str, unit_code: str) -> None:
        """A page asked to show another (the board's double-click opens the unit's review)."""
        page = self.open_page(UpperStep(step))
        show_unit = getattr(page, "show_unit", None)
        if show_unit is not None and unit_code:
            show_unit(unit_code)

    def _build_next_page(self) -> None:
        """Build one page not built yet, then come back for the next (idle time after start)."""
        missing = [step for step in STEPS if step not in self.built]
        if missing:
            self.page(missing[0])
            self._page_timer.start()

    def _step_picked(self, row: int) -> None:
        if row < 0:
            return
        step = STEPS[row]
        page = self.page(step)
        self.pages.setCurrentIndex(row)
        page.activate()
        self.page_shown.emit(step.value)

    def _context_changed(self, area: str) -> None:
        if area in {Area.RECEIVED.value, Area.DEADLINES.value, Area.ALL.value}:
            self.refresh_selectors()  # new years and stages

    # -- files and dialogs ---------------------------------------------------------------------

    def back_up(self) -> None:
        """Take a backup now and show it in the status bar (on PostgreSQL: say which tools do)."""
        if self.workspace.database_url is not None:
            messages.show_info(self, self.tr("Backups"), POSTGRESQL_BACKUP_TEXT)
            return
        try:
            made = self.workspace.back_up("manual")
        except ServiceError as error:
            messages.show_error(self, self.tr("The backup failed"), error)
            return
        self.statusBar().showMessage(self.tr("Backup written: {name}").format(name=made.path.name))
        self._show_last_backup()

    def show_restore(self) -> RestoreDialog | None:
        """Open 文件 › 从备份恢复… (window-modal); after a restore every page reloads.

        On PostgreSQL nothing opens: the notice says the database's own tools restore it.
        """
        if self.workspace.database_url is not None:
            messages.show_info(self, self.tr("Backups"), POSTGRESQL_BACKUP_TEXT)
            return None
        from unionperf.ui.restore_dialog import RestoreDialog  # noqa: PLC0415 - when first asked

        dialog = RestoreDialog(
            self.workspace.backup_entries,
            self.workspace.restore_from,
            self.workspace.paths.backups,
            self,
        )
        dialog.restored.connect(self._restored)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _restored(self, result: RestoreResult) -> None:
        log.info("workspace restored from %s", result.restored)
        self.context.notify(Area.ALL)
        self._show_last_backup()
        self.statusBar().showMessage(
            self.tr("Restored from {name}").format(name=result.restored.name)
        )

    def show_profile(self) -> ProfileDialog:
        """Open 文件 › 本会信息… (window-modal); the toolbar shows the saved name."""
        from unionperf.ui.upper.profile_dialog import ProfileDialog  # noqa: PLC0415

        dialog = ProfileDialog(self.workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.refresh_selectors)
        dialog.open()
        return dialog

    def show_about(self) -> None:
        """Open Help → About (window-modal; the same dialog again on a second click)."""
        if self.about_dialog is None:
            from unionperf.ui.about_dialog import AboutDialog  # noqa: PLC0415 - when first asked

            self.about_dialog = AboutDialog(self, workspace=self.workspace.paths.root)
        self.about_dialog.open()

    def _show_last_backup(self) -> None:
        if self.workspace.database_url is not None:
            self.backup_label.setText(
                self.tr("Data in PostgreSQL (backed up with the database's own tools)")
            )
            return
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

    def closeEvent(self, event: object) -> None:
        """Nothing to save on close: every change was committed when it was made."""
        log.info("window closed")
        super().closeEvent(event)  # type: ignore[arg-type]


def _default_stage(workspace: Workspace, year: int, names: list[str]) -> str:
    """The stage shown first: the latest of the season with a package, else the first."""
    current = current_stage(workspace, year)
    return current if current in names else names[0]
