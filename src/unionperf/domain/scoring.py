"""Self-evaluation scoring exactly as domain.md §5 (our readings in docs/scoring.md).

Each indicator score is rounded half up to two decimals; the total is the sum of the rounded scores,
rescaled to 100 (and rounded again) when some points are not applicable (§5.2, §5.8). Every
quantitative score keeps its :class:`Working` (which case of the rule applied, against which
bound), from which ``domain/score_working.py`` writes the explanation the user reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from unionperf.domain.evaluation import IndicatorResult
from unionperf.domain.framework import framework_by_code
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


class Case(StrEnum):
    """Which case of the quantitative rules (domain.md §5.3) gave a score."""

    MET = "met"
    """Full points: B ≥ A (positive), B ≤ A (reverse), inside the interval, or "= 0" met."""
    SHORT = "short"
    """Positive (or below an interval's lower bound): B ÷ A × w."""
    ZERO_MISSED = "zero_missed"
    """"= 0" target exceeded (B > 0): 0 points."""
    OVER_RATIO = "over_ratio"
    """Reverse (or above an interval's upper bound), variant 1: A ÷ B × w."""
    OVER_LINEAR = "over_linear"
    """Reverse, variant 2, A < B < 2A: (1 − (B − A) ÷ A) × w."""
    OVER_DOUBLE = "over_double"
    """Reverse, variant 2, B ≥ 2A: 0 points."""
    NO_ROOM = "no_room"
    """A limit of 0 exceeded (reverse ≤0, or a positive target missed below 0): 0 points."""


@dataclass(frozen=True, slots=True)
class Working:
    """How a quantitative score came about: the case, the bound compared with and the share."""

    case: Case
    bound: Decimal
    """The A of the case: the target, or the interval's lower or upper bound."""
    actual: Decimal
    share: Decimal
    """The share of the points, between 0 and 1 (unrounded)."""


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
    working: Working | None = None
    """How a quantitative formula score came about (``None`` otherwise)."""

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
    *,
    upper: Decimal | None = None,
) -> Decimal:
    """Unrounded score of a quantitative indicator (domain.md §5.3), between 0 and ``points``.

    ``upper`` is the upper bound of an interval target (``target`` being its lower bound).
    """
    working = quantitative_working(operator, target, actual, reverse_formula, upper=upper)
    return points * working.share


def quantitative_working(
    operator: Operator,
    target: Decimal,
    actual: Decimal,
    reverse_formula: ReverseFormula = ReverseFormula.RATIO,
    *,
    upper: Decimal | None = None,
) -> Working:
    """Which case of domain.md §5.3 applies, against which bound, and the share of the points.

    Positive (≥, ＞, and ＝ with A > 0): B ≥ A → w, even when A is 0; else B ÷ A × w.
    ＝ with A = 0 (事故 ＝0起): B ≤ 0 → w, else 0. Reverse (≤, ＜): B ≤ A → w, else by the
    reverse formula. Interval (区间, our reading): inside → w; below → positive against the lower
    bound; above → reverse against the upper bound.
    """
    if operator is Operator.QUALITATIVE:
        raise ValueError("qualitative indicators are scored by tier")
    if operator is Operator.INTERVAL:
        if actual < target:
            return _positive(target, actual)
        if upper is not None and actual > upper:
            return _reverse(upper, actual, reverse_formula)
        return Working(Case.MET, target, actual, Decimal(1))
    if operator.is_reverse:
        return _reverse(target, actual, reverse_formula)
    if operator is Operator.EQ and target <= ZERO:
        # "= 0" targets such as 安全责任事故 =0起: met when the actual is not above it.
        met = actual <= target
        return Working(Case.MET if met else Case.ZERO_MISSED, target, actual, Decimal(int(met)))
    return _positive(target, actual)


def _positive(target: Decimal, actual: Decimal) -> Working:
    if actual >= target:
        return Working(Case.MET, target, actual, Decimal(1))
    if target <= ZERO:
        return Working(Case.NO_ROOM, target, actual, ZERO)
    return Working(Case.SHORT, target, actual, _clamp(actual / target))


def _reverse(target: Decimal, actual: Decimal, formula: ReverseFormula) -> Working:
    if actual <= target:
        return Working(Case.MET, target, actual, Decimal(1))
    if target <= ZERO:
        return Working(Case.NO_ROOM, target, actual, ZERO)
    if formula is ReverseFormula.RATIO:
        return Working(Case.OVER_RATIO, target, actual, _clamp(target / actual))
    if actual >= target * 2:
        return Working(Case.OVER_DOUBLE, target, actual, ZERO)
    share = _clamp(Decimal(1) - (actual - target) / target)
    return Working(Case.OVER_LINEAR, target, actual, share)


def _clamp(share: Decimal) -> Decimal:
    return max(ZERO, min(Decimal(1), share))


def tier_band(tier: Tier, points: Decimal) -> tuple[Decimal, Decimal, bool]:
    """The allowed score range of a qualitative tier: (low, high, high inclusive)."""
    low, high, inclusive = TIER_BANDS[tier]
    return points * low, points * high, inclusive


