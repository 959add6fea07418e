"""Demo data as domain objects: a realistic 基层工会 (2023–2024) and a large year for benchmarks.

Everything is deterministic (no clock, no randomness), so tests and screenshots are repeatable.
The 2024 project “2024年职工文体活动经费” is the worked example of domain.md §5.8 (91.55, 优).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import TypeVar

from unionperf.demo.assessment import with_demo_assessment
from unionperf.domain.budget import (
    UNIT_OWNER,
    BudgetLine,
    FundingLine,
    FundingSource,
    Project,
    ProjectAttribute,
    TargetSet,
)
from unionperf.domain.categories import Flow
from unionperf.domain.credit_code import check_character
from unionperf.domain.evaluation import Evaluation, IndicatorResult
from unionperf.domain.framework import DEFAULT_FRAMEWORK, Framework, MonitoringRule
from unionperf.domain.indicators import TIER_LABELS, Indicator, Operator, StandardBasis, Tier
from unionperf.domain.money import ZERO, round2
from unionperf.domain.monitoring import (
    RATE_UNITS,
    DeviationReason,
    IndicatorProgress,
    Light,
    Likelihood,
    MonitoringEntry,
    MonitoringPoint,
    ReasonCategory,
    execution_lags,
    execution_rate,
    traffic_light,
)
from unionperf.domain.problems import Location, ProblemCode, Section
from unionperf.domain.revenue import RevenueArrival
from unionperf.domain.settings import RuleSettings, SignoffRole
from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.domain.year import Explanation, Signoff, Stage, StageKind, YearData

__all__ = ["UNIT_NAME", "demo_large_year", "demo_unit", "demo_year", "demo_years"]

D = Decimal

# Level-2 names of the default framework (财预〔2020〕10号, 成本 under 产出).
QTY, QLT, TML, CST = "数量指标", "质量指标", "时效指标", "成本指标"
SOC, SUS, SAT = "社会效益指标", "可持续影响指标", "服务对象满意度指标"
GE, EQ, LE, QUAL = Operator.GE, Operator.EQ, Operator.LE, Operator.QUALITATIVE
PLAN, HIST = StandardBasis.PLAN, StandardBasis.HISTORY
INDUSTRY, STANDARD = StandardBasis.INDUSTRY, StandardBasis.BUDGET_STANDARD
FUNDS, RULES, STAFF = ReasonCategory.FUNDING, ReasonCategory.INSTITUTIONAL, ReasonCategory.STAFFING
SITE, OTHER = ReasonCategory.FACILITIES, ReasonCategory.OTHER
CERTAIN, POSSIBLE = Likelihood.CERTAIN, Likelihood.POSSIBLE
IMPOSSIBLE = Likelihood.IMPOSSIBLE
OWN, UPPER = FundingSource.OWN, FundingSource.UPPER_SUBSIDY
EMPLOYER = FundingSource.EMPLOYER_SUBSIDY
ACHIEVED, PARTIAL, NOT_ACHIEVED = Tier.ACHIEVED, Tier.PARTIAL, Tier.NOT_ACHIEVED

UNIT_NAME = "华东精密机械有限公司工会委员会"
_CREDIT_BODY = "81310115MC2K7Q8P1"
"""8 = 工会 registration authority, 1 = 基层工会, 310115 = 上海市浦东新区, then the body code."""

_T = TypeVar("_T")
_LEVEL1 = {l2.name: l1.name for l1 in DEFAULT_FRAMEWORK.level1 for l2 in l1.level2}
_WARNING_LIGHTS = (Light.RED, Light.YELLOW)


# ---------------------------------------------------------------------------------------------
# Compact specifications, turned into domain objects by the builders further down
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Note:
    """Why an indicator shows a red or yellow light at a monitoring point, and what is done."""

    category: ReasonCategory
    text: str
    likelihood: Likelihood
    measure: str


@dataclass(frozen=True, slots=True)
class _Track:
    """An indicator's monitoring data; each tuple holds one item, or one per point."""

    values: tuple[str | Tier, ...]
    forecasts: tuple[str, ...]
    notes: tuple[_Note | None, ...] = ()
    texts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Row:
    """One level-3 indicator: the target, its monitoring track and its year-end result."""

    level2: str
    name: str
    operator: Operator
    target: str
    """A number, or the wording of a qualitative target."""
    unit: str
    points: str
    explanation: str
    basis: StandardBasis
    result: IndicatorResult
    track: _Track | None = None
    core: bool = False


@dataclass(frozen=True, slots=True)
class _Funds:
    """Cumulative executed amounts, forecasts and progress text per monitoring point."""

    executed: tuple[str, ...]
    forecasts: tuple[str, ...]
    progress: tuple[str, ...]
    lag: tuple[tuple[int, str, str], ...] = ()
    """(point index, why execution lags time progress, measure)."""


@dataclass(frozen=True, slots=True)
class _ProjectSpec:
    """A project with everything entered for it during the year."""

    number: int
    name: str
    category: str
    responsible: str
    phone: str
    description: str
    funding: tuple[FundingLine, ...]
    annual_goal: str
    rows: tuple[_Row, ...]
    achieved: str
    application: str
    funds: _Funds | None = None
    execution_analysis: str = ""
    """Why the funds were not fully spent (cause and measure), when executed < budget."""
    attribute: ProjectAttribute = ProjectAttribute.CONTINUING
    start: date | None = None
    end: date | None = None
    midterm_budget: str = "0"
    midterm_goal: str = ""
    uid: str = ""
    """The project's uid when it continues an earlier year's (one project across its years);
    empty: ``p<year>-<number>``. Indicators are per year either way."""


@dataclass(frozen=True, slots=True)
class _UnitSpec:
    """The unit-as-a-whole targets; executed amounts outside projects are added to theirs."""

    annual_goal: str
    rows: tuple[_Row, ...]
    achieved: str
    application: str
    funds: _Funds | None = None
    """``executed`` and ``forecasts`` hold the spending outside projects only."""
    execution_analysis: str = ""
    """Why the unit's expenditure budget was not fully spent (cause and measure)."""


def _fund(source: FundingSource, initial: str, adjusted: str, executed: str) -> FundingLine:
    return FundingLine(source, D(initial), D(adjusted), D(executed))


def _res(
    actual: str,
    deviation: str = "",
    improvement: str = "",
    *,
    applicable: bool = True,
    na_reason: str = "",
) -> IndicatorResult:
    """A quantitative result without its indicator uid (the builder fills it in)."""
    return IndicatorResult(
        "",
        actual=D(actual),
        applicable=applicable,
        na_reason=na_reason,
        deviation=deviation,
        improvement=improvement,
    )


def _qual(
    tier: Tier, score: str, text: str, deviation: str = "", improvement: str = ""
) -> IndicatorResult:
    """A qualitative result: its tier, the score chosen inside the tier's band, the wording."""
    return IndicatorResult(
        "",
        tier=tier,
        score=D(score),
        actual_text=text,
        deviation=deviation,
        improvement=improvement,
    )


def _flat(*values: str) -> _Track:
    """A threshold indicator that stayed on target at every point."""
    return _Track(values=values, forecasts=(values[-1],))


_P = (date(2024, 3, 31), date(2024, 6, 30), date(2024, 7, 31), date(2024, 9, 30))

# ---------------------------------------------------------------------------------------------
# 2024 projects
# ---------------------------------------------------------------------------------------------

