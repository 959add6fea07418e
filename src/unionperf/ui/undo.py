"""Undoable edits: every committed change is a command on the window's ``QUndoStack``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

__all__ = ["EditCommand"]


class EditCommand(QUndoCommand):
    """A change already committed once; undo and redo apply the old and new value again.

    ``forward`` and ``backward`` save through the services. They report failure (a locked
    stage, a full disk) by returning ``False``; the command then marks itself obsolete so that
    the stack drops it instead of pretending the change was undone.
    """

    def __init__(
        self, text: str, forward: Callable[[], bool], backward: Callable[[], bool]
    ) -> None:
        super().__init__(text)
        self._forward = forward
        self._backward = backward
        self._first = True

    def redo(self) -> None:
        """Apply the new value (skipped on push: the edit was committed before)."""
        if self._first:
            self._first = False
            return
        if not self._forward():
            self.setObsolete(True)

    def undo(self) -> None:
        """Apply the old value."""
        if not self._backward():
            self.setObsolete(True)
