"""参数下发 at the unit: verify the upper level's parameter package, show what it changes, apply it.

A parameter package is accepted only when signed by the upper level's key the unit trusts
(``trust-upper``, checked against the key registration sheet) and newer than every parameter
package applied before. Applying it:

- the **indicator library** it holds becomes the library the targets step offers
  (:func:`active_library`; without one the bundled library stays);
- its **rule settings** replace those of every year not yet signed — a year where no stage has a
  sign-off and no package was exported; signed years keep theirs (their packages were made
  with them) — and are the settings of years started later;
- its **deadlines** are the stage deadlines the unit is shown (:func:`stage_deadlines`, printed
  by ``unionperf check``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from unionperf.domain.parameters import (
    SettingChange,
    StageDeadline,
    deadline_changes,
    settings_changes,
)
from unionperf.domain.settings import RuleSettings
from unionperf.domain.unit import UnitLevel
from unionperf.exchange import minisign
from unionperf.exchange.codec_params import (
    ParamsContent,
    deadlines_from_json,
    deadlines_to_json,
    params_from_json,
)
from unionperf.exchange.errors import PackageError
from unionperf.exchange.package import PARAMS_KIND, VerifiedPackage, verify_package
from unionperf.services.common.errors import ServiceError, local_today
from unionperf.services.common.indicator_library import (
    IndicatorLibrary,
    LibraryError,
    default_library,
    parse_library,
)
from unionperf.services.common.ports import UnitOfWorkPort
from unionperf.services.common.verify import read_package
from unionperf.services.common.workspace import Workspace
from unionperf.store.audit import now
from unionperf.store.params_records import ParamsApplied

__all__ = [
    "DeadlineStatus",
    "ParamsPreview",
    "ParamsRefusedError",
    "YearSettings",
    "active_library",
    "applied",
    "preview_params",
    "receive_params",
    "received_settings",
    "stage_deadlines",
]


class ParamsRefusedError(ServiceError):
    """A parameter package that cannot be applied; ``code`` names the failed check.

    ``untrusted`` (no upper key trusted yet), ``replay`` (not newer than the one applied),
    ``kind`` (not a parameter package), else a failed verification (docs/package-format.md).
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class YearSettings:
    """A year whose settings the package replaces, and what changes in them."""

    year: int
    changes: tuple[SettingChange, ...]


@dataclass(frozen=True, slots=True)
class ParamsPreview:
    """What a parameter package holds and what applying it changes, before it is applied."""

    sender: str
    sequence: int
    sha256: str
    created_at: str
    note: str
    key_id: str
    """The id of the upper level's key that signed it (the key the unit trusts)."""
    library: IndicatorLibrary | None
    added: tuple[str, ...]
    """Names of the library's indicators the library in use lacks."""
    changed: tuple[str, ...]
    """Names of the indicators both libraries hold (same id) that the new library changes."""
    removed: tuple[str, ...]
    """Names of the library in use that the new library lacks."""
    settings: RuleSettings | None
    years: tuple[YearSettings, ...]
    """The years whose settings are replaced (none signed yet)."""
    skipped: tuple[int, ...]
    """The years left as they are: signed, or a package of them was exported."""
    deadlines: tuple[StageDeadline, ...]
    moved: tuple[tuple[StageDeadline, date | None], ...]
    """The deadlines that are new or moved, with the date held before (``None``: new)."""

    def lines(self) -> list[str]:
        """What changes, in Chinese, one line each."""
        lines = [f"上级工会参数包：{self.sender} 第{self.sequence}次（{self.created_at}）"]
        if self.note:
            lines.append(f"说明：{self.note}")
        if self.library is not None:
            lines.append(
                f"指标库：{self.library.title} {self.library.version}，"
                f"{len(self.library.entries)}个指标（新增{len(self.added)}个，"
                f"修改{len(self.changed)}个，不再提供{len(self.removed)}个）"
            )
        if self.settings is not None:
            for year in self.years:
                changed = "；".join(
                    f"{item.label} {item.old} → {item.new}" for item in year.changes
                )
                lines.append(f"{year.year}年度规则设置：{changed or '无变化'}")
            if self.skipped:
                years = "、".join(str(year) for year in self.skipped)
                lines.append(f"{years}年度已签字确认或已报送，规则设置不变")
            if not self.years:
                lines.append("规则设置：用于以后新建的年度")
        for deadline, before in self.moved:
            was = f"（原为 {before.isoformat()}）" if before else ""
            lines.append(f"报送截止日期：{deadline.label} {deadline.due.isoformat()}{was}")
        return lines


