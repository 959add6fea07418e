"""Domain objects ⇄ column values. Money becomes integer fen; other decimals stay exact text."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from unionperf.domain.budget import (
    BudgetLine,
    FundingLine,
    FundingSource,
    Project,
    ProjectAttribute,
    TargetSet,
)
from unionperf.domain.evaluation import IndicatorResult
from unionperf.domain.indicators import Indicator, Operator, Period, StandardBasis, Tier
from unionperf.domain.money import fen_to_yuan, yuan_to_fen
from unionperf.domain.monitoring import (
    DeviationReason,
    IndicatorProgress,
    Likelihood,
    MonitoringEntry,
    ReasonCategory,
    Suspension,
)
from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.domain.year import Stage, StageKind
from unionperf.store.rows import ProjectRow, YearRow

Values = dict[str, Any]


def fen(amount: Decimal | None) -> int | None:
    """Yuan → fen, keeping ``None``."""
    return None if amount is None else yuan_to_fen(amount)


def yuan(value: int | None) -> Decimal | None:
    """Fen → yuan, keeping ``None``."""
    return None if value is None else fen_to_yuan(value)


def unit_values(unit: UnitProfile) -> Values:
    """Columns of the unit row."""
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


def unit_from(values: Any) -> UnitProfile:
    """A unit profile from a row (ORM or Core)."""
    return UnitProfile(
        name=values.name,
        credit_code=values.credit_code,
        level=UnitLevel(values.level),
        upper_union=values.upper_union,
        member_count=values.member_count,
        staff_count=values.staff_count,
        accountant=values.accountant,
        chair=values.chair,
        audit_chair=values.audit_chair,
        contact_phone=values.contact_phone,
        address=values.address,
    )


def budget_values(line: BudgetLine) -> Values:
    """Columns of a budget line (without year)."""
    return {
        "category_code": line.category_code,
        "last_year_actual_fen": yuan_to_fen(line.last_year_actual),
        "budget_fen": yuan_to_fen(line.budget),
        "adjustment_fen": yuan_to_fen(line.adjustment),
        "executed_fen": yuan_to_fen(line.executed),
    }


def budget_from(row: Any) -> BudgetLine:
    """A budget line from a row."""
    return BudgetLine(
        row.category_code,
        fen_to_yuan(row.last_year_actual_fen),
        fen_to_yuan(row.budget_fen),
        fen_to_yuan(row.adjustment_fen),
        fen_to_yuan(row.executed_fen),
    )


def project_values(project: Project) -> Values:
    """Columns of a project row (funding and indicators live in their own tables)."""
    return {
        "uid": project.uid,
        "code": project.code,
        "name": project.name,
        "category_code": project.category_code,
        "attribute": project.attribute.value,
        "start": project.start,
        "end": project.end,
        "responsible": project.responsible,
        "phone": project.phone,
        "description": project.description,
        "midterm_budget_fen": yuan_to_fen(project.midterm_budget),
        "annual_goal": project.targets.annual_goal,
        "midterm_goal": project.targets.midterm_goal,
        "clear_out": project.clear_out,
        "clear_out_reason": project.clear_out_reason,
    }


def funding_values(line: FundingLine) -> Values:
    """Columns of a funding line (without project id)."""
    return {
        "source": line.source.value,
        "initial_fen": yuan_to_fen(line.initial),
        "adjusted_fen": yuan_to_fen(line.adjusted),
        "executed_fen": yuan_to_fen(line.executed),
    }


def funding_from(row: Any) -> FundingLine:
    """A funding line from a row."""
    return FundingLine(
        FundingSource(row.source),
        fen_to_yuan(row.initial_fen),
        fen_to_yuan(row.adjusted_fen),
        fen_to_yuan(row.executed_fen),
    )


def project_from(
    row: Any, funding: Sequence[FundingLine], indicators: Sequence[Indicator]
) -> Project:
    """A project from its row, funding lines and indicators."""
    targets = TargetSet(row.uid, row.annual_goal, row.midterm_goal, tuple(indicators))
    return Project(
        uid=row.uid,
        code=row.code,
        name=row.name,
        category_code=row.category_code,
        attribute=ProjectAttribute(row.attribute),
        start=row.start,
        end=row.end,
        responsible=row.responsible,
        phone=row.phone,
        description=row.description,
        midterm_budget=fen_to_yuan(row.midterm_budget_fen),
        funding=tuple(funding),
        targets=targets,
        clear_out=bool(row.clear_out),
        clear_out_reason=row.clear_out_reason or "",
    )


def indicator_values(indicator: Indicator) -> Values:
    """Columns of an indicator row (without year, owner, position)."""
    return {
        "uid": indicator.uid,
        "level1": indicator.level1,
        "level2": indicator.level2,
        "name": indicator.name,
        "operator": indicator.operator.value,
        "target": indicator.target,
        "target_text": indicator.target_text,
        "unit": indicator.unit,
        "points": indicator.points,
        "explanation": indicator.explanation,
        "basis": indicator.basis.value,
        "core": indicator.core,
        "period": indicator.period.value,
        "target_upper": indicator.target_upper,
    }


def indicator_from(row: Any) -> Indicator:
    """An indicator from a row."""
    return indicator_from_values([getattr(row, name) for name in INDICATOR_COLUMNS])


INDICATOR_COLUMNS = (
    "uid",
    "level1",
    "level2",
    "name",
    "operator",
    "target",
    "target_text",
    "unit",
    "points",
    "explanation",
    "basis",
    "core",
    "period",
    "target_upper",
)
"""The indicator columns in the order :func:`indicator_from_values` reads them."""


def indicator_from_values(values: Sequence[Any]) -> Indicator:
    """An indicator from raw driver values of :data:`INDICATOR_COLUMNS` (decimals as text)."""
    (
        uid,
        level1,
        level2,
        name,
        operator,
        target,
        text,
        unit,
        points,
        explanation,
        basis,
        core,
        period,
        upper,
    ) = values
    return Indicator(
        uid,
        level1,
        level2,
        name,
        _OPERATORS[operator],
        _decimal(target),
        text,
        unit,
        _decimal(points),
        explanation,
        _BASES[basis],
        bool(core),
        _PERIODS[period],
        _decimal(upper),
    )


RESULT_COLUMNS = (
    "indicator_uid",
    "actual",
    "actual_text",
    "tier",
    "score",
    "applicable",
    "na_reason",
    "deduction",
    "deduction_reason",
    "deviation",
    "improvement",
)
"""The result columns in the order :func:`result_from_values` reads them."""


def result_from_values(values: Sequence[Any]) -> IndicatorResult:
    """An indicator result from raw driver values of :data:`RESULT_COLUMNS`."""
    uid, actual, text, tier, score, applicable, reason, deduction, why, deviation, improvement = (
        values
    )
    return IndicatorResult(
        uid,
        _decimal(actual),
        text,
        TIERS[tier] if tier else None,
        _decimal(score),
        bool(applicable),
        reason,
        _decimal(deduction),
        why,
        deviation,
        improvement,
    )


_OPERATORS = {item.value: item for item in Operator}
_BASES = {item.value: item for item in StandardBasis}
_PERIODS = {item.value: item for item in Period}


def _decimal(value: str | Decimal | None) -> Decimal | None:
    """Stored text (driver rows) or a Decimal (ORM rows) as a Decimal."""
    return None if value is None else Decimal(value)


def entry_values(entry: MonitoringEntry) -> Values:
    """Columns of a monitoring entry (without point id)."""
    return {
        "owner_uid": entry.owner_uid,
        "executed_fen": fen(entry.executed),
        "forecast_fen": fen(entry.forecast),
        "progress_text": entry.progress_text,
        "lag_reason": entry.lag_reason,
        "measure": entry.measure,
        "suspension": entry.suspension.value,
    }


def progress_values(progress: IndicatorProgress) -> Values:
    """Columns of an indicator progress row (without entry id)."""
    reasons = [{"category": item.category.value, "text": item.text} for item in progress.reasons]
    return {
        "indicator_uid": progress.indicator_uid,
        "actual": progress.actual,
        "tier": progress.tier.value if progress.tier else None,
        "actual_text": progress.actual_text,
        "forecast": progress.forecast,
        "forecast_text": progress.forecast_text,
        "reasons_json": json.dumps(reasons, ensure_ascii=False),
        "likelihood": progress.likelihood.value if progress.likelihood else None,
        "measure": progress.measure,
        "note": progress.note,
    }


def progress_from(row: Any) -> IndicatorProgress:
    """An indicator progress from a row."""
    return progress_from_values([getattr(row, name) for name in PROGRESS_COLUMNS])


PROGRESS_COLUMNS = (
    "indicator_uid",
    "actual",
    "tier",
    "actual_text",
    "forecast",
    "forecast_text",
    "reasons_json",
    "likelihood",
    "measure",
    "note",
)
"""The progress columns in the order :func:`progress_from_values` reads them."""

TIERS = {item.value: item for item in Tier}
"""Stored tier text → tier."""
LIKELIHOODS = {item.value: item for item in Likelihood}
"""Stored likelihood text → likelihood."""


def progress_from_values(values: Sequence[Any], *, decimals: bool = False) -> IndicatorProgress:
    """An indicator progress from the values of :data:`PROGRESS_COLUMNS` (the fast path).

    With ``decimals``, ``actual`` and ``forecast`` are still the stored text and become Decimal.
    """
    uid, actual, tier, actual_text, forecast, forecast_text, reasons, likelihood, measure, note = (
        values
    )
    if decimals:
        actual = None if actual is None else Decimal(actual)
        forecast = None if forecast is None else Decimal(forecast)
    return IndicatorProgress(
        uid,
        actual,
        TIERS[tier] if tier else None,
        actual_text,
        forecast,
        forecast_text,
        reasons_of(reasons),
        LIKELIHOODS[likelihood] if likelihood else None,
        measure,
        note,
    )


@lru_cache(maxsize=4096)
def reasons_of(text: str | None) -> tuple[DeviationReason, ...]:
    """The deviation reasons of a stored ``reasons_json`` text.

    Reasons repeat across indicators and points; equal texts share one immutable tuple.
    """
    if not text or text == "[]":
        return ()
    return tuple(
        DeviationReason(ReasonCategory(item["category"]), item.get("text", ""))
        for item in json.loads(text)
    )


def entry_from(row: Any, point_uid: str, progress: Sequence[IndicatorProgress]) -> MonitoringEntry:
    """A monitoring entry from its row and progress records."""
    return MonitoringEntry(
        point_uid=point_uid,
        owner_uid=row.owner_uid,
        executed=yuan(row.executed_fen),
        forecast=yuan(row.forecast_fen),
        progress_text=row.progress_text,
        lag_reason=row.lag_reason,
        measure=row.measure,
        suspension=Suspension(row.suspension),
        progress=tuple(progress),
    )


def result_values(result: IndicatorResult) -> Values:
    """Columns of an indicator result row."""
    return {
        "indicator_uid": result.indicator_uid,
        "actual": result.actual,
        "actual_text": result.actual_text,
        "tier": result.tier.value if result.tier else None,
        "score": result.score,
        "applicable": result.applicable,
        "na_reason": result.na_reason,
        "deduction": result.deduction,
        "deduction_reason": result.deduction_reason,
        "deviation": result.deviation,
        "improvement": result.improvement,
    }


def result_from(row: Any) -> IndicatorResult:
    """An indicator result from a row."""
    return result_from_values([getattr(row, name) for name in RESULT_COLUMNS])


def audit_form(values: Values) -> dict[str, Any]:
    """Values as the audit log shows them: dates ISO, decimals as text."""
    shown: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, date):
            shown[key] = value.isoformat()
        elif isinstance(value, Decimal):
            shown[key] = format(value, "f")
        else:
            shown[key] = value
    return shown


def diff(old: Values | None, new: Values | None) -> dict[str, list[Any]]:
    """Changed fields as ``{field: [old, new]}`` (all fields when created or deleted)."""
    before = audit_form(old or {})
    after = audit_form(new or {})
    keys = list(dict.fromkeys([*before, *after]))
    return {
        key: [before.get(key), after.get(key)] for key in keys if before.get(key) != after.get(key)
    }


def assign(row: Any, values: Values) -> None:
    """Set a row's columns from column values."""
    for key, value in values.items():
        setattr(row, key, value)


def project_snapshot(row: ProjectRow) -> Values:
    """A project row's own columns (no funding), as the audit log compares them."""
    return {
        key: getattr(row, key)
        for key in (
            "uid",
            "code",
            "name",
            "category_code",
            "attribute",
            "start",
            "end",
            "responsible",
            "phone",
            "description",
            "midterm_budget_fen",
            "annual_goal",
            "midterm_goal",
            "clear_out",
            "clear_out_reason",
        )
    }


def year_facts(row: YearRow) -> Values:
    """A year row's opening balance and unit-wide goals, as the audit log compares them."""
    return {
        "opening_balance_fen": row.opening_balance_fen,
        "unit_annual_goal": row.unit_annual_goal,
        "unit_midterm_goal": row.unit_midterm_goal,
    }


def monitoring_stage(cutoff: date) -> str:
    """The stage name of a monitoring point's cut-off (``monitoring-YYYY-MM-DD``)."""
    return Stage(StageKind.MONITORING, cutoff).name
