"""Feedback going down: the upper level writes it; the unit trusts the upper key and imports it."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from unionperf import __version__
from unionperf.exchange import bag, minisign
from unionperf.exchange.errors import PackageError
from unionperf.exchange.minisign import PublicKey
from unionperf.exchange.package import (
    FEEDBACK_JSON,
    FORMAT_VERSION,
    SUFFIX,
    build_package,
    dumps,
    verify_package,
)
from unionperf.services import signing
from unionperf.services.errors import InputError, ServiceError, local_today
from unionperf.services.verify import read_public_key
from unionperf.services.workspace import Workspace
from unionperf.store.submissions import SubmissionRecords


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
    with workspace.reading() as uow:
        records = uow.register
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
    with workspace.unit_of_work() as uow:
        uow.register.log_feedback(
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
    with workspace.unit_of_work() as uow:
        uow.submissions.trust_upper(key.to_file(), name, key.key_id_hex)
    return key


def receive_feedback(records: SubmissionRecords, blob: bytes, members: dict[str, bytes]) -> str:
    """Import a feedback package on the unit: its opinions, and the stage reopened when returned.

    Args:
        records: the unit's package records, in the receiving transaction.
        blob: the package file's bytes.
        members: the package's members, read from ``blob``.

    Returns:
        The Chinese message that reports the imported feedback.

    Raises:
        PackageError: no trusted upper key, not a valid feedback package, or an older one.
    """
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
    return f"已导入上级反馈：{meta['year']} {package.stage} {verdict}，意见{len(opinions)}条"