SPORTS_2024 = _ProjectSpec(
    number=1,
    name="2024年职工文体活动经费",
    category="501",
    responsible="张敏",
    phone="021-58881201",
    description="组织全年职工文体活动：新春游园、三八健步走、羽毛球及乒乓球赛、职工运动会、"
    "读书分享会等，并扶持8个职工兴趣小组常态化开展活动。",
    funding=(_fund(OWN, "200000", "220000", "204600"),),
    annual_goal="全年举办职工文体活动不少于12场、参与职工不少于1500人次，会员参与覆盖率达到80%，"
    "建立常态化活动制度，活动安全零事故，参与职工满意度不低于90%。",
    rows=(
        _Row(
            QTY,
            "举办职工文体活动场次",
            GE,
            "12",
            "场",
            "15",
            "全年由工会组织或联合车间举办的文体活动场次，以活动方案和签到记录为准",
            HIST,
            _res(
                "10",
                deviation="受职工活动中心场馆改造影响，下半年原定的篮球联赛、游泳比赛"
                "2场活动取消（硬件条件保障）。",
                improvement="下年度年初即与园区体育馆签订场地协议锁定场地，并将指标值按近三年"
                "平均完成情况调整为≥11场。",
            ),
            _Track(
                ("2", "5", "6", "8"),
                ("12", "12", "11", "10"),
                notes=(
                    _Note(
                        OTHER,
                        "一季度受春节假期和年初生产任务影响，仅举办新春游园、三八健步走2场",
                        POSSIBLE,
                        "二季度集中安排羽毛球、乒乓球等4场室内赛事，补齐进度",
                    ),
                    None,
                    None,
                    None,
                ),
            ),
            core=True,
        ),
        _Row(
            QTY,
            "参与职工人次",
            GE,
            "1500",
            "人次",
            "10",
            "各场活动签到人数之和，同一职工参加多场分别计算",
            HIST,
            _res("1620"),
            _Track(
                ("260", "400", "560", "1180"),
                ("1500", "1500", "1550", "1600"),
                notes=(
                    _Note(
                        OTHER,
                        "一季度以小型活动为主，单场参与规模有限",
                        POSSIBLE,
                        "二季度起举办各车间参加的职工运动会预赛，扩大参与面",
                    ),
                    _Note(
                        SITE,
                        "职工活动中心场地改造中，5—6月两场大型活动改为分散小规模举办",
                        POSSIBLE,
                        "7月起借用园区体育馆，9月举办职工运动会，按车间下达参赛人数",
                    ),
                    _Note(
                        SITE,
                        "场地改造延期至8月，7月仅开展观影等小型活动",
                        POSSIBLE,
                        "9月职工运动会设团体项目，预计全年参与可达1600人次",
                    ),
                    None,
                ),
            ),
        ),
        _Row(
            QLT,
            "活动安全责任事故",
            EQ,
            "0",
            "起",
            "10",
            "活动中发生的、经认定由组织方承担责任的安全事故起数",
            INDUSTRY,
            _res("0"),
            _flat("0", "0", "0", "0"),
        ),
        _Row(
            TML,
            "活动按计划时间完成率",
            GE,
            "95",
            "%",
            "5",
            "按活动方案确定的时间举办的活动场次 ÷ 已举办场次",
            PLAN,
            _res("100"),
            _flat("100", "100", "100", "100"),
        ),
        _Row(
            CST,
            "人均活动成本",
            LE,
            "130",
            "元/人次",
            "10",
            "全年文体活动支出 ÷ 参与职工人次",
            STANDARD,
            _res("126.30"),
            _Track(("124", "118", "121", "126"), ("128", "128", "130", "127")),
        ),
        _Row(
            SOC,
            "会员参与覆盖率",
            GE,
            "80",
            "%",
            "15",
            "全年至少参加一次活动的会员人数 ÷ 在册会员人数",
            PLAN,
            _res(
                "76",
                deviation="三个生产车间实行四班三倒，夜班职工难以参加集中活动，覆盖率"
                "比目标低4个百分点（人员保障）。",
                improvement="2025年在倒班车间开设班后“微活动”和线上健步走，按班组统计参与"
                "情况，每季度通报。",
            ),
            _Track(
                ("71", "73", "74", "75"),
                ("80", "78", "77", "76"),
                texts=(
                    "按近12个月（2023年4月—2024年3月）参加过活动的会员统计",
                    "按近12个月（2023年7月—2024年6月）参加过活动的会员统计",
                    "按近12个月（2023年8月—2024年7月）参加过活动的会员统计",
                    "按近12个月（2023年10月—2024年9月）参加过活动的会员统计",
                ),
            ),
        ),
        _Row(
            SUS,
            "文体活动长效机制建设",
            QUAL,
            "建立常态化活动制度",
            "",
            "15",
            "出台职工文体活动管理办法，兴趣小组每月固定开展活动；按管理办法印发及小组活动记录判断",
            PLAN,
            _qual(
                PARTIAL,
                "10.50",
                "《职工文体活动管理办法》已印发，8个兴趣小组中5个实现每月活动",
                deviation="管理办法已制定，但3个兴趣小组因负责人倒班未能每月活动，常态化机制"
                "尚未完全形成（制度保障）。",
                improvement="将兴趣小组活动情况纳入车间工会年度考核，2025年6月前实现全部小组"
                "每月活动。",
            ),
            _Track(
                (PARTIAL, PARTIAL, PARTIAL, PARTIAL),
                ("部分达成", "部分达成", "部分达成", "部分达成，需下年度巩固"),
                notes=(
                    _Note(
                        RULES,
                        "《职工文体活动管理办法》已起草，尚未经工会委员会审议",
                        POSSIBLE,
                        "6月底前提交工会委员会审议，明确每月固定活动日",
                    ),
                    _Note(
                        RULES,
                        "管理办法已审议通过，但兴趣小组尚未按月固定开展活动",
                        POSSIBLE,
                        "为8个兴趣小组配备负责人并制定年度计划，每月通报活动情况",
                    ),
                    _Note(
                        STAFF,
                        "部分兴趣小组负责人倒班，无法固定组织活动",
                        POSSIBLE,
                        "调整兴趣小组活动时间与倒班表衔接，增设副组长",
                    ),
                    _Note(
                        RULES,
                        "8个兴趣小组中5个实现每月活动，3个仍不稳定",
                        POSSIBLE,
                        "四季度对活动不稳定的小组合并调整，纳入年终评先考核",
                    ),
                ),
            ),
        ),
        _Row(
            SAT,
            "参与职工满意度",
            GE,
            "90",
            "%",
            "10",
            "活动后问卷中“满意”“比较满意”人数 ÷ 有效问卷数",
            HIST,
            _res("93"),
            _Track(("92", "91", "93", "92"), ("92", "92", "93", "93")),
        ),
    ),
    funds=_Funds(
        executed=("30800", "88000", "112200", "158400"),
        forecasts=("220000", "220000", "215000", "206000"),
        progress=(
            "举办新春游园、三八健步走2场，参与260人次；文体活动管理办法已起草。",
            "累计举办5场、参与400人次；场地改造影响大型活动，管理办法已审议通过。",
            "累计举办6场、参与560人次；7月借用园区体育馆开展观影和室内赛事。",
            "累计举办8场、参与1180人次；9月职工运动会圆满举办，场馆改造致2场活动取消。",
        ),
        lag=(
            (
                0,
                "一季度仅举办2场小型活动，职工运动会等大额支出集中在下半年，预付款尚未结算",
                "4月起按月结算活动费用，二季度末执行率提高到40%",
            ),
        ),
    ),
    achieved="全年举办文体活动10场、参与1620人次，会员参与覆盖率76%，人均活动成本126.30元，"
    "无安全责任事故，参与职工满意度93%；因场馆改造取消2场活动，长效机制部分建立。",
    application="2025年文体活动预算维持22万元，提前锁定活动场地；场次指标按近三年平均调整为≥11场，"
    "覆盖率指标保持80%并增加倒班车间专项活动。",
    execution_analysis="预算执行率93.00%，结余1.54万元：受职工活动中心场馆改造影响，下半年篮球联赛、"
    "游泳比赛2场活动取消，已预留的场地租赁和奖品费用未支出。2025年年初与园区体育馆签订场地协议，"
    "活动如需取消，在季度监控时将资金调剂用于倒班车间班后“微活动”。",
)

GIFTS_2024 = _ProjectSpec(
    number=2,
    name="2024年节日慰问及会员集体福利",
    category="501",
    responsible="刘芳",
    phone="021-58881202",
    description="春节、端午、中秋、元旦为全体会员发放节日慰问品，按上级工会规定的年度标准"
    "执行，优先采购消费帮扶产品。",
    funding=(_fund(OWN, "720000", "720000", "706400"),),
    annual_goal="四个节日慰问全覆盖在册会员，人均年度慰问标准不超过900元，采购全部履行比价程序，"
    "消费帮扶产品占比不低于20%，会员满意度不低于90%。",
    attribute=ProjectAttribute.NEW,
    rows=(
        _Row(
            QTY,
            "节日慰问发放次数",
            EQ,
            "4",
            "次",
            "10",
            "春节、端午、中秋、元旦四个节日各发放一次",
            PLAN,
            _res("4"),
            _Track(("1", "2", "2", "3"), ("4",)),
        ),
        _Row(
            QTY,
            "慰问覆盖会员人数",
            GE,
            "800",
            "人",
            "10",
            "全年至少领取一次节日慰问品的在册会员人数，按会员实名台账统计",
            HIST,
            _res("816"),
            _Track(("806", "809", "809", "812"), ("812", "812", "814", "816")),
        ),
        _Row(
            QLT,
            "慰问品采购比价程序履行率",
            EQ,
            "100",
            "%",
            "10",
            "履行三家以上比价或集体采购程序的采购批次 ÷ 全部采购批次",
            PLAN,
            _res("100"),
            _flat("100", "100", "100", "100"),
        ),
        _Row(
            TML,
            "慰问品节前发放到位率",
            EQ,
            "100",
            "%",
            "10",
            "节日前3个工作日发放到会员手中的批次 ÷ 全部发放批次",
            PLAN,
            _res("100"),
            _flat("100", "100", "100", "100"),
        ),
        _Row(
            CST,
            "人均年度慰问标准",
            LE,
            "900",
            "元/人·年",
            "10",
            "全年节日慰问支出 ÷ 慰问覆盖会员人数，不超过上级工会规定的会员节日慰问年度标准",
            STANDARD,
            _res("865.69"),
            _Track(("236", "452", "452", "671"), ("890", "890", "885", "870")),
        ),
        _Row(
            SOC,
            "消费帮扶产品采购占比",
            GE,
            "20",
            "%",
            "15",
            "采购对口帮扶地区农副产品金额 ÷ 慰问品采购总额",
            PLAN,
            _res("23"),
            _Track(("18", "22", "22", "23"), ("22", "22", "23", "23")),
        ),
        _Row(
            SUS,
            "会员慰问品意见征集机制",
            QUAL,
            "每次发放前开展线上意见征集并公示结果",
            "",
            "15",
            "每个节日采购前通过线上问卷征集会员意见并公示采纳情况；按问卷和公示记录判断",
            PLAN,
            _qual(
                ACHIEVED,
                "13.50",
                "4次发放中3次开展意见征集并公示",
                deviation="端午节采购周期仅10天，未开展意见征集，4次发放中3次征集（制度保障）。",
                improvement="将意见征集写入《节日慰问品采购管理细则》，每次提前30天启动采购。",
            ),
            _Track(
                (ACHIEVED, PARTIAL, PARTIAL, PARTIAL),
                ("达成", "基本达成", "基本达成", "基本达成"),
                notes=(
                    None,
                    _Note(
                        RULES,
                        "端午节慰问品采购周期短，发放前未开展意见征集",
                        POSSIBLE,
                        "中秋、元旦采购提前30天启动，意见征集作为采购前置环节",
                    ),
                    _Note(
                        RULES,
                        "端午节未征集意见，全年4次中已有1次缺项",
                        POSSIBLE,
                        "中秋节意见征集已于7月下旬启动，结果在工会公示栏公布",
                    ),
                    _Note(
                        RULES,
                        "春节、中秋已征集，端午缺项无法补正",
                        POSSIBLE,
                        "元旦慰问品意见征集11月启动，并修订采购管理细则",
                    ),
                ),
            ),
        ),
        _Row(
            SAT,
            "会员对节日慰问满意度",
            GE,
            "90",
            "%",
            "10",
            "每次发放后线上问卷“满意”“比较满意”人数 ÷ 有效问卷数，全年取平均",
            HIST,
            _res("94"),
            _Track(("93", "92", "92", "94"), ("92", "92", "93", "94")),
        ),
    ),
    funds=_Funds(
        executed=("190000", "365000", "365000", "545000"),
        forecasts=("720000", "720000", "715000", "710000"),
        progress=(
            "春节慰问品已发放，覆盖会员806人，消费帮扶产品占18%。",
            "端午慰问品已发放，累计覆盖809人；端午未开展意见征集。",
            "中秋慰问品采购意见征集已启动，比价程序进行中。",
            "中秋慰问品已节前发放到位，消费帮扶产品占比累计23%。",
        ),
    ),
    achieved="四个节日慰问全部节前发放到位，覆盖会员816人，人均865.69元，消费帮扶产品占23%，"
    "会员满意度94%；端午节未开展意见征集。",
    application="2025年继续按900元/人·年标准安排预算；意见征集写入采购管理细则，作为每次采购的"
    "前置环节。",
    execution_analysis="预算执行率98.11%，结余1.36万元：中秋、元旦两批慰问品经三家比价，成交单价"
    "低于预算测算单价，按816名在册会员实名台账发放后形成结余，未另行追加采购。2025年按上年各节日"
    "成交均价和年初会员人数测算预算单价，比价节约资金年末统一结转。",
)

