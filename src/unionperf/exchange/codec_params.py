"""``data/params.json``: the upper level's parameters as JSON (package-format §6.4).

The form is ``{"format": 1, "library": {…} | null, "settings": {…} | null, "deadlines":
[{"year", "stage", "due"}], "note": str}``: the library in the format of the indicator library
file (``resources/indicators/library.json``), the settings as :meth:`RuleSettings.to_json` writes
them. A ``null`` library or settings is not sent. Readers ignore keys they do not know.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from unionperf.domain.parameters import StageDeadline
from unionperf.domain.settings import RuleSettings
from unionperf.domain.year import Stage
from unionperf.exchange import age
from unionperf.exchange.errors import PackageError

FORMAT = 1


@dataclass(frozen=True, slots=True)
class ParamsContent:
    """What a parameter package holds."""

    library: dict[str, Any] | None
    """The indicator library document (checked by the library reader), or ``None``."""
    settings: RuleSettings | None
    deadlines: tuple[StageDeadline, ...]
    note: str = ""
    recipient: str = ""
    """The upper level's age recipient (``age1…``) for encrypted packages; empty: none sent."""


def params_to_json(content: ParamsContent) -> dict[str, Any]:
    """The JSON object of ``params.json``."""
    return {
        "format": FORMAT,
        "note": content.note,
        "library": content.library,
        "settings": content.settings.to_json() if content.settings is not None else None,
        "deadlines": deadlines_to_json(content.deadlines),
        "encryption_recipient": content.recipient or None,
    }


def deadlines_to_json(deadlines: Sequence[StageDeadline]) -> list[dict[str, Any]]:
    """Deadlines as JSON objects ``{"year", "stage", "due"}``."""
    return [
        {"year": item.year, "stage": item.stage, "due": item.due.isoformat()} for item in deadlines
    ]


def deadlines_from_json(items: Sequence[Any]) -> tuple[StageDeadline, ...]:
    """Deadlines from their JSON objects (as :func:`deadlines_to_json` writes them).

    Raises:
        ValueError: a stage or date that is not valid, or a monitoring point of another year.
    """
    deadlines = []
    for number, item in enumerate(items, start=1):
        year, stage = int(item["year"]), str(item["stage"])
        cutoff = Stage.parse(stage).cutoff
        if cutoff is not None and cutoff.year != year:
            raise ValueError(f"第{number}个截止日期：监控时点 {cutoff} 不在{year}年度")
        try:
            due = date.fromisoformat(str(item["due"]))
        except ValueError as error:
            raise ValueError(f"第{number}个截止日期“{item['due']}”不是有效日期") from error
        deadlines.append(StageDeadline(year, stage, due))
    return tuple(deadlines)


def params_from_json(document: dict[str, Any]) -> ParamsContent:
    """The content of a schema-valid ``params.json``.

    Raises:
        PackageError: ``schema`` when a setting or a deadline is not valid.
    """
    try:
        settings = (
            RuleSettings.from_json(document["settings"])
            if document["settings"] is not None
            else None
        )
        deadlines = deadlines_from_json(document["deadlines"])
        recipient = _recipient(document.get("encryption_recipient"))
    except (ValueError, KeyError, TypeError) as error:
        raise PackageError("schema", f"params.json 无效：{error}") from error
    note = str(document.get("note", ""))
    return ParamsContent(document["library"], settings, deadlines, note, recipient)


def _recipient(value: Any) -> str:
    """The upper level's age recipient of a parameter package (absent or ``null``: none)."""
    if value is None:
        return ""
    try:
        return age.check_recipient(str(value))
    except age.AgeKeyError as error:
        raise ValueError(f"encryption_recipient：{error}") from error
