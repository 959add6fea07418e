"""Rules of multi-year projects and their clear-out (seed §二.3: 绩效低下的项目要及时清理退出)."""

from __future__ import annotations

from unionperf.domain.budget import Project
from unionperf.domain.money import ZERO, format_money, format_plain
from unionperf.domain.problems import Problem, ProblemCode, Section
from unionperf.domain.scoring import Grade
from unionperf.domain.validation.locate import at_owner
from unionperf.domain.year import YearData


def check_multi_year(data: YearData) -> list[Problem]:
    """Every project: a clear-out has its reason; the period's totals and earlier scores."""
    problems: list[Problem] = []
    for project in data.projects:
        problems += _check_project(data, project)
    return problems


def _check_project(data: YearData, project: Project) -> list[Problem]:
    problems = []

    def add(code: ProblemCode, field: str, /, **params: str) -> None:
        problems.append(Problem(code, at_owner(data, Section.PROJECT, project.uid, field), params))

    if project.clear_out and not project.clear_out_reason.strip():
        add(ProblemCode.PROJECT_CLEAR_OUT_REASON_MISSING, "clear_out_reason")
    earlier = sorted(
        (item for item in data.project_history if item.project_uid == project.uid),
        key=lambda item: item.year,
    )
    if not earlier:
        return problems
    cumulative = sum((item.budget for item in earlier), ZERO) + project.full_year_budget
    if ZERO < project.midterm_budget < cumulative:
        add(
            ProblemCode.PROJECT_CUMULATIVE_OVER_MIDTERM,
            "midterm_budget",
            year=str(data.year),
            cumulative=format_money(cumulative),
            midterm=format_money(project.midterm_budget),
        )
    scored = [item for item in earlier if item.score is not None]
    latest = scored[-1] if scored else None
    if latest is not None and latest.grade == Grade.POOR.value and not project.clear_out:
        add(
            ProblemCode.PROJECT_POOR_NOT_CLEARED,
            "clear_out",
            year=str(latest.year),
            score=format_plain(latest.score) if latest.score is not None else "",
        )
    return problems
