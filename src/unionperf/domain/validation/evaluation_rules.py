"""Rules on the self-evaluation (domain.md §5.3–§5.7)."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from unionperf.domain.budget import UNIT_OWNER, TargetSet
from unionperf.domain.indicators import TIER_LABELS
from unionperf.domain.money import ZERO, format_money, format_plain, round2
from unionperf.domain.problems import Problem, ProblemCode, Section
from unionperf.domain.scoring import Flag, IndicatorScore, Scorer, score_targets, tier_band
from unionperf.domain.validation.locate import at_indicator, at_owner
from unionperf.domain.year import YearData

# domain.md §5.7: reviewers reject boilerplate like "继续努力".
_BOILERPLATE = re.compile(r"^(继续努力|无|暂无|没有|见上|同上|略|加强管理)[。.！!]?$")


def is_boilerplate(text: str) -> bool:
    """A deviation analysis that is only a stock phrase (无, 同上, 继续努力…)."""
    return bool(_BOILERPLATE.match(text.strip()))


def check_evaluation(
    data: YearData,
    targets: TargetSet,
    budget: Decimal,
    executed: Decimal,
    scorer: Scorer = score_targets,
) -> list[Problem]:
    """Every result of one project or of the unit: present, in band, explained."""
    owner = targets.owner_uid
    problems: list[Problem] = []
    evaluation = data.evaluation_of(owner)
    score = scorer(targets.indicators, evaluation.results, budget, executed, data.settings)
    unit = owner == UNIT_OWNER
    analysed = bool(evaluation.execution_analysis.strip())
    if budget <= ZERO:
        where = at_owner(data, Section.EVALUATION, owner, "executed")
        place = "“收支预算”页的支出预算数" if unit else "“项目及资金来源”中该项目的预算数"
        problems.append(Problem(ProblemCode.EVALUATION_NO_BUDGET, where, {"where": place}))
    elif executed > budget:
        where = at_owner(data, Section.EVALUATION, owner, "executed")
        params = {"executed": format_money(executed), "budget": format_money(budget)}
        problems.append(Problem(ProblemCode.EVALUATION_EXECUTED_OVER_BUDGET, where, params))
    elif executed <= ZERO and not analysed:
        # Nothing spent is almost always nothing typed yet: say where the spending goes rather
        # than asking why the execution rate is 0 % (issue 12).
        where = at_owner(data, Section.EVALUATION, owner, "executed")
        rows = "各支出科目" if unit else "各资金来源"
        problems.append(Problem(ProblemCode.EVALUATION_EXECUTED_MISSING, where, {"rows": rows}))
        return problems + _check_results(data, owner, score.indicators)
    execution = score.execution
    if execution.rate is not None and execution.score < execution.points and not analysed:
        where = at_owner(data, Section.EVALUATION, owner, "execution_analysis")
        params = {
            "rate": f"{round2(execution.rate * 100):.2f}%",
            "score": f"{execution.score:.2f}",
            "points": format_plain(execution.points),
        }
        problems.append(Problem(ProblemCode.EVALUATION_EXECUTION_ANALYSIS_MISSING, where, params))
    return problems + _check_results(data, owner, score.indicators)


def _check_results(
    data: YearData, owner: str, indicators: tuple[IndicatorScore, ...]
) -> list[Problem]:
    problems: list[Problem] = []
    for item in indicators:
        problems += check_result(data, owner, item)
    return problems


def check_result(data: YearData, owner: str, item: IndicatorScore) -> list[Problem]:
    """One scored indicator: actual present and valid, reasons where the rules ask for them."""
    indicator, result = item.indicator, item.result
    problems = []

    def add(code: ProblemCode, field: str, /, **params: str) -> None:
        where = at_indicator(data, Section.EVALUATION, owner, indicator, field)
        problems.append(Problem(code, where, params))

    if result is not None and not result.applicable:
        if not result.na_reason.strip():
            add(ProblemCode.EVALUATION_NA_REASON_MISSING, "na_reason")
        return problems
    if Flag.MISSING_ACTUAL in item.flags or result is None:
        add(ProblemCode.EVALUATION_ACTUAL_MISSING, "actual")
        return problems
    if result.actual is not None and result.actual < ZERO:
        add(ProblemCode.EVALUATION_NEGATIVE_ACTUAL, "actual", actual=format_plain(result.actual))
    if Flag.SCORE_OUT_OF_BAND in item.flags and result.tier and result.score is not None:
        low, high, _ = tier_band(result.tier, item.points)
        add(
            ProblemCode.EVALUATION_SCORE_OUT_OF_BAND,
            "score",
            tier=TIER_LABELS[result.tier],
            low=f"{round2(low):.2f}",
            high=f"{round2(high):.2f}",
            score=format_plain(result.score),
        )
    if result.deduction is not None:
        formula = item.formula_score or ZERO
        if result.deduction <= ZERO or result.deduction > formula:
            add(
                ProblemCode.EVALUATION_DEDUCTION_INVALID,
                "deduction",
                deduction=format_plain(result.deduction),
                score=f"{formula:.2f}",
            )
        if not result.deduction_reason.strip():
            add(
                ProblemCode.EVALUATION_DEDUCTION_REASON_MISSING,
                "deduction_reason",
                deduction=format_plain(result.deduction),
            )
    _check_explained(item, add)
    return problems


def _check_explained(item: IndicatorScore, add: Callable[..., None]) -> None:
    """Deviation analysis where the score is below the points or the target was far exceeded."""
    result = item.result
    assert result is not None
    text = result.deviation.strip()
    if text and is_boilerplate(text):
        add(ProblemCode.EVALUATION_BOILERPLATE, "deviation", text=text)
    if text:
        if not result.improvement.strip():
            add(ProblemCode.EVALUATION_IMPROVEMENT_MISSING, "improvement")
        return
    if Flag.OVER_DELIVERY in item.flags and result.actual is not None:
        target = item.indicator.target or Decimal(1)
        ratio = f"{round2(result.actual / target * 100):.0f}%"
        add(
            ProblemCode.EVALUATION_OVER_DELIVERY,
            "deviation",
            actual=format_plain(result.actual),
            ratio=ratio,
        )
    elif Flag.NEEDS_EXPLANATION in item.flags and item.score is not None:
        add(
            ProblemCode.EVALUATION_DEVIATION_MISSING,
            "deviation",
            score=f"{item.score:.2f}",
            points=format_plain(item.points),
        )