HARDSHIP_2024 = _ProjectSpec(
    number=3,
    name="2024年困难职工帮扶及送温暖",
    category="502",
    responsible="李强",
    phone="021-58881203",
    description="春节送温暖慰问在档困难职工，对因病、因灾致困职工开展临时救助，开展金秋助学，"
    "并按季度走访复核困难职工档案。",
    funding=(_fund(OWN, "70000", "70000", "62800"), _fund(UPPER, "50000", "50000", "50000")),
    annual_goal="慰问在档困难职工不少于30人，资助困难职工子女入学不少于4人，帮扶资金审批后5个工作日"
    "内发放到位，建档困难职工帮扶全覆盖，受助职工满意度不低于95%。",
    rows=(
        _Row(
            QTY,
            "慰问建档困难职工人数",
            GE,
            "30",
            "人",
            "12",
            "全年获得送温暖慰问或临时救助的在档困难职工人数（含因病、因灾临时困难职工）",
            HIST,
            _res("34"),
            _Track(("31", "31", "32", "33"), ("32", "32", "33", "34")),
            core=True,
        ),
        _Row(
            QTY,
            "金秋助学资助困难职工子女人数",
            GE,
            "4",
            "人",
            "8",
            "当年考入全日制高校并获资助的建档困难职工子女人数",
            HIST,
            _res(
                "0",
                applicable=False,
                na_reason="2024年建档困难职工家庭无当年考入高校的子女，经区总工会帮扶中心核实"
                "无符合金秋助学条件的对象，该指标不适用，分值按规定折算。",
            ),
            _Track(
                ("0", "0", "0", "0"),
                ("4", "4", "0", "0"),
                notes=(
                    _Note(
                        OTHER,
                        "金秋助学在高考录取结果公布后（7—8月）集中受理，上半年按计划不发生",
                        POSSIBLE,
                        "6月底前完成建档困难职工家庭应届考生摸底",
                    ),
                    _Note(
                        OTHER,
                        "摸底显示建档困难职工家庭仅1名应届高考生，录取结果尚未公布",
                        POSSIBLE,
                        "录取结果公布后一周内完成申报审核",
                    ),
                    _Note(
                        OTHER,
                        "唯一一名应届考生选择复读，建档家庭今年无新入学大学生",
                        IMPOSSIBLE,
                        "已向区总工会报备，年终自评时该指标按不适用处理",
                    ),
                    _Note(
                        OTHER,
                        "经区总工会帮扶中心核实，今年无符合金秋助学条件的对象",
                        IMPOSSIBLE,
                        "相应资金不再支出，年末随项目结余一并结转",
                    ),
                ),
            ),
        ),
        _Row(
            QLT,
            "帮扶对象识别准确率",
            EQ,
            "100",
            "%",
            "10",
            "经入户走访并公示无异议的帮扶对象 ÷ 全部帮扶对象",
            INDUSTRY,
            _res("100"),
            _flat("100", "100", "100", "100"),
        ),
        _Row(
            TML,
            "帮扶资金发放及时率",
            EQ,
            "100",
            "%",
            "10",
            "审批后5个工作日内发放到位的笔数 ÷ 发放总笔数",
            PLAN,
            _res("100"),
            _flat("100", "100", "100", "100"),
        ),
        _Row(
            CST,
            "人均帮扶金额",
            LE,
            "3500",
            "元/人",
            "10",
            "帮扶及送温暖支出 ÷ 受助人数，不超过区总工会困难职工帮扶标准",
            STANDARD,
            _res("3317.65"),
            _Track(("3226", "3226", "3250", "3273"), ("3500", "3500", "3400", "3320")),
        ),
        _Row(
            SOC,
            "建档困难职工帮扶覆盖率",
            EQ,
            "100",
            "%",
            "20",
            "获得帮扶的建档困难职工 ÷ 全部建档困难职工",
            PLAN,
            _res("100"),
            _Track(("100", "100", "100", "100"), ("100",)),
        ),
        _Row(
            SUS,
            "困难职工档案动态更新次数",
            GE,
            "4",
            "次",
            "10",
            "每季度对在档困难职工家庭情况走访复核并更新台账的次数",
            PLAN,
            _res("4"),
            _Track(("1", "2", "2", "3"), ("4",)),
        ),
        _Row(
            SAT,
            "受助职工满意度",
            GE,
            "95",
            "%",
            "10",
            "受助职工回访中“满意”“比较满意”人数 ÷ 回访人数",
            HIST,
            _res("97"),
            _Track(("96", "96", "96", "97"), ("96", "96", "96", "97")),
        ),
    ),
    funds=_Funds(
        executed=("100000", "100000", "104000", "108000"),
        forecasts=("120000", "120000", "113000", "112800"),
        progress=(
            "春节送温暖慰问在档困难职工31人，发放10万元；一季度档案复核完成。",
            "二季度档案复核完成；完成金秋助学应届考生摸底（1人）。",
            "新增因病致困职工1人并发放临时救助；唯一应届考生复读，金秋助学无对象。",
            "累计帮扶33人；三季度档案复核完成，新增因灾临时困难职工1人。",
        ),
    ),
    achieved="全年帮扶困难职工34人，建档困难职工帮扶全覆盖，资金均按时发放，受助职工满意度97%；"
    "金秋助学因无符合条件对象不适用。",
    application="2025年继续安排本级经费7万元并申请上级专项补助；金秋助学预算按年初摸底结果编列。",
    execution_analysis="预算执行率94.00%，本级经费结余7200元：年初按4人预留金秋助学资金，因建档"
    "困难职工家庭无当年考入高校的子女，助学资金未支出，部分用于新增的因病、因灾临时救助2人后仍有结余；"
    "上级专项补助5万元已全部使用。2025年金秋助学资金按年初应届考生摸底结果编列，三季度监控时将"
    "确无对象的助学资金调剂用于临时救助。",
)

TRAINING_2024 = _ProjectSpec(
    number=4,
    name="2024年工会干部培训",
    category="503",
    responsible="赵磊",
    phone="021-58881204",
    description="举办新任车间工会主席上岗培训、集体协商与民主管理专题培训、财务与经审业务培训，"
    "并选派工会干部参加区总工会培训。",
    funding=(_fund(OWN, "45000", "45000", "38600"),),
    annual_goal="举办专题培训班不少于3期、培训工会干部不少于40人次，考核合格率不低于95%，"
    "参训干部返岗开展班组宣讲不少于20场，工会干部持证上岗率达到90%。",
    attribute=ProjectAttribute.NEW,
    rows=(
        _Row(
            QTY,
            "参加培训工会干部人次",
            GE,
            "40",
            "人次",
            "15",
            "参加本单位组织或选派参加上级工会培训的工会委员、车间工会主席、工会小组长人次",
            HIST,
            _res(
                "52",
                deviation="区总工会下半年开放“工会干部履职能力提升”线上专题班名额，"
                "车间工会小组长12人次一并参训；年初按往年线下班容量设定指标值，设定偏低。",
                improvement="2025年按工会小组长全员轮训口径重新测算，指标值调整为≥50人次。",
            ),
            _Track(("14", "30", "30", "46"), ("40", "45", "45", "50")),
        ),
        _Row(
            QTY,
            "举办专题培训班期数",
            GE,
            "3",
            "期",
            "10",
            "本单位组织的专题培训班期数",
            PLAN,
            _res("3"),
            _Track(("1", "2", "2", "2"), ("3",)),
        ),
        _Row(
            QLT,
            "培训考核合格率",
            GE,
            "95",
            "%",
            "10",
            "结业考核合格人次 ÷ 参加考核人次",
            HIST,
            _res("98"),
            _flat("100", "97", "97", "97"),
        ),
        _Row(
            TML,
            "年度培训计划按期完成率",
            EQ,
            "100",
            "%",
            "5",
            "按年度培训计划时间开班的期数 ÷ 计划期数",
            PLAN,
            _res("100"),
            _flat("100", "100", "100", "100"),
        ),
        _Row(
            CST,
            "人均培训费用",
            LE,
            "900",
            "元/人次",
            "10",
            "培训费支出 ÷ 参训人次，参照培训费综合定额标准测算",
            STANDARD,
            _res("742.31"),
            _Track(("700", "820", "820", "722"), ("900", "850", "850", "760")),
        ),
        _Row(
            SOC,
            "参训干部开展班组宣讲场次",
            GE,
            "20",
            "场",
            "15",
            "参训干部返岗后在班前会、班组会上开展政策和业务宣讲的场次",
            PLAN,
            _res(
                "18",
                deviation="参训干部多为一线班组长，二、三季度生产任务重、班前会时间被压缩，"
                "全年宣讲18场，比目标少2场（人员保障）。",
                improvement="2025年将宣讲纳入车间工会月度工作清单，宣讲场次与工会小组评先挂钩。",
            ),
            _Track(
                ("2", "6", "8", "12"),
                ("20", "20", "18", "18"),
                notes=(
                    _Note(
                        STAFF,
                        "首期培训3月下旬结束，参训干部返岗后尚未组织宣讲",
                        POSSIBLE,
                        "4月起每名参训车间工会主席每季度至少组织1场班前会宣讲",
                    ),
                    _Note(
                        STAFF,
                        "二季度生产任务重，班前会时间压缩，宣讲多次顺延",
                        POSSIBLE,
                        "与生产部协商每月第一个周一班前会留出15分钟用于工会宣讲",
                    ),
                    _Note(
                        STAFF,
                        "7月高温停产检修，班组分散，宣讲组织困难",
                        POSSIBLE,
                        "8—9月集中开展劳动法规和职代会提案宣讲，每周通报进度",
                    ),
                    None,
                ),
            ),
        ),
        _Row(
            SUS,
            "工会干部持证上岗率",
            GE,
            "90",
            "%",
            "15",
            "取得区总工会上岗培训合格证的车间工会主席、工会委员 ÷ 应持证人数",
            PLAN,
            _res("94"),
            _Track(
                ("68", "78", "78", "88"),
                ("90", "92", "92", "94"),
                notes=(
                    _Note(
                        STAFF,
                        "年初车间工会换届，新任车间工会主席及委员尚未持证；3月上岗培训已结业，"
                        "合格证待区总工会核发",
                        CERTAIN,
                        "4月底前领取合格证，其余未持证委员安排参加6月集体协商专题培训并考核",
                    ),
                    None,
                    None,
                    None,
                ),
            ),
        ),
        _Row(
            SAT,
            "参训学员满意度",
            GE,
            "90",
            "%",
            "10",
            "结业问卷中“满意”“比较满意”人数 ÷ 有效问卷数",
            HIST,
            _res("95"),
            _Track(("94", "95", "95", "95"), ("95",)),
        ),
    ),
    funds=_Funds(
        executed=("9800", "24600", "24600", "33200"),
        forecasts=("45000", "45000", "42000", "39000"),
        progress=(
            "3月举办新任车间工会主席上岗培训1期，14人参训，考核全部合格。",
            "6月举办集体协商与民主管理专题培训1期，累计30人次；返岗宣讲6场。",
            "高温检修期间暂停培训，返岗宣讲累计8场。",
            "选派16人次参加区总工会线上专题班，累计46人次；第三期财务与经审培训定于11月。",
        ),
    ),
    achieved="举办专题培训班3期、培训工会干部52人次，考核合格率98%，持证上岗率94%，人均培训费用"
    "742.31元；返岗宣讲18场，未达目标。",
    application="2025年培训预算维持4.5万元，参训人次指标调整为≥50人次；宣讲纳入车间工会月度清单。",
    execution_analysis="预算执行率85.78%，结余6400元：下半年选派16人次参加区总工会线上专题班，"
    "由上级工会承担培训费，本单位未发生住宿、交通和资料费用；7月高温检修期间暂停线下培训，第三期"
    "财务与经审培训改为在公司会议室举办，节约场地租赁费。2025年按线上、线下参训比例分别测算培训费，"
    "节约资金用于工会小组长全员轮训。",
)

HOME_UID = "p2023-03"
"""职工之家设备购置及改造 (2023—2025): one project in each of its years, carried from 2023."""

