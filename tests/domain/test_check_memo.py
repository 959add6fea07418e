"""check_stage keeps the rule results of the last year checked, by stage (issue 17: a step page
opening asked for the same checks of the same immutable year up to four times)."""

from __future__ import annotations

from dataclasses import replace

from unionperf.demo.data import demo_year
from unionperf.domain import scoring
from unionperf.domain.results import score_year
from unionperf.domain.validation import check_stage, checks, signoff_blockers, year_scorer
from unionperf.domain.validation.budget_rules import is_exempt
from unionperf.domain.year import Stage

YEAR = 2024
TARGETS = Stage.parse("targets")
EVALUATION = Stage.parse("self-evaluation")


def _fresh(data, stage, **options):
    """The result without the kept one: the rules run on a copy nobody checked before."""
    return check_stage(replace(data), stage, **options)


def test_a_second_check_gives_the_same_problems_as_a_fresh_one():
    data = demo_year(YEAR)
    for stage in (TARGETS, EVALUATION):
        first = check_stage(data, stage)
        assert check_stage(data, stage) == first == _fresh(data, stage)
        assert check_stage(data, stage, signoffs=False) == _fresh(data, stage, signoffs=False)
        adjusting = {stage.name}
        assert check_stage(data, stage, adjusting=adjusting) == _fresh(
            data, stage, adjusting=adjusting
        )


def test_the_rules_run_once_per_year_and_stage(monkeypatch):
    data = demo_year(YEAR)
    runs: list[str] = []
    rules = checks._stage_rules

    def counted(year, stage, scorer):
        runs.append(stage.name)
        return rules(year, stage, scorer)

    monkeypatch.setattr(checks, "_stage_rules", counted)
    check_stage(data, TARGETS)
    signoff_blockers(data, TARGETS)
    check_stage(data, TARGETS, adjusting={"targets"})
    check_stage(data, EVALUATION)
    check_stage(data, EVALUATION, signoffs=False)
    assert runs == ["targets", "self-evaluation"]


def test_an_edited_year_is_checked_afresh():
    data = demo_year(YEAR)
    before = check_stage(data, TARGETS)
    edited = replace(data, unit=replace(data.unit, name=""))
    after = check_stage(edited, TARGETS)
    assert after != before
    assert after == _fresh(edited, TARGETS)


def test_a_caller_changing_its_list_does_not_change_the_next_result():
    data = demo_year(YEAR)
    first = check_stage(data, TARGETS, signoffs=False)
    expected = list(first)
    first.clear()
    assert check_stage(data, TARGETS, signoffs=False) == expected


def test_scoring_a_checked_year_reuses_the_scores_of_its_check(monkeypatch):
    data = demo_year(YEAR)
    expected = score_year(replace(data))
    check_stage(data, EVALUATION)
    scored: list[str] = []
    real = scoring.score_targets

    def counted(indicators, results, budget, executed, settings):
        scored.append("scored")
        return real(indicators, results, budget, executed, settings)

    monkeypatch.setattr(scoring, "score_targets", counted)
    assert score_year(data, year_scorer(data)) == expected
    # Only the exempt projects, which the check leaves alone, are scored now.
    exempt = [project for project in data.projects if is_exempt(data, project)]
    assert len(scored) == len(exempt) < len(data.projects)


def test_another_year_is_scored_afresh():
    data = demo_year(YEAR)
    check_stage(data, EVALUATION)
    other = replace(data)
    assert year_scorer(other) is scoring.score_targets
    assert score_year(other, year_scorer(other)) == score_year(data)
