"""The sign-off block of a stage: preparer, chair and audit chair with name and date.

Each role signs with a name (prefilled from the unit profile) and a date (today by default).
A sign-off is an undoable edit: undo withdraws it again (or restores the earlier sign-off it
replaced). The chair's sign-off locks the stage; the panel says so, and shows the reason of an
open adjustment or of the upper level's return.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from unionperf.domain.settings import SignoffRole
from unionperf.domain.unit import UnitProfile
from unionperf.domain.year import Signoff, YearData, stage_label
from unionperf.services.common.errors import ServiceError, local_today
from unionperf.services.cycle import locks
from unionperf.services.cycle.locks import StageState
from unionperf.ui.year_session import Area, YearSession

__all__ = ["SignoffPanel", "reopen_adjustment", "role_label", "withdraw_signoff"]

LOCKED_COLOUR = "#1d4f91"
ADJUSTING_COLOUR = "#a15c00"
RETURNED_COLOUR = "#b3261e"
OPEN_COLOUR = "#6b6b6b"

_CONTENT_AREAS = {
    "targets": {Area.TARGETS, Area.PROJECTS},
    "monitoring": {Area.MONITORING},
    "self-evaluation": {Area.EVALUATION},
}
"""Edits of these areas may have opened an adjustment of a stage of that kind first."""


def role_label(role: SignoffRole) -> str:
    """填报人, 工会主席 or 经审会主任."""
    match role:
        case SignoffRole.PREPARER:
            return QCoreApplication.translate("SignoffPanel", "Preparer")
        case SignoffRole.CHAIR:
            return QCoreApplication.translate("SignoffPanel", "Union chair")
        case SignoffRole.AUDIT_CHAIR:
            return QCoreApplication.translate("SignoffPanel", "Audit committee chair")


def withdraw_signoff(session: YearSession, stage: str, role: SignoffRole) -> None:
    """Withdraw one role's sign-off of a stage (the undo of a first sign-off)."""
    locks.withdraw_signoff(session.workspace, session.held_year(), stage, role)

    def patch(data: YearData) -> YearData:
        kept = tuple(item for item in data.signoffs if (item.stage, item.role) != (stage, role))
        return replace(data, signoffs=kept)

    session.patch(Area.SIGNOFFS, patch)


def reopen_adjustment(session: YearSession, stage: str, reason: str) -> None:
    """Open the adjustment again that a chair's sign-off closed (the undo of that sign-off)."""
    locks.open_adjustment(session.workspace, session.held_year(), stage, reason)
    session.patch(Area.SIGNOFFS, lambda data: data)


def _default_name(unit: UnitProfile, role: SignoffRole) -> str:
    match role:
        case SignoffRole.PREPARER:
            return unit.accountant
        case SignoffRole.CHAIR:
            return unit.chair
        case SignoffRole.AUDIT_CHAIR:
            return unit.audit_chair


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class _RoleRow:
    """The widgets of one role: name, date, sign button and what is recorded."""

    def __init__(self, panel: SignoffPanel, role: SignoffRole) -> None:
        self.role = role
        self.caption = QLabel(role_label(role))
        self.name = QLineEdit()
        self.name.setObjectName(f"signoffName_{role.value}")
        self.name.setPlaceholderText(QCoreApplication.translate("SignoffPanel", "Name"))
        digit = panel.fontMetrics().horizontalAdvance("中")
        self.name.setMinimumWidth(digit * 5)
        self.name.setMaximumWidth(digit * 8)
        self.caption.setBuddy(self.name)
        self.date = QDateEdit()
        self.date.setObjectName(f"signoffDate_{role.value}")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.button = QPushButton(QCoreApplication.translate("SignoffPanel", "Sign off"))
        self.button.setObjectName(f"signoffButton_{role.value}")
        self.button.clicked.connect(lambda: panel.sign(role))
        self.state = QLabel()
        self.state.setObjectName(f"signoffState_{role.value}")