HOME_2024 = _ProjectSpec(
    number=5,
    name="职工之家设备购置及改造（2023—2025年）",
    category="505",
    responsible="孙伟",
    phone="021-58881205",
    description="分三期升级职工之家：购置健身及文体设备，改造职工书屋、母婴室等功能区，完善开放"
    "管理和设备维护制度。2024年为第二期。",
    funding=(_fund(EMPLOYER, "100000", "100000", "100000"), _fund(OWN, "50000", "50000", "46200")),
    annual_goal="第二期新增健身及文体设备不少于25台（套），改造职工书屋及母婴室120平方米，设备验收"
    "合格率100%，年度成本控制在15万元以内，职工之家年使用不少于9000人次。",
    uid=HOME_UID,
    start=date(2023, 3, 1),
    end=date(2025, 12, 31),
    midterm_budget="360000",
    midterm_goal="2023—2025年分三期完成职工之家升级：新增健身及文体设备不少于60台（套），改造"
    "职工书屋、母婴室等功能区不少于300平方米，按“模范职工之家”标准建成职工活动阵地。",
    rows=(
        _Row(
            QTY,
            "新增健身及文体设备数量",
            GE,
            "25",
            "台（套）",
            "15",
            "本期验收入账的健身器材、文体器材台（套）数",
            PLAN,
            _res("26"),
            _Track(
                ("0", "12", "18", "24"),
                ("25", "25", "26", "26"),
                notes=(
                    _Note(
                        RULES,
                        "设备采购按公司采购管理办法履行询价比价程序，一季度完成需求调研和"
                        "比价，合同4月签订",
                        CERTAIN,
                        "4月上旬签订合同，5月底前分两批到货安装",
                    ),
                    None,
                    None,
                    None,
                ),
            ),
            core=True,
        ),
        _Row(
            QTY,
            "职工书屋及母婴室改造面积",
            GE,
            "120",
            "平方米",
            "10",
            "本期完成改造并投入使用的功能区建筑面积",
            PLAN,
            _res(
                "108",
                deviation="改造区域内有消防疏散通道和配电间，按消防验收要求调整平面布局后"
                "可改造面积为108平方米（硬件条件保障）。",
                improvement="2025年第三期改造前先完成消防和结构评估，按评估后的可用面积设定"
                "指标值。",
            ),
            _Track(
                ("0", "0", "60", "108"),
                ("120", "120", "120", "108"),
                notes=(
                    _Note(
                        SITE,
                        "改造区域为二楼原会议室，需待行政部门6月底腾退后方可施工",
                        POSSIBLE,
                        "与行政部门确认腾退时间，提前完成设计和施工比选",
                    ),
                    _Note(
                        SITE,
                        "会议室腾退推迟至6月28日，施工7月初进场",
                        POSSIBLE,
                        "施工方增加班组，计划8月底完工",
                    ),
                    None,
                    None,
                ),
            ),
        ),
        _Row(
            QLT,
            "设备验收合格率",
            EQ,
            "100",
            "%",
            "10",
            "一次验收合格的设备台（套）数 ÷ 到货台（套）数",
            INDUSTRY,
            _res("100"),
            _Track(
                ("100", "100", "100", "100"),
                ("100",),
                texts=("一季度尚无到货设备，沿用第一期验收结果", "", "", ""),
            ),
        ),
        _Row(
            TML,
            "改造工程按期完工率",
            EQ,
            "100",
            "%",
            "5",
            "按进度计划节点完成的工程节点 ÷ 计划节点",
            PLAN,
            _res("100"),
            _flat("100", "100", "100", "100"),
        ),
        _Row(
            CST,
            "年度采购及改造成本",
            LE,
            "15",
            "万元",
            "10",
            "本期设备购置与改造工程实际支出，不超过批复的年度预算",
            STANDARD,
            _res("14.62"),
            _Track(("1.2", "6.1", "9.05", "13.4"), ("15", "15", "15", "14.7")),
        ),
        _Row(
            SOC,
            "职工之家年使用人次",
            GE,
            "9000",
            "人次",
            "15",
            "职工之家门禁及登记系统记录的使用人次",
            HIST,
            _res("9860"),
            _Track(("2100", "4500", "5300", "7200"), ("9000", "9000", "9200", "9600")),
        ),
        _Row(
            SUS,
            "职工之家开放及设备维护制度",
            QUAL,
            "制定开放管理和设备维护保养制度并按月检查",
            "",
            "15",
            "制度经工会委员会审议印发，设备检查台账按月填写；按制度文件和台账判断",
            PLAN,
            _qual(ACHIEVED, "15.00", "制度已印发，7—12月设备检查台账齐全"),
            _Track(
                (PARTIAL, PARTIAL, ACHIEVED, ACHIEVED),
                ("达成",),
                notes=(
                    _Note(
                        RULES,
                        "新设备尚未到位，开放管理和维护保养制度修订稿待工会委员会审议",
                        CERTAIN,
                        "4月工会委员会会议审议通过后公布执行",
                    ),
                    _Note(
                        RULES,
                        "制度已印发，设备维护检查台账尚未建立",
                        POSSIBLE,
                        "指定专人管理，7月起每月填写设备检查台账",
                    ),
                    None,
                    None,
                ),
            ),
        ),
        _Row(
            SAT,
            "职工对职工之家设施满意度",
            GE,
            "90",
            "%",
            "10",
            "季度问卷“满意”“比较满意”人数 ÷ 有效问卷数",
            PLAN,
            _res("91"),
            _Track(("88", "89", "90", "91"), ("90", "90", "91", "91")),
        ),
    ),
    funds=_Funds(
        executed=("12000", "61000", "90500", "134000"),
        forecasts=("150000", "150000", "150000", "147000"),
        progress=(
            "完成设备需求调研和三家比价，支付改造设计费1.2万元。",
            "采购合同已签订，首批12台（套）设备到货验收；书屋改造待场地腾退。",
            "第二批设备到货，书屋及母婴室改造7月初进场施工。",
            "设备到货24台（套），改造工程完工待消防验收，开放管理制度已执行。",
        ),
        lag=(
            (
                0,
                "设备采购一季度处于询价比价阶段，合同尚未签订，仅支付设计费1.2万元",
                "4月签订采购合同并支付预付款，二季度末执行率达到40%",
            ),
        ),
    ),
    achieved="第二期新增设备26台（套）、改造书屋及母婴室108平方米，验收全部合格，年度成本14.62万元，"
    "职工之家使用9860人次，设施满意度91%。",
    application="2025年第三期预算9万元，改造面积按消防评估后的可用面积设定；行政补助继续用于设备购置。",
    execution_analysis="预算执行率97.47%，本级经费结余3800元：按消防验收要求调整平面布局后，书屋及"
    "母婴室实际改造面积108平方米，比计划少12平方米，改造工程款按实结算相应减少；行政补助10万元已全部"
    "用于设备购置。2025年第三期先完成消防和结构评估，再按可用面积测算工程预算。",
)

REST_2024 = _ProjectSpec(
    number=6,
    name="2024年劳模及先进职工疗休养",
    category="501",
    responsible="吴静",
    phone="021-58881206",
    description="组织市、区级劳模和公司先进职工分两批赴疗休养基地疗休养，费用由行政补助列支。",
    funding=(_fund(EMPLOYER, "160000", "160000", "152000"),),
    annual_goal="组织劳模及先进职工疗休养不少于40人，一线职工占比不低于70%，人均费用不超过4000元，"
    "安全零事故，参加职工满意度不低于95%。",
    attribute=ProjectAttribute.NEW,
    rows=(
        _Row(
            QTY,
            "组织劳模及先进职工疗休养人数",
            GE,
            "40",
            "人",
            "20",
            "实际参加疗休养的劳模及先进职工人数",
            PLAN,
            _res(
                "38",
                deviation="第二批原定20人，1名市级劳模因承担重点项目攻关、1名先进职工因"
                "术后康复未能成行（人员保障）。",
                improvement="2025年每批预留2名候补人选，名单公示时同步确定候补顺序。",
            ),
            _Track(
                ("0", "20", "20", "38"),
                ("40", "40", "40", "38"),
                notes=(
                    _Note(
                        OTHER,
                        "疗休养按计划分5月、9月两批开展，一季度为名单推荐、公示和线路比选阶段",
                        CERTAIN,
                        "3月底前完成第一批20人名单公示，4月与疗休养基地签订协议",
                    ),
                    None,
                    None,
                    None,
                ),
            ),
        ),
        _Row(
            QLT,
            "疗休养安全责任事故",
            EQ,
            "0",
            "起",
            "10",
            "疗休养期间由组织方承担责任的安全事故起数",
            INDUSTRY,
            _res("0"),
            _flat("0", "0", "0", "0"),
        ),
        _Row(
            TML,
            "疗休养计划按期执行率",
            EQ,
            "100",
            "%",
            "10",
            "按计划时间出行的批次 ÷ 计划批次",
            PLAN,
            _res("100"),
            _flat("100", "100", "100", "100"),
        ),
        _Row(
            CST,
            "人均疗休养费用",
            LE,
            "4000",
            "元/人",
            "10",
            "疗休养支出 ÷ 实际参加人数，不超过上级工会职工疗休养经费标准",
            STANDARD,
            _res("4000"),
            _Track(
                ("3950", "3980", "3980", "4000"),
                ("4000",),
                texts=("按疗休养基地合同报价测算", "", "", ""),
            ),
        ),
        _Row(
            SOC,
            "一线劳模及先进职工占比",
            GE,
            "70",
            "%",
            "15",
            "参加疗休养的一线生产岗位人员 ÷ 参加总人数",
            PLAN,
            _res("76"),
            _Track(("75", "75", "75", "76"), ("75", "75", "75", "76")),
        ),
        _Row(
            SUS,
            "近三年劳模疗休养轮休覆盖率",
            GE,
            "90",
            "%",
            "15",
            "近三年参加过疗休养的在职劳模 ÷ 在职劳模总数",
            HIST,
            _res("92"),
            _Track(
                ("70", "80", "80", "92"),
                ("90", "90", "90", "92"),
                notes=(
                    _Note(
                        OTHER,
                        "近三年口径滚动为2022—2024年，2021年参加疗休养的劳模不再计入，本年度"
                        "第一批定于5月出行",
                        CERTAIN,
                        "两批名单优先安排近三年未参加疗休养的在职劳模，9月第二批结束后覆盖率达到90%以上",
                    ),
                    None,
                    None,
                    None,
                ),
            ),
        ),
        _Row(
            SAT,
            "参加职工满意度",
            GE,
            "95",
            "%",
            "10",
            "返程问卷“满意”“比较满意”人数 ÷ 有效问卷数",
            HIST,
            _res("98"),
            _Track(
                ("97", "98", "98", "98"),
                ("97", "98", "98", "98"),
                texts=("本年度首批尚未出行，沿用2023年度疗休养满意度调查结果", "", "", ""),
            ),
        ),
    ),
    funds=_Funds(
        executed=("16000", "80000", "80000", "152000"),
        forecasts=("160000", "160000", "160000", "152000"),
        progress=(
            "第一批20人名单已公示，疗休养线路比选完成，支付基地定金1.6万元。",
            "第一批20人5月完成疗休养，安全无事故，满意度98%。",
            "第二批名单推荐中，定于9月出行。",
            "第二批18人9月完成疗休养，2人因工作和身体原因未成行。",
        ),
        lag=(
            (
                0,
                "疗休养第一批5月出行，一季度仅支付疗休养基地定金1.6万元",
                "第一批出行后按合同结算，二季度末执行率预计达到50%",
            ),
        ),
    ),
    achieved="分两批组织38名劳模及先进职工疗休养，一线职工占76%，人均4000元，安全无事故，"
    "满意度98%；2人未能成行。",
    application="2025年继续申请行政补助16万元，每批预留候补人选，确保名额足额使用。",
    execution_analysis="预算执行率95.00%，结余8000元：第二批原定20人，1名市级劳模因重点项目攻关、"
    "1名先进职工因术后康复未能成行，按4000元/人标准预留的费用未支出。2025年每批预留2名候补人选，"
    "名单公示时同步确定候补顺序，出现缺额及时递补。",
)

