"""Which rules run for which stage, and the year-wide check."""

from __future__ import annotations

from collections.abc import Set
from decimal import Decimal

from unionperf.domain.budget import UNIT_OWNER, TargetSet
from unionperf.domain.categories import Flow
from unionperf.domain.money import ZERO
from unionperf.domain.problems import Location, Problem, ProblemCode, Section, Severity
from unionperf.domain.scoring import RememberedScores, Scorer, score_targets
from unionperf.domain.settings import SIGNOFF_LABELS
from unionperf.domain.validation.assessment_rules import check_assessments
from unionperf.domain.validation.budget_rules import check_budget, check_projects, is_exempt
from unionperf.domain.validation.evaluation_rules import check_evaluation
from unionperf.domain.validation.monitoring_rules import check_point
from unionperf.domain.validation.multi_year_rules import check_multi_year
from unionperf.domain.validation.profile_rules import check_unit, check_weights
from unionperf.domain.validation.revenue_rules import check_arrivals
from unionperf.domain.validation.target_rules import check_targets
from unionperf.domain.year import STAGE_LABELS, Stage, StageKind, YearData


def target_sets(data: YearData) -> list[TargetSet]:
    """The target sets that must be filled: every non-exempt project, and the unit if enabled."""
    sets = [project.targets for project in data.projects if not is_exempt(data, project)]
    if data.settings.unit_wide:
        sets.append(data.unit_targets)
    return sets


def active_stages(data: YearData) -> list[Stage]:
    """The stages a year has reached: targets always, each point with data, the evaluation."""
    stages = [Stage(StageKind.TARGETS)]
    for point in sorted(data.points, key=lambda item: item.cutoff):
        if any(entry.point_uid == point.uid for entry in data.monitoring) or any(
            item.point_uid == point.uid for item in data.arrivals
        ):
            stages.append(Stage(StageKind.MONITORING, point.cutoff))
    evaluated = any(evaluation.results for evaluation in data.evaluations) or any(
        line.executed > ZERO for line in data.budget
    )
    if evaluated:
        stages.append(Stage(StageKind.SELF_EVALUATION))
    return stages


def check_stage(
    data: YearData,
    stage: Stage,
    *,
    signoffs: bool = True,
    adjusting: Set[str] = frozenset(),
    scorer: Scorer = score_targets,
) -> list[Problem]:
    """Every problem that must be settled before ``stage`` is submitted.

    ``adjusting`` names the stages with an adjustment open: their missing sign-offs are asked
    for again (G002) rather than for the first time. ``scorer`` scores the self-evaluations
    (one that remembers lets the caller score the year afterwards without scoring it again).
    """
    problems = list(_LAST_YEAR.rules(data, stage, scorer))
    if signoffs:
        problems += check_signoffs(data, stage, adjusting=stage.name in adjusting)
        return _unique(problems)
    return problems


def _stage_rules(data: YearData, stage: Stage, scorer: Scorer) -> list[Problem]:
    """The rules of ``stage`` without its sign-offs, each problem once."""
    problems = check_unit(data) + check_weights(data) + check_budget(data) + check_projects(data)
    problems += check_assessments(data)
    problems += check_multi_year(data)
    sets = target_sets(data)
    is_evaluation = stage.kind is StageKind.SELF_EVALUATION
    for targets in sets:
        problems += check_targets(data, targets, points_hard=is_evaluation)
    if stage.kind is StageKind.MONITORING:
        point = next((p for p in data.points if p.cutoff == stage.cutoff), None)
        if point is not None:
            problems += check_point(data, point, sets)
            problems += check_arrivals(data, point)
    if is_evaluation:
        for targets in sets:
            budget, executed = _funds_of(data, targets.owner_uid)
            problems += check_evaluation(data, targets, budget, executed, scorer)
    return _unique(problems)


_Held = tuple[YearData, dict[Stage, tuple[Problem, ...]], RememberedScores]
"""The year held, its rule results by stage, and the scores its checks computed."""


