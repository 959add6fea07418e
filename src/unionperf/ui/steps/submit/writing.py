"""What the submit step writes off the GUI thread: the package and the forms, the cover sheet."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from unionperf.domain.year import Stage, YearData
from unionperf.services.common.progress import Progress
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import submit as submit_service
from unionperf.services.cycle.submit import ExportResult

__all__ = ["ExportOutcome", "write_cover", "write_package_and_forms"]


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    """What one "Write forms and package" wrote."""

    package: ExportResult
    forms: tuple[Path, ...]


def write_package_and_forms(
    workspace: Workspace,
    year: int,
    stage: str,
    folder: Path,
    *,
    passphrase: str,
    progress: Progress,
    encrypt: bool = False,
) -> ExportOutcome:
    """Write a stage's signed package (encrypted for the upper level), then its forms."""
    from unionperf.services.cycle import forms  # noqa: PLC0415 - reportlab loads on first use

    progress.step(0, 2)
    package = submit_service.export_package(
        workspace, year, stage, folder, passphrase, encrypt=encrypt
    )
    progress.step(1, 2)
    written = forms.write_forms(workspace, year, stage, folder)
    progress.step(2, 2)
    return ExportOutcome(package, written.paths)


def write_cover(workspace: Workspace, data: YearData, year: int, stage: str, folder: Path) -> Path:
    """Write a stage's cover sheet (报送回执) as a PDF into ``folder``; its path."""
    from unionperf.services.cycle import forms  # noqa: PLC0415 - reportlab on first use

    return forms.write_cover(workspace, data, Stage.parse(stage), folder)
