"""``assessments`` of data.json (format 1.3): the ex-ante assessments of new major projects.

Kept apart from ``codec_read``/``codec_write`` so that each stays small. A reader of 1.2 or
older ignores the key (unknown keys are allowed), and a 1.2 document reads with no assessments.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from unionperf.domain.assessment import Conclusion, ExAnteAssessment

if TYPE_CHECKING:
    from unionperf.exchange.codec_node import _At

__all__ = ["assessment_json", "assessments_from", "conclusions_in", "conclusions_in_text"]

_TEXTS = (
    "necessity",
    "feasibility",
    "expected_performance",
    "funding_soundness",
    "risks",
    "assessor",
    "evidence",
)


def assessment_json(item: ExAnteAssessment) -> dict[str, Any]:
    """One assessment as JSON: texts as typed, the conclusion's value, the date or ``null``."""
    return {
        "project_uid": item.project_uid,
        **{name: getattr(item, name) for name in _TEXTS},
        "conclusion": item.conclusion.value if item.conclusion is not None else None,
        "assessed_on": item.assessed_on.isoformat() if item.assessed_on is not None else None,
    }


def assessments_from(node: _At, project_uids: Iterable[str]) -> tuple[ExAnteAssessment, ...]:
    """The assessments of a document (``null`` or absent before 1.3: none).

    Raises:
        CodecError: a field of the wrong kind, a project the year does not hold, or a project
            assessed twice (the message names the path).
    """
    if node.value is None:
        return ()
    known = set(project_uids)
    seen: dict[str, int] = {}
    found = []
    for index, item in enumerate(node.items()):
        uid = item.field("project_uid").text()
        if uid not in known:
            raise item.field("project_uid").error(f"不是本年度的项目：“{uid}”")
        if uid in seen:
            raise item.error(f"与 assessments[{seen[uid]}] 重复（同一项目只有一份事前绩效评估）")
        seen[uid] = index
        found.append(
            ExAnteAssessment(
                project_uid=uid,
                **{name: item.field(name).text() for name in _TEXTS},
                conclusion=item.field("conclusion").optional(lambda at: at.enum(Conclusion)),
                assessed_on=item.field("assessed_on").optional(lambda at: at.day()),
            )
        )
    return tuple(found)


def conclusions_in(document: object) -> list[Conclusion | None]:
    """The conclusion of each assessment of a ``data.json`` document, read leniently.

    For counting across many received packages without reading each whole year: a document
    without ``assessments`` (before 1.3) has none; a conclusion that is missing or unknown
    reads as ``None``. The packages were checked in full when they were received.
    """
    items = document.get("assessments") if isinstance(document, dict) else None
    if not isinstance(items, list):
        return []
    return [
        _conclusion(item.get("conclusion") if isinstance(item, dict) else None) for item in items
    ]


def _conclusion(value: object) -> Conclusion | None:
    return Conclusion(value) if isinstance(value, str) and value in _CONCLUSIONS else None


_CONCLUSIONS = frozenset(item.value for item in Conclusion)


_KEY = re.compile(r'"assessments"\s*:\s*')
"""The key as JSON writes it: inside a string value its quotes would be escaped (``\\"``)."""


def conclusions_in_text(text: str) -> list[Conclusion | None]:
    """:func:`conclusions_in` of a ``data.json`` text, decoding only its ``assessments``.

    汇总 reads thousands of packages; decoding just the one value is several times cheaper than
    the whole document. When the key occurs more than once (a nested object of that name), the
    whole document is decoded instead.

    Raises:
        ValueError: the text is not JSON.
    """
    found = list(_KEY.finditer(text))
    if not found:
        return []
    if len(found) == 1:
        value, _end = json.JSONDecoder().raw_decode(text, found[0].end())
        return conclusions_in({"assessments": value})
    return conclusions_in(json.loads(text))
