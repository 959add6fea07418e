"""汇总 counts the projects assessed per conclusion (事前绩效评估) at the targets stage."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal as D

import pytest

from tests.exchange.packages import upper_workspace
from tests.services.upper_units import SubUnit, sub_unit
from unionperf.cli.upper_output import aggregate_json
from unionperf.domain.assessment import Conclusion
from unionperf.exchange.codec_assessment import conclusions_in, conclusions_in_text
from unionperf.services.common.workspace import Workspace
from unionperf.services.inbox.receive import receive
from unionperf.services.upper.aggregate import aggregate
from unionperf.services.upper.register import register
from unionperf.services.upper.tables import aggregate_tables

YEAR = 2024


def _concluded(unit: SubUnit, conclusion: Conclusion | None) -> SubUnit:
    """The unit with its (one) assessment's conclusion set (``None``: left empty).

    Its threshold is raised above the project's budget: the assessment becomes voluntary, so a
    negative or unfinished one does not stop the package (a required one must be positive).
    """
    [assessment] = unit.data.assessments
    settings = replace(unit.data.settings, assessment_threshold=D(10_000_000))
    unit.data = replace(
        unit.data,
        settings=settings,
        assessments=(replace(assessment, conclusion=conclusion),),
    )
    return unit


@pytest.fixture(scope="module")
def upper(tmp_path_factory) -> Iterator[tuple[Workspace, list[SubUnit]]]:
    """Four units' targets: 调整后通过 (the demo's), 不予通过, no conclusion, no assessment."""
    folder = tmp_path_factory.mktemp("exante")
    workspace = upper_workspace(folder / "upper")
    bare = sub_unit(4)
    bare.data = replace(
        bare.data,
        settings=replace(bare.data.settings, assessment_threshold=D(0)),
        assessments=(),
    )
    units = [
        sub_unit(1),
        _concluded(sub_unit(2), Conclusion.REJECT),
        _concluded(sub_unit(3), None),
        bare,
    ]
    for unit in units:
        register(
            workspace, unit.pub_file(folder / "keys"), unit.code, unit.name, key_id=unit.key_id
        )
    sent = [unit.send("targets", folder / "in") for unit in units]
    sent.append(units[0].send("self-evaluation", folder / "in"))
    outcomes = receive(workspace, sent)
    assert [item.refused for item in outcomes] == [False] * 5, [o.message for o in outcomes]
    yield workspace, units
    workspace.close()


def _counts(result) -> list[tuple[str, int, int]]:
    return [(row.label, row.projects, row.units) for row in result.assessments]


def test_the_targets_aggregation_counts_projects_per_conclusion(upper):
    workspace, _units = upper
    result = aggregate(workspace, YEAR, "targets")
    assert _counts(result) == [
        ("通过", 0, 0),
        ("调整后通过", 1, 1),
        ("不予通过", 1, 1),
        ("结论未填写", 1, 1),
    ]


def test_a_group_counts_its_own_units_only(upper):
    workspace, units = upper
    result = aggregate(workspace, YEAR, "targets", units=[units[0].code, units[3].code])
    assert _counts(result) == [("通过", 0, 0), ("调整后通过", 1, 1), ("不予通过", 0, 0)]


def test_other_stages_carry_no_assessment_counts(upper):
    workspace, _units = upper
    result = aggregate(workspace, YEAR, "self-evaluation")
    assert result.assessments == []
    assert aggregate_json(result)["ex_ante_assessments"] == []
    assert "事前绩效评估" not in [table.title for table in aggregate_tables(result)]


def test_json_and_workbook_carry_the_counts(upper):
    workspace, _units = upper
    result = aggregate(workspace, YEAR, "targets")
    listed = aggregate_json(result)["ex_ante_assessments"]
    assert listed[1] == {
        "conclusion": "pass_adjusted",
        "label": "调整后通过",
        "projects": 1,
        "units": 1,
    }
    assert listed[3]["conclusion"] is None
    table = next(t for t in aggregate_tables(result) if t.title == "事前绩效评估")
    assert [tuple(row) for row in table.rows] == [
        ("通过", 0, 0),
        ("调整后通过", 1, 1),
        ("不予通过", 1, 1),
        ("结论未填写", 1, 1),
    ]


def test_conclusions_are_read_leniently_from_a_document():
    assert conclusions_in({"format_version": "1.2"}) == []
    assert conclusions_in({"assessments": None}) == []
    assert conclusions_in(
        {"assessments": [{"conclusion": "reject"}, {"conclusion": ["x"]}, {}, "odd"]}
    ) == [Conclusion.REJECT, None, None, None]


def test_the_text_reader_agrees_with_the_whole_document():
    """Only the ``assessments`` value is decoded; a key-like text inside a string is not it."""
    tricky = {
        "unit": {"name": '工会 "assessments": [{"conclusion": "pass"}]'},
        "assessments": [{"conclusion": "reject"}, {"conclusion": None}],
    }
    for document in (
        tricky,
        {"unit": {"name": '"assessments": []'}},
        {"assessments": [{"conclusion": "pass"}], "nested": {"assessments": []}},
    ):
        for text in (json.dumps(document, ensure_ascii=False), json.dumps(document, indent=2)):
            assert conclusions_in_text(text) == conclusions_in(document)
    assert conclusions_in_text(json.dumps(tricky)) == [Conclusion.REJECT, None]
    with pytest.raises(json.JSONDecodeError, match="Expecting value"):
        conclusions_in_text('{"assessments": [')
