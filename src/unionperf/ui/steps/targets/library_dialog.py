"""Picking indicators from the indicator library for one level-2 category of the targets step.

The strings of :func:`pick_from_library` belong to the targets page (``TargetsStep`` context).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.indicators import Indicator
from unionperf.domain.year import YearData
from unionperf.services.common.indicator_library import (
    IndicatorLibrary,
    LibraryEntry,
    LibraryError,
    Scope,
)
from unionperf.services.common.workspace import new_uid
from unionperf.services.cycle.params import active_library
from unionperf.ui import messages
from unionperf.ui.steps.targets.tree_nodes import TreeColumn
from unionperf.ui.widgets.column_width import column_width
from unionperf.ui.widgets.table_model import Column, RowTableModel

if TYPE_CHECKING:
    from unionperf.ui.steps.targets.page import TargetsStep

__all__ = ["LibraryDialog", "pick_from_library", "pick_indicators"]

USED_BACKGROUND = "#eeeeee"
EXPLANATION_CHARS = 28
"""Room for the wrapped explanation column, in characters."""


class LibraryDialog(QDialog):
    """The library's indicators for one level-2 category; the user picks one or more."""

    def __init__(
        self,
        entries: list[LibraryEntry],
        category: str,
        used: set[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("libraryDialog")
        self.setWindowTitle(self.tr("Indicator library: {category}").format(category=category))
        self._used = used
        self.model: RowTableModel[LibraryEntry] = RowTableModel(self._columns(), self)
        self.model.set_rows(entries)
        self.table = QTableView()
        self.table.setObjectName("libraryTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Names and targets are shown whole; explanations wrap onto as many lines as they need.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        em = self.fontMetrics().horizontalAdvance("中")
        widths = self._fit_columns(entries, em)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self.accept)
        hint = QLabel(
            self.tr(
                "Pick one or more indicators (Ctrl+click) and adjust the target values after"
                " adding them. Grey rows are already in the targets."
            )
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._fit_to_screen(sum(widths) + em * EXPLANATION_CHARS, em)
        if entries:
            self.table.selectRow(0)

    def _fit_columns(self, entries: list[LibraryEntry], em: int) -> list[int]:
        """Name, target and scope columns as wide as their longest text (and title)."""
        metrics = self.table.fontMetrics()
        room = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + em
        widths = []
        for column in range(3):
            spec = self.model.columns[column]
            longest = max(
                (metrics.horizontalAdvance(spec.text(entry)) for entry in entries), default=0
            )
            width = max(
                column_width(self.table.horizontalHeader(), spec.title, 0, em), longest + room
            )
            self.table.setColumnWidth(column, width)
            widths.append(width)
        return widths

    def _fit_to_screen(self, table_width: int, em: int) -> None:
        """As wide as the table wants, within the screen (1366×768 at least)."""
        screen = self.screen().availableGeometry() if self.screen() else None
        most_wide = screen.width() - 2 * em if screen else em * 90
        most_high = screen.height() - 4 * em if screen else em * 40
        self.resize(min(table_width + 3 * em, most_wide), min(em * 34, most_high))

    def _columns(self) -> list[Column[LibraryEntry]]:
        def used(entry: LibraryEntry) -> str | None:
            return USED_BACKGROUND if entry.name in self._used else None

        return [
            Column(self.tr("Indicator"), lambda e: e.name, colour=used, tooltip=lambda e: e.name),
            Column(
                self.tr("Typical target"),
                lambda e: e.display_target(),
                colour=used,
                tooltip=lambda e: e.display_target(),
            ),
            Column(self.tr("Suits"), self._scope_label, colour=used),
            Column(
                self.tr("Explanation"),
                lambda e: e.explanation,
                colour=used,
                tooltip=lambda e: e.explanation,
            ),
        ]

    def _scope_label(self, entry: LibraryEntry) -> str:
        if entry.scope is Scope.UNIT:
            return self.tr("Unit as a whole")
        if entry.scope is Scope.PROJECT:
            return self.tr("Project")
        return self.tr("Either")

    def chosen(self) -> list[LibraryEntry]:
        """The entries selected, in list order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row(row) for row in rows]


def pick_indicators(
    parent: QWidget,
    library: IndicatorLibrary,
    data: YearData,
    owner_uid: str,
    place: tuple[str, str],
    *,
    used: set[str],
) -> tuple[list[Indicator], int] | None:
    """Let the user pick library indicators for the level-2 category ``place`` of an owner.

    Returns the new indicators (fresh uids, under ``place``) and how many of those picked were
    skipped because their names are in ``used``; ``None`` when the dialog is cancelled.
    """
    level1, level2 = place
    project = data.project(owner_uid)
    entries = library.entries_for(
        data.framework,
        level1,
        level2,
        unit=owner_uid == UNIT_OWNER,
        expense=project.category_code if project else "",
    )
    dialog = LibraryDialog(entries, f"{level1} › {level2}", used, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = [entry for entry in dialog.chosen() if entry.name not in used]
    skipped = len(dialog.chosen()) - len(chosen)
    indicators = [
        replace(entry.to_indicator(new_uid(), data.framework), level1=level1, level2=level2)
        for entry in chosen
    ]
    return indicators, skipped


def _library(page: TargetsStep) -> IndicatorLibrary | None:
    if page.library is None:
        try:
            page.library = active_library(page.session.workspace)
        except LibraryError as error:
            messages.show_error(
                page,
                QCoreApplication.translate("TargetsStep", "The indicator library cannot be read"),
                error,
            )
            return None
    return page.library


def pick_from_library(page: TargetsStep) -> None:
    """Show the library's indicators for the page's level-2 category; add those picked."""
    place = page.selected_category()
    data = page.session.data
    library = _library(page) if place is not None else None
    if place is None or data is None or library is None:
        return
    targets = page.targets()
    used = {item.name for item in targets.indicators} if targets else set()
    picked = pick_indicators(page, library, data, page.owner_uid, place, used=used)
    if picked is None:
        return
    indicators, skipped = picked
    if not indicators:
        if skipped:
            page.say(
                QCoreApplication.translate(
                    "TargetsStep", "Those indicators are already in the targets"
                )
            )
        return
    text = QCoreApplication.translate("TargetsStep", "Add {count} indicator(s) from the library")
    added = page.add_indicators(indicators, text)
    if added:
        last = indicators[added - 1]
        page.tree.setCurrentIndex(page.tree_model.indicator_index(last.uid, TreeColumn.TARGET))
        page.say(
            QCoreApplication.translate(
                "TargetsStep",
                "Added {count} indicator(s): check the target values and set the points",
            ).format(count=added)
        )
