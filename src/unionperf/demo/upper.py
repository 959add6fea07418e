"""The demo upper level's units: 36 grassroots unions of one district, each with its own year.

Every unit is the demo union's 2024 with variations — its name and credit code, the size of its
budget, how much of it was executed and how far its indicators were achieved — so that scores,
grades and execution rates spread out; and a plan for the season saying, per stage, whether and
when it reported and how the upper level decided. Deterministic: no clock, no randomness.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from unionperf.domain.budget import BudgetLine, FundingLine, Project
from unionperf.domain.categories import Flow
from unionperf.domain.credit_code import check_character
from unionperf.domain.evaluation import Evaluation, IndicatorResult
from unionperf.domain.indicators import Operator
from unionperf.domain.money import ZERO, round2
from unionperf.domain.monitoring import MonitoringEntry
from unionperf.domain.problems import Severity
from unionperf.domain.project_years import ProjectYear
from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.domain.validation import blocking_problems, check_stage
from unionperf.domain.year import Explanation, Stage, YearData

__all__ = [
    "CLEARING_OUT",
    "DEMO_STAGES",
    "UPPER_NAME",
    "DemoSubordinate",
    "Plan",
    "demo_subordinates",
    "upper_profile",
    "varied_year",
]

UPPER_NAME = "上海市浦东新区总工会"
DEMO_STAGES = ("targets", "monitoring-2024-06-30", "self-evaluation")
"""The stages of the demo season, in order."""

_UPPER_BODY = "81310115MC0000001"
_ORGANISATIONS = (
    "上海华东精机有限公司",
    "上海浦江电子科技有限公司",
    "上海张江生物医药有限公司",
    "上海外高桥物流有限公司",
    "上海金桥汽车零部件有限公司",
    "上海陆家嘴金融服务有限公司",
    "上海川沙建筑工程有限公司",
    "上海周浦食品有限公司",
    "上海惠南纺织有限公司",
    "上海祝桥航空服务有限公司",
    "上海高桥石化设备有限公司",
    "上海三林物业管理有限公司",
    "上海北蔡印刷有限公司",
    "上海康桥光电有限公司",
    "上海唐镇医疗器械有限公司",
    "上海曹路机械制造有限公司",
    "上海航头新材料有限公司",
    "上海新场文化传媒有限公司",
    "上海宣桥农业发展有限公司",
    "上海书院环保科技有限公司",
    "上海万祥船舶配件有限公司",
    "上海老港能源有限公司",
    "上海泥城电气有限公司",
    "上海大团果品有限公司",
    "上海合庆包装有限公司",
    "上海南汇软件有限公司",
    "上海临港智能装备有限公司",
    "上海洋山港务服务有限公司",
    "上海塘桥商贸有限公司",
    "上海花木酒店管理有限公司",
    "上海洋泾信息技术有限公司",
    "上海潍坊社区服务中心",
    "上海金杨街道社区卫生服务中心",
    "上海东明职业技术学校",
    "上海上钢建材有限公司",
    "上海沪东造船配套有限公司",
)
_SIZES = (
    Decimal("1"),
    Decimal("0.5"),
    Decimal("0.8"),
    Decimal("1.2"),
    Decimal("1.5"),
    Decimal("2"),
)
_EXECUTION = (
    Decimal("1"),
    Decimal("0.95"),
    Decimal("0.9"),
    Decimal("0.85"),
    Decimal("0.75"),
    Decimal("0.6"),
)
_ACHIEVEMENT = (
    Decimal("1"),
    Decimal("0.97"),
    Decimal("0.9"),
    Decimal("0.8"),
    Decimal("1.05"),
    Decimal("0.65"),
    Decimal("0.3"),
)
_NOTE = "演示数据：受年内工作安排调整影响，已说明原因并落实整改措施。"


class Plan(StrEnum):
    """What a unit does with a stage in the demo season, and what the upper level decides."""

    MISSING = "missing"
    RECEIVED = "received"
    """Sent on time, waiting for review."""
    LATE = "late"
    """Sent after the deadline, waiting for review."""
    RETURNED = "returned"
    """Sent on time and returned; not sent again yet."""
    RESUBMITTED = "resubmitted"
    """Returned, sent again, waiting for review."""
    APPROVED = "approved"
    APPROVED_LATE = "approved-late"
    """Sent after the deadline, approved."""
    APPROVED_AFTER_RETURN = "approved-after-return"
    """Returned, sent again and approved."""


_PLANS: dict[str, tuple[Plan, ...]] = {
    "targets": (
        Plan.APPROVED,
        Plan.APPROVED,
        Plan.APPROVED_LATE,
        Plan.APPROVED,
        Plan.APPROVED_AFTER_RETURN,
        Plan.APPROVED,
    ),
    "monitoring-2024-06-30": (
        Plan.APPROVED,
        Plan.RECEIVED,
        Plan.APPROVED_LATE,
        Plan.APPROVED,
        Plan.RETURNED,
        Plan.MISSING,
        Plan.APPROVED_AFTER_RETURN,
        Plan.LATE,
        Plan.APPROVED,
    ),
    "self-evaluation": (
        Plan.APPROVED,
        Plan.RECEIVED,
        Plan.LATE,
        Plan.RETURNED,
        Plan.RESUBMITTED,
        Plan.MISSING,
        Plan.APPROVED_AFTER_RETURN,
        Plan.APPROVED_LATE,
        Plan.APPROVED,
        Plan.RECEIVED,
        Plan.MISSING,
        Plan.APPROVED,
    ),
}


@dataclass(frozen=True, slots=True)
class DemoSubordinate:
    """A demo unit: its profile, the variations of its year and its plan for each stage."""

    number: int
    profile: UnitProfile
    contact: str
    size: Decimal
    """Every amount of the demo year multiplied by this."""
    execution: Decimal
    """Executed expenditure multiplied by this."""
    achievement: Decimal
    """Actual values of quantitative indicators multiplied by this."""
    plans: dict[str, Plan]

    @property
    def key_seed(self) -> bytes:
        """32 bytes the unit's demo signing key is made from (the same key every run)."""
        return f"unionperf-demo-unit-{self.number:04d}".encode().ljust(32, b"-")[:32]