PROJECTS_2024 = (SPORTS_2024, GIFTS_2024, HARDSHIP_2024, TRAINING_2024, HOME_2024, REST_2024)

UNIT_2024 = _UnitSpec(
    annual_goal="围绕建家、维权、服务：会员入会率保持在95%以上，按期召开会员代表大会和职代会，"
    "经费收支全部接受经审会审查，业务支出占比控制在8%以内，劳动争议调解成功率不低于90%，"
    "会员对工会工作满意度不低于90%。",
    rows=(
        _Row(
            QTY,
            "会员入会率",
            GE,
            "95",
            "%",
            "10",
            "【履职效能】年末在册会员人数 ÷ 职工总数",
            HIST,
            _res("96.9"),
            _Track(("96.2", "96.5", "96.6", "96.8"), ("96.5", "96.6", "96.8", "96.9")),
        ),
        _Row(
            QTY,
            "召开会员代表大会及职工代表大会次数",
            GE,
            "2",
            "次",
            "10",
            "【履职效能】按工会章程和厂务公开制度召开的会员代表大会、职工代表大会次数",
            PLAN,
            _res("2"),
            _Track(
                ("1", "1", "1", "1"),
                ("2",),
                notes=(
                    None,
                    None,
                    None,
                    _Note(
                        OTHER,
                        "会员代表大会按工会委员会年度计划定于11月召开，三季度末尚未到召开时间",
                        CERTAIN,
                        "10月底前完成代表资格审查、工作报告和经费审查报告起草",
                    ),
                ),
            ),
        ),
        _Row(
            QLT,
            "经费收支经审会审查覆盖率",
            EQ,
            "100",
            "%",
            "10",
            "【管理效率】经审会审查的经费收支月份 ÷ 全年月份",
            PLAN,
            _res("100"),
            _flat("100", "100", "100", "100"),
        ),
        _Row(
            TML,
            "预决算按时报送上级工会率",
            EQ,
            "100",
            "%",
            "10",
            "【管理效率】按区总工会规定时限报送预算、决算及绩效材料的次数 ÷ 应报送次数",
            PLAN,
            _res("100"),
            _flat("100", "100", "100", "100"),
        ),
        _Row(
            CST,
            "业务支出占经费支出比例",
            LE,
            "8",
            "%",
            "10",
            "【运行成本】业务支出（培训、会议等） ÷ 经费支出总额",
            HIST,
            _res("5.58"),
            _Track(("5.1", "5.4", "5.3", "5.5"), ("6.0", "6.0", "5.8", "5.6")),
        ),
        _Row(
            SOC,
            "劳动争议调解成功率",
            GE,
            "90",
            "%",
            "15",
            "【社会效应】经工会劳动争议调解委员会调解成功的案件 ÷ 受理案件",
            HIST,
            _res("92"),
            _Track(("100", "92", "92", "91"), ("92", "92", "92", "91")),
        ),
        _Row(
            SUS,
            "经费及资产管理制度建设",
            QUAL,
            "修订经费收支、资产管理、疗休养管理三项制度并经工会委员会审议通过",
            "",
            "15",
            "【可持续发展能力】按工会委员会会议纪要和印发文件判断",
            PLAN,
            _qual(
                ACHIEVED,
                "13.50",
                "三项制度均经工会委员会审议通过，两项已印发执行",
                deviation="疗休养管理办法12月经工会委员会审议通过，因涉及职工福利标准需提交"
                "2025年一季度职代会审议后印发，年内未能执行（制度保障）。",
                improvement="2025年3月职代会审议后印发执行，年中开展三项制度执行情况检查。",
            ),
            _Track(
                (PARTIAL, PARTIAL, PARTIAL, PARTIAL),
                ("基本达成",),
                notes=(
                    _Note(
                        RULES,
                        "三项制度修订稿正在征求车间工会意见",
                        POSSIBLE,
                        "5月底前完成意见征集，6月提交工会委员会审议",
                    ),
                    _Note(
                        RULES,
                        "经费收支管理办法已审议通过，其余两项待经审会提出意见",
                        POSSIBLE,
                        "8月召开工会委员会会议审议其余两项制度",
                    ),
                    _Note(
                        RULES,
                        "资产管理办法已审议通过，疗休养管理办法涉及标准调整需与行政方协商",
                        POSSIBLE,
                        "9月与行政方完成协商，四季度提交工会委员会审议",
                    ),
                    _Note(
                        RULES,
                        "疗休养管理办法已与行政方协商一致，待工会委员会审议",
                        POSSIBLE,
                        "11月工会委员会会议审议后提交下一次职代会",
                    ),
                ),
            ),
        ),
        _Row(
            SAT,
            "会员对工会工作满意度",
            GE,
            "90",
            "%",
            "10",
            "【职工满意度】年度会员问卷“满意”“比较满意”人数 ÷ 有效问卷数",
            HIST,
            _res("93.2"),
            _Track(
                ("91", "91", "92.4", "92.4"),
                ("91", "91", "92.5", "93"),
                texts=(
                    "年中问卷尚未开展，沿用2023年末调查结果",
                    "年中问卷尚未开展，沿用2023年末调查结果",
                    "7月年中问卷结果",
                    "",
                ),
            ),
        ),
    ),
    funds=_Funds(
        executed=("18000", "36000", "42000", "52000"),
        forecasts=("70000", "70000", "70000", "69400"),
        progress=(
            "3月召开职工代表大会；一季度经费收支已经经审会审查；2024年预算按时报送。",
            "2023年决算及绩效自评材料按时报送；经费收支管理办法审议通过。",
            "年中会员问卷满意度92.4%；劳动争议受理13件、调解成功12件。",
            "资产管理办法审议通过；会员代表大会筹备工作启动。",
        ),
    ),
    achieved="会员入会率96.9%，召开职代会和会员代表大会各1次，经费收支全部经经审会审查，业务支出占"
    "5.58%，劳动争议调解成功率92%，会员满意度93.2%；疗休养管理办法待职代会审议。",
    application="2025年预算编制中优先保障帮扶和职工之家项目，疗休养管理办法经职代会通过后据以编制"
    "疗休养预算；整体满意度目标提高到92%。",
    execution_analysis="经费支出预算执行率95.33%，全年结余7.00万元：职工活动支出结余3.84万元，主要是"
    "场馆改造取消2场文体活动、2名劳模未能成行以及慰问品比价节约；维权支出结余1.19万元，主要是金秋"
    "助学无符合条件对象；业务支出结余1.02万元，主要是工会干部参加区总工会线上专题班未发生培训费；"
    "资本性支出结余0.38万元，为职工之家改造面积按实结算；其他支出预留的不可预见费用结余0.57万元。"
    "2025年预算按项目明细和近三年执行数测算，季度监控中对执行明显落后的项目及时调剂资金。",
)

# (code, 上年决算数, 本年预算数, 调整数, 全年执行数)
BUDGET_2024 = (
    ("401", "273600", "288000", "0", "291240"),
    ("402", "889400", "930000", "0", "936500"),
    ("403", "40000", "50000", "0", "50000"),
    ("405", "180000", "260000", "0", "260000"),
    ("408", "6400", "6000", "0", "7850"),
    ("501", "968300", "1090000", "20000", "1071600"),
    ("502", "114600", "140000", "0", "128100"),
    ("503", "76900", "90000", "0", "79800"),
    ("505", "118500", "150000", "0", "146200"),
    ("508", "3900", "10000", "0", "4300"),
)

# Revenue arrival at each 2024 point: (category, cumulative amounts, latest arrival dates, notes).
# 上级补助 (the 回拨补助 of 50,000) is late at 30 June: half was due by mid-year, only the first
# quarter's share had come; the reason is written down and it arrived in July.
ARRIVALS_2024: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "401",
        ("72000", "144000", "168000", "216000"),
        ("2024-03-25", "2024-06-25", "2024-07-25", "2024-09-25"),
        (),
    ),
    (
        "402",
        ("232500", "465000", "542500", "697500"),
        ("2024-03-20", "2024-06-20", "2024-07-22", "2024-09-20"),
        (),
    ),
    (
        "403",
        ("12500", "12500", "37500", "37500"),
        ("2024-03-15", "2024-03-15", "2024-07-16", "2024-07-16"),
        (
            "",
            "上级工会二季度回拨补助因核拨流程调整推迟下拨，已与区总工会财务部确认7月中旬到账；"
            "相关活动支出先由本级经费周转，不影响项目进度。",
            "",
            "",
        ),
    ),
    (
        "405",
        ("65000", "130000", "130000", "195000"),
        ("2024-03-28", "2024-06-27", "2024-06-27", "2024-09-26"),
        (),
    ),
    (
        "408",
        ("1500", "3000", "3000", "4500"),
        ("2024-03-21", "2024-06-21", "2024-06-21", "2024-09-21"),
        (),
    ),
)

# ---------------------------------------------------------------------------------------------
# 2023 (history: targets and self-evaluation, no monitoring)
# ---------------------------------------------------------------------------------------------

SPORTS_2023 = _ProjectSpec(
    number=1,
    name="2023年职工文体活动经费",
    category="501",
    responsible="张敏",
    phone="021-58881201",
    description="组织全年职工文体活动，登记职工兴趣小组。",
    funding=(_fund(OWN, "180000", "180000", "171500"),),
    annual_goal="全年举办职工文体活动不少于10场、参与职工不少于1300人次，会员参与覆盖率达到75%，"
    "参与职工满意度不低于90%。",
    rows=(
        _Row(
            QTY,
            "举办职工文体活动场次",
            GE,
            "10",
            "场",
            "15",
            "全年举办的文体活动场次",
            HIST,
            _res("11"),
        ),
        _Row(
            QTY,
            "参与职工人次",
            GE,
            "1300",
            "人次",
            "15",
            "各场活动签到人数之和",
            HIST,
            _res("1410"),
        ),
        _Row(
            QLT,
            "活动安全责任事故",
            EQ,
            "0",
            "起",
            "10",
            "由组织方承担责任的安全事故起数",
            INDUSTRY,
            _res("0"),
        ),
        _Row(
            CST,
            "人均活动成本",
            LE,
            "135",
            "元/人次",
            "10",
            "文体活动支出 ÷ 参与人次",
            STANDARD,
            _res("121.63"),
        ),
        _Row(
            SOC,
            "会员参与覆盖率",
            GE,
            "75",
            "%",
            "15",
            "至少参加一次活动的会员 ÷ 在册会员",
            PLAN,
            _res(
                "72",
                deviation="倒班车间夜班职工参与率低，覆盖率比目标低3个百分点（人员保障）。",
                improvement="2024年在倒班车间增设班后小型活动，覆盖率目标提高到80%。",
            ),
        ),
        _Row(
            SUS,
            "职工文体活动制度建设",
            QUAL,
            "进一步完善职工文体活动制度",
            "",
            "15",
            "按制度文件和兴趣小组登记情况判断",
            PLAN,
            _qual(
                PARTIAL,
                "10.00",
                "完成8个兴趣小组登记，活动管理办法尚未起草",
                deviation="年内仅完成兴趣小组登记，活动管理办法尚未起草（制度保障）。",
                improvement="2024年将该指标改为“建立常态化活动制度”，上半年出台管理办法。",
            ),
        ),
        _Row(
            SAT,
            "参与职工满意度",
            GE,
            "90",
            "%",
            "10",
            "活动后问卷满意人数 ÷ 有效问卷数",
            HIST,
            _res("91"),
        ),
    ),
    achieved="举办文体活动11场、参与1410人次，覆盖率72%，满意度91%，兴趣小组完成登记。",
    application="2024年文体活动预算增至20万元（年中追加2万元），覆盖率和长效机制指标细化。",
    execution_analysis="预算执行率95.28%，结余8500元：12月迎新年职工趣味运动会改在公司篮球场举办，"
    "未租用外部场馆；兴趣小组器材采购经比价成交价低于预算。2024年按活动逐项编制预算明细，场地优先"
    "使用职工之家和公司自有场地，器材采购在三季度前完成。",
    attribute=ProjectAttribute.NEW,
)

