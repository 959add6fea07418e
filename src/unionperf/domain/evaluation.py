"""Year-end self-evaluation records (绩效自评, domain.md §5)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from unionperf.domain.indicators import Tier


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    """What an indicator achieved by year end, as the unit reports and scores it."""

    indicator_uid: str
    actual: Decimal | None = None
    """实际完成值 (B) of a quantitative indicator."""
    actual_text: str = ""
    """The wording of a qualitative result, or a note on a quantitative one."""
    tier: Tier | None = None
    """The tier a qualitative result is judged in."""
    score: Decimal | None = None
    """The scorer's number for a qualitative indicator (must lie in the tier's band)."""
    applicable: bool = True
    na_reason: str = ""
    deduction: Decimal | None = None
    """Manual reduction of an over-delivered indicator's score (按照偏离度适度调减)."""
    deduction_reason: str = ""
    deviation: str = ""
    """偏差原因分析."""
    improvement: str = ""
    """改进措施."""


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The self-evaluation of one project or of the unit as a whole."""

    owner_uid: str
    results: tuple[IndicatorResult, ...] = ()
    achieved_text: str = ""
    """年度总体目标 实际完成情况."""
    result_application: str = ""
    """结果应用: what the unit will do with the result next year."""
    execution_analysis: str = ""
    """偏差原因分析 of the budget-execution row when it scores below its points (§5.7)."""

    def result_for(self, uid: str) -> IndicatorResult | None:
        """The result of that indicator, if any."""
        return next((item for item in self.results if item.indicator_uid == uid), None)
