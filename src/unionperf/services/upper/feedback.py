"""Feedback going down: the upper level writes a signed feedback package for a unit's stage."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from unionperf import __version__
from unionperf.domain.feedback import (
    Decision,
    Opinion,
    PathOpinion,
    labelled,
    opinion_at,
    unknown_reference,
)
from unionperf.domain.year import Stage, YearData
from unionperf.exchange import bag, minisign
from unionperf.exchange.codec_feedback import feedback_to_json
from unionperf.exchange.file_names import feedback_file_name
from unionperf.exchange.package import (
    FEEDBACK_JSON,
    FORMAT_VERSION,
    build_package,
    dumps,
)
from unionperf.services.common import signing
from unionperf.services.common.errors import InputError, ServiceError, local_today
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper.intake import received_year
from unionperf.services.upper.opinions import AnyOpinion


def create_feedback(
    workspace: Workspace,
    *,
    unit_code: str,
    year: int,
    stage: str,
    decision: Decision,
    summary: str,
    opinions: Sequence[AnyOpinion],
    out_dir: Path,
    passphrase: str,
) -> Path:
    """Write the signed feedback package for a unit's received stage.

    Args:
        workspace: the upper level's workspace.
        unit_code: the credit code of the registered unit.
        year: the fiscal year.
        stage: the stage whose current received package the feedback answers.
        decision: approve (通过) or return (退回).
        summary: the overall opinion; on return, the reason the unit is shown (required).
        opinions: the opinions on items of the unit's data, each naming its item by uids
            (:class:`Opinion`) or by readable path (:class:`PathOpinion`, resolved here).
        out_dir: the folder the package is written to.
        passphrase: the passphrase of the upper level's key.

    Returns:
        The written package file.

    Raises:
        InputError: the unit is not registered, nothing of the stage was received, a return
            without a reason, an opinion is empty, or it names an owner, item or path that is
            not in the unit's data.
        ServiceError: the package cannot be written.
    """
    with workspace.reading() as uow:
        records = uow.register
        subordinate = records.subordinate(unit_code)
        current = records.current(unit_code, year, stage)
        sequence = records.feedback_count(unit_code, year, stage) + 1
    if subordinate is None:
        raise InputError(f"单位 {unit_code} 未登记", "反馈")
    if current is None:
        raise InputError(f"尚未接收 {unit_code} {year} {stage} 的数据包", "反馈")
    if decision is Decision.RETURN and not summary.strip():
        raise InputError("退回时须写明退回原因（意见文件的 summary）", "反馈")
    checked = _checked(opinions, received_year(workspace, unit_code, year, stage))
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
            "decision": decision.value,
            "from": upper.name if upper else "",
            "responds_to": current.sha256,
        },
    }
    payload = {FEEDBACK_JSON: dumps(feedback_to_json(decision, summary, checked))}
    info = {
        "Source-Organization": (upper.name if upper else "") or "-",
        "External-Identifier": str(meta["package_id"]),
        "External-Description": f"{subordinate.name} {year} {stage} 审核意见",
        "Bagging-Date": local_today().isoformat(),
        "Bag-Software-Agent": f"UnionPerf {__version__}",
    }
    blob = build_package(private_key, meta, payload, info)
    path = out_dir / feedback_file_name(unit_code, year, Stage.parse(stage), sequence)
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
            responds_to=current.sha256,
        )
        uow.review.note_feedback(
            unit_code=unit_code,
            year=year,
            stage=stage,
            sequence=sequence,
            summary=summary,
            opinions=checked,
        )
    return path


def _checked(opinions: Sequence[AnyOpinion], data: YearData | None) -> list[Opinion]:
    """The opinions as uids, each checked against the unit's data and labelled with its path."""
    checked = []
    for number, opinion in enumerate(opinions, start=1):
        if not opinion.text.strip():
            raise InputError(f"第{number}条意见缺少 text", "反馈")
        if isinstance(opinion, PathOpinion):
            found = opinion_at(data, opinion.path, opinion.text) if data is not None else None
            if found is None:
                raise InputError(
                    f"第{number}条意见：“{opinion.path}”不在该单位报送的数据中"
                    "（用 unionperf review 查看各项的路径）",
                    "反馈",
                )
            checked.append(found)
            continue
        unknown = unknown_reference(opinion, data) if data is not None else None
        if unknown:
            raise InputError(f"第{number}条意见：{unknown}", "反馈")
        checked.append(labelled(opinion, data) if data is not None else opinion)
    return checked
