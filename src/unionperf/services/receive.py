"""Receiving packages: the upper level's register of units, replay rules, key rotation, quarantine.

A unit receives the upper level's feedback the same way; ``feedback.py`` imports it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.results import score_year
from unionperf.exchange import bag, keys, minisign
from unionperf.exchange.errors import PackageError
from unionperf.exchange.keys import Announcement, KeyFileError
from unionperf.exchange.minisign import PublicKey, SignatureError
from unionperf.exchange.package import (
    ANNOUNCEMENTS_JSON,
    DATA_JSON,
    SUFFIX,
    VerifiedPackage,
    comment_fields,
    verify_package,
)
from unionperf.services.errors import InputError, ServiceError
from unionperf.services.feedback import receive_feedback
from unionperf.services.verify import read_package, read_public_key
from unionperf.services.workspace import Workspace
from unionperf.store.audit import now
from unionperf.store.register import Received, RegisterRecords, Subordinate
from unionperf.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one package given to ``receive``."""

    path: Path
    status: str
    """``received``, ``superseded``…, ``already received``, ``refused``."""
    message: str

    @property
    def refused(self) -> bool:
        """Whether the package was refused (and quarantined)."""
        return self.status.startswith("refused")


def register(workspace: Workspace, key_file: Path, unit_code: str, name: str) -> PublicKey:
    """Register a subordinate unit with its public key (first contact: check the paper sheet)."""
    from unionperf.domain.credit_code import credit_code_error  # noqa: PLC0415

    reason = credit_code_error(unit_code)
    if reason is not None:
        raise InputError(reason, "下级单位")
    if not name.strip():
        raise InputError("请填写单位名称", "下级单位")
    key = read_public_key(key_file)
    with workspace.unit_of_work() as uow:
        uow.register.register(unit_code, name.strip(), key.to_file(), key.key_id_hex)
    return key


def receive(workspace: Workspace, paths: Iterable[Path]) -> list[Outcome]:
    """Verify and import packages; each is all-or-nothing, refused ones go to ``quarantine/``.

    The batch runs in one transaction with a savepoint per package: a refused or failing
    package leaves no trace but its quarantine copy, and the others are committed together.
    """
    outcomes: list[Outcome] = []
    stored: list[Path] = []
    unit = workspace.unit()
    own_code = unit.credit_code if unit else ""
    try:
        with workspace.unit_of_work() as uow:
            for path in paths:
                outcomes.append(_receive_guarded(workspace, uow, path, own_code, stored))
    except BaseException:
        for item in stored:
            item.unlink(missing_ok=True)
        raise
    return outcomes


def _receive_guarded(
    workspace: Workspace, uow: UnitOfWork, path: Path, own_code: str, stored: list[Path]
) -> Outcome:
    try:
        with uow.savepoint():
            return _receive_one(workspace, uow, path, own_code, stored)
    except (PackageError, ServiceError) as error:
        _quarantine(workspace, path, str(error))
        status = "refused"
        if isinstance(error, PackageError) and error.code == "replay":
            status = "refused (older than the one received)"
        return Outcome(path, status, str(error))


def _receive_one(
    workspace: Workspace, uow: UnitOfWork, path: Path, own_code: str, stored: list[Path]
) -> Outcome:
    blob = read_package(path)
    digest = bag.sha256(blob)
    records, own_records = uow.register, uow.submissions
    if records.is_received(digest) or own_records.has_feedback(digest):
        return Outcome(path, "already received", "该数据包已接收过（内容完全相同）")
    try:
        members = bag.read_zip(blob)
    except bag.BagError as error:
        raise PackageError(error.code, str(error)) from error
    signature = package_signature(members)
    claimed = comment_fields(signature.trusted_comment).get("unit", "")
    if not claimed:
        raise PackageError("signature", "签名中没有单位代码")
    if claimed == own_code:
        return Outcome(path, "received", receive_feedback(own_records, blob, members))
    registered = records.subordinate(claimed)
    if registered is None:
        raise PackageError(
            "unregistered", f"单位 {claimed} 未登记，请先用 unionperf register 登记其公钥"
        )
    key, rotated = signing_key(members, signature, registered)
    package = verify_package(blob, key, members=members)
    if package.meta["kind"] != "submission":
        raise PackageError("kind", "这不是下级单位的报送数据包")
    return _store(workspace, records, path, (blob, package, rotated), stored)


