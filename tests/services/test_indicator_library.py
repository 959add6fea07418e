"""The bundled indicator library: complete for both frameworks, valid by the domain's own rules."""

from __future__ import annotations

import copy
import json
from collections import Counter
from decimal import Decimal

import pytest

from unionperf.domain.framework import FOUR_CATEGORY, FRAMEWORKS, THREE_CATEGORY
from unionperf.domain.indicators import IndicatorKind, Operator
from unionperf.domain.settings import RuleSettings
from unionperf.domain.unit import UnitProfile
from unionperf.domain.validation.target_rules import check_indicator
from unionperf.domain.year import YearData
from unionperf.resources import resource_path
from unionperf.services.common import inputs
from unionperf.services.common.indicator_library import (
    LIBRARY_FILE,
    LibraryError,
    Scope,
    default_library,
    load_library,
    parse_library,
)

MINIMAL = {
    "format": 1,
    "title": "测试指标库",
    "version": "1",
    "entries": [
        {
            "id": "a",
            "placements": [["产出指标", "数量指标"]],
            "name": "参与职工人次",
            "kind": "quantitative",
            "operator": ">=",
            "target": "1500",
            "unit": "人次",
        },
        {
            "id": "b",
            "placements": [["效益指标", "可持续影响指标"]],
            "name": "长效机制建设",
            "kind": "qualitative",
            "operator": "qualitative",
            "target": "建立常态化活动制度",
        },
    ],
}


def _text(document: object) -> str:
    return json.dumps(document, ensure_ascii=False)


def test_bundled_library_is_found_in_resources():
    assert resource_path(*LIBRARY_FILE).is_file()
    library = default_library()
    assert library is default_library()  # read once
    assert library.title
    assert len(library.entries) >= 40


@pytest.mark.parametrize("framework", list(FRAMEWORKS.values()), ids=lambda item: item.code)
def test_every_level2_category_of_both_frameworks_has_entries(framework):
    library = default_library()
    for level1 in framework.level1:
        for level2 in level1.level2:
            found = library.entries_for(framework, level1.name, level2.name)
            assert found, f"{framework.code}: {level1.name} › {level2.name} has no entry"


@pytest.mark.parametrize("framework", list(FRAMEWORKS.values()), ids=lambda item: item.code)
def test_entries_pass_the_target_rules(framework):
    """An entry added with its points set raises no problem at all, in either framework."""
    library = default_library()
    data = YearData(
        2024,
        UnitProfile("测试工会", "91310000000000000X"),
        RuleSettings().with_framework(framework.code),
    )
    placed = [entry for entry in library.entries if entry.placement(framework)]
    assert placed
    for entry in placed:
        indicator = entry.to_indicator(f"uid-{entry.id}", framework)
        indicator = type(indicator)(**{**_fields(indicator), "points": Decimal(5)})
        inputs.check_indicator(indicator, framework)  # the service accepts it
        problems = check_indicator(data, "unit", indicator, Counter([indicator.name]))
        assert [problem.message for problem in problems] == [], entry.name


def _fields(indicator):
    return {name: getattr(indicator, name) for name in indicator.__dataclass_fields__}


def test_entries_are_well_formed():
    library = default_library()
    assert len({entry.id for entry in library.entries}) == len(library.entries)
    for entry in library.entries:
        if entry.kind is IndicatorKind.QUANTITATIVE:
            assert entry.target is not None
            assert entry.unit
            assert not entry.target_text
        else:
            assert entry.operator is Operator.QUALITATIVE
            assert entry.target_text
        assert entry.explanation
    scopes = Counter(entry.scope for entry in library.entries)
    assert scopes[Scope.UNIT] >= 8  # the unit as a whole is covered too (domain.md §3.2)


