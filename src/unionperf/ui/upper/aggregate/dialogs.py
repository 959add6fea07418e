"""The dialogs of 汇总: the group of units, and where an export or the notice goes.

The page imports them by name, so tests replace them in the page's module.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionperf.services.upper.register import RegisteredUnit
from unionperf.ui.file_dialogs import choose_existing_folder, choose_save_file

__all__ = ["GroupDialog", "choose_group", "choose_notice_folder", "choose_table_target"]

EXCEL_FILTER = "Excel (*.xlsx)"


def choose_table_target(parent: QWidget, name: str) -> Path | None:
    """Ask where to write a workbook; ``None`` when cancelled."""
    return choose_save_file(
        parent,
        QCoreApplication.translate("AggregatePage", "Export to Excel"),
        name,
        EXCEL_FILTER,
    )


class GroupDialog(QDialog):
    """Tick the units of a group (汇总 of a chosen group)."""

    def __init__(
        self,
        held: list[RegisteredUnit],
        chosen: frozenset[str] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("groupDialog")
        self.setWindowTitle(self.tr("Units to aggregate"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find a unit"))
        self.search.textChanged.connect(self._filter)
        self.list = QListWidget()
        self.list.setObjectName("groupUnits")
        for unit in held:
            item = QListWidgetItem(f"{unit.name}  {unit.code}")
            item.setData(Qt.ItemDataRole.UserRole, unit.code)
            ticked = chosen is None or unit.code in chosen
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        every = QPushButton(self.tr("Tick all"))
        every.clicked.connect(lambda: self._tick_all(Qt.CheckState.Checked))
        none = QPushButton(self.tr("Untick all"))
        none.clicked.connect(lambda: self._tick_all(Qt.CheckState.Unchecked))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(every)
        row.addWidget(none)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("中")
        self.resize(36 * em, 30 * em)

    def chosen(self) -> frozenset[str]:
        """The codes ticked."""
        return frozenset(
            str(self.list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        )

    def _tick_all(self, state: Qt.CheckState) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if not item.isHidden():
                item.setCheckState(state)

    def _filter(self, text: str) -> None:
        wanted = text.strip().lower()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(wanted) and wanted not in item.text().lower())


def choose_notice_folder(parent: QWidget) -> Path | None:
    """Ask where to write the 考核结果通报; ``None`` when cancelled."""
    return choose_existing_folder(
        parent, QCoreApplication.translate("AggregatePage", "Folder for the assessment notice")
    )


def choose_group(
    parent: QWidget, held: list[RegisteredUnit], chosen: frozenset[str] | None
) -> frozenset[str] | None:
    """Ask which units to aggregate; ``None`` when cancelled."""
    dialog = GroupDialog(held, chosen, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen()
