"""The sign-off block of a stage: preparer, chair and audit chair with name and date."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QWidget

from unionperf.ui.year_session import YearSession

__all__ = ["SignoffPanel"]


class SignoffPanel(QGroupBox):
    """Record who signed a stage off; the chair's sign-off locks the stage."""

    def __init__(self, session: YearSession, stage: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.stage = stage

    def set_stage(self, stage: str) -> None:
        """Show the sign-offs of another stage (a monitoring point)."""
        self.stage = stage

    def refresh(self) -> None:
        """Re-read the stage's sign-offs from the session."""