@dataclass(frozen=True, slots=True)
class DeadlineStatus:
    """A deadline of the year set by the upper level, and whether the stage was sent."""

    stage: str
    label: str
    due: date
    sent: bool
    overdue: bool
    """Not sent and the deadline has passed."""
    days_left: int
    """Days from the day judged on to the deadline (negative once it has passed)."""


def preview_params(workspace: Workspace, path: Path) -> ParamsPreview:
    """Verify a parameter package as receiving it would and say what applying it changes.

    Nothing is written.

    Raises:
        ServiceError: the file cannot be read.
        ParamsRefusedError: with the failed check's code: there is no trusted upper key, it is not a
            valid parameter package signed with it, or it is not newer than the parameter
            packages applied.
    """
    try:
        blob = read_package(path)
        with workspace.reading() as uow:
            package, content = _verified(uow, blob, None)
            return _preview(uow, package, content)
    except PackageError as error:
        if error.code in {"untrusted", "replay", "kind"}:
            raise ParamsRefusedError(error.code, str(error)) from error
        raise ParamsRefusedError(error.code, f"参数包未通过核验 [{error.code}]：{error}") from error


def receive_params(uow: UnitOfWorkPort, blob: bytes, members: dict[str, bytes]) -> str:
    """Verify and apply a parameter package in the receiving transaction.

    Args:
        uow: the receiving batch's unit of work (a savepoint of it).
        blob: the package file's bytes.
        members: the package's members, read from ``blob``.

    Returns:
        The Chinese message that reports what changed, one change per line.

    Raises:
        PackageError: no trusted upper key, not a valid parameter package signed with it, or an
            older or equal sequence (``replay``).
    """
    package, content = _verified(uow, blob, members)
    preview = _preview(uow, package, content)
    if content.settings is not None:
        for item in preview.years:
            uow.years.save_settings(item.year, content.settings)
    uow.params.log_applied(
        ParamsApplied(
            preview.sequence,
            str(package.meta["package_id"]),
            package.sha256,
            preview.sender,
            now(),
            json.dumps(content.library, ensure_ascii=False) if content.library else None,
            json.dumps(content.settings.to_json()) if content.settings else None,
            json.dumps(deadlines_to_json(content.deadlines), ensure_ascii=False),
            tuple(item.year for item in preview.years),
            preview.skipped,
        )
    )
    return "已应用" + "\n".join(preview.lines())


def active_library(workspace: Workspace) -> IndicatorLibrary:
    """The indicator library the unit uses: the upper level's newest, else the bundled one.

    Raises:
        LibraryError: the bundled library is missing or broken (a received one was checked).
    """
    with workspace.reading() as uow:
        text = uow.params.applied_library()
    if text is None:
        return default_library()
    return parse_library(text, "上级工会下发的指标库")


def applied(workspace: Workspace) -> list[ParamsApplied]:
    """The parameter packages the unit applied, oldest first."""
    with workspace.reading() as uow:
        return uow.params.applied()


def received_settings(uow: UnitOfWorkPort) -> RuleSettings | None:
    """The rule settings of the newest parameter package that held some (for new years)."""
    text = uow.params.applied_settings()
    return RuleSettings.from_json(json.loads(text)) if text else None