def package_signature(members: dict[str, bytes]) -> minisign.Signature:
    """The package's minisign signature file, parsed (not yet checked)."""
    try:
        return minisign.parse_signature(members[bag.SIGNATURE].decode("ascii"))
    except KeyError as error:
        raise PackageError("missing-file", f"包内缺少文件：{bag.SIGNATURE}") from error
    except (SignatureError, UnicodeDecodeError) as error:
        raise PackageError("signature", f"签名文件无法读取：{error}") from error


def signing_key(
    members: dict[str, bytes], signature: minisign.Signature, registered: Subordinate
) -> tuple[PublicKey, bool]:
    """The key that must have signed: the registered one, one it replaced, or a newer one.

    A unit that rotated its key announces the new key in a statement signed by the old one;
    the newest key reached from the registered key through verified statements is accepted.
    """
    current = minisign.parse_public_key(registered.public_key)
    if signature.key_id == current.key_id:
        return current, False
    for text in registered.retired_keys:
        retired = minisign.parse_public_key(text)
        if signature.key_id == retired.key_id:
            return retired, False
    if ANNOUNCEMENTS_JSON not in members:
        return current, False
    try:
        chain = [Announcement.from_json(item) for item in json.loads(members[ANNOUNCEMENTS_JSON])]
        newest = keys.follow_announcements(current, chain)
    except (KeyFileError, ValueError, TypeError) as error:
        raise PackageError("rotation", f"密钥更换声明无效：{error}") from error
    return newest, newest.key_id != current.key_id


def _store(
    workspace: Workspace,
    records: RegisterRecords,
    path: Path,
    verified: tuple[bytes, VerifiedPackage, bool],
    stored: list[Path],
) -> Outcome:
    blob, package, rotated = verified
    meta = package.meta
    unit_code, year, stage = package.unit_code, int(meta["year"]), package.stage
    sequence = int(meta["sequence"])
    current = records.current(unit_code, year, stage)
    if current is not None and sequence <= current.sequence:
        raise PackageError(
            "replay",
            f"已拒收（旧于已接收的第{current.sequence}次报送）："
            f"{unit_code} {year} {stage} 第{sequence}次",
        )
    target = (
        workspace.paths.root
        / "received"
        / unit_code
        / f"{unit_code}_{year}_{stage}_{sequence}{SUFFIX}"
    )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(blob)
    except OSError as error:
        raise ServiceError(f"无法保存数据包：{error.strerror or error}") from error
    stored.append(target)
    record = Received(
        unit_code,
        year,
        stage,
        sequence,
        package.sha256,
        True,
        now(),
        str(target.relative_to(workspace.paths.root)),
    )
    records.add_received(
        record,
        package_id=str(meta["package_id"]),
        key_id=package.signer.key_id_hex,
        meta=meta,
        data_json=package.payload[DATA_JSON].decode("utf-8"),
        scores=_scores(package),
    )
    if rotated:
        registered = records.subordinate(unit_code)
        records.register(
            unit_code,
            registered.name if registered else unit_code,
            package.signer.to_file(),
            package.signer.key_id_hex,
        )
    status = "received" if current is None else f"received (supersedes {current.sequence})"
    note = "；单位已更换签名密钥，登记已更新" if rotated else ""
    return Outcome(path, status, f"已接收：{unit_code} {year} {stage} 第{sequence}次{note}")


def _scores(package: VerifiedPackage) -> list[dict[str, Any]]:
    data = package.data
    if data is None:
        return []
    scores = score_year(data)
    rows = [
        {
            "owner_uid": item.project.uid,
            "name": item.project.name,
            "category_code": item.project.category_code,
            "budget_fen": int(item.project.full_year_budget * 100),
            "executed_fen": int(item.project.executed * 100),
            "total": item.score.total if package.stage == "self-evaluation" else None,
            "grade": item.score.grade.value if package.stage == "self-evaluation" else "",
        }
        for item in scores.projects
    ]
    if scores.unit is not None and package.stage == "self-evaluation":
        rows.append(
            {
                "owner_uid": UNIT_OWNER,
                "name": data.unit.name,
                "category_code": "",
                "budget_fen": int(scores.unit.execution.budget * 100),
                "executed_fen": int(scores.unit.execution.executed * 100),
                "total": scores.unit.total,
                "grade": scores.unit.grade.value,
            }
        )
    return rows


def _quarantine(workspace: Workspace, path: Path, reason: str) -> None:
    folder = workspace.paths.root / "quarantine"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        target = folder / f"{stamp}_{path.name}"
        if path.is_file():
            shutil.copyfile(path, target)
        target.with_name(target.name + ".reason.txt").write_text(reason + "\n", encoding="utf-8")
    except OSError:
        pass  # the refusal itself is reported; a failed copy must not hide it
