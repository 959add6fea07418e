"""Self-evaluation scoring exactly as domain.md §5.

Each indicator score is rounded half up to two decimals; the total is the sum of the rounded scores,
rescaled to 100 (and rounded again) when some points are not applicable (§5.2, §5.8).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from unionperf.domain.evaluation import IndicatorResult
from unionperf.domain.indicators import Indicator, Operator, Tier
from unionperf.domain.money import HUNDRED, ZERO, round2, round_places
from unionperf.domain.settings import ReverseFormula, RuleSettings

TIER_BANDS: dict[Tier, tuple[Decimal, Decimal, bool]] = {
    # tier: (lower share, upper share, upper bound inclusive) — domain.md §5.4
    Tier.ACHIEVED: (Decimal("0.8"), Decimal(1), True),
    Tier.PARTIAL: (Decimal("0.6"), Decimal("0.8"), False),
    Tier.NOT_ACHIEVED: (ZERO, Decimal("0.6"), False),
}

# Lower bounds of the grades 优 / 良 / 中 (domain.md §5.6); below 中 is 差.
_EXCELLENT_FROM = Decimal(90)
_GOOD_FROM = Decimal(80)
_FAIR_FROM = Decimal(60)


class Flag(StrEnum):
    """Marks on a scored indicator that ask for the user's attention."""

    OVER_DELIVERY = "over_delivery"
    NEEDS_EXPLANATION = "needs_explanation"
    MISSING_ACTUAL = "missing_actual"
    MISSING_POINTS = "missing_points"
    SCORE_OUT_OF_BAND = "score_out_of_band"
    NO_BUDGET = "no_budget"


class Grade(StrEnum):
    """评价等级 (domain.md §5.6)."""

    EXCELLENT = "优"
    GOOD = "良"
    FAIR = "中"
    POOR = "差"


@dataclass(frozen=True, slots=True)
class IndicatorScore:
    """The score of one indicator with how it came about."""

    indicator: Indicator
    result: IndicatorResult | None
    points: Decimal
    score: Decimal | None
    """Rounded score; ``None`` when not applicable."""
    formula_score: Decimal | None
    """Before any manual deduction."""
    flags: tuple[Flag, ...]

    @property
    def applicable(self) -> bool:
        """Whether the indicator counts towards the total."""
        return self.result is None or self.result.applicable


@dataclass(frozen=True, slots=True)
class ExecutionScore:
    """The budget-execution row (预算执行率, domain.md §5.5)."""

    budget: Decimal
    executed: Decimal
    rate: Decimal | None
    points: Decimal
    score: Decimal
    flags: tuple[Flag, ...]


@dataclass(frozen=True, slots=True)
class TargetScore:
    """The score of a project or of the unit: execution, every indicator, total and grade."""

    execution: ExecutionScore
    indicators: tuple[IndicatorScore, ...]
    raw_total: Decimal
    applicable_points: Decimal
    possible_points: Decimal
    total: Decimal
    grade: Grade

    def subtotal(self, level1: str) -> Decimal:
        """Sum of the rounded applicable scores under a level-1 category."""
        return sum(
            (
                item.score
                for item in self.indicators
                if item.indicator.level1 == level1 and item.score is not None
            ),
            ZERO,
        )


def grade_for(total: Decimal) -> Grade:
    """优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差 (domain.md §5.6)."""
    if total >= _EXCELLENT_FROM:
        return Grade.EXCELLENT
    if total >= _GOOD_FROM:
        return Grade.GOOD
    if total >= _FAIR_FROM:
        return Grade.FAIR
    return Grade.POOR


def quantitative_score(
    operator: Operator,
    target: Decimal,
    actual: Decimal,
    points: Decimal,
    reverse_formula: ReverseFormula = ReverseFormula.RATIO,
) -> Decimal:
    """Unrounded score of a quantitative indicator (domain.md §5.3), between 0 and ``points``."""
    if operator is Operator.QUALITATIVE:
        raise ValueError("qualitative indicators are scored by tier")
    if operator.is_reverse:
        share = _reverse_share(target, actual, reverse_formula)
    elif target <= ZERO:
        # "= 0" targets such as 安全责任事故 =0起: met when the actual is not above it.
        share = Decimal(1) if actual <= target else ZERO
    else:
        share = actual / target
    return points * _clamp(share)


def _reverse_share(target: Decimal, actual: Decimal, formula: ReverseFormula) -> Decimal:
    if actual <= target:
        return Decimal(1)
    if target <= ZERO:
        return ZERO
    if formula is ReverseFormula.RATIO:
        return target / actual
    return Decimal(1) - (actual - target) / target


def _clamp(share: Decimal) -> Decimal:
    return max(ZERO, min(Decimal(1), share))


