"""What a package file is, for this workspace, without importing it (double-click on a .upkg).

:func:`describe_package` reads and verifies one file as an import would (zip safety, bag,
signature against the key this workspace trusts for its signer, schemas, rules) and says what it
holds and how it relates to the open workspace: the upper level's feedback for this unit, the
unit's own submission, a subordinate's submission to receive on an upper-level workspace, or a
package that is not for this workspace. The upper level's parameter package on a grassroots
workspace is only named as such: ``services.cycle.params.preview_params`` verifies it and says
what it changes. Nothing is written: no quarantine, no record.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from unionperf.domain.feedback import Decision
from unionperf.domain.unit import UnitLevel
from unionperf.exchange import bag, keys, minisign
from unionperf.exchange.codec_feedback import decision_from_json
from unionperf.exchange.errors import PackageError
from unionperf.exchange.keys import KeyFileError
from unionperf.exchange.minisign import PublicKey, SignatureError
from unionperf.exchange.package import (
    ANNOUNCEMENTS_JSON,
    VerifiedPackage,
    comment_fields,
    verify_package,
)
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.verify import read_package
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper.intake import package_signature, signing_key

__all__ = ["PackageInfo", "Relation", "describe_package"]

FEEDBACK = "feedback"
SUBMISSION = "submission"
PARAMS = "params"
UNTRUSTED_UPPER = (
    "尚未导入上级工会的公钥，无法核验这个反馈数据包是否确由上级工会签发。"
    "请先在“单位信息”中点“导入上级工会公钥…”，导入上级工会提供的公钥文件并核对密钥编号，"
    "再打开这个数据包"
)


class Relation(StrEnum):
    """How a package concerns the open workspace (what can be done with it)."""

    INVALID = "invalid"
    """Missing, unreadable or failing verification: nothing can be done with it."""
    FEEDBACK_FOR_UNIT = "feedback-for-unit"
    """Grassroots: the upper level's feedback addressed to this unit (import it)."""
    OWN_SUBMISSION = "own-submission"
    """Grassroots: a package this unit exported (nothing to import)."""
    PARAMS_FOR_UNIT = "params-for-unit"
    """Grassroots: the upper level's parameter package (preview and apply it)."""
    FROM_SUBORDINATE = "from-subordinate"
    """Upper level: a subordinate unit's submission (receive it)."""
    NOT_FOR_WORKSPACE = "not-for-workspace"
    """A valid package that concerns another unit or another kind of workspace."""


@dataclass(frozen=True, slots=True)
class PackageInfo:
    """What one package file holds and how it relates to the workspace."""

    path: Path
    relation: Relation
    problem: str = ""
    """The Chinese reason when :attr:`relation` is ``INVALID`` (the first failed check)."""
    problem_code: str = ""
    """The failed check's code (``PackageError.code``; ``missing``, ``read`` for the file)."""
    kind: str = ""
    """``submission``, ``feedback`` or ``params`` (as the signed package says; empty when
    unreadable)."""
    unit_code: str = ""
    unit_name: str = ""
    year: int | None = None
    stage: str = ""
    sequence: int | None = None
    created_at: str = ""
    sha256: str = ""
    signer_key_id: str = ""
    trusted: bool = False
    """Checked against a key the workspace trusts (not only the key the package carries)."""
    decision: Decision | None = None
    """Feedback: the upper level's decision (``None`` for a submission)."""
    sender: str = ""
    """Feedback: the upper union's name as the package gives it."""
    summary: str = ""
    """Feedback: the upper level's summary opinion."""
    opinions: int = 0
    """Feedback: how many opinions it carries."""
    announces_key: bool = False
    """Submission: it carries the unit's key-rotation announcements."""
    registered: bool = False
    """Upper level: the unit is in the register of subordinate units."""
    already: bool = False
    """Imported (feedback), logged (own submission) or received (upper level) before."""
    held_sequence: int = 0
    """The highest sequence held for the same stage (feedback imported, package received)."""
    files: tuple[str, ...] = field(default=())

    @property
    def valid(self) -> bool:
        """Whether the package passed every check."""
        return self.relation is not Relation.INVALID


@dataclass(frozen=True, slots=True)
class _Workspace:
    """What the workspace knows that decides how a package is checked."""

    level: UnitLevel
    own_code: str
    upper_key: str | None
    own_keys: tuple[PublicKey, ...]


def describe_package(workspace: Workspace, path: Path) -> PackageInfo:
    """Verify a package file as an import would and say what it is for this workspace.

    Never writes anything. A failing check does not raise: the result's relation is
    ``INVALID`` and :attr:`PackageInfo.problem` names the reason.
    """
    if not path.is_file():
        reason = f"文件不存在：{path}" if not path.exists() else f"不是文件：{path}"
        return PackageInfo(path, Relation.INVALID, reason, "missing")
    try:
        blob = read_package(path)
        members = bag.read_zip(blob)
    except ServiceError as error:
        return PackageInfo(path, Relation.INVALID, str(error), "read")
    except (PackageError, bag.BagError) as error:
        return PackageInfo(path, Relation.INVALID, str(error), error.code)
    try:
        return _describe(workspace, path, blob, members)
    except PackageError as error:
        return PackageInfo(path, Relation.INVALID, str(error), error.code)


