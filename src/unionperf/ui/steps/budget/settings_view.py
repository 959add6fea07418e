"""The layout of the rule settings (规则设置): widgets only, their behaviour is `settings_form`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.framework import FRAMEWORKS
from unionperf.domain.settings import ReverseFormula, SignoffRole
from unionperf.ui.steps.budget.tables import fit_columns, make_table
from unionperf.ui.steps.budget.weight_models import WeightTableModel
from unionperf.ui.widgets.delegates import AMOUNT_PATTERN
from unionperf.ui.widgets.refusal import guard_amount

__all__ = [
    "SETTING_FIELDS",
    "SettingsFormView",
]


OVER_DELIVERY_RANGE = (101, 1000)
"""Percent of the target; the service requires more than 100 %."""
LAG_RANGE = (1, 100)
"""Percentage points behind the time progress."""


SETTING_FIELDS = (
    "framework_code",
    "reverse_formula",
    "over_delivery_ratio",
    "lag_points",
    "arrival_lag_points",
    "exemption_threshold",
    "assessment_threshold",
    "monitoring_cutoffs",
    "unit_wide",
)
"""The settings edited by a single widget, as :class:`RuleSettings` spells them."""
ROW_SPACING, COLUMN_SPACING = 6, 16
"""Pixels between form rows and between the two groups."""


class SettingsFormView(QWidget):
    """Layout of the rule settings. Widgets are public; behaviour lives in :class:`SettingsForm`."""

    def __init__(self, weight_model: WeightTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = QLabel(
            self.tr(
                "These rules apply to this year and travel with the submitted package."
                " Each change is saved at once; Ctrl+Z undoes it."
            )
        )
        self.hint.setWordWrap(True)
        self.framework_code = QComboBox()
        for framework in FRAMEWORKS.values():
            self.framework_code.addItem(framework.title, framework.code)
        self.weights = make_table(weight_model, "weightTable")
        self.total = QLabel()
        self.total.setObjectName("weightTotal")
        self.default_points = QPushButton(self.tr("Default points"))
        self.default_points.setObjectName("defaultPoints")
        self.reverse_formula = QComboBox()
        self.reverse_formula.addItem(
            self.tr("Target ÷ actual × points (variant 1)"), int(ReverseFormula.RATIO)
        )
        self.reverse_formula.addItem(
            self.tr("(1 − excess ÷ target) × points, 0 at twice the target (variant 2)"),
            int(ReverseFormula.LINEAR),
        )
        self.over_delivery_ratio = QSpinBox()
        self.over_delivery_ratio.setRange(*OVER_DELIVERY_RANGE)
        self.over_delivery_ratio.setSuffix("%")
        self.over_delivery_ratio.setToolTip(
            self.tr(
                "An actual value at or above this share of the target is flagged;"
                " its score may be reduced with a reason."
            )
        )
        self.lag_points = QSpinBox()
        self.lag_points.setRange(*LAG_RANGE)
        self.lag_points.setSuffix(self.tr(" percentage points"))
        self.lag_points.setToolTip(
            self.tr("Warn when the execution rate is this far behind the time progress.")
        )
        self.arrival_lag_points = QSpinBox()
        self.arrival_lag_points.setRange(*LAG_RANGE)
        self.arrival_lag_points.setSuffix(self.tr(" percentage points"))
        self.arrival_lag_points.setToolTip(
            self.tr(
                "Warn when allocated funds or the upper-level subsidy arrive this far behind the"
                " time progress."
            )
        )
        self.assessment_threshold = QLineEdit()
        guard_amount(
            self.assessment_threshold,
            AMOUNT_PATTERN,
            lambda: self.tr("Ex-ante assessment threshold"),
        )
        self.assessment_threshold.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.assessment_threshold.setToolTip(
            self.tr(
                "A new project budgeted at or above this amount needs an ex-ante assessment"
                " before its targets are signed off; 0: none is asked for."
            )
        )
        self.exemption_threshold = QLineEdit()
        guard_amount(
            self.exemption_threshold, AMOUNT_PATTERN, lambda: self.tr("Exemption threshold")
        )
        self.exemption_threshold.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.exemption_threshold.setToolTip(
            self.tr(
                "A project whose full-year budget is below this amount files no targets or"
                " self-evaluation; 0 means every project files them."
            )
        )
        self.monitoring_cutoffs = QLineEdit()
        self.monitoring_cutoffs.setToolTip(
            self.tr("The dates offered for monitoring points, e.g. 03-31, 06-30, 07-31, 09-30")
        )
        self.unit_wide = QCheckBox(
            self.tr("The union as a whole files targets and a self-evaluation")
        )
        self.signoffs = {
            SignoffRole.PREPARER: QCheckBox(self.tr("Preparer")),
            SignoffRole.CHAIR: QCheckBox(self.tr("Union chair")),
            SignoffRole.AUDIT_CHAIR: QCheckBox(self.tr("Audit committee chair")),
        }
        for name in SETTING_FIELDS:
            widget = self.field_widget(name)
            if widget is not None and not widget.objectName():
                widget.setObjectName(_camel(name))
        for role, box in self.signoffs.items():
            box.setObjectName(f"signoff_{role.value}")
        self._lay_out(weight_model)

    def _lay_out(self, weight_model: WeightTableModel) -> None:
        fit_columns(self.weights, weight_model.columns, 0)
        rows = 1 + max(len(framework.level1) for framework in FRAMEWORKS.values())
        height = self.weights.verticalHeader().defaultSectionSize()
        header = self.weights.horizontalHeader().sizeHint().height()
        self.weights.setFixedHeight(header + rows * height + 2 * self.weights.frameWidth())
        char = self.fontMetrics().horizontalAdvance("中")
        self.weights.setMaximumWidth(char * 26)
        for widget, chars in (
            (self.over_delivery_ratio, 8),
            (self.lag_points, 8),
            (self.arrival_lag_points, 8),
            (self.exemption_threshold, 10),
            (self.assessment_threshold, 10),
            (self.monitoring_cutoffs, 20),
        ):
            widget.setMaximumWidth(char * chars)
        total_line = QHBoxLayout()
        total_line.addWidget(self.total, 1)
        total_line.addWidget(self.default_points)
        points = QGroupBox(self.tr("Indicator framework and self-evaluation points"))
        left = QFormLayout(points)
        left.addRow(self.tr("Framework"), self.framework_code)
        left.addRow(self.tr("Points"), self.weights)
        left.addRow("", total_line)
        signoffs = QHBoxLayout()
        for box in self.signoffs.values():
            signoffs.addWidget(box)
        signoffs.addStretch(1)
        rules = QGroupBox(self.tr("Other rules"))
        right = QFormLayout(rules)
        right.addRow(self.tr("Reverse indicator missed"), self.reverse_formula)
        right.addRow(self.tr("Flag over-delivery at"), self.over_delivery_ratio)
        right.addRow(self.tr("Execution lag warning"), self.lag_points)
        right.addRow(self.tr("Late revenue warning"), self.arrival_lag_points)
        right.addRow(self.tr("Exempt projects below (yuan)"), self.exemption_threshold)
        right.addRow(self.tr("Ex-ante assessment from (yuan)"), self.assessment_threshold)
        right.addRow(self.tr("Monitoring dates (month-day)"), self.monitoring_cutoffs)
        right.addRow("", self.unit_wide)
        right.addRow(self.tr("Sign-offs required"), signoffs)
        for form in (left, right):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            form.setVerticalSpacing(ROW_SPACING)
        groups = QHBoxLayout()
        groups.setSpacing(COLUMN_SPACING)
        groups.addWidget(points, 1)
        groups.addWidget(rules, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.hint)
        layout.addLayout(groups)
        layout.addStretch(1)

    def field_widget(self, field: str) -> QWidget | None:
        """The widget editing a :class:`RuleSettings` field (``None`` for an unknown name)."""
        widgets: dict[str, QWidget] = {
            "framework_code": self.framework_code,
            "weights": self.weights,
            "reverse_formula": self.reverse_formula,
            "over_delivery_ratio": self.over_delivery_ratio,
            "lag_points": self.lag_points,
            "arrival_lag_points": self.arrival_lag_points,
            "exemption_threshold": self.exemption_threshold,
            "assessment_threshold": self.assessment_threshold,
            "monitoring_cutoffs": self.monitoring_cutoffs,
            "unit_wide": self.unit_wide,
            "required_signoffs": self.signoffs[SignoffRole.PREPARER],
        }
        return widgets.get(field)


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.title() for part in rest)
