"""The one-pass walk of data.json: check each value against the schema and the reader, and read it.

It covers what holds nearly all the values of a year: the projects (with their funding and
targets), the unit's targets, the monitoring entries and the self-evaluations. Each value is
checked against the schema's definition (:mod:`unionperf.exchange.walk_rules`) and the reader's
own check (``codec_read``) at once, and the domain object is built as it goes. The walk only
ever accepts: at the first value it does not expect it raises, and :func:`walk` answers
``None`` (the caller then takes the checked path, which refuses with its own words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from unionperf.domain.budget import BudgetLine, FundingLine, Project, TargetSet
from unionperf.domain.evaluation import Evaluation, IndicatorResult
from unionperf.domain.indicators import Indicator
from unionperf.domain.monitoring import DeviationReason, IndicatorProgress, MonitoringEntry
from unionperf.domain.revenue import RevenueArrival
from unionperf.exchange.walk_rules import Shape, UnexpectedError, WalkRules, rules

__all__ = ["Walked", "walk"]

_MONEY = re.compile(r"-?[0-9]+\.[0-9]{2}")
"""The reader's money (``codec_node._MONEY``, matched whole)."""
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
"""The reader's decimal (``codec_node._DECIMAL``, matched whole)."""
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""The reader's date (``codec_node._DATE``, matched whole, then read as a calendar date)."""


@dataclass(frozen=True, slots=True)
class Walked:
    """The parts of the year the walk read."""

    projects: tuple[Project, ...]
    unit_targets: TargetSet
    monitoring: tuple[MonitoringEntry, ...]
    evaluations: tuple[Evaluation, ...]
    budget: tuple[BudgetLine, ...]
    arrivals: tuple[RevenueArrival, ...]
    """As written: the reader's checks against the points and the catalogue are the caller's."""


PARTS = ("projects", "unit_targets", "monitoring", "evaluations", "budget", "arrivals")
"""The top-level keys of data.json the walk reads (``arrivals`` may be absent: none)."""


def walk(document: Any) -> Walked | None:
    """The walked parts, when every value in them is as both the schema and the reader want."""
    try:
        checked = rules()
        if type(document) is not dict:
            return None
        memo: dict[str, Decimal] = {}
        return Walked(
            projects=tuple(
                _project(item, checked, memo)
                for item in _list(document["projects"], checked.projects_max)
            ),
            unit_targets=_targets(document["unit_targets"], checked, memo),
            monitoring=tuple(
                _entry(item, checked, memo)
                for item in _list(document["monitoring"], checked.entries_max)
            ),
            evaluations=tuple(
                _evaluation(item, checked, memo)
                for item in _list(document["evaluations"], checked.evaluations_max)
            ),
            budget=tuple(
                _budget_line(item, checked)
                for item in _list(document["budget"], checked.budget_max)
            ),
            # since 1.2, absent before (the reader: none); the schema allows no null
            arrivals=tuple(
                _arrival(item, checked)
                for item in _list(document["arrivals"], checked.arrivals_max)
            )
            if "arrivals" in document
            else (),
        )
    except (UnexpectedError, KeyError, TypeError, ValueError, ArithmeticError):
        return None


# -- values ---------------------------------------------------------------------------------


def _checked_object(value: Any, shape: Shape) -> dict[str, Any]:
    required, most = shape
    if type(value) is not dict or len(value) > most or not value.keys() >= required:
        raise UnexpectedError
    return value


def _uid(value: Any, rules: WalkRules) -> str:
    if type(value) is not str or len(value) > rules.uid_max:
        raise UnexpectedError
    return value


def _text(value: Any, rules: WalkRules) -> str:
    if type(value) is not str or len(value) > rules.text_max:
        raise UnexpectedError
    return value


def _code(value: Any, rules: WalkRules) -> str:
    if type(value) is not str or len(value) > rules.code_max:
        raise UnexpectedError
    return value


def _boolean(value: Any) -> bool:
    if type(value) is not bool:
        raise UnexpectedError
    return value


