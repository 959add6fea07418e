"""The upper level's re-scoring of a unit's self-evaluation (seed §二.7; both scores kept).

Where the upper level disagrees with the score a unit gave one of its indicators, it sets its own
score with a reason. The owner's total is then the unit's total with the upper level's scores in
place of the unit's: the same sum of rounded scores and the same rescaling to 100 when some points
are not applicable as domain.md §5.2 and §5.8 (:func:`unionperf.domain.scoring.score_targets`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from unionperf.domain.money import HUNDRED, ZERO, round2
from unionperf.domain.scoring import IndicatorScore, TargetScore, grade_for


def rescore_error(item: IndicatorScore, score: Decimal) -> str | None:
    """Why the upper level cannot give ``score`` to this indicator, or ``None``.

    The score must be a number of at most two decimals between 0 and the indicator's points,
    and the indicator must count towards the total (not marked 不适用 by the unit).
    """
    if not item.applicable:
        return f"指标“{item.indicator.name}”被单位标为不适用，不计入得分，无法复评"
    if not score.is_finite() or score != round2(score):
        return f"复评得分“{score}”应为最多两位小数的数字"
    if score < ZERO or score > item.points:
        return f"复评得分应在 0 至 {item.points} 分之间（该指标分值 {item.points} 分）"
    return None


def with_upper_scores(score: TargetScore, upper: Mapping[str, Decimal]) -> TargetScore:
    """An owner's score with the upper level's indicator scores in place of the unit's.

    Args:
        score: the owner's score as the unit's data gives it.
        upper: the upper level's score by indicator uid (indicators not named keep theirs;
            indicators not applicable are left out of the total as before).

    Returns:
        The score with those indicators replaced, the total summed and rescaled again, and the
        grade of that total.
    """
    indicators = tuple(
        replace(item, score=upper[item.indicator.uid])
        if item.indicator.uid in upper and item.applicable
        else item
        for item in score.indicators
    )
    raw = score.execution.score + sum(
        (item.score for item in indicators if item.score is not None), ZERO
    )
    total = raw
    if ZERO < score.applicable_points < score.possible_points:
        total = round2(raw / score.applicable_points * HUNDRED)
    return replace(score, indicators=indicators, raw_total=raw, total=total, grade=grade_for(total))
