"""The support copy (匿名支持数据): a workspace without names, texts or real amounts.

``unionperf support-export`` and the window's 帮助 › 导出匿名支持数据… write a zip that holds a
workspace (``unionperf.sqlite``, placeholder evidence files and a note, ``说明.txt``) rebuilt from
the anonymised years (:mod:`unionperf.domain.anonymise`): a unit can send it to support without
exposing its data, and support opens it to see the same problems on the same items and the same
scores. Amounts are multiplied by one random factor per copy, which is not recorded; a factor whose
rounding to 分 would move a problem or a score is drawn again, and after a few draws an integer
factor (exact) is used. The copy is then read back and checked once more, and its database
is compacted before it is zipped (:func:`unionperf.store.backup.compact`: no free page, no
overwritten cell, no ``-wal`` file), so that it holds nothing but its rows.

Not in the copy: signing and encryption keys, the submission log, feedback, the upper level's
register and received packages, backups, logs, and the audit history (the copy has its own,
short one, recorded as ``support-export``, not under the user's login).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from unionperf import __version__
from unionperf.domain.anonymise import Anonymiser, fingerprint
from unionperf.domain.year import YearData
from unionperf.services.common.errors import ServiceError, local_today
from unionperf.services.common.progress import NO_PROGRESS, Progress
from unionperf.services.common.storage_errors import storage_error
from unionperf.services.common.workspace import Workspace, new_uid
from unionperf.services.cycle import editing
from unionperf.services.cycle.evidence import listing
from unionperf.store import audit, backup
from unionperf.store.evidence_records import Evidence
from unionperf.store.paths import WorkspacePaths
from unionperf.store.storage_faults import StorageAccessError

__all__ = ["ACTOR", "SupportCopy", "default_name", "random_factor", "support_export"]

ACTOR = "support-export"
"""Who the copy's own audit entries name (not the user's login)."""
MAX_DRAWS = 12
FALLBACK_FACTOR = Decimal(3)
"""Exact: an integer factor moves no sum, comparison or rate."""
NOTE = "说明.txt"
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}")


@dataclass(frozen=True, slots=True)
class SupportCopy:
    """What was written."""

    path: Path
    years: tuple[int, ...]
    evidence: int
    """Evidence files, replaced by placeholders."""
    differing: tuple[int, ...]
    """Years whose problems or scores the copy does not reproduce (empty: all do)."""


def random_factor() -> Decimal:
    """A factor between 1.10 and 2.99 (at least 1: a difference of one 分 stays one 分 or more)."""
    return Decimal(110 + secrets.randbelow(190)) / 100


def default_name() -> str:
    """The file name the window proposes: ``匿名支持数据_20260301.zip``."""
    return f"匿名支持数据_{local_today():%Y%m%d}.zip"


def choose_anonymiser(
    years: list[YearData], draw: Callable[[], Decimal] = random_factor
) -> Anonymiser:
    """An anonymiser whose factor keeps every year's problems and scores, drawn at random.

    After :data:`MAX_DRAWS` factors that each move something (rounding to 分 near a boundary),
    the integer :data:`FALLBACK_FACTOR`, which scales every amount exactly.
    """
    expected = [fingerprint(data) for data in years]
    for _ in range(MAX_DRAWS):
        anonymiser = Anonymiser(draw())
        if [fingerprint(anonymiser.year(data)) for data in years] == expected:
            return Anonymiser(anonymiser.factor)  # a fresh one: the same placeholders, in order
    return Anonymiser(FALLBACK_FACTOR)


def support_export(
    workspace: Workspace,
    out: Path,
    *,
    progress: Progress = NO_PROGRESS,
    draw: Callable[[], Decimal] = random_factor,
) -> SupportCopy:
    """Write the anonymised copy of ``workspace`` as a zip to ``out`` (a folder: a default name).

    Raises:
        ServiceError: the copy cannot be built or written (nothing is left at ``out``).
    """
    if out.is_dir():
        out = out / default_name()
    unit = workspace.unit()
    years = [workspace.load_year(year) for year in workspace.years()]
    expected = {data.year: fingerprint(data) for data in years}
    progress.step(1, 4)
    anonymiser = choose_anonymiser(years, draw)
    with tempfile.TemporaryDirectory(prefix="unionperf-support-") as scratch:
        folder = Path(scratch) / "workspace"
        with audit.acting_as(ACTOR), Workspace.create(folder, program=ACTOR) as copy:
            if unit is not None:
                with copy.unit_of_work() as uow:
                    uow.years.save_unit(anonymiser.unit(unit))
            for data in years:
                editing.replace_year(copy, anonymiser.year(data))
            progress.step(2, 4)
            evidence = _placeholder_evidence(workspace, copy, anonymiser, years)
            differing = tuple(
                data.year
                for data in years
                if fingerprint(copy.load_year(data.year)) != expected[data.year]
            )
        progress.step(3, 4)
        _zip(folder, out, _note(years, evidence, differing))
    progress.step(4, 4)
    return SupportCopy(out, tuple(data.year for data in years), evidence, differing)


def _placeholder_evidence(
    workspace: Workspace, copy: Workspace, anonymiser: Anonymiser, years: list[YearData]
) -> int:
    """Each evidence record again, with a placeholder file: owner, stage and count are kept."""
    count = 0
    for data in years:
        for item in listing(workspace, data.year):
            count += 1
            suffix = Path(item.filename).suffix
            name = f"佐证材料{count}{suffix if _SUFFIX.fullmatch(suffix) else ''}"
            content = f"匿名支持数据：佐证材料{count}的占位文件，原文件内容未导出\n".encode()
            placeholder = Evidence(
                new_uid(),
                data.year,
                item.owner_uid,
                item.stage,
                name,
                hashlib.sha256(content).hexdigest(),
                len(content),
                anonymiser.text("文字", item.description),
            )
            target = copy.paths.evidence / placeholder.stored_name
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
            except OSError as error:
                raise ServiceError(f"无法写入匿名支持数据：{error.strerror or error}") from error
            with copy.unit_of_work() as uow:
                uow.evidence.add(placeholder)
    return count


def _note(years: list[YearData], evidence: int, differing: tuple[int, ...]) -> str:
    held = "、".join(str(data.year) for data in years) or "无"
    faithful = (
        "与原数据一致"
        if not differing
        else f"以下年度与原数据不完全一致：{'、'.join(map(str, differing))}"
    )
    return "\n".join(
        [
            "UnionPerf 匿名支持数据",
            f"程序版本：{__version__}；年度：{held}；佐证材料：{evidence}个（占位文件）",
            "",
            "这是一个工作区的匿名副本，供技术支持人员重现问题：",
            "- 单位、项目、指标和人员的名称，电话、地址，所有文字说明，以及统一社会信用代码，"
            "都已换成占位文字（如“项目3”“人员1”）；",
            "- 所有金额都乘以了同一个随机系数并保留到分，系数没有记录；",
            "- 佐证材料只保留个数、所属项目和阶段，文件内容换成了占位文件；",
            "- 不含签名密钥、加密密钥、报送记录、上级反馈、接收的数据包、备份和日志。",
            f"审核问题（代码和位置）与得分结构：{faithful}。",
            "",
            "打开方法：把本压缩包解压到一个新的空文件夹，然后运行",
            "  unionperf --workspace 该文件夹            （打开窗口）",
            "  unionperf check --workspace 该文件夹 --year 年度",
            "",
        ]
    )


def _zip(folder: Path, out: Path, note: str) -> None:
    database = WorkspacePaths(folder).database
    leftovers = [path.name for path in folder.glob(f"{database.name}-*")]
    if leftovers:
        raise ServiceError(f"匿名副本的数据库未完整关闭：{'、'.join(leftovers)}")
    try:
        backup.compact(database)  # no free page or overwritten cell leaves with the copy
    except StorageAccessError as error:
        raise storage_error(error) from error
    temporary = out.with_name(f".{out.name}.part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(database, database.name)  # backups/, logs/ and keys/ stay out
            evidence = WorkspacePaths(folder).evidence
            for path in sorted(evidence.glob("*")):
                archive.write(path, f"{evidence.name}/{path.name}")
            archive.writestr(NOTE, note)
        temporary.replace(out)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ServiceError(f"无法写入匿名支持数据 {out}：{error.strerror or error}") from error