def stage_deadlines(
    workspace: Workspace, year: int, today: date | None = None
) -> list[DeadlineStatus]:
    """The deadlines of a year's stages the upper level set, by date, with what was sent.

    Args:
        workspace: the unit's workspace.
        year: the fiscal year.
        today: the day overdue is judged on (default: today).
    """
    with workspace.reading() as uow:
        text = uow.params.applied_deadlines()
        sent = {item.stage for item in uow.submissions.submissions(year)}
    day = today or local_today()
    held = deadlines_from_json(json.loads(text)) if text else ()
    return [
        DeadlineStatus(
            item.stage,
            item.label,
            item.due,
            item.stage in sent,
            item.stage not in sent and day > item.due,
            (item.due - day).days,
        )
        for item in sorted(held, key=lambda item: (item.due, item.stage))
        if item.year == year
    ]


def _verified(
    uow: UnitOfWorkPort, blob: bytes, members: dict[str, bytes] | None
) -> tuple[VerifiedPackage, ParamsContent]:
    unit = uow.years.unit()
    if unit is not None and unit.level is UnitLevel.UPPER:
        raise PackageError("kind", "参数包由上级工会下发给基层工会，不能在上级工会工作区导入")
    trusted = uow.submissions.upper_key()
    if trusted is None:
        raise PackageError(
            "untrusted", "尚未导入上级工会的公钥，请先运行 unionperf trust-upper（核对公钥登记表）"
        )
    package = verify_package(blob, minisign.parse_public_key(trusted[0]), members=members)
    if package.meta["kind"] != PARAMS_KIND or package.params is None:
        raise PackageError("kind", "这不是上级工会的参数包")
    if uow.params.has_applied(package.sha256):
        raise PackageError("replay", "该参数包已应用过")
    latest = uow.params.last_applied_sequence()
    sequence = int(package.meta["sequence"])
    if sequence <= latest:
        raise PackageError(
            "replay", f"已拒收（不新于已应用的第{latest}次参数包）：第{sequence}次参数包"
        )
    content = params_from_json(package.params)
    if content.library is not None:
        try:
            parse_library(json.dumps(content.library, ensure_ascii=False), "参数包中的指标库")
        except LibraryError as error:
            raise PackageError("schema", str(error)) from error
    return package, content


def _preview(
    uow: UnitOfWorkPort, package: VerifiedPackage, content: ParamsContent
) -> ParamsPreview:
    meta = package.meta
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    library = None
    if content.library is not None:
        library = parse_library(json.dumps(content.library, ensure_ascii=False), "参数包中的指标库")
        held = uow.params.applied_library()
        current = parse_library(held, "指标库") if held else default_library()
        added, changed, removed = _entry_changes(library, current)
    years: list[YearSettings] = []
    skipped: list[int] = []
    if content.settings is not None:
        for year in uow.years.years():
            if _signed(uow, year):
                skipped.append(year)
            else:
                changes = settings_changes(uow.years.settings(year), content.settings)
                years.append(YearSettings(year, changes))
    held_deadlines = uow.params.applied_deadlines()
    before = deadlines_from_json(json.loads(held_deadlines)) if held_deadlines else ()
    return ParamsPreview(
        sender=str(meta["params"]["from"]) or str(meta["unit"]["name"]),
        sequence=int(meta["sequence"]),
        sha256=package.sha256,
        created_at=str(meta["created_at"]),
        note=content.note,
        key_id=package.signer.key_id_hex,
        library=library,
        added=added,
        changed=changed,
        removed=removed,
        settings=content.settings,
        years=tuple(years),
        skipped=tuple(skipped),
        deadlines=content.deadlines,
        moved=deadline_changes(before, content.deadlines),
    )


def _signed(uow: UnitOfWorkPort, year: int) -> bool:
    """Whether a stage of the year has a sign-off, or a package of the year was exported."""
    return bool(uow.submissions.submissions(year)) or bool(uow.years.load(year).signoffs)


def _entry_changes(
    library: IndicatorLibrary, current: IndicatorLibrary
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Names of the entries added, changed (same id, other content) and removed, in order."""
    new = {item.id: item for item in library.entries}
    old = {item.id: item for item in current.entries}
    added = tuple(item.name for item in library.entries if item.id not in old)
    changed = tuple(
        item.name for item in library.entries if item.id in old and old[item.id] != item
    )
    removed = tuple(item.name for item in current.entries if item.id not in new)
    return added, changed, removed
