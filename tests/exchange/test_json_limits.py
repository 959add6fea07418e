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
