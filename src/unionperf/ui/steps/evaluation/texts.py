"""The evaluation texts of the self-evaluation step and the overall results tab.

Its strings belong to the step's page: they are translated in the ``EvaluationStep`` context.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPlainTextEdit, QWidget

from unionperf.domain.evaluation import Evaluation

__all__ = ["TEXT_FIELDS", "CommitTextEdit", "lay_out_texts", "with_text"]

TEXT_FIELDS = ("achieved_text", "execution_analysis", "result_application")
"""The evaluation texts, as :class:`Evaluation` spells them."""


class CommitTextEdit(QPlainTextEdit):
    """A text box that commits its text when the user leaves it (no "save" button)."""

    committed = Signal(str)
    """The user left the box with a text other than the saved one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saved = ""
        self.setTabChangesFocus(True)

    def set_saved(self, text: str) -> None:
        """Show the stored text (and remember it as saved)."""
        self._saved = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def commit(self) -> None:
        """Emit :attr:`committed` if the text differs from the saved one."""
        text = self.toPlainText().strip()
        if text != self._saved.strip():
            self._saved = text
            self.committed.emit(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Leaving the box commits it."""
        self.commit()
        super().focusOutEvent(event)


def lay_out_texts(grid: QGridLayout, goal: QLabel, boxes: dict[str, CommitTextEdit]) -> None:
    """The annual goal and the achieved text on the left, the result application on the right.

    The funds execution analysis is laid out by the funds tab, under the numbers it explains.
    """
    labels = {
        "achieved_text": QCoreApplication.translate(
            "EvaluationStep", "What was achieved against the annual overall goal"
        ),
        "result_application": QCoreApplication.translate(
            "EvaluationStep", "Result application and suggestions for next year"
        ),
    }
    goal_caption = QCoreApplication.translate(
        "EvaluationStep", "Annual overall goal (from the targets)"
    )
    grid.addWidget(_caption(goal_caption), 0, 0)
    grid.addWidget(goal, 1, 0)
    grid.addWidget(_caption(labels["achieved_text"]), 2, 0)
    grid.addWidget(boxes["achieved_text"], 3, 0)
    grid.addWidget(_caption(labels["result_application"]), 0, 1)
    grid.addWidget(boxes["result_application"], 1, 1, 3, 1)
    grid.setRowStretch(1, 1)
    grid.setRowStretch(3, 2)
    grid.setColumnStretch(0, 1)
    grid.setColumnStretch(1, 1)


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def with_text(evaluation: Evaluation, field: str, text: str) -> Evaluation:
    """The evaluation with one of its texts replaced."""
    match field:
        case "achieved_text":
            return replace(evaluation, achieved_text=text)
        case "execution_analysis":
            return replace(evaluation, execution_analysis=text)
        case "result_application":
            return replace(evaluation, result_application=text)
        case _:
            raise ValueError(field)
