"""What the review shows of a project's 事前绩效评估 (ex-ante assessment, seed §二.4).

The assessment is its own item (path ``项目/<project>/事前绩效评估``) so the upper level can attach
an opinion to it; the project's own values carry the conclusion in one line as well.
"""

from __future__ import annotations

from unionperf.domain.assessment import (
    ASSESSMENT_FIELDS,
    CONCLUSION_LABELS,
    ExAnteAssessment,
    assessment_budget,
    requires_assessment,
)
from unionperf.domain.budget import Project
from unionperf.domain.year import YearData
from unionperf.services.upper.review_values import Values, add, money

_TEXTS = ("necessity", "feasibility", "expected_performance", "funding_soundness", "risks")


def conclusion_text(assessment: ExAnteAssessment) -> str:
    """通过, 调整后通过 or 不予通过 (``（未填写）`` when the unit left it empty)."""
    if assessment.conclusion is None:
        return "（未填写）"
    return CONCLUSION_LABELS[assessment.conclusion]


def assessment_values(data: YearData, project: Project) -> Values:
    """The assessment's conclusion, assessor, date and key texts (empty: no assessment)."""
    values: Values = []
    assessment = data.assessment_of(project.uid)
    if assessment is None:
        return values
    add(values, "conclusion", ASSESSMENT_FIELDS["conclusion"], conclusion_text(assessment))
    add(values, "assessor", ASSESSMENT_FIELDS["assessor"], assessment.assessor)
    add(
        values,
        "assessed_on",
        ASSESSMENT_FIELDS["assessed_on"],
        assessment.assessed_on.isoformat() if assessment.assessed_on else "",
    )
    add(values, "budget", "项目预算数（元）", money(assessment_budget(project)))
    threshold = data.settings.assessment_threshold
    add(
        values,
        "required",
        "新增重大项目",
        "是（达到金额门槛）" if requires_assessment(project, threshold) else "否（自愿评估）",
    )
    for name in _TEXTS:
        add(values, name, ASSESSMENT_FIELDS[name], getattr(assessment, name))
    add(values, "evidence", ASSESSMENT_FIELDS["evidence"], assessment.evidence)
    return values


def assessment_summary(data: YearData, project: Project) -> Values:
    """The project's own line on its assessment: the conclusion (nothing without one)."""
    values: Values = []
    assessment = data.assessment_of(project.uid)
    if assessment is not None:
        add(values, "ex_ante", "事前绩效评估结论", conclusion_text(assessment))
    return values
