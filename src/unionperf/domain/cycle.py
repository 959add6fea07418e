"""The six steps of the yearly cycle and the status the window shows on each (product.md §2)."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from unionperf.domain.problems import Problem, Section
from unionperf.domain.settings import SignoffRole
from unionperf.domain.year import StageKind, YearData

__all__ = [
    "STEP_SECTIONS",
    "Step",
    "StepStatus",
    "chair_signed",
    "step_for_section",
    "step_statuses",
]


class Step(StrEnum):
    """A step of the grassroots yearly cycle, in the order the navigator shows them."""

    UNIT = "unit"
    BUDGET = "budget"
    TARGETS = "targets"
    MONITORING = "monitoring"
    EVALUATION = "evaluation"
    SUBMIT = "submit"


class StepStatus(StrEnum):
    """未开始 / 进行中 / 已完成 / 已报送."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    SUBMITTED = "submitted"


STEP_SECTIONS: dict[Step, frozenset[Section]] = {
    Step.UNIT: frozenset({Section.UNIT}),
    Step.BUDGET: frozenset({Section.BUDGET, Section.PROJECT, Section.SETTINGS}),
    Step.TARGETS: frozenset({Section.TARGETS}),
    Step.MONITORING: frozenset({Section.MONITORING}),
    Step.EVALUATION: frozenset({Section.EVALUATION}),
    Step.SUBMIT: frozenset({Section.SIGNOFF}),
}
"""Which problems each step answers for (a problem's section opens its step)."""

_STAGE_OF_STEP = {
    Step.TARGETS: StageKind.TARGETS.value,
    Step.EVALUATION: StageKind.SELF_EVALUATION.value,
}


def step_for_section(section: Section) -> Step:
    """The step whose editor holds fields of ``section``."""
    return next(step for step, sections in STEP_SECTIONS.items() if section in sections)


def chair_signed(data: YearData, stage: str) -> bool:
    """Whether the chair has signed the stage off."""
    return SignoffRole.CHAIR in data.signoffs_for(stage)


def step_statuses(
    data: YearData | None,
    problems: Iterable[Problem],
    submitted: Iterable[str],
    adjusting: Iterable[str] = (),
) -> dict[Step, StepStatus]:
    """Each step's status from the year, its problems and the stages submitted or adjusted.

    A step is *not started* while it holds nothing, *in progress* while it has a problem (or,
    for targets, each monitoring point with figures and the self-evaluation, lacks the chair's
    sign-off or has an adjustment open),
    *done* otherwise, and *submitted* once its stage has been exported in a package.
    """
    if data is None:
        return {step: StepStatus.NOT_STARTED for step in Step}
    open_sections = {problem.where.section for problem in problems}
    sent = set(submitted)
    reopened = set(adjusting)
    started = _started(data)
    statuses: dict[Step, StepStatus] = {}
    for step in Step:
        if step is Step.SUBMIT:
            continue
        if not started[step]:
            statuses[step] = StepStatus.NOT_STARTED
        elif open_sections & STEP_SECTIONS[step] or _awaits_signoff(data, step, reopened):
            statuses[step] = StepStatus.IN_PROGRESS
        else:
            statuses[step] = StepStatus.DONE
        stage = _STAGE_OF_STEP.get(step)
        if stage in sent or (step is Step.MONITORING and _any_monitoring_sent(sent)):
            statuses[step] = StepStatus.SUBMITTED
    statuses[Step.SUBMIT] = _submit_status(sent)
    return statuses


def _started(data: YearData) -> dict[Step, bool]:
    has_targets = bool(data.unit_targets.indicators) or any(
        project.targets.indicators for project in data.projects
    )
    return {
        Step.UNIT: bool(data.unit.name.strip()),
        Step.BUDGET: bool(data.budget) or bool(data.projects),
        Step.TARGETS: has_targets,
        Step.MONITORING: bool(data.points) and bool(data.monitoring),
        Step.EVALUATION: any(item.results for item in data.evaluations),
        Step.SUBMIT: True,
    }


def _awaits_signoff(data: YearData, step: Step, adjusting: set[str]) -> bool:
    if step is Step.MONITORING:
        stages = _monitoring_stages(data)
    else:
        stage = _STAGE_OF_STEP.get(step)
        stages = [stage] if stage is not None else []
    return any(not chair_signed(data, stage) or stage in adjusting for stage in stages)


def _monitoring_stages(data: YearData) -> list[str]:
    """The stage names of the monitoring points that hold figures (each is signed off)."""
    entered = {entry.point_uid for entry in data.monitoring}
    return [point.stage for point in data.points if point.uid in entered]


def _any_monitoring_sent(sent: set[str]) -> bool:
    return any(stage.startswith(StageKind.MONITORING.value) for stage in sent)


def _submit_status(sent: set[str]) -> StepStatus:
    if StageKind.SELF_EVALUATION.value in sent:
        return StepStatus.SUBMITTED
    return StepStatus.IN_PROGRESS if sent else StepStatus.NOT_STARTED
