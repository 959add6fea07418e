"""Anonymising a workspace's data for support: same problems and scores, no names or texts.

A unit that hits a problem sends a *support copy* of its workspace (``unionperf support-export``):
every name, person, phone, address, free text and the credit code are replaced by placeholders,
and every amount of money is multiplied by one factor and rounded to 分. What the rules and the
scores look at is kept:

- empty stays empty and blank stays blank (the rules ask "is it filled in?"), equal texts stay
  equal and different ones different (duplicate project and indicator names), within a kind and
  across years (a project keeps its placeholder name in every year);
- a qualitative target that the vague-target rule flags is replaced by a vague placeholder, and
  a deviation text that is one of the boilerplate phrases the rule refuses is kept as it is (it
  is one of a handful of stock words such as 无 or 同上, and says nothing);
- a valid credit code becomes another valid one, an invalid one an invalid one;
- uids, category codes, indicator categories, units of measure, dates, enumerations, counts,
  points, weights and indicator values are kept: they hold no name, and the scores depend on them.

Amounts are scaled, never shifted, so zero stays zero and signs stay; the exemption threshold and
the ex-ante assessment threshold are scaled with them. Rounding to 分 can still move a sum or a
rate across a boundary: the service compares the problems and scores of the copy with the
original's and draws another factor when they differ
(:mod:`unionperf.services.common.support_export`).
"""

from __future__ import annotations

import dataclasses
from decimal import ROUND_HALF_EVEN, Decimal
from enum import Enum
from typing import Any

from unionperf.domain.assessment import ExAnteAssessment
from unionperf.domain.budget import UNIT_OWNER, BudgetLine, FundingLine, Project, TargetSet
from unionperf.domain.credit_code import ALPHABET, check_character, is_valid_credit_code
from unionperf.domain.evaluation import Evaluation, IndicatorResult
from unionperf.domain.indicators import Indicator
from unionperf.domain.money import CENT
from unionperf.domain.monitoring import (
    DeviationReason,
    IndicatorProgress,
    MonitoringEntry,
    MonitoringPoint,
)
from unionperf.domain.project_years import ProjectYear
from unionperf.domain.results import score_year
from unionperf.domain.revenue import RevenueArrival
from unionperf.domain.settings import RuleSettings
from unionperf.domain.unit import UnitProfile
from unionperf.domain.validation import check_year
from unionperf.domain.validation.evaluation_rules import is_boilerplate
from unionperf.domain.validation.target_rules import is_vague_target
from unionperf.domain.year import Explanation, Signoff, YearData

__all__ = ["KEPT_FIELDS", "MONEY_FIELDS", "TEXT_FIELDS", "Anonymiser", "fingerprint", "numeral"]

MONEY_FIELDS: dict[type, frozenset[str]] = {
    YearData: frozenset({"opening_balance"}),
    BudgetLine: frozenset({"last_year_actual", "budget", "adjustment", "executed"}),
    FundingLine: frozenset({"initial", "adjusted", "executed"}),
    Project: frozenset({"midterm_budget"}),
    MonitoringEntry: frozenset({"executed", "forecast"}),
    RuleSettings: frozenset({"exemption_threshold", "assessment_threshold"}),
    RevenueArrival: frozenset({"amount"}),
    ProjectYear: frozenset({"initial", "budget", "executed"}),
}
"""Amounts of money: multiplied by the factor, rounded to 分."""

