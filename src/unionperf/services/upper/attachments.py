"""The forms and evidence inside a unit's received package, for the review to open.

The package kept under ``received/`` was verified when it arrived; its members are read again
with the same zip safety checks, and one is written out on request (to be opened in the PDF
viewer or the spreadsheet program). Nothing of the register changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from unionperf.exchange import bag
from unionperf.exchange.package import EVIDENCE_FOLDER
from unionperf.services.common.errors import InputError, ServiceError
from unionperf.services.common.files import write_atomically

if TYPE_CHECKING:
    from pathlib import Path

    from unionperf.services.common.workspace import Workspace

__all__ = ["Attachment", "AttachmentKind", "attachments", "save_attachment"]

FORMS_FOLDER = "data/forms/"
WHERE = "审核"


class AttachmentKind(StrEnum):
    """What a file of the package is."""

    FORM = "form"
    EVIDENCE = "evidence"

    @property
    def label(self) -> str:
        """报表 or 佐证材料."""
        return "报表" if self is AttachmentKind.FORM else "佐证材料"


@dataclass(frozen=True, slots=True)
class Attachment:
    """A form or an evidence file of a received package."""

    member: str
    """Its path inside the package (``data/forms/…``, ``data/evidence/…``)."""
    kind: AttachmentKind
    size: int

    @property
    def name(self) -> str:
        """The file's own name."""
        return PurePosixPath(self.member).name


def attachments(workspace: Workspace, unit_code: str, year: int, stage: str) -> list[Attachment]:
    """The forms, then the evidence files, of a unit's current package of a stage.

    Raises:
        InputError: no package of the stage was received from the unit.
        ServiceError: the kept package cannot be read.
    """
    members = _members(workspace, unit_code, year, stage)
    found = [
        Attachment(name, kind, len(content))
        for name, content in members.items()
        if (kind := _kind(name)) is not None and not name.endswith("/")
    ]
    return sorted(found, key=lambda item: (item.kind is AttachmentKind.EVIDENCE, item.member))


def save_attachment(
    workspace: Workspace, unit_code: str, year: int, stage: str, *, member: str, folder: Path
) -> Path:
    """Write one form or evidence file of the package into ``folder`` and return its path.

    Raises:
        InputError: the package holds no such form or evidence file.
        ServiceError: the package cannot be read or the file cannot be written.
    """
    members = _members(workspace, unit_code, year, stage)
    if member not in members or _kind(member) is None:
        raise InputError(f"数据包中没有文件 {member}", WHERE)
    return write_atomically(folder, PurePosixPath(member).name, members[member])


def _kind(member: str) -> AttachmentKind | None:
    if member.startswith(FORMS_FOLDER):
        return AttachmentKind.FORM
    if member.startswith(EVIDENCE_FOLDER):
        return AttachmentKind.EVIDENCE
    return None


def _members(workspace: Workspace, unit_code: str, year: int, stage: str) -> dict[str, bytes]:
    with workspace.reading() as uow:
        current = uow.register.current(unit_code, year, stage)
    if current is None:
        raise InputError(f"尚未接收 {unit_code} {year}年度 {stage} 的数据包", WHERE)
    path = workspace.paths.root / current.file_name
    try:
        blob = path.read_bytes()
    except OSError as error:
        raise ServiceError(f"无法读取已接收的数据包 {path}：{error.strerror or error}") from error
    try:
        return bag.read_zip(blob)
    except bag.BagError as error:
        raise ServiceError(f"已接收的数据包 {path} 无法读取：{error}") from error
