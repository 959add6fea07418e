"""Attaching evidence files (佐证材料: scans, photos, sign-in sheets) to a project and stage."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from unionperf.domain.budget import UNIT_OWNER
from unionperf.exchange.member_names import evidence_name
from unionperf.services.common.errors import InputError, ServiceError
from unionperf.services.common.stages import parse_stage
from unionperf.services.common.workspace import Workspace, new_uid
from unionperf.store.evidence_records import Evidence

MAX_EVIDENCE_BYTES = 200 * 1024 * 1024
# Characters unsafe in file names on Windows, and %: BagIt percent-encodes it in manifests, which
# bagit-python does not decode back.
_UNSAFE = re.compile(r'[\\/:*?"<>|%\x00-\x1f]')


def attach(
    workspace: Workspace,
    year: int,
    owner_uid: str,
    stage: str,
    *,
    source: Path,
    description: str = "",
) -> Evidence:
    """Copy ``source`` into the workspace and record it for a project (or ``unit``) and stage."""
    data = workspace.load_year(year)
    if owner_uid != UNIT_OWNER and data.project(owner_uid) is None:
        raise InputError(f"{year}年度没有项目 {owner_uid}", "佐证材料")
    parse_stage(data, stage)
    try:
        size = source.stat().st_size
    except OSError as error:
        raise ServiceError(f"无法读取文件 {source}：{error.strerror or error}") from error
    if not source.is_file():
        raise InputError(f"{source} 不是文件", "佐证材料")
    if size == 0:
        raise InputError(f"文件是空的（0 字节），不能作为佐证材料：{source}", "佐证材料")
    if size > MAX_EVIDENCE_BYTES:
        raise InputError(f"文件过大（{size // (1024 * 1024)} MB，上限 200 MB）", "佐证材料")
    name = _UNSAFE.sub("_", source.name).strip(" .") or "file"
    evidence = Evidence(new_uid(), year, owner_uid, stage, name, _sha256(source), size, description)
    target = workspace.paths.evidence / evidence.stored_name
    try:
        shutil.copyfile(source, target)
    except OSError as error:
        target.unlink(missing_ok=True)
        raise ServiceError(f"无法复制佐证材料：{error.strerror or error}") from error
    try:
        with workspace.unit_of_work() as uow:
            uow.evidence.add(evidence)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return evidence


def listing(workspace: Workspace, year: int, stage: str | None = None) -> list[Evidence]:
    """The evidence of a year (of one stage when given)."""
    with workspace.reading() as uow:
        return uow.evidence.for_year(year, stage)


def payload_files(workspace: Workspace, year: int, stage: str) -> dict[str, bytes]:
    """The evidence of a stage as package payload: ``data/evidence/<owner>/<uid>_<name>``.

    Raises:
        ServiceError: a file is missing or no longer matches the hash recorded when attached.
    """
    files = {}
    for item in listing(workspace, year, stage):
        path = workspace.paths.evidence / item.stored_name
        try:
            content = path.read_bytes()
        except OSError as error:
            raise ServiceError(f"佐证材料文件缺失：{item.filename}（{error.strerror}）") from error
        if hashlib.sha256(content).hexdigest() != item.sha256:
            raise ServiceError(f"佐证材料文件在附加后被改动：{item.filename}")
        # the bag's names are stricter than a file system's (docs/package-format.md §6.4)
        files[f"data/evidence/{item.owner_uid}/{evidence_name(item.stored_name)}"] = content
    return files


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
