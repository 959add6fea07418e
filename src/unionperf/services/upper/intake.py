"""The upper level's intake of a unit's package: the key that must have signed, replay rules.

A verified package is stored under ``received/`` with its scores in the register.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.results import score_year
from unionperf.domain.year import Stage, YearData
from unionperf.exchange import bag, minisign, rotation
from unionperf.exchange.codec import CodecError
from unionperf.exchange.codec_read import year_from_json
from unionperf.exchange.errors import PackageError
from unionperf.exchange.file_names import package_file_name
from unionperf.exchange.minisign import PublicKey, SignatureError
from unionperf.exchange.package import (
    ANNOUNCEMENTS_JSON,
    DATA_JSON,
    VerifiedPackage,
    verify_package,
)
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.ports import RegisterPort, UnitOfWorkPort
from unionperf.services.common.workspace import Workspace
from unionperf.store.audit import now
from unionperf.store.register import Received, Subordinate


def received_year(workspace: Workspace, unit_code: str, year: int, stage: str) -> YearData | None:
    """The year's data of a unit's current package of a stage, as the unit sent it.

    Args:
        workspace: the upper level's workspace.
        unit_code: the unit's credit code.
        year: the fiscal year.
        stage: the stage.

    Returns:
        The data, or ``None`` when no package of the stage was received.

    Raises:
        ServiceError: the stored data cannot be read back.
    """
    with workspace.reading() as uow:
        text = uow.register.received_data(unit_code, year, stage)
    if text is None:
        return None
    try:
        return year_from_json(json.loads(text))
    except (ValueError, CodecError) as error:
        raise ServiceError(f"无法读取已接收的 {unit_code} {year} {stage} 数据：{error}") from error


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
    the newest key reached from the registered key through verified statements that name the
    registered unit is accepted.

    Raises:
        PackageError: a malformed chain, or a statement that names another unit or does not
            verify (``rotation``).
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
    chain = rotation.read_chain(members[ANNOUNCEMENTS_JSON], registered.unit_code)
    newest = rotation.follow_chain(current, chain, registered.unit_code)
    return newest, newest.key_id != current.key_id


def take_in(
    workspace: Workspace,
    uow: UnitOfWorkPort,
    opened: tuple[bytes, dict[str, bytes], minisign.Signature],
    unit_code: str,
    stored: list[Path],
) -> tuple[str, str]:
    """Verify a registered unit's package with the key that must have signed it, and store it.

    Args:
        workspace: the upper level's workspace (where the package file is kept).
        uow: the receiving batch's unit of work.
        opened: the package's bytes, its members and its (still unchecked) signature.
        unit_code: the unit the signature's trusted comment names.
        stored: files written so far in this batch (appended to; deleted if the batch fails).

    Returns:
        The outcome's status (``received`` or ``received (supersedes N)``) and its message.

    Raises:
        PackageError: unregistered unit, bad signature or rotation, not a submission, a replay.
    """
    blob, members, signature = opened
    registered = uow.register.subordinate(unit_code)
    if registered is None:
        raise PackageError(
            "unregistered", f"单位 {unit_code} 未登记，请先用 unionperf register 登记其公钥"
        )
    key, rotated = signing_key(members, signature, registered)
    package = verify_package(blob, key, members=members)
    if package.meta["kind"] != "submission":
        raise PackageError("kind", "这不是下级单位的报送数据包")
    return _store(workspace, uow.register, (blob, package, rotated), stored)


def _store(
    workspace: Workspace,
    records: RegisterPort,
    verified: tuple[bytes, VerifiedPackage, bool],
    stored: list[Path],
) -> tuple[str, str]:
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
        / package_file_name(unit_code, year, Stage.parse(stage), sequence)
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
    return status, f"已接收：{unit_code} {year} {stage} 第{sequence}次{note}"


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
