"""A value of ``data.json`` with its path, and the value checks of the reader (``codec_read``).

Errors name the JSON path of the bad value (``projects[2].funding[0].adjusted``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import TypeGuard, TypeVar

from unionperf.exchange.codec import CodecError

_MONEY = re.compile(r"-?[0-9]+\.[0-9]{2}")
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CUTOFF = re.compile(r"[0-9]{2}-[0-9]{2}")
_VERSION = re.compile(r"([0-9]+)\.([0-9]+)")
_SHOWN = 40
"""At most this many characters of a bad value are quoted in a message."""
_SHOWN_BITS = 128
_YEARS = (1, 9999)
"""The years a date can have."""
_COUNTS = (0, 2**53 - 1)
"""Head counts: not negative, and exact in every JSON reader (RFC 8259 §6)."""

_T = TypeVar("_T")
_E = TypeVar("_E", bound=StrEnum)


def _show(value: object) -> str:
    """A short, safe rendering of a bad JSON value for a message."""
    if isinstance(value, str):
        return f"“{_clip(value)}”"
    if isinstance(value, dict):
        return "对象"
    if isinstance(value, list):
        return "数组"
    if _is_integer(value) and value.bit_length() > _SHOWN_BITS:
        return "过大的整数"  # repr() of a huge int is slow or refused (sys.int_info)
    return _clip(_scalar(value))


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _clip(text: str) -> str:
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


@cache
def _members(kind: type[_E]) -> dict[str, _E]:
    return {item.value: item for item in kind}


def _is_integer(value: object) -> TypeGuard[int]:
    """A JSON integer: an ``int`` that is not a ``bool`` (and never a float like ``2.0``)."""
    return isinstance(value, int) and not isinstance(value, bool)


class _At:
    """A JSON value and where it sits in data.json (``projects[2].funding[0].adjusted``).

    The path is kept as a parent link and a step and spelled out only for an error message:
    reading a large unit visits some 600,000 values.
    """

    __slots__ = ("_parent", "_step", "value")

    def __init__(self, value: object, parent: _At | None = None, step: str | int = "") -> None:
        self.value = value
        self._parent = parent
        self._step = step

    @property
    def path(self) -> str:
        """``projects[2].funding[0].adjusted``, or ``""`` for the document itself."""
        if self._parent is None:
            return str(self._step)
        parent = self._parent.path
        if isinstance(self._step, int):
            return f"{parent}[{self._step}]"
        return f"{parent}.{self._step}" if parent else self._step

    def error(self, problem: str) -> CodecError:
        where = f"data.json 中 {self.path} " if self.path else "data.json "
        return CodecError(where + problem)

    def mapping(self) -> dict[str, object]:
        if not isinstance(self.value, dict):
            raise self.error(f"不是对象：{_show(self.value)}")
        return self.value

    def field(self, key: str) -> _At:
        mapping = self.mapping()
        if key not in mapping:
            raise _At(None, self, key).error("缺失")
        return _At(mapping[key], self, key)

    def later(self, key: str) -> _At:
        """A key added by a later minor version: ``null`` when an older writer left it out."""
        mapping = self.mapping()
        return _At(mapping.get(key), self, key)

    def items(self) -> list[_At]:
        if not isinstance(self.value, list):
            raise self.error(f"不是数组：{_show(self.value)}")
        return [_At(value, self, index) for index, value in enumerate(self.value)]

    def entries(self) -> list[tuple[str, _At]]:
        return [(key, self.field(key)) for key in self.mapping()]

    def text(self) -> str:
        if not isinstance(self.value, str):
            raise self.error(f"不是文字：{_show(self.value)}")
        return self.value

    def integer(self, low: int, high: int) -> int:
        if not _is_integer(self.value):
            raise self.error(f"不是整数：{_show(self.value)}")
        if not low <= self.value <= high:
            raise self.error(f"不在 {low} 到 {high} 之间：{_show(self.value)}")
        return self.value

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            raise self.error(f"不是 true 或 false：{_show(self.value)}")
        return self.value

    def matching(self, pattern: re.Pattern[str], what: str) -> str:
        if not isinstance(self.value, str) or not pattern.fullmatch(self.value):
            raise self.error(f"不是{what}：{_show(self.value)}")
        return self.value

    def money(self) -> Decimal:
        return Decimal(self.matching(_MONEY, "金额"))

    def decimal(self) -> Decimal:
        return Decimal(self.matching(_DECIMAL, "数值"))

    def day(self) -> date:
        text = self.matching(_DATE, "日期（YYYY-MM-DD）")
        try:
            return date.fromisoformat(text)
        except ValueError as error:
            raise self.error(f"不是有效日期：{_show(text)}") from error

    def enum(self, kind: type[_E]) -> _E:
        members: dict[str, _E] = _members(kind)
        found: _E | None = members.get(self.value) if isinstance(self.value, str) else None
        if found is None:
            raise self.error(f"不是允许的值（{'、'.join(members)}）：{_show(self.value)}")
        return found

    def optional(self, read: Callable[[_At], _T]) -> _T | None:
        return None if self.value is None else read(self)
