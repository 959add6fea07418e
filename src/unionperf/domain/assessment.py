"""事前绩效评估 (ex-ante performance assessment, seed §二.4) of a new major project.

The seed asks that a new major project be assessed before it gets a budget, the result being
"an important basis" for the budget decision (“在新提出安排重大项目时开展事前绩效评估，并将评估
结果作为申请预算和预算安排的重要依据”). A project is *major* here when it is new (新增项目) and its
budget — the larger of 年初预算数 and 全年预算数 — is at or above the rule setting
``RuleSettings.assessment_threshold`` (0: no assessment asked for); the upper level may send that
setting down in its parameter package.

Such a project needs one assessment record, complete and positive (通过 or 调整后通过), before the
targets stage can be signed off: a hard rule (problems A001–A003).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from unionperf.domain.budget import Project, ProjectAttribute
from unionperf.domain.money import ZERO

__all__ = [
    "ASSESSMENT_FIELDS",
    "ASSESSMENT_ITEM",
    "CONCLUSION_LABELS",
    "Conclusion",
    "ExAnteAssessment",
    "assessment_budget",
    "missing_fields",
    "requires_assessment",
]

ASSESSMENT_ITEM = "assessment"
"""The item of a problem location on a project's assessment (``Location.item_uid``)."""


class Conclusion(StrEnum):
    """评估结论."""

    PASS = "pass"
    PASS_ADJUSTED = "pass_adjusted"
    REJECT = "reject"


CONCLUSION_LABELS = {
    Conclusion.PASS: "通过",
    Conclusion.PASS_ADJUSTED: "调整后通过",
    Conclusion.REJECT: "不予通过",
}

ASSESSMENT_FIELDS = {
    "necessity": "立项必要性",
    "feasibility": "实施可行性",
    "expected_performance": "绩效目标合理性（预期绩效）",
    "funding_soundness": "资金投入合理性",
    "risks": "主要风险及应对",
    "conclusion": "评估结论",
    "assessor": "评估人（评估机构）",
    "assessed_on": "评估日期",
    "evidence": "评估依据及佐证材料",
}
"""The record's fields in form order with their Chinese names (also the problem field names)."""


@dataclass(frozen=True, slots=True)
class ExAnteAssessment:
    """The ex-ante assessment of one project of a year (事前绩效评估表)."""

    project_uid: str
    necessity: str = ""
    """立项必要性: why the project is needed (policy basis, members' demand)."""
    feasibility: str = ""
    """实施可行性: whether it can be carried out (organisation, schedule, conditions)."""
    expected_performance: str = ""
    """预期绩效: the expected outputs and effects, and whether the targets are reasonable."""
    funding_soundness: str = ""
    """资金投入合理性: whether the amount and its sources are sound (cost basis, standards)."""
    risks: str = ""
    """主要风险及应对."""
    conclusion: Conclusion | None = None
    assessor: str = ""
    """评估人: the person or the (third-party) body that assessed."""
    assessed_on: date | None = None
    evidence: str = ""
    """评估依据及佐证材料: what the assessment rests on (minutes, quotes, surveys …)."""

    @property
    def positive(self) -> bool:
        """Whether the conclusion lets the project go ahead (通过 or 调整后通过)."""
        return self.conclusion in {Conclusion.PASS, Conclusion.PASS_ADJUSTED}


def assessment_budget(project: Project) -> Decimal:
    """The budget compared with the threshold: the larger of 年初预算数 and 全年预算数."""
    return max(project.initial_budget, project.full_year_budget)


def requires_assessment(project: Project, threshold: Decimal) -> bool:
    """Whether ``project`` is a new major project that needs an ex-ante assessment.

    A threshold of 0 (or less) asks for none; continuing projects (延续项目) were assessed when
    they were new.
    """
    return (
        threshold > ZERO
        and project.attribute is ProjectAttribute.NEW
        and assessment_budget(project) >= threshold
    )


def missing_fields(assessment: ExAnteAssessment) -> list[str]:
    """The names of the fields left empty (in form order); blanks count as empty."""
    missing = []
    for name in ASSESSMENT_FIELDS:
        value = getattr(assessment, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(name)
    return missing
