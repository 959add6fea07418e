"""The year loader's hot loop builds the same progress records as the general mapping."""

from __future__ import annotations

from decimal import Decimal

from unionperf.domain.indicators import Tier
from unionperf.domain.monitoring import DeviationReason, IndicatorProgress, ReasonCategory
from unionperf.store.mapping import progress_from_values
from unionperf.store.progress_rows import progress_by_entry

ROWS = [
    (7, "i1", "12.50", None, "12.5 人", "30", "全年 30", "[]", "possible", "加快", ""),
    (
        7,
        "i2",
        None,
        "partial",
        "",
        None,
        "",
        '[{"category": "funding", "text": "缺钱"}]',
        None,
        "",
        "n",
    ),
    (9, "i1", "12.50", "achieved", "a", "12.50", "f", None, "certain", "m", "note"),
]


def test_rows_group_by_entry_as_the_mapping_reads_them():
    grouped = progress_by_entry(ROWS)
    assert list(grouped) == [7, 9]
    expected = [progress_from_values(row[1:], decimals=True) for row in ROWS]
    assert grouped[7] == expected[:2]
    assert grouped[9] == expected[2:]
    assert grouped[7][0].actual == Decimal("12.50")
    assert grouped[7][1] == IndicatorProgress(
        "i2",
        None,
        Tier.PARTIAL,
        "",
        None,
        "",
        (DeviationReason(ReasonCategory.FUNDING, "缺钱"),),
        None,
        "",
        "n",
    )
