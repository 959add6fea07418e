"""The JSON Schemas of the package's JSON files (copies in docs/schemas/), draft-07.

At run time the schemas are compiled to Python by ``fastjsonschema``, once per process: the
reference validator takes seconds on a large unit's data.json, the compiled one a fraction of
that. The tests check the same documents with the reference implementation (``jsonschema``) too.

A value beyond one of the schemas' upper limits (too long, too many, too large, too many digits)
is refused with the code ``limit``; any other violation with ``schema``.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from typing import Any

import fastjsonschema

from unionperf.exchange.errors import PackageError, shown

SCHEMAS = {
    "package": "package.schema.json",
    "data": "data.schema.json",
    "feedback": "feedback.schema.json",
    "announcements": "announcements.schema.json",
    "params": "params.schema.json",
}
_UPPER_LIMITS = frozenset({"maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum"})
_NUMBER = re.compile(r"-?([0-9]+)(?:\.([0-9]+))?")
_MAX_INTEGER_DIGITS = 15
_MAX_FRACTION_DIGITS = 30
_SHOWN_DIGITS = 20
_SHOWN_BITS = 64


@cache
def schema(name: str) -> dict[str, Any]:
    """The schema document of that name (a key of :data:`SCHEMAS`)."""
    text = (files("unionperf.exchange") / "schemas" / SCHEMAS[name]).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator(name: str) -> Callable[[Any], Any]:
    # fastjsonschema rewrites the ``$ref``s of the document it compiles: give it a copy, so that
    # ``schema(name)`` stays the document as written.
    compiled: Callable[[Any], Any] = fastjsonschema.compile(
        copy.deepcopy(schema(name)), use_formats=False
    )
    return compiled


def validate(name: str, document: Any, label: str) -> None:
    """Check ``document`` against a schema.

    Raises:
        PackageError: ``limit`` for a value beyond an upper limit, else ``schema``, with the
            first violation and where it is (never the value itself when it is large).
    """
    try:
        _validator(name)(document)
    except fastjsonschema.JsonSchemaValueException as error:
        where = label + shown(str(error.name or "data").removeprefix("data"), 200)
        beyond = _beyond_limit(error)
        if beyond:
            raise PackageError("limit", f"{where} 超出限制：{beyond}") from error
        raise PackageError(
            "schema", f"{where} 不符合格式规范：{shown(error.message, 300)}"
        ) from error


def _beyond_limit(error: fastjsonschema.JsonSchemaValueException) -> str:
    """What upper limit the value exceeds, in Chinese, or ``""`` when it is another violation."""
    rule, value = error.rule, error.value
    definition = error.definition or {}
    bound = definition.get(rule or "")
    if rule == "maxLength" and isinstance(value, str):
        return f"文字长度{len(value)}个字符，上限{bound}个"
    if rule == "maxItems" and isinstance(value, list):
        return f"共{len(value)}项，上限{bound}项"
    if rule == "maxProperties" and isinstance(value, dict):
        return f"共{len(value)}个字段，上限{bound}个"
    if rule in _UPPER_LIMITS:
        return f"数值{_number(value)}，上限{bound}"
    if rule == "pattern" and isinstance(value, str):
        found = _NUMBER.fullmatch(value)
        if found and (
            len(found.group(1)) > _MAX_INTEGER_DIGITS
            or len(found.group(2) or "") > _MAX_FRACTION_DIGITS
        ):
            return (
                f"数值的位数过多（整数部分最多{_MAX_INTEGER_DIGITS}位，"
                f"小数部分最多{_MAX_FRACTION_DIGITS}位）"
            )
    return ""


def _number(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > _SHOWN_BITS:
        return "过大"
    text = str(value)
    return text if len(text) <= _SHOWN_DIGITS else text[:_SHOWN_DIGITS] + "…"
