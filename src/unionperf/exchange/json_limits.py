"""Reading a package's JSON members within limits: size and nesting depth checked before parsing.

Python's JSON parser recurses once per level of nesting, so a document nested a thousand levels
deep ends in a ``RecursionError`` rather than a refusal. The depth is therefore found first by a
cheap scan of the brackets outside strings, which neither parses nor recurses. The parser then
refuses what JSON readers disagree on: ``NaN`` and ``Infinity`` (not JSON) and repeated keys
(one reader takes the first value, another the last).
"""

from __future__ import annotations

import json
import re
from typing import Any

from unionperf.exchange.errors import PackageError

MAX_DEPTH = 32
"""Deepest nesting of arrays and objects in any package JSON file (data.json needs 8)."""
_MIB = 1 << 20
MAX_BYTES = {
    "data/package.json": 8 * _MIB,
    "data/data.json": 64 * _MIB,
    "data/feedback.json": 8 * _MIB,
    "data/keys/announcements.json": 1 * _MIB,
}
"""Largest size of each JSON member, in bytes (a large unit's data.json is 14 MB)."""

MAX_BRACKETS = 2_000_000
"""Most brackets (``[]{}``, in strings or not) in one JSON file; a large unit's data.json has
260,000. It bounds the work of the depth scan whatever the file holds."""

_STRING = re.compile(rb'"[^"]*"')
_OTHER_BYTES = bytes(byte for byte in range(256) if byte not in b'[]{}"')
_PARENTHESES = bytes.maketrans(b"[{]}", b"(())")


def brackets(data: bytes) -> int:
    """How many brackets ``[]{}`` a JSON text holds, in strings or not."""
    return sum(data.count(bracket) for bracket in (b"[", b"]", b"{", b"}"))


def depth_above(data: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether the arrays and objects of a JSON text nest deeper than ``limit``.

    No parsing and no recursion: escaped characters are dropped, then everything but brackets
    and quotes, then the strings; the brackets left are written as ``(`` and ``)`` and each pass
    of the loop removes the innermost level. Brackets that are never closed count as levels too:
    a parser descends into them before it fails.
    """
    return _deeper(_brackets_and_quotes(data), limit)


def _brackets_and_quotes(data: bytes) -> bytes:
    """The brackets and the quotes of a JSON text, escaped characters dropped.

    Every bracket of ``data`` is kept (in strings or not): the number of brackets is the length
    less the quotes (what :func:`brackets` counts, without a second pass over the text).
    """
    return _without_escapes(data).translate(None, _OTHER_BYTES)


def _without_escapes(data: bytes) -> bytes:
    """A JSON text without its escaped backslashes and quotes: its quotes are the strings' own."""
    if b"\\" in data:  # a fast byte search; the two replaces each cost a slow pass
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    return data


def _deeper(text: bytes, limit: int) -> bool:
    """:func:`depth_above` of the text :func:`_brackets_and_quotes` left."""
    # Two adjacent quotes end one string and start the next (or are an empty string): dropping
    # them joins strings without moving a bracket in or out of one.
    if text.count(b'""') * 2 == text.count(b'"'):
        # Every quote is in a pair of adjacent ones (found left to right): no string holds a
        # bracket, and dropping the quotes is what the replace below does, in a cheaper pass.
        text = text.translate(None, b'"')
    else:
        text = text.replace(b'""', b"")
    if b'"' in text:
        text = _STRING.sub(b"", text).replace(b'"', b"")  # the last: a string left open
    text = text.translate(_PARENTHESES)
    too_deep = b"(" * (limit + 1)
    for level in range(limit + 1):
        if not text:
            return False
        if too_deep in text:
            return True
        shorter = text.replace(b"()", b"")
        if len(shorter) == len(text):  # closing brackets, then opening ones never closed
            return level + text.count(b"(") > limit
        text = shorter
    return bool(text)


def load(name: str, data: bytes) -> Any:
    """Parse the JSON member ``name`` after checking its size and nesting depth.

    Raises:
        PackageError: ``json-size`` (larger than :data:`MAX_BYTES` allows), ``json-depth``
            (nested deeper than :data:`MAX_DEPTH`), ``json`` (not UTF-8 JSON, ``NaN`` or
            ``Infinity``, a repeated key).
    """
    check(name, data)
    try:
        return parse(data)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        reason = " ".join(str(error).split())[:200]
        raise PackageError(
            "json", f"{name.removeprefix('data/')} 不是有效的 JSON（{reason}）"
        ) from error


def check(name: str, data: bytes) -> None:
    """The checks :func:`load` makes before parsing: size, number of brackets, depth.

    Raises:
        PackageError: ``json-size`` or ``json-depth``, as :func:`load` raises them.
    """
    label = name.removeprefix("data/")
    limit = MAX_BYTES.get(name, min(MAX_BYTES.values()))
    if len(data) > limit:
        raise PackageError("json-size", f"{label} 过大（{len(data)}字节，上限{limit}字节），未读取")
    structure = _brackets_and_quotes(data)  # one pass for the count and the depth
    if len(structure) - structure.count(b'"') > MAX_BRACKETS:  # brackets(data), as counted
        raise PackageError(
            "json-size", f"{label} 中的数组和对象过多（括号超过{MAX_BRACKETS}个），未读取"
        )
    if _deeper(structure, MAX_DEPTH):
        raise PackageError(
            "json-depth", f"{label} 的数组或对象嵌套超过{MAX_DEPTH}层（或括号不配对），未读取"
        )


def parse(data: bytes) -> Any:
    """UTF-8 JSON as :func:`load` parses it (no size or depth check of its own).

    Raises:
        UnicodeDecodeError, ValueError, RecursionError: not UTF-8 JSON, ``NaN`` or
            ``Infinity``, a repeated key (the parser's own sentence).
    """
    return json.loads(
        data.decode("utf-8"), parse_constant=_not_json, object_pairs_hook=_unique_keys
    )


_KEYS_AND_QUOTES = bytes(byte for byte in range(256) if byte not in b'":')


def keys_in(data: bytes) -> int:
    """How many object keys a JSON text holds: its colons outside strings.

    For valid JSON only (what a parser accepted): escaped characters are dropped, then all but
    the quotes and the colons; the quotes left are the strings' own, and a colon between two of
    them that belong together is in a string. When no string holds a colon, every quote has its
    partner right after it and all colons count; otherwise the strings are cut out first.
    """
    text = _without_escapes(data).translate(None, _KEYS_AND_QUOTES)
    if text.count(b'""') * 2 != text.count(b'"'):
        text = _STRING.sub(b"", text)
    return text.count(b":")


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} 不是 JSON 数值")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"键“{key[:40]}”重复出现")
            seen.add(key)
    return document
