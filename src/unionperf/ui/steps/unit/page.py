"""Step 1, the union profile (单位信息): name, credit code, people, contact and the key id."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from unionperf.domain.cycle import Step
from unionperf.domain.problems import Location
from unionperf.services.common import signing
from unionperf.services.common.errors import ServiceError
from unionperf.ui.steps.base import StepPage
from unionperf.ui.steps.unit.keys_box import KeysBox
from unionperf.ui.steps.unit.profile_form import UnitForm, UnitFormView
from unionperf.ui.year_session import Area, YearSession

__all__ = ["UnitStep"]


class UnitStep(StepPage):
    """The union's profile; every field is saved when its editing finishes (undoable)."""

    step = Step.UNIT
    areas = frozenset({Area.UNIT})

    def __init__(self, session: YearSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.hint = QLabel(
            self.tr(
                "Enter the union's profile as registered. Each field is saved when you leave it;"
                " Ctrl+Z undoes a change."
            )
        )
        self.hint.setObjectName("stepHint")
        self.hint.setWordWrap(True)
        self.view = UnitFormView()
        self.form = UnitForm(session, self.view)
        self.keys = KeysBox(session)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(12)
        layout.addWidget(self.hint)
        layout.addWidget(self.view)
        layout.addWidget(self.keys)
        layout.addStretch(1)

    def load(self) -> None:
        """Show the saved profile and the workspace's signing key id."""
        self.form.load()
        try:
            key_id: str | None = signing.key_info(self.session.workspace).key_id
        except ServiceError:
            key_id = None
        self.form.show_key(key_id)
        self.keys.load()

    def changed(self, area: str) -> None:
        """The profile was saved or undone: show it again (the key does not change here)."""
        self.form.load()

    def show_location(self, location: Location) -> None:
        """Focus the field a problem points at (name, credit code …)."""
        widget = self.view.field_widget(location.field)
        if widget is None:
            return
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()
