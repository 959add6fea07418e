"""Step statuses of the yearly cycle, and the in-memory year edits the window relies on."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from unionperf.demo.data import demo_years
from unionperf.domain import year_edits as edits
from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.cycle import Step, StepStatus, chair_signed, step_for_section, step_statuses
from unionperf.domain.evaluation import IndicatorResult
from unionperf.domain.problems import Section
from unionperf.domain.settings import SignoffRole
from unionperf.domain.unit import UnitProfile
from unionperf.domain.validation.checks import check_year
from unionperf.domain.year import Explanation, Signoff, YearData


def _demo() -> YearData:
    return next(data for data in demo_years() if data.year == 2024)


def test_an_empty_year_has_every_step_but_the_unit_not_started():
    data = YearData(year=2024, unit=UnitProfile(name="某工会", credit_code=""))
    statuses = step_statuses(data, check_year(data), set())
    assert statuses[Step.UNIT] is StepStatus.IN_PROGRESS  # named, but the credit code is wrong
    for step in (Step.BUDGET, Step.TARGETS, Step.MONITORING, Step.EVALUATION, Step.SUBMIT):
        assert statuses[step] is StepStatus.NOT_STARTED
    assert step_statuses(None, [], set()) == dict.fromkeys(Step, StepStatus.NOT_STARTED)


def test_demo_year_is_done_and_submission_marks_its_steps():
    data = _demo()
    statuses = step_statuses(data, check_year(data), set())
    assert statuses[Step.TARGETS] is StepStatus.DONE
    assert statuses[Step.SUBMIT] is StepStatus.NOT_STARTED
    sent = step_statuses(data, check_year(data), {"targets", "self-evaluation"})
    assert sent[Step.TARGETS] is StepStatus.SUBMITTED
    assert sent[Step.EVALUATION] is StepStatus.SUBMITTED
    assert sent[Step.SUBMIT] is StepStatus.SUBMITTED


def test_targets_without_the_chairs_signoff_are_in_progress():
    data = _demo()
    unsigned = edits.without_signoff(data, "targets")
    assert not chair_signed(unsigned, "targets")
    assert step_statuses(unsigned, [], set())[Step.TARGETS] is StepStatus.IN_PROGRESS
    signed = edits.with_signoff(
        unsigned, Signoff("targets", SignoffRole.CHAIR, "张主席", date(2024, 1, 10))
    )
    assert chair_signed(signed, "targets")


def test_every_problem_section_opens_a_step():
    assert {step_for_section(section) for section in Section} <= set(Step)
    assert step_for_section(Section.PROJECT) is Step.BUDGET
    assert step_for_section(Section.SIGNOFF) is Step.SUBMIT


def test_year_edits_replace_one_item_and_keep_the_rest():
    data = _demo()
    project = data.projects[0]
    renamed = edits.with_project(data, replace(project, name="新名称"))
    assert renamed.projects[0].name == "新名称"
    assert renamed.projects[1:] == data.projects[1:]
    removed = edits.without_project(data, project.uid)
    assert removed.project(project.uid) is None
    assert all(entry.owner_uid != project.uid for entry in removed.monitoring)
    indicator = project.targets.indicators[0]
    moved = edits.with_indicator(data, project.uid, replace(indicator, target=Decimal("7")))
    assert moved.project(project.uid).targets.indicators[0].target == Decimal("7")
    dropped = edits.without_indicator(data, project.uid, indicator.uid)
    assert indicator.uid not in {
        item.uid for item in dropped.project(project.uid).targets.indicators
    }
    restored = edits.with_indicator(dropped, project.uid, indicator, 0)
    assert restored.project(project.uid).targets.indicators == project.targets.indicators
    result = IndicatorResult(indicator_uid=indicator.uid, actual=Decimal("1"))
    scored = edits.with_result(data, project.uid, result)
    assert result in scored.evaluation_of(project.uid).results
    line = replace(data.budget[-1], budget=Decimal("1"))
    assert edits.with_budget_line(data, line).budget[-1] == line
    explained = edits.with_explanation(data, Explanation("k", "说明"))
    assert explained.explanation_for("k") == "说明"
    assert edits.with_explanation(explained, Explanation("k", " ")).explanation_for("k") == ""
    assert (
        edits.with_targets(
            data, replace(data.unit_targets, annual_goal="目标")
        ).unit_targets.annual_goal
        == "目标"
    )
    assert edits.with_indicator(data, "missing", indicator) is data
    assert data.unit_targets.owner_uid == UNIT_OWNER


def test_a_signed_stage_with_an_adjustment_open_is_in_progress():
    data = _demo()
    assert chair_signed(data, "targets")
    statuses = step_statuses(data, [], set(), adjusting={"targets"})
    assert statuses[Step.TARGETS] is StepStatus.IN_PROGRESS
    assert statuses[Step.EVALUATION] is StepStatus.DONE
