"""The union profile form: a view that lays out the fields, a controller that saves them."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.credit_code import LENGTH, credit_code_error
from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.services.common.errors import ServiceError
from unionperf.ui import messages
from unionperf.ui.year_session import YearSession

__all__ = ["TEXT_FIELDS", "UnitForm", "UnitFormView", "credit_code_problem"]

TEXT_FIELDS = (
    "name",
    "credit_code",
    "upper_union",
    "accountant",
    "chair",
    "audit_chair",
    "contact_phone",
    "address",
)
"""The profile's text fields, as :class:`UnitProfile` spells them (each has a line edit)."""
COUNT_FIELDS = ("member_count", "staff_count")
MAX_COUNT = 9_999_999
ROW_SPACING, LABEL_SPACING, COLUMN_SPACING = 8, 10, 32
"""Pixels between rows, between a label and its field, between the two columns."""
VALID_COLOUR = "#1e7a34"
INVALID_COLOUR = "#b3261e"


def credit_code_problem(code: str, level: UnitLevel) -> str | None:
    """Why a typed credit code cannot be saved (GB 32100), or ``None`` when it can.

    An upper-level union may leave it empty, as the workspace service allows.
    """
    code = code.strip().upper()
    if level is UnitLevel.UPPER and not code:
        return None
    return credit_code_error(code)


