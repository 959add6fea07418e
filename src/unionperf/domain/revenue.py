"""Revenue arrival (收入到位, seed §二.9): what of each revenue category has arrived by a point.

The seed asks a union to watch the structure of its revenue and whether the grassroots funds
arrive in full and on time (“重视基层工会经费能否足额到位”). At each monitoring point the unit
records, per revenue category, the cumulative amount that has arrived since 1 January and the
date of the latest arrival. The arrival rate (arrived ÷ 批复预算数) is compared with time progress
(elapsed days ÷ days in the year, as for execution, domain.md §4.3); for the two sources a
grassroots union does not control, 拨缴经费 (402) and 上级补助 (403), a rate more than
``RuleSettings.arrival_lag_points`` behind time progress is a warning (problem M010) until the
reason is written down.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from unionperf.domain.money import HUNDRED, ZERO, round_places
from unionperf.domain.monitoring import execution_lags, execution_rate, time_progress

WATCHED_CATEGORIES = ("402", "403")
"""拨缴经费收入 and 上级补助收入: the revenue whose late arrival is warned about (seed §二.9)."""

REVENUE_ITEM = "revenue-"
"""Prefix of a problem location's item for an arrival row: ``<point uid>/revenue-403``."""


@dataclass(frozen=True, slots=True)
class RevenueArrival:
    """What of one revenue category had arrived by a monitoring point (收入到位情况)."""

    point_uid: str
    category_code: str
    amount: Decimal = ZERO
    """累计到位数: the cumulative amount received from 1 January to the cut-off, in 元."""
    received_on: date | None = None
    """最近到账日期: the day the latest amount counted here arrived."""
    note: str = ""
    """原因说明: why the arrival lags time progress, and what is done about it."""


def arrival_rate(amount: Decimal, budget: Decimal) -> Decimal | None:
    """Arrived ÷ budget to 4 decimals, or ``None`` when the category has no budget."""
    return execution_rate(amount, budget)


def arrival_gap(amount: Decimal, budget: Decimal, cutoff: date) -> Decimal | None:
    """Percentage points the arrival rate is behind time progress (negative when ahead)."""
    rate = arrival_rate(amount, budget)
    if rate is None:
        return None
    return round_places((time_progress(cutoff) - rate) * HUNDRED, 2)


def arrival_lags(amount: Decimal, budget: Decimal, cutoff: date, lag_points: Decimal) -> bool:
    """Whether the arrival rate is more than ``lag_points`` points behind time progress."""
    return execution_lags(amount, budget, cutoff, lag_points)


def share(part: Decimal, total: Decimal) -> Decimal | None:
    """``part`` ÷ ``total`` to 4 decimals (a category's share of revenue), ``None`` for no total."""
    if total <= ZERO:
        return None
    return round_places(part / total, 4)
