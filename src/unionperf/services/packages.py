"""Verifying, receiving and answering packages: the upper level's side and the feedback path."""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from unionperf import __version__
from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.results import score_year
from unionperf.exchange import bag, keys, minisign
from unionperf.exchange.errors import PackageError
from unionperf.exchange.keys import Announcement, KeyFileError
from unionperf.exchange.minisign import PublicKey, SignatureError
from unionperf.exchange.package import (
    ANNOUNCEMENTS_JSON,
    DATA_JSON,
    FEEDBACK_JSON,
    FORMAT_VERSION,
    SUFFIX,
    VerifiedPackage,
    build_package,
    comment_fields,
    dumps,
    verify_package,
)
from unionperf.services import signing
from unionperf.services.errors import InputError, ServiceError, local_today
from unionperf.services.workspace import Workspace
from unionperf.store.exchange_records import ExchangeRecords, Received, Subordinate, now

MAX_PACKAGE_BYTES = 1 << 30


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


def read_package(path: Path) -> bytes:
    """The bytes of a package file, refusing absurd sizes before reading."""
    try:
        size = path.stat().st_size
        if size > MAX_PACKAGE_BYTES:
            raise PackageError("too-large", f"数据包过大（{size}字节）")
        return path.read_bytes()
    except OSError as error:
        raise ServiceError(f"无法读取数据包 {path}：{error.strerror or error}") from error