TEXT_FIELDS: dict[type, dict[str, str]] = {
    UnitProfile: {
        "name": "工会",
        "upper_union": "上级工会",
        "accountant": "人员",
        "chair": "人员",
        "audit_chair": "人员",
        "contact_phone": "电话",
        "address": "地址",
    },
    Project: {
        "code": "编号",
        "name": "项目",
        "responsible": "人员",
        "phone": "电话",
        "description": "文字",
        "clear_out_reason": "文字",
    },
    TargetSet: {"annual_goal": "目标", "midterm_goal": "目标"},
    Indicator: {"name": "指标", "target_text": "目标", "explanation": "文字"},
    MonitoringPoint: {"label": "时点"},
    MonitoringEntry: {"progress_text": "文字", "lag_reason": "文字", "measure": "文字"},
    IndicatorProgress: {
        "actual_text": "文字",
        "forecast_text": "文字",
        "measure": "文字",
        "note": "文字",
    },
    DeviationReason: {"text": "文字"},
    Evaluation: {
        "achieved_text": "文字",
        "result_application": "文字",
        "execution_analysis": "文字",
    },
    IndicatorResult: {
        "actual_text": "文字",
        "na_reason": "文字",
        "deduction_reason": "文字",
        "deviation": "文字",
        "improvement": "文字",
    },
    Signoff: {"name": "人员"},
    Explanation: {"text": "文字"},
    RevenueArrival: {"note": "文字"},
    ProjectYear: {"annual_goal": "目标"},
    ExAnteAssessment: {
        "necessity": "文字",
        "feasibility": "文字",
        "expected_performance": "文字",
        "funding_soundness": "文字",
        "risks": "文字",
        "assessor": "人员",
        "evidence": "文字",
    },
}
"""Texts a person typed, by the kind of placeholder that replaces them (``项目3``, ``人员1``…)."""

KEPT_FIELDS: dict[type, frozenset[str]] = {
    UnitProfile: frozenset({"credit_code"}),  # replaced by a code of the same validity
    Project: frozenset({"uid", "category_code"}),
    TargetSet: frozenset({"owner_uid"}),
    Indicator: frozenset({"uid", "level1", "level2", "unit", "target", "points", "target_upper"}),
    BudgetLine: frozenset({"category_code"}),
    MonitoringPoint: frozenset({"uid"}),
    MonitoringEntry: frozenset({"point_uid", "owner_uid"}),
    IndicatorProgress: frozenset({"indicator_uid", "actual", "forecast"}),
    Evaluation: frozenset({"owner_uid"}),
    IndicatorResult: frozenset({"indicator_uid", "actual", "score", "deduction"}),
    Signoff: frozenset({"stage"}),
    Explanation: frozenset({"problem_key"}),
    RuleSettings: frozenset(
        {"framework_code", "over_delivery_ratio", "lag_points", "arrival_lag_points"}
    ),
    RevenueArrival: frozenset({"point_uid", "category_code"}),
    ExAnteAssessment: frozenset({"project_uid"}),
    ProjectYear: frozenset({"project_uid", "score", "grade"}),
}
"""Texts and numbers that hold no name and that the rules and scores read as they are."""

_DIGITS = "〇一二三四五六七八九"
_UNIT_PREFIX = "81000000"
"""A made-up credit code: registration office 8 (工会), type 1, region 000000."""


def numeral(number: int) -> str:
    """``number`` in Chinese digits (``12`` → ``一二``), which are no decimal digits.

    A vague-target placeholder must stay vague for the rule, which accepts a target with a number.
    """
    return "".join(_DIGITS[int(digit)] for digit in str(number))


