"""How long service calls report progress and learn that the user cancelled (no Qt here)."""

from __future__ import annotations

from typing import Protocol

__all__ = ["NO_PROGRESS", "Cancelled", "Progress"]


class Cancelled(Exception):  # noqa: N818 - reads as "the work was cancelled"
    """Raised inside a long service call when the user cancelled it; nothing was changed."""


class Progress(Protocol):
    """What a long service call is given to report progress and check for cancellation."""

    def step(self, done: int, total: int) -> None:
        """Report that ``done`` of ``total`` units of work are finished."""

    def cancelled(self) -> bool:
        """Whether the user asked to stop."""


class _Silent:
    def step(self, done: int, total: int) -> None:
        """Ignore progress."""

    def cancelled(self) -> bool:
        """Never cancelled."""
        return False


NO_PROGRESS: Progress = _Silent()
"""The progress of calls nobody watches (the command line, tests)."""
