"""A year's indicator progress rows into domain records: the store's largest table, in one loop."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from unionperf.domain.monitoring import IndicatorProgress
from unionperf.store.mapping import LIKELIHOODS, TIERS, reasons_of

__all__ = ["progress_by_entry"]


def progress_by_entry(rows: Iterable[Sequence[Any]]) -> dict[int, list[IndicatorProgress]]:
    """Driver rows ``(entry id, *PROGRESS_COLUMNS)`` (decimals as text) grouped by entry.

    The loop of ``store.mapping.progress_from_values`` written out for the largest table of a year
    (48,000 rows in the large demo): names bound once, each repeated decimal text read once.
    """
    grouped: dict[int, list[IndicatorProgress]] = {}
    memo: dict[str, Decimal] = {}
    tiers, likelihoods, reasons, make = TIERS, LIKELIHOODS, reasons_of, IndicatorProgress
    for row in rows:
        entry_id, uid, actual, tier, actual_text, forecast, forecast_text = row[:7]
        reasons_json, likelihood, measure, note = row[7:]
        if actual is not None:
            known = memo.get(actual)
            if known is None:
                memo[actual] = known = Decimal(actual)
            actual = known
        if forecast is not None:
            known = memo.get(forecast)
            if known is None:
                memo[forecast] = known = Decimal(forecast)
            forecast = known
        made = make(
            uid,
            actual,
            tiers[tier] if tier else None,
            actual_text,
            forecast,
            forecast_text,
            reasons(reasons_json),
            likelihoods[likelihood] if likelihood else None,
            measure,
            note,
        )
        held = grouped.get(entry_id)
        if held is None:
            grouped[entry_id] = [made]
        else:
            held.append(made)
    return grouped
