"""data.json of a package to the year: the schema and the reader in one pass where it counts.

A large unit's data.json holds some 2,400 monitoring entries with 48,000 indicator progress
records: nine tenths of its values. Checking them against the schema (``fastjsonschema``) and
then reading them (``codec_read``, which checks each value again as it goes) cost two walks of
Python over the same 600,000 values. Here the monitoring entries are checked and read in one walk
that applies, value by value, both the schema's definitions (``entry``, ``progress``, ``reason``
and the ones they use, taken from the schema document itself) and the reader's checks, and builds
the domain objects as it goes. The rest of the document goes through the schema and the reader
as before, with an empty ``monitoring``.

The fast walk only ever accepts: at the first value it does not expect it gives up, and the whole
document goes the old way (``schemas.validate`` then ``year_from_json``), which then refuses it
with the same code and the same sentence as before, or accepts it. So what is accepted, what is
refused and every message are unchanged; only valid packages get faster.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from functools import cache
from typing import Any

from unionperf.domain.indicators import Tier
from unionperf.domain.monitoring import (
    DeviationReason,
    IndicatorProgress,
    Likelihood,
    MonitoringEntry,
    ReasonCategory,
    Suspension,
)
from unionperf.domain.year import YearData
from unionperf.exchange import schemas
from unionperf.exchange.codec import CodecError
from unionperf.exchange.codec_read import year_from_json
from unionperf.exchange.errors import PackageError

__all__ = ["read_data"]

_MONEY = re.compile(r"-?[0-9]+\.[0-9]{2}")
"""The reader's money (``codec_read._MONEY``, matched whole)."""
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
"""The reader's decimal (``codec_read._DECIMAL``, matched whole)."""


class _UnexpectedError(Exception):
    """The fast walk met something it does not accept: the checked path decides."""


def read_data(document: Any, label: str = "data.json") -> YearData:
    """Check ``document`` against the data schema and read it into the year.

    Raises:
        PackageError: ``limit`` or ``schema`` as ``schemas.validate`` raises them; ``schema``
            with the reader's sentence when the document does not read.
    """
    entries = _fast_monitoring(document)
    if entries is not None:
        rest = {**document, "monitoring": []}
        try:
            schemas.validate("data", rest, label)
            year = year_from_json(rest)
        except (PackageError, CodecError):
            pass  # the checked path below refuses the whole document with its own words
        else:
            return replace(year, monitoring=entries)
    schemas.validate("data", document, label)
    try:
        return year_from_json(document)
    except CodecError as error:
        raise PackageError("schema", str(error)) from error


@cache
def _rules() -> _Rules:
    return _Rules(schemas.schema("data"))


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/definitions/{name}"}


def _nullable(name: str) -> dict[str, Any]:
    return {"anyOf": [_ref(name), {"type": "null"}]}


_ITEMS = "items"
_LAYOUT: dict[str, dict[str, Any]] = {
    "entry": {
        "point_uid": _ref("uid"),
        "owner_uid": _ref("uid"),
        "executed": _ref("money_or_null"),
        "forecast": _ref("money_or_null"),
        "progress_text": _ref("text"),
        "lag_reason": _ref("text"),
        "measure": _ref("text"),
        "suspension": _ref("suspension"),
        "progress": _ITEMS,
    },
    "progress": {
        "indicator_uid": _ref("uid"),
        "actual": _ref("decimal_or_null"),
        "tier": _nullable("tier"),
        "actual_text": _ref("text"),
        "forecast": _ref("decimal_or_null"),
        "forecast_text": _ref("text"),
        "reasons": _ITEMS,
        "likelihood": _nullable("likelihood"),
        "measure": _ref("text"),
        "note": _ref("text"),
    },
    "reason": {"category": _ref("reason_category"), "text": _ref("text")},
}
"""The properties of each definition as the walk applies them (``_ITEMS``: an array, checked
by ``_array``). Any other layout in the schema switches the fast walk off."""
_OBJECT_KEYS = {"description", "type", "required", "properties", "additionalProperties"}


