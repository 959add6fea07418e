"""data.json read by type (msgspec): the same year, refusals and words as the checked way."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.exchange.test_data_reader import (
    ACCEPTED,
    CHANGES,
    SCHEMA_CHANGES,
    _document,
    older_layout,
)
from unionperf.demo.data import demo_years
from unionperf.domain.year import Stage
from unionperf.exchange import data_typed, json_limits, package, schemas, walk_rules
from unionperf.exchange.codec import for_stage
from unionperf.exchange.codec_write import year_to_json
from unionperf.exchange.data_reader import read_data
from unionperf.exchange.errors import PackageError

EXTRA_KEYS = {"progress extra keys allowed", "budget line extra key allowed"}
"""Accepted changes the typed path leaves to the checked one (a key it does not know)."""


def _text(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _reference(data: bytes) -> Any:
    """What verification made of data.json before the typed path: parse, version, read."""
    try:
        document = json_limits.load(package.DATA_JSON, data)
        version = document.get("format_version") if isinstance(document, dict) else None
        package._check_data_version(version, "data.json 的 format_version")
        return read_data(document, "data.json")
    except PackageError as error:
        return (error.code, str(error))


def _verified(data: bytes) -> Any:
    """What verification makes of it now (the typed path first)."""
    try:
        return package._data({package.DATA_JSON: data})[1]
    except PackageError as error:
        return (error.code, str(error))


def _typed_year(data: bytes) -> Any:
    """The year the typed path alone reads (``None``: it leaves the document to the checked way)."""
    typed = data_typed.decode(data)
    if typed is None:
        return None
    return package.read_walked(typed.rest, typed.walked)


@pytest.mark.parametrize("stage", ["targets", "monitoring", "self-evaluation"])
def test_every_demo_year_and_stage_is_read_by_type_to_the_same_year(stage):
    for data in demo_years():
        name = f"monitoring-{data.year}-06-30" if stage == "monitoring" else stage
        text = _text(year_to_json(for_stage(data, Stage.parse(name))))
        year = _typed_year(text)
        assert year is not None  # the typed path took it
        assert year == _reference(text)
        assert _verified(text) == year


def test_the_decimals_keep_their_digits_as_written():
    document = _document()
    indicator = document["projects"][0]["targets"]["indicators"][0]
    indicator.update(target="007.50", points="-0.000")
    document["monitoring"][0]["executed"] = "-0.00"
    text = _text(document)
    year = _typed_year(text)
    assert year is not None
    assert year == _reference(text)
    read = year.projects[0].targets.indicators[0]
    assert (str(read.target), str(read.points)) == ("7.50", "-0.000")
    assert str(year.monitoring[0].executed) == "-0.00"


def test_an_older_layout_without_the_later_keys_is_read_by_type():
    document = older_layout(_document())
    document.pop("arrivals")
    text = _text(document)
    year = _typed_year(text)
    assert year is not None
    assert year == _reference(text)
    assert year.arrivals == ()
    assert not any(project.clear_out for project in year.projects)


@pytest.mark.parametrize("name", list(CHANGES))
def test_every_change_is_refused_or_accepted_as_before_with_the_same_words(name):
    document = _document()
    CHANGES[name](document)
    text = _text(document)
    expected = _reference(text)
    assert _verified(text) == expected
    typed = _typed_year(text)
    if name in ACCEPTED and name not in EXTRA_KEYS:
        assert typed == expected  # accepted, and by the typed path
    else:
        assert typed is None or typed == expected


def _replace_once(text: bytes, old: bytes, new: bytes) -> bytes:
    assert old in text
    return text.replace(old, new, 1)


TEXT_CHANGES = {
    "a key twice in a progress record": lambda t: _replace_once(
        t, b'"indicator_uid": ', b'"note": "", "indicator_uid": '
    ),
    "a key twice in a project": lambda t: _replace_once(t, b'"uid": "p', b'"uid": "x", "uid": "p'),
    "a key twice at the top": lambda t: _replace_once(t, b'"year": ', b'"budget": [], "year": '),
    "a key twice in the settings": lambda t: _replace_once(
        t, b'"settings": {', b'"settings": {"x": 1, "x": 2, '
    ),
    "a key unknown at the top": lambda t: _replace_once(t, b'"year": ', b'"note": "", "year": '),
    "NaN in the settings": lambda t: _replace_once(t, b'"settings": {', b'"settings": {"x": NaN, '),
    "a lone surrogate in a text": lambda t: _replace_once(t, b'"note": ""', b'"note": "\\ud800"'),
    "a byte-order mark": lambda t: b"\xef\xbb\xbf" + t,
    "trailing garbage": lambda t: t + b" x",
    "a number in exponent form": lambda t: _replace_once(
        t, b'"points": "', b'"points": 1e1, "x": "'
    ),
}


@pytest.mark.parametrize("name", list(TEXT_CHANGES))
def test_a_change_of_the_text_is_refused_or_accepted_as_before(name):
    text = TEXT_CHANGES[name](_text(_document()))
    expected = _reference(text)
    assert _verified(text) == expected
    typed = _typed_year(text)
    assert typed is None or typed == expected
    if "twice" in name:
        assert isinstance(expected, tuple)
        assert expected[0] == "json"
        assert typed is None


@pytest.mark.parametrize(
    "note",
    [
        'a:b "c":: {d} [e]',
        "\\:\\\\:\\",
        '":"',
        "时间 10:30，地点：会议室",
        "\u003a\u0022",
    ],
)
def test_texts_holding_colons_quotes_and_escapes_are_read_by_type(note):
    document = _document()
    record = next(p for e in document["monitoring"] for p in e["progress"])
    record["note"] = note
    document["settings"] = {**document["settings"]}  # the untyped part, unchanged
    text = json.dumps(document, ensure_ascii=True).encode("ascii")
    year = _typed_year(text)
    assert year is not None
    assert year == _reference(text)
    assert any(p.note == note for e in year.monitoring for p in e.progress)


def test_a_key_written_with_an_escape_counts_once():
    text = _replace_once(_text(_document()), b'"measure": ', b'"\\u006deasure": ')
    assert _verified(text) == _reference(text)


_DIGITS = st.text("0123456789", min_size=1, max_size=17)


@settings(max_examples=200, deadline=None)
@given(
    sign=st.sampled_from(["", "-", "+", " "]),
    whole=_DIGITS,
    point=st.sampled_from(["", ".", ",", "e"]),
    fraction=st.text("0123456789", max_size=32),
    end=st.sampled_from(["", "\n", " ", "x"]),
)
def test_any_decimal_text_is_read_or_refused_as_the_reader_does(sign, whole, point, fraction, end):
    document = _document()
    record = next(p for e in document["monitoring"] for p in e["progress"])
    record["actual"] = f"{sign}{whole}{point}{fraction}{end}"
    document["budget"][0]["budget"] = f"{sign}{whole}{point}{fraction[:2]}{end}"
    text = _text(document)
    expected = _reference(text)
    typed = _typed_year(text)
    assert _verified(text) == expected
    if isinstance(expected, tuple):
        assert typed is None
    else:
        assert typed == expected
        read = next(p for e in typed.monitoring for p in e.progress).actual
        assert read.as_tuple() == Decimal(record["actual"]).as_tuple()


@pytest.mark.parametrize("name", list(SCHEMA_CHANGES))
def test_a_schema_the_walk_does_not_know_switches_the_typed_path_off_too(name):
    changed = copy.deepcopy(schemas.schema("data"))
    SCHEMA_CHANGES[name](changed)
    with pytest.raises(walk_rules.UnexpectedError):
        data_typed._Types(walk_rules.WalkRules(changed), changed)


TYPED_SCHEMA_CHANGES = {
    "another property optional": lambda s: s["definitions"]["progress"]["required"].remove("note"),
    "a walked part optional": lambda s: s["required"].remove("budget"),
    "fewer properties allowed than known": lambda s: s["definitions"]["reason"].update(
        maxProperties=1
    ),
}


@pytest.mark.parametrize("name", list(TYPED_SCHEMA_CHANGES))
def test_a_schema_the_types_cannot_say_switches_the_typed_path_off(name):
    changed = copy.deepcopy(schemas.schema("data"))
    data_typed._Types(walk_rules.WalkRules(changed), changed)  # as written: expressed
    TYPED_SCHEMA_CHANGES[name](changed)
    with pytest.raises(walk_rules.UnexpectedError):
        data_typed._Types(walk_rules.WalkRules(changed), changed)


def test_with_the_typed_path_off_every_document_takes_the_checked_path(monkeypatch):
    monkeypatch.setattr(data_typed, "_types", lambda: None)
    text = _text(_document())
    assert data_typed.decode(text) is None
    assert _verified(text) == _reference(text)


@pytest.mark.parametrize(
    "text",
    [b'{"a": 1, "b": {"c": [1, {"d": 2}]}}', b'{"a:b": "c:d", "e": "\\":"}', b"[]", b'"x:y"'],
)
def test_the_keys_of_a_text_are_its_colons_outside_strings(text):
    def keys(value: Any) -> int:
        if isinstance(value, dict):
            return len(value) + sum(keys(item) for item in value.values())
        if isinstance(value, list):
            return sum(keys(item) for item in value)
        return 0

    assert json_limits.keys_in(text) == keys(json.loads(text))


def test_the_decoder_refuses_what_json_readers_disagree_on():
    # the reasons the count of keys exists: a typed decoder keeps the last of a repeated key
    class Record(msgspec.Struct):
        a: str

    assert msgspec.json.decode(b'{"a": "x", "a": "y"}', type=Record).a == "y"
    with pytest.raises(PackageError, match="重复"):
        json_limits.load(package.DATA_JSON, b'{"a": "x", "a": "y"}')


def test_texts_known_to_match_are_not_checked_again_and_others_still_are(monkeypatch):
    types = data_typed._types()
    assert types is not None
    monkeypatch.setattr(types, "matched", {kind: set() for kind in types.patterns})
    document = _document()
    assert _typed_year(_text(document)) is not None
    amount = document["budget"][0]["budget"]
    assert amount in types.matched["money"]
    calls = []
    search, whole = types.patterns["money"]
    monkeypatch.setitem(
        types.patterns, "money", (lambda text: calls.append(text) or search(text), whole)
    )
    assert _typed_year(_text(document)) is not None
    assert calls == []  # every amount was known
    document["budget"][0]["budget"] = amount + "0"  # three decimals: never matched
    text = _text(document)
    assert _typed_year(text) is None
    assert calls == [amount + "0"]
    assert _verified(text) == _reference(text)
    monkeypatch.setattr(data_typed, "_MATCHED_MOST", 0)
    document["budget"][0]["budget"] = "12.34"
    assert _typed_year(_text(document)) is not None
    assert types.matched["money"] == {"12.34"}  # full: started again with this text only