def _describe(
    workspace: Workspace, path: Path, blob: bytes, members: dict[str, bytes]
) -> PackageInfo:
    try:
        claim = comment_fields(package_signature(members).trusted_comment)
    except PackageError:
        verify_package(blob, None, members=members)  # the first failed check, in order
        raise
    here = _context(workspace)
    claimed_unit, claimed_kind = claim.get("unit", ""), claim.get("kind", "")
    if here.level is UnitLevel.UPPER:
        return _on_upper(workspace, path, blob, members, claim)
    if claimed_kind == PARAMS:
        return PackageInfo(path, Relation.PARAMS_FOR_UNIT, kind=PARAMS, unit_code=claimed_unit)
    if claimed_unit and claimed_unit == here.own_code and claimed_kind == FEEDBACK:
        if here.upper_key is None:
            raise PackageError("untrusted", UNTRUSTED_UPPER)
        package = verify_package(blob, minisign.parse_public_key(here.upper_key), members=members)
        return _feedback_for_unit(workspace, path, package)
    if claimed_unit and claimed_unit == here.own_code and claimed_kind == SUBMISSION:
        key = _own_key(here.own_keys, members)
        package = verify_package(blob, key, members=members)
        with workspace.reading() as uow:
            logged = uow.submissions.submissions(int(package.meta["year"]))
        already = any(item.sha256 == package.sha256 for item in logged)
        return _info(path, Relation.OWN_SUBMISSION, package, already=already)
    package = verify_package(blob, None, members=members)
    return _info(path, Relation.NOT_FOR_WORKSPACE, package)


def _on_upper(
    workspace: Workspace,
    path: Path,
    blob: bytes,
    members: dict[str, bytes],
    claim: dict[str, str],
) -> PackageInfo:
    claimed_unit, claimed_kind = claim.get("unit", ""), claim.get("kind", "")
    with workspace.reading() as uow:
        records = uow.register
        subordinate = records.subordinate(claimed_unit) if claimed_unit else None
        already = records.is_received(bag.sha256(blob))
    if claimed_kind != SUBMISSION:
        return _info(path, Relation.NOT_FOR_WORKSPACE, verify_package(blob, None, members=members))
    if subordinate is None:
        package = verify_package(blob, None, members=members)
        return _info(path, Relation.FROM_SUBORDINATE, package, already=already)
    key, _rotated = signing_key(members, package_signature(members), subordinate)
    package = verify_package(blob, key, members=members)
    with workspace.reading() as uow:
        current = uow.register.current(package.unit_code, int(package.meta["year"]), package.stage)
    return _info(
        path,
        Relation.FROM_SUBORDINATE,
        package,
        already=already,
        registered=True,
        held=current.sequence if current else 0,
    )


def _feedback_for_unit(workspace: Workspace, path: Path, package: VerifiedPackage) -> PackageInfo:
    if package.feedback is None:
        raise PackageError("kind", "这不是上级工会的反馈数据包")
    with workspace.reading() as uow:
        records = uow.submissions
        already = records.has_feedback(package.sha256)
        held = records.last_feedback_sequence(int(package.meta["year"]), package.stage)
    return _info(path, Relation.FEEDBACK_FOR_UNIT, package, already=already, held=held)


def _info(
    path: Path,
    relation: Relation,
    package: VerifiedPackage,
    *,
    already: bool = False,
    registered: bool = False,
    held: int = 0,
) -> PackageInfo:
    meta = package.meta
    feedback = package.feedback or {}
    sent = meta.get("feedback") if isinstance(meta.get("feedback"), dict) else {}
    return PackageInfo(
        path,
        relation,
        kind=str(meta["kind"]),
        unit_code=package.unit_code,
        unit_name=str(meta["unit"].get("name", "")),
        year=int(meta["year"]),
        stage=package.stage,
        sequence=int(meta["sequence"]),
        created_at=str(meta["created_at"]),
        sha256=package.sha256,
        signer_key_id=package.signer.key_id_hex,
        trusted=package.trusted,
        decision=decision_from_json(feedback["decision"]) if feedback else None,
        sender=str(sent.get("from", "")) if sent else "",
        summary=str(feedback.get("summary", "")),
        opinions=len(feedback.get("opinions", [])),
        announces_key=ANNOUNCEMENTS_JSON in package.payload,
        registered=registered,
        already=already,
        held_sequence=held,
        files=package.files,
    )


def _context(workspace: Workspace) -> _Workspace:
    unit = workspace.unit()
    with workspace.reading() as uow:
        upper = uow.submissions.upper_key()
    return _Workspace(
        level=unit.level if unit else UnitLevel.GRASSROOTS,
        own_code=unit.credit_code if unit else "",
        upper_key=upper[0] if upper else None,
        own_keys=_own_keys(workspace.paths.keys),
    )


def _own_keys(folder: Path) -> tuple[PublicKey, ...]:
    """The workspace's current public key and the keys it replaced (for older packages)."""
    found: list[PublicKey] = []
    with contextlib.suppress(KeyFileError):
        found.append(keys.public_key(folder))
    retired = folder / "retired"
    for pub in sorted(retired.glob("*.pub")) if retired.is_dir() else []:
        try:
            found.append(minisign.parse_public_key(pub.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, SignatureError):
            continue
    return tuple(found)


def _own_key(own_keys: tuple[PublicKey, ...], members: dict[str, bytes]) -> PublicKey:
    """The workspace's key that signed the package (else its current key, which then fails)."""
    if not own_keys:
        raise PackageError("untrusted", "本工作区还没有签名密钥，无法核验本单位的数据包")
    signature = package_signature(members)
    return next((key for key in own_keys if key.key_id == signature.key_id), own_keys[0])
