"""The data schema's rules as the one-pass walk of data.json applies them (``data_reader``).

Read from the schema document itself: the walk checks each value against the limits, patterns
and enumerations found here. Any definition holding something the walk does not apply (another
keyword, another layout of properties, another type) raises :class:`UnexpectedError`, which switches
the walk off for every document: a schema change can make verification slower, never laxer.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import cache
from typing import Any

from unionperf.domain.budget import FundingSource, ProjectAttribute
from unionperf.domain.indicators import Operator, Period, StandardBasis, Tier
from unionperf.domain.monitoring import Likelihood, ReasonCategory, Suspension
from unionperf.exchange import schemas

__all__ = ["ITEMS", "UnexpectedError", "WalkRules", "rules"]


class UnexpectedError(Exception):
    """The walk met something it does not accept: the checked path decides."""


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/definitions/{name}"}


def _nullable(name: str) -> dict[str, Any]:
    return {"anyOf": [_ref(name), {"type": "null"}]}


ITEMS = "items"
"""A property that is an array of another definition, checked by :func:`_array`."""
_BOOLEAN = {"type": "boolean"}
LAYOUT: dict[str, dict[str, Any]] = {
    "entry": {
        "point_uid": _ref("uid"),
        "owner_uid": _ref("uid"),
        "executed": _ref("money_or_null"),
        "forecast": _ref("money_or_null"),
        "progress_text": _ref("text"),
        "lag_reason": _ref("text"),
        "measure": _ref("text"),
        "suspension": _ref("suspension"),
        "progress": ITEMS,
    },
    "progress": {
        "indicator_uid": _ref("uid"),
        "actual": _ref("decimal_or_null"),
        "tier": _nullable("tier"),
        "actual_text": _ref("text"),
        "forecast": _ref("decimal_or_null"),
        "forecast_text": _ref("text"),
        "reasons": ITEMS,
        "likelihood": _nullable("likelihood"),
        "measure": _ref("text"),
        "note": _ref("text"),
    },
    "reason": {"category": _ref("reason_category"), "text": _ref("text")},
    "project": {
        "uid": _ref("uid"),
        "code": _ref("text"),
        "name": _ref("text"),
        "category_code": _ref("code"),
        "attribute": _ref("project_attribute"),
        "start": _ref("date_or_null"),
        "end": _ref("date_or_null"),
        "responsible": _ref("text"),
        "phone": _ref("text"),
        "description": _ref("text"),
        "midterm_budget": _ref("money"),
        "funding": ITEMS,
        "targets": _ref("targets"),
        "clear_out": _BOOLEAN,
        "clear_out_reason": _ref("text"),
    },
    "funding_line": {
        "source": _ref("funding_source"),
        "initial": _ref("money"),
        "adjusted": _ref("money"),
        "executed": _ref("money"),
    },
    "budget_line": {
        "category_code": _ref("code"),
        "last_year_actual": _ref("money"),
        "budget": _ref("money"),
        "adjustment": _ref("money"),
        "executed": _ref("money"),
    },
    "arrival": {
        "point_uid": _ref("uid"),
        "category_code": _ref("code"),
        "amount": _ref("money"),
        "received_on": _ref("date_or_null"),
        "note": _ref("text"),
    },
    "targets": {
        "owner_uid": _ref("uid"),
        "annual_goal": _ref("text"),
        "midterm_goal": _ref("text"),
        "indicators": ITEMS,
    },
    "indicator": {
        "uid": _ref("uid"),
        "level1": _ref("text"),
        "level2": _ref("text"),
        "name": _ref("text"),
        "operator": _ref("operator"),
        "target": _ref("decimal_or_null"),
        "target_text": _ref("text"),
        "unit": _ref("text"),
        "points": _ref("decimal_or_null"),
        "explanation": _ref("text"),
        "basis": _ref("basis"),
        "core": _BOOLEAN,
        "period": _ref("period"),
        "target_upper": _nullable("decimal"),
    },
    "evaluation": {
        "owner_uid": _ref("uid"),
        "results": ITEMS,
        "achieved_text": _ref("text"),
        "result_application": _ref("text"),
        "execution_analysis": _ref("text"),
    },
    "result": {
        "indicator_uid": _ref("uid"),
        "actual": _ref("decimal_or_null"),
        "actual_text": _ref("text"),
        "tier": _nullable("tier"),
        "score": _ref("decimal_or_null"),
        "applicable": _BOOLEAN,
        "na_reason": _ref("text"),
        "deduction": _ref("decimal_or_null"),
        "deduction_reason": _ref("text"),
        "deviation": _ref("text"),
        "improvement": _ref("text"),
    },
}
"""The properties of each definition as the walk applies them (descriptions aside). Any other
layout in the schema switches the walk off."""
_OBJECT_KEYS = {"description", "type", "required", "properties", "additionalProperties"}
_TOP_KEYS = _OBJECT_KEYS | {"$schema", "$id", "title", "maxProperties", "definitions"}
_DESCRIBED = {"description"}
_FORMAT = {"format": "date"}
"""``format`` is not checked: the schemas are compiled with ``use_formats=False``; the walk
reads a date as the reader does (pattern, then a real calendar date)."""

Shape = tuple[frozenset[str], int]
"""The required keys and the most properties of an object definition."""


@cache
def rules() -> WalkRules:
    """The rules of the packaged data schema (:class:`UnexpectedError` when it has others)."""
    return WalkRules(schemas.schema("data"))


class WalkRules:
    """The limits, patterns and enumerations of the definitions the walk applies.

    Raises :class:`UnexpectedError` when a definition holds anything the walk does not apply.
    """

    def __init__(self, schema: dict[str, Any]) -> None:
        definitions = schema["definitions"]
        if set(schema) - _TOP_KEYS or schema["type"] != "object":
            raise UnexpectedError
        top = schema["properties"]
        self.entries_max = _array(top["monitoring"], "entry")
        self.projects_max = _array(top["projects"], "project")
        self.evaluations_max = _array(top["evaluations"], "evaluation")
        self.budget_max = _array(top["budget"], "budget_line")
        self.arrivals_max = _array(top["arrivals"], "arrival")
        if _plain(top["unit_targets"]) != _ref("targets"):
            raise UnexpectedError
        shapes = {name: _object(definitions[name], name) for name in LAYOUT}
        self.entry, self.progress = shapes["entry"], shapes["progress"]
        self.reason = shapes["reason"]
        self.project, self.funding = shapes["project"], shapes["funding_line"]
        self.targets, self.indicator = shapes["targets"], shapes["indicator"]
        self.evaluation, self.result = shapes["evaluation"], shapes["result"]
        self.budget_line, self.arrival = shapes["budget_line"], shapes["arrival"]

        def most(owner: str, key: str, items: str) -> int:
            return _array(definitions[owner]["properties"][key], items)

        self.progress_max = most("entry", "progress", "progress")
        self.reasons_max = most("progress", "reasons", "reason")
        self.funding_max = most("project", "funding", "funding_line")
        self.indicators_max = most("targets", "indicators", "indicator")
        self.results_max = most("evaluation", "results", "result")
        self.uid_max = _string(definitions["uid"])
        self.text_max = _string(definitions["text"])
        self.code_max = _string(definitions["code"])
        self.money_max, self.money_pattern = _pattern(definitions["money_or_null"], nullable=True)
        # money and decimal are checked with the rules of money_or_null and decimal_or_null:
        # the walk applies one rule to both, so they must be the same.
        if _pattern(definitions["money"], nullable=False) != (self.money_max, self.money_pattern):
            raise UnexpectedError
        self.decimal_max, self.decimal_pattern = _pattern(
            definitions["decimal_or_null"], nullable=True
        )
        if _pattern(definitions["decimal"], nullable=False) != (
            self.decimal_max,
            self.decimal_pattern,
        ):
            raise UnexpectedError
        self.date_max, self.date_pattern = _pattern(
            definitions["date_or_null"], nullable=True, extra=_FORMAT
        )
        self.suspension = _enum(definitions["suspension"], Suspension)
        self.tier = _enum(definitions["tier"], Tier)
        self.likelihood = _enum(definitions["likelihood"], Likelihood)
        self.category = _enum(definitions["reason_category"], ReasonCategory)
        self.attribute = _enum(definitions["project_attribute"], ProjectAttribute)
        self.source = _enum(definitions["funding_source"], FundingSource)
        self.operator = _enum(definitions["operator"], Operator)
        self.basis = _enum(definitions["basis"], StandardBasis)
        self.period = _enum(definitions["period"], Period)


def _plain(definition: Any) -> Any:
    """A property's definition without its description (which checks nothing)."""
    if not isinstance(definition, dict):
        return definition
    return {key: value for key, value in definition.items() if key not in _DESCRIBED}


