"""The sign-off block of a stage: preparer, chair and audit chair with name and date.

Each role signs with a name (prefilled from the unit profile, else from the role's last
sign-off of the year) and a date (today by default); what the user typed for one role stays
when another role signs. A sign-off is an undoable edit: undo withdraws it again (or restores
the earlier sign-off it replaced). The chair's sign-off locks the stage; the panel says so, and
shows the reason of an open adjustment or of the upper level's return.

Nobody signs a stage while a hard problem of it is open: the panel lists those problems, and a
click on one opens its step and field (through :attr:`YearSession.locate`).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QRect, QSignalBlocker, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from unionperf.domain import year_edits as edits
from unionperf.domain.problems import Problem
from unionperf.domain.settings import SignoffRole
from unionperf.domain.year import Signoff, YearData, stage_label
from unionperf.services.common.errors import ServiceError, local_today
from unionperf.services.cycle import locks, signoffs
from unionperf.services.cycle.locks import StageState
from unionperf.services.cycle.signoffs import SignoffRefusedError
from unionperf.ui import messages
from unionperf.ui.year_session import Area, YearSession

__all__ = ["SignoffPanel", "default_name", "reopen_adjustment", "role_label", "withdraw_signoff"]

LOCKED_COLOUR = "#1d4f91"
ADJUSTING_COLOUR = "#a15c00"
RETURNED_COLOUR = "#b3261e"
OPEN_COLOUR = "#6b6b6b"
BLOCKER_LINES = 7
"""The list of problems that stop the sign-off shows this many lines before it scrolls."""

_QUIET_AREAS = {Area.EXPLANATIONS, Area.SUBMISSIONS}
"""Changes that touch neither the sign-offs, the lock nor the hard problems of a stage."""


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
    session.patch(Area.SIGNOFFS, lambda data: edits.without_signoffs(data, stage, (role,)))


def reopen_adjustment(session: YearSession, stage: str, reason: str) -> None:
    """Open the adjustment again that a chair's sign-off closed (the undo of that sign-off)."""
    locks.resume_adjustment(session.workspace, session.held_year(), stage, reason)
    session.patch(Area.SIGNOFFS, lambda data: data)


