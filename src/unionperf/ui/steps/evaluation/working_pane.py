"""The detail pane under the self-evaluation table: how the chosen indicator's score came about.

The words come from the domain (``domain/score_working.py`` through the evaluation view's rows),
the same words as the score cell's tooltip and the note under the printed self-evaluation table;
the pane only shows them. With no indicator chosen it shows how the owner's execution score and
total came about.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QFrame, QLabel, QTableView, QWidget

from unionperf.services.views.evaluation_view import OwnerRow
from unionperf.ui.steps.evaluation.indicator_models import IndicatorTableModel

__all__ = ["WorkingPane"]

Index = QModelIndex | QPersistentModelIndex


class WorkingPane(QLabel):
    """Follows the current cell of the indicator table and shows that row's working."""

    def __init__(
        self, view: QTableView, model: IndicatorTableModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("evaluationWorking")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMargin(4)
        self.setStyleSheet("QLabel#evaluationWorking { background: #f7f8fa; }")
        self._view = view
        self._model = model
        self._owner: OwnerRow | None = None
        view.selectionModel().currentChanged.connect(self._current_changed)
        model.modelReset.connect(self.refresh)
        model.dataChanged.connect(self.refresh)

    def set_owner(self, owner: OwnerRow | None) -> None:
        """The owner whose rows are shown (its execution and total show with no row chosen)."""
        self._owner = owner
        self.refresh()

    def _current_changed(self, _current: Index, _previous: Index) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Show the working of the current row, or of the owner's execution and total."""
        index = self._view.currentIndex()
        if index.isValid() and index.row() < self._model.rowCount():
            row = self._model.row(index.row())
            text = self.tr("How “{indicator}” was scored: {working}").format(
                indicator=row.indicator.name, working=row.working or "—"
            )
            if not row.applicable and self._owner is not None:
                text += f"\n{self._owner.total_working}"  # the rescaling it causes
        elif self._owner is not None:
            lines = [
                self.tr("Budget execution: {working}").format(
                    working=self._owner.execution_working
                ),
                self._owner.total_working,
                self.tr("Select an indicator to see how its score came about."),
            ]
            text = "\n".join(line for line in lines if line)
        else:
            text = ""
        self.setText(text)
        self.setToolTip(text)
