"""The 新建年度 dialog: which year, and whether to carry an earlier year forward.

Carrying forward is :func:`unionperf.services.cycle.new_year.start_year` with a source year, the
same as ``unionperf year add --copy-from``; the dialog shows beforehand what it will copy (the
rules are :mod:`unionperf.domain.carry_forward`). The projects of the source year whose period
has ended are listed, unticked: the ones the user ticks (by uid) run again as new projects of the
new year (``--renew``), with their 年初预算数 or with them left blank (``--blank-amounts``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.carry_forward import CarriedYear, carry_forward
from unionperf.domain.year import YearData
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.progress import Cancelled, Progress
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import new_year
from unionperf.services.cycle.new_year import FIRST_YEAR, LAST_YEAR, renewable
from unionperf.ui import messages
from unionperf.ui.jobs import Job, run_with_progress

if TYPE_CHECKING:
    from unionperf.ui.main_window import MainWindow

__all__ = ["NewYearDialog", "start_year_job"]

WIDTH_CHARS = 40
"""The dialog's width in characters of the font: room for the explanation, no wider."""
RULES_LINES, PREVIEW_LINES = 4, 6
"""Lines kept for the explanation and the preview, so the dialog keeps its size as they change."""
SHOWN_NAMES = 3
"""How many names of ended projects the preview lists."""
YEAR_CHARS = 7
"""The year box's width in characters: 2025年 and its arrows."""
ENDED_ROWS = 5
"""Rows of the ended projects' list shown before it scrolls."""
HINT_COLOUR = "#555555"
WARNING_COLOUR = "#b3261e"


