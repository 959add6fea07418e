"""Feedback going down: the upper level writes a signed feedback package for a unit's stage."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from unionperf import __version__
from unionperf.exchange import bag, minisign
from unionperf.exchange.package import (
    FEEDBACK_JSON,
    FORMAT_VERSION,
    SUFFIX,
    build_package,
    dumps,
)
from unionperf.services.common import signing
from unionperf.services.common.errors import InputError, ServiceError, local_today
from unionperf.services.common.workspace import Workspace


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
