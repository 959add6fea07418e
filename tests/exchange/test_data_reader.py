"""data.json read in one pass where it counts: the same year, the same refusals, same words."""

from __future__ import annotations

import copy
import gc
import json
from typing import Any

import pytest

from unionperf.demo.data import demo_years
from unionperf.domain.year import Stage
from unionperf.exchange import data_walk, schemas, walk_rules
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
    assert data_walk.walk(document) is not None  # the fast walk took it
    assert _read(document) == _checked(document)


@pytest.mark.parametrize("stage", ["targets", "monitoring-2024-06-30", "self-evaluation"])
def test_every_demo_year_and_stage_takes_the_walk_and_reads_the_same(stage):
    for data in demo_years():
        name = stage if not stage.startswith("monitoring") else f"monitoring-{data.year}-06-30"
        document = json.loads(json.dumps(year_to_json(for_stage(data, Stage.parse(name)))))
        assert data_walk.walk(document) is not None
        assert _read(document) == _checked(document)


def older_layout(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` without the keys later layouts added to projects and indicators."""
    for project in document["projects"]:
        project.pop("clear_out", None)
        project.pop("clear_out_reason", None)
        for indicator in project["targets"]["indicators"]:
            indicator.pop("target_upper", None)
    return document


def test_an_older_layout_without_the_later_keys_takes_the_walk():
    document = older_layout(_document())
    assert data_walk.walk(document) is not None
    assert _read(document) == _checked(document)


def _progress(document: dict[str, Any]) -> dict[str, Any]:
    return next(p for e in document["monitoring"] for p in e["progress"] if p["reasons"])


def _entry(document: dict[str, Any]) -> dict[str, Any]:
    return next(e for e in document["monitoring"] if e["progress"])


def _project(document: dict[str, Any]) -> dict[str, Any]:
    return document["projects"][0]


def _indicator(document: dict[str, Any]) -> dict[str, Any]:
    return next(i for i in _project(document)["targets"]["indicators"] if i["target"] is not None)


def _unit_indicator(document: dict[str, Any]) -> dict[str, Any]:
    return document["unit_targets"]["indicators"][0]


def _evaluation(document: dict[str, Any]) -> dict[str, Any]:
    return next(e for e in document["evaluations"] if e["results"])


def _result(document: dict[str, Any]) -> dict[str, Any]:
    return _evaluation(document)["results"][0]


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
    "project uid a number": lambda d: _project(d).update(uid=7),
    "project code too long": lambda d: _project(d).update(code="x" * 32768),
    "project category code too long": lambda d: _project(d).update(category_code="5" * 65),
    "project attribute unknown": lambda d: _project(d).update(attribute="old"),
    "project start not a date": lambda d: _project(d).update(start="2024-13-01"),
    "project start 30 February": lambda d: _project(d).update(start="2024-02-30"),
    "project end with a time": lambda d: _project(d).update(end="2024-12-31T00:00"),
    "project end full-width digits": lambda d: _project(d).update(end="２０２４-12-31"),
    "project start null": lambda d: _project(d).update(start=None),
    "project midterm budget null": lambda d: _project(d).update(midterm_budget=None),
    "project midterm budget no decimals": lambda d: _project(d).update(midterm_budget="100"),
    "project clear out null": lambda d: _project(d).update(clear_out=None),
    "project clear out 1": lambda d: _project(d).update(clear_out=1),
    "project clear out true": lambda d: _project(d).update(clear_out=True, clear_out_reason="差"),
    "project clear out reason null": lambda d: _project(d).update(clear_out_reason=None),
    "project key missing": lambda d: _project(d).pop("phone"),
    "project targets missing": lambda d: _project(d).pop("targets"),
    "project too many keys": lambda d: _project(d).update({f"k{n}": 0 for n in range(90)}),
    "funding not a list": lambda d: _project(d).update(funding={}),
    "funding too many": lambda d: _project(d).update(funding=_project(d)["funding"] * 17),
    "funding source unknown": lambda d: _project(d)["funding"][0].update(source="bank"),
    "funding executed a number": lambda d: _project(d)["funding"][0].update(executed=100),
    "funding adjusted with a newline": lambda d: _project(d)["funding"][0].update(
        adjusted="1.00\n"
    ),
    "targets owner too long": lambda d: _project(d)["targets"].update(owner_uid="u" * 129),
    "targets not an object": lambda d: _project(d).update(targets=[]),
    "indicators too many": lambda d: _project(d)["targets"].update(
        indicators=[_indicator(d)] * 201
    ),
    "indicator operator unknown": lambda d: _indicator(d).update(operator="≥"),
    "indicator target a float": lambda d: _indicator(d).update(target=1.5),
    "indicator target exponent": lambda d: _indicator(d).update(target="1e5"),
    "indicator points too many digits": lambda d: _indicator(d).update(points="1." + "0" * 31),
    "indicator core a number": lambda d: _indicator(d).update(core=0),
    "indicator period unknown": lambda d: _indicator(d).update(period="weekly"),
    "indicator basis null": lambda d: _indicator(d).update(basis=None),
    "indicator target upper bad": lambda d: _indicator(d).update(target_upper="x"),
    "indicator target upper set": lambda d: _indicator(d).update(
        operator="interval", target_upper="99"
    ),
    "indicator key missing": lambda d: _indicator(d).pop("explanation"),
    "unit indicator name a list": lambda d: _unit_indicator(d).update(name=[]),
    "unit targets missing": lambda d: d.pop("unit_targets"),
    "unit targets null": lambda d: d.update(unit_targets=None),
    "projects not a list": lambda d: d.update(projects={}),
    "project not an object": lambda d: d["projects"].append("p"),
    "evaluations missing": lambda d: d.pop("evaluations"),
    "evaluation owner null": lambda d: _evaluation(d).update(owner_uid=None),
    "evaluation analysis too long": lambda d: _evaluation(d).update(
        execution_analysis="析" * 32768
    ),
    "results too many": lambda d: _evaluation(d).update(results=[_result(d)] * 201),
    "result tier unknown": lambda d: _result(d).update(tier="done"),
    "result applicable null": lambda d: _result(d).update(applicable=None),
    "result score negative": lambda d: _result(d).update(score="-1.5"),
    "result deduction bad": lambda d: _result(d).update(deduction="1,5"),
    "result key missing": lambda d: _result(d).pop("improvement"),
    "assessment of an unknown project": lambda d: d["assessments"][0].update(project_uid="p-x"),
    "assessment of a project made unknown": lambda d: next(
        p for p in d["projects"] if p["uid"] == d["assessments"][0]["project_uid"]
    ).update(uid="p-renamed"),
    "assessment twice": lambda d: d["assessments"].append(copy.deepcopy(d["assessments"][0])),
    "elsewhere: budget line money bad": lambda d: d["budget"][0].update(budget="1"),
    "budget line money a number": lambda d: d["budget"][0].update(executed=12.5),
    "budget line code too long": lambda d: d["budget"][0].update(category_code="5" * 65),
    "budget line key missing": lambda d: d["budget"][0].pop("adjustment"),
    "budget line extra key allowed": lambda d: d["budget"][0].update(note="备注"),
    "budget line unknown category allowed": lambda d: d["budget"][0].update(category_code="999"),
    "budget not a list": lambda d: d.update(budget={}),
    "budget missing": lambda d: d.pop("budget"),
    "budget too many lines": lambda d: d.update(budget=[d["budget"][0]] * 501),
    "arrivals absent": lambda d: d.pop("arrivals"),
    "arrivals null": lambda d: d.update(arrivals=None),
    "arrivals empty": lambda d: d.update(arrivals=[]),
    "arrivals too many": lambda d: d.update(arrivals=[d["arrivals"][0]] * 1001),
    "arrival of an unknown point": lambda d: d["arrivals"][0].update(point_uid="m2024-13-01"),
    "arrival of an expense category": lambda d: d["arrivals"][0].update(category_code="501"),
    "arrival twice": lambda d: d["arrivals"].append(dict(d["arrivals"][0], amount="1.00")),
    "arrival amount bad": lambda d: d["arrivals"][0].update(amount="72000"),
    "arrival date not a calendar date": lambda d: d["arrivals"][0].update(received_on="2024-02-30"),
    "arrival date null": lambda d: d["arrivals"][0].update(received_on=None),
    "arrival note null": lambda d: d["arrivals"][0].update(note=None),
    "arrival not an object": lambda d: d["arrivals"].append(["m2024-03-31"]),
    "arrival key missing": lambda d: d["arrivals"][0].pop("received_on"),
}


ACCEPTED = {
    "progress extra keys allowed",
    "project start null",
    "project clear out true",
    "indicator target upper set",
    "result score negative",
    "budget line extra key allowed",
    "budget line unknown category allowed",
    "arrivals absent",
    "arrivals empty",
    "arrival date null",
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_every_change_is_refused_or_accepted_as_before_with_the_same_words(name):
    document = _document()
    CHANGES[name](document)
    expected = _checked(copy.deepcopy(document))
    assert _read(document) == expected
    # the accepted changes are read by the walk, the others refused on the checked path
    assert (name in ACCEPTED) is (not isinstance(expected, tuple))
    if name in ACCEPTED:
        assert data_walk.walk(document) is not None


SCHEMA_CHANGES = {
    "progress note a uid": lambda s: s["definitions"]["progress"]["properties"].update(
        note={"$ref": "#/definitions/uid"}
    ),
    "indicator with a new property": lambda s: s["definitions"]["indicator"]["properties"].update(
        weight={"$ref": "#/definitions/decimal"}
    ),
    "project closed to other keys": lambda s: s["definitions"]["project"].update(
        additionalProperties=False
    ),
    "money stricter than money_or_null": lambda s: s["definitions"]["money"].update(maxLength=12),
    "decimal other than decimal_or_null": lambda s: s["definitions"]["decimal"].update(
        pattern="^[0-9]+$"
    ),
    "text with a minimum": lambda s: s["definitions"]["text"].update(minLength=1),
    "a date format other than date": lambda s: s["definitions"]["date_or_null"].update(
        format="date-time"
    ),
    "results with a minimum": lambda s: s["definitions"]["evaluation"]["properties"][
        "results"
    ].update(minItems=1),
    "projects of another definition": lambda s: s["properties"]["projects"].update(
        items={"$ref": "#/definitions/evaluation"}
    ),
    "unit targets inline": lambda s: s["properties"].update(unit_targets={"type": "object"}),
    "arrival with a new property": lambda s: s["definitions"]["arrival"]["properties"].update(
        source={"$ref": "#/definitions/text"}
    ),
    "budget line amount nullable": lambda s: s["definitions"]["budget_line"]["properties"].update(
        executed={"$ref": "#/definitions/money_or_null"}
    ),
    "arrivals with a minimum": lambda s: s["properties"]["arrivals"].update(minItems=1),
    "a condition on the whole document": lambda s: s.update(
        dependencies={"projects": ["arrivals"]}
    ),
}


@pytest.mark.parametrize("name", list(SCHEMA_CHANGES))
def test_a_schema_the_walk_does_not_know_switches_it_off(name):
    changed = copy.deepcopy(schemas.schema("data"))
    walk_rules.WalkRules(changed)  # the schema as written is accepted
    SCHEMA_CHANGES[name](changed)
    with pytest.raises(walk_rules.UnexpectedError):
        walk_rules.WalkRules(changed)


def test_an_enumeration_narrower_in_the_schema_than_in_the_reader_is_applied():
    changed = copy.deepcopy(schemas.schema("data"))
    changed["definitions"]["funding_source"]["enum"].remove("other")
    assert "other" not in walk_rules.WalkRules(changed).source
    assert "own" in walk_rules.WalkRules(changed).source


def test_with_the_walk_switched_off_every_document_takes_the_checked_path(monkeypatch):
    def refuse() -> walk_rules.WalkRules:
        raise walk_rules.UnexpectedError

    monkeypatch.setattr(data_walk, "rules", refuse)
    document = _document()
    assert data_walk.walk(document) is None
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
