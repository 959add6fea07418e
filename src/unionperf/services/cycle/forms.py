"""Writing the standard forms of a year or stage: one PDF per form family and one workbook."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import NoReturn

from unionperf.domain.year import Stage, YearData
from unionperf.exchange import keys
from unionperf.exchange.keys import KeyFileError
from unionperf.forms.batch import render_all
from unionperf.forms.builders import families_for
from unionperf.forms.cover import CoverFacts, cover_family
from unionperf.forms.fonts import GlyphError
from unionperf.forms.model import FormFamily
from unionperf.forms.names import family_file_name, workbook_file_name
from unionperf.forms.pdf import write_pdf
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.files import write_atomically
from unionperf.services.common.stages import parse_stage
from unionperf.services.common.workspace import Workspace


@dataclass(frozen=True, slots=True)
class WrittenForms:
    """The files written, PDFs first, then the workbook."""

    paths: tuple[Path, ...]
    cover: Path | None = None
    """The stage's cover sheet (报送回执) among them, to print and seal (none without a stage)."""


def stage_files(data: YearData, stage: Stage) -> dict[str, bytes]:
    """The forms of a stage as files for a package's ``data/forms/`` folder."""
    families = families_for(data, stage)
    rendered = render_all(families, on_error=_refuse)
    files = {f"{family.key}.pdf": pdf for family, pdf in zip(families, rendered.pdfs, strict=True)}
    files[f"forms-{stage.name}.xlsx"] = rendered.workbook
    return files


def write_forms(
    workspace: Workspace, year: int, stage_name: str | None, out_dir: Path
) -> WrittenForms:
    """Write the forms of a stage (every form of the year when no stage is given) to ``out_dir``.

    With a stage, the cover sheet (报送回执) is included; it carries the hash of the stage's
    latest exported package, or says that none was exported yet.
    """
    data = workspace.load_year(year)
    stage = parse_stage(data, stage_name) if stage_name else None
    try:
        families = families_for(data, stage)
    except ValueError as error:
        raise ServiceError(str(error)) from error
    cover_name = ""
    if stage is not None:
        families.append(cover(workspace, data, stage))
        cover_name = family_file_name(year, families[-1])
    rendered = render_all(families, on_error=_refuse)
    files = {
        family_file_name(year, family): pdf
        for family, pdf in zip(families, rendered.pdfs, strict=True)
    }
    files[workbook_file_name(year, stage)] = rendered.workbook
    paths = tuple(write_atomically(out_dir, name, blob) for name, blob in files.items())
    return WrittenForms(paths, next((path for path in paths if path.name == cover_name), None))


def cover(
    workspace: Workspace, data: YearData, stage: Stage, zone: tzinfo | None = None
) -> FormFamily:
    """The cover sheet of a stage with its latest package's facts.

    The package's time is printed in ``zone`` (default: this computer's time zone).
    """
    with workspace.reading() as uow:
        last = uow.submissions.last_submission(data.year, stage.name)
    try:
        key_id = keys.public_key(workspace.paths.keys).key_id_hex
    except KeyFileError:
        key_id = ""
    facts = CoverFacts(
        unit=data.unit,
        year=data.year,
        stage=stage,
        key_id=last.key_id if last else key_id,
        file_name=last.file_name if last else "",
        sha256=last.sha256 if last else "",
        sequence=last.sequence if last else 0,
        created_at=_local_time(last.created_at, zone) if last else None,
    )
    return cover_family(facts, data.settings)


def write_cover(workspace: Workspace, data: YearData, stage: Stage, folder: Path) -> Path:
    """Write the stage's cover sheet (报送回执) into ``folder`` (``2024年绩效自评报送回执.pdf``)."""
    family = cover(workspace, data, stage)
    return write_atomically(folder, family_file_name(data.year, family), _pdf(family))


def _local_time(stamp: str, zone: tzinfo | None) -> datetime | None:
    """A package's UTC time (ISO 8601) in the local time zone; ``None`` when unreadable."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return moment.astimezone(zone)


def _pdf(family: FormFamily) -> bytes:
    try:
        return write_pdf(family)
    except GlyphError as error:
        _refuse(family, error)


def _refuse(family: FormFamily, error: Exception) -> NoReturn:
    """A family's PDF could not be written: a glyph the font lacks is the user's to fix."""
    if isinstance(error, GlyphError):
        raise ServiceError(
            f"“{family.title}”中有字体无法显示的字符，未生成 PDF：{error}"
        ) from error
    raise error
