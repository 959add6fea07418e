"""The worked self-evaluation example of domain.md §5.8, entered exactly as written there."""

from __future__ import annotations

from decimal import Decimal

from unionperf.domain.budget import FundingLine, FundingSource, Project, TargetSet
from unionperf.domain.evaluation import Evaluation, IndicatorResult
from unionperf.domain.indicators import Indicator, Operator, Tier

D = Decimal

OUT, BEN, SAT = "产出指标", "效益指标", "满意度指标"

INDICATORS = (
    Indicator(
        "i1", OUT, "数量指标", "举办职工文体活动场次", Operator.GE, D(12), unit="场", points=D(15)
    ),
    Indicator(
        "i2", OUT, "数量指标", "参与职工人次", Operator.GE, D(1500), unit="人次", points=D(10)
    ),
    Indicator(
        "i3", OUT, "质量指标", "活动安全责任事故", Operator.EQ, D(0), unit="起", points=D(10)
    ),
    Indicator(
        "i4", OUT, "时效指标", "活动按计划时间完成率", Operator.GE, D(95), unit="%", points=D(5)
    ),
    Indicator(
        "i5", OUT, "成本指标", "人均活动成本", Operator.LE, D(130), unit="元/人次", points=D(10)
    ),
    Indicator(
        "i6", BEN, "社会效益指标", "会员参与覆盖率", Operator.GE, D(80), unit="%", points=D(15)
    ),
    Indicator(
        "i7",
        BEN,
        "可持续影响指标",
        "文体活动长效机制建设",
        Operator.QUALITATIVE,
        target_text="建立常态化活动制度",
        points=D(15),
    ),
    Indicator(
        "i8",
        SAT,
        "服务对象满意度指标",
        "参与职工满意度",
        Operator.GE,
        D(90),
        unit="%",
        points=D(10),
    ),
)

RESULTS = (
    IndicatorResult(
        "i1",
        actual=D(10),
        deviation="受场馆改造影响，下半年2场活动取消（硬件条件保障）",
        improvement="下年度将提前锁定场地，并将指标值按历史三年平均调整为≥11场。",
    ),
    IndicatorResult("i2", actual=D(1620)),
    IndicatorResult("i3", actual=D(0)),
    IndicatorResult("i4", actual=D(100)),
    IndicatorResult("i5", actual=D("126.30")),
    IndicatorResult(
        "i6",
        actual=D(76),
        deviation="部分车间倒班，参与受限（人员保障）",
        improvement="下年度在倒班车间开设班后小型活动，按班组统计参与情况并每季度通报。",
    ),
    IndicatorResult(
        "i7",
        tier=Tier.PARTIAL,
        score=D("10.50"),
        actual_text="已制定制度，尚未常态化",
        deviation="制度已建立但执行不足（制度保障）",
        improvement="将兴趣小组活动情况纳入车间工会年度考核，次年上半年实现常态化。",
    ),
    IndicatorResult("i8", actual=D(93)),
)


def project() -> Project:
    """2024年职工文体活动经费: A = 22.00万 (20.00万 + 2.00万), B = 20.46万."""
    return Project(
        uid="p1",
        code="P001",
        name="2024年职工文体活动经费",
        category_code="501",
        responsible="张敏",
        funding=(FundingLine(FundingSource.OWN, D(200000), D(220000), D(204600)),),
        targets=TargetSet(
            "p1", annual_goal="全年举办职工文体活动不少于12场", indicators=INDICATORS
        ),
    )


def evaluation() -> Evaluation:
    """The results of the worked example."""
    return Evaluation(
        "p1",
        RESULTS,
        execution_analysis="部分活动物资采购结余，执行率93%；下年度细化预算测算",
    )
