"""The demo's ex-ante assessment: 2024's largest new project, assessed before its budget.

The demo union sets the threshold at 500,000 元 (its upper level's figure); of its 2024 projects
only 节日慰问及会员集体福利 (720,000 元, new) reaches it, and its assessment — 调整后通过, the
per-member standard cut to the upper level's 900 元 — was made in November 2023, before the
budget was approved.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from unionperf.domain.assessment import Conclusion, ExAnteAssessment
from unionperf.domain.year import YearData

__all__ = ["DEMO_THRESHOLD", "with_demo_assessment"]

DEMO_THRESHOLD = Decimal(500000)
"""事前绩效评估门槛 of the demo: a new project of 50万元 or more is assessed first."""

_WELFARE_2024 = ExAnteAssessment(
    project_uid="p2024-02",
    necessity=(
        "节日慰问是《基层工会经费收支管理办法》明确的会员福利支出，2023年会员需求调查中"
        "92%的会员希望保留四个节日慰问；在册会员由760人增至820人，需新增安排。"
    ),
    feasibility=(
        "由工会办公室牵头、经审会监督，沿用2023年比价采购流程；已与两家消费帮扶供应商"
        "确认供货能力，春节前可完成首批发放。"
    ),
    expected_performance=(
        "四个节日慰问覆盖全部在册会员（≥800人），节前发放到位率100%，消费帮扶产品占比"
        "不低于20%，会员满意度不低于90%；指标与上级工会考核口径一致。"
    ),
    funding_soundness=(
        "原申报人均1,000元，超过上级工会规定的年度标准，评估后按每人每年不超过900元调整，"
        "预算由82万元调减为72万元，全部由本级工会经费安排。"
    ),
    risks=(
        "物价上涨可能压缩慰问品数量：采购前三家比价并留5%预备；会员人数变动：按发放前"
        "在册名单据实结算，结余资金不挪作他用。"
    ),
    conclusion=Conclusion.PASS_ADJUSTED,
    assessor="工会经费审查委员会（主任 王秀英）、工会财务 周丽华",
    assessed_on=date(2023, 11, 20),
    evidence="2023年会员需求调查汇总表、两家供应商报价单、工会委员会2023年第6次会议纪要",
)


def with_demo_assessment(data: YearData) -> YearData:
    """The 2024 demo year with the threshold set and its major project's assessment."""
    settings = replace(data.settings, assessment_threshold=DEMO_THRESHOLD)
    assessments = (_WELFARE_2024,) if data.project(_WELFARE_2024.project_uid) else ()
    return replace(data, settings=settings, assessments=assessments)
