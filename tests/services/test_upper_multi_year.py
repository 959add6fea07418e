"""The upper level sees multi-year projects: cumulative figures and 清理退出 in review and 汇总."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from tests.exchange.packages import upper_workspace
from tests.services.upper_units import SubUnit, sub_unit
from unionperf.cli.review_commands import review_json
from unionperf.cli.upper_output import aggregate_json
from unionperf.domain.project_years import ProjectYear
from unionperf.domain.results import score_year
from unionperf.services.common.workspace import Workspace
from unionperf.services.inbox.receive import receive
from unionperf.services.upper.aggregate import (
    aggregate,
    aggregate_summary,
    complete,
    multi_year_lines,
)
from unionperf.services.upper.register import register
from unionperf.services.upper.review import review
from unionperf.services.upper.tables import aggregate_tables

YEAR = 2024
STAGE = "self-evaluation"
EARLIER = ProjectYear(2023, "", "一期", D(90000), D(100000), D("90000.50"), D("85.5"), "良")
REASON = "参与率连续两年低于目标"


def _multi_year(unit: SubUnit, *, clear_out: bool) -> SubUnit:
    """The unit's first project as the second year of 2023–2025, 中期 600,000."""
    first = unit.data.projects[0]
    project = replace(
        first,
        start=date(2023, 1, 1),
        end=date(2025, 12, 31),
        midterm_budget=D(600000),
        clear_out=clear_out,
        clear_out_reason=REASON if clear_out else "",
    )
    unit.data = replace(
        unit.data,
        projects=(project, *unit.data.projects[1:]),
        project_history=(replace(EARLIER, project_uid=first.uid),),
    )
    return unit


@pytest.fixture(scope="module")
def upper(tmp_path_factory) -> Iterator[tuple[Workspace, list[SubUnit]]]:
    """Unit 1 proposes to clear its multi-year project out; unit 2 runs it on; unit 3 has none."""
    folder = tmp_path_factory.mktemp("multi")
    workspace = upper_workspace(folder / "upper")
    units = [
        _multi_year(sub_unit(1), clear_out=True),
        _multi_year(sub_unit(2), clear_out=False),
        sub_unit(3),
    ]
    for unit in units:
        register(
            workspace, unit.pub_file(folder / "keys"), unit.code, unit.name, key_id=unit.key_id
        )
    outcomes = receive(workspace, [unit.send(STAGE, folder / "in") for unit in units])
    assert [item.refused for item in outcomes] == [False] * 3, [o.message for o in outcomes]
    yield workspace, units
    workspace.close()


def test_aggregate_lists_multi_year_projects_with_cumulative_figures_cleared_first(upper):
    workspace, units = upper
    result = aggregate(workspace, YEAR, STAGE)
    project = units[0].data.projects[0]
    assert result.multi_year[0].clear_out  # proposed clear-outs first
    assert [
        (line.unit_code, line.clear_out)
        for line in result.multi_year
        if line.project_uid == project.uid
    ] == [(units[0].code, True), (units[1].code, False)]
    line = result.multi_year[0]
    score = next(
        s.score for s in score_year(units[0].data).projects if s.project.uid == project.uid
    )
    assert (line.project_name, line.period_text) == (project.name, "2023—2025年")
    assert line.midterm_budget == D(600000)
    assert line.cumulative_budget == D(100000) + project.full_year_budget
    assert line.cumulative_executed == D("90000.50") + project.executed
    assert (line.total, line.grade) == (score.total, score.grade.value)
    assert line.clear_out_reason == REASON
    home = units[2].data.project("p2023-03")  # the demo's 2023—2025 project, sent without history
    [alone] = [item for item in result.multi_year if item.unit_code == units[2].code]
    assert (alone.project_uid, alone.clear_out, alone.clear_out_reason) == (home.uid, False, "")
    assert (alone.cumulative_budget, alone.cumulative_executed) == (
        home.full_year_budget,
        home.executed,
    )


def test_the_multi_year_part_read_on_its_own_is_the_aggregations(upper):
    """The 汇总 page reads the multi-year projects when their tab is shown: the same lines."""
    workspace, units = upper
    whole = aggregate(workspace, YEAR, STAGE, units=[unit.code for unit in units[:2]])
    summary = aggregate_summary(workspace, YEAR, STAGE, units=[unit.code for unit in units[:2]])
    lines = multi_year_lines(workspace, summary)
    assert lines == whole.multi_year
    assert {line.unit_code for line in lines} == {units[0].code, units[1].code}
    assert complete(workspace, summary, multi_year=lines) == whole


def test_aggregate_json_and_workbook_carry_the_multi_year_table(upper):
    workspace, units = upper
    result = aggregate(workspace, YEAR, STAGE)
    listed = aggregate_json(result)["multi_year_projects"]
    first = units[0].data.projects[0].uid
    [flagged, running] = [item for item in listed if item["project_uid"] == first]
    assert flagged["clear_out"] is True
    assert flagged["clear_out_reason"] == REASON
    assert (flagged["start_year"], flagged["end_year"]) == (2023, 2025)
    assert running["clear_out_reason"] is None
    table = next(t for t in aggregate_tables(result) if t.title == "多年期项目")
    assert [row[10] for row in table.rows] == ["是"] + [""] * (len(listed) - 1)
    assert table.rows[0][11] == REASON


def test_review_shows_the_period_the_years_side_by_side_and_the_clear_out(upper):
    workspace, units = upper
    result = review(workspace, units[0].code, YEAR, STAGE)
    project = units[0].data.projects[0]
    item = result.item(f"项目/{project.name}")
    assert item is not None
    assert item.value("period_stage") == "第2年／共3年"
    assert item.value("year_2023") == "全年预算数100,000.00元，执行数90,000.50元，得分85.5（良）"
    assert item.value("year_2024").startswith("全年预算数")
    assert item.value("clear_out_reason") == REASON
    assert result.item("整体").value("clear_out_projects") == project.name
    values = next(i for i in review_json(result)["items"] if i["path"] == item.path)["values"]
    assert values["clear_out"] == "是（单位提出清理退出）"
    assert values["cumulative_budget"]
    other = review(workspace, units[1].code, YEAR, STAGE)
    assert other.item(f"项目/{project.name}").value("clear_out") == ""
    assert other.item("整体").value("clear_out_projects") == ""