HARDSHIP_2023 = _ProjectSpec(
    number=2,
    name="2023年困难职工帮扶及送温暖",
    category="502",
    responsible="李强",
    phone="021-58881203",
    description="春节送温暖、临时救助和金秋助学。",
    funding=(_fund(OWN, "60000", "60000", "56000"), _fund(UPPER, "40000", "40000", "40000")),
    annual_goal="慰问在档困难职工不少于28人，资助困难职工子女入学不少于3人，建档困难职工帮扶全覆盖。",
    rows=(
        _Row(
            QTY,
            "慰问建档困难职工人数",
            GE,
            "28",
            "人",
            "15",
            "获得慰问或救助的在档困难职工人数",
            HIST,
            _res("30"),
        ),
        _Row(
            QTY,
            "金秋助学资助困难职工子女人数",
            GE,
            "3",
            "人",
            "10",
            "当年考入高校并获资助的建档困难职工子女人数",
            HIST,
            _res("3"),
        ),
        _Row(
            TML,
            "帮扶资金发放及时率",
            EQ,
            "100",
            "%",
            "10",
            "审批后5个工作日内发放的笔数占比",
            PLAN,
            _res("100"),
        ),
        _Row(
            QLT,
            "帮扶对象识别准确率",
            EQ,
            "100",
            "%",
            "5",
            "公示无异议的帮扶对象占比",
            INDUSTRY,
            _res("100"),
        ),
        _Row(
            CST,
            "人均帮扶金额",
            LE,
            "3500",
            "元/人",
            "10",
            "帮扶支出 ÷ 受助人数",
            STANDARD,
            _res("2909.09"),
        ),
        _Row(
            SOC,
            "建档困难职工帮扶覆盖率",
            EQ,
            "100",
            "%",
            "20",
            "获得帮扶的建档困难职工占比",
            PLAN,
            _res("100"),
        ),
        _Row(
            SUS,
            "困难职工档案动态更新次数",
            GE,
            "4",
            "次",
            "10",
            "按季度走访复核并更新台账的次数",
            PLAN,
            _res(
                "3",
                deviation="二季度帮扶工作人员调整，当季未开展走访复核，全年更新3次（人员保障）。",
                improvement="2024年由工会副主席牵头，每季度末最后一周集中复核，并纳入季度监控。",
            ),
        ),
        _Row(
            SAT, "受助职工满意度", GE, "95", "%", "10", "回访满意人数 ÷ 回访人数", HIST, _res("96")
        ),
    ),
    achieved="帮扶困难职工30人、资助困难职工子女3人，资金按时发放，受助职工满意度96%。",
    application="2024年申请上级专项补助5万元，档案复核纳入季度监控。",
    execution_analysis="预算执行率96.00%，本级经费结余4000元：按往年发生额预留的临时救助资金，全年"
    "因病、因灾临时救助申请少于预期；上级专项补助4万元已全部使用。2024年临时救助资金按近三年实际"
    "发生额测算，并在季度档案复核时动态调整帮扶名单。",
    attribute=ProjectAttribute.NEW,
)

HOME_2023 = _ProjectSpec(
    number=3,
    name="职工之家设备购置及改造（2023—2025年）",
    category="505",
    responsible="孙伟",
    phone="021-58881205",
    description="职工之家升级第一期：购置健身及文体设备。",
    funding=(_fund(EMPLOYER, "80000", "80000", "80000"), _fund(OWN, "40000", "40000", "38500")),
    annual_goal="第一期新增健身及文体设备不少于20台（套），验收合格率100%，成本控制在12万元以内，"
    "职工之家年使用不少于6000人次。",
    attribute=ProjectAttribute.NEW,
    start=HOME_2024.start,
    end=HOME_2024.end,
    midterm_budget=HOME_2024.midterm_budget,
    midterm_goal=HOME_2024.midterm_goal,
    rows=(
        _Row(
            QTY,
            "新增健身及文体设备数量",
            GE,
            "20",
            "台（套）",
            "20",
            "本期验收入账的设备台（套）数",
            PLAN,
            _res("21"),
        ),
        _Row(
            QLT,
            "设备验收合格率",
            EQ,
            "100",
            "%",
            "10",
            "一次验收合格的设备占比",
            INDUSTRY,
            _res("100"),
        ),
        _Row(
            TML,
            "第一期改造按期完工率",
            EQ,
            "100",
            "%",
            "10",
            "按计划节点完成的工程节点占比",
            PLAN,
            _res("100"),
        ),
        _Row(
            CST,
            "年度采购及改造成本",
            LE,
            "12",
            "万元",
            "10",
            "本期实际支出",
            STANDARD,
            _res("11.85"),
        ),
        _Row(
            SOC,
            "职工之家年使用人次",
            GE,
            "6000",
            "人次",
            "30",
            "门禁及登记系统记录的使用人次",
            HIST,
            _res("7150"),
        ),
        _Row(
            SAT,
            "职工对职工之家设施满意度",
            GE,
            "85",
            "%",
            "10",
            "问卷满意人数 ÷ 有效问卷数",
            PLAN,
            _res("88"),
        ),
    ),
    achieved="第一期新增设备21台（套），验收全部合格，成本11.85万元，职工之家使用7150人次。",
    application="第二期增加书屋及母婴室改造，使用人次目标提高到9000人次。",
    execution_analysis="预算执行率98.75%，本级经费结余1500元：第一期设备采购经三家比价，成交价低于"
    "预算；行政补助8万元已全部使用。第二期采购预算参照第一期成交价测算。",
)

UNIT_2023 = _UnitSpec(
    annual_goal="会员入会率保持在95%以上，按期召开会员代表大会和职代会，经费收支全部接受经审会审查，"
    "业务支出占比控制在8%以内，修订两项经费管理制度。",
    rows=(
        _Row(
            QTY,
            "会员入会率",
            GE,
            "95",
            "%",
            "20",
            "【履职效能】年末在册会员 ÷ 职工总数",
            HIST,
            _res("95.8"),
        ),
        _Row(
            QTY,
            "召开会员代表大会及职工代表大会次数",
            GE,
            "2",
            "次",
            "10",
            "【履职效能】召开次数",
            PLAN,
            _res("2"),
        ),
        _Row(
            QLT,
            "经费收支经审会审查覆盖率",
            EQ,
            "100",
            "%",
            "10",
            "【管理效率】审查月份占比",
            PLAN,
            _res("100"),
        ),
        _Row(
            CST,
            "业务支出占经费支出比例",
            LE,
            "8",
            "%",
            "10",
            "【运行成本】业务支出 ÷ 经费支出",
            HIST,
            _res("6.00"),
        ),
        _Row(
            SOC,
            "劳动争议调解成功率",
            GE,
            "90",
            "%",
            "15",
            "【社会效应】调解成功案件 ÷ 受理案件",
            HIST,
            _res(
                "88",
                deviation="受理劳动争议25件，其中3件涉及工伤认定和经济补偿金计算，"
                "双方分歧较大转入仲裁程序，调解成功22件（其他）。",
                improvement="2024年聘请律师担任调解委员会法律顾问，对涉及工伤和补偿金的"
                "案件提前介入。",
            ),
        ),
        _Row(
            SUS,
            "修订经费管理制度数量",
            GE,
            "2",
            "项",
            "15",
            "【可持续发展能力】经工会委员会审议印发的经费管理制度数量",
            PLAN,
            _res("2"),
        ),
        _Row(
            SAT,
            "会员对工会工作满意度",
            GE,
            "90",
            "%",
            "10",
            "【职工满意度】年度会员问卷满意率",
            HIST,
            _res("90.6"),
        ),
    ),
    achieved="入会率95.8%，经费收支全部经审查，业务支出占6.00%，调解成功率88%，满意度90.6%。",
    application="2024年起对帮扶、疗休养等重点项目开展季度绩效监控。",
    execution_analysis="经费支出预算执行率96.19%，全年结余5.08万元：职工活动支出结余3.17万元，主要是"
    "节日慰问品集中采购比价节约和文体活动使用自有场地；业务支出结余0.81万元，主要是部分工会干部参加"
    "上级工会免费培训；维权支出结余0.54万元，主要是临时救助申请少于预期；资本性支出结余0.15万元，"
    "为设备比价节约；其他支出结余0.41万元为预留的不可预见费用。2024年起对重点项目开展季度绩效监控，"
    "执行进度落后时及时调整支出计划。",
)

BUDGET_2023 = (
    ("401", "262100", "270000", "0", "273600"),
    ("402", "851200", "880000", "0", "889400"),
    ("403", "40000", "40000", "0", "40000"),
    ("405", "100000", "180000", "0", "180000"),
    ("408", "5300", "5000", "0", "6400"),
    ("501", "941500", "1000000", "0", "968300"),
    ("502", "108200", "120000", "0", "114600"),
    ("503", "72400", "85000", "0", "76900"),
    ("505", "0", "120000", "0", "118500"),
    ("508", "4100", "8000", "0", "3900"),
)

EXPLANATIONS_2023 = (
    (
        ProblemCode.INDICATOR_VAGUE_TARGET,
        "p2023-01",
        "p2023-01-i06",
        "该指标值为2023年初按原申报模板填报并已经工会委员会批复，年内未作调整；2024年已改为可衡量的"
        "“建立常态化活动制度”。",
    ),
)


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def demo_unit() -> UnitProfile:
    """The demo grassroots union (基层工会) with a valid 统一社会信用代码."""
    return UnitProfile(
        name=UNIT_NAME,
        credit_code=_CREDIT_BODY + check_character(_CREDIT_BODY),
        level=UnitLevel.GRASSROOTS,
        upper_union="上海市浦东新区总工会",
        member_count=816,
        staff_count=842,
        accountant="周丽华",
        chair="陈建国",
        audit_chair="王秀英",
        contact_phone="021-58881200",
        address="上海市浦东新区华东精机路88号",
    )


def demo_years() -> list[YearData]:
    """The demo union's years in order: a smaller 2023 for history, then a complete 2024.

    2024 holds the budget, six projects, the unit-wide targets, four monitoring points with the
    revenue arrived by each (上级补助 late at 30 June, its reason written down), the
    self-evaluation and every sign-off; its validation leaves nothing blocking.
    """
    return [_year_2023(), _year_2024()]


def demo_year(year: int) -> YearData:
    """One demo year (2023 or 2024).

    Raises:
        ValueError: no demo data for that year.
    """
    builders = {2023: _year_2023, 2024: _year_2024}
    if year not in builders:
        raise ValueError(f"no demo data for {year}")
    return builders[year]()