def upper_profile() -> UnitProfile:
    """The demo upper union."""
    return UnitProfile(
        UPPER_NAME,
        _UPPER_BODY + check_character(_UPPER_BODY),
        level=UnitLevel.UPPER,
        accountant="李晓梅",
        chair="张伟民",
        contact_phone="021-50001234",
        address="上海市浦东新区世纪大道1200号",
    )


def demo_subordinates(count: int = len(_ORGANISATIONS)) -> list[DemoSubordinate]:
    """The demo units, numbered from 1 (at most as many as there are demo names)."""
    units = []
    for number in range(1, min(count, len(_ORGANISATIONS)) + 1):
        body = f"91310115MA1K{number:05d}"
        name = f"{_ORGANISATIONS[number - 1]}工会"
        profile = UnitProfile(
            name,
            body + check_character(body),
            upper_union=UPPER_NAME,
            member_count=120 + 37 * number,
            staff_count=130 + 41 * number,
            accountant="会计" + "甲乙丙丁戊己庚辛"[number % 8],
            chair="主席" + "子丑寅卯辰巳午未"[number % 8],
            contact_phone=f"021-5888{number:04d}",
        )
        units.append(
            DemoSubordinate(
                number,
                profile,
                f"{profile.accountant} {profile.contact_phone}",
                _SIZES[number % len(_SIZES)],
                _EXECUTION[(number // 2) % len(_EXECUTION)],
                _ACHIEVEMENT[(number // 3) % len(_ACHIEVEMENT)],
                {stage: plans[(number - 1) % len(plans)] for stage, plans in _PLANS.items()},
            )
        )
    return units


def varied_year(base: YearData, unit: DemoSubordinate) -> YearData:
    """The demo year as this unit reports it: its profile, size, execution and achievement.

    Soft problems the variations raise are explained (as a unit must before it sends); a
    variation that raises a hard problem is left out, so every stage of the result can be sent.
    """
    sized = _scaled(replace(base, unit=replace(unit.profile)), unit.size)
    if unit.number in CLEARING_OUT:
        sized = _cleared_out(sized)
    for candidate in (
        _executed(_achieved(sized, unit.achievement), unit.execution),
        _executed(sized, unit.execution),
        sized,
    ):
        explained = _explained(candidate)
        if explained is not None:
            return explained
    return sized


CLEARING_OUT = frozenset({7, 23})
"""Demo units that propose to clear their three-year 职工之家 project out (清理退出)."""
CLEAR_OUT_REASON = (
    "第二期职工之家使用人次仅达目标的一半，经单位评估绩效低下，申请清理退出："
    "第三期不再安排预算，已购设备并入职工活动室统一管理"
)


def _cleared_out(data: YearData) -> YearData:
    """Each multi-year project flagged for 清理退出 with :data:`CLEAR_OUT_REASON`."""
    return replace(
        data,
        projects=tuple(
            replace(item, clear_out=True, clear_out_reason=CLEAR_OUT_REASON)
            if item.multi_year
            else item
            for item in data.projects
        ),
    )


def _money(value: Decimal, factor: Decimal) -> Decimal:
    return round2(value * factor)


def _scaled(data: YearData, factor: Decimal) -> YearData:
    if factor == 1:
        return data

    def line(item: BudgetLine) -> BudgetLine:
        return BudgetLine(
            item.category_code,
            _money(item.last_year_actual, factor),
            _money(item.budget, factor),
            _money(item.adjustment, factor),
            _money(item.executed, factor),
        )

    def funding(item: FundingLine) -> FundingLine:
        return FundingLine(
            item.source,
            _money(item.initial, factor),
            _money(item.adjusted, factor),
            _money(item.executed, factor),
        )

    def project(item: Project) -> Project:
        return replace(
            item,
            midterm_budget=_money(item.midterm_budget, factor),
            funding=tuple(funding(line) for line in item.funding),
        )

    def entry(item: MonitoringEntry) -> MonitoringEntry:
        return replace(
            item,
            executed=None if item.executed is None else _money(item.executed, factor),
            forecast=None if item.forecast is None else _money(item.forecast, factor),
        )

    def earlier(item: ProjectYear) -> ProjectYear:
        return replace(
            item,
            initial=_money(item.initial, factor),
            budget=_money(item.budget, factor),
            executed=_money(item.executed, factor),
        )

    return replace(
        data,
        opening_balance=_money(data.opening_balance, factor),
        budget=tuple(line(item) for item in data.budget),
        projects=tuple(project(item) for item in data.projects),
        monitoring=tuple(entry(item) for item in data.monitoring),
        project_history=tuple(earlier(item) for item in data.project_history),
    )


def _executed(data: YearData, factor: Decimal) -> YearData:
    """Executed expenditure (projects, expenditure lines, monitoring) times ``factor``."""
    if factor == 1:
        return data
    spending = {item.code for item in data.catalogue.of_flow(Flow.EXPENDITURE)}
    return replace(
        data,
        budget=tuple(
            replace(item, executed=_money(item.executed, factor))
            if item.category_code in spending
            else item
            for item in data.budget
        ),
        projects=tuple(
            replace(
                item,
                funding=tuple(
                    replace(line, executed=_money(line.executed, factor)) for line in item.funding
                ),
            )
            for item in data.projects
        ),
        monitoring=tuple(
            replace(
                item,
                executed=None if item.executed is None else _money(item.executed, factor),
            )
            for item in data.monitoring
        ),
    )


def _achieved(data: YearData, factor: Decimal) -> YearData:
    """Actual values of quantitative indicators times ``factor``, kept to their decimals."""
    if factor == 1:
        return data
    operators = {
        indicator.uid: indicator.operator
        for targets in [data.unit_targets, *(project.targets for project in data.projects)]
        for indicator in targets.indicators
    }

    def result(item: IndicatorResult) -> IndicatorResult:
        operator = operators.get(item.indicator_uid)
        if item.actual is None or operator in (None, Operator.QUALITATIVE):
            return item
        exponent = min(int(item.actual.as_tuple().exponent), 0)
        actual = (item.actual * factor).quantize(Decimal(1).scaleb(exponent))
        return replace(
            item,
            actual=max(actual, ZERO),
            deviation=item.deviation or _NOTE,
            improvement=item.improvement or "下一年度加强计划管理，按期完成。",
        )

    return replace(
        data,
        evaluations=tuple(
            Evaluation(
                item.owner_uid,
                tuple(result(entry) for entry in item.results),
                item.achieved_text,
                item.result_application,
                item.execution_analysis or _NOTE,
            )
            for item in data.evaluations
        ),
    )


def _explained(data: YearData) -> YearData | None:
    """The year with every soft problem of every stage explained; ``None`` on a hard one."""
    explanations = {item.problem_key: item for item in data.explanations}
    for name in DEMO_STAGES:
        problems = check_stage(data, Stage.parse(name))
        for problem in blocking_problems(data, problems):
            if problem.severity is Severity.HARD:
                return None
            explanations.setdefault(problem.key, Explanation(problem.key, _NOTE))
    return replace(data, explanations=tuple(explanations.values()))
