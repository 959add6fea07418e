"""The JSON Schemas of ``package.json`` and ``data.json`` (copies in docs/schemas/), draft-07.

At run time the schemas are compiled to Python by ``fastjsonschema``: the reference validator
takes seconds on a large unit's data.json, the compiled one a fraction of that. The tests check the
same documents with the reference implementation (``jsonschema``) too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from typing import Any

import fastjsonschema

from unionperf.exchange.errors import PackageError

SCHEMAS = {
    "package": "package.schema.json",
    "data": "data.schema.json",
    "feedback": "feedback.schema.json",
    "params": "params.schema.json",
}


@cache
def schema(name: str) -> dict[str, Any]:
    """The schema document called ``package``, ``data``, ``feedback`` or ``params``."""
    text = (files("unionperf.exchange") / "schemas" / SCHEMAS[name]).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator(name: str) -> Callable[[Any], Any]:
    compiled: Callable[[Any], Any] = fastjsonschema.compile(schema(name), use_formats=False)
    return compiled


def validate(name: str, document: Any, label: str) -> None:
    """Check ``document`` against a schema.

    Raises:
        PackageError: ``schema`` with the first violation and where it is.
    """
    try:
        _validator(name)(document)
    except fastjsonschema.JsonSchemaValueException as error:
        where = str(error.name or "data").removeprefix("data")
        raise PackageError("schema", f"{label}{where} 不符合格式规范：{error.message}") from error
