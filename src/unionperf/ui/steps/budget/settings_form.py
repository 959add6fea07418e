"""The year's rule settings (规则设置, domain.md §9): the controller saving them.

Each change is saved at once through the session, hence undoable. The widgets are
:class:`SettingsFormView` (``settings_view``), the points table is ``weight_models``.

The self-evaluation points must add up to 100 before the service takes them, so the points table
holds the typed values as a draft and saves them all at once when they add up to 100.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QObject, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QMessageBox,
    QWidget,
)

from unionperf.domain.framework import framework_by_code
from unionperf.domain.money import ZERO, AmountError, parse_decimal
from unionperf.domain.problems import Location
from unionperf.domain.settings import ReverseFormula, RuleSettings, SignoffRole
from unionperf.services.cycle import editing
from unionperf.ui import messages
from unionperf.ui.steps.budget.settings_view import SettingsFormView
from unionperf.ui.steps.budget.tables import (
    select_cell,
    typed_amount,
)
from unionperf.ui.steps.budget.weight_models import (
    POINTS_COLUMN,
    WeightRow,
    WeightTableModel,
    weight_columns,
    weight_rows,
)
from unionperf.ui.widgets.formatting import amount, plain
from unionperf.ui.year_session import Area, YearSession

__all__ = [
    "SettingsForm",
    "confirm_framework",
    "cutoff_text",
    "parse_cutoffs",
    "save_settings",
]

FULL_MARKS = Decimal(100)
WRONG_COLOUR = "#b3261e"
RIGHT_COLOUR = "#1e7a34"
ROLES = (SignoffRole.PREPARER, SignoffRole.CHAIR, SignoffRole.AUDIT_CHAIR)
CUTOFF_SEPARATORS = re.compile(r"[,，、;；\s]+")
CUTOFF_PATTERN = re.compile(r"^(\d{1,2})[-/.](\d{1,2})$")


def save_settings(session: YearSession, settings: RuleSettings) -> None:
    """Save the open year's rule settings and refresh the screens that use them.

    Raises ``ServiceError`` when refused (points not adding up to 100, an unknown framework …).
    """
    editing.save_settings(session.workspace, session.held_year(), settings)
    session.patch(Area.BUDGET, lambda data: replace(data, settings=settings))
    # The targets show the points against these weights; the sign-off panels the roles.
    for area in (Area.TARGETS, Area.SIGNOFFS):
        session.changed.emit(area)


def confirm_framework(parent: QWidget | None, title: str) -> bool:
    """Ask before the framework of a year that has indicators changes (tests replace this)."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("SettingsForm", "Switch the indicator framework"),
        QCoreApplication.translate(
            "SettingsForm",
            "Switch the indicator framework to “{title}”? The self-evaluation points return to"
            " its defaults, and indicators whose level-1 or level-2 category it does not have"
            " are listed as problems to fix. Ctrl+Z switches back.",
        ).format(title=title),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def parse_cutoffs(text: str) -> tuple[tuple[int, int], ...]:
    """Month-day cut-offs typed as ``03-31, 06-30`` (sorted, each once).

    Raises:
        ValueError: an item is not a month and day that exists in a leap year; the message is
            the item.
    """
    found: set[tuple[int, int]] = set()
    for item in CUTOFF_SEPARATORS.split(text.strip()):
        if not item:
            continue
        matched = CUTOFF_PATTERN.match(item)
        try:
            if matched is None:
                raise ValueError(item)
            month, day = int(matched[1]), int(matched[2])
            date(2024, month, day)
        except ValueError as error:
            raise ValueError(item) from error
        found.add((month, day))
    return tuple(sorted(found))


def cutoff_text(cutoffs: tuple[tuple[int, int], ...]) -> str:
    """Cut-offs as the field shows them: ``03-31, 06-30``."""
    return ", ".join(f"{month:02d}-{day:02d}" for month, day in sorted(cutoffs))


# -- the controller -------------------------------------------------------------------------------


