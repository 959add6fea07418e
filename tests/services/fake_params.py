"""The fake store's parameter-package records (``uow.params``), kept in the fake state."""

from __future__ import annotations

from dataclasses import replace

from tests.services.fake_state import FakeAudit, FakeState
from unionperf.store.params_records import ParamsApplied, ParamsSent, UpperParams


class FakeParams:
    """The upper level's parameters and packages sent; the packages a unit applied."""

    def __init__(self, state: FakeState, audit: FakeAudit) -> None:
        self.state = state
        self.audit = audit

    def upper_params(self) -> UpperParams:
        """The parameters the upper level has set to send down."""
        return self.state.upper_params

    def set_upper_params(
        self,
        *,
        library: str | None = None,
        settings: str | None = None,
        deadlines: str | None = None,
    ) -> None:
        """Set some of the parameters to send down (``None`` keeps one)."""
        held = self.state.upper_params
        self.state.upper_params = replace(
            held,
            library=held.library if library is None else library,
            settings=held.settings if settings is None else settings,
            deadlines=held.deadlines if deadlines is None else deadlines,
        )
        self.audit.record("set", "parameters", "upper", {})

    def last_sent_sequence(self) -> int:
        """The highest sequence of the parameter packages written (0 when none)."""
        return max((item.sequence for item in self.state.params_sent), default=0)

    def log_sent(self, item: ParamsSent) -> None:
        """Record a written parameter package."""
        self.state.params_sent.append(item)
        self.audit.record("export", "parameters", item.package_id, {})

    def sent(self) -> list[ParamsSent]:
        """The parameter packages written, oldest first."""
        return sorted(self.state.params_sent, key=lambda item: item.sequence)

    def last_applied_sequence(self) -> int:
        """The highest sequence of the parameter packages applied (0 when none)."""
        return max((item.sequence for item in self.state.params_applied), default=0)

    def has_applied(self, sha256: str) -> bool:
        """Whether this parameter package was applied already."""
        return any(item.sha256 == sha256 for item in self.state.params_applied)

    def log_applied(self, item: ParamsApplied) -> None:
        """Record an applied parameter package."""
        self.state.params_applied.append(item)
        self.audit.record("apply", "parameters", item.package_id, {})

    def applied(self) -> list[ParamsApplied]:
        """The parameter packages applied, oldest first."""
        return sorted(self.state.params_applied, key=lambda item: item.sequence)

    def applied_library(self) -> str | None:
        """The library of the newest applied package that holds one."""
        return next((item.library for item in reversed(self.applied()) if item.library), None)

    def applied_settings(self) -> str | None:
        """The settings of the newest applied package that holds them."""
        return next((item.settings for item in reversed(self.applied()) if item.settings), None)

    def applied_deadlines(self) -> str | None:
        """The deadlines of the newest applied package."""
        applied = self.applied()
        return applied[-1].deadlines if applied else None
