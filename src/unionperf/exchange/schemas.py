"""The JSON Schemas of ``package.json`` and ``data.json`` (copies in docs/schemas/)."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft202012Validator

from unionperf.exchange.errors import PackageError

SCHEMAS = {"package": "package.schema.json", "data": "data.schema.json"}


@cache
def schema(name: str) -> dict[str, Any]:
    """The schema document called ``package`` or ``data``."""
    text = (files("unionperf.exchange") / "schemas" / SCHEMAS[name]).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name))


def validate(name: str, document: Any, label: str) -> None:
    """Check ``document`` against a schema.

    Raises:
        PackageError: ``schema`` with the first violation and where it is.
    """
    error = next(iter(sorted(_validator(name).iter_errors(document), key=_depth)), None)
    if error is None:
        return
    path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.path)
    raise PackageError("schema", f"{label}{path or ''} 不符合格式规范：{error.message}")


def _depth(error: Any) -> int:
    return len(list(error.path))