class SettingsForm(QObject):
    """Fills the rule settings from the session and saves each change (undoable).

    Points are a draft until they add up to 100; then they are saved in one change.
    """

    def __init__(self, session: YearSession, parent: QWidget | None = None) -> None:
        super().__init__()
        self.session = session
        self.weight_model = WeightTableModel(weight_columns(self._edit_weight), self)
        self.view = SettingsFormView(self.weight_model, parent)
        self.setParent(self.view)
        self._shown: tuple[int | None, RuleSettings | None] = (None, None)
        self._draft: dict[str, Decimal] = {}
        view = self.view
        view.framework_code.currentIndexChanged.connect(self._framework_picked)
        view.default_points.clicked.connect(self.restore_default_points)
        view.reverse_formula.currentIndexChanged.connect(self._commit_fields)
        view.over_delivery_ratio.setKeyboardTracking(False)
        view.over_delivery_ratio.editingFinished.connect(self._commit_fields)
        view.lag_points.setKeyboardTracking(False)
        view.lag_points.editingFinished.connect(self._commit_fields)
        view.arrival_lag_points.setKeyboardTracking(False)
        view.arrival_lag_points.editingFinished.connect(self._commit_fields)
        view.exemption_threshold.editingFinished.connect(self._commit_threshold)
        view.assessment_threshold.editingFinished.connect(self._commit_assessment_threshold)
        view.monitoring_cutoffs.editingFinished.connect(self._commit_cutoffs)
        view.unit_wide.toggled.connect(self._commit_fields)
        for box in view.signoffs.values():
            box.toggled.connect(self._commit_fields)

    # -- showing -------------------------------------------------------------------------------

    def stored(self) -> RuleSettings | None:
        """The settings as saved for the open year (``None`` when no year is open)."""
        data = self.session.data
        return data.settings if data is not None else None

    def load(self) -> None:
        """Show the saved settings; typed points not saved yet stay while the settings do."""
        data = self.session.data
        settings = self.stored()
        shown = (data.year if data is not None else None, settings)
        if shown != self._shown:
            self._shown = shown
            self._draft = self._saved_points(settings)
        self.view.setEnabled(settings is not None)
        self._show_fields()
        self._show_points()

    def _saved_points(self, settings: RuleSettings | None) -> dict[str, Decimal]:
        if settings is None:
            return {}
        keys = framework_by_code(settings.framework_code).default_weights()
        return {key: settings.weights.get(key, ZERO) for key in keys}

    def _show_fields(self) -> None:
        view, settings = self.view, self.stored() or RuleSettings()
        with QSignalBlocker(view.framework_code):
            view.framework_code.setCurrentIndex(
                max(view.framework_code.findData(settings.framework_code), 0)
            )
        with QSignalBlocker(view.reverse_formula):
            view.reverse_formula.setCurrentIndex(
                max(view.reverse_formula.findData(int(settings.reverse_formula)), 0)
            )
        with QSignalBlocker(view.over_delivery_ratio):
            view.over_delivery_ratio.setValue(_percent(settings.over_delivery_ratio))
        with QSignalBlocker(view.lag_points):
            view.lag_points.setValue(_whole(settings.lag_points))
        with QSignalBlocker(view.arrival_lag_points):
            view.arrival_lag_points.setValue(_whole(settings.arrival_lag_points))
        view.exemption_threshold.setText(amount(settings.exemption_threshold))
        view.assessment_threshold.setText(amount(settings.assessment_threshold))
        view.monitoring_cutoffs.setText(cutoff_text(settings.monitoring_cutoffs))
        with QSignalBlocker(view.unit_wide):
            view.unit_wide.setChecked(settings.unit_wide)
        for role, box in view.signoffs.items():
            with QSignalBlocker(box):
                box.setChecked(role in settings.required_signoffs)

    def _show_points(self) -> None:
        settings = self.stored()
        if settings is None:
            self.weight_model.set_rows([])
            self.view.total.clear()
            return
        framework = framework_by_code(settings.framework_code)
        self.weight_model.update_rows(weight_rows(framework, self._draft, settings.weights))
        total = sum(self._draft.values(), ZERO)
        if total == FULL_MARKS:
            text = self.tr("Total {total} points").format(total=plain(total))
        else:
            text = self.tr("Total {total} points: must be 100, not saved yet").format(
                total=plain(total)
            )
        self.view.total.setText(text)
        colour = RIGHT_COLOUR if total == FULL_MARKS else WRONG_COLOUR
        self.view.total.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.view.total.setProperty("complete", total == FULL_MARKS)

    def show_location(self, location: Location) -> None:
        """Focus the setting a problem points at (a part's points for the weights)."""
        if location.field == "weights":
            keys = [row.key for row in self.weight_model.rows()]
            if keys:
                row = keys.index(location.item_uid) if location.item_uid in keys else 0
                select_cell(self.view.weights, row, POINTS_COLUMN)
            self.view.weights.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        widget = self.view.field_widget(location.field)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- saving --------------------------------------------------------------------------------

    def commit(self, text: str, new: RuleSettings) -> bool:
        """Save ``new`` in place of the saved settings as one undoable change."""
        old = self.stored()
        if old is None or new == old:
            self.load()
            return False
        session = self.session
        saved = session.change(
            text, lambda: save_settings(session, new), lambda: save_settings(session, old)
        )
        if not saved:
            self._draft = self._saved_points(self.stored())
        self.load()
        return saved

    def _error(self, text: str) -> None:
        messages.show_error(self.view, self.tr("The change was not saved"), text)

    def _edit_weight(self, row: WeightRow, value: object) -> bool:
        settings = self.stored()
        text = str(value or "").replace(",", "").replace("，", "").strip()
        try:
            points = parse_decimal(text) if text else ZERO
        except AmountError:
            self._error(self.tr("“{text}” is not a number of points.").format(text=text))
            return False
        if points < ZERO:
            self._error(self.tr("Points cannot be negative."))
            return False
        if settings is None or points == self._draft.get(row.key):
            return False
        self._draft[row.key] = points
        if sum(self._draft.values(), ZERO) == FULL_MARKS and self._draft != settings.weights:
            return self.commit(
                self.tr("Edit the self-evaluation points"),
                replace(settings, weights=dict(self._draft)),
            )
        self._show_points()
        return True

    def restore_default_points(self) -> None:
        """Save the framework's default points (a draft not adding up to 100 is dropped)."""
        settings = self.stored()
        if settings is None:
            return
        defaults = framework_by_code(settings.framework_code).default_weights()
        self._draft = dict(defaults)
        if defaults == settings.weights:
            self._show_points()
            return
        self.commit(self.tr("Edit the self-evaluation points"), replace(settings, weights=defaults))

    def _framework_picked(self, _index: int) -> None:
        settings, data = self.stored(), self.session.data
        code = str(self.view.framework_code.currentData())
        if settings is None or data is None or code == settings.framework_code:
            return
        has_indicators = bool(data.unit_targets.indicators) or any(
            project.targets.indicators for project in data.projects
        )
        title = framework_by_code(code).title
        if has_indicators and not confirm_framework(self.view, title):
            self._show_fields()
            return
        self.commit(self.tr("Switch the indicator framework"), settings.with_framework(code))

    def _commit_fields(self) -> None:
        """Save the combo box, spin box and check box settings if one changed."""
        settings = self.stored()
        if settings is None:
            return
        view = self.view
        new = replace(
            settings,
            reverse_formula=ReverseFormula(int(view.reverse_formula.currentData())),
            unit_wide=view.unit_wide.isChecked(),
            required_signoffs=tuple(role for role in ROLES if view.signoffs[role].isChecked()),
        )
        if view.over_delivery_ratio.value() != _percent(settings.over_delivery_ratio):
            new = replace(
                new, over_delivery_ratio=Decimal(view.over_delivery_ratio.value()) / FULL_MARKS
            )
        if view.lag_points.value() != _whole(settings.lag_points):
            new = replace(new, lag_points=Decimal(view.lag_points.value()))
        if view.arrival_lag_points.value() != _whole(settings.arrival_lag_points):
            new = replace(new, arrival_lag_points=Decimal(view.arrival_lag_points.value()))
        self.commit(self.tr("Edit the rule settings"), new)

    def _commit_threshold(self) -> None:
        settings = self.stored()
        if settings is None:
            return
        typed = typed_amount(self.view, self.view.exemption_threshold.text())
        if typed is not None and typed < ZERO:
            self._error(self.tr("The exemption threshold cannot be negative."))
            typed = None
        if typed is None:
            self.load()
            return
        self.commit(self.tr("Edit the rule settings"), replace(settings, exemption_threshold=typed))

    def _commit_assessment_threshold(self) -> None:
        settings = self.stored()
        if settings is None:
            return
        typed = typed_amount(self.view, self.view.assessment_threshold.text())
        if typed is not None and typed < ZERO:
            self._error(self.tr("The ex-ante assessment threshold cannot be negative."))
            typed = None
        if typed is None or typed == settings.assessment_threshold:
            self.load()
            return
        self.commit(
            self.tr("Edit the rule settings"), replace(settings, assessment_threshold=typed)
        )

    def _commit_cutoffs(self) -> None:
        settings = self.stored()
        if settings is None:
            return
        try:
            cutoffs = parse_cutoffs(self.view.monitoring_cutoffs.text())
        except ValueError as error:
            self._error(
                self.tr("“{text}” is not a month and day such as 06-30.").format(text=str(error))
            )
            self.load()
            return
        if not cutoffs:
            self._error(self.tr("Give at least one monitoring date."))
            self.load()
            return
        self.commit(
            self.tr("Edit the rule settings"), replace(settings, monitoring_cutoffs=cutoffs)
        )


def _percent(ratio: Decimal) -> int:
    return int((ratio * FULL_MARKS).to_integral_value())


def _whole(points: Decimal) -> int:
    return int(points.to_integral_value())
