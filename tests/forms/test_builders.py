"""Form builders on the demo years: structure, spans, and numbers equal to the domain's."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

import pytest

from unionperf.demo.data import demo_large_year, demo_years
from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.categories import Flow
from unionperf.domain.money import round2, yuan_to_wan
from unionperf.domain.monitoring import LIGHT_LABELS, traffic_light
from unionperf.domain.results import score_year
from unionperf.domain.year import Stage, StageKind, YearData
from unionperf.forms.builders import (
    budget_family,
    evaluation_family,
    evaluation_summary_family,
    families_for,
    monitoring_family,
    project_target_family,
    unit_target_family,
)
from unionperf.forms.builders.monitoring import monitoring_rule
from unionperf.forms.model import Block, Cell, Form, FormFamily, Kind, Light

from .grid import layout, texts

WORKED = "2024年职工文体活动经费"


@pytest.fixture(scope="module")
def years() -> list[YearData]:
    return demo_years()


@pytest.fixture(scope="module")
def year(years: list[YearData]) -> YearData:
    return years[1]


def all_forms(families: list[FormFamily]) -> list[Form]:
    return [form for family in families for form in family.forms]


def find_row(block: Block, first: str) -> tuple[Cell, ...]:
    """The first row of a block holding a cell with that text."""
    return next(row for row in block.rows if any(cell.text == first for cell in row))


def block_named(form: Form, caption: str) -> Block:
    return next(block for block in form.blocks if block.caption == caption)


# --- structure -------------------------------------------------------------------------------


def test_every_block_of_every_form_covers_its_grid_once(years: list[YearData]) -> None:
    large = demo_large_year(projects=4, indicators=8, points=3)
    for data in [*years, large]:
        for form in all_forms(families_for(data)):
            for block in form.blocks:
                assert block.columns, form.key
                layout(block)


def test_forms_of_one_form_share_one_column_grid(year: YearData) -> None:
    for form in all_forms(families_for(year)):
        assert len({block.columns for block in form.blocks}) == 1, form.key


def test_families_per_stage(year: YearData) -> None:
    keys = [family.key for family in families_for(year)]
    assert keys == [
        "budget",
        "project-targets",
        "unit-targets",
        "assessments",  # the demo's new major project
        *(
            key
            for point in year.points
            for key in (f"monitoring-{point.cutoff}", f"revenue-{point.cutoff}")
        ),
        "self-evaluation",
        "evaluation-summary",
    ]
    targets = families_for(year, Stage(StageKind.TARGETS))
    assert [family.key for family in targets] == [
        "budget",
        "project-targets",
        "unit-targets",
        "assessments",
    ]
    evaluation = families_for(year, Stage(StageKind.SELF_EVALUATION))
    assert [family.key for family in evaluation] == ["self-evaluation", "evaluation-summary"]
    point = year.points[2]
    monitoring = families_for(year, Stage(StageKind.MONITORING, point.cutoff))
    assert [family.key for family in monitoring] == ["monitoring-2024-07-31", "revenue-2024-07-31"]
    with pytest.raises(ValueError, match="监控时点"):
        families_for(year, Stage.parse("monitoring-2024-05-15"))


def test_every_project_has_its_forms(year: YearData) -> None:
    uids = [project.uid for project in year.projects]
    assert [form.key for form in project_target_family(year).forms] == [
        f"targets-{uid}" for uid in uids
    ]
    assert [form.key for form in evaluation_family(year).forms] == [
        *(f"evaluation-{uid}" for uid in uids),
        "evaluation-unit",
    ]
    for point in year.points:
        keys = [form.key for form in monitoring_family(year, point).forms]
        day = point.cutoff.isoformat()
        assert keys == [*(f"monitoring-{day}-{uid}" for uid in uids), f"monitoring-{day}-unit"]


def test_exempt_projects_file_no_forms(year: YearData) -> None:
    settings = replace(year.settings, exemption_threshold=Decimal(100000))
    data = replace(year, settings=settings)
    filing = [project for project in data.projects if project.full_year_budget >= 100000]
    assert 0 < len(filing) < len(data.projects)
    assert len(project_target_family(data).forms) == len(filing)
    assert len(evaluation_family(data).forms) == len(filing) + 1
    summary = evaluation_summary_family(data).forms[0]
    assert any("未列入" in note for note in summary.notes)


def test_sheet_names_are_valid_and_unique(years: list[YearData]) -> None:
    for data in years:
        sheets = [form.sheet for form in all_forms(families_for(data))]
        assert len(set(sheets)) == len(sheets)
        for name in sheets:
            assert 0 < len(name) <= 31
            assert not re.search(r"[\[\]:*?/\\]", name)


def test_meta_signoff_and_signed(year: YearData) -> None:
    for family in families_for(year):
        for form in family.forms:
            assert form.unit_name == year.unit.name
            assert form.year == 2024
            assert dict(form.meta)["填报单位（盖章）"] == year.unit.name
            assert form.signoff == ("填报人", "工会主席", "经审会主任")
            assert [role for role, _, _ in form.signed] == list(form.signoff), form.key
    target = project_target_family(year).forms[0]
    assert target.signed[0] == ("填报人", "周丽华", "2024-01-15")
    assert dict(target.meta)["单位"] == "万元"
    assert dict(budget_family(year).forms[0].meta)["单位"] == "元"


def test_unsigned_stage_prints_empty_lines(year: YearData) -> None:
    form = budget_family(replace(year, signoffs=())).forms[0]
    assert form.signed == ()
    assert form.signoff == ("填报人", "工会主席", "经审会主任")


# --- target forms ----------------------------------------------------------------------------


def test_project_target_form_lists_every_indicator_with_merged_levels(year: YearData) -> None:
    for project, form in zip(year.projects, project_target_family(year).forms, strict=True):
        every = " ".join(text for block in form.blocks for text in texts(block))
        assert project.name in every
        assert year.unit.upper_union in every
        table = block_named(form, "年度绩效指标")
        assert [cell.text for cell in table.header[0]] == [
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "分值",
        ]
        spots = layout(table)
        level3 = [spot.cell.text for spot in spots if spot.col == 2 and spot.row >= 1]
        assert level3 == [item.name for item in project.targets.indicators]
        targets = [spot.cell.text for spot in spots if spot.col == 3 and spot.row >= 1]
        assert targets == [item.display_target for item in project.targets.indicators]
        level1 = [spot.cell for spot in spots if spot.col == 0 and spot.row >= 1]
        groups = {item.level1 for item in project.targets.indicators}
        assert {cell.text for cell in level1} == groups
        assert sum(cell.rowspan for cell in level1) == len(project.targets.indicators)


def test_project_target_funds_in_wan(year: YearData) -> None:
    project = year.project("p2024-03")
    assert project is not None
    form = next(f for f in project_target_family(year).forms if f.key == "targets-p2024-03")
    funds = form.blocks[1]
    first = funds.rows[0]
    assert first[0].text == "项目资金（万元）"
    assert first[0].rowspan == 1 + len(project.funding)
    assert first[4].value == yuan_to_wan(project.initial_budget) == Decimal("12.00")
    assert [row[-1].value for row in funds.rows[1:]] == [Decimal("7.00"), Decimal("5.00")]
    assert "其中：上级工会补助" in texts(funds)


def test_multi_year_project_shows_midterm(year: YearData) -> None:
    form = next(f for f in project_target_family(year).forms if f.key == "targets-p2023-03")
    assert form.blocks[1].rows[0][2].value == Decimal("36.00")
    goals = texts(form.blocks[2])
    assert "中期目标（2023—2025年）" in goals


def test_unit_target_form(year: YearData) -> None:
    form = unit_target_family(year).forms[0]
    tasks = block_named(form, "年度主要任务")
    total = find_row(tasks, "金额合计")
    assert total[-1].value == yuan_to_wan(year.flow_total(Flow.EXPENDITURE, "budget"))
    assert "职工活动支出" in texts(tasks)
    indicators = block_named(form, "年度绩效指标")
    names = texts(indicators)
    assert all(item.name in names for item in year.unit_targets.indicators)
    assert year.unit_targets.annual_goal in [t for block in form.blocks for t in texts(block)]


# --- budget table ----------------------------------------------------------------------------


def test_budget_table_totals_and_balances(year: YearData) -> None:
    form = budget_family(year).forms[0]
    block = form.blocks[0]
    assert [cell.text for cell in block.header[0]] == [
        "科目编码",
        "科目名称",
        "上年决算数",
        "本年预算数",
        "调整数",
        "批复预算数",
        "全年执行数",
    ]
    codes = [row[0].text for row in block.rows if row[0].kind is Kind.TEXT]
    assert "404" not in codes  # a 县级以上 subject
    assert codes[:2] == ["401", "402"]

    def amounts(label: str) -> list[Decimal | None]:
        return [cell.value for cell in find_row(block, label)[1:]]  # type: ignore[misc]

    revenue = year.flow_total(Flow.REVENUE, "budget")
    spent = year.flow_total(Flow.EXPENDITURE, "budget")
    assert amounts("本年收入合计")[1] == revenue
    assert amounts("本年支出合计")[3] == year.flow_total(Flow.EXPENDITURE)
    assert amounts("本年结余")[1] == revenue - spent
    assert amounts("上年结余") == [
        None,
        year.opening_balance,
        None,
        year.opening_balance,
        year.opening_balance,
    ]
    assert amounts("期末滚存结余")[1] == revenue - spent + year.opening_balance
    assert all(
        cell.value == round2(cell.value)
        for row in block.rows
        for cell in row
        if cell.kind is Kind.MONEY and isinstance(cell.value, Decimal)
    )


def test_budget_table_without_executed_amounts_has_four_columns(year: YearData) -> None:
    budget = tuple(replace(line, executed=Decimal(0)) for line in year.budget)
    form = budget_family(replace(year, budget=budget)).forms[0]
    assert len(form.blocks[0].columns) == 6
    assert "全年执行数" not in texts(form.blocks[0])


# --- monitoring ------------------------------------------------------------------------------


def test_monitoring_lights_follow_the_domain_rule(year: YearData) -> None:
    lit = 0
    for point in year.points:
        for form in monitoring_family(year, point).forms:
            owner = form.key.rsplit("-", 1)[-1] if form.key.endswith("unit") else None
            uid = UNIT_OWNER if owner == "unit" else form.key.split(f"{point.cutoff}-")[1]
            targets = year.targets_of(uid)
            entry = year.entry(point.uid, uid)
            assert targets is not None
            assert entry is not None
            table = block_named(form, "绩效指标完成情况")
            spots = layout(table)
            for indicator in targets.indicators:
                row = next(s.row for s in spots if s.col == 2 and s.cell.text == indicator.name)
                warn = next(s.cell for s in spots if s.row == row and s.col == 6)
                progress = entry.for_indicator(indicator.uid)
                expected = (
                    traffic_light(
                        indicator, monitoring_rule(year, indicator), progress, point.cutoff
                    )
                    if progress
                    else None
                )
                assert warn.light == (Light(expected.value) if expected else None)
                assert warn.text == (LIGHT_LABELS[expected] if expected else "")
                lit += expected is not None
    assert lit > 50


def test_monitoring_form_of_the_worked_example(year: YearData) -> None:
    point = next(p for p in year.points if p.cutoff.month == 7)
    form = monitoring_family(year, point).forms[0]
    assert form.orientation.value == "landscape"
    assert "1–7月" in form.subtitle
    funds = block_named(form, "预算执行情况")
    assert [cell.text for cell in funds.header[0]][:6] == [
        "资金（万元）",
        "年初预算数",
        "全年预算数",
        "1–7月执行数",
        "1–7月执行率",
        "全年预计执行数",
    ]
    total = funds.rows[0]
    entry = year.entry(point.uid, "p2024-01")
    assert entry is not None
    assert entry.executed is not None
    assert total[1].value == Decimal("20.00")
    assert total[2].value == Decimal("22.00")
    assert total[3].value == yuan_to_wan(entry.executed)
    assert total[4].kind is Kind.RATE
    assert total[4].value == round(entry.executed / Decimal(220000), 4)
    table = block_named(form, "绩效指标完成情况")
    body = texts(table)
    assert any(text.startswith("硬件条件保障") for text in body)
    assert "有可能" in body


# --- self-evaluation -------------------------------------------------------------------------


def test_worked_example_scores(year: YearData) -> None:
    form = evaluation_family(year).forms[0]
    assert form.subtitle == "（2024年度）"
    assert form.orientation.value == "landscape"
    funds = block_named(form, "预算执行情况")
    total = funds.rows[0]
    assert [cell.value for cell in total[1:]] == [
        Decimal("20.00"),
        Decimal("22.00"),
        Decimal("20.46"),
        Decimal(10),
        Decimal("0.9300"),
        Decimal("9.30"),
    ]
    table = block_named(form, "绩效指标")
    subtotals = {row[0].text: row[2].value for row in table.rows if row[0].text.endswith("小计")}
    assert subtotals == {
        "产出指标小计": Decimal("47.50"),
        "效益指标小计": Decimal("24.75"),
        "满意度指标小计": Decimal("10.00"),
    }
    last = table.rows[-1]
    assert [cell.text for cell in last] == ["总分", "100", "91.55", "等级：优"]
    spots = layout(table)
    scores = [spot.cell.value for spot in spots if spot.col == 6 and spot.row >= 1]
    assert Decimal("12.50") in scores
    assert Decimal("10.50") in scores
    deviation = next(
        spot.cell.text for spot in spots if spot.col == 7 and "场馆改造" in spot.cell.text
    )
    assert "改进措施：" in deviation


def test_evaluation_numbers_equal_score_year(year: YearData) -> None:
    scores = score_year(year)
    forms = evaluation_family(year).forms
    expected = [*(item.score for item in scores.projects), scores.unit]
    assert len(forms) == len(expected)
    for form, result in zip(forms, expected, strict=True):
        assert result is not None
        table = block_named(form, "绩效指标")
        total = table.rows[-1]
        assert total[2].value == result.total
        assert total[3].text == f"等级：{result.grade.value}"
        spots = layout(table)
        for item in result.indicators:
            row = next(s.row for s in spots if s.col == 2 and s.cell.text == item.indicator.name)
            score_cell = next(s.cell for s in spots if s.row == row and s.col == 6)
            assert score_cell.value == item.score
        funds = block_named(form, "预算执行情况").rows[0]
        assert funds[-1].value == result.execution.score


def test_not_applicable_row_says_why(year: YearData) -> None:
    form = next(f for f in evaluation_family(year).forms if f.key == "evaluation-p2024-03")
    body = texts(block_named(form, "绩效指标"))
    assert "不适用" in body
    assert any(text.startswith("不适用：2024年建档困难职工") for text in body)
    assert any("折算为百分制" in note for note in form.notes)


def test_unit_wide_evaluation(year: YearData) -> None:
    form = evaluation_family(year).forms[-1]
    assert form.title == "部门（单位）整体支出绩效自评表"
    funds = block_named(form, "预算执行情况")
    assert funds.rows[0][2].value == yuan_to_wan(year.flow_total(Flow.EXPENDITURE))
    off = replace(year, settings=replace(year.settings, unit_wide=False))
    assert all(f.key != "evaluation-unit" for f in evaluation_family(off).forms)


def test_summary_rows_equal_score_year(year: YearData) -> None:
    scores = score_year(year)
    block = evaluation_summary_family(year).forms[0].blocks[0]
    for item, row in zip(scores.projects, block.rows, strict=False):
        assert row[1].text == item.project.name
        assert row[3].value == yuan_to_wan(item.score.execution.budget)
        assert row[4].value == yuan_to_wan(item.score.execution.executed)
        assert row[5].value == item.score.execution.rate
        assert row[6].value == item.score.total
        assert row[7].text == item.score.grade.value
    assert block.rows[0][6].value == Decimal("91.55")
    total = find_row(block, "项目合计")
    assert total[1].value == yuan_to_wan(sum(p.project.full_year_budget for p in scores.projects))
    unit = find_row(block, "单位整体")
    assert scores.unit is not None
    assert unit[-2].value == scores.unit.total
