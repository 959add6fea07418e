"""Reading ``data.json`` back into a year; errors name the JSON path of the bad value.

The format and its conventions are described in :mod:`unionperf.exchange.codec`.
"""

from __future__ import annotations

from typing import Any

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
from unionperf.exchange.codec import CATALOGUES, DATA_FORMAT_VERSION
from unionperf.exchange.codec_assessment import assessments_from
from unionperf.exchange.codec_node import (
    _COUNTS,
    _CUTOFF,
    _VERSION,
    _YEARS,
    _At,
    _is_integer,
    _show,
)


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
