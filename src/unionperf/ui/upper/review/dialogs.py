"""The dialogs of 审核: the folder and passphrase for the feedback package, and re-scoring.

The folder and the passphrase are asked by module functions, so tests replace them. The
re-score dialog checks nothing itself: the service refuses a score out of range or without a
reason, and the dialog shows why and stays open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from unionperf.services.common.errors import ServiceError
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper.rescore import Rescored, rescore
from unionperf.services.upper.review import ReviewItem
from unionperf.ui.file_dialogs import choose_existing_folder
from unionperf.ui.first_run_pages import RED, hint, hint_label

__all__ = ["RescoreDialog", "ask_upper_passphrase", "choose_feedback_folder"]


def choose_feedback_folder(parent: QWidget) -> Path | None:
    """Ask where to write the feedback package (a USB stick); ``None`` when cancelled."""
    return choose_existing_folder(
        parent, QCoreApplication.translate("ReviewPage", "Folder for the feedback package")
    )


def ask_upper_passphrase(parent: QWidget, problem: str = "") -> str | None:
    """Ask for the passphrase of this union's signing key; ``None`` when cancelled.

    ``problem`` says why it is asked again (the passphrase typed before was wrong).
    """
    prompt = QCoreApplication.translate("ReviewPage", "Passphrase of this union's signing key:")
    if problem:
        again = QCoreApplication.translate("ReviewPage", "Type it again.")
        prompt = f"{problem}\n{again}\n\n{prompt}"
    text, accepted = QInputDialog.getText(
        parent,
        QCoreApplication.translate("ReviewPage", "Signing passphrase"),
        prompt,
        QLineEdit.EchoMode.Password,
    )
    return text if accepted and text else None


class RescoreDialog(QDialog):
    """Give an indicator the upper level's own score, with the reason; both scores are kept."""

    def __init__(
        self,
        workspace: Workspace,
        unit_code: str,
        year: int,
        item: ReviewItem,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rescoreDialog")
        self.setWindowTitle(self.tr("Re-score an indicator"))
        self.workspace = workspace
        self.unit_code = unit_code
        self.year = year
        self.item = item
        self.rescored: Rescored | None = None
        """What the re-score changed, once accepted."""
        points = item.value("points")
        facts = QLabel(
            self.tr("{path}\nThe unit's score: {score}{points}").format(
                path=item.path,
                score="—" if item.score is None else f"{item.score:.2f}",
                points=self.tr(" of {points} points").format(points=points) if points else "",
            )
        )
        facts.setObjectName("rescoreFacts")
        facts.setWordWrap(True)
        self.score = QLineEdit("" if item.upper_score is None else f"{item.upper_score:.2f}")
        self.score.setObjectName("rescoreScore")
        self.reason = QLineEdit()
        self.reason.setObjectName("rescoreReason")
        self.reason.setPlaceholderText(self.tr("why the score differs (kept with both scores)"))
        self.problem = hint_label("rescoreProblem")
        form = QFormLayout()
        form.addRow(self.tr("Upper level's score *"), self.score)
        form.addRow(self.tr("Reason *"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Re-score"))
        self.ok_button.setObjectName("rescoreButton")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(facts)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 36)

    def submit(self) -> None:
        """Re-score through the service; a refusal stays in the dialog, nothing saved."""
        if not self.reason.text().strip():
            hint(self.problem, self.tr("Not saved: give the reason for the re-score."), RED)
            return
        try:
            self.rescored = rescore(
                self.workspace,
                self.unit_code,
                self.year,
                path=self.item.path,
                score=self.score.text().strip(),
                reason=self.reason.text(),
            )
        except ServiceError as error:
            hint(self.problem, self.tr("Not saved: {reason}").format(reason=error), RED)
            return
        self.accept()
