"""JSON-ready reports of scores and problems (``unionperf score --json``, ``check --json``).

Decimals are strings, never floats. The format is documented in ``docs/cli.md``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.indicators import IndicatorKind
from unionperf.domain.money import format_plain
from unionperf.domain.problems import SEVERITY_LABELS, Problem, Severity
from unionperf.domain.results import YearScore, score_year
from unionperf.domain.score_working import explain_execution, explain_indicator, explain_total
from unionperf.domain.scoring import ExecutionScore, IndicatorScore, TargetScore
from unionperf.domain.validation import check_year
from unionperf.domain.year import YearData

REPORT_VERSION = 1


def score_report(data: YearData, scores: YearScore) -> dict[str, Any]:
    """Every project and the unit as a whole, each with execution, indicators, total and grade."""
    unit: dict[str, Any] = {
        "name": data.unit.name,
        "credit_code": data.unit.credit_code,
        "uid": UNIT_OWNER,
    }
    if scores.unit is not None:
        unit.update(target_report(scores.unit))
    return {
        "report_version": REPORT_VERSION,
        "year": data.year,
        "settings": data.settings.to_json(),
        "unit": unit,
        "projects": [
            {
                "uid": item.project.uid,
                "code": item.project.code,
                "name": item.project.name,
                "category": item.project.category_code,
                "exempt": item.exempt,
                **target_report(item.score),
            }
            for item in scores.projects
        ],
    }


def target_report(score: TargetScore) -> dict[str, Any]:
    """Execution, indicators, subtotals, total and grade of one project or the unit."""
    return {
        "execution": execution_report(score.execution),
        "indicators": [indicator_report(item) for item in score.indicators],
        "subtotals": {
            level1: _money(score.subtotal(level1))
            for level1 in dict.fromkeys(item.indicator.level1 for item in score.indicators)
        },
        "raw_total": _money(score.raw_total),
        "applicable_points": format_plain(score.applicable_points),
        "total": _money(score.total),
        "grade": score.grade.value,
        "working": explain_total(score),
    }


def execution_report(execution: ExecutionScore) -> dict[str, Any]:
    """The budget-execution row."""
    return {
        "budget": _money(execution.budget),
        "executed": _money(execution.executed),
        "rate": None if execution.rate is None else f"{execution.rate:.4f}",
        "points": format_plain(execution.points),
        "score": _money(execution.score),
        "flags": [flag.value for flag in execution.flags],
        "working": explain_execution(execution),
    }


def indicator_report(item: IndicatorScore) -> dict[str, Any]:
    """One scored indicator."""
    indicator, result = item.indicator, item.result
    qualitative = indicator.kind is IndicatorKind.QUALITATIVE
    return {
        "uid": indicator.uid,
        "level1": indicator.level1,
        "level2": indicator.level2,
        "name": indicator.name,
        "kind": indicator.kind.value,
        "operator": indicator.operator.value,
        "target": indicator.target_text if qualitative else _plain(indicator.target),
        "target_upper": _plain(indicator.target_upper),
        "unit": indicator.unit,
        "actual": (result.actual_text if qualitative else _plain(result.actual))
        if result
        else None,
        "tier": result.tier.value if result and result.tier else None,
        "applicable": item.applicable,
        "na_reason": result.na_reason if result and not result.applicable else None,
        "points": format_plain(item.points),
        "formula_score": None if item.formula_score is None else _money(item.formula_score),
        "score": None if item.score is None else _money(item.score),
        "flags": [flag.value for flag in item.flags],
        "deduction": _plain(result.deduction) if result else None,
        "deduction_reason": (result.deduction_reason or None) if result else None,
        "working": explain_indicator(item),
    }


def year_overview(data: YearData) -> dict[str, Any]:
    """What the main window shows for a year: the score report and the open problem counts.

    ``hard`` counts hard problems; ``soft`` counts soft ones still without an explanation.
    """
    scores = score_year(data)
    problems = check_year(data)
    hard = [item for item in problems if item.severity is Severity.HARD]
    unexplained = [
        item
        for item in problems
        if item.severity is Severity.SOFT and not data.explanation_for(item.key).strip()
    ]
    return {**score_report(data, scores), "hard": len(hard), "soft": len(unexplained)}


def problem_report(problem: Problem, explanation: str = "") -> dict[str, Any]:
    """One validation problem."""
    where = problem.where
    return {
        "code": problem.code.value,
        "rule": problem.code.name,
        "severity": problem.severity.value,
        "severity_label": SEVERITY_LABELS[problem.severity],
        "location": {
            "section": where.section.value,
            "owner": where.owner_uid,
            "item": where.item_uid,
            "field": where.field,
            "label": where.label,
        },
        "message": problem.message,
        "key": problem.key,
        "explanation": explanation or None,
    }


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else format_plain(value)