# ---------------------------------------------------------------------------------------------
# Builders for the demo years
# ---------------------------------------------------------------------------------------------


def _year_2024() -> YearData:
    unit, settings, year = demo_unit(), RuleSettings(), 2024
    points = tuple(_point(cutoff) for cutoff in settings.cutoff_dates(year))
    projects = tuple(_project(year, spec) for spec in PROJECTS_2024)
    unit_targets = _targets(UNIT_OWNER, f"u{year}", UNIT_2024.annual_goal, UNIT_2024.rows)
    data = YearData(
        year=year,
        unit=unit,
        settings=settings,
        opening_balance=D("385600"),
        budget=_budget(BUDGET_2024),
        projects=projects,
        unit_targets=unit_targets,
        points=points,
        evaluations=_evaluations(PROJECTS_2024, projects, UNIT_2024, unit_targets),
    )
    data = replace(
        data,
        monitoring=_monitoring(data, PROJECTS_2024, UNIT_2024),
        arrivals=_arrivals(points, ARRIVALS_2024),
    )
    data = with_demo_assessment(data)
    stages = _stage_dates(data, date(2024, 1, 15), date(2025, 2, 24))
    return replace(data, signoffs=_signoffs(unit, settings, stages))


def _year_2023() -> YearData:
    unit, settings, year = demo_unit(), RuleSettings(), 2023
    specs = (SPORTS_2023, HARDSHIP_2023, HOME_2023)
    projects = tuple(_project(year, spec) for spec in specs)
    unit_targets = _targets(UNIT_OWNER, f"u{year}", UNIT_2023.annual_goal, UNIT_2023.rows)
    data = YearData(
        year=year,
        unit=unit,
        settings=settings,
        opening_balance=D("278400"),
        budget=_budget(BUDGET_2023),
        projects=projects,
        unit_targets=unit_targets,
        evaluations=_evaluations(specs, projects, UNIT_2023, unit_targets),
        explanations=tuple(_explanation(*item) for item in EXPLANATIONS_2023),
    )
    stages = _stage_dates(data, date(2023, 1, 16), date(2024, 2, 26))
    return replace(data, signoffs=_signoffs(unit, settings, stages))


def _point(cutoff: date) -> MonitoringPoint:
    return MonitoringPoint(f"m{cutoff.isoformat()}", cutoff, f"1–{cutoff.month}月")


def _arrivals(
    points: Sequence[MonitoringPoint],
    specs: Iterable[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]],
) -> tuple[RevenueArrival, ...]:
    """Each revenue category's cumulative arrival at each point, with its date and note."""
    return tuple(
        RevenueArrival(
            point.uid,
            code,
            D(amounts[index]),
            date.fromisoformat(dates[index]),
            notes[index] if notes else "",
        )
        for index, point in enumerate(points)
        for code, amounts, dates, notes in specs
    )


def _budget(rows: Iterable[tuple[str, str, str, str, str]]) -> tuple[BudgetLine, ...]:
    return tuple(
        BudgetLine(code, D(last), D(budget), D(adjustment), D(executed))
        for code, last, budget, adjustment, executed in rows
    )


def _indicator(uid: str, row: _Row) -> Indicator:
    qualitative = row.operator is Operator.QUALITATIVE
    return Indicator(
        uid=uid,
        level1=_LEVEL1[row.level2],
        level2=row.level2,
        name=row.name,
        operator=row.operator,
        target=None if qualitative else D(row.target),
        target_text=row.target if qualitative else "",
        unit=row.unit,
        points=D(row.points),
        explanation=row.explanation,
        basis=row.basis,
        core=row.core,
    )


def _targets(
    owner: str, prefix: str, goal: str, rows: Sequence[_Row], midterm_goal: str = ""
) -> TargetSet:
    indicators = tuple(
        _indicator(f"{prefix}-i{index:02d}", row) for index, row in enumerate(rows, start=1)
    )
    return TargetSet(owner, goal, midterm_goal, indicators)


def _project(year: int, spec: _ProjectSpec) -> Project:
    prefix = f"p{year}-{spec.number:02d}"
    uid = spec.uid or prefix
    return Project(
        uid=uid,
        code=f"GH{year}-{spec.number:02d}",
        name=spec.name,
        category_code=spec.category,
        attribute=spec.attribute,
        start=spec.start or date(year, 1, 1),
        end=spec.end or date(year, 12, 31),
        responsible=spec.responsible,
        phone=spec.phone,
        description=spec.description,
        midterm_budget=D(spec.midterm_budget),
        funding=spec.funding,
        targets=_targets(uid, prefix, spec.annual_goal, spec.rows, spec.midterm_goal),
    )


def _evaluation(targets: TargetSet, spec: _ProjectSpec | _UnitSpec) -> Evaluation:
    results = tuple(
        replace(row.result, indicator_uid=indicator.uid)
        for indicator, row in zip(targets.indicators, spec.rows, strict=True)
    )
    return Evaluation(
        targets.owner_uid,
        results,
        spec.achieved,
        spec.application,
        execution_analysis=spec.execution_analysis,
    )


def _evaluations(
    specs: Sequence[_ProjectSpec],
    projects: Sequence[Project],
    unit: _UnitSpec,
    unit_targets: TargetSet,
) -> tuple[Evaluation, ...]:
    done = [
        _evaluation(project.targets, spec) for spec, project in zip(specs, projects, strict=True)
    ]
    done.append(_evaluation(unit_targets, unit))
    return tuple(done)


def _pick(items: Sequence[_T], index: int) -> _T:
    """The item for a point: the only one, or the one at that point's index."""
    return items[0] if len(items) == 1 else items[index]


def _progress(
    indicator: Indicator, track: _Track, index: int, point: MonitoringPoint, rule: MonitoringRule
) -> IndicatorProgress:
    value, forecast = track.values[index], _pick(track.forecasts, index)
    text = _pick(track.texts, index) if track.texts else ""
    if isinstance(value, Tier):
        progress = IndicatorProgress(
            indicator.uid,
            tier=value,
            actual_text=text or TIER_LABELS[value],
            forecast_text=forecast,
        )
    else:
        progress = IndicatorProgress(
            indicator.uid, actual=D(value), actual_text=text, forecast=D(forecast)
        )
    note = _pick(track.notes, index) if track.notes else None
    light = traffic_light(indicator, rule, progress, point.cutoff)
    if note is None or light not in _WARNING_LIGHTS:
        return progress
    reasons = (DeviationReason(note.category, note.text),)
    return replace(progress, reasons=reasons, likelihood=note.likelihood, measure=note.measure)


def _rule(framework: Framework, indicator: Indicator) -> MonitoringRule:
    level2 = framework.level2_of(indicator.level1, indicator.level2)
    return level2.monitoring if level2 else MonitoringRule.THRESHOLD


def _entry(
    data: YearData,
    targets: TargetSet,
    rows: Sequence[_Row],
    funds: _Funds,
    *,
    index: int,
    amounts: tuple[Decimal, Decimal],
) -> MonitoringEntry:
    """One owner's monitoring entry at the point with that index."""
    point = data.points[index]
    progress = tuple(
        _progress(indicator, row.track, index, point, _rule(data.framework, indicator))
        for indicator, row in zip(targets.indicators, rows, strict=True)
        if row.track is not None
    )
    lag = next(((why, measure) for at, why, measure in funds.lag if at == index), ("", ""))
    return MonitoringEntry(
        point_uid=point.uid,
        owner_uid=targets.owner_uid,
        executed=amounts[0],
        forecast=amounts[1],
        progress_text=funds.progress[index],
        lag_reason=lag[0],
        measure=lag[1],
        progress=progress,
    )


def _monitoring(
    data: YearData, specs: Sequence[_ProjectSpec], unit: _UnitSpec
) -> tuple[MonitoringEntry, ...]:
    """Every project's and the unit's entry at every point; the unit adds up the projects."""
    entries = []
    for index in range(len(data.points)):
        executed, forecast = ZERO, ZERO
        for spec, project in zip(specs, data.projects, strict=True):
            assert spec.funds is not None
            amounts = (D(spec.funds.executed[index]), D(spec.funds.forecasts[index]))
            executed, forecast = executed + amounts[0], forecast + amounts[1]
            entries.append(
                _entry(data, project.targets, spec.rows, spec.funds, index=index, amounts=amounts)
            )
        assert unit.funds is not None
        total = (
            executed + D(unit.funds.executed[index]),
            forecast + D(unit.funds.forecasts[index]),
        )
        entries.append(
            _entry(data, data.unit_targets, unit.rows, unit.funds, index=index, amounts=total)
        )
    return tuple(entries)


def _stage_dates(data: YearData, targets_on: date, evaluation_on: date) -> list[tuple[str, date]]:
    """Each active stage with the day its preparer signs it (ten days after a cut-off)."""
    stages = [(Stage(StageKind.TARGETS).name, targets_on)]
    stages += [(point.stage, point.cutoff + timedelta(days=10)) for point in data.points]
    stages.append((Stage(StageKind.SELF_EVALUATION).name, evaluation_on))
    return stages


_SIGN_DELAY = {SignoffRole.PREPARER: 0, SignoffRole.CHAIR: 2, SignoffRole.AUDIT_CHAIR: 3}


def _signoffs(
    unit: UnitProfile, settings: RuleSettings, stages: Iterable[tuple[str, date]]
) -> tuple[Signoff, ...]:
    names = {
        SignoffRole.PREPARER: unit.accountant,
        SignoffRole.CHAIR: unit.chair,
        SignoffRole.AUDIT_CHAIR: unit.audit_chair,
    }
    return tuple(
        Signoff(stage, role, names[role], first + timedelta(days=_SIGN_DELAY[role]))
        for stage, first in stages
        for role in settings.required_signoffs
    )


def _explanation(code: ProblemCode, owner: str, item: str, text: str) -> Explanation:
    """An explanation keyed like the problem the rule will raise on that indicator's target."""
    where = Location(Section.TARGETS, owner, item, "target")
    return Explanation(f"{code.value}|{where.key()}", text)


# ---------------------------------------------------------------------------------------------
# Large year for benchmarks
# ---------------------------------------------------------------------------------------------

_MONTHS = 12
_MIN_INDICATORS = 3
# (level 2, name, operator, target, unit) cycled within each level-1 category
_LARGE_TEMPLATES: dict[str, tuple[tuple[str, str, Operator, str, str], ...]] = {
    "产出指标": (
        (QTY, "服务职工人次", GE, "600", "人次"),
        (QLT, "验收合格率", EQ, "100", "%"),
        (TML, "按期完成率", GE, "95", "%"),
        (CST, "人均成本", LE, "200", "元/人次"),
        (QTY, "举办活动场次", GE, "12", "场"),
    ),
    "效益指标": (
        (SOC, "会员覆盖率", GE, "80", "%"),
        (SUS, "长效机制建设", QUAL, "建立并执行项目管理制度", ""),
        (SOC, "受益职工人数", GE, "150", "人"),
    ),
    "满意度指标": ((SAT, "职工满意度", GE, "90", "%"),),
}
_LARGE_CATEGORIES = ("501", "502", "503", "505")
_LARGE_REASONS = (
    (STAFF, "一线职工倒班，集中活动参与受限", "调整活动时间与倒班表衔接"),
    (SITE, "活动场地改造，部分活动延期", "借用园区场地并提前锁定档期"),
    (FUNDS, "资金拨付晚于计划，采购延后", "与行政方约定按季度拨付"),
    (RULES, "项目管理办法修订中，执行口径未统一", "办法印发后按月通报执行情况"),
)
# (why the funds were not fully spent, what is done next year)
_LARGE_UNSPENT = (
    ("物资和服务采购经三家比价，成交价低于预算测算单价", "下年度按本年成交均价测算预算单价"),
    (
        "部分活动因场地改造取消，已预留的场地租赁费未支出",
        "下年度年初锁定活动场地，取消的活动在季度监控时调剂资金",
    ),
    ("实际受益职工人数少于年初测算人数，按标准发放后形成结余", "下年度按年初实名台账人数编列预算"),
    (
        "部分职工参加上级工会免费培训，未发生培训费",
        "下年度优先使用上级工会培训资源并相应核减培训费",
    ),
)


