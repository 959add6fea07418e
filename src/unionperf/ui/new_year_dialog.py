"""The 新建年度 dialog: which year, and whether to carry an earlier year forward.

Carrying forward is :func:`unionperf.services.cycle.new_year.start_year` with a source year, the
same as ``unionperf year add --copy-from``; the dialog shows beforehand what it will copy (the
rules are :mod:`unionperf.domain.carry_forward`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.carry_forward import CarriedYear, carry_forward
from unionperf.domain.year import YearData
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle.new_year import FIRST_YEAR, LAST_YEAR

__all__ = ["NewYearDialog"]

WIDTH_CHARS = 40
"""The dialog's width in characters of the font: room for the explanation, no wider."""
RULES_LINES, PREVIEW_LINES = 4, 6
"""Lines kept for the explanation and the preview, so the dialog keeps its size as they change."""
SHOWN_NAMES = 3
"""How many names of ended projects the preview lists."""
YEAR_CHARS = 7
"""The year box's width in characters: 2025年 and its arrows."""
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
        self.source.currentIndexChanged.connect(self._refresh)
        self._year_changed()
        self.copy.setChecked(self.source.count() > 0)

    def chosen(self) -> tuple[int, int | None]:
        """The year to start and the year to copy from (``None``: start it empty)."""
        source = self.source.currentData() if self.copy.isChecked() else None
        return self.year.value(), source if isinstance(source, int) else None

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
        layout.addWidget(self.preview)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        metrics = self.fontMetrics()
        self.setMinimumWidth(metrics.horizontalAdvance("中") * WIDTH_CHARS)
        self.rules.setMinimumHeight(metrics.lineSpacing() * RULES_LINES)
        self.preview.setMinimumHeight(metrics.lineSpacing() * PREVIEW_LINES)

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
        self._refresh()

    def _refresh(self) -> None:
        year, source = self.chosen()
        self.source.setEnabled(self.copy.isChecked())
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

    def _carried(self, source: int, year: int) -> CarriedYear | None:
        if source not in self._years:
            try:
                self._years[source] = self.workspace.load_year(source)
            except ServiceError:
                self._years[source] = None
        data = self._years[source]
        return carry_forward(data, year, str) if data is not None else None

    def _preview(self, carried: CarriedYear, source: int) -> str:
        data = carried.data
        text = self.tr(
            "From {source}: {lines} budget lines, {projects} continuing projects and"
            " {indicators} indicators."
        ).format(
            source=source,
            lines=len(data.budget),
            projects=len(data.projects),
            indicators=carried.indicator_count,
        )
        if carried.ended:
            names = "、".join(project.name for project in carried.ended[:SHOWN_NAMES])
            if len(carried.ended) > SHOWN_NAMES:
                names = self.tr("{names} and {more} more").format(
                    names=names, more=len(carried.ended) - SHOWN_NAMES
                )
            text += "\n" + self.tr(
                "Not copied, their period has ended: {names}. To run one again, add it in the new"
                " year and copy last year's indicators in the targets step."
            ).format(names=names)
        if carried.cleared:
            names = "、".join(project.name for project in carried.cleared[:SHOWN_NAMES])
            text += "\n" + self.tr(
                "Not copied, {source} proposed to clear them out (清理退出): {names}."
            ).format(source=source, names=names)
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

    def _say(self, text: str) -> None:
        self.preview.setText(text)
        if self.isVisible():  # a longer text than the lines kept: grow, never clip
            self.resize(self.width(), max(self.height(), self.sizeHint().height()))
