"""The packages the upper level received (``unionperf submissions`` on an upper workspace)."""

from __future__ import annotations

from dataclasses import dataclass

from unionperf.domain.year import stage_label
from unionperf.services.common.workspace import Workspace


@dataclass(frozen=True, slots=True)
class ReceivedPackage:
    """A received package: whose, which stage, which sequence, current or superseded."""

    code: str
    name: str
    year: int
    stage: str
    sequence: int
    current: bool
    """The stage's current package (else superseded by a newer sequence)."""
    received_at: str
    sha256: str
    file_name: str
    """Where it is kept, relative to the workspace folder."""

    @property
    def stage_label(self) -> str:
        """The stage in Chinese."""
        return stage_label(self.stage)


def received_packages(workspace: Workspace, year: int | None = None) -> list[ReceivedPackage]:
    """Every package received (of a year, when given), in the order received."""
    with workspace.reading() as uow:
        names = {item.unit_code: item.name for item in uow.register.subordinates()}
        held = uow.register.received(year=year)
    return [
        ReceivedPackage(
            item.unit_code,
            names.get(item.unit_code, ""),
            item.year,
            item.stage,
            item.sequence,
            item.current,
            item.received_at,
            item.sha256,
            item.file_name,
        )
        for item in held
    ]