class _Rules:
    """The limits, patterns and enumerations of the definitions the fast walk applies.

    Read from the schema document; raises ``_UnexpectedError`` when a definition holds anything the
    walk does not apply (then every document goes the checked way).
    """

    def __init__(self, schema: dict[str, Any]) -> None:
        definitions = schema["definitions"]
        self.entries_max = _array(schema["properties"]["monitoring"], "entry")
        self.entry = _object(definitions["entry"], "entry")
        self.progress = _object(definitions["progress"], "progress")
        self.reason = _object(definitions["reason"], "reason")
        self.progress_max = _array(definitions["entry"]["properties"]["progress"], "progress")
        self.reasons_max = _array(definitions["progress"]["properties"]["reasons"], "reason")
        self.uid_max = _string(definitions["uid"])
        self.text_max = _string(definitions["text"])
        self.money_max, self.money_pattern = _string_or_null(definitions["money_or_null"])
        self.decimal_max, self.decimal_pattern = _string_or_null(definitions["decimal_or_null"])
        self.suspension = _enum(definitions["suspension"], Suspension)
        self.tier = _enum(definitions["tier"], Tier)
        self.likelihood = _enum(definitions["likelihood"], Likelihood)
        self.category = _enum(definitions["reason_category"], ReasonCategory)


def _array(definition: dict[str, Any], items: str) -> int:
    """The most items of an array of ``items`` with no other constraint."""
    if set(definition) - {"description", "type", "items", "maxItems"}:
        raise _UnexpectedError
    if definition["type"] != "array" or definition["items"] != _ref(items):
        raise _UnexpectedError
    most: int = definition["maxItems"]
    return most


def _object(definition: dict[str, Any], name: str) -> tuple[frozenset[str], int]:
    """Required keys and the most properties of an object definition open to other keys."""
    if set(definition) - _OBJECT_KEYS - {"maxProperties"} or definition["type"] != "object":
        raise _UnexpectedError
    if definition.get("additionalProperties", True) is not True:
        raise _UnexpectedError
    properties = definition["properties"]
    if set(properties) != set(_LAYOUT[name]):
        raise _UnexpectedError
    for key, expected in _LAYOUT[name].items():
        if expected != _ITEMS and properties[key] != expected:
            raise _UnexpectedError
    return frozenset(definition["required"]), definition["maxProperties"]


def _string(definition: dict[str, Any]) -> int:
    """The most characters of a string definition with no other constraint."""
    if set(definition) - {"description", "type", "maxLength"} or definition["type"] != "string":
        raise _UnexpectedError
    most: int = definition["maxLength"]
    return most


def _string_or_null(definition: dict[str, Any]) -> tuple[int, re.Pattern[str]]:
    """The most characters and the pattern (searched, as the schema does) of a string or null."""
    if set(definition) - {"description", "type", "maxLength", "pattern"}:
        raise _UnexpectedError
    if definition["type"] != ["string", "null"]:
        raise _UnexpectedError
    return definition["maxLength"], re.compile(definition["pattern"])


def _enum(definition: dict[str, Any], kind: type[Any]) -> dict[str, Any]:
    """The members both the schema and the reader accept, by value."""
    if set(definition) - {"description", "enum"}:
        raise _UnexpectedError
    return {item.value: item for item in kind if item.value in definition["enum"]}


def _fast_monitoring(document: Any) -> tuple[MonitoringEntry, ...] | None:
    """The monitoring entries, when every value is as both the schema and the reader want."""
    try:
        rules = _rules()
        if type(document) is not dict:
            return None
        entries = document.get("monitoring")
        if type(entries) is not list or len(entries) > rules.entries_max:
            return None
        memo: dict[str, Decimal] = {}
        return tuple(_entry(item, rules, memo) for item in entries)
    except (_UnexpectedError, KeyError, TypeError, ValueError, ArithmeticError):
        return None


def _checked_object(value: Any, shape: tuple[frozenset[str], int]) -> dict[str, Any]:
    required, most = shape
    if type(value) is not dict or len(value) > most or not value.keys() >= required:
        raise _UnexpectedError
    return value


