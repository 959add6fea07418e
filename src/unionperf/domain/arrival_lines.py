"""The revenue-arrival table of a monitoring point: one line per revenue category, and the total.

The window's arrival table, its chart, the monitoring form and the rule M010 all read these lines,
so they show and judge the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from unionperf.domain.categories import Flow
from unionperf.domain.money import ZERO
from unionperf.domain.monitoring import MonitoringPoint, time_progress
from unionperf.domain.revenue import (
    WATCHED_CATEGORIES,
    RevenueArrival,
    arrival_gap,
    arrival_lags,
    arrival_rate,
    share,
)
from unionperf.domain.year import YearData


@dataclass(frozen=True, slots=True)
class ArrivalLine:
    """A revenue category at a monitoring point: budget, arrival, rate, lag and shares."""

    point_uid: str
    cutoff: date
    """The point's cut-off: the latest day an arrival counted here can have."""
    category_code: str
    name: str
    watched: bool
    """拨缴经费 or 上级补助: late arrival is warned about."""
    budget: Decimal
    """批复预算数 of the category (本年预算数 + 调整数)."""
    arrival: RevenueArrival
    """The stored record, or an empty one (amount 0) when nothing was entered."""
    entered: bool
    """Whether a record is stored for this category at this point."""
    time_progress: Decimal
    rate: Decimal | None
    """到位率: arrived ÷ budget (``None`` without a budget)."""
    gap: Decimal | None
    """Points the rate is behind time progress (negative when ahead)."""
    lags: bool
    """A watched category more than the set number of points behind, counted once the point
    has any arrival entered (a category left empty then counts as nothing arrived)."""
    budget_share: Decimal | None
    """The category's share of the revenue budget (收入结构)."""
    arrived_share: Decimal | None
    """The category's share of the revenue arrived by the point."""

    @property
    def amount(self) -> Decimal:
        """累计到位数 (0 when nothing was entered)."""
        return self.arrival.amount


@dataclass(frozen=True, slots=True)
class ArrivalTotal:
    """The total line: every revenue category together."""

    budget: Decimal
    amount: Decimal
    rate: Decimal | None


def arrival_lines(data: YearData, point: MonitoringPoint) -> list[ArrivalLine]:
    """The revenue categories at ``point``, in the catalogue's order.

    A category is listed when the year budgets it, when something was entered for it at the
    point, and always for 拨缴经费 and 上级补助.
    """
    stored = {item.category_code: item for item in data.arrivals if item.point_uid == point.uid}
    budgets: dict[str, Decimal] = {}
    for line in data.budget:
        budgets[line.category_code] = budgets.get(line.category_code, ZERO) + line.approved
    categories = [
        category
        for category in data.catalogue.of_flow(Flow.REVENUE)
        if category.code in budgets
        or category.code in stored
        or category.code in WATCHED_CATEGORIES
    ]
    total_budget = sum((budgets.get(item.code, ZERO) for item in categories), ZERO)
    total_arrived = sum(
        (stored[item.code].amount for item in categories if item.code in stored), ZERO
    )
    progress = time_progress(point.cutoff)
    lag_points = data.settings.arrival_lag_points
    lines = []
    for category in categories:
        budget = budgets.get(category.code, ZERO)
        arrival = stored.get(category.code) or RevenueArrival(point.uid, category.code)
        watched = category.code in WATCHED_CATEGORIES
        lines.append(
            ArrivalLine(
                point_uid=point.uid,
                cutoff=point.cutoff,
                category_code=category.code,
                name=category.name,
                watched=watched,
                budget=budget,
                arrival=arrival,
                entered=category.code in stored,
                time_progress=progress,
                rate=arrival_rate(arrival.amount, budget),
                gap=arrival_gap(arrival.amount, budget, point.cutoff),
                lags=watched
                and bool(stored)
                and arrival_lags(arrival.amount, budget, point.cutoff, lag_points),
                budget_share=share(budget, total_budget),
                arrived_share=share(arrival.amount, total_arrived) if stored else None,
            )
        )
    return lines


def arrival_total(lines: list[ArrivalLine]) -> ArrivalTotal:
    """The sum of the lines: total revenue budget, arrived, rate."""
    budget = sum((line.budget for line in lines), ZERO)
    amount = sum((line.amount for line in lines), ZERO)
    return ArrivalTotal(budget, amount, arrival_rate(amount, budget))
