"""What the disclosure sheet may print: no person, masked names and numbers, next year's changes."""

from __future__ import annotations

from dataclasses import replace

from unionperf.demo.data import demo_year
from unionperf.domain.disclosure import (
    MASK,
    improvements_of,
    mask_personal_data,
    people_of,
)


def test_people_are_the_responsible_persons_officers_and_signers_longest_first():
    data = demo_year(2024)
    people = people_of(data)
    assert {"张敏", "周丽华", "陈建国", "王秀英"} <= set(people)
    assert [len(name) for name in people] == sorted((len(name) for name in people), reverse=True)


def test_one_character_names_are_not_sought():
    data = demo_year(2024)
    data = replace(data, unit=replace(data.unit, chair="王"))
    assert "王" not in people_of(data)


def test_names_phones_and_identity_numbers_are_masked_and_counted():
    text = (
        "由张敏负责，联系电话021-58881201或13812345678，"
        "身份证310115199001011234，张敏每月报告；编号GH2024-01与12场不变。"
    )
    masked = mask_personal_data(text, ("张敏",))
    assert masked.text == (
        f"由{MASK}负责，联系电话{MASK}或{MASK}，身份证{MASK}，{MASK}每月报告；编号GH2024-01与12场不变。"
    )
    assert masked.count == 5


def test_text_without_personal_data_is_unchanged():
    text = "全年举办职工文体活动不少于12场、参与职工不少于1500人次，满意度不低于90%。"
    assert mask_personal_data(text, ("张敏",)).text == text
    assert mask_personal_data(text, ("张敏",)).count == 0


def test_improvements_are_the_measures_in_indicator_order_each_once():
    data = demo_year(2024)
    project = data.project("p2024-01")
    assert project is not None
    text = improvements_of(data, project.targets)
    assert text.startswith("下年度年初即与园区体育馆签订场地协议锁定场地")
    assert "2025年在倒班车间开设班后“微活动”" in text
    assert text.count("；") == 2
    assert text.endswith("。")


def test_without_measures_the_result_application_is_used():
    data = demo_year(2024)
    project = data.project("p2024-03")  # every indicator scored its full points
    assert project is not None
    assert improvements_of(data, project.targets) == (
        "2025年继续安排本级经费7万元并申请上级专项补助；金秋助学预算按年初摸底结果编列。"
    )


def test_nothing_written_gives_an_empty_text():
    data = replace(demo_year(2024), evaluations=())
    assert improvements_of(data, data.unit_targets) == ""
