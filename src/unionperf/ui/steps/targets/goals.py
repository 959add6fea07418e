"""The goals of an owner in the targets step: the goal text box and saving a goal."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from unionperf.domain.budget import UNIT_OWNER
from unionperf.services.common.errors import ServiceError
from unionperf.ui.year_session import YearSession

__all__ = ["GoalEdit", "write_goal"]


class GoalEdit(QPlainTextEdit):
    """A goal text box that reports its text when it loses focus, if the text changed."""

    committed = Signal(str)
    """The text typed, emitted on focus-out when it differs from the saved one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saved = ""
        self.setTabChangesFocus(True)

    def show_saved(self, text: str) -> None:
        """Show the stored text (keeps the cursor when the text is already shown)."""
        self._saved = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def commit(self) -> None:
        """Report the text now if it differs from the saved one."""
        text = self.toPlainText()
        if text != self._saved:
            self.committed.emit(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Losing focus commits the text (not when the box's own context menu opens)."""
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.commit()
        super().focusOutEvent(event)


def write_goal(session: YearSession, owner: str, field: str, text: str) -> None:
    """Save an owner's ``annual_goal`` or ``midterm_goal`` through the session."""
    if owner == UNIT_OWNER:
        if field == "annual_goal":
            session.save_year_facts(unit_annual_goal=text)
        else:
            session.save_year_facts(unit_midterm_goal=text)
        return
    data = session.data
    project = data.project(owner) if data is not None else None
    if project is None:
        raise ServiceError("该项目已被删除，无法保存目标")
    if field == "annual_goal":
        targets = replace(project.targets, annual_goal=text)
    else:
        targets = replace(project.targets, midterm_goal=text)
    session.save_project(replace(project, targets=targets))
