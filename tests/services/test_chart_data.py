"""Chart numbers on the demo workspace, against values worked out by hand from the demo data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.results import YearScore
from unionperf.domain.scoring import Grade, grade_for
from unionperf.domain.unit import UnitProfile
from unionperf.domain.year import YearData
from unionperf.services.cycle.demo import create_demo
from unionperf.services.views.chart_data import (
    GRADE_FLOORS,
    SCORE_BAR_LIMIT,
    LastYearBasis,
    category_comparison,
    execution_series,
    grade_counts,
    score_bars,
    short_label,
    wrap_label,
)
from unionperf.services.views.year_review import scores_of

# 2024 is a leap year: 31 March is day 91 of 366, 30 June day 182, 31 July 213, 30 September 274.
TIME_2024 = [D("0.2486"), D("0.4973"), D("0.5820"), D("0.7486")]
CUTOFFS_2024 = [date(2024, 3, 31), date(2024, 6, 30), date(2024, 7, 31), date(2024, 9, 30)]


@pytest.fixture(scope="module")
def years(tmp_path_factory) -> dict[int, YearData]:
    workspace = create_demo(tmp_path_factory.mktemp("charts") / "demo")
    try:
        return {year: workspace.load_year(year) for year in workspace.years()}
    finally:
        workspace.close()


def test_demo_holds_the_two_years(years):
    assert sorted(years) == [2023, 2024]


def test_project_execution_against_time_progress(years):
    series = execution_series(years[2024], "p2024-01")
    assert series.name == "2024年职工文体活动经费"
    assert not series.is_unit
    assert series.budget == D("220000.00")
    assert [point.cutoff for point in series.points] == CUTOFFS_2024
    assert [point.label for point in series.points] == ["1–3月", "1–6月", "1–7月", "1–9月"]
    # 30,800 / 88,000 / 112,200 / 158,400 executed of 220,000.
    assert [point.rate for point in series.points] == [
        D("0.1400"),
        D("0.4000"),
        D("0.5100"),
        D("0.7200"),
    ]
    assert [point.time_progress for point in series.points] == TIME_2024
    assert series.has_rates


def test_unit_execution_is_measured_against_the_expenditure_budget(years):
    series = execution_series(years[2024], UNIT_OWNER)
    assert series.is_unit
    assert series.name == years[2024].unit.name
    # 批复 expenditure: 1,110,000 + 140,000 + 90,000 + 150,000 + 10,000.
    assert series.budget == D("1500000.00")
    # 376,600 / 754,600 / 818,300 / 1,182,600 of 1,500,000.
    assert [point.rate for point in series.points] == [
        D("0.2511"),
        D("0.5031"),
        D("0.5455"),
        D("0.7884"),
    ]


def test_points_without_an_entry_have_no_rate(years):
    data = years[2024]
    first = data.points[0].uid
    without = replace(
        data,
        monitoring=tuple(
            entry
            for entry in data.monitoring
            if not (entry.point_uid == first and entry.owner_uid == "p2024-01")
        ),
    )
    series = execution_series(without, "p2024-01")
    assert series.points[0].rate is None
    assert [point.time_progress for point in series.points] == TIME_2024


def test_a_year_without_points_or_an_unknown_owner_draws_nothing(years):
    assert execution_series(years[2023], "p2023-01").points == ()
    assert not execution_series(years[2023], "p2023-01").has_rates
    unknown = execution_series(years[2024], "no-such-project")
    assert unknown.name == ""
    assert unknown.budget == 0
    assert [point.rate for point in unknown.points] == [None] * 4
    assert not unknown.has_rates


def test_score_bars_lowest_first(years):
    bars = score_bars(scores_of(years[2024]))
    assert [(bar.project_uid, bar.score) for bar in bars.bars] == [
        ("p2024-01", D("91.55")),
        ("p2024-04", D("97.08")),
        ("p2024-02", D("98.31")),
        ("p2024-06", D("98.50")),
        ("p2023-03", D("98.75")),
        ("p2024-03", D("99.35")),
    ]
    assert {bar.grade for bar in bars.bars} == {Grade.EXCELLENT}
    assert (bars.lowest, bars.hidden, bars.total) == (6, 0, 6)
    # The long name is shortened on the axis, the full one kept for the tooltip.
    long = next(bar for bar in bars.bars if bar.project_uid == "p2023-03")
    assert long.name == "职工之家设备购置及改造（2023—2025年）"
    assert long.label == "职工之家设备购置及改造（2023—…"


def test_score_bars_keep_the_lowest_and_the_highest(years):
    bars = score_bars(scores_of(years[2024]), limit=4)
    assert [bar.project_uid for bar in bars.bars] == [
        "p2024-01",
        "p2024-04",
        "p2023-03",
        "p2024-03",
    ]
    assert (bars.lowest, bars.hidden, bars.total) == (2, 2, 6)
    odd = score_bars(scores_of(years[2024]), limit=3)
    assert [bar.project_uid for bar in odd.bars] == ["p2024-01", "p2024-04", "p2024-03"]
    assert (odd.lowest, odd.hidden) == (2, 3)


def test_score_bars_of_a_large_unit_stay_within_the_limit(years):
    scores = scores_of(years[2024])
    many = replace(scores, projects=scores.projects * 40)
    bars = score_bars(many)
    assert len(bars.bars) == SCORE_BAR_LIMIT
    assert bars.hidden == 240 - SCORE_BAR_LIMIT
    assert bars.bars[0].score == D("91.55")
    assert bars.bars[-1].score == D("99.35")
    labels = [bar.label for bar in bars.bars]
    assert len(set(labels)) == len(labels), "axis categories must be unique"


def test_repeated_names_get_the_project_code(years):
    data = years[2024]
    twins = replace(
        data,
        projects=tuple(replace(project, name="同名项目") for project in data.projects[:2]),
    )
    labels = [bar.label for bar in score_bars(scores_of(twins)).bars]
    assert sorted(labels) == ["同名项目（GH2024-01）", "同名项目（GH2024-02）"]


def test_no_projects_no_bars():
    bars = score_bars(YearScore(2024, (), None))
    assert (bars.bars, bars.hidden, bars.total) == ((), 0, 0)


def test_grade_counts(years):
    counts = grade_counts(scores_of(years[2024]))
    assert counts.counts == (
        (Grade.EXCELLENT, 6),
        (Grade.GOOD, 0),
        (Grade.FAIR, 0),
        (Grade.POOR, 0),
    )
    assert counts.projects == 6
    assert (counts.unit_total, counts.unit_grade) == (D("98.03"), Grade.EXCELLENT)
    last = grade_counts(scores_of(years[2023]))
    assert dict(last.counts)[Grade.EXCELLENT] == 3
    assert (last.unit_total, last.unit_grade) == (D("99.29"), Grade.EXCELLENT)


def test_grade_counts_without_unit_or_projects():
    counts = grade_counts(YearScore(2024, (), None))
    assert counts.projects == 0
    assert (counts.unit_total, counts.unit_grade) == (None, None)


def test_grade_floors_are_those_of_grade_for():
    for grade, floor in GRADE_FLOORS:
        assert grade_for(floor) is grade
        if floor > 0:
            assert grade_for(floor - D("0.01")) is not grade


def test_categories_this_year_against_last_years_accounts(years):
    comparison = category_comparison(years[2024], years[2023])
    assert comparison.year == 2024
    assert comparison.basis is LastYearBasis.EXECUTED
    assert comparison.has_executed
    # 万元: 批复 = 预算 + 调整, 执行, and 2023's executed amount per category.
    assert [
        (item.code, item.name, item.approved, item.executed, item.last_year)
        for item in comparison.categories
    ] == [
        ("501", "职工活动支出", D("111.00"), D("107.16"), D("96.83")),
        ("502", "维权支出", D("14.00"), D("12.81"), D("11.46")),
        ("503", "业务支出", D("9.00"), D("7.98"), D("7.69")),
        ("505", "资本性支出", D("15.00"), D("14.62"), D("11.85")),
        ("508", "其他支出", D("1.00"), D("0.43"), D("0.39")),
    ]


def test_without_last_year_the_reported_column_stands_in(years):
    comparison = category_comparison(years[2023], None)
    assert comparison.basis is LastYearBasis.REPORTED
    # 2023's 上年决算数 column; 505 had nothing in 2022 but has a 2023 budget.
    assert [(item.code, item.approved, item.last_year) for item in comparison.categories] == [
        ("501", D("100.00"), D("94.15")),
        ("502", D("12.00"), D("10.82")),
        ("503", D("8.50"), D("7.24")),
        ("505", D("12.00"), D("0.00")),
        ("508", D("0.80"), D("0.41")),
    ]


def test_last_year_without_accounts_counts_its_approved_budget(years):
    previous = years[2023]
    unaudited = replace(
        previous, budget=tuple(replace(line, executed=D(0)) for line in previous.budget)
    )
    comparison = category_comparison(years[2024], unaudited)
    assert comparison.basis is LastYearBasis.APPROVED
    assert comparison.categories[0].last_year == D("100.00")


def test_a_year_without_budget_has_no_categories():
    empty = YearData(year=2024, unit=UnitProfile(name="测试工会", credit_code=""))
    comparison = category_comparison(empty, None)
    assert comparison.basis is LastYearBasis.NONE
    assert not comparison.has_executed
    assert comparison.categories == ()
    assert execution_series(empty, UNIT_OWNER).points == ()


def test_labels_are_shortened_and_wrapped():
    assert short_label("职工活动支出") == "职工活动支出"
    assert short_label("一二三四五", 4) == "一二三…"
    assert short_label("  a \n b ") == "a b"
    assert wrap_label("职工活动支出") == "职工活动支出"
    assert wrap_label("职工教育与文体活动支出") == "职工教育与文\n体活动支出"
    assert wrap_label("一二三四五六七八九十甲乙丙丁") == "一二三四五六\n七八九十甲…"