def _array(definition: dict[str, Any], items: str) -> int:
    """The most items of an array of ``items`` with no other constraint."""
    if set(definition) - {"description", "type", "items", "maxItems"}:
        raise UnexpectedError
    if definition["type"] != "array" or definition["items"] != _ref(items):
        raise UnexpectedError
    most: int = definition["maxItems"]
    return most


def _object(definition: dict[str, Any], name: str) -> Shape:
    """Required keys and the most properties of an object definition open to other keys."""
    if set(definition) - _OBJECT_KEYS - {"maxProperties"} or definition["type"] != "object":
        raise UnexpectedError
    if definition.get("additionalProperties", True) is not True:
        raise UnexpectedError
    properties = definition["properties"]
    if set(properties) != set(LAYOUT[name]):
        raise UnexpectedError
    for key, expected in LAYOUT[name].items():
        if expected != ITEMS and _plain(properties[key]) != expected:
            raise UnexpectedError
    return frozenset(definition["required"]), definition["maxProperties"]


def _string(definition: dict[str, Any]) -> int:
    """The most characters of a string definition with no other constraint."""
    if set(definition) - {"description", "type", "maxLength"} or definition["type"] != "string":
        raise UnexpectedError
    most: int = definition["maxLength"]
    return most


def _pattern(
    definition: dict[str, Any], *, nullable: bool, extra: dict[str, str] | None = None
) -> tuple[int, re.Pattern[str]]:
    """The most characters and the pattern (searched, as the schema does) of a string."""
    extra = extra or {}
    if set(definition) - {"description", "type", "maxLength", "pattern"} - set(extra):
        raise UnexpectedError
    if any(definition.get(key, value) != value for key, value in extra.items()):
        raise UnexpectedError
    if definition["type"] != (["string", "null"] if nullable else "string"):
        raise UnexpectedError
    return definition["maxLength"], re.compile(definition["pattern"])


def _enum(definition: dict[str, Any], kind: type[Enum]) -> dict[str, Any]:
    """The members both the schema and the reader accept, by value."""
    if set(definition) - {"description", "enum"}:
        raise UnexpectedError
    return {item.value: item for item in kind if item.value in definition["enum"]}