def tier_band(tier: Tier, points: Decimal) -> tuple[Decimal, Decimal, bool]:
    """The allowed score range of a qualitative tier: (low, high, high inclusive)."""
    low, high, inclusive = TIER_BANDS[tier]
    return points * low, points * high, inclusive


def in_tier_band(tier: Tier, points: Decimal, score: Decimal) -> bool:
    """Whether a qualitative score lies inside its tier's band (domain.md §5.4)."""
    low, high, inclusive = tier_band(tier, points)
    return low <= score <= high if inclusive else low <= score < high


def is_over_delivered(indicator: Indicator, actual: Decimal, ratio: Decimal) -> bool:
    """Positive indicators whose actual reaches ``ratio`` × target (default 120 %, §5.3)."""
    if indicator.operator.is_reverse or indicator.operator is Operator.QUALITATIVE:
        return False
    target = indicator.target
    return target is not None and target > ZERO and actual >= target * ratio


def score_indicator(
    indicator: Indicator, result: IndicatorResult | None, settings: RuleSettings
) -> IndicatorScore:
    """Score one indicator with its result under the workspace's rules."""
    points = indicator.points or ZERO
    flags: list[Flag] = [] if indicator.points else [Flag.MISSING_POINTS]
    if result is not None and not result.applicable:
        return IndicatorScore(indicator, result, points, None, None, tuple(flags))
    formula = _formula_score(indicator, result, points, settings, flags)
    score = formula
    # Only a positive deduction lowers the score: a negative one would lift it above the points
    # (§5.3: never above w). Validation reports it (EVALUATION_DEDUCTION_INVALID).
    deduction = result.deduction if result is not None else None
    if formula is not None and deduction is not None and deduction > ZERO:
        score = max(ZERO, formula - round2(deduction))
    final = ZERO if score is None else score
    if points > ZERO and final < points:
        flags.append(Flag.NEEDS_EXPLANATION)
    return IndicatorScore(indicator, result, points, final, formula, tuple(dict.fromkeys(flags)))


def _formula_score(
    indicator: Indicator,
    result: IndicatorResult | None,
    points: Decimal,
    settings: RuleSettings,
    flags: list[Flag],
) -> Decimal | None:
    """Rounded score before deduction; ``None`` (and a flag) when the result is missing."""
    if indicator.operator is Operator.QUALITATIVE:
        if result is None or result.tier is None or result.score is None:
            flags.append(Flag.MISSING_ACTUAL)
            return None
        if not in_tier_band(result.tier, points, result.score):
            flags.append(Flag.SCORE_OUT_OF_BAND)
        return round2(min(points, max(ZERO, result.score)))
    if result is None or result.actual is None or indicator.target is None:
        flags.append(Flag.MISSING_ACTUAL)
        return None
    if is_over_delivered(indicator, result.actual, settings.over_delivery_ratio):
        flags.append(Flag.OVER_DELIVERY)
        flags.append(Flag.NEEDS_EXPLANATION)
    raw = quantitative_score(
        indicator.operator, indicator.target, result.actual, points, settings.reverse_formula
    )
    return round2(raw)


def score_execution(budget: Decimal, executed: Decimal, points: Decimal) -> ExecutionScore:
    """得分 = min(B ÷ A, 100 %) × points (domain.md §5.5); a zero budget cannot be scored."""
    if budget <= ZERO:
        return ExecutionScore(budget, executed, None, points, ZERO, (Flag.NO_BUDGET,))
    ratio = executed / budget
    score = round2(points * _clamp(ratio))
    flags = (Flag.NEEDS_EXPLANATION,) if score < points else ()
    return ExecutionScore(budget, executed, round_places(ratio, 4), points, score, flags)


def score_targets(
    indicators: Iterable[Indicator],
    results: Iterable[IndicatorResult],
    budget: Decimal,
    executed: Decimal,
    settings: RuleSettings,
) -> TargetScore:
    """Score a project or the unit: execution row, each indicator, total and grade."""
    by_uid = {item.indicator_uid: item for item in results}
    execution = score_execution(budget, executed, settings.weights.get("execution", Decimal(10)))
    scored = tuple(
        score_indicator(indicator, by_uid.get(indicator.uid), settings) for indicator in indicators
    )
    raw = execution.score + sum((item.score for item in scored if item.score is not None), ZERO)
    possible = execution.points + sum((item.points for item in scored), ZERO)
    applicable = execution.points + sum((item.points for item in scored if item.applicable), ZERO)
    total = raw
    if applicable < possible and applicable > ZERO:
        total = round2(raw / applicable * HUNDRED)
    return TargetScore(execution, scored, raw, applicable, possible, total, grade_for(total))