def _money(value: Any, rules: WalkRules) -> Decimal | None:
    if value is None:
        return None
    return _amount(value, rules)


def _amount(value: Any, rules: WalkRules) -> Decimal:
    """Money that may not be null."""
    if (
        type(value) is not str
        or len(value) > rules.money_max
        or not rules.money_pattern.search(value)
        or not _MONEY.fullmatch(value)
    ):
        raise UnexpectedError
    return Decimal(value)


def _decimal(value: Any, rules: WalkRules, memo: dict[str, Decimal]) -> Decimal | None:
    if value is None:
        return None
    known = memo.get(value) if type(value) is str else None
    if known is not None:
        return known  # the same text was checked and read before (Decimals are immutable)
    if (
        type(value) is not str
        or len(value) > rules.decimal_max
        or not rules.decimal_pattern.search(value)
        or not _DECIMAL.fullmatch(value)
    ):
        raise UnexpectedError
    memo[value] = read = Decimal(value)
    return read


def _day(value: Any, rules: WalkRules) -> date | None:
    if value is None:
        return None
    if (
        type(value) is not str
        or len(value) > rules.date_max
        or not rules.date_pattern.search(value)
        or not _DATE.fullmatch(value)
    ):
        raise UnexpectedError
    return date.fromisoformat(value)  # ValueError: not a calendar date


def _member(value: Any, members: dict[str, Any]) -> Any:
    if type(value) is not str:
        raise UnexpectedError
    return members[value]  # KeyError: not a member


def _list(value: Any, most: int) -> list[Any]:
    if type(value) is not list or len(value) > most:
        raise UnexpectedError
    return value


# -- projects, targets and evaluations ------------------------------------------------------


def _project(value: Any, rules: WalkRules, memo: dict[str, Decimal]) -> Project:
    item = _checked_object(value, rules.project)
    # Since 1.4, absent before (the reader: false and ""); the schema allows no null.
    clear_out = _boolean(item["clear_out"]) if "clear_out" in item else False
    reason = _text(item["clear_out_reason"], rules) if "clear_out_reason" in item else ""
    return Project(
        uid=_uid(item["uid"], rules),
        code=_text(item["code"], rules),
        name=_text(item["name"], rules),
        category_code=_code(item["category_code"], rules),
        attribute=_member(item["attribute"], rules.attribute),
        start=_day(item["start"], rules),
        end=_day(item["end"], rules),
        responsible=_text(item["responsible"], rules),
        phone=_text(item["phone"], rules),
        description=_text(item["description"], rules),
        midterm_budget=_amount(item["midterm_budget"], rules),
        funding=tuple(_funding(line, rules) for line in _list(item["funding"], rules.funding_max)),
        targets=_targets(item["targets"], rules, memo),
        clear_out=clear_out,
        clear_out_reason=reason,
    )


def _funding(value: Any, rules: WalkRules) -> FundingLine:
    item = _checked_object(value, rules.funding)
    return FundingLine(
        source=_member(item["source"], rules.source),
        initial=_amount(item["initial"], rules),
        adjusted=_amount(item["adjusted"], rules),
        executed=_amount(item["executed"], rules),
    )


def _targets(value: Any, rules: WalkRules, memo: dict[str, Decimal]) -> TargetSet:
    item = _checked_object(value, rules.targets)
    return TargetSet(
        owner_uid=_uid(item["owner_uid"], rules),
        annual_goal=_text(item["annual_goal"], rules),
        midterm_goal=_text(item["midterm_goal"], rules),
        indicators=tuple(
            _indicator(indicator, rules, memo)
            for indicator in _list(item["indicators"], rules.indicators_max)
        ),
    )


