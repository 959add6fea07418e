"""Guidance built into the window: what each step is for, what the upper level checks, and why.

Under the step list, a small card sums up the current step in one sentence; its button (or F1)
opens the step's full guidance in a window of its own that stays out of the way (not modal),
with the original text of 总工办发〔2019〕25号 one click away. Texts come from
:mod:`unionperf.services.views.guidance`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.cycle import Step
from unionperf.services.views import guidance
from unionperf.ui import messages

__all__ = ["GuidanceCard", "GuidanceDialog"]

DIALOG_CHARS = (46, 40)
"""The guidance window's size in characters (width, height): well inside 1366×768."""


class GuidanceDialog(QDialog):
    """A step's guidance as formatted text, or the regulation's original text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidanceDialog")
        self.setModal(False)
        self.step: Step | None = None
        self.text = QTextBrowser()
        self.text.setObjectName("guidanceText")
        self.text.setOpenLinks(False)
        self.original_button = QPushButton(
            self.tr("Original text of {regulation}").format(regulation=guidance.REGULATION)
        )
        self.original_button.setObjectName("guidanceOriginal")
        self.original_button.setCheckable(True)
        self.original_button.toggled.connect(self._show_text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.original_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("中")
        self.resize(em * DIALOG_CHARS[0], em * DIALOG_CHARS[1])

    def show_step(self, step: Step) -> None:
        """Show a step's guidance (the regulation's text gives way to it)."""
        self.step = step
        if self.original_button.isChecked():
            self.original_button.setChecked(False)  # shows the guidance
        else:
            self._show_text(False)

    def _show_text(self, original: bool) -> None:
        if self.step is None:
            return
        try:
            shown = guidance.guidance_for(self.step.value)
            if original:
                self.text.setPlainText(guidance.regulation_text())
                self.setWindowTitle(guidance.REGULATION)
            else:
                self.text.setMarkdown(shown.markdown)
                self.setWindowTitle(self.tr("Guidance: {title}").format(title=shown.title))
        except guidance.GuidanceError as error:
            messages.show_error(self, self.tr("The guidance cannot be shown"), error)
            return
        self.original_button.setText(
            self.tr("Back to the guidance")
            if original
            else self.tr("Original text of {regulation}").format(regulation=guidance.REGULATION)
        )


class GuidanceCard(QFrame):
    """The current step in one sentence, with a button that opens its guidance."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidanceCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.step: Step | None = None
        self.summary = QLabel()
        self.summary.setObjectName("guidanceSummary")
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setStyleSheet("color: #444;")
        self.button = QPushButton(self.tr("Guidance and rules…"))
        self.button.setObjectName("guidanceButton")
        self.button.setToolTip(
            self.tr("What this step is for, what the upper level checks, and the rule (F1)")
        )
        self.button.clicked.connect(self.open_guidance)
        self.dialog: GuidanceDialog | None = None
        """The guidance window, once it was opened."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.summary)
        layout.addWidget(self.button)

    def show_step(self, step: Step) -> None:
        """Sum up ``step``; an open guidance window follows to it."""
        self.step = step
        try:
            self.summary.setText(guidance.guidance_for(step.value).summary)
        except guidance.GuidanceError:
            self.summary.setText("")
        self.button.setEnabled(bool(self.summary.text()))
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.show_step(step)

    def open_guidance(self) -> None:
        """Open (or bring forward) the guidance window on the current step."""
        if self.step is None:
            return
        if self.dialog is None:
            self.dialog = GuidanceDialog(self.window())
        self.dialog.show_step(self.step)
        self.dialog.show()
        self.dialog.raise_()
