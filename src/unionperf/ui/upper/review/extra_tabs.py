"""Two tabs of 审核: the unit's targets as its own targets page shows them, and its files.

The targets tab reads the year the unit sent (``services.upper.intake.received_year``) and shows
an owner's indicator tree with the grassroots page's own model, read-only. The files tab lists
the forms and evidence inside the received package and opens or saves one.

Both read when first shown for a unit (a tab not looked at costs nothing).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.year import YearData
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper.attachments import Attachment, attachments, save_attachment
from unionperf.services.upper.intake import received_year
from unionperf.ui import messages
from unionperf.ui.file_dialogs import choose_existing_folder
from unionperf.ui.steps.targets.tree_model import TargetTreeModel
from unionperf.ui.steps.targets.tree_view import indicator_tree, sums_text
from unionperf.ui.upper.base import fit_columns, read_only_table
from unionperf.ui.widgets.table_model import Column, Kind, RowTableModel

__all__ = ["FilesTab", "TargetsTab", "open_file"]

Shown = tuple[str, int, str]


def open_file(path: Path) -> bool:
    """Open a file with the system's viewer."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class _UnitTab(QWidget):
    """A tab that reads a unit's stage when it is first shown for it."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.shown: Shown | None = None
        self._loaded: Shown | None = None

    def show_unit(self, unit_code: str | None, year: int, stage: str) -> None:
        """The unit's stage to show (read when the tab is shown)."""
        self.shown = (unit_code, year, stage) if unit_code else None
        self._loaded = None
        if self.isVisible() or self.shown is None:
            self.activate()

    def activate(self) -> None:
        """Read the unit's stage if it was not read yet."""
        if self._loaded != self.shown or self.shown is None:
            self._loaded = self.shown
            self.load(self.shown)

    def load(self, shown: Shown | None) -> None:
        """Fill the tab (override)."""


class TargetsTab(_UnitTab):
    """The unit's indicator trees (单位整体 and each project), as the unit's targets page."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.data: YearData | None = None
        self.owner = QComboBox()
        self.owner.setObjectName("reviewTargetsOwner")
        self.owner.setMinimumContentsLength(24)
        self.owner.currentIndexChanged.connect(self._owner_picked)
        self.goal = QLabel()
        self.goal.setObjectName("reviewTargetsGoal")
        self.goal.setWordWrap(True)
        self.sums = QLabel()
        self.sums.setObjectName("reviewTargetsSums")
        self.model = TargetTreeModel(None, self)
        em = self.fontMetrics().horizontalAdvance("中")
        self.tree = indicator_tree(self.model, em)
        self.tree.setObjectName("reviewTargetsTree")
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Targets of:")))
        row.addWidget(self.owner, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.goal)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.sums)

    def load(self, shown: Shown | None) -> None:
        """Read the year the unit sent and list its owners."""
        self.data = None
        if shown is not None:
            code, year, stage = shown
            try:
                self.data = received_year(self.workspace, code, year, stage)
            except ServiceError as error:
                messages.show_error(self, self.tr("Cannot read the unit's data"), error)
        self.owner.blockSignals(True)
        self.owner.clear()
        if self.data is not None:
            self.owner.addItem(self.tr("The unit as a whole"), UNIT_OWNER)
            for project in self.data.projects:
                self.owner.addItem(project.name, project.uid)
        self.owner.blockSignals(False)
        self._owner_picked()

    def _owner_picked(self, *_args: object) -> None:
        data = self.data
        owner = self.owner.currentData()
        targets = data.targets_of(owner) if data is not None and isinstance(owner, str) else None
        self.model.set_targets(data, targets)
        self.tree.expandAll()
        self.goal.setText(
            self.tr("Annual goal: {goal}").format(goal=targets.annual_goal or "—")
            if targets is not None
            else ""
        )
        self.sums.setText(sums_text(self.model.level_sums()) if targets is not None else "")


class FilesModel(RowTableModel[Attachment]):
    """The forms and evidence files of a package."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("ReviewPage", "Kind"),
                    lambda item: item.kind.label,
                    width_chars=5,
                ),
                Column(
                    QCoreApplication.translate("ReviewPage", "File"),
                    lambda item: item.name,
                    width_chars=24,
                ),
                Column(
                    QCoreApplication.translate("ReviewPage", "Size (KB)"),
                    lambda item: f"{(item.size + 1023) // 1024:,}",
                    Kind.NUMBER,
                    width_chars=5,
                ),
            ],
            parent,
        )


class FilesTab(_UnitTab):
    """The forms (PDF, XLSX) and evidence files the unit sent with the package."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.model = FilesModel(self)
        self.table = read_only_table(self.model, "reviewFiles")
        fit_columns(self.table, self.model.columns, stretch=1)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.note = QLabel()
        self.note.setObjectName("reviewFilesNote")
        self.note.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("openAttachment")
        self.open_button.clicked.connect(self.open_selected)
        self.save_button = QPushButton(self.tr("Save to a folder…"))
        self.save_button.setObjectName("saveAttachment")
        self.save_button.clicked.connect(self.save_selected)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)

    def load(self, shown: Shown | None) -> None:
        """List the package's forms and evidence."""
        held: list[Attachment] = []
        if shown is not None:
            try:
                held = attachments(self.workspace, *shown)
            except ServiceError as error:
                self.note.setText(str(error))
        self.model.set_rows(held)
        if shown is not None and not held:
            self.note.setText(self.tr("This package holds no forms or evidence files."))
        elif held:
            self.note.setText(
                self.tr("{count} files; double-click one to open it.").format(count=len(held))
            )
        self.open_button.setEnabled(bool(held))
        self.save_button.setEnabled(bool(held))

    def selected(self) -> Attachment | None:
        """The file selected."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _save(self, folder: Path) -> Path | None:
        item = self.selected()
        if item is None or self.shown is None:
            return None
        try:
            return save_attachment(self.workspace, *self.shown, member=item.member, folder=folder)
        except ServiceError as error:
            messages.show_error(self, self.tr("The file was not written"), error)
            return None

    def open_selected(self) -> Path | None:
        """Write the file selected to a temporary folder and open it."""
        if self.shown is None:
            return None
        folder = Path(tempfile.gettempdir()) / "unionperf-review" / self.shown[0]
        written = self._save(folder)
        if written is not None:
            open_file(written)
        return written

    def save_selected(self) -> Path | None:
        """Write the file selected into a folder the user chooses."""
        folder = choose_existing_folder(self, self.tr("Save the file to"))
        return self._save(folder) if folder is not None else None