def demo_large_year(projects: int = 200, indicators: int = 20, points: int = 12) -> YearData:
    """A big, deterministic 2024 for benchmarks: many projects, indicators and monitoring points.

    Points per level-1 category add up to the default weights; monitoring points are the month
    ends January to ``points``; every project and the unit have a self-evaluation. The data is
    plausible but not guaranteed to pass validation.

    Args:
        projects: number of projects.
        indicators: level-3 indicators per project and for the unit (at least 3).
        points: monthly monitoring points, 1 to 12.

    Raises:
        ValueError: a count is out of range.
    """
    if projects < 1 or indicators < _MIN_INDICATORS or not 1 <= points <= _MONTHS:
        raise ValueError("projects ≥ 1, indicators ≥ 3 and 1 ≤ points ≤ 12 are required")
    data = _large_skeleton(projects, indicators, points)
    owners = [
        *((p.targets, p.full_year_budget, p.executed) for p in data.projects),
        (
            data.unit_targets,
            data.flow_total(Flow.EXPENDITURE),
            data.flow_total(Flow.EXPENDITURE, "executed"),
        ),
    ]
    data = replace(
        data,
        monitoring=tuple(
            _large_entry(data, point, *owner) for point in data.points for owner in owners
        ),
        evaluations=tuple(_large_evaluation(*owner) for owner in owners),
    )
    stages = _stage_dates(data, date(data.year, 1, 15), date(data.year + 1, 2, 24))
    return replace(data, signoffs=_signoffs(data.unit, data.settings, stages))


def _large_skeleton(projects: int, indicators: int, points: int) -> YearData:
    """The large year's unit, settings, budget, projects, unit targets and monitoring points."""
    year = 2024
    cutoffs = [date(year, m, calendar.monthrange(year, m)[1]) for m in range(1, points + 1)]
    settings = replace(RuleSettings(), monitoring_cutoffs=tuple((d.month, d.day) for d in cutoffs))
    built = tuple(_large_project(number, indicators) for number in range(1, projects + 1))
    unit_targets = TargetSet(
        UNIT_OWNER,
        "全年各项工会工作任务按计划完成，经费收支平衡。",
        indicators=_large_indicators(f"u{year}", indicators),
    )
    return YearData(
        year=year,
        unit=demo_unit(),
        settings=settings,
        budget=_large_budget(built),
        projects=built,
        unit_targets=unit_targets,
        points=tuple(_point(cutoff) for cutoff in cutoffs),
    )


def _split(total: Decimal, count: int) -> list[Decimal]:
    """``count`` point values to two decimals that add up exactly to ``total``."""
    share = (total / count).quantize(D("0.01"), rounding=ROUND_DOWN)
    return [total - share * (count - 1), *([share] * (count - 1))]


def _large_indicators(prefix: str, count: int) -> tuple[Indicator, ...]:
    weights = DEFAULT_FRAMEWORK.default_weights()
    satisfaction = max(1, count // 5)
    output = count // 2
    counts = {
        "产出指标": output,
        "效益指标": count - output - satisfaction,
        "满意度指标": satisfaction,
    }
    built: list[Indicator] = []
    for level1, number in counts.items():
        templates = _LARGE_TEMPLATES[level1]
        for k, points in enumerate(_split(weights[level1], number)):
            level2, name, operator, target, unit = templates[k % len(templates)]
            qualitative = operator is Operator.QUALITATIVE
            built.append(
                Indicator(
                    uid=f"{prefix}-i{len(built) + 1:02d}",
                    level1=level1,
                    level2=level2,
                    name=f"{name}（{k + 1:02d}）",
                    operator=operator,
                    target=None if qualitative else D(target),
                    target_text=target if qualitative else "",
                    unit=unit,
                    points=points,
                    explanation=f"{name}：按项目台账统计",
                    basis=PLAN,
                )
            )
    return tuple(built)


def _large_project(number: int, indicators: int) -> Project:
    uid = f"p2024-{number:03d}"
    budget = D(20000 + (number * 7919) % 60 * 1000)
    executed = round2(budget * D(85 + number % 15) / 100)
    category = _LARGE_CATEGORIES[number % len(_LARGE_CATEGORIES)]
    return Project(
        uid=uid,
        code=f"GH2024-{number:03d}",
        name=f"2024年工会工作项目{number:03d}",
        category_code=category,
        start=date(2024, 1, 1),
        end=date(2024, 12, 31),
        responsible=f"项目负责人{number:03d}",
        funding=(FundingLine(FundingSource.OWN, budget, budget, executed),),
        targets=TargetSet(
            uid,
            f"完成项目{number:03d}年度工作任务，服务职工不少于600人次。",
            indicators=_large_indicators(uid, indicators),
        ),
    )


def _large_budget(projects: Sequence[Project]) -> tuple[BudgetLine, ...]:
    approved = dict.fromkeys(_LARGE_CATEGORIES, ZERO)
    executed = dict.fromkeys(_LARGE_CATEGORIES, ZERO)
    for project in projects:
        approved[project.category_code] += project.full_year_budget
        executed[project.category_code] += project.executed
    lines = [
        BudgetLine(code, budget=round2(approved[code] * D("1.05")), executed=executed[code])
        for code in _LARGE_CATEGORIES
    ]
    total = sum((line.approved for line in lines), ZERO)
    shares = (("401", "0.20"), ("402", "0.62"), ("403", "0.05"), ("405", "0.12"), ("408", "0.01"))
    revenue = [
        BudgetLine(code, budget=round2(total * D(share)), executed=round2(total * D(share)))
        for code, share in shares
    ]
    return (*revenue, *lines)


def _large_actual(indicator: Indicator) -> Decimal:
    """A deterministic year-end actual between 78 % and 127 % of the target."""
    assert indicator.target is not None
    seed = sum(ord(char) for char in indicator.uid)
    if indicator.operator.is_reverse:
        return round2(indicator.target * D(90 + seed % 25) / 100)
    actual = round2(indicator.target * D(78 + seed % 50) / 100)
    return min(actual, D(100)) if indicator.unit == "%" else actual


def _large_tier(indicator: Indicator) -> Tier:
    return (ACHIEVED, PARTIAL, ACHIEVED, NOT_ACHIEVED)[sum(map(ord, indicator.uid)) % 4]


def _large_progress(
    indicator: Indicator, point: MonitoringPoint, rule: MonitoringRule
) -> IndicatorProgress:
    month = point.cutoff.month
    if indicator.operator is Operator.QUALITATIVE:
        tier = _large_tier(indicator) if month == _MONTHS else PARTIAL
        progress = IndicatorProgress(indicator.uid, tier=tier, forecast_text=TIER_LABELS[tier])
    else:
        final = _large_actual(indicator)
        # A rate (覆盖率, 满意度) is reported as it stands; counts and amounts accumulate.
        rate = indicator.unit.strip() in RATE_UNITS
        share = D(month) / _MONTHS if rule is MonitoringRule.PRORATED and not rate else D(1)
        progress = IndicatorProgress(indicator.uid, actual=round2(final * share), forecast=final)
    if traffic_light(indicator, rule, progress, point.cutoff) not in _WARNING_LIGHTS:
        return progress
    category, text, measure = _LARGE_REASONS[month % len(_LARGE_REASONS)]
    return replace(
        progress, reasons=(DeviationReason(category, text),), likelihood=POSSIBLE, measure=measure
    )


def _large_entry(
    data: YearData, point: MonitoringPoint, targets: TargetSet, budget: Decimal, executed: Decimal
) -> MonitoringEntry:
    month = point.cutoff.month
    spent = round2(executed * month / _MONTHS)
    lags = execution_lags(spent, budget, point.cutoff, data.settings.lag_points)
    return MonitoringEntry(
        point_uid=point.uid,
        owner_uid=targets.owner_uid,
        executed=spent,
        forecast=executed,
        progress_text=f"1–{month}月按计划推进，累计执行{spent}元。",
        lag_reason="部分支出按合同约定在验收后结算，执行进度暂时落后于时间进度" if lags else "",
        progress=tuple(
            _large_progress(item, point, _rule(data.framework, item)) for item in targets.indicators
        ),
    )


def _large_evaluation(targets: TargetSet, budget: Decimal, executed: Decimal) -> Evaluation:
    results = []
    for indicator in targets.indicators:
        if indicator.operator is Operator.QUALITATIVE:
            tier = _large_tier(indicator)
            share = {ACHIEVED: D("0.9"), PARTIAL: D("0.7"), NOT_ACHIEVED: D("0.5")}[tier]
            points = indicator.points or ZERO
            deviation, improvement = _large_deviation(indicator, None)
            results.append(
                IndicatorResult(
                    indicator.uid,
                    tier=tier,
                    score=round2(points * share),
                    actual_text=TIER_LABELS[tier],
                    deviation=deviation,
                    improvement=improvement,
                )
            )
            continue
        actual = _large_actual(indicator)
        deviation, improvement = _large_deviation(indicator, actual)
        results.append(
            IndicatorResult(
                indicator.uid, actual=actual, deviation=deviation, improvement=improvement
            )
        )
    return Evaluation(
        targets.owner_uid,
        tuple(results),
        "年度主要任务基本完成。",
        "评价结果作为下年度预算安排的依据。",
        execution_analysis=_large_execution_analysis(targets.owner_uid, budget, executed),
    )


def _large_deviation(indicator: Indicator, actual: Decimal | None) -> tuple[str, str]:
    """(deviation, improvement) where the result misses or far exceeds the target, else empty."""
    target = indicator.target
    if actual is not None and target is not None:
        missed = actual > target if indicator.operator.is_reverse else actual < target
        exceeded = not indicator.operator.is_reverse and actual >= target * D("1.2")
        if not (missed or exceeded):
            return "", ""
    _, text, measure = _LARGE_REASONS[sum(map(ord, indicator.uid)) % len(_LARGE_REASONS)]
    return f"{text}。", f"下年度{measure}。"


def _large_execution_analysis(owner: str, budget: Decimal, executed: Decimal) -> str:
    """Why the funds were not fully spent, when executed < budget, else ``""``."""
    rate = execution_rate(executed, budget)
    if rate is None or executed >= budget:
        return ""
    why, measure = _LARGE_UNSPENT[sum(map(ord, owner)) % len(_LARGE_UNSPENT)]
    return f"预算执行率{rate * 100:.2f}%，结余{budget - executed:.2f}元：{why}；{measure}。"
