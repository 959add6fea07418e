"""Rules on performance targets (domain.md §2.3, §3.3, §5.2)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from decimal import Decimal

from unionperf.domain.budget import TargetSet
from unionperf.domain.framework import COST
from unionperf.domain.indicators import Indicator, IndicatorKind, Operator, interval_text
from unionperf.domain.money import ZERO, format_plain
from unionperf.domain.monitoring import RATE_UNITS
from unionperf.domain.problems import Problem, ProblemCode, Section, Severity
from unionperf.domain.validation.locate import at_indicator, at_owner
from unionperf.domain.year import YearData

# domain.md §3.3 rule 6: a target that only says "further improve" is not measurable.
_VAGUE = re.compile(r"^(进一步|不断|持续|逐步)?(提高|提升|加强|改善|完善|增强)")


def is_vague_target(text: str) -> bool:
    """A qualitative target that only says "further improve", without a number (rule 6)."""
    return bool(_VAGUE.match(text.strip())) and not re.search(r"\d", text)


def check_targets(data: YearData, targets: TargetSet, *, points_hard: bool) -> list[Problem]:
    """Goals, indicators and points of one target set.

    Args:
        data: the year.
        targets: a project's or the unit's targets.
        points_hard: whether level-1 point sums must already match the weights (true at
            self-evaluation; at target time a mismatch is only a warning).
    """
    owner = targets.owner_uid
    problems: list[Problem] = []
    if not targets.annual_goal.strip():
        where = at_owner(data, Section.TARGETS, owner, "annual_goal")
        problems.append(Problem(ProblemCode.TARGET_GOAL_MISSING, where))
    if not targets.indicators:
        where = at_owner(data, Section.TARGETS, owner, "indicators")
        return [*problems, Problem(ProblemCode.TARGET_NO_INDICATORS, where)]
    names = Counter(item.name.strip() for item in targets.indicators if item.name.strip())
    for indicator in targets.indicators:
        problems += check_indicator(data, owner, indicator, names)
    problems += _check_coverage(data, targets)
    problems += _check_points(data, targets, points_hard=points_hard)
    return problems


def check_indicator(
    data: YearData, owner: str, indicator: Indicator, names: Counter[str]
) -> list[Problem]:
    """One level-3 indicator: category, name, value, unit, points (domain.md §3.3 rules 2–6)."""
    problems = []

    def add(code: ProblemCode, field: str, /, **params: str) -> None:
        where = at_indicator(data, Section.TARGETS, owner, indicator, field)
        problems.append(Problem(code, where, params))

    framework = data.framework
    if framework.level2_of(indicator.level1, indicator.level2) is None:
        add(
            ProblemCode.INDICATOR_CATEGORY_UNKNOWN,
            "level2",
            level1=indicator.level1,
            level2=indicator.level2,
            framework=framework.title,
        )
    name = indicator.name.strip()
    if not name:
        add(ProblemCode.INDICATOR_NAME_MISSING, "name")
    elif names[name] > 1:
        add(ProblemCode.INDICATOR_DUPLICATE_NAME, "name", name=name)
    if indicator.kind is IndicatorKind.QUALITATIVE:
        if not indicator.target_text.strip():
            add(ProblemCode.INDICATOR_TARGET_MISSING, "target")
        elif is_vague_target(indicator.target_text):
            add(ProblemCode.INDICATOR_VAGUE_TARGET, "target", text=indicator.target_text.strip())
    else:
        _check_quantitative(indicator, add)
    if indicator.points is None or indicator.points <= ZERO:
        add(ProblemCode.INDICATOR_POINTS_MISSING, "points")
    is_cost = indicator.level1 == COST or "成本" in indicator.level2
    if is_cost and indicator.operator in (Operator.GE, Operator.GT):
        add(ProblemCode.INDICATOR_COST_OPERATOR, "operator", operator=indicator.operator.symbol)
    return problems


def _check_quantitative(indicator: Indicator, add: Callable[..., None]) -> None:
    target = indicator.target
    upper = indicator.target_upper if indicator.operator is Operator.INTERVAL else None
    if target is None:
        add(ProblemCode.INDICATOR_TARGET_MISSING, "target")
    elif target < ZERO:
        add(ProblemCode.INDICATOR_NEGATIVE_TARGET, "target", target=format_plain(target))
    elif indicator.unit.strip() in RATE_UNITS and max(target, upper or ZERO) > Decimal(100):
        top = max(target, upper or ZERO)
        add(ProblemCode.INDICATOR_PERCENT_OVER_100, "target", target=format_plain(top))
    if (
        indicator.operator is Operator.INTERVAL
        and target is not None
        and (upper is None or upper < target)
    ):
        add(
            ProblemCode.INDICATOR_INTERVAL_BOUNDS,
            "target",
            target=interval_text(target, upper),
        )
    if not indicator.unit.strip():
        add(ProblemCode.INDICATOR_UNIT_MISSING, "unit")


def _check_coverage(data: YearData, targets: TargetSet) -> list[Problem]:
    owner = targets.owner_uid
    problems = []
    present = {item.level1 for item in targets.indicators}
    for level1 in data.framework.level1:
        weight = data.settings.weights.get(level1.name, level1.default_points)
        if level1.name not in present and weight > ZERO:
            where = at_owner(
                data,
                Section.TARGETS,
                owner,
                "indicators",
                item_uid=level1.name,
                item_label=f"一级指标“{level1.name}”",
            )
            params = {"level1": level1.name}
            problems.append(Problem(ProblemCode.TARGET_LEVEL1_MISSING, where, params))
    quantitative = sum(1 for item in targets.indicators if item.kind is IndicatorKind.QUANTITATIVE)
    qualitative = len(targets.indicators) - quantitative
    if qualitative > quantitative:
        where = at_owner(data, Section.TARGETS, owner, "indicators")
        params = {"qualitative": str(qualitative), "quantitative": str(quantitative)}
        problems.append(Problem(ProblemCode.TARGET_QUALITATIVE_MAJORITY, where, params))
    if not any(item.level2 == "数量指标" for item in targets.indicators):
        where = at_owner(data, Section.TARGETS, owner, "indicators")
        problems.append(Problem(ProblemCode.TARGET_NO_QUANTITY, where))
    return problems


def _check_points(data: YearData, targets: TargetSet, *, points_hard: bool) -> list[Problem]:
    """Level-1 subtotals equal the weights (domain.md §5.2)."""
    problems = []
    for level1 in data.framework.level1:
        expected = data.settings.weights.get(level1.name, ZERO)
        total = sum(
            (item.points or ZERO for item in targets.indicators if item.level1 == level1.name),
            ZERO,
        )
        if total == expected:
            continue
        where = at_owner(
            data,
            Section.TARGETS,
            targets.owner_uid,
            "points",
            item_uid=level1.name,
            item_label=f"一级指标“{level1.name}”",
        )
        params = {
            "level1": level1.name,
            "total": format_plain(total),
            "expected": format_plain(expected),
        }
        # At target time a mismatch is a warning: some localities set points only at year end.
        override = None if points_hard else Severity.SOFT
        problems.append(Problem(ProblemCode.TARGET_POINTS_SUM, where, params, override))
    return problems
