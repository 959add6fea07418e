"""The upper level's opinions file: the summary and the opinions the CLI reads for feedback."""

from __future__ import annotations

import json
from pathlib import Path

from unionperf.domain.feedback import Decision, Opinion, PathOpinion, opinion_from_fields
from unionperf.services.common.errors import InputError, ServiceError

AnyOpinion = Opinion | PathOpinion
"""An opinion naming its item by uids (``owner``, ``item``) or by its readable ``path``."""


def read_opinions(path: Path) -> tuple[str, list[AnyOpinion]]:
    """Read an opinions file: ``{"summary": str, "opinions": [...]}``.

    Each opinion names its item by readable path, ``{"path": "项目/…/指标/…", "text": …}`` (the
    stage as a whole is ``整体``), or by uids, ``{"owner", "item", "field", "label", "text"}``
    (a missing key is empty).

    Args:
        path: the JSON file; a missing summary is empty.

    Returns:
        The summary and the opinions, in the file's order.

    Raises:
        ServiceError: the file cannot be read.
        InputError: not JSON, not of that form, an opinion without ``text``, or a ``path`` that
            is not text.
    """
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ServiceError(f"无法读取意见文件 {path}：{error.strerror or error}") from error
    except ValueError as error:
        raise InputError(f"意见文件不是有效的 JSON：{error}", str(path)) from error
    if not isinstance(document, dict) or not isinstance(document.get("opinions", []), list):
        raise InputError('意见文件应为 {"summary": …, "opinions": [...]}', str(path))
    opinions: list[AnyOpinion] = []
    for number, item in enumerate(document.get("opinions", []), start=1):
        if not isinstance(item, dict) or not str(item.get("text", "")).strip():
            raise InputError(f"第{number}条意见缺少 text", str(path))
        if "path" in item:
            if not isinstance(item["path"], str) or not item["path"].strip():
                raise InputError(f"第{number}条意见的 path 应为项目路径文字", str(path))
            opinions.append(PathOpinion(item["path"], str(item["text"])))
        else:
            opinions.append(opinion_from_fields(item))
    return str(document.get("summary", "")), opinions


def parse_decision(text: str) -> Decision:
    """The decision a word names: ``approve`` (通过) or ``return`` (退回).

    Raises:
        InputError: any other word.
    """
    try:
        return Decision(text)
    except ValueError:
        raise InputError("决定应为 approve（通过）或 return（退回）", "反馈") from None
