"""文件 › 导出/导入 Excel 填报表: the fill-in workbook from the window (issue 12).

The accountant who prefers Excel exports the year as the editable fill-in workbook, fills it in
(or has it filled in) and imports it back: all of it or nothing. A refused workbook is listed
problem by problem — sheet, cell and what is wrong, in Chinese — in a dialog that stays open
while the workbook is corrected. Both run off the GUI thread (``ui/jobs.py``).

The file pickers are functions of this module called by name, so tests replace them here. The
fill-in service (and openpyxl under it) is imported when first used, not when the window starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionperf.services.common.progress import Progress
from unionperf.ui import messages
from unionperf.ui.file_dialogs import choose_open_file, choose_save_file
from unionperf.ui.jobs import run_with_progress

if TYPE_CHECKING:
    from unionperf.services.cycle.fillin import ImportRefused, ImportReport
    from unionperf.ui.main_window import MainWindow

__all__ = ["FillinActions", "ImportProblemsDialog", "choose_export_file", "choose_import_file"]


def _filters() -> str:
    return QCoreApplication.translate("FillinActions", "Excel workbooks (*.xlsx)")


def choose_export_file(parent: QWidget, suggested: str) -> Path | None:
    """Ask where the fill-in workbook goes (``suggested`` is the file name offered)."""
    return choose_save_file(
        parent,
        QCoreApplication.translate("FillinActions", "Export the Excel fill-in workbook"),
        suggested,
        _filters(),
    )


def choose_import_file(parent: QWidget) -> Path | None:
    """Ask for the filled-in workbook to import."""
    return choose_open_file(
        parent,
        QCoreApplication.translate("FillinActions", "Import the Excel fill-in workbook"),
        _filters(),
    )


class ImportProblemsDialog(QDialog):
    """Every problem of a refused workbook: where (sheet and cell) and what, one per row."""

    def __init__(self, refused: ImportRefused, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importProblemsDialog")
        self.setWindowTitle(self.tr("The fill-in workbook was not imported"))
        heading = QLabel(
            self.tr(
                "{count} problems were found in {file}; nothing was saved. Correct them in the "
                "workbook, save it and import it again."
            ).format(count=len(refused.problems), file=path.name)
        )
        heading.setObjectName("importProblemsHeading")
        heading.setWordWrap(True)
        self.table = QTableWidget(len(refused.problems), 2)
        self.table.setObjectName("importProblems")
        self.table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Problem")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        for row, problem in enumerate(refused.problems):
            self.table.setItem(row, 0, QTableWidgetItem(problem.where))
            item = QTableWidgetItem(problem.message)
            item.setToolTip(problem.message)
            self.table.setItem(row, 1, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        em = self.fontMetrics().horizontalAdvance("中")
        places = [self.fontMetrics().horizontalAdvance(p.where) for p in refused.problems]
        self.table.setColumnWidth(0, max(places, default=0) + 2 * em)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(em * 52, em * 26)

    def rows(self) -> list[tuple[str, str]]:
        """(where, problem) of every row, as shown."""
        return [(self._text(row, 0), self._text(row, 1)) for row in range(self.table.rowCount())]

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""


class FillinActions(QObject):
    """The two menu actions and what they do, for the year the window shows."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.export_action = QAction(self.tr("Export the Excel fill-in workbook…"), window)
        self.export_action.setObjectName("exportFillin")
        self.export_action.setStatusTip(
            self.tr("The year's budget, projects, targets and results as a workbook to fill in")
        )
        self.export_action.triggered.connect(self.export_workbook)
        self.import_action = QAction(self.tr("Import the Excel fill-in workbook…"), window)
        self.import_action.setObjectName("importFillin")
        self.import_action.setStatusTip(
            self.tr("Read a filled-in workbook back: all of it, or nothing when a cell is wrong")
        )
        self.import_action.triggered.connect(self.import_workbook)
        self.problems_dialog: ImportProblemsDialog | None = None
        """The problems of the workbook refused last, while its dialog is open."""
        menu = window.file_menu
        menu.insertActions(window.backup_action, [self.export_action, self.import_action])
        menu.insertSeparator(window.backup_action)

    def export_workbook(self) -> None:
        """Ask where, then write the year's fill-in workbook there."""
        session = self.window.session
        year, data = session.year, session.data
        if year is None or data is None:
            return
        suggested = f"{data.unit.credit_code}_{year}_填报表.xlsx"
        path = choose_export_file(self.window, suggested)
        if path is None:
            return
        workspace = session.workspace

        def call(_progress: Progress) -> Path:
            from unionperf.services.cycle import fillin  # noqa: PLC0415 - openpyxl on first use

            return fillin.export_template(workspace, year, path)

        run_with_progress(
            self.window,
            self.tr("Writing the fill-in workbook…"),
            call,
            self._exported,
            lambda error: messages.show_error(
                self.window, self.tr("The fill-in workbook was not written"), error
            ),
        )

    def _exported(self, result: object) -> None:
        if isinstance(result, Path):
            messages.show_info(
                self.window,
                self.tr("Fill-in workbook written"),
                self.tr(
                    "The workbook is in {path}. Fill it in with Excel or WPS, save it, then "
                    "import it here with File › Import the Excel fill-in workbook."
                ).format(path=result),
            )

    def import_workbook(self) -> None:
        """Ask for the workbook, then import it into the year shown: all or nothing."""
        session = self.window.session
        year = session.year
        if year is None:
            return
        path = choose_import_file(self.window)
        if path is None:
            return
        workspace = session.workspace

        def call(_progress: Progress) -> ImportReport:
            from unionperf.services.cycle import fillin  # noqa: PLC0415 - openpyxl on first use

            return fillin.import_template(workspace, year, path)

        run_with_progress(
            self.window,
            self.tr("Checking and importing the fill-in workbook…"),
            call,
            self._imported,
            lambda error: self._import_failed(path, error),
        )

    def _imported(self, result: object) -> None:
        from unionperf.services.cycle.fillin import ImportReport  # noqa: PLC0415 - loaded by now

        if not isinstance(result, ImportReport):
            return
        self.window.session.reload()
        messages.show_info(self.window, self.tr("Fill-in workbook imported"), result.summary())

    def _import_failed(self, path: Path, error: BaseException) -> None:
        from unionperf.services.cycle.fillin import ImportRefused  # noqa: PLC0415 - loaded by now

        if not isinstance(error, ImportRefused):
            title = self.tr("The fill-in workbook was not imported")
            messages.show_error(self.window, title, error)
            return
        if self.problems_dialog is not None:
            self.problems_dialog.close()
        self.problems_dialog = ImportProblemsDialog(error, path, self.window)
        self.problems_dialog.open()
