"""data.json read in one pass where it counts: the same year, the same refusals, same words."""

from __future__ import annotations

import copy
import gc
import json
from typing import Any

import pytest

from unionperf.demo.data import demo_years
from unionperf.domain.year import Stage
from unionperf.exchange import data_reader, schemas
from unionperf.exchange.codec import CodecError, for_stage
from unionperf.exchange.codec_read import year_from_json
from unionperf.exchange.codec_write import year_to_json
from unionperf.exchange.data_reader import read_data
from unionperf.exchange.errors import PackageError
from unionperf.exchange.gc_pause import without_automatic_collection


def _document() -> dict[str, Any]:
    """The demo's 2024 self-evaluation data.json, parsed (monitoring entries with progress)."""
    data = demo_years()[-1]
    document = json.loads(json.dumps(year_to_json(for_stage(data, Stage.parse("self-evaluation")))))
    assert any(entry["progress"] for entry in document["monitoring"])
    assert any(p["reasons"] for e in document["monitoring"] for p in e["progress"])
    return document


def _checked(document: Any) -> Any:
    """What verification did before: the schema, then the reader (the reference)."""
    try:
        schemas.validate("data", document, "data.json")
        return year_from_json(document)
    except CodecError as error:
        return ("schema", str(error))
    except PackageError as error:
        return (error.code, str(error))


def _read(document: Any) -> Any:
    try:
        return read_data(document, "data.json")
    except PackageError as error:
        return (error.code, str(error))


def test_a_valid_document_reads_to_the_same_year_in_the_fast_walk():
    document = _document()
    assert data_reader._fast_monitoring(document) is not None  # the fast walk took it
    assert _read(document) == _checked(document)


def _progress(document: dict[str, Any]) -> dict[str, Any]:
    return next(p for e in document["monitoring"] for p in e["progress"] if p["reasons"])


def _entry(document: dict[str, Any]) -> dict[str, Any]:
    return next(e for e in document["monitoring"] if e["progress"])


CHANGES = {
    "decimal not a number": lambda d: _progress(d).update(actual="12a"),
    "decimal with a newline": lambda d: _progress(d).update(actual="12\n"),
    "decimal too long": lambda d: _progress(d).update(actual="1." + "0" * 46),
    "decimal as a number": lambda d: _progress(d).update(forecast=12),
    "integer part too long": lambda d: _progress(d).update(actual="1" * 16),
    "tier unknown": lambda d: _progress(d).update(tier="great"),
    "tier true": lambda d: _progress(d).update(tier=True),
    "likelihood a list": lambda d: _progress(d).update(likelihood=[]),
    "text too long": lambda d: _progress(d).update(note="字" * 32768),
    "text a number": lambda d: _progress(d).update(measure=3),
    "uid too long": lambda d: _progress(d).update(indicator_uid="u" * 129),
    "progress key missing": lambda d: _progress(d).pop("note"),
    "progress too many keys": lambda d: _progress(d).update({f"k{n}": 0 for n in range(95)}),
    "progress extra keys allowed": lambda d: _progress(d).update(extra={"any": [1]}),
    "reasons not a list": lambda d: _progress(d).update(reasons={}),
    "reasons false": lambda d: _progress(d).update(reasons=False),
    "reasons too many": lambda d: _progress(d).update(reasons=_progress(d)["reasons"] * 17),
    "reason category unknown": lambda d: _progress(d)["reasons"][0].update(category="luck"),
    "reason not an object": lambda d: _progress(d)["reasons"].append("funding"),
    "money with one decimal": lambda d: _entry(d).update(executed="1.5"),
    "money too long": lambda d: _entry(d).update(forecast="1" * 17 + ".00"),
    "suspension null": lambda d: _entry(d).update(suspension=None),
    "progress not a list": lambda d: _entry(d).update(progress=None),
    "entry not an object": lambda d: d["monitoring"].append([]),
    "monitoring not a list": lambda d: d.update(monitoring={}),
    "monitoring missing": lambda d: d.pop("monitoring"),
    "elsewhere: year a text": lambda d: d.update(year="2024"),
    "elsewhere and in monitoring": lambda d: (
        d.update(year="2024"),
        _progress(d).update(actual="x"),
    ),
    "elsewhere: reader only": lambda d: d.update(catalogue="no-such-catalogue"),
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_every_change_is_refused_or_accepted_as_before_with_the_same_words(name):
    document = _document()
    CHANGES[name](document)
    expected = _checked(copy.deepcopy(document))
    assert _read(document) == expected


def test_a_schema_the_walk_does_not_know_switches_it_off(monkeypatch):
    changed = copy.deepcopy(schemas.schema("data"))
    changed["definitions"]["progress"]["properties"]["note"] = {"$ref": "#/definitions/uid"}
    monkeypatch.setattr(data_reader, "_rules", lambda: data_reader._Rules(changed))
    with pytest.raises(data_reader._UnexpectedError):
        data_reader._Rules(changed)
    document = _document()
    monkeypatch.setattr(
        data_reader, "_rules", lambda: (_ for _ in ()).throw(data_reader._UnexpectedError())
    )
    assert data_reader._fast_monitoring(document) is None
    assert _read(document) == _checked(document)


def test_compiling_a_schema_leaves_the_schema_document_as_written():
    before = copy.deepcopy(schemas.schema("data"))
    schemas.validate("data", _document(), "data.json")
    assert schemas.schema("data") == before


@pytest.mark.parametrize("enabled", [True, False])
def test_collection_is_paused_and_restored_as_found(enabled):
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with without_automatic_collection():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