def in_tier_band(tier: Tier, points: Decimal, score: Decimal) -> bool:
    """Whether a qualitative score lies inside its tier's band (domain.md §5.4).

    The score is rounded to two decimals first, as it counts: 5.599 is 5.60, which is no longer
    "partial" when 5.60 is where "achieved" begins.
    """
    low, high, inclusive = tier_band(tier, points)
    rounded = round2(score)
    return low <= rounded <= high if inclusive else low <= rounded < high


def is_over_delivered(indicator: Indicator, actual: Decimal, ratio: Decimal) -> bool:
    """Positive indicators whose actual reaches ``ratio`` × target (default 120 %, §5.3)."""
    if indicator.operator.is_reverse or indicator.operator in (
        Operator.QUALITATIVE,
        Operator.INTERVAL,
    ):
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
    formula, working = _formula_score(indicator, result, points, settings, flags)
    score = formula
    # Only a positive deduction lowers the score: a negative one would lift it above the points
    # (§5.3: never above w). Validation reports it (EVALUATION_DEDUCTION_INVALID).
    deduction = result.deduction if result is not None else None
    if formula is not None and deduction is not None and deduction > ZERO:
        score = max(ZERO, formula - round2(deduction))
    final = ZERO if score is None else score
    if points > ZERO and final < points:
        flags.append(Flag.NEEDS_EXPLANATION)
    unique = tuple(dict.fromkeys(flags))
    return IndicatorScore(indicator, result, points, final, formula, unique, working)


def _formula_score(
    indicator: Indicator,
    result: IndicatorResult | None,
    points: Decimal,
    settings: RuleSettings,
    flags: list[Flag],
) -> tuple[Decimal | None, Working | None]:
    """Rounded score before deduction and its working; ``None`` (and a flag) without a result."""
    if indicator.operator is Operator.QUALITATIVE:
        if result is None or result.tier is None or result.score is None:
            flags.append(Flag.MISSING_ACTUAL)
            return None, None
        # Round first, then check the band (docs/scoring.md): the rounded score is what counts.
        rounded = round2(result.score)
        if not in_tier_band(result.tier, points, rounded):
            flags.append(Flag.SCORE_OUT_OF_BAND)
        return min(points, max(ZERO, rounded)), None
    if result is None or result.actual is None or indicator.target is None:
        flags.append(Flag.MISSING_ACTUAL)
        return None, None
    if is_over_delivered(indicator, result.actual, settings.over_delivery_ratio):
        flags.append(Flag.OVER_DELIVERY)
        flags.append(Flag.NEEDS_EXPLANATION)
    working = quantitative_working(
        indicator.operator,
        indicator.target,
        result.actual,
        settings.reverse_formula,
        upper=indicator.target_upper,
    )
    return round2(points * working.share), working


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
    """Score a project or the unit: execution row, each indicator, total and grade.

    The indicators come out in canonical order (the framework's level 1, then level 2, then the
    user's order), whatever order they were added in.
    """
    by_uid = {item.indicator_uid: item for item in results}
    execution = score_execution(budget, executed, settings.weights.get("execution", Decimal(10)))
    ordered = framework_by_code(settings.framework_code).ordered(indicators)
    scored = tuple(
        score_indicator(indicator, by_uid.get(indicator.uid), settings) for indicator in ordered
    )
    raw = execution.score + sum((item.score for item in scored if item.score is not None), ZERO)
    possible = execution.points + sum((item.points for item in scored), ZERO)
    applicable = execution.points + sum((item.points for item in scored if item.applicable), ZERO)
    total = raw
    if applicable < possible and applicable > ZERO:
        total = round2(raw / applicable * HUNDRED)
    return TargetScore(execution, scored, raw, applicable, possible, total, grade_for(total))


Scorer = Callable[
    [Iterable[Indicator], Iterable[IndicatorResult], Decimal, Decimal, RuleSettings], TargetScore
]
"""What scores a target set: :func:`score_targets`, or a :class:`RememberedScores`."""


class RememberedScores:
    """:func:`score_targets`, each score computed once for the same inputs.

    Checking a year's self-evaluation and then scoring the year score every project twice with
    the very same indicators, results, amounts and settings (verifying a package does both).
    The inputs are recognised by identity (the amounts by value and exponent), and kept, so that
    an identity cannot be reused while the score is remembered; use one for one year.
    """

    def __init__(self) -> None:
        self._known: dict[tuple[int, int, str, str, int], tuple[object, TargetScore]] = {}

    def __call__(
        self,
        indicators: Iterable[Indicator],
        results: Iterable[IndicatorResult],
        budget: Decimal,
        executed: Decimal,
        settings: RuleSettings,
    ) -> TargetScore:
        """The score of :func:`score_targets` for these inputs, computed once."""
        key = (id(indicators), id(results), str(budget), str(executed), id(settings))
        known = self._known.get(key)
        if known is None:
            score = score_targets(indicators, results, budget, executed, settings)
            self._known[key] = ((indicators, results, settings), score)
            return score
        return known[1]