def _indicator(value: Any, rules: WalkRules, memo: dict[str, Decimal]) -> Indicator:
    # Written out as _progress_records is (the same checks as _checked_object, _uid, _text,
    # _member and _boolean; the decimals through _decimal).
    required, most = rules.indicator
    if type(value) is not dict or len(value) > most or not value.keys() >= required:
        raise UnexpectedError
    uid = value["uid"]
    level1 = value["level1"]
    level2 = value["level2"]
    name = value["name"]
    target_text = value["target_text"]
    unit = value["unit"]
    explanation = value["explanation"]
    operator = value["operator"]
    basis = value["basis"]
    period = value["period"]
    core = value["core"]
    text_max = rules.text_max
    if (
        type(uid) is not str
        or len(uid) > rules.uid_max
        or type(level1) is not str
        or len(level1) > text_max
        or type(level2) is not str
        or len(level2) > text_max
        or type(name) is not str
        or len(name) > text_max
        or type(target_text) is not str
        or len(target_text) > text_max
        or type(unit) is not str
        or len(unit) > text_max
        or type(explanation) is not str
        or len(explanation) > text_max
        or type(operator) is not str
        or type(basis) is not str
        or type(period) is not str
        or type(core) is not bool
    ):
        raise UnexpectedError
    return Indicator(
        uid=uid,
        level1=level1,
        level2=level2,
        name=name,
        operator=rules.operator[operator],
        target=_decimal(value["target"], rules, memo),
        target_text=target_text,
        unit=unit,
        points=_decimal(value["points"], rules, memo),
        explanation=explanation,
        basis=rules.basis[basis],
        core=core,
        period=rules.period[period],
        # since 1.1, absent before (the reader: null); a decimal or null
        target_upper=_decimal(value.get("target_upper"), rules, memo),
    )


def _evaluation(value: Any, rules: WalkRules, memo: dict[str, Decimal]) -> Evaluation:
    item = _checked_object(value, rules.evaluation)
    return Evaluation(
        owner_uid=_uid(item["owner_uid"], rules),
        results=tuple(
            _result(result, rules, memo) for result in _list(item["results"], rules.results_max)
        ),
        achieved_text=_text(item["achieved_text"], rules),
        result_application=_text(item["result_application"], rules),
        execution_analysis=_text(item["execution_analysis"], rules),
    )


def _result(value: Any, rules: WalkRules, memo: dict[str, Decimal]) -> IndicatorResult:
    # Written out as _indicator is.
    required, most = rules.result
    if type(value) is not dict or len(value) > most or not value.keys() >= required:
        raise UnexpectedError
    uid = value["indicator_uid"]
    actual_text = value["actual_text"]
    na_reason = value["na_reason"]
    deduction_reason = value["deduction_reason"]
    deviation = value["deviation"]
    improvement = value["improvement"]
    tier = value["tier"]
    applicable = value["applicable"]
    text_max = rules.text_max
    if (
        type(uid) is not str
        or len(uid) > rules.uid_max
        or type(actual_text) is not str
        or len(actual_text) > text_max
        or type(na_reason) is not str
        or len(na_reason) > text_max
        or type(deduction_reason) is not str
        or len(deduction_reason) > text_max
        or type(deviation) is not str
        or len(deviation) > text_max
        or type(improvement) is not str
        or len(improvement) > text_max
        or (tier is not None and type(tier) is not str)
        or type(applicable) is not bool
    ):
        raise UnexpectedError
    return IndicatorResult(
        indicator_uid=uid,
        actual=_decimal(value["actual"], rules, memo),
        actual_text=actual_text,
        tier=None if tier is None else rules.tier[tier],
        score=_decimal(value["score"], rules, memo),
        applicable=applicable,
        na_reason=na_reason,
        deduction=_decimal(value["deduction"], rules, memo),
        deduction_reason=deduction_reason,
        deviation=deviation,
        improvement=improvement,
    )


def _budget_line(value: Any, rules: WalkRules) -> BudgetLine:
    item = _checked_object(value, rules.budget_line)
    return BudgetLine(
        category_code=_code(item["category_code"], rules),
        last_year_actual=_amount(item["last_year_actual"], rules),
        budget=_amount(item["budget"], rules),
        adjustment=_amount(item["adjustment"], rules),
        executed=_amount(item["executed"], rules),
    )


