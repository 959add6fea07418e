"""Reading ``data.json`` back into a year; errors name the JSON path of the bad value.

The format and its conventions are described in :mod:`unionperf.exchange.codec`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import Any, TypeGuard, TypeVar

from unionperf.domain.budget import (
    BudgetLine,
    FundingLine,
    FundingSource,
    Project,
    ProjectAttribute,
    TargetSet,
)
from unionperf.domain.categories import CategoryCatalogue, Flow
from unionperf.domain.evaluation import Evaluation, IndicatorResult
from unionperf.domain.indicators import Indicator, Operator, Period, StandardBasis, Tier
from unionperf.domain.monitoring import (
    DeviationReason,
    IndicatorProgress,
    Likelihood,
    MonitoringEntry,
    MonitoringPoint,
    ReasonCategory,
    Suspension,
)
from unionperf.domain.project_years import ProjectYear
from unionperf.domain.revenue import RevenueArrival
from unionperf.domain.settings import ReverseFormula, RuleSettings, SignoffRole
from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.domain.year import Explanation, Signoff, YearData
from unionperf.exchange.codec import CATALOGUES, DATA_FORMAT_VERSION, CodecError
from unionperf.exchange.codec_assessment import assessments_from

_MONEY = re.compile(r"-?[0-9]+\.[0-9]{2}")
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CUTOFF = re.compile(r"[0-9]{2}-[0-9]{2}")
_VERSION = re.compile(r"([0-9]+)\.([0-9]+)")
_SHOWN = 40
"""At most this many characters of a bad value are quoted in a message."""
_SHOWN_BITS = 128
_YEARS = (1, 9999)
"""The years a date can have."""
_COUNTS = (0, 2**53 - 1)
"""Head counts: not negative, and exact in every JSON reader (RFC 8259 §6)."""

_T = TypeVar("_T")
_E = TypeVar("_E", bound=StrEnum)


def _show(value: object) -> str:
    """A short, safe rendering of a bad JSON value for a message."""
    if isinstance(value, str):
        return f"“{_clip(value)}”"
    if isinstance(value, dict):
        return "对象"
    if isinstance(value, list):
        return "数组"
    if _is_integer(value) and value.bit_length() > _SHOWN_BITS:
        return "过大的整数"  # repr() of a huge int is slow or refused (sys.int_info)
    return _clip(_scalar(value))


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _clip(text: str) -> str:
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


@cache
def _members(kind: type[_E]) -> dict[str, _E]:
    return {item.value: item for item in kind}


def _is_integer(value: object) -> TypeGuard[int]:
    """A JSON integer: an ``int`` that is not a ``bool`` (and never a float like ``2.0``)."""
    return isinstance(value, int) and not isinstance(value, bool)


class _At:
    """A JSON value and where it sits in data.json (``projects[2].funding[0].adjusted``).

    The path is kept as a parent link and a step and spelled out only for an error message:
    reading a large unit visits some 600,000 values.
    """

    __slots__ = ("_parent", "_step", "value")

    def __init__(self, value: object, parent: _At | None = None, step: str | int = "") -> None:
        self.value = value
        self._parent = parent
        self._step = step

    @property
    def path(self) -> str:
        """``projects[2].funding[0].adjusted``, or ``""`` for the document itself."""
        if self._parent is None:
            return str(self._step)
        parent = self._parent.path
        if isinstance(self._step, int):
            return f"{parent}[{self._step}]"
        return f"{parent}.{self._step}" if parent else self._step

    def error(self, problem: str) -> CodecError:
        where = f"data.json 中 {self.path} " if self.path else "data.json "
        return CodecError(where + problem)

    def mapping(self) -> dict[str, object]:
        if not isinstance(self.value, dict):
            raise self.error(f"不是对象：{_show(self.value)}")
        return self.value

    def field(self, key: str) -> _At:
        mapping = self.mapping()
        if key not in mapping:
            raise _At(None, self, key).error("缺失")
        return _At(mapping[key], self, key)

    def later(self, key: str) -> _At:
        """A key added by a later minor version: ``null`` when an older writer left it out."""
        mapping = self.mapping()
        return _At(mapping.get(key), self, key)

    def items(self) -> list[_At]:
        if not isinstance(self.value, list):
            raise self.error(f"不是数组：{_show(self.value)}")
        return [_At(value, self, index) for index, value in enumerate(self.value)]

    def entries(self) -> list[tuple[str, _At]]:
        return [(key, self.field(key)) for key in self.mapping()]

    def text(self) -> str:
        if not isinstance(self.value, str):
            raise self.error(f"不是文字：{_show(self.value)}")
        return self.value

    def integer(self, low: int, high: int) -> int:
        if not _is_integer(self.value):
            raise self.error(f"不是整数：{_show(self.value)}")
        if not low <= self.value <= high:
            raise self.error(f"不在 {low} 到 {high} 之间：{_show(self.value)}")
        return self.value

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            raise self.error(f"不是 true 或 false：{_show(self.value)}")
        return self.value

    def matching(self, pattern: re.Pattern[str], what: str) -> str:
        if not isinstance(self.value, str) or not pattern.fullmatch(self.value):
            raise self.error(f"不是{what}：{_show(self.value)}")
        return self.value

    def money(self) -> Decimal:
        return Decimal(self.matching(_MONEY, "金额"))

    def decimal(self) -> Decimal:
        return Decimal(self.matching(_DECIMAL, "数值"))

    def day(self) -> date:
        text = self.matching(_DATE, "日期（YYYY-MM-DD）")
        try:
            return date.fromisoformat(text)
        except ValueError as error:
            raise self.error(f"不是有效日期：{_show(text)}") from error

    def enum(self, kind: type[_E]) -> _E:
        members: dict[str, _E] = _members(kind)
        found: _E | None = members.get(self.value) if isinstance(self.value, str) else None
        if found is None:
            raise self.error(f"不是允许的值（{'、'.join(members)}）：{_show(self.value)}")
        return found

    def optional(self, read: Callable[[_At], _T]) -> _T | None:
        return None if self.value is None else read(self)


def year_from_json(obj: Any, *, projects: tuple[Project, ...] | None = None) -> YearData:
    """Read a year from its JSON form (format 1.x; unknown keys are ignored).

    Args:
        obj: the parsed data.json (``json.loads`` output).
        projects: the projects when they were already read (``data_reader``'s walk): the
            document's ``projects`` are then not read, and the assessments are checked against
            these.

    Returns:
        The year.

    Raises:
        CodecError: the document is malformed; the Chinese message names the JSON path, e.g.
            ``data.json 中 projects[2].funding[0].adjusted 不是金额：“abc”``.
    """
    root = _At(obj)
    _check_version(root.field("format_version"))
    catalogue = _catalogue(root.field("catalogue"))
    points = tuple(_point(item) for item in root.field("points").items())
    if projects is None:
        projects = tuple(_project(item) for item in root.field("projects").items())
    return YearData(
        year=root.field("year").integer(*_YEARS),
        unit=_unit(root.field("unit")),
        settings=_settings(root.field("settings")),
        catalogue=catalogue,
        opening_balance=root.field("opening_balance").money(),
        budget=tuple(_budget_line(item) for item in root.field("budget").items()),
        projects=projects,
        unit_targets=_targets(root.field("unit_targets")),
        points=points,
        monitoring=tuple(_entry(item) for item in root.field("monitoring").items()),
        arrivals=_arrivals(root.later("arrivals"), catalogue, points),
        evaluations=tuple(_evaluation(item) for item in root.field("evaluations").items()),
        signoffs=tuple(_signoff(item) for item in root.field("signoffs").items()),
        explanations=tuple(_explanation(item) for item in root.field("explanations").items()),
        assessments=assessments_from(root.later("assessments"), (p.uid for p in projects)),
        project_history=tuple(
            _project_year(item) for item in _later_list(root.later("project_history"))
        ),
    )


def _check_version(node: _At) -> None:
    text = node.matching(_VERSION, "格式版本号（如 1.0）")
    supported = DATA_FORMAT_VERSION.partition(".")[0]
    if text.partition(".")[0] != supported:
        raise node.error(
            f"为 {text}：本软件只能读取 {supported}.x 版的 data.json，请使用更新版本的软件打开"
        )


def _catalogue(node: _At) -> CategoryCatalogue:
    code = node.text()
    if code not in CATALOGUES:
        raise node.error(f"不是已知的收支科目目录：{_show(code)}")
    return CATALOGUES[code]


def _unit(node: _At) -> UnitProfile:
    return UnitProfile(
        name=node.field("name").text(),
        credit_code=node.field("credit_code").text(),
        level=node.field("level").enum(UnitLevel),
        upper_union=node.field("upper_union").text(),
        member_count=node.field("member_count").integer(*_COUNTS),
        staff_count=node.field("staff_count").integer(*_COUNTS),
        accountant=node.field("accountant").text(),
        chair=node.field("chair").text(),
        audit_chair=node.field("audit_chair").text(),
        contact_phone=node.field("contact_phone").text(),
        address=node.field("address").text(),
    )


def _settings(node: _At) -> RuleSettings:
    """Check the shape of the settings, then read them with :meth:`RuleSettings.from_json`."""
    node.field("framework").text()
    for _, weight in node.field("weights").entries():
        weight.decimal()
    formula = node.field("reverse_formula")
    allowed = [int(item) for item in ReverseFormula]
    if not _is_integer(formula.value) or formula.value not in allowed:
        raise formula.error(
            f"不是允许的值（{'、'.join(map(str, allowed))}）：{_show(formula.value)}"
        )
    for key in ("over_delivery_ratio", "lag_points", "exemption_threshold"):
        node.field(key).decimal()
    node.later("arrival_lag_points").optional(_At.decimal)
    node.later("assessment_threshold").optional(_At.decimal)
    for item in node.field("monitoring_cutoffs").items():
        item.matching(_CUTOFF, "监控时点（MM-DD）")
    node.field("unit_wide").boolean()
    for item in node.field("required_signoffs").items():
        item.enum(SignoffRole)
    try:
        return RuleSettings.from_json(node.mapping())
    except (ValueError, TypeError, AttributeError) as error:
        raise node.error(f"无效：{error}") from error


def _budget_line(node: _At) -> BudgetLine:
    return BudgetLine(
        category_code=node.field("category_code").text(),
        last_year_actual=node.field("last_year_actual").money(),
        budget=node.field("budget").money(),
        adjustment=node.field("adjustment").money(),
        executed=node.field("executed").money(),
    )


def _funding(node: _At) -> FundingLine:
    return FundingLine(
        source=node.field("source").enum(FundingSource),
        initial=node.field("initial").money(),
        adjusted=node.field("adjusted").money(),
        executed=node.field("executed").money(),
    )


def _project(node: _At) -> Project:
    return Project(
        uid=node.field("uid").text(),
        code=node.field("code").text(),
        name=node.field("name").text(),
        category_code=node.field("category_code").text(),
        attribute=node.field("attribute").enum(ProjectAttribute),
        start=node.field("start").optional(_At.day),
        end=node.field("end").optional(_At.day),
        responsible=node.field("responsible").text(),
        phone=node.field("phone").text(),
        description=node.field("description").text(),
        midterm_budget=node.field("midterm_budget").money(),
        funding=tuple(_funding(item) for item in node.field("funding").items()),
        targets=_targets(node.field("targets")),
        clear_out=node.later("clear_out").optional(_At.boolean) or False,
        clear_out_reason=node.later("clear_out_reason").optional(_At.text) or "",
    )


def _later_list(node: _At) -> list[_At]:
    """The items of a list a later minor version added (none when an older writer left it out)."""
    return [] if node.value is None else node.items()


_GRADES = ("", "优", "良", "中", "差")


def _project_year(node: _At) -> ProjectYear:
    grade = node.field("grade")
    if grade.value not in _GRADES:
        raise grade.error(f"不是允许的等级（优、良、中、差或空）：{_show(grade.value)}")
    return ProjectYear(
        year=node.field("year").integer(*_YEARS),
        project_uid=node.field("project_uid").text(),
        annual_goal=node.field("annual_goal").text(),
        initial=node.field("initial").money(),
        budget=node.field("budget").money(),
        executed=node.field("executed").money(),
        score=node.field("score").optional(_At.decimal),
        grade=grade.text(),
        clear_out=node.later("clear_out").optional(_At.boolean) or False,
    )


def _targets(node: _At) -> TargetSet:
    return TargetSet(
        owner_uid=node.field("owner_uid").text(),
        annual_goal=node.field("annual_goal").text(),
        midterm_goal=node.field("midterm_goal").text(),
        indicators=tuple(_indicator(item) for item in node.field("indicators").items()),
    )


def _indicator(node: _At) -> Indicator:
    return Indicator(
        uid=node.field("uid").text(),
        level1=node.field("level1").text(),
        level2=node.field("level2").text(),
        name=node.field("name").text(),
        operator=node.field("operator").enum(Operator),
        target=node.field("target").optional(_At.decimal),
        target_text=node.field("target_text").text(),
        unit=node.field("unit").text(),
        points=node.field("points").optional(_At.decimal),
        explanation=node.field("explanation").text(),
        basis=node.field("basis").enum(StandardBasis),
        core=node.field("core").boolean(),
        period=node.field("period").enum(Period),
        target_upper=node.later("target_upper").optional(_At.decimal),
    )


def _point(node: _At) -> MonitoringPoint:
    return MonitoringPoint(
        uid=node.field("uid").text(),
        cutoff=node.field("cutoff").day(),
        label=node.field("label").text(),
    )


def _entry(node: _At) -> MonitoringEntry:
    return MonitoringEntry(
        point_uid=node.field("point_uid").text(),
        owner_uid=node.field("owner_uid").text(),
        executed=node.field("executed").optional(_At.money),
        forecast=node.field("forecast").optional(_At.money),
        progress_text=node.field("progress_text").text(),
        lag_reason=node.field("lag_reason").text(),
        measure=node.field("measure").text(),
        suspension=node.field("suspension").enum(Suspension),
        progress=tuple(_progress(item) for item in node.field("progress").items()),
    )


def _progress(node: _At) -> IndicatorProgress:
    return IndicatorProgress(
        indicator_uid=node.field("indicator_uid").text(),
        actual=node.field("actual").optional(_At.decimal),
        tier=node.field("tier").optional(lambda at: at.enum(Tier)),
        actual_text=node.field("actual_text").text(),
        forecast=node.field("forecast").optional(_At.decimal),
        forecast_text=node.field("forecast_text").text(),
        reasons=tuple(_reason(item) for item in node.field("reasons").items()),
        likelihood=node.field("likelihood").optional(lambda at: at.enum(Likelihood)),
        measure=node.field("measure").text(),
        note=node.field("note").text(),
    )


def _reason(node: _At) -> DeviationReason:
    return DeviationReason(
        category=node.field("category").enum(ReasonCategory),
        text=node.field("text").text(),
    )


def _arrivals(
    node: _At, catalogue: CategoryCatalogue, points: tuple[MonitoringPoint, ...]
) -> tuple[RevenueArrival, ...]:
    """Revenue arrival (since 1.2; ``null`` or absent in older documents: none)."""
    revenue = {item.code for item in catalogue.of_flow(Flow.REVENUE)}
    point_uids = {point.uid for point in points}
    seen: dict[tuple[str, str], int] = {}
    arrivals = []
    for index, item in enumerate(_later_list(node)):
        arrival = _arrival(item)
        if arrival.point_uid not in point_uids:
            raise item.field("point_uid").error(f"不是本年度的监控时点：{_show(arrival.point_uid)}")
        if arrival.category_code not in revenue:
            raise item.field("category_code").error(f"不是收入科目：{_show(arrival.category_code)}")
        key = (arrival.point_uid, arrival.category_code)
        if key in seen:
            raise item.error(f"与 arrivals[{seen[key]}] 重复（同一监控时点的同一收入科目）")
        seen[key] = index
        arrivals.append(arrival)
    return tuple(arrivals)


def _arrival(node: _At) -> RevenueArrival:
    return RevenueArrival(
        point_uid=node.field("point_uid").text(),
        category_code=node.field("category_code").text(),
        amount=node.field("amount").money(),
        received_on=node.field("received_on").optional(_At.day),
        note=node.field("note").text(),
    )


def _evaluation(node: _At) -> Evaluation:
    return Evaluation(
        owner_uid=node.field("owner_uid").text(),
        results=tuple(_result(item) for item in node.field("results").items()),
        achieved_text=node.field("achieved_text").text(),
        result_application=node.field("result_application").text(),
        execution_analysis=node.field("execution_analysis").text(),
    )


def _result(node: _At) -> IndicatorResult:
    return IndicatorResult(
        indicator_uid=node.field("indicator_uid").text(),
        actual=node.field("actual").optional(_At.decimal),
        actual_text=node.field("actual_text").text(),
        tier=node.field("tier").optional(lambda at: at.enum(Tier)),
        score=node.field("score").optional(_At.decimal),
        applicable=node.field("applicable").boolean(),
        na_reason=node.field("na_reason").text(),
        deduction=node.field("deduction").optional(_At.decimal),
        deduction_reason=node.field("deduction_reason").text(),
        deviation=node.field("deviation").text(),
        improvement=node.field("improvement").text(),
    )


def _signoff(node: _At) -> Signoff:
    return Signoff(
        stage=node.field("stage").text(),
        role=node.field("role").enum(SignoffRole),
        name=node.field("name").text(),
        signed_on=node.field("signed_on").day(),
    )


def _explanation(node: _At) -> Explanation:
    return Explanation(
        problem_key=node.field("problem_key").text(),
        text=node.field("text").text(),
    )
