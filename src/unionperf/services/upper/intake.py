"""The upper level's intake of a unit's package: the key that must have signed, replay rules.

A verified package is stored under ``received/`` with its scores in the register.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from unionperf.domain.stage_facts import stage_facts
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
from unionperf.services.upper import copies
from unionperf.store.audit import now
from unionperf.store.register import Received, Subordinate


@dataclass(frozen=True, slots=True)
class Intake:
    """A unit's package taken in: what it is and whether it replaced an earlier one."""

    status: str
    """``received``, ``received (supersedes N)`` or ``already received`` (by another receiver
    while this one verified it)."""
    message: str
    unit_code: str
    year: int
    stage: str
    sequence: int
    supersedes: int | None
    """The sequence of the package it replaced as the stage's current one, if any."""


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
    A replaced key identifies the packages it signed (``take_in`` refuses a new one).
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
    *,
    received_at: str | None = None,
    verified: VerifiedPackage | None = None,
    sha256: str = "",
) -> Intake:
    """Verify a registered unit's package with the key that must have signed it, and store it.

    Args:
        workspace: the upper level's workspace (where the package file is kept).
        uow: the receiving batch's unit of work.
        opened: the package's bytes, its members and its (still unchecked) signature.
        unit_code: the unit the signature's trusted comment names.
        stored: files written so far in this batch (appended to; deleted if the batch fails).
        received_at: the time of receipt recorded (UTC ISO; default: now).
        verified: the package as a worker process verified it; used only when it was verified
            with the key that must have signed and is this very file, else verified again.
        sha256: the SHA-256 of ``opened``'s bytes, when the caller computed it already.

    Returns:
        What was taken in.

    Raises:
        PackageError: unregistered unit or one without a key, bad signature or rotation, not a
            submission, a replay.
    """
    blob, members, signature = opened
    registered = uow.register.subordinate(unit_code)
    if registered is None:
        raise PackageError(
            "unregistered", f"单位 {unit_code} 未登记，请先用 unionperf register 登记其公钥"
        )
    if not registered.has_key:
        raise PackageError(
            "no-key",
            f"单位 {registered.name}（{unit_code}）已列入名册但尚未登记公钥："
            "请核对其公钥登记表后用 unionperf register 登记",
        )
    key, rotated = signing_key(members, signature, registered)
    if DATA_JSON in members:  # compressed for the store in another thread while verifying
        uow.register.prepare_data(members[DATA_JSON])
    digest = sha256 or bag.sha256(blob)
    if (
        verified is not None
        and verified.signer.key_id_hex == key.key_id_hex
        and verified.sha256 == digest
    ):
        package = verified
    else:
        package = verify_package(blob, key, members=members, sha256=digest)
    if package.meta["kind"] != "submission":
        raise PackageError("kind", "这不是下级单位的报送数据包")
    if not rotated and package.signer.key_id_hex != registered.key_id:
        _refuse_newer_from_retired_key(uow.register, package)
    return _store(workspace, uow.register, (blob, package, rotated), stored, received_at)


def _utc_text(moment: str) -> str:
    """A time of receipt in the one stored form, UTC to the second (``…T02:00:00+00:00``).

    The store compares these texts, so they must all be written alike.
    """
    parsed = datetime.fromisoformat(moment)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).isoformat(timespec="seconds")


def _refuse_newer_from_retired_key(records: RegisterPort, package: VerifiedPackage) -> None:
    """A replaced key still identifies the packages it signed, but sends nothing new.

    Raises:
        PackageError: the package is newer than the stage's current one (``retired-key``); an
            older one goes on to be refused as a replay.
    """
    meta = package.meta
    current = records.current(package.unit_code, int(meta["year"]), package.stage)
    if current is None or int(meta["sequence"]) > current.sequence:
        raise PackageError(
            "retired-key",
            f"该数据包由单位已更换的旧公钥 {package.signer.key_id_hex} 签名，不能作为新的报送："
            "请单位用现在登记的密钥重新导出",
        )


def _store(
    workspace: Workspace,
    records: RegisterPort,
    verified: tuple[bytes, VerifiedPackage, bool],
    stored: list[Path],
    received_at: str | None = None,
) -> Intake:
    blob, package, rotated = verified
    meta = package.meta
    unit_code, year, stage = package.unit_code, int(meta["year"]), package.stage
    sequence = int(meta["sequence"])
    records.lock_unit(unit_code)  # concurrent receivers of this unit wait here (PostgreSQL)
    if records.is_received(package.sha256):  # another receiver took it while we verified
        return Intake(
            "already received",
            "该数据包已接收过（内容完全相同）",
            unit_code,
            year,
            stage,
            sequence,
            None,
        )
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
    writing = copies.write(target, blob)  # while the rows are made: the file waits on the disk
    record = Received(
        unit_code,
        year,
        stage,
        sequence,
        package.sha256,
        True,
        _utc_text(received_at) if received_at else now(),
        str(target.relative_to(workspace.paths.root)),
    )
    try:
        records.add_received(
            record,
            package_id=str(meta["package_id"]),
            key_id=package.signer.key_id_hex,
            meta=meta,
            data_json=package.payload[DATA_JSON],  # UTF-8, as verification read it
            facts=(
                stage_facts(package.data, Stage.parse(stage), scores=package.scores)
                if package.data
                else None
            ),
        )
    finally:
        failed = writing.exception()  # the copy is finished (or failed) before anything else
        if failed is None:
            stored.append(target)  # removed with the package's rows if they are not kept
    if isinstance(failed, OSError):
        raise ServiceError(f"无法保存数据包：{failed.strerror or failed}") from failed
    if failed is not None:
        raise failed
    if rotated:
        registered = records.subordinate(unit_code)
        records.register(
            unit_code,
            registered.name if registered else unit_code,
            package.signer.to_file(),
            package.signer.key_id_hex,
            reason=f"单位以旧密钥签署的密钥更换声明（随 {year} {stage} 第{sequence}次报送）",
        )
    status = "received" if current is None else f"received (supersedes {current.sequence})"
    note = "；单位已更换签名密钥，登记已更新" if rotated else ""
    return Intake(
        status,
        f"已接收：{unit_code} {year} {stage} 第{sequence}次{note}",
        unit_code,
        year,
        stage,
        sequence,
        current.sequence if current else None,
    )
