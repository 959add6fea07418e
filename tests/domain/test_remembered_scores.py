"""Scores remembered for the same inputs: the same scores, each computed once."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from unionperf.demo.data import demo_years
from unionperf.domain import scoring
from unionperf.domain.results import score_year
from unionperf.domain.scoring import RememberedScores, score_targets
from unionperf.domain.validation.checks import check_stage
from unionperf.domain.year import Stage


def _counting(monkeypatch) -> list[object]:
    calls: list[object] = []

    def counted(*args):
        calls.append(args)
        return score_targets(*args)

    monkeypatch.setattr(scoring, "score_targets", counted)
    return calls


def test_the_same_inputs_are_scored_once_and_alike(monkeypatch):
    data = demo_years()[-1]
    project = data.projects[0]
    inputs = (
        project.targets.indicators,
        data.evaluation_of(project.uid).results,
        project.full_year_budget,
        project.executed,
        data.settings,
    )
    expected = score_targets(*inputs)
    calls = _counting(monkeypatch)
    remembered = RememberedScores()
    assert remembered(*inputs) == expected
    assert remembered(*inputs) is remembered(*inputs)
    assert len(calls) == 1


def test_other_amounts_or_the_same_amount_written_otherwise_are_scored_again(monkeypatch):
    data = demo_years()[-1]
    project = data.projects[0]
    indicators, results = project.targets.indicators, data.evaluation_of(project.uid).results
    budget, executed = project.full_year_budget, project.executed
    calls = _counting(monkeypatch)
    remembered = RememberedScores()
    first = remembered(indicators, results, budget, executed, data.settings)
    other = remembered(indicators, results, budget + 1, executed, data.settings)
    written = remembered(
        indicators, results, budget.quantize(Decimal("0.001")), executed, data.settings
    )
    assert len(calls) == 3
    assert other != first
    assert written.execution.budget.as_tuple() != first.execution.budget.as_tuple()


def test_equal_but_other_indicators_are_scored_again(monkeypatch):
    data = demo_years()[-1]
    project = data.projects[0]
    results = data.evaluation_of(project.uid).results
    calls = _counting(monkeypatch)
    remembered = RememberedScores()
    args = (project.full_year_budget, project.executed, data.settings)
    remembered(project.targets.indicators, results, *args)
    remembered(tuple(project.targets.indicators), results, *args)  # the same tuple object
    remembered(tuple(replace(item) for item in project.targets.indicators), results, *args)
    assert len(calls) == 2


def test_checking_and_scoring_a_year_with_one_remembers_give_the_same_and_score_once(monkeypatch):
    data = demo_years()[-1]
    stage = Stage.parse("self-evaluation")
    expected = (check_stage(data, stage), score_year(data))
    calls = _counting(monkeypatch)
    remembered = RememberedScores()
    fresh = replace(data)  # the same parts, a year nobody checked yet (check_stage keeps results)
    assert (check_stage(fresh, stage, scorer=remembered), score_year(fresh, remembered)) == expected
    scored_sets = len(data.projects) + (1 if data.settings.unit_wide else 0)
    assert len(calls) == scored_sets
