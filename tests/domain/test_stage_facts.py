"""The rows kept of a received package: amounts and scores as each stage reports them."""

from __future__ import annotations

from decimal import Decimal as D

from unionperf.demo.data import demo_year
from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.results import score_year
from unionperf.domain.stage_facts import stage_facts
from unionperf.domain.year import Stage

YEAR = demo_year(2024)
SPENDING = {"501", "502", "503", "504", "505", "506", "507", "508"}


def _owners(stage: str) -> dict[str, tuple[D, D, D, D | None, str]]:
    facts = stage_facts(YEAR, Stage.parse(stage))
    return {
        owner.owner_uid: (owner.initial, owner.budget, owner.executed, owner.total, owner.grade)
        for owner in facts.owners
    }


def test_every_budget_line_is_kept_executed_only_at_the_self_evaluation():
    for stage in ("targets", "monitoring-2024-06-30"):
        facts = stage_facts(YEAR, Stage.parse(stage))
        assert [line.category_code for line in facts.budget] == [
            line.category_code for line in YEAR.budget
        ]
        assert {line.executed for line in facts.budget} == {D(0)}
    final = stage_facts(YEAR, Stage.parse("self-evaluation"))
    assert [(line.budget, line.executed) for line in final.budget] == [
        (line.budget, line.executed) for line in YEAR.budget
    ]


def test_targets_report_budgets_and_no_execution_or_score():
    owners = _owners("targets")
    assert set(owners) == {project.uid for project in YEAR.projects} | {UNIT_OWNER}
    for project in YEAR.projects:
        initial, budget, executed, total, grade = owners[project.uid]
        assert (initial, budget) == (project.initial_budget, project.full_year_budget)
        assert (executed, total, grade) == (D(0), None, "")
    spending = [line for line in YEAR.budget if line.category_code in SPENDING]
    assert owners[UNIT_OWNER][:3] == (
        sum((line.budget for line in spending), D(0)),
        sum((line.budget + line.adjustment for line in spending), D(0)),
        D(0),
    )


def test_a_monitoring_point_reports_the_execution_to_its_cutoff():
    owners = _owners("monitoring-2024-06-30")
    point = next(point for point in YEAR.points if point.stage == "monitoring-2024-06-30")
    for entry in YEAR.monitoring:
        if entry.point_uid == point.uid:
            assert owners[entry.owner_uid][2] == entry.executed
    assert owners[UNIT_OWNER][2] > D(0)


def test_the_self_evaluation_reports_the_years_execution_and_scores():
    owners = _owners("self-evaluation")
    scores = score_year(YEAR)
    for item in scores.projects:
        assert owners[item.project.uid][2:] == (
            item.project.executed,
            item.score.total,
            item.score.grade.value,
        )
    assert scores.unit is not None
    spent = sum((line.executed for line in YEAR.budget if line.category_code in SPENDING), D(0))
    assert owners[UNIT_OWNER][2:] == (spent, scores.unit.total, scores.unit.grade.value)


def test_a_category_listed_twice_is_one_fact():
    from dataclasses import replace  # noqa: PLC0415

    doubled = replace(YEAR, budget=(*YEAR.budget, YEAR.budget[0]))
    facts = stage_facts(doubled, Stage.parse("self-evaluation"))
    assert [line.category_code for line in facts.budget] == [
        line.category_code for line in YEAR.budget
    ]
    assert facts.budget[0].budget == 2 * YEAR.budget[0].budget