class UnitFormView(QWidget):
    """Layout of the profile form. Widgets are public; behaviour lives in :class:`UnitForm`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.credit_code = QLineEdit()
        self.credit_code.setMaxLength(LENGTH + 2)
        self.credit_code.setPlaceholderText(self.tr("18 characters, e.g. 81310115MC2K7Q8P1A"))
        self.credit_hint = QLabel()
        self.credit_hint.setObjectName("creditCodeHint")
        self.credit_hint.setWordWrap(True)
        self.level = QComboBox()
        self.level.addItem(self.tr("Grassroots union"), UnitLevel.GRASSROOTS.value)
        self.level.addItem(self.tr("Upper-level union"), UnitLevel.UPPER.value)
        self.upper_union = QLineEdit()
        self.address = QLineEdit()
        self.member_count = QSpinBox()
        self.staff_count = QSpinBox()
        for spin in (self.member_count, self.staff_count):
            spin.setRange(0, MAX_COUNT)
            spin.setGroupSeparatorShown(True)
            spin.setKeyboardTracking(False)
        self.chair = QLineEdit()
        self.accountant = QLineEdit()
        self.audit_chair = QLineEdit()
        self.contact_phone = QLineEdit()
        self.key_id = QLineEdit()
        self.key_id.setObjectName("keyId")
        self.key_id.setReadOnly(True)
        self.key_hint = QLabel()
        self.key_hint.setObjectName("keyHint")
        self.key_hint.setWordWrap(True)
        for name in (*TEXT_FIELDS, *COUNT_FIELDS, "level"):
            widget = getattr(self, name)
            widget.setObjectName(_camel(name))
        self._lay_out()

    def _lay_out(self) -> None:
        code = QWidget()
        stacked = QVBoxLayout(code)
        stacked.setContentsMargins(0, 0, 0, 0)
        stacked.setSpacing(2)
        stacked.addWidget(self.credit_code)
        stacked.addWidget(self.credit_hint)
        left = QFormLayout()
        left.addRow(self.tr("Union name"), self.name)
        left.addRow(self.tr("Unified social credit code"), code)
        left.addRow(self.tr("Level"), self.level)
        left.addRow(self.tr("Upper-level union"), self.upper_union)
        left.addRow(self.tr("Address"), self.address)
        left.addRow(self.tr("Signing key id"), self.key_id)
        left.addRow("", self.key_hint)
        right = QFormLayout()
        right.addRow(self.tr("Members"), self.member_count)
        right.addRow(self.tr("Staff"), self.staff_count)
        right.addRow(self.tr("Preparer (accountant)"), self.accountant)
        right.addRow(self.tr("Union chair"), self.chair)
        right.addRow(self.tr("Audit committee chair"), self.audit_chair)
        right.addRow(self.tr("Contact phone"), self.contact_phone)
        for form in (left, right):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            form.setVerticalSpacing(ROW_SPACING)
            form.setHorizontalSpacing(LABEL_SPACING)
        columns = QHBoxLayout(self)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 3)
        columns.addSpacing(COLUMN_SPACING)
        columns.addLayout(right, 2)

    def field_widget(self, field: str) -> QWidget | None:
        """The widget editing a :class:`UnitProfile` field (``None`` for an unknown name)."""
        if field in (*TEXT_FIELDS, *COUNT_FIELDS, "level"):
            widget: QWidget = getattr(self, field)
            return widget
        return None


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.title() for part in rest)


class UnitForm(QObject):
    """Fills the form from the session and saves each field when its editing finishes."""

    def __init__(self, session: YearSession, view: UnitFormView) -> None:
        super().__init__(view)
        self.session = session
        self.view = view
        for name in TEXT_FIELDS:
            edit: QLineEdit = getattr(view, name)
            edit.editingFinished.connect(self.commit)
        for name in COUNT_FIELDS:
            spin: QSpinBox = getattr(view, name)
            spin.editingFinished.connect(self.commit)
        view.level.currentIndexChanged.connect(self._level_picked)
        view.credit_code.textChanged.connect(self._show_credit_hint)

    # -- showing -------------------------------------------------------------------------------

    def stored(self) -> UnitProfile:
        """The profile as last saved (blank before it is entered)."""
        if self.session.data is not None:
            return self.session.data.unit
        try:
            held = self.session.workspace.unit()
        except ServiceError:
            held = None
        return held or UnitProfile(name="", credit_code="")

    def load(self) -> None:
        """Show the saved profile in every field."""
        self.show(self.stored())

    def show(self, unit: UnitProfile) -> None:
        """Put ``unit`` into the fields without saving anything."""
        view = self.view
        for name in TEXT_FIELDS:
            edit: QLineEdit = getattr(view, name)
            with QSignalBlocker(edit):
                edit.setText(getattr(unit, name))
                edit.setCursorPosition(0)
        for name in COUNT_FIELDS:
            spin: QSpinBox = getattr(view, name)
            with QSignalBlocker(spin):
                spin.setValue(getattr(unit, name))
        with QSignalBlocker(view.level):
            view.level.setCurrentIndex(max(view.level.findData(unit.level.value), 0))
        self._show_credit_hint()

    def show_key(self, key_id: str | None) -> None:
        """Show the signing key id, or say that the workspace has none yet."""
        self.view.key_id.setText(key_id or "")
        self.view.key_id.setVisible(key_id is not None)
        if key_id is None:
            self.view.key_hint.setText(self.tr("No signing key yet."))
        else:
            self.view.key_hint.setText(
                self.tr("Give this key id to the upper-level union with the cover sheet.")
            )

    def typed(self) -> UnitProfile:
        """The profile as the fields hold it now."""
        view = self.view
        texts = {name: getattr(view, name).text().strip() for name in TEXT_FIELDS}
        texts["credit_code"] = texts["credit_code"].upper()
        return UnitProfile(
            level=UnitLevel(view.level.currentData()),
            member_count=view.member_count.value(),
            staff_count=view.staff_count.value(),
            **texts,
        )

    def _show_credit_hint(self) -> None:
        view = self.view
        problem = credit_code_problem(view.credit_code.text(), UnitLevel(view.level.currentData()))
        if problem is None:
            view.credit_hint.setText(self.tr("✓ Valid credit code"))
            colour = VALID_COLOUR
        else:
            view.credit_hint.setText(problem)
            colour = INVALID_COLOUR
        view.credit_hint.setStyleSheet(f"color: {colour};")
        view.credit_hint.setProperty("valid", problem is None)

    # -- saving --------------------------------------------------------------------------------

    def _level_picked(self, _index: int) -> None:
        self._show_credit_hint()
        self.commit()

    def commit(self) -> bool:
        """Save the typed profile if it differs from the saved one; returns whether it did.

        A credit code that fails GB 32100 is not saved: the hint under it says why.
        """
        old, new = self.stored(), self.typed()
        if new == old:
            return False
        problem = credit_code_problem(new.credit_code, new.level)
        if problem is not None:
            self.view.credit_hint.setText(self.tr("Not saved: {reason}").format(reason=problem))
            return False
        first = credit_code_problem(old.credit_code, old.level) is not None or not old.name.strip()
        if first and not new.name.strip():
            return False  # a first profile waits for its name (the problems panel asks for it)
        if first:
            return self._first_save(new)
        saved = self.session.change(
            self.tr("Edit the union profile"),
            lambda: self.session.save_unit(new),
            lambda: self.session.save_unit(old),
        )
        if not saved:
            self.show(self.stored())
        return saved

    def _first_save(self, new: UnitProfile) -> bool:
        # There is no valid earlier profile to go back to, so the first one is not undoable.
        try:
            self.session.save_unit(new)
        except ServiceError as error:
            messages.show_error(self.view, self.tr("The profile was not saved"), error)
            return False
        return True
