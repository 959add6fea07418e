"""Writing a year as ``data.json`` (format and conventions: :mod:`unionperf.exchange.codec`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from unionperf.domain.budget import BudgetLine, FundingLine, Project, TargetSet
from unionperf.domain.evaluation import Evaluation, IndicatorResult
from unionperf.domain.framework import Framework
from unionperf.domain.indicators import Indicator
from unionperf.domain.monitoring import IndicatorProgress, MonitoringEntry, MonitoringPoint
from unionperf.domain.project_years import ProjectYear
from unionperf.domain.revenue import RevenueArrival
from unionperf.domain.unit import UnitProfile
from unionperf.domain.year import Signoff, YearData
from unionperf.exchange.codec import DATA_FORMAT_VERSION, CodecError
from unionperf.exchange.codec_assessment import assessment_json

_T = TypeVar("_T")


def year_to_json(data: YearData) -> dict[str, Any]:
    """The JSON form of a year (format :data:`DATA_FORMAT_VERSION`).

    Args:
        data: the year (usually reduced with :func:`for_stage`).

    Returns:
        A mapping of strings, integers, booleans, ``None``, lists and mappings, ready for
        ``json.dumps``; keys in a fixed order.

    Raises:
        CodecError: an amount has a fraction of a fen, or a decimal is not finite.
    """
    return {
        "format_version": DATA_FORMAT_VERSION,
        "year": data.year,
        "unit": _unit_json(data.unit),
        "settings": data.settings.to_json(),
        "catalogue": data.catalogue.code,
        "opening_balance": _money_json(data.opening_balance),
        "budget": [_budget_line_json(item) for item in data.budget],
        "projects": [_project_json(item, data.framework) for item in data.projects],
        "unit_targets": _targets_json(data.unit_targets, data.framework),
        "points": [_point_json(item) for item in data.points],
        "monitoring": [_entry_json(item) for item in data.monitoring],
        "arrivals": [_arrival_json(item) for item in data.arrivals],
        "evaluations": [_evaluation_json(item) for item in data.evaluations],
        "signoffs": [_signoff_json(item) for item in data.signoffs],
        "explanations": [
            {"problem_key": item.problem_key, "text": item.text} for item in data.explanations
        ],
        "assessments": [assessment_json(item) for item in data.assessments],
        "project_history": [_project_year_json(item) for item in data.project_history],
    }


def _money_json(value: Decimal) -> str:
    """Yuan with exactly two decimals, e.g. ``"1200.00"``; exact, never rounded."""
    whole, _, fraction = _decimal_json(value).partition(".")
    fraction = fraction.rstrip("0")
    if len(fraction) > 2:  # noqa: PLR2004 - two decimals: whole fen
        raise CodecError(f"金额“{value}”不是整分（最多两位小数），无法写入 data.json")
    return f"{whole}.{fraction.ljust(2, '0')}"


def _decimal_json(value: Decimal) -> str:
    """A decimal as held, in plain notation (``"1.20"``, ``"95"``)."""
    if not value.is_finite():
        raise CodecError(f"数值“{value}”不是有限数，无法写入 data.json")
    return format(value, "f")


def _optional(value: _T | None, write: Callable[[_T], Any]) -> Any:
    return None if value is None else write(value)


def _date_json(value: date) -> str:
    return value.isoformat()


def _enum_json(value: StrEnum) -> str:
    return value.value


def _unit_json(unit: UnitProfile) -> dict[str, Any]:
    return {
        "name": unit.name,
        "credit_code": unit.credit_code,
        "level": unit.level.value,
        "upper_union": unit.upper_union,
        "member_count": unit.member_count,
        "staff_count": unit.staff_count,
        "accountant": unit.accountant,
        "chair": unit.chair,
        "audit_chair": unit.audit_chair,
        "contact_phone": unit.contact_phone,
        "address": unit.address,
    }


def _budget_line_json(line: BudgetLine) -> dict[str, Any]:
    return {
        "category_code": line.category_code,
        "last_year_actual": _money_json(line.last_year_actual),
        "budget": _money_json(line.budget),
        "adjustment": _money_json(line.adjustment),
        "executed": _money_json(line.executed),
    }


def _funding_json(line: FundingLine) -> dict[str, Any]:
    return {
        "source": line.source.value,
        "initial": _money_json(line.initial),
        "adjusted": _money_json(line.adjusted),
        "executed": _money_json(line.executed),
    }


def _project_json(project: Project, framework: Framework) -> dict[str, Any]:
    return {
        "uid": project.uid,
        "code": project.code,
        "name": project.name,
        "category_code": project.category_code,
        "attribute": project.attribute.value,
        "start": _optional(project.start, _date_json),
        "end": _optional(project.end, _date_json),
        "responsible": project.responsible,
        "phone": project.phone,
        "description": project.description,
        "midterm_budget": _money_json(project.midterm_budget),
        "funding": [_funding_json(item) for item in project.funding],
        "targets": _targets_json(project.targets, framework),
        "clear_out": project.clear_out,
        "clear_out_reason": project.clear_out_reason,
    }


def _project_year_json(item: ProjectYear) -> dict[str, Any]:
    return {
        "year": item.year,
        "project_uid": item.project_uid,
        "annual_goal": item.annual_goal,
        "initial": _money_json(item.initial),
        "budget": _money_json(item.budget),
        "executed": _money_json(item.executed),
        "score": _optional(item.score, _decimal_json),
        "grade": item.grade,
        "clear_out": item.clear_out,
    }


def _targets_json(targets: TargetSet, framework: Framework) -> dict[str, Any]:
    """Goals and indicators, the indicators in canonical order (level 1, level 2, the user's)."""
    return {
        "owner_uid": targets.owner_uid,
        "annual_goal": targets.annual_goal,
        "midterm_goal": targets.midterm_goal,
        "indicators": [_indicator_json(item) for item in framework.ordered(targets.indicators)],
    }


def _indicator_json(indicator: Indicator) -> dict[str, Any]:
    return {
        "uid": indicator.uid,
        "level1": indicator.level1,
        "level2": indicator.level2,
        "name": indicator.name,
        "operator": indicator.operator.value,
        "target": _optional(indicator.target, _decimal_json),
        "target_text": indicator.target_text,
        "unit": indicator.unit,
        "points": _optional(indicator.points, _decimal_json),
        "explanation": indicator.explanation,
        "basis": indicator.basis.value,
        "core": indicator.core,
        "period": indicator.period.value,
        "target_upper": _optional(indicator.target_upper, _decimal_json),
    }


def _point_json(point: MonitoringPoint) -> dict[str, Any]:
    return {"uid": point.uid, "cutoff": _date_json(point.cutoff), "label": point.label}


def _entry_json(entry: MonitoringEntry) -> dict[str, Any]:
    progress = sorted(entry.progress, key=lambda item: item.indicator_uid)
    return {
        "point_uid": entry.point_uid,
        "owner_uid": entry.owner_uid,
        "executed": _optional(entry.executed, _money_json),
        "forecast": _optional(entry.forecast, _money_json),
        "progress_text": entry.progress_text,
        "lag_reason": entry.lag_reason,
        "measure": entry.measure,
        "suspension": entry.suspension.value,
        "progress": [_progress_json(item) for item in progress],
    }


def _progress_json(progress: IndicatorProgress) -> dict[str, Any]:
    return {
        "indicator_uid": progress.indicator_uid,
        "actual": _optional(progress.actual, _decimal_json),
        "tier": _optional(progress.tier, _enum_json),
        "actual_text": progress.actual_text,
        "forecast": _optional(progress.forecast, _decimal_json),
        "forecast_text": progress.forecast_text,
        "reasons": [
            {"category": item.category.value, "text": item.text} for item in progress.reasons
        ],
        "likelihood": _optional(progress.likelihood, _enum_json),
        "measure": progress.measure,
        "note": progress.note,
    }


def _arrival_json(arrival: RevenueArrival) -> dict[str, Any]:
    return {
        "point_uid": arrival.point_uid,
        "category_code": arrival.category_code,
        "amount": _money_json(arrival.amount),
        "received_on": _optional(arrival.received_on, _date_json),
        "note": arrival.note,
    }


def _evaluation_json(evaluation: Evaluation) -> dict[str, Any]:
    return {
        "owner_uid": evaluation.owner_uid,
        "results": [_result_json(item) for item in evaluation.results],
        "achieved_text": evaluation.achieved_text,
        "result_application": evaluation.result_application,
        "execution_analysis": evaluation.execution_analysis,
    }


def _result_json(result: IndicatorResult) -> dict[str, Any]:
    return {
        "indicator_uid": result.indicator_uid,
        "actual": _optional(result.actual, _decimal_json),
        "actual_text": result.actual_text,
        "tier": _optional(result.tier, _enum_json),
        "score": _optional(result.score, _decimal_json),
        "applicable": result.applicable,
        "na_reason": result.na_reason,
        "deduction": _optional(result.deduction, _decimal_json),
        "deduction_reason": result.deduction_reason,
        "deviation": result.deviation,
        "improvement": result.improvement,
    }


def _signoff_json(signoff: Signoff) -> dict[str, Any]:
    return {
        "stage": signoff.stage,
        "role": signoff.role.value,
        "name": signoff.name,
        "signed_on": _date_json(signoff.signed_on),
    }