def _arrival(value: Any, rules: WalkRules) -> RevenueArrival:
    item = _checked_object(value, rules.arrival)
    return RevenueArrival(
        point_uid=_uid(item["point_uid"], rules),
        category_code=_code(item["category_code"], rules),
        amount=_amount(item["amount"], rules),
        received_on=_day(item["received_on"], rules),
        note=_text(item["note"], rules),
    )


# -- monitoring -----------------------------------------------------------------------------


def _entry(value: Any, rules: WalkRules, memo: dict[str, Decimal]) -> MonitoringEntry:
    item = _checked_object(value, rules.entry)
    return MonitoringEntry(
        point_uid=_uid(item["point_uid"], rules),
        owner_uid=_uid(item["owner_uid"], rules),
        executed=_money(item["executed"], rules),
        forecast=_money(item["forecast"], rules),
        progress_text=_text(item["progress_text"], rules),
        lag_reason=_text(item["lag_reason"], rules),
        measure=_text(item["measure"], rules),
        suspension=_member(item["suspension"], rules.suspension),
        progress=_progress_records(_list(item["progress"], rules.progress_max), rules, memo),
    )


def _progress_records(
    items: list[Any], rules: WalkRules, memo: dict[str, Decimal]
) -> tuple[IndicatorProgress, ...]:
    # The hottest loop of a package's verification (48,000 records in a large unit): the
    # checks of _checked_object, _uid, _text, _decimal (for a text read before), _member and
    # _list are written out here, the same as theirs, with the rules read once per entry.
    # The records are made with positional arguments, in IndicatorProgress's field order
    # (indicator_uid, actual, tier, actual_text, forecast, forecast_text, reasons,
    # likelihood, measure, note).
    required, most = rules.progress
    text_max = rules.text_max
    uid_max = rules.uid_max
    reasons_max = rules.reasons_max
    tiers = rules.tier
    likelihoods = rules.likelihood
    known = memo.get
    made: list[IndicatorProgress] = []
    append = made.append
    for item in items:
        if type(item) is not dict or len(item) > most or not item.keys() >= required:
            raise UnexpectedError
        uid = item["indicator_uid"]
        actual_text = item["actual_text"]
        forecast_text = item["forecast_text"]
        measure = item["measure"]
        note = item["note"]
        tier = item["tier"]
        likelihood = item["likelihood"]
        reasons = item["reasons"]
        actual = item["actual"]
        forecast = item["forecast"]
        if (
            type(uid) is not str
            or len(uid) > uid_max
            or type(actual_text) is not str
            or len(actual_text) > text_max
            or type(forecast_text) is not str
            or len(forecast_text) > text_max
            or type(measure) is not str
            or len(measure) > text_max
            or type(note) is not str
            or len(note) > text_max
            or (tier is not None and type(tier) is not str)
            or (likelihood is not None and type(likelihood) is not str)
            or type(reasons) is not list
            or len(reasons) > reasons_max
        ):
            raise UnexpectedError
        if actual is not None:
            read = known(actual) if type(actual) is str else None
            actual = read if read is not None else _decimal(actual, rules, memo)
        if forecast is not None:
            read = known(forecast) if type(forecast) is str else None
            forecast = read if read is not None else _decimal(forecast, rules, memo)
        append(
            IndicatorProgress(
                uid,
                actual,
                None if tier is None else tiers[tier],
                actual_text,
                forecast,
                forecast_text,
                tuple([_reason(reason, rules) for reason in reasons]) if reasons else (),
                None if likelihood is None else likelihoods[likelihood],
                measure,
                note,
            )
        )
    return tuple(made)


def _reason(value: Any, rules: WalkRules) -> DeviationReason:
    item = _checked_object(value, rules.reason)
    return DeviationReason(
        category=_member(item["category"], rules.category),
        text=_text(item["text"], rules),
    )