class SignoffPanel(QGroupBox):
    """Record who signed a stage off; the chair's sign-off locks the stage."""

    def __init__(self, session: YearSession, stage: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.stage = stage
        self.lock: StageState | None = None
        self._stale = True
        self.setTitle(self.tr("Sign-off"))
        self.setObjectName("signoffPanel")
        self.lock_label = QLabel()
        self.lock_label.setObjectName("signoffLock")
        self.lock_label.setWordWrap(True)
        self.lock_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.rows = {role: _RoleRow(self, role) for role in SignoffRole}
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        grid.addWidget(self.lock_label, 0, 0, 1, 5)
        for number, row in enumerate(self.rows.values(), start=1):
            grid.addWidget(row.caption, number, 0)
            grid.addWidget(row.name, number, 1)
            grid.addWidget(row.date, number, 2)
            grid.addWidget(row.button, number, 3)
            grid.addWidget(row.state, number, 4)
        grid.setColumnStretch(4, 1)
        session.changed.connect(self._on_changed)

    # -- public API ----------------------------------------------------------------------------

    def set_stage(self, stage: str) -> None:
        """Show the sign-offs of another stage (a monitoring point)."""
        if stage != self.stage:
            self.stage = stage
            self.refresh()

    def refresh(self) -> None:
        """Re-read the stage's sign-offs from the session and its lock from the workspace."""
        self._stale = False
        data, year = self.session.data, self.session.year
        self.setEnabled(data is not None)
        if data is None or year is None:
            self.lock = None
            self.lock_label.clear()
            return
        try:
            self.lock = locks.stage_lock(self.session.workspace, year, self.stage)
        except ServiceError:
            self.lock = None
        done = data.signoffs_for(self.stage)
        today = local_today()
        for role, row in self.rows.items():
            signed = done.get(role)
            row.name.setText(signed.name if signed else _default_name(data.unit, role))
            row.date.setDate(_qdate(signed.signed_on if signed else today))
            row.button.setText(self.tr("Sign again") if signed else self.tr("Sign off"))
            if signed:
                row.state.setText(self.tr("Signed"))
                row.state.setStyleSheet("color: #1e7a34;")
            elif role in data.settings.required_signoffs:
                row.state.setText(self.tr("not signed yet"))
                row.state.setStyleSheet("color: #b3261e;")
            else:
                row.state.setText(self.tr("not required"))
                row.state.setStyleSheet(f"color: {OPEN_COLOUR};")
        self._show_lock()

    # -- signing -------------------------------------------------------------------------------

    def sign(self, role: SignoffRole) -> bool:
        """Record ``role``'s sign-off with the name and date shown (undoable)."""
        data = self.session.data
        if data is None:
            return False
        row = self.rows[role]
        picked = row.date.date()
        signoff = Signoff(
            self.stage,
            role,
            row.name.text().strip(),
            date(picked.year(), picked.month(), picked.day()),
        )
        earlier = data.signoffs_for(self.stage).get(role)
        stage, session = self.stage, self.session
        try:
            lock: StageState | None = locks.stage_lock(
                session.workspace, session.held_year(), stage
            )
        except ServiceError:
            lock = None
        reason = lock.reason if lock is not None and lock.adjusting else ""

        def undo() -> None:
            if earlier is None:
                withdraw_signoff(session, stage, role)
            else:
                session.sign_off(earlier)
            if role is SignoffRole.CHAIR and reason:
                reopen_adjustment(session, stage, reason)

        text = self.tr("Sign-off by {role}").format(role=role_label(role))
        return self.session.change(text, lambda: session.sign_off(signoff), undo)

    # -- refreshing ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Catch up with changes made while the panel was hidden."""
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_changed(self, area: str) -> None:
        kind = "monitoring" if self.stage.startswith("monitoring") else self.stage
        if area not in {Area.YEAR, Area.SIGNOFFS, Area.UNIT} | _CONTENT_AREAS.get(kind, set()):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _show_lock(self) -> None:
        lock = self.lock
        label = stage_label(self.stage)
        if lock is None:
            text, colour = "", OPEN_COLOUR
        elif lock.locked:
            text = self.tr(
                "Locked: the union chair signed “{stage}” off. A change now is an adjustment "
                "and asks for its reason."
            ).format(stage=label)
            colour = LOCKED_COLOUR
        elif lock.adjusting:
            text = self.tr(
                "Adjusting “{stage}”: {reason}. The chair's new sign-off locks it again."
            ).format(stage=label, reason=lock.reason)
            colour = ADJUSTING_COLOUR
        elif lock.returned:
            text = self.tr(
                "Returned by the upper level: {reason}. Correct it, then sign it off again."
            ).format(reason=lock.reason)
            colour = RETURNED_COLOUR
        else:
            text = self.tr("Open: the union chair's sign-off locks “{stage}”.").format(stage=label)
            colour = OPEN_COLOUR
        self.lock_label.setText(text)
        self.lock_label.setStyleSheet(f"color: {colour};")
        self.lock_label.setToolTip(text)