def test_cost_entries_move_to_the_cost_category_of_the_four_category_framework():
    library = default_library()
    entry = library.entry("cost-per-participant")
    assert entry is not None
    assert entry.placement(THREE_CATEGORY) == ("产出指标", "成本指标")
    assert entry.placement(FOUR_CATEGORY) == ("成本指标", "经济成本指标")
    indicator = entry.to_indicator("x", FOUR_CATEGORY)
    assert (indicator.level1, indicator.level2, indicator.operator) == (
        "成本指标",
        "经济成本指标",
        Operator.LE,
    )
    assert indicator.display_target == "≤130元/人次"
    assert entry.display_target() == "≤130元/人次"
    social = library.entry("social-cost-production")
    assert social is not None
    assert social.placement(THREE_CATEGORY) is None
    with pytest.raises(LibraryError, match="不适用于指标体系"):
        social.to_indicator("y", THREE_CATEGORY)


def test_suitable_entries_come_first():
    library = default_library()
    for_unit = library.entries_for(THREE_CATEGORY, "满意度指标", "服务对象满意度指标", unit=True)
    assert for_unit[0].scope is Scope.UNIT
    for_aid = library.entries_for(THREE_CATEGORY, "产出指标", "数量指标", expense="502")
    assert for_aid[0].scope is Scope.PROJECT
    assert "502" in for_aid[0].expense
    everything = library.entries_for(THREE_CATEGORY, "产出指标", "数量指标")
    assert sorted(item.id for item in everything) == sorted(item.id for item in for_aid)


def test_minimal_library_reads():
    library = parse_library(_text(MINIMAL))
    first, second = library.entries
    assert first.target == Decimal(1500)
    assert first.basis.value == "plan"
    assert first.scope is Scope.ANY
    assert second.kind is IndicatorKind.QUALITATIVE
    assert second.target_text == "建立常态化活动制度"


def _broken(change):
    document = copy.deepcopy(MINIMAL)
    change(document)
    return _text(document)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(format=2), "格式版本为“2”"),
        (lambda d: d.update(entries=[]), "没有指标"),
        (lambda d: d["entries"][0].update(operator="≥"), "第1条指标“参与职工人次”：“operator”"),
        (lambda d: d["entries"][0].pop("name"), "第1条指标：缺少“name”"),
        (lambda d: d["entries"][0].update(target="很多"), "应为数字，现为“很多”"),
        (lambda d: d["entries"][0].update(target="-3"), "不小于0"),
        (lambda d: d["entries"][0].update(unit=""), "缺少计量单位"),
        (lambda d: d["entries"][1].update(kind="quantitative"), "与“operator”"),
        (lambda d: d["entries"][1].update(target=""), "第2条指标“长效机制建设”：缺少“target”"),
        (lambda d: d["entries"][0].update(placements=[["产出", "数量"]]), "不是任何指标体系"),
        (lambda d: d["entries"][0].update(placements="产出指标"), "“placements”应列出"),
        (lambda d: d["entries"][1].update(id="a"), "编号“a”与前面的指标重复"),
        (lambda d: d["entries"][0].update(basis="guess"), "“basis”的值“guess”无效"),
        (lambda d: d["entries"][0].update(expense="501"), "“expense”应为"),
        (lambda d: d["entries"].append(d["entries"][0] | {"id": "c"}), "名称重复"),
    ],
)
def test_broken_library_says_what_and_where_in_chinese(change, expected):
    with pytest.raises(LibraryError) as raised:
        parse_library(_broken(change), "lib.json")
    message = str(raised.value)
    assert expected in message
    assert "指标库文件“lib.json”" in message
    assert "请重新安装本软件" in message


def test_file_that_is_not_json_names_the_line(tmp_path):
    path = tmp_path / "library.json"
    path.write_text('{"format": 1,\n"entries": [,]}', encoding="utf-8")
    with pytest.raises(LibraryError, match="不是有效的JSON（第2行"):
        load_library(path)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(LibraryError, match="找不到指标库文件"):
        load_library(tmp_path / "none.json")


def test_file_that_is_not_utf8_is_a_clear_error(tmp_path):
    path = tmp_path / "library.json"
    path.write_bytes(_text(MINIMAL).encode("gbk"))
    with pytest.raises(LibraryError, match="无法读取指标库文件"):
        load_library(path)