class NewYearDialog(QDialog):
    """新建年度: the year (the one after the last by default) and the year to copy from."""

    def __init__(self, workspace: Workspace, suggested: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newYearDialog")
        self.setWindowTitle(self.tr("New year"))
        self.workspace = workspace
        self.held = workspace.years()
        self._years: dict[int, YearData | None] = {}
        self.year = QSpinBox()
        self.year.setObjectName("newYear")
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(suggested)
        self.year.setSuffix(self.tr(" (year)"))
        self.year.setMaximumWidth(self.fontMetrics().horizontalAdvance("中") * YEAR_CHARS)
        self.copy = QCheckBox(self.tr("Copy from an earlier year"))
        self.copy.setObjectName("copyFromYear")
        self.source = QComboBox()
        self.source.setObjectName("sourceYear")
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        self.rules.setTextFormat(Qt.TextFormat.PlainText)
        self.ended_label = QLabel(
            self.tr(
                "Projects whose period has ended: tick those that run again this year; they are"
                " copied as new projects with their funding sources, goals and indicators."
            )
        )
        self.ended_label.setWordWrap(True)
        self.ended = QListWidget()
        self.ended.setObjectName("endedProjects")
        self.renew_amounts = QCheckBox(self.tr("With last year's budgeted amounts (年初预算数)"))
        self.renew_amounts.setObjectName("renewAmounts")
        self.renew_amounts.setChecked(True)
        self.renew_amounts.setToolTip(
            self.tr("Untick to leave the amounts of the projects run again blank, to type them")
        )
        self.preview = QLabel()
        self.preview.setObjectName("copyPreview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Start the year"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.year.valueChanged.connect(self._year_changed)
        self.copy.toggled.connect(self._refresh)
        self.source.currentIndexChanged.connect(self._source_changed)
        self.ended.itemChanged.connect(self._refresh)
        self.renew_amounts.toggled.connect(self._refresh)
        self._year_changed()
        self.copy.setChecked(self.source.count() > 0)

    def chosen(self) -> tuple[int, int | None]:
        """The year to start and the year to copy from (``None``: start it empty)."""
        source = self.source.currentData() if self.copy.isChecked() else None
        return self.year.value(), source if isinstance(source, int) else None

    def renewal(self) -> tuple[tuple[str, ...], bool]:
        """The uids of the ended projects ticked to run again, and whether with their amounts."""
        if self.chosen()[1] is None:
            return (), True
        ticked = tuple(
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in map(self.ended.item, range(self.ended.count()))
            if item.checkState() == Qt.CheckState.Checked
        )
        return ticked, self.renew_amounts.isChecked()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Fiscal year to start:"), self.year)
        copying = QHBoxLayout()
        copying.addWidget(self.copy)
        copying.addWidget(self.source)
        copying.addStretch(1)
        form.addRow(copying)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.rules)
        layout.addWidget(self.ended_label)
        layout.addWidget(self.ended)
        layout.addWidget(self.renew_amounts)
        layout.addWidget(self.preview)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        metrics = self.fontMetrics()
        self.setMinimumWidth(metrics.horizontalAdvance("中") * WIDTH_CHARS)
        self.rules.setMinimumHeight(metrics.lineSpacing() * RULES_LINES)
        self.preview.setMinimumHeight(metrics.lineSpacing() * PREVIEW_LINES)
        rows = self.ended.sizeHintForRow(0) if self.ended.count() else metrics.lineSpacing() + 4
        self.ended.setFixedHeight(rows * ENDED_ROWS + 2 * self.ended.frameWidth())

    def _year_changed(self) -> None:
        """Offer the years before the chosen one, newest first (the newest is picked)."""
        year = self.year.value()
        earlier = sorted((held for held in self.held if held < year), reverse=True)
        self.source.blockSignals(True)
        self.source.clear()
        for held in earlier:
            self.source.addItem(self.tr("{year}").format(year=held), held)
        self.source.blockSignals(False)
        self.copy.setEnabled(bool(earlier))
        if not earlier:
            self.copy.setChecked(False)
        self._source_changed()

    def _source_changed(self) -> None:
        """List the source year's ended projects by uid, keeping the ticks of those still listed."""
        ticked = set(self.renewal()[0]) if self.ended.count() else set()
        year, source = self.year.value(), self.source.currentData()
        data = self._source_data(source) if isinstance(source, int) else None
        self.ended.blockSignals(True)
        self.ended.clear()
        for project in renewable(data, year) if data is not None else ():
            item = QListWidgetItem(project.name or project.code)
            item.setData(Qt.ItemDataRole.UserRole, project.uid)
            item.setToolTip(f"{project.code} {project.name}".strip())
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = project.uid in ticked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.ended.addItem(item)
        self.ended.blockSignals(False)
        self._refresh()

    def _refresh(self) -> None:
        year, source = self.chosen()
        self.source.setEnabled(self.copy.isChecked())
        listed = source is not None and self.ended.count() > 0 and year not in self.held
        for widget in (self.ended_label, self.ended):
            widget.setVisible(listed)
        self.renew_amounts.setVisible(listed)
        self.renew_amounts.setEnabled(listed and bool(self.renewal()[0]))
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the list shown or hidden: place the rows below it now
        exists = year in self.held
        self.ok.setEnabled(not exists)
        self.rules.setStyleSheet(f"color: {WARNING_COLOUR if exists else HINT_COLOUR}")
        if exists:
            self.rules.setText(self.tr("The year {year} exists already.").format(year=year))
            self._say("")
            return
        if source is None:
            self.rules.setText(
                self.tr(
                    "The new year starts empty; it keeps the rule settings of the last year"
                    " before it."
                )
            )
            self._say("")
            return
        self.rules.setText(
            self.tr(
                "Copied as proposals to revise: the budget lines with their original budget,"
                " the projects still running (as continuing projects, the same project), their"
                " goals and indicators, the unit-wide targets and the rule settings. Not"
                " copied: amounts executed, monitoring, self-evaluation, sign-offs and"
                " explanations."
            )
        )
        carried = self._carried(source, year)
        self._say(self._preview(carried, source) if carried else "")

    def _source_data(self, source: int) -> YearData | None:
        if source not in self._years:
            try:
                self._years[source] = self.workspace.load_year(source)
            except ServiceError:
                self._years[source] = None
        return self._years[source]

    def _carried(self, source: int, year: int) -> CarriedYear | None:
        data = self._source_data(source)
        if data is None:
            return None
        ticked, amounts = self.renewal()
        return carry_forward(data, year, str, ticked, renew_amounts=amounts)

    def _preview(self, carried: CarriedYear, source: int) -> str:
        data = carried.data
        text = self.tr(
            "From {source}: {lines} budget lines, {projects} continuing projects and"
            " {indicators} indicators."
        ).format(
            source=source,
            lines=len(data.budget),
            projects=len(data.projects) - len(carried.renewed),
            indicators=carried.indicator_count,
        )
        if carried.renewed:
            amounts = (
                self.tr("with last year's budgeted amounts")
                if self.renew_amounts.isChecked()
                else self.tr("budgeted amounts left blank")
            )
            text += "\n" + self.tr(
                "Also copied as new projects, {count} ended project(s): {names} ({amounts})."
            ).format(
                count=len(carried.renewed),
                names=self._names(self._ticked_names()),
                amounts=amounts,
            )
        if carried.ended:
            text += "\n" + self.tr(
                "Not copied, their period has ended: {names}. To run one again, tick it above."
            ).format(names=self._names(tuple(project.name for project in carried.ended)))
        if carried.cleared:
            text += "\n" + self.tr(
                "Not copied, {source} proposed to clear them out (清理退出): {names}."
            ).format(
                source=source,
                names=self._names(tuple(project.name for project in carried.cleared)),
            )
        if carried.opening_carried:
            text += "\n" + self.tr(
                "Last year's actuals and the opening balance come from {source}'s amounts executed."
            ).format(source=source)
        elif carried.actuals_carried:
            text += "\n" + self.tr(
                "Last year's actuals come from {source}'s amounts executed. The opening balance"
                " is not carried: {source} has no amounts executed for its revenue or its"
                " expenditure; type it under Annual budget."
            ).format(source=source)
        return text

    def _names(self, names: tuple[str, ...]) -> str:
        shown = "、".join(names[:SHOWN_NAMES])
        if len(names) > SHOWN_NAMES:
            shown = self.tr("{names} and {more} more").format(
                names=shown, more=len(names) - SHOWN_NAMES
            )
        return shown

    def _ticked_names(self) -> tuple[str, ...]:
        """The ticked ended projects as listed (their names in the source year)."""
        return tuple(
            item.text()
            for item in map(self.ended.item, range(self.ended.count()))
            if item.checkState() == Qt.CheckState.Checked
        )

    def _say(self, text: str) -> None:
        self.preview.setText(text)
        if self.isVisible():  # a longer text than the lines kept: grow, never clip
            self.resize(self.width(), max(self.height(), self.sizeHint().height()))


def start_year_job(
    window: MainWindow,
    year: int,
    copy_from: int | None = None,
    renew: tuple[str, ...] = (),
    renew_amounts: bool = True,
) -> Job:
    """Start a year on the job thread for ``window``; show it when saved, with what was copied.

    The strings are the main window's (its translation context).
    """
    workspace = window.workspace

    def call(progress: Progress) -> object:
        return new_year.start_year(
            workspace, year, copy_from, progress, renew=renew, renew_amounts=renew_amounts
        )

    def done(made: object) -> None:
        window.refresh_years(year)
        window.show_last_backup()
        if isinstance(made, new_year.NewYear):
            window.statusBar().showMessage(made.summary())

    def failed(error: BaseException) -> None:
        if not isinstance(error, Cancelled):
            title = QCoreApplication.translate("MainWindow", "Cannot start the year")
            messages.show_error(window, title, error)

    return run_with_progress(
        window,
        QCoreApplication.translate("MainWindow", "Starting the year {year}…").format(year=year),
        call,
        done,
        failed,
    )
