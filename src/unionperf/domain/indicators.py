"""Level-3 performance indicators (三级指标) and their operators (domain.md §2.2–§2.4)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from unionperf.domain.money import AmountError, format_plain, parse_decimal


class Operator(StrEnum):
    """指标性质 / 计算符号 (domain.md §2.3)."""

    GE = ">="
    GT = ">"
    EQ = "="
    LE = "<="
    LT = "<"
    INTERVAL = "interval"
    """区间 (product.md §2): the target is a range, e.g. 60–80 %; ``Indicator.target`` holds its
    lower bound and ``Indicator.target_upper`` its upper bound."""
    QUALITATIVE = "qualitative"

    @property
    def symbol(self) -> str:
        """The sign printed on forms: ≥ ＞ ＝ ≤ ＜, or 定性."""
        return _SYMBOLS[self]

    @property
    def is_reverse(self) -> bool:
        """Lower is better (反向指标: ≤, <)."""
        return self in (Operator.LE, Operator.LT)


_SYMBOLS = {
    Operator.GE: "≥",
    Operator.GT: "＞",
    Operator.EQ: "＝",
    Operator.LE: "≤",
    Operator.LT: "＜",
    Operator.INTERVAL: "区间",
    Operator.QUALITATIVE: "定性",
}

INTERVAL_SEPARATOR = "～"
"""The sign between the bounds of an interval target as printed and typed: ``60～80``."""
_INTERVAL = re.compile(
    r"^\s*([^～~〜—–－\-至到]+?)\s*(?:[～~〜—–－\-]|至|到)\s*([^～~〜—–－\-至到]+?)\s*$"
)
_PERCENT_SIGNS = str.maketrans("", "", "%％")


class IndicatorKind(StrEnum):
    """Quantitative (a number) or qualitative (judged in tiers)."""

    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"


class StandardBasis(StrEnum):
    """Where the target value comes from (绩效标准, domain.md §2.4)."""

    PLAN = "plan"
    HISTORY = "history"
    INDUSTRY = "industry"
    BUDGET_STANDARD = "budget_standard"
    OTHER = "other"


BASIS_LABELS = {
    StandardBasis.PLAN: "计划标准",
    StandardBasis.HISTORY: "历史标准",
    StandardBasis.INDUSTRY: "行业标准",
    StandardBasis.BUDGET_STANDARD: "预算支出标准",
    StandardBasis.OTHER: "其他标准",
}


class Period(StrEnum):
    """Annual (年度) or mid-term (中期) indicator table of the target form."""

    ANNUAL = "annual"
    MIDTERM = "midterm"


class Tier(StrEnum):
    """The three fixed tiers a qualitative result is judged in (domain.md §5.4)."""

    ACHIEVED = "achieved"
    PARTIAL = "partial"
    NOT_ACHIEVED = "not_achieved"


TIER_LABELS = {
    Tier.ACHIEVED: "达成年度指标",
    Tier.PARTIAL: "部分达成年度指标并具有一定效果",
    Tier.NOT_ACHIEVED: "未达成年度指标且效果较差",
}


@dataclass(frozen=True, slots=True)
class Indicator:
    """A level-3 indicator with its target, as declared at target time."""

    uid: str
    level1: str
    level2: str
    name: str
    operator: Operator
    target: Decimal | None = None
    """The number A for quantitative indicators; ``None`` for qualitative ones."""
    target_text: str = ""
    """The wording of a qualitative target (e.g. 建立常态化活动制度)."""
    unit: str = ""
    points: Decimal | None = None
    explanation: str = ""
    basis: StandardBasis = StandardBasis.PLAN
    core: bool = False
    period: Period = Period.ANNUAL
    target_upper: Decimal | None = None
    """The upper bound of an interval target (区间); ``target`` is then the lower bound."""

    @property
    def kind(self) -> IndicatorKind:
        """Qualitative exactly when the operator is 定性."""
        if self.operator is Operator.QUALITATIVE:
            return IndicatorKind.QUALITATIVE
        return IndicatorKind.QUANTITATIVE

    @property
    def display_target(self) -> str:
        """Operator, number and unit as forms show them: ``≥12场``, ``=0起``, or the wording."""
        if self.operator is Operator.QUALITATIVE:
            return self.target_text
        if self.operator is Operator.INTERVAL:
            bounds = interval_text(self.target, self.target_upper)
            return f"{bounds}{self.unit}" if bounds else ""
        number = "" if self.target is None else format_plain(self.target)
        return f"{self.operator.symbol}{number}{self.unit}"


def interval_text(lower: Decimal | None, upper: Decimal | None) -> str:
    """The bounds of an interval target as typed and printed: ``60～80`` (empty when unset)."""
    if lower is None and upper is None:
        return ""
    low = "" if lower is None else format_plain(lower)
    high = "" if upper is None else format_plain(upper)
    return f"{low}{INTERVAL_SEPARATOR}{high}"


def parse_interval(text: str) -> tuple[Decimal, Decimal] | None:
    """The (lower, upper) bounds of an interval target typed as text, or ``None``.

    Accepts ``60～80``, ``60-80``, ``60%～80%`` or ``60至80``; refuses anything but two numbers
    not below 0 with the lower not above the upper.
    """
    found = _INTERVAL.match(text.translate(_PERCENT_SIGNS))
    if found is None:
        return None
    try:
        lower, upper = parse_decimal(found.group(1)), parse_decimal(found.group(2))
    except AmountError:
        return None
    if lower < 0 or upper < lower:
        return None
    return lower, upper
