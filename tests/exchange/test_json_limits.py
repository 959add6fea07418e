"""The bracket count and the depth scan of a JSON member, done in one pass over its bytes."""

from __future__ import annotations

import pytest

from unionperf.exchange import json_limits
from unionperf.exchange.errors import PackageError

TEXTS = [
    b"{}",
    b'{"a": [1, 2, {"b": "[[{"}]}',
    b'["\\\\", "\\"]", "{\\\\\\"["]',
    b'{"a":' * 40 + b"1" + b"}" * 40,
    b"[" * 50,
    b'"' + b"[" * 10 + b'"',
    b'["unterminated [[[ string',
    '{"名": "【】[中文]{}"}'.encode(),
]


@pytest.mark.parametrize("text", TEXTS)
def test_one_pass_counts_the_brackets_as_before(text):
    structure = json_limits._brackets_and_quotes(text)
    assert len(structure) - structure.count(b'"') == json_limits.brackets(text)
    assert json_limits._deeper(structure, json_limits.MAX_DEPTH) == json_limits.depth_above(text)


def test_too_many_brackets_are_refused_before_the_depth_and_the_parse(monkeypatch):
    monkeypatch.setattr(json_limits, "MAX_BRACKETS", 13)
    text = b'{"a": ["[[[[", [], [], {}]}'
    assert json_limits.brackets(text) == 14
    with pytest.raises(PackageError) as refused:
        json_limits.load("data/data.json", text)
    assert refused.value.code == "json-size"
    assert str(refused.value) == "data.json 中的数组和对象过多（括号超过13个），未读取"
    nested = b"[" * 14
    with pytest.raises(PackageError) as refused:
        json_limits.load("data/data.json", nested)
    assert refused.value.code == "json-size"  # the count comes first, then the depth
    monkeypatch.setattr(json_limits, "MAX_BRACKETS", 14)
    assert json_limits.load("data/data.json", text) == {"a": ["[[[[", [], [], {}]}


def test_too_deep_is_refused_after_the_count():
    with pytest.raises(PackageError) as refused:
        json_limits.load("data/data.json", b"[" * 40 + b"]" * 40)
    assert refused.value.code == "json-depth"


def _old_brackets_and_quotes(text: bytes) -> bytes:
    """The structure as the scan made it before it skipped the escape passes without escapes."""
    return text.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, json_limits._OTHER_BYTES)


def _old_deeper(text: bytes, limit: int) -> bool:
    """The depth as the scan found it before its shortcut for strings without brackets."""
    text = text.replace(b'""', b"")
    if b'"' in text:
        text = json_limits._STRING.sub(b"", text).replace(b'"', b"")
    text = text.translate(json_limits._PARENTHESES)
    too_deep = b"(" * (limit + 1)
    for level in range(limit + 1):
        if not text:
            return False
        if too_deep in text:
            return True
        shorter = text.replace(b"()", b"")
        if len(shorter) == len(text):
            return level + text.count(b"(") > limit
        text = shorter
    return bool(text)


MORE_TEXTS = [
    *TEXTS,
    b'["[", "]"]',
    b'{"a": "]]]", "b": [[[[["x"]]]]]}',
    b'[""' + b"[" * 33 + b"]" * 33 + b"]",
    b'["a\\\\"]',
    b'["a\\\\\\"]", "[["]',
    b"[" * 33 + b'"' + b"]" * 33,
    b'[["", ""], "" , "[" ]',
]


@pytest.mark.parametrize("text", MORE_TEXTS)
@pytest.mark.parametrize("limit", [1, 2, 5, json_limits.MAX_DEPTH])
def test_the_shortcuts_give_the_old_structure_and_depth(text, limit):
    structure = json_limits._brackets_and_quotes(text)
    assert structure == _old_brackets_and_quotes(text)
    assert json_limits._deeper(structure, limit) == _old_deeper(structure, limit)