class Anonymiser:
    """One workspace's replacements: a factor for money and a placeholder for each text.

    The same instance must anonymise every year and the unit profile of a workspace, so that a
    text keeps its placeholder wherever it appears.
    """

    def __init__(self, factor: Decimal) -> None:
        if factor <= 0:
            raise ValueError("the factor must be positive")
        self.factor = factor
        self._placeholders: dict[tuple[str, str], str] = {}
        self._counts: dict[str, int] = {}
        self._codes: dict[str, str] = {}

    def money(self, amount: Decimal) -> Decimal:
        """``amount`` × factor, rounded to 分."""
        return (amount * self.factor).quantize(CENT, rounding=ROUND_HALF_EVEN)

    def text(self, kind: str, value: str) -> str:
        """The placeholder of ``value`` (blank stays as it is; equal texts get equal ones)."""
        key = value.strip()
        if not key:
            return value
        found = self._placeholders.get((kind, key))
        if found is None:
            number = self._counts[kind] = self._counts.get(kind, 0) + 1
            found = self._placeholders[(kind, key)] = f"{kind}{number}"
        return found

    def vague_target(self, value: str) -> str:
        """A placeholder for a target the vague-target rule flags, still flagged by it."""
        key = value.strip()
        found = self._placeholders.get(("vague", key))
        if found is None:
            number = self._counts["vague"] = self._counts.get("vague", 0) + 1
            found = self._placeholders[("vague", key)] = f"提高目标{numeral(number)}"
        return found

    def credit_code(self, code: str) -> str:
        """A made-up code, valid when ``code`` is valid, invalid (but well-formed) otherwise."""
        if not code.strip():
            return code
        found = self._codes.get(code)
        if found is None:
            serial = f"{len(self._codes) + 1:09d}"
            body = _UNIT_PREFIX + serial
            check = check_character(body)
            if not is_valid_credit_code(code):
                check = ALPHABET[(ALPHABET.index(check) + 1) % len(ALPHABET)]
            found = self._codes[code] = body + check
        return found

    def unit(self, profile: UnitProfile) -> UnitProfile:
        """The unit profile with its names, people, phone, address and credit code replaced."""
        anonymous: UnitProfile = self._walk(profile)
        return dataclasses.replace(anonymous, credit_code=self.credit_code(profile.credit_code))

    def year(self, data: YearData) -> YearData:
        """A year with every text replaced and every amount scaled."""
        anonymous: YearData = self._walk(data)
        return dataclasses.replace(anonymous, unit=self.unit(data.unit))

    def _walk(self, value: Any) -> Any:
        if isinstance(value, tuple):
            return tuple(self._walk(item) for item in value)
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            return value
        kind = type(value)
        if kind not in MONEY_FIELDS and kind not in TEXT_FIELDS and kind not in KEPT_FIELDS:
            return value  # a catalogue or another vocabulary of the program: nothing typed
        changes = {}
        for field in dataclasses.fields(value):
            changes[field.name] = self._field(kind, field.name, getattr(value, field.name))
        return dataclasses.replace(value, **changes)

    def _field(self, kind: type, name: str, value: Any) -> Any:
        if name in MONEY_FIELDS.get(kind, ()):
            return None if value is None else self.money(value)
        if name in KEPT_FIELDS.get(kind, ()):
            return value
        text_kind = TEXT_FIELDS.get(kind, {}).get(name)
        if text_kind is not None:
            return self._typed(kind, name, text_kind, value)
        if isinstance(value, str) and not _is_enum(value):
            return self.text("文字", value)  # a text field added later: replaced, to be safe
        return self._walk(value)

    def _typed(self, kind: type, name: str, text_kind: str, value: str) -> str:
        if kind is Indicator and name == "target_text" and is_vague_target(value):
            return self.vague_target(value)
        if kind is IndicatorResult and name == "deviation" and is_boilerplate(value):
            return value
        return self.text(text_kind, value)


def fingerprint(data: YearData) -> tuple[tuple[str, ...], tuple[tuple[Any, ...], ...]]:
    """What a support copy must reproduce of a year: its problems and its scores' structure.

    The problems by key (code and location: section, project or unit, item, field — no name), and
    per project and the unit: exempt or not, execution rate, each indicator's score, total and
    grade.
    """
    problems = tuple(sorted(problem.key for problem in check_year(data)))
    score = score_year(data)
    owners = [(item.project.uid, item.exempt, item.score) for item in score.projects]
    if score.unit is not None:
        owners.append((UNIT_OWNER, False, score.unit))
    scores = tuple(
        (
            uid,
            exempt,
            target.execution.rate,
            tuple(item.score for item in target.indicators),
            target.total,
            target.grade.value,
        )
        for uid, exempt, target in owners
    )
    return problems, scores


def _is_enum(value: str) -> bool:
    return isinstance(value, Enum)
