"""An opinion of the upper level names only what the unit's data holds."""

from __future__ import annotations

import pytest

from unionperf.demo.data import demo_year
from unionperf.domain.feedback import (
    Decision,
    Opinion,
    opinion_fields,
    opinion_from_fields,
    unknown_reference,
)


@pytest.fixture(scope="module")
def data():
    return demo_year(2024)


def _opinion(owner: str = "", item: str = "") -> Opinion:
    return Opinion(owner, item, "", "", "请修改")


def test_opinions_on_what_the_data_holds_are_fine(data):
    project = data.projects[0]
    for opinion in (
        _opinion(),
        _opinion("unit"),
        _opinion("unit", data.unit_targets.indicators[0].uid),
        _opinion(project.uid),
        _opinion(project.uid, project.targets.indicators[-1].uid),
    ):
        assert unknown_reference(opinion, data) is None


def test_an_unknown_project_is_named(data):
    assert unknown_reference(_opinion("abc123"), data) == "项目（abc123）不在该单位报送的数据中"


def test_an_unknown_indicator_is_named_with_its_owner(data):
    project = data.projects[0]
    assert unknown_reference(_opinion(project.uid, "x9"), data) == (
        f"指标（x9）不在该单位报送的项目（{project.uid}）的绩效目标中"
    )
    assert unknown_reference(_opinion("unit", "x9"), data) == (
        "指标（x9）不在该单位报送的单位整体的绩效目标中"
    )


def test_an_indicator_of_another_owner_is_unknown(data):
    first, second = data.projects[:2]
    other = second.targets.indicators[0].uid
    assert unknown_reference(_opinion(first.uid, other), data) is not None
    assert unknown_reference(_opinion("unit", other), data) is not None


def test_an_item_needs_an_owner(data):
    item = data.projects[0].targets.indicators[0].uid
    assert unknown_reference(_opinion("", item), data) == (
        f"指标（{item}）未指明所属的项目或单位整体（owner）"
    )


def test_decision_labels():
    assert [decision.label for decision in Decision] == ["通过", "退回"]


def test_an_opinion_round_trips_through_its_fields():
    opinion = Opinion("p1", "i1", "target", "目标值", "偏低")
    assert opinion_fields(opinion) == {
        "owner": "p1",
        "item": "i1",
        "field": "target",
        "label": "目标值",
        "text": "偏低",
    }
    assert opinion_from_fields(opinion_fields(opinion)) == opinion
    assert opinion_from_fields("旧格式的意见") == Opinion("", "", "", "", "旧格式的意见")
