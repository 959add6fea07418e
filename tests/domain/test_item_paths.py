"""Readable item paths: every item of a year has one, each names exactly one item, and names that
repeat are told apart the same way on both sides."""

from __future__ import annotations

from dataclasses import replace

import pytest

from unionperf.demo.data import demo_large_year, demo_year
from unionperf.domain.assessment import ASSESSMENT_ITEM
from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.feedback import Opinion, unknown_reference
from unionperf.domain.item_paths import (
    BUDGET_OWNER,
    STAGE_PATH,
    ItemKind,
    item_refs,
    path_of,
    resolve,
)


@pytest.fixture(scope="module", params=[2023, 2024])
def data(request):
    return demo_year(request.param)


def _expected(data) -> set[tuple[str, str]]:
    """(owner, item) of every item the year holds, counted from the data itself."""
    expected = {("", ""), (UNIT_OWNER, "")}
    expected |= {(BUDGET_OWNER, line.category_code) for line in data.budget}
    expected |= {(UNIT_OWNER, item.uid) for item in data.unit_targets.indicators}
    for project in data.projects:
        expected.add((project.uid, ""))
        if data.assessment_of(project.uid) is not None:
            expected.add((project.uid, ASSESSMENT_ITEM))
        expected |= {(project.uid, item.uid) for item in project.targets.indicators}
    return expected


def test_paths_are_unique_and_complete_on_the_demo(data):
    refs = item_refs(data)
    paths = [ref.path for ref in refs]
    assert len(paths) == len(set(paths))
    assert {(ref.owner, ref.item) for ref in refs} == _expected(data)
    assert len(refs) == len(_expected(data))
    for ref in refs:
        assert resolve(data, ref.path) == ref
        assert path_of(data, ref.owner, ref.item) == ref.path


def test_the_worked_example_has_the_path_of_the_issue():
    data = demo_year(2024)
    ref = resolve(data, "项目/2024年职工文体活动经费/指标/举办职工文体活动场次")
    assert ref is not None
    assert ref.kind is ItemKind.INDICATOR
    project = data.project(ref.owner)
    assert project is not None
    assert project.name == "2024年职工文体活动经费"
    assert project.targets.indicator(ref.item).name == "举办职工文体活动场次"
    assert resolve(data, STAGE_PATH).kind is ItemKind.STAGE
    assert resolve(data, "单位整体").kind is ItemKind.UNIT
    assert resolve(data, "预算/支出/职工活动支出").item == "501"
    assert resolve(data, "预算/收入/会费收入").item == "401"
    # blanks and a full-width slash are forgiven; anything else is not found
    assert resolve(data, " 项目 ／2024年职工文体活动经费/ 指标/举办职工文体活动场次 ") == ref
    assert resolve(data, "项目/2024年职工文体活动经费/指标/没有这个指标") is None


def test_repeated_names_are_told_apart_by_code_then_level2_then_uid():
    data = demo_year(2024)
    first, second = data.projects[0], data.projects[1]
    one, same_level2, other_level2 = first.targets.indicators[:3]
    assert one.level2 == same_level2.level2 != other_level2.level2
    indicators = (
        one,
        replace(same_level2, name=one.name),
        replace(other_level2, name=one.name),
        *first.targets.indicators[3:],
    )
    first = replace(first, targets=replace(first.targets, indicators=indicators))
    second = replace(second, name=first.name)
    data = replace(data, projects=(first, second, *data.projects[2:]))
    paths = [ref.path for ref in item_refs(data)]
    assert len(paths) == len(set(paths))
    owner = f"项目/{first.name}（{first.code}）"
    assert owner in paths
    assert f"项目/{first.name}（{second.code}）" in paths
    # two of the three share the level-2 category too, so the uid tells all three apart
    assert f"{owner}/指标/{one.name}（{one.uid}）" in paths
    assert f"{owner}/指标/{one.name}（{other_level2.uid}）" in paths
    # with only two, the level-2 category does
    two = replace(first.targets, indicators=(one, replace(other_level2, name=one.name)))
    data = replace(data, projects=(replace(first, targets=two), *data.projects[1:]))
    paths = [ref.path for ref in item_refs(data)]
    assert f"{owner}/指标/{one.name}（{one.level2}）" in paths
    assert f"{owner}/指标/{one.name}（{other_level2.level2}）" in paths
    # same name, same code: the uid tells the projects apart
    third = replace(data.projects[2], name=first.name, code=first.code)
    data = replace(data, projects=(*data.projects[:2], third, *data.projects[3:]))
    paths = [ref.path for ref in item_refs(data)]
    assert len(paths) == len(set(paths))
    assert f"项目/{first.name}（{third.uid}）" in paths


def test_paths_are_unique_on_the_large_year():
    data = demo_large_year(projects=60, indicators=12, points=3)
    refs = item_refs(data)
    assert len({ref.path for ref in refs}) == len(refs) == len(_expected(data))


def test_an_opinion_on_a_budget_line_names_a_line_the_unit_sent():
    data = demo_year(2024)
    assert unknown_reference(Opinion(BUDGET_OWNER, "501", "", "", "请说明"), data) is None
    missing = unknown_reference(Opinion(BUDGET_OWNER, "599", "", "", "请说明"), data)
    assert missing == "预算科目（599）不在该单位报送的预算中"


def test_an_assessed_project_has_the_path_of_its_assessment():
    data = demo_year(2024)
    [assessment] = data.assessments
    project = data.project(assessment.project_uid)
    assert project is not None
    ref = resolve(data, f"项目/{project.name}/事前绩效评估")
    assert ref is not None
    assert (ref.kind, ref.owner, ref.item) == (
        ItemKind.ASSESSMENT,
        project.uid,
        ASSESSMENT_ITEM,
    )
    # without the assessment the path names nothing
    assert resolve(replace(data, assessments=()), ref.path) is None
