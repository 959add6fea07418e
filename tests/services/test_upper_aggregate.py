"""汇总 across units, checked against sums worked out here from the units' own years."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal as D

import pytest

from tests.exchange.packages import UPPER_PASSPHRASE, upper_workspace
from tests.services.upper_units import SubUnit, sub_unit
from unionperf.domain.board import BoardStatus
from unionperf.domain.categories import Flow
from unionperf.domain.feedback import Decision
from unionperf.domain.results import score_year
from unionperf.services.common.errors import InputError
from unionperf.services.common.workspace import Workspace
from unionperf.services.inbox.receive import receive
from unionperf.services.upper.aggregate import aggregate, aggregation_stage
from unionperf.services.upper.feedback import create_feedback
from unionperf.services.upper.register import register

YEAR = 2024
STAGE = "self-evaluation"


@pytest.fixture(scope="module")
def upper(tmp_path_factory) -> Iterator[tuple[Workspace, list[SubUnit]]]:
    """Units 1–3 sent their self-evaluation (unit 2 at twice the amounts); unit 4 did not.

    Unit 1 is approved; the others wait for review.
    """
    folder = tmp_path_factory.mktemp("aggregate")
    workspace = upper_workspace(folder / "upper")
    units = [sub_unit(1), sub_unit(2, D(2)), sub_unit(3), sub_unit(4)]
    for unit in units:
        pub = unit.pub_file(folder / "keys")
        register(workspace, pub, unit.code, unit.name, key_id=unit.key_id)
    outcomes = receive(workspace, [unit.send(STAGE, folder / "in") for unit in units[:3]])
    assert [item.refused for item in outcomes] == [False] * 3, [o.message for o in outcomes]
    receive(workspace, [units[0].send("targets", folder / "in")])
    create_feedback(
        workspace,
        unit_code=units[0].code,
        year=YEAR,
        stage=STAGE,
        decision=Decision.APPROVE,
        summary="通过",
        opinions=[],
        out_dir=folder / "fb",
        passphrase=UPPER_PASSPHRASE,
    )
    yield workspace, units
    workspace.close()


def _by_category(units: list[SubUnit], flow_codes: set[str]) -> dict[str, tuple[D, D, D, D]]:
    sums: dict[str, list[D]] = defaultdict(lambda: [D(0)] * 4)
    for unit in units:
        for line in unit.data.budget:
            if line.category_code in flow_codes:
                row = sums[line.category_code]
                for index, value in enumerate(
                    (line.last_year_actual, line.budget, line.adjustment, line.executed)
                ):
                    row[index] += value
    return {code: (values[0], values[1], values[2], values[3]) for code, values in sums.items()}


def test_totals_by_category_are_the_sums_of_the_units_lines(upper):
    workspace, units = upper
    result = aggregate(workspace, YEAR, STAGE)
    sent = units[:3]
    assert (result.units_expected, result.units_included) == (4, 3)
    for flow, rows in ((Flow.REVENUE, result.revenue), (Flow.EXPENDITURE, result.expenditure)):
        codes = {item.code for item in sent[0].data.catalogue.of_flow(flow)}
        expected = _by_category(sent, codes)
        got = {
            row.code: (row.last_year_actual, row.budget, row.adjustment, row.executed)
            for row in rows[:-1]
        }
        assert got == expected
        total = rows[-1]
        assert total.executed == sum((values[3] for values in expected.values()), D(0))
        assert total.units == 3
    # e.g. 501 职工活动支出: units 1 and 3 as the demo, unit 2 doubled = 4 times the demo
    demo_501 = next(line for line in units[3].data.budget if line.category_code == "501")
    assert next(row for row in result.expenditure if row.code == "501").budget == 4 * (
        demo_501.budget
    )


def test_projects_by_category_and_attribute_are_the_sums_of_the_units_projects(upper):
    workspace, units = upper
    result = aggregate(workspace, YEAR, STAGE)
    projects = [project for unit in units[:3] for project in unit.data.projects]
    by_category: dict[str, list[D]] = defaultdict(lambda: [D(0), D(0), D(0), D(0)])
    for project in projects:
        row = by_category[project.category_code]
        row[0] += 1
        row[1] += project.initial_budget
        row[2] += project.full_year_budget
        row[3] += project.executed
    assert {
        row.key: [D(row.projects), row.initial, row.budget, row.executed]
        for row in result.by_category[:-1]
    } == dict(by_category)
    total = result.by_category[-1]
    assert (total.projects, total.units) == (len(projects), 3)
    attributes = {row.key: row.projects for row in result.by_attribute[:-1]}
    assert sum(attributes.values()) == len(projects)
    assert attributes == {
        value: sum(1 for project in projects if project.attribute.value == value)
        for value in attributes
    }


def test_distributions_and_ranking_follow_the_units_scores(upper):
    workspace, units = upper
    result = aggregate(workspace, YEAR, STAGE)
    scores = {unit.code: score_year(unit.data).unit for unit in units[:3]}
    ranked = sorted(scores, key=lambda code: (-scores[code].total, code))
    assert [row.entry.code for row in result.ranking] == ranked
    assert [row.entry.score for row in result.ranking] == [scores[code].total for code in ranked]
    grades = [scores[code].grade.value for code in ranked]
    assert {bucket.label: bucket.count for bucket in result.grades if bucket.count} == {
        grade: grades.count(grade) for grade in set(grades)
    }
    rates = {
        code: (score.execution.executed / score.execution.budget).quantize(D("0.0001"))
        for code, score in scores.items()
    }
    assert {row.entry.code: row.entry.execution_rate for row in result.ranking} == rates
    assert sum(bucket.count for bucket in result.execution) == 3
    statuses = {row.entry.code: row.entry.status for row in result.ranking}
    assert statuses[units[0].code] is BoardStatus.APPROVED
    assert result.scores.count == 3


def test_a_group_approved_units_and_the_upper_levels_scores(upper):
    workspace, units = upper
    only = aggregate(workspace, YEAR, STAGE, approved_only=True)
    assert only.units_included == 1
    single = units[0].data.budget
    assert only.expenditure[-1].budget == sum(
        (line.budget for line in single if line.category_code.startswith("5")), D(0)
    )
    group = aggregate(workspace, YEAR, STAGE, units={units[1].code, units[3].code})
    assert (group.units_expected, group.units_included) == (2, 1)
    assert [row.entry.code for row in group.ranking] == [units[1].code]
    rescored = aggregate(workspace, YEAR, STAGE, upper_scores={units[0].code: D("10")})
    last = rescored.ranking[-1].entry
    assert (last.code, last.final_score, last.final_grade) == (units[0].code, D("10"), "差")
    with pytest.raises(InputError, match="未登记的单位"):
        aggregate(workspace, YEAR, STAGE, units={"91350100MA2X99999X"})


def test_the_stage_defaults_to_the_self_evaluation_and_targets_have_no_execution(upper):
    workspace, _ = upper
    assert aggregation_stage(workspace, YEAR) == STAGE
    targets = aggregate(workspace, YEAR, "targets")
    assert (targets.units_included, targets.execution_reported, targets.execution) == (1, False, [])
    assert {row.executed for row in targets.expenditure} == {None}  # not a misleading 0
    assert {row.rate for row in targets.revenue} == {None}
    assert targets.ranking[0].entry.score is None
    with pytest.raises(InputError, match="尚未接收任何数据包"):
        aggregation_stage(workspace, 2023)


@pytest.mark.parametrize(
    "choice", [{}, {"approved_only": True}, {"units": "first two"}, {"upper": True}]
)
def test_the_summary_and_its_parts_make_the_whole_aggregation(upper, choice):
    """What the 汇总 page opens on, then fills tab by tab, is the aggregation itself."""
    from unionperf.domain.aggregation import rank  # noqa: PLC0415
    from unionperf.services.upper.aggregate import (  # noqa: PLC0415
        aggregate_summary,
        complete,
        distributions,
        multi_year_lines,
        project_tables,
        rank_entries,
    )

    workspace, units = upper
    arguments = {
        "approved_only": choice.get("approved_only", False),
        "units": [unit.code for unit in units[:2]] if "units" in choice else None,
        "upper_scores": {units[1].code: D("61.50")} if "upper" in choice else None,
    }
    whole = aggregate(workspace, YEAR, STAGE, **arguments)
    summary = aggregate_summary(workspace, YEAR, STAGE, **arguments)
    assert (summary.units_expected, summary.units_included, summary.scores) == (
        whole.units_expected,
        whole.units_included,
        whole.scores,
    )
    assert (summary.revenue, summary.expenditure) == (whole.revenue, whole.expenditure)
    assert project_tables(workspace, summary) == (whole.by_category, whole.by_attribute)
    assert distributions(summary) == (whole.execution, whole.grades)
    assert rank(rank_entries(summary)) == whole.ranking
    assert multi_year_lines(workspace, summary) == whole.multi_year
    parts = project_tables(workspace, summary), multi_year_lines(workspace, summary)
    assert complete(workspace, summary, *parts) == whole
    if "upper" in choice:
        assert whole.scores.lowest == D("61.50")