def _uid(value: Any, rules: _Rules) -> str:
    if type(value) is not str or len(value) > rules.uid_max:
        raise _UnexpectedError
    return value


def _text(value: Any, rules: _Rules) -> str:
    if type(value) is not str or len(value) > rules.text_max:
        raise _UnexpectedError
    return value


def _money(value: Any, rules: _Rules) -> Decimal | None:
    if value is None:
        return None
    if (
        type(value) is not str
        or len(value) > rules.money_max
        or not rules.money_pattern.search(value)
        or not _MONEY.fullmatch(value)
    ):
        raise _UnexpectedError
    return Decimal(value)


def _decimal(value: Any, rules: _Rules, memo: dict[str, Decimal]) -> Decimal | None:
    if value is None:
        return None
    known = memo.get(value) if type(value) is str else None
    if known is not None:
        return known  # the same text was checked and read before (Decimals are immutable)
    if (
        type(value) is not str
        or len(value) > rules.decimal_max
        or not rules.decimal_pattern.search(value)
        or not _DECIMAL.fullmatch(value)
    ):
        raise _UnexpectedError
    memo[value] = read = Decimal(value)
    return read


def _member(value: Any, members: dict[str, Any], *, nullable: bool) -> Any:
    if value is None and nullable:
        return None
    if type(value) is not str:
        raise _UnexpectedError
    return members[value]  # KeyError: not a member


def _list(value: Any, most: int) -> list[Any]:
    if type(value) is not list or len(value) > most:
        raise _UnexpectedError
    return value


def _entry(value: Any, rules: _Rules, memo: dict[str, Decimal]) -> MonitoringEntry:
    item = _checked_object(value, rules.entry)
    return MonitoringEntry(
        point_uid=_uid(item["point_uid"], rules),
        owner_uid=_uid(item["owner_uid"], rules),
        executed=_money(item["executed"], rules),
        forecast=_money(item["forecast"], rules),
        progress_text=_text(item["progress_text"], rules),
        lag_reason=_text(item["lag_reason"], rules),
        measure=_text(item["measure"], rules),
        suspension=_member(item["suspension"], rules.suspension, nullable=False),
        progress=tuple(
            _progress(progress, rules, memo)
            for progress in _list(item["progress"], rules.progress_max)
        ),
    )


def _progress(value: Any, rules: _Rules, memo: dict[str, Decimal]) -> IndicatorProgress:
    # The hottest loop of a package's verification (48,000 records in a large unit): the
    # checks of _uid, _text, _decimal and _member are written out here, the same as theirs.
    item = _checked_object(value, rules.progress)
    uid, actual_text, forecast_text = (
        item["indicator_uid"],
        item["actual_text"],
        item["forecast_text"],
    )
    measure, note, tier, likelihood = (
        item["measure"],
        item["note"],
        item["tier"],
        item["likelihood"],
    )
    text_max = rules.text_max
    if (
        type(uid) is not str
        or len(uid) > rules.uid_max
        or type(actual_text) is not str
        or len(actual_text) > text_max
        or type(forecast_text) is not str
        or len(forecast_text) > text_max
        or type(measure) is not str
        or len(measure) > text_max
        or type(note) is not str
        or len(note) > text_max
    ):
        raise _UnexpectedError
    reasons = _list(item["reasons"], rules.reasons_max)
    return IndicatorProgress(
        indicator_uid=uid,
        actual=_decimal(item["actual"], rules, memo),
        tier=None if tier is None else rules.tier[tier],
        actual_text=actual_text,
        forecast=_decimal(item["forecast"], rules, memo),
        forecast_text=forecast_text,
        reasons=tuple(_reason(reason, rules) for reason in reasons) if reasons else (),
        likelihood=None if likelihood is None else rules.likelihood[likelihood],
        measure=measure,
        note=note,
    )


def _reason(value: Any, rules: _Rules) -> DeviationReason:
    item = _checked_object(value, rules.reason)
    return DeviationReason(
        category=_member(item["category"], rules.category, nullable=False),
        text=_text(item["text"], rules),
    )