class _LastYear:
    """The rule results of the last year checked, by stage.

    The same immutable year is checked several times in a row (the window's problem list,
    then a step's sign-off panel and checklist as it opens; an export's checks and its
    package.json), and on a large unit each check costs tens of milliseconds.

    The year is held by identity: a :class:`YearData` never changes, an edit makes a new one,
    which starts afresh. Only the last year is held (the one the window shows). Threads may
    share it: at worst two compute the same result.

    With the year, the scores its self-evaluation check computed are kept (a
    :class:`RememberedScores`), so that scoring the same year afterwards (the evaluation step's
    owner list) does not score every target set again.
    """

    def __init__(self) -> None:
        self._held: _Held | None = None

    def _of(self, data: YearData) -> _Held:
        held = self._held
        if held is None or held[0] is not data:
            held = self._held = (data, {}, RememberedScores())
        return held

    def rules(self, data: YearData, stage: Stage, scorer: Scorer) -> tuple[Problem, ...]:
        # ``scorer`` only computes (any gives the same scores): the results are held by year
        # and stage alone.
        held = self._of(data)
        found = held[1].get(stage)
        if found is None:
            if scorer is score_targets:  # keep what it scores for scoring the year afterwards
                scorer = held[2]
            found = held[1][stage] = tuple(_stage_rules(data, stage, scorer))
        return found

    def scorer(self, data: YearData) -> Scorer:
        """The remembering scorer of ``data`` when it is held, else :func:`score_targets`."""
        held = self._held
        return held[2] if held is not None and held[0] is data else score_targets


_LAST_YEAR = _LastYear()


def year_scorer(data: YearData) -> Scorer:
    """A scorer for ``data`` that reuses the scores its checks computed (the last year checked).

    ``score_year(data, year_scorer(data))`` equals ``score_year(data)``; when the year's
    self-evaluation was just checked (the window checks the year it opens), no target set is
    scored again. For any other year it is :func:`score_targets`.
    """
    return _LAST_YEAR.scorer(data)


def check_year(data: YearData, adjusting: Set[str] = frozenset()) -> list[Problem]:
    """Every problem of every stage the year has reached (what ``unionperf check`` prints)."""
    problems: list[Problem] = []
    for stage in active_stages(data):
        problems += check_stage(data, stage, adjusting=adjusting)
    return _unique(problems)


def signoff_blockers(data: YearData, stage: Stage) -> list[Problem]:
    """The hard problems that stop any role from signing ``stage`` off (sign-offs aside).

    A stage is signed off as finished: while one of these is open nobody may sign it, so the
    chair never locks targets that still miss indicators.
    """
    return [
        problem
        for problem in check_stage(data, stage, signoffs=False)
        if problem.severity is Severity.HARD
    ]


def check_signoffs(data: YearData, stage: Stage, *, adjusting: bool = False) -> list[Problem]:
    """Each required role has signed the stage off (domain.md §6.4, §9).

    During an adjustment (``adjusting``) the withdrawn sign-offs are asked for again (G002).
    """
    done = data.signoffs_for(stage.name)
    code = ProblemCode.SIGNOFF_AGAIN if adjusting else ProblemCode.SIGNOFF_MISSING
    problems = []
    for role in data.settings.required_signoffs:
        if role in done:
            continue
        stage_label = STAGE_LABELS[stage.kind]
        if stage.cutoff is not None:
            stage_label += f"（{stage.cutoff.isoformat()}）"
        where = Location(
            Section.SIGNOFF,
            "",
            stage.name,
            role.value,
            f"签字确认 › {stage_label} › {SIGNOFF_LABELS[role]}",
        )
        params = {"stage": stage_label, "role": SIGNOFF_LABELS[role]}
        problems.append(Problem(code, where, params))
    return problems


def blocking_problems(data: YearData, problems: list[Problem]) -> list[Problem]:
    """The problems that stop an export: hard ones, and soft ones without a written explanation."""
    return [
        problem
        for problem in problems
        if problem.severity is Severity.HARD or not data.explanation_for(problem.key).strip()
    ]


def _funds_of(data: YearData, owner_uid: str) -> tuple[Decimal, Decimal]:
    if owner_uid == UNIT_OWNER:
        return data.flow_total(Flow.EXPENDITURE), data.flow_total(Flow.EXPENDITURE, "executed")
    project = data.project(owner_uid)
    if project is None:
        return ZERO, ZERO
    return project.full_year_budget, project.executed


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: dict[str, Problem] = {}
    for problem in problems:
        seen.setdefault(problem.key, problem)
    return list(seen.values())
