"""What the submit step writes off the GUI thread: the package and the forms, the cover sheet."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from unionperf.domain.year import Stage, YearData
from unionperf.services.common.progress import Progress
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import submit as submit_service
from unionperf.services.cycle.submit import ExportResult

__all__ = ["ExportOutcome", "write_cover", "write_package_and_forms", "written_text"]


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    """What one "Write forms and package" wrote."""

    package: ExportResult
    forms: tuple[Path, ...]
    cover: Path | None = None
    """The cover sheet among the forms (报送回执): printed, signed and sealed."""


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
    return ExportOutcome(package, written.paths, written.cover)


def write_cover(workspace: Workspace, data: YearData, year: int, stage: str, folder: Path) -> Path:
    """Write a stage's cover sheet (报送回执) as a PDF into ``folder``; its path."""
    from unionperf.services.cycle import forms  # noqa: PLC0415 - reportlab on first use

    return forms.write_cover(workspace, data, Stage.parse(stage), folder)


def written_text(folder: Path, result: ExportOutcome, note: str = "") -> str:
    """What was written where, and what the user does next with it (``SubmitStep`` strings).

    ``note`` (the encrypted package's advice, if any) is told after what to do next.
    """
    item = result.package.submission
    what = QCoreApplication.translate(
        "SubmitStep",
        "Written to {folder}:\nPackage {file} (No. {sequence})\nSHA-256 {sha256}\n"
        "Key id {key}\nForms: {forms}",
    ).format(
        folder=folder,
        file=result.package.path.name,
        sequence=item.sequence,
        sha256=item.sha256,
        key=item.key_id,
        forms=", ".join(path.name for path in result.forms),
    )
    cover = (
        result.cover.name
        if result.cover
        else QCoreApplication.translate("SubmitStep", "the cover sheet")
    )
    then = QCoreApplication.translate(
        "SubmitStep",
        "Next: print {cover}, have it signed and sealed, and hand it to the upper-level"
        " union with the package file (on a USB stick or as the upper level asks).",
    ).format(cover=cover)
    return "\n".join(filter(None, (what, then, note)))
