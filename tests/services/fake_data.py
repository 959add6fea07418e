"""The small year both the fake unit-of-work tests and the fake's contract test start from."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from unionperf.domain.indicators import Indicator, Operator
from unionperf.domain.monitoring import MonitoringPoint
from unionperf.domain.unit import UnitProfile

YEAR = 2024
TARGETS = "targets"
EVALUATION = "self-evaluation"
UNIT = UnitProfile("华东精密机械有限公司工会委员会", "91350100M000100Y43")
POINT = MonitoringPoint("m1", date(YEAR, 7, 31), "1–7月")
SATISFACTION = Indicator(
    "u1",
    "满意度指标",
    "服务对象满意度指标",
    "会员满意度",
    Operator.GE,
    D(90),
    unit="%",
    points=D(10),
)
