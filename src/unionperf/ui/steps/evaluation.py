"""Step page: evaluation (being written)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from unionperf.domain.cycle import Step
from unionperf.ui.steps.base import StepPage, step_title
from unionperf.ui.year_session import YearSession


class EvaluationStep(StepPage):
    """The evaluation step."""

    step = Step.EVALUATION

    def __init__(self, session: YearSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(step_title(self.step)))
