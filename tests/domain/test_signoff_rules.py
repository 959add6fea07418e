"""Domain sign-off rules: what stops a sign-off, G002 during an adjustment, step 4's status."""

from __future__ import annotations

from dataclasses import replace

from tests.domain.test_validation import (
    EVALUATION_STAGE,
    MONITORING_STAGE,
    TARGET_STAGE,
    _project,
    _targets,
    clean_year,
)
from unionperf.domain import validation
from unionperf.domain.cycle import Step, StepStatus, step_statuses
from unionperf.domain.problems import ProblemCode, Severity
from unionperf.domain.settings import SignoffRole
from unionperf.domain.validation import check_stage, check_year
from unionperf.domain.year import YearData


def _without(data: YearData, stage: str, *roles: SignoffRole) -> YearData:
    kept = tuple(s for s in data.signoffs if s.stage != stage or s.role not in roles)
    return replace(data, signoffs=kept)


def test_a_clean_stage_has_nothing_that_stops_its_sign_off():
    data = replace(clean_year(), signoffs=())
    for stage in (TARGET_STAGE, MONITORING_STAGE, EVALUATION_STAGE):
        assert validation.signoff_blockers(data, stage) == []


def test_targets_without_indicators_stop_the_sign_off_of_the_targets():
    data = _targets(indicators=())
    codes = [problem.code for problem in validation.signoff_blockers(data, TARGET_STAGE)]
    assert ProblemCode.TARGET_NO_INDICATORS in codes
    assert all(p.severity is Severity.HARD for p in validation.signoff_blockers(data, TARGET_STAGE))


def test_soft_problems_and_missing_sign_offs_do_not_stop_a_sign_off():
    data = replace(_project(responsible=" "), signoffs=())
    codes = {p.code for p in check_stage(data, TARGET_STAGE)}
    assert ProblemCode.PROJECT_RESPONSIBLE_MISSING in codes
    assert ProblemCode.SIGNOFF_MISSING in codes
    assert validation.signoff_blockers(data, TARGET_STAGE) == []


def test_an_adjusted_stage_asks_again_for_the_withdrawn_sign_offs():
    data = _without(clean_year(), "targets", SignoffRole.CHAIR, SignoffRole.AUDIT_CHAIR)
    first = {(p.code, p.where.field) for p in check_year(data)}
    assert first == {
        (ProblemCode.SIGNOFF_MISSING, "chair"),
        (ProblemCode.SIGNOFF_MISSING, "audit_chair"),
    }
    again = [p for p in check_year(data, {"targets"})]
    assert {(p.code, p.where.field) for p in again} == {
        (ProblemCode.SIGNOFF_AGAIN, "chair"),
        (ProblemCode.SIGNOFF_AGAIN, "audit_chair"),
    }
    assert again[0].message.startswith("绩效目标正在调整，调整后须由")
    assert "重新签字确认" in again[0].message


def test_monitoring_is_not_done_while_its_point_lacks_the_chairs_sign_off():
    data = clean_year()
    assert step_statuses(data, [], set())[Step.MONITORING] is StepStatus.DONE
    unsigned = _without(data, MONITORING_STAGE.name, SignoffRole.CHAIR)
    assert step_statuses(unsigned, [], set())[Step.MONITORING] is StepStatus.IN_PROGRESS
    adjusting = step_statuses(data, [], set(), {MONITORING_STAGE.name})
    assert adjusting[Step.MONITORING] is StepStatus.IN_PROGRESS
