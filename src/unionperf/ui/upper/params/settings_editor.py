"""The rule settings to send down, edited with the grassroots budget page's own settings form.

:class:`UpperSettingsForm` is the budget step's :class:`SettingsForm` with another source and
sink: it shows the settings the upper level has set to send (the program's defaults until it
sets some) and saves each change through ``services.upper.params_edit.store_settings`` instead
of a unit's year. The self-evaluation points are a draft until they add up to 100, as there.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QWidget

from unionperf.domain.settings import RuleSettings
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper.params_edit import store_settings
from unionperf.ui.steps.budget.settings_form import SettingsForm

__all__ = ["UpperSettingsForm"]


class UpperSettingsForm(SettingsForm):
    """The settings form over the upper level's settings to send."""

    saved = Signal()
    """The settings to send were saved."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(None, parent)  # type: ignore[arg-type]  # no unit's year: see stored()
        self.workspace = workspace
        self.held: RuleSettings | None = None
        """The settings set to send (``None``: none yet; the defaults are shown)."""
        self.view.hint.setText(
            QCoreApplication.translate(
                "ParamsPage",
                "The rules the units will use for the years they have not signed off yet. "
                "Each change is saved at once and sent with the next parameter package.",
            )
        )

    def show_settings(self, settings: RuleSettings | None) -> None:
        """Show the settings set to send (the defaults when none are)."""
        self.held = settings
        self._shown = (None, None)
        self.load()

    def stored(self) -> RuleSettings:
        """The settings shown: those set to send, else the program's defaults."""
        return self.held if self.held is not None else RuleSettings()

    def load(self) -> None:
        """Show the settings; typed points not saved yet stay while the settings do."""
        settings = self.stored()
        if self._shown != (0, settings):
            self._shown = (0, settings)
            self._draft = self._saved_points(settings)
        self.view.setEnabled(True)
        self._show_fields()
        self._show_points()

    def commit(self, text: str, new: RuleSettings) -> bool:
        """Save ``new`` as the settings to send."""
        if new == self.held:
            self.load()
            return False
        try:
            store_settings(self.workspace, new)
        except ServiceError as error:
            self._error(str(error))
            self._draft = self._saved_points(self.stored())
            self.load()
            return False
        self.held = new
        self.load()
        self.saved.emit()
        return True

    def _framework_picked(self, _index: int) -> None:
        code = str(self.view.framework_code.currentData())
        settings = self.stored()
        if code != settings.framework_code:
            self.commit("", settings.with_framework(code))
