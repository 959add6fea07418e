"""事前绩效评估: which projects need one, what makes it complete and positive, the sign-off gate."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from tests.domain.test_validation import TARGET_STAGE, _assessed, clean_year
from unionperf.domain.assessment import (
    Conclusion,
    ExAnteAssessment,
    assessment_budget,
    missing_fields,
    requires_assessment,
)
from unionperf.domain.budget import FundingLine, FundingSource, ProjectAttribute
from unionperf.domain.deleted_project import snapshot_project, with_restored
from unionperf.domain.problems import ProblemCode
from unionperf.domain.settings import RuleSettings
from unionperf.domain.validation import check_stage, signoff_blockers
from unionperf.domain.year_edits import with_assessment, without_project

D = Decimal


def _project(initial: int, adjusted: int, attribute: ProjectAttribute = ProjectAttribute.NEW):
    project = clean_year().projects[0]
    line = FundingLine(FundingSource.OWN, D(initial), D(adjusted))
    return replace(project, funding=(line,), attribute=attribute)


@pytest.mark.parametrize(
    ("initial", "adjusted", "threshold", "needed"),
    [
        (200000, 200000, 200000, True),  # at the threshold
        (199999, 199999, 200000, False),  # just below
        (150000, 200000, 200000, True),  # the full-year budget reaches it
        (200000, 150000, 200000, True),  # the initial budget reached it (cut later)
        (900000, 900000, 0, False),  # 0: no assessment asked for
    ],
)
def test_a_new_project_at_or_above_the_threshold_needs_an_assessment(
    initial, adjusted, threshold, needed
):
    project = _project(initial, adjusted)
    assert assessment_budget(project) == D(max(initial, adjusted))
    assert requires_assessment(project, D(threshold)) is needed


def test_a_continuing_project_needs_none_however_large():
    project = _project(900000, 900000, ProjectAttribute.CONTINUING)
    assert not requires_assessment(project, D(1))


def test_missing_fields_are_named_in_form_order_and_blanks_count_as_empty():
    record = ExAnteAssessment("p1", necessity="有", feasibility=" \n", conclusion=Conclusion.PASS)
    assert missing_fields(record) == [
        "feasibility",
        "expected_performance",
        "funding_soundness",
        "risks",
        "assessor",
        "assessed_on",
        "evidence",
    ]


@pytest.mark.parametrize("conclusion", [Conclusion.PASS, Conclusion.PASS_ADJUSTED])
def test_a_complete_positive_assessment_clears_the_rule(conclusion):
    data = _assessed(conclusion=conclusion)
    assert check_stage(data, TARGET_STAGE) == []


def test_without_the_setting_no_assessment_is_asked_for():
    data = replace(_assessed(), settings=RuleSettings(), assessments=())
    assert check_stage(data, TARGET_STAGE) == []


def test_the_missing_assessment_stops_the_targets_sign_off_and_names_the_amounts():
    data = replace(_assessed(), assessments=())
    [blocker] = signoff_blockers(data, TARGET_STAGE)
    assert blocker.code is ProblemCode.ASSESSMENT_MISSING
    assert "220,000.00元" in blocker.message
    assert "200,000.00元" in blocker.message
    assert blocker.where.label.endswith("› 事前绩效评估")


def test_a_rejected_assessment_blocks_even_when_complete():
    data = _assessed(conclusion=Conclusion.REJECT)
    codes = [problem.code for problem in signoff_blockers(data, TARGET_STAGE)]
    assert codes == [ProblemCode.ASSESSMENT_NOT_POSITIVE]


def test_an_incomplete_rejection_reports_both_problems():
    data = _assessed(conclusion=Conclusion.REJECT, evidence="")
    codes = sorted(problem.code for problem in check_stage(data, TARGET_STAGE))
    assert codes == [ProblemCode.ASSESSMENT_NOT_POSITIVE, ProblemCode.ASSESSMENT_INCOMPLETE]


def test_an_empty_conclusion_is_incomplete_not_rejected():
    data = _assessed(conclusion=None)
    [problem] = check_stage(data, TARGET_STAGE)
    assert problem.code is ProblemCode.ASSESSMENT_INCOMPLETE
    assert problem.where.field == "conclusion"
    assert "“评估结论”" in problem.message


def test_an_assessment_goes_and_comes_back_with_its_project():
    data = _assessed()
    snapshot = snapshot_project(data, "p1")
    assert snapshot is not None
    gone = without_project(data, "p1")
    assert gone.assessments == ()
    assert with_restored(gone, snapshot).assessment_of("p1") == data.assessment_of("p1")


def test_with_assessment_replaces_the_record_of_the_same_project():
    data = _assessed()
    changed = replace(data.assessments[0], assessed_on=date(2023, 12, 1))
    assert with_assessment(data, changed).assessments == (changed,)
