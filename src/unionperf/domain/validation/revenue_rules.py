"""Rules on revenue arrival at a monitoring point (seed §二.9): late 拨缴经费 and 上级补助."""

from __future__ import annotations

from decimal import Decimal

from unionperf.domain.arrival_lines import arrival_lines
from unionperf.domain.money import HUNDRED, ZERO, format_money, format_plain, round2
from unionperf.domain.monitoring import MonitoringPoint
from unionperf.domain.problems import Location, Problem, ProblemCode, Section
from unionperf.domain.revenue import REVENUE_ITEM
from unionperf.domain.validation.monitoring_rules import point_label
from unionperf.domain.year import YearData


def arrival_location(
    point_uid: str, category_code: str, name: str, field: str = "note"
) -> Location:
    """Where an arrival row's problem sits: the point's arrival table, that category's row."""
    return Location(
        Section.MONITORING,
        "",
        f"{point_uid}/{REVENUE_ITEM}{category_code}",
        field,
        f"收入到位 › {name} › 原因说明",
    )


def check_arrivals(data: YearData, point: MonitoringPoint) -> list[Problem]:
    """拨缴经费 and 上级补助 more than the set points behind time progress, without a reason."""
    problems = []
    for line in arrival_lines(data, point):
        if not line.lags or line.arrival.note.strip():
            continue
        params = {
            "point": point_label(point),
            "category": line.name,
            "amount": format_money(line.amount),
            "rate": _percent(line.rate),
            "progress": _percent(line.time_progress),
            "lag": format_plain(data.settings.arrival_lag_points),
        }
        where = arrival_location(point.uid, line.category_code, line.name)
        problems.append(Problem(ProblemCode.MONITORING_REVENUE_LAG, where, params))
    return problems


def _percent(rate: Decimal | None) -> str:
    return f"{round2((rate or ZERO) * HUNDRED):.2f}%"
