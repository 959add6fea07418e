"""The self-evaluation step's charts tab: the score per project, or the grade distribution.

Beside the owner list at 1366×768 two charts side by side do not fit (the second was cut off
behind a scroll bar), so the tab shows one chart at a time, each at the tab's full size, with a
switch above. Strings belong to the step's page (``EvaluationStep`` context).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.results import YearScore
from unionperf.domain.year import YearData
from unionperf.ui.widgets.charts import GradeChart, ScoreChart

__all__ = ["ChartsTab"]


class ChartsTab(QWidget):
    """One chart at a time at full size; two checkable buttons switch between them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evaluationCharts")
        self.score_chart = ScoreChart()
        self.score_chart.setObjectName("evaluationScoreChart")
        self.grade_chart = GradeChart()
        self.grade_chart.setObjectName("evaluationGradeChart")
        for chart in (self.score_chart, self.grade_chart):
            chart.setMinimumSize(0, 0)  # the tab decides the size: nothing is cut off
        self.stack = QStackedWidget()
        self.stack.addWidget(self.score_chart)
        self.stack.addWidget(self.grade_chart)
        self.score_button = QPushButton(
            QCoreApplication.translate("EvaluationStep", "Score per project")
        )
        self.score_button.setObjectName("showScoreChart")
        self.grade_button = QPushButton(
            QCoreApplication.translate("EvaluationStep", "Grade distribution")
        )
        self.grade_button.setObjectName("showGradeChart")
        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(True)
        for number, button in enumerate((self.score_button, self.grade_button)):
            button.setCheckable(True)
            self.buttons.addButton(button, number)
        self.score_button.setChecked(True)
        self.buttons.idClicked.connect(self.stack.setCurrentIndex)
        switch = QHBoxLayout()
        switch.setContentsMargins(0, 0, 0, 0)
        switch.addWidget(self.score_button)
        switch.addWidget(self.grade_button)
        switch.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(switch)
        layout.addWidget(self.stack, 1)

    def show_charts(self, data: YearData, scores: YearScore) -> None:
        """Draw both charts (the hidden one is ready when the user switches)."""
        self.score_chart.show_scores(data, scores)
        self.grade_chart.show_grades(data, scores)
