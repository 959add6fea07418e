"""One deadline to send, added or changed in a form (参数下发 › 截止日期).

Year, stage (a monitoring point with its cut-off day) and the last day. ``save`` (the service)
checks it as the status board does; its refusal is shown in the dialog, which stays open.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.parameters import StageDeadline
from unionperf.domain.year import STAGE_LABELS, Stage, StageKind

__all__ = ["DeadlineDialog"]

Save = Callable[[int, str, date], "str | None"]
"""Store year, stage name and day; the refusal's sentence, or ``None`` when stored."""
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DeadlineDialog(QDialog):
    """Add or change one deadline to send."""

    def __init__(
        self,
        deadline: StageDeadline,
        save: Save,
        *,
        new: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deadlineDialog")
        self.save = save
        self.setWindowTitle(self.tr("New deadline") if new else self.tr("Change the deadline"))
        self.year = QSpinBox()
        self.year.setObjectName("deadlineYear")
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(deadline.year)
        self.stage = QComboBox()
        self.stage.setObjectName("deadlineStage")
        for kind in (StageKind.TARGETS, StageKind.MONITORING, StageKind.SELF_EVALUATION):
            self.stage.addItem(STAGE_LABELS[kind], kind.value)
        parsed = Stage.parse(deadline.stage)
        self.stage.setCurrentIndex(max(self.stage.findData(parsed.kind.value), 0))
        self.cutoff = QDateEdit(_qdate(parsed.cutoff or date(deadline.year, 6, 30)))
        self.cutoff.setObjectName("deadlineCutoff")
        self.cutoff.setCalendarPopup(True)
        self.cutoff.setDisplayFormat("yyyy-MM-dd")
        self.due = QDateEdit(_qdate(deadline.due))
        self.due.setObjectName("deadlineDue")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.problem = QLabel()
        self.problem.setObjectName("deadlineProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        self.stage.currentIndexChanged.connect(self._stage_changed)
        self._stage_changed()
        form = QFormLayout()
        form.addRow(self.tr("Year:"), self.year)
        form.addRow(self.tr("Stage:"), self.stage)
        form.addRow(self.tr("Monitoring cut-off day:"), self.cutoff)
        form.addRow(self.tr("Last day to report:"), self.due)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def _stage_changed(self, _index: int = 0) -> None:
        self.cutoff.setEnabled(self.stage.currentData() == StageKind.MONITORING.value)

    def stage_name(self) -> str:
        """``targets``, ``monitoring-YYYY-MM-DD`` or ``self-evaluation``."""
        kind = str(self.stage.currentData())
        if kind == StageKind.MONITORING.value:
            return f"{kind}-{_day(self.cutoff.date()).isoformat()}"
        return kind

    def submit(self) -> None:
        """Store the deadline; stay open with the reason when it is refused."""
        refusal = self.save(self.year.value(), self.stage_name(), _day(self.due.date()))
        if refusal is not None:
            self.problem.setText(refusal)
            return
        self.accept()
