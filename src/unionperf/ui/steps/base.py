"""What every step page of the main window is: a widget over the session, refreshed lazily."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from unionperf.domain.cycle import Step, StepStatus
from unionperf.domain.problems import Location
from unionperf.ui.year_session import Area, YearSession

__all__ = ["StepPage", "status_text", "step_title"]


def status_text(status: StepStatus) -> str:
    """未开始 / 进行中 / 已完成 / 已报送."""
    match status:
        case StepStatus.NOT_STARTED:
            return QCoreApplication.translate("Steps", "Not started")
        case StepStatus.IN_PROGRESS:
            return QCoreApplication.translate("Steps", "In progress")
        case StepStatus.DONE:
            return QCoreApplication.translate("Steps", "Done")
        case StepStatus.SUBMITTED:
            return QCoreApplication.translate("Steps", "Submitted")


def step_title(step: Step) -> str:
    """The step's name as the navigator shows it."""
    match step:
        case Step.UNIT:
            return QCoreApplication.translate("Steps", "Unit profile")
        case Step.BUDGET:
            return QCoreApplication.translate("Steps", "Annual budget")
        case Step.TARGETS:
            return QCoreApplication.translate("Steps", "Performance targets")
        case Step.MONITORING:
            return QCoreApplication.translate("Steps", "Execution monitoring")
        case Step.EVALUATION:
            return QCoreApplication.translate("Steps", "Self-evaluation")
        case Step.SUBMIT:
            return QCoreApplication.translate("Steps", "Submit")


class StepPage(QWidget):
    """Base of the six step pages.

    Subclasses set :attr:`step` and :attr:`areas` (the session areas they show), build their
    widgets in ``__init__`` and implement :meth:`load` (fill the widgets from
    ``session.data``) and optionally :meth:`show_location`. A change to one of :attr:`areas`
    while the page is hidden only marks it stale; it reloads when it is shown (screens open fast).
    """

    step: Step = Step.UNIT
    areas: frozenset[str] = frozenset()

    def __init__(self, session: YearSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._stale = True
        session.changed.connect(self._on_changed)

    def activate(self) -> None:
        """Called when the navigator opens this page: reload if something changed meanwhile."""
        if self._stale:
            self._stale = False
            self.load()

    def load(self) -> None:
        """Fill the widgets from the session's year (override)."""

    def changed(self, area: str) -> None:
        """An area this page shows changed while the page is visible (default: reload)."""
        self.load()

    def show_location(self, location: Location) -> None:
        """Select the field a problem points at (override; the page is already shown)."""

    def _on_changed(self, area: str) -> None:
        if area != Area.YEAR and area not in self.areas:
            return
        if self.isVisible() and area != Area.YEAR:
            self.changed(area)
        elif self.isVisible():
            self._stale = False
            self.load()
        else:
            self._stale = True


class PlaceholderStep(StepPage):
    """A page that says the step is not built yet (temporary while the editors are written)."""

    def __init__(self, session: YearSession, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.step = step
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(step_title(step)))
