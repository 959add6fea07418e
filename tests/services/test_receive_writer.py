"""The receiving writer's shortcuts keep the stored rows exactly what they were.

The year is scored once (verifying a self-evaluation package keeps its scores for the rows).
"""

from __future__ import annotations

import pytest

from tests.exchange.packages import EXPORTS, DemoUnit, demo_unit
from unionperf.domain import stage_facts as facts_module
from unionperf.domain.results import score_year
from unionperf.domain.stage_facts import stage_facts
from unionperf.domain.year import Stage
from unionperf.exchange.package import verify_package


@pytest.fixture(scope="module")
def unit(tmp_path_factory) -> DemoUnit:
    return demo_unit(tmp_path_factory)


@pytest.mark.parametrize(("name", "stage"), EXPORTS)
def test_verifying_keeps_the_year_scores_the_rows_need(unit, name, stage):
    package = verify_package(unit.blob(name), unit.public_key)
    assert package.data is not None
    if stage == "self-evaluation":
        assert package.scores == score_year(package.data)
        assert package.scores is not None
        assert package.scores.projects
    else:
        assert package.scores is None


@pytest.mark.parametrize(("name", "stage"), EXPORTS)
def test_facts_from_the_kept_scores_are_the_facts_scored_again(unit, name, stage, monkeypatch):
    package = verify_package(unit.blob(name), unit.public_key)
    assert package.data is not None
    scored_again = stage_facts(package.data, Stage.parse(stage))

    def no_second_scoring(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the year was scored a second time")

    monkeypatch.setattr(facts_module, "score_year", no_second_scoring)
    kept = stage_facts(package.data, Stage.parse(stage), scores=package.scores)
    assert kept == scored_again
    if stage == "self-evaluation":
        assert {owner.total for owner in kept.owners} != {None}