def default_name(data: YearData, role: SignoffRole) -> str:
    """The name a role signs with: the unit profile's, else its latest sign-off of the year."""
    unit = data.unit
    match role:
        case SignoffRole.PREPARER:
            name = unit.accountant
        case SignoffRole.CHAIR:
            name = unit.chair
        case SignoffRole.AUDIT_CHAIR:
            name = unit.audit_chair
    if name.strip():
        return name
    signed = [item for item in data.signoffs if item.role is role and item.name.strip()]
    return max(signed, key=lambda item: item.signed_on).name if signed else ""


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
        self.typed = False
        """The user typed a name or picked a date here: a refresh keeps them."""
        self.name.textChanged.connect(self._typed)
        self.date.dateChanged.connect(self._typed)

    def _typed(self, *_args: object) -> None:
        self.typed = True

    def fill(self, name: str, day: date) -> None:
        """Put a name and a date in (unless the user typed their own)."""
        if self.typed:
            return
        with QSignalBlocker(self.name), QSignalBlocker(self.date):
            self.name.setText(name)
            self.date.setDate(_qdate(day))


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
        self.blockers: list[Problem] = []
        """The open hard problems of the stage: nobody signs it while there is one."""
        self.blocker_caption = QLabel()
        self.blocker_caption.setObjectName("signoffBlockerCaption")
        self.blocker_caption.setWordWrap(True)
        self.blocker_caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.blocker_caption.setStyleSheet(f"color: {RETURNED_COLOUR};")
        self.blocker_list = QListWidget()
        self.blocker_list.setObjectName("signoffBlockers")
        self.blocker_list.setWordWrap(True)  # the place and the problem in full, on two lines
        self.blocker_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.blocker_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.blocker_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The first wrapping of a viewport (a widget Qt made, unknown to Python) makes PySide
        # create the enums of every widget class, 13-16 ms once per process: here, while the
        # window builds its pages in idle time, rather than in the first step opened
        # (``_fit_blockers`` reads the viewport's width).
        self.blocker_list.viewport()
        self.blocker_list.itemClicked.connect(self._blocker_clicked)
        self.blocker_list.itemActivated.connect(self._blocker_clicked)
        for widget in (self.blocker_caption, self.blocker_list):
            widget.setVisible(False)
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
        grid.addWidget(self.blocker_caption, len(self.rows) + 1, 0, 1, 5)
        grid.addWidget(self.blocker_list, len(self.rows) + 2, 0, 1, 5)
        grid.setColumnStretch(4, 1)
        grid.setRowStretch(len(self.rows) + 3, 1)  # a tall panel keeps its rows at the top
        session.changed.connect(self._on_changed)

    # -- public API ----------------------------------------------------------------------------

    def set_stage(self, stage: str, *, lazy: bool = False) -> None:
        """Show the sign-offs of another stage (a monitoring point).

        ``lazy``: a hidden panel only notes the stage and reads it when it is shown (a page
        that switches points often stays fast).
        """
        if stage != self.stage:
            self.stage = stage
            self.forget_typing()
            if lazy and not self.isVisible():
                self._stale = True
            else:
                self.refresh()

    def catch_up(self) -> None:
        """Refresh unless the panel is shown and current.

        Shown, it refreshes on every change of the session and when it appears (``showEvent``),
        so a page opening need not ask again (each refresh reads the stage's lock and checks
        the stage).
        """
        if self._stale or not self.isVisible():
            self.refresh()

    def forget_typing(self) -> None:
        """Let the next refresh fill every name and date afresh (another stage or year)."""
        for row in self.rows.values():
            row.typed = False

    def refresh(self) -> None:
        """Re-read the stage's sign-offs from the session and its lock from the workspace."""
        self._stale = False
        data, year = self.session.data, self.session.year
        self.setEnabled(data is not None)
        if data is None or year is None or not self.stage:
            self.setEnabled(False)
            self.lock = None
            self.lock_label.clear()
            for row in self.rows.values():  # nothing to sign yet (a year without a point)
                row.state.clear()
            self.blockers = []
            self.blocker_list.clear()
            for widget in (self.blocker_caption, self.blocker_list):
                widget.setVisible(False)
            return
        try:
            self.lock = locks.stage_lock(self.session.workspace, year, self.stage)
        except ServiceError:
            self.lock = None
        done = data.signoffs_for(self.stage)
        today = local_today()
        for role, row in self.rows.items():
            signed = done.get(role)
            if signed:
                row.fill(signed.name, signed.signed_on)
            else:
                row.fill(default_name(data, role), today)
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
        self._show_blockers(data)

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
        try:
            signoffs.check_signoff(data, signoff)
        except SignoffRefusedError as refused:
            self._show_blockers(data)
            messages.show_error(self, self.tr("Not signed"), refused)
            return False
        except ServiceError as error:
            messages.show_error(self, self.tr("Not signed"), error)
            return False
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
        saved = self.session.change(text, lambda: session.sign_off(signoff), undo)
        if saved:
            row.typed = False  # what was typed is recorded now
        return saved

    # -- problems that stop the sign-off -------------------------------------------------------

    def _show_blockers(self, data: YearData) -> None:
        try:
            self.blockers = signoffs.blockers_of(data, self.stage)
        except ServiceError:
            self.blockers = []  # a monitoring stage whose point is gone
        self.blocker_list.clear()
        for problem in self.blockers:
            text = f"{problem.code.value} {problem.where.label}：{problem.message}"
            item = QListWidgetItem(text)
            item.setToolTip(text)
            self.blocker_list.addItem(item)
        shown = bool(self.blockers)
        self.blocker_caption.setText(
            self.tr(
                "{count} problems must be fixed before anyone can sign “{stage}” off "
                "(click one to open it):"
            ).format(count=len(self.blockers), stage=stage_label(self.stage))
            if shown
            else ""
        )
        self.blocker_caption.setVisible(shown)
        self.blocker_list.setVisible(shown)
        self._fit_blockers()

    def _fit_blockers(self) -> None:
        """As high as the listed problems wrapped to the width, at most BLOCKER_LINES lines."""
        view = self.blocker_list
        metrics = view.fontMetrics()
        width = max(view.viewport().width() - 8, metrics.horizontalAdvance("中") * 8)
        lines = 0
        for row in range(view.count()):
            box = metrics.boundingRect(
                QRect(0, 0, width, 100 * metrics.height()),
                Qt.TextFlag.TextWordWrap,
                view.item(row).text(),
            )
            lines += max(1, round(box.height() / metrics.lineSpacing()))
        lines = min(lines, BLOCKER_LINES)
        view.setFixedHeight(lines * metrics.lineSpacing() + 2 * view.frameWidth() + 6)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A new width wraps the listed problems anew."""
        super().resizeEvent(event)
        if self.blocker_list.count():
            self._fit_blockers()

    def _blocker_clicked(self, item: QListWidgetItem) -> None:
        row = self.blocker_list.row(item)
        if 0 <= row < len(self.blockers):
            self.session.locate.emit(self.blockers[row])

    # -- refreshing ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Catch up with changes made while the panel was hidden."""
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_changed(self, area: str) -> None:
        if area in _QUIET_AREAS:
            return
        if area == Area.YEAR:
            self.forget_typing()
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
                "Adjusting “{stage}”: {reason}. The chair's and the audit chair's sign-offs "
                "were withdrawn: they sign it again, and the chair's new sign-off locks it."
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
