"""汇总 in the domain: tables with totals, bands, grade counts, statistics, ranking with ties."""

from __future__ import annotations

from decimal import Decimal as D

from unionperf.domain.aggregation import (
    CategorySum,
    ProjectSum,
    RankEntry,
    attribute_labels,
    category_labels,
    category_tables,
    grade_distribution,
    project_table,
    rank,
    rate_distribution,
    score_statistics,
)
from unionperf.domain.board import BoardStatus
from unionperf.domain.categories import DEFAULT_CATALOGUE, Flow


def test_category_tables_follow_the_catalogue_and_add_a_total():
    sums = [
        CategorySum("501", 3, D("900"), D("1000"), D("200"), D("1080")),
        CategorySum("401", 2, D("100"), D("120"), D("0"), D("130")),
        CategorySum("403", 1, D("0"), D("50"), D("-10"), D("40")),
        CategorySum("502", 2, D("10"), D("0"), D("0"), D("5")),
    ]
    tables = category_tables(sums, DEFAULT_CATALOGUE)
    revenue = tables[Flow.REVENUE]
    assert [(row.code, row.name) for row in revenue] == [
        ("401", "会费收入"),
        ("403", "上级补助收入"),
        ("", "合计"),
    ]
    total = revenue[-1]
    assert (total.budget, total.adjustment, total.approved, total.executed) == (
        D("170"),
        D("-10"),
        D("160"),
        D("170"),
    )
    assert total.rate == D("1.0625")  # 170 / 160
    expenditure = tables[Flow.EXPENDITURE]
    assert [row.code for row in expenditure] == ["501", "502", ""]
    assert expenditure[0].approved == D("1200")
    assert expenditure[0].rate == D("0.9000")
    assert expenditure[1].rate is None  # no budget
    assert expenditure[-1].units == 3
    unreported = category_tables(sums, DEFAULT_CATALOGUE, executed=False)[Flow.EXPENDITURE]
    assert [(row.executed, row.rate) for row in unreported] == [(None, None)] * 3


def test_project_tables_keep_the_label_order_and_sum():
    sums = [
        ProjectSum("continuing", 2, 3, D("30"), D("40"), D("20")),
        ProjectSum("new", 3, 5, D("100"), D("110"), D("99")),
    ]
    rows = project_table(sums, attribute_labels(), total_units=4)
    assert [(row.label, row.projects) for row in rows] == [
        ("新增项目", 5),
        ("延续项目", 3),
        ("合计", 8),
    ]
    assert (rows[-1].units, rows[-1].budget, rows[-1].executed) == (4, D("150"), D("119"))
    assert rows[0].rate == D("0.9000")
    by_category = project_table(
        [ProjectSum("599", 1, 1, D("1"), D("2"), D("1"))], category_labels(DEFAULT_CATALOGUE), 1
    )
    assert by_category[0].label == "599"  # a code the catalogue does not know keeps its code


def test_rate_bands_have_their_edges_where_the_labels_say():
    rates = [D("0.4999"), D("0.5"), D("0.7999"), D("0.8"), D("0.9"), D("1.0000"), D("1.0001"), None]
    buckets = rate_distribution(rates)
    assert [(bucket.label, bucket.count) for bucket in buckets] == [
        ("低于50%", 1),
        ("50%～80%", 2),
        ("80%～90%", 1),
        ("90%～100%", 2),
        ("超过100%", 1),
        ("无预算数", 1),
    ]
    assert buckets[1].share == D("25.00")  # 2 of 8


def test_grades_are_counted_with_the_unscored_last():
    buckets = grade_distribution(["优", "良", "优", "", "差"])
    assert [(bucket.label, bucket.count) for bucket in buckets] == [
        ("优", 2),
        ("良", 1),
        ("中", 0),
        ("差", 1),
        ("未评分", 1),
    ]
    assert buckets[0].share == D("40.00")


def test_score_statistics_over_the_scores_that_exist():
    stats = score_statistics([D("90"), None, D("80.5"), D("61"), D("99.99")])
    assert (stats.count, stats.mean, stats.median, stats.lowest, stats.highest) == (
        4,
        D("82.87"),  # 331.49 / 4 = 82.8725
        D("85.25"),
        D("61"),
        D("99.99"),
    )
    assert score_statistics([None]).mean is None


def _entry(code: str, score: str | None, upper: str | None = None) -> RankEntry:
    return RankEntry(
        code,
        f"单位{code}",
        None if score is None else D(score),
        "",
        None if upper is None else D(upper),
        BoardStatus.APPROVED,
        True,
        None,
    )


def test_ranking_shares_places_and_puts_the_upper_levels_score_first():
    rows = rank(
        [
            _entry("C", "90"),
            _entry("A", "95"),
            _entry("B", "90"),
            _entry("D", "99", upper="80"),  # re-scored by the upper level
            _entry("E", None),
        ]
    )
    assert [(row.rank, row.entry.code) for row in rows] == [
        (1, "A"),
        (2, "B"),
        (2, "C"),
        (4, "D"),
        (None, "E"),
    ]
    assert (rows[3].entry.final_score, rows[3].entry.final_grade) == (D("80"), "良")