def read_public_key(path: Path) -> PublicKey:
    """A minisign public key from a file."""
    try:
        return minisign.parse_public_key(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ServiceError(f"无法读取公钥文件 {path}：{error.strerror or error}") from error
    except (SignatureError, UnicodeDecodeError) as error:
        raise ServiceError(f"公钥文件 {path} 无效：{error}") from error


def verify_file(path: Path, key_file: Path | None = None) -> VerifiedPackage:
    """Verify a package file (against a key file when given).

    Raises:
        PackageError: the first failed check.
    """
    key = read_public_key(key_file) if key_file is not None else None
    return verify_package(read_package(path), key)


def summary(package: VerifiedPackage) -> dict[str, Any]:
    """What ``unionperf verify`` prints about a valid package."""
    meta = package.meta
    result: dict[str, Any] = {
        "valid": True,
        "trusted": package.trusted,
        "unit": meta["unit"],
        "year": meta["year"],
        "stage": meta["stage"],
        "kind": meta["kind"],
        "sequence": meta["sequence"],
        "package_id": meta["package_id"],
        "sha256": package.sha256,
        "signer_key_id": package.signer.key_id_hex,
        "created_at": meta["created_at"],
        "files": list(package.files),
    }
    if package.data is not None:
        result["scores"] = meta.get("scores")
        result["validation"] = meta.get("validation")
    if package.feedback is not None:
        result["feedback"] = meta.get("feedback")
    return result


# -- upper level ---------------------------------------------------------------------------------


def register(workspace: Workspace, key_file: Path, unit_code: str, name: str) -> PublicKey:
    """Register a subordinate unit with its public key (first contact: check the paper sheet)."""
    from unionperf.domain.credit_code import credit_code_error  # noqa: PLC0415

    reason = credit_code_error(unit_code)
    if reason is not None:
        raise InputError(reason, "下级单位")
    if not name.strip():
        raise InputError("请填写单位名称", "下级单位")
    key = read_public_key(key_file)
    with workspace.transaction() as session:
        ExchangeRecords(session).register(unit_code, name.strip(), key.to_file(), key.key_id_hex)
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
        with workspace.transaction() as session:
            records = ExchangeRecords(session)
            for path in paths:
                outcomes.append(_receive_guarded(workspace, records, path, own_code, stored))
    except BaseException:
        for item in stored:
            item.unlink(missing_ok=True)
        raise
    return outcomes


def _receive_guarded(
    workspace: Workspace, records: ExchangeRecords, path: Path, own_code: str, stored: list[Path]
) -> Outcome:
    try:
        with records.session.begin_nested():
            return _receive_one(workspace, records, path, own_code, stored)
    except (PackageError, ServiceError) as error:
        _quarantine(workspace, path, str(error))
        status = "refused"
        if isinstance(error, PackageError) and error.code == "replay":
            status = "refused (older than the one received)"
        return Outcome(path, status, str(error))


def _receive_one(
    workspace: Workspace, records: ExchangeRecords, path: Path, own_code: str, stored: list[Path]
) -> Outcome:
    blob = read_package(path)
    digest = bag.sha256(blob)
    if records.is_received(digest) or records.has_feedback(digest):
        return Outcome(path, "already received", "该数据包已接收过（内容完全相同）")
    try:
        members = bag.read_zip(blob)
    except bag.BagError as error:
        raise PackageError(error.code, str(error)) from error
    signature = _signature(members)
    claimed = comment_fields(signature.trusted_comment).get("unit", "")
    if not claimed:
        raise PackageError("signature", "签名中没有单位代码")
    if claimed == own_code:
        return _receive_feedback(records, path, blob, members)
    registered = records.subordinate(claimed)
    if registered is None:
        raise PackageError(
            "unregistered", f"单位 {claimed} 未登记，请先用 unionperf register 登记其公钥"
        )
    key, rotated = _signing_key(members, signature, registered)
    package = verify_package(blob, key, members=members)
    if package.meta["kind"] != "submission":
        raise PackageError("kind", "这不是下级单位的报送数据包")
    return _store(workspace, records, path, (blob, package, rotated), stored)


def _signature(members: dict[str, bytes]) -> minisign.Signature:
    try:
        return minisign.parse_signature(members[bag.SIGNATURE].decode("ascii"))
    except KeyError as error:
        raise PackageError("missing-file", f"包内缺少文件：{bag.SIGNATURE}") from error
    except (SignatureError, UnicodeDecodeError) as error:
        raise PackageError("signature", f"签名文件无法读取：{error}") from error


def _signing_key(
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
    records: ExchangeRecords,
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


# -- feedback ------------------------------------------------------------------------------------


def create_feedback(
    workspace: Workspace,
    *,
    unit_code: str,
    year: int,
    stage: str,
    decision: str,
    opinions_file: Path,
    out_dir: Path,
    passphrase: str,
) -> Path:
    """Write the signed feedback package for a unit's received stage."""
    if decision not in ("approve", "return"):
        raise InputError("决定应为 approve（通过）或 return（退回）", "反馈")
    with workspace.reading() as session:
        records = ExchangeRecords(session)
        subordinate = records.subordinate(unit_code)
        current = records.current(unit_code, year, stage)
        sequence = records.feedback_count(unit_code, year, stage) + 1
    if subordinate is None:
        raise InputError(f"单位 {unit_code} 未登记", "反馈")
    if current is None:
        raise InputError(f"尚未接收 {unit_code} {year} {stage} 的数据包", "反馈")
    opinions = _read_opinions(opinions_file)
    upper = workspace.unit()
    private_key = signing.unlock(workspace, passphrase)
    key = minisign.public_key_of(private_key)
    meta: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "kind": "feedback",
        "package_id": uuid.uuid4().hex,
        "unit": {"code": unit_code, "name": subordinate.name},
        "year": year,
        "stage": stage,
        "sequence": sequence,
        "previous_sha256": None,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "app_version": __version__,
        "key_id": key.key_id_hex,
        "feedback": {
            "decision": decision,
            "from": upper.name if upper else "",
            "responds_to": current.sha256,
        },
    }
    payload = {FEEDBACK_JSON: dumps({"decision": decision, **opinions})}
    info = {
        "Source-Organization": (upper.name if upper else "") or "-",
        "External-Identifier": str(meta["package_id"]),
        "External-Description": f"{subordinate.name} {year} {stage} 审核意见",
        "Bagging-Date": local_today().isoformat(),
        "Bag-Software-Agent": f"UnionPerf {__version__}",
    }
    blob = build_package(private_key, meta, payload, info)
    path = out_dir / f"{unit_code}_{year}_{stage}_feedback_{sequence}{SUFFIX}"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        path.write_bytes(blob)
    except OSError as error:
        raise ServiceError(f"无法写入反馈数据包到 {out_dir}：{error.strerror or error}") from error
    with workspace.transaction() as session:
        ExchangeRecords(session).log_feedback(
            unit_code=unit_code,
            year=year,
            stage=stage,
            sequence=sequence,
            decision=decision,
            sha256=bag.sha256(blob),
            file_name=path.name,
        )
    return path


def _read_opinions(path: Path) -> dict[str, Any]:
    """``{"summary": str, "opinions": [{"owner", "item", "field", "label", "text"}]}``."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ServiceError(f"无法读取意见文件 {path}：{error.strerror or error}") from error
    except ValueError as error:
        raise InputError(f"意见文件不是有效的 JSON：{error}", str(path)) from error
    if not isinstance(document, dict) or not isinstance(document.get("opinions", []), list):
        raise InputError('意见文件应为 {"summary": …, "opinions": [...]}', str(path))
    opinions = []
    for number, item in enumerate(document.get("opinions", []), start=1):
        if not isinstance(item, dict) or not str(item.get("text", "")).strip():
            raise InputError(f"第{number}条意见缺少 text", str(path))
        opinions.append(
            {key: str(item.get(key, "")) for key in ("owner", "item", "field", "label", "text")}
        )
    return {"summary": str(document.get("summary", "")), "opinions": opinions}


def trust_upper(workspace: Workspace, key_file: Path, name: str = "") -> PublicKey:
    """Trust the upper level's public key for the feedback it sends down."""
    key = read_public_key(key_file)
    with workspace.transaction() as session:
        ExchangeRecords(session).trust_upper(key.to_file(), name, key.key_id_hex)
    return key


def _receive_feedback(
    records: ExchangeRecords, path: Path, blob: bytes, members: dict[str, bytes]
) -> Outcome:
    trusted = records.upper_key()
    if trusted is None:
        raise PackageError("untrusted", "尚未导入上级工会的公钥，请先运行 unionperf trust-upper")
    package = verify_package(blob, minisign.parse_public_key(trusted[0]), members=members)
    if package.meta["kind"] != "feedback" or package.feedback is None:
        raise PackageError("kind", "这不是上级工会的反馈数据包")
    meta, feedback = package.meta, package.feedback
    latest = records.last_feedback_sequence(int(meta["year"]), package.stage)
    if int(meta["sequence"]) <= latest:
        raise PackageError(
            "replay", f"已拒收（旧于已导入的第{latest}次反馈）：{meta['year']} {package.stage}"
        )
    opinions = list(feedback.get("opinions", []))
    records.add_feedback(package.sha256, meta, opinions)
    if meta["feedback"]["decision"] == "return":
        records.return_stage(
            int(meta["year"]), package.stage, str(feedback.get("summary", "")) or "上级工会退回"
        )
    verdict = "退回，已重新打开修改" if meta["feedback"]["decision"] == "return" else "通过"
    return Outcome(
        path,
        "received",
        f"已导入上级反馈：{meta['year']} {package.stage} {verdict}，意见{len(opinions)}条",
    )
