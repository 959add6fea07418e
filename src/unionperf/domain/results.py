"""Scores of a whole year: every project and the unit as a whole."""

from __future__ import annotations

from dataclasses import dataclass

from unionperf.domain.budget import UNIT_OWNER, Project
from unionperf.domain.categories import Flow
from unionperf.domain.scoring import Scorer, TargetScore, score_targets
from unionperf.domain.validation.budget_rules import is_exempt
from unionperf.domain.year import YearData


@dataclass(frozen=True, slots=True)
class ProjectScore:
    """A project with its score; exempt projects (below the threshold) are scored but marked."""

    project: Project
    score: TargetScore
    exempt: bool


@dataclass(frozen=True, slots=True)
class YearScore:
    """The self-evaluation scores of a year."""

    year: int
    projects: tuple[ProjectScore, ...]
    unit: TargetScore | None
    """``None`` when the unit-wide evaluation is switched off."""


def score_project(data: YearData, project: Project, scorer: Scorer = score_targets) -> TargetScore:
    """Score one project with the year's settings."""
    evaluation = data.evaluation_of(project.uid)
    return scorer(
        project.targets.indicators,
        evaluation.results,
        project.full_year_budget,
        project.executed,
        data.settings,
    )


def score_unit(data: YearData, scorer: Scorer = score_targets) -> TargetScore:
    """Score the unit as a whole: expenditure budget lines against their executed amounts."""
    evaluation = data.evaluation_of(UNIT_OWNER)
    return scorer(
        data.unit_targets.indicators,
        evaluation.results,
        data.flow_total(Flow.EXPENDITURE),
        data.flow_total(Flow.EXPENDITURE, "executed"),
        data.settings,
    )


def score_year(data: YearData, scorer: Scorer = score_targets) -> YearScore:
    """Score every project and, when enabled, the unit as a whole.

    ``scorer`` is :func:`score_targets` or one that remembers (``scoring.RememberedScores``).
    """
    projects = tuple(
        ProjectScore(project, score_project(data, project, scorer), is_exempt(data, project))
        for project in data.projects
    )
    unit = score_unit(data, scorer) if data.settings.unit_wide else None
    return YearScore(data.year, projects, unit)
