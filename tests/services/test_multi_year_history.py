"""A multi-year project across the workspace's years: identity, earlier slices, clear-out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from tests.domain import worked_example
from tests.services.fake_data import UNIT, YEAR
from tests.services.fakes import FakeWorkspace
from unionperf.domain.budget import BudgetLine
from unionperf.domain.multi_year import cycles_of
from unionperf.domain.problems import ProblemCode
from unionperf.domain.year import YearData
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import editing, new_year

PROJECT = replace(
    worked_example.project(),
    start=date(YEAR, 1, 1),
    end=date(YEAR + 2, 12, 31),
    midterm_budget=D(660000),
)


@pytest.fixture(params=["fake", "sqlite"])
def workspace(request, tmp_path):
    opened = FakeWorkspace() if request.param == "fake" else Workspace.create(tmp_path / "ws")
    opened.save_unit(UNIT)
    with opened.unit_of_work() as uow:
        uow.years.replace_year(
            YearData(
                YEAR,
                UNIT,
                projects=(PROJECT,),
                evaluations=(worked_example.evaluation(),),
                budget=(BudgetLine("401", budget=D(300000)),),
            )
        )
    yield opened
    opened.close()


def test_the_next_year_sees_the_earlier_years_slice_with_its_score(workspace):
    new_year.start_year(workspace, YEAR + 1, copy_from=YEAR)
    data = workspace.load_year(YEAR + 1)
    [earlier] = data.project_history
    assert (earlier.year, earlier.project_uid) == (YEAR, "p1")
    assert (earlier.budget, earlier.executed) == (D(220000), D(204600))
    assert (earlier.score, earlier.grade) == (D("91.55"), "优")
    [cycle] = cycles_of(data)
    assert cycle.stage_text == "第2年／共3年"
    assert (cycle.cumulative_budget, cycle.cumulative_executed) == (D(420000), D(204600))
    assert workspace.load_year(YEAR).project_history == ()


def test_three_years_keep_one_identity(workspace):
    new_year.start_year(workspace, YEAR + 1, copy_from=YEAR)
    new_year.start_year(workspace, YEAR + 2, copy_from=YEAR + 1)
    data = workspace.load_year(YEAR + 2)
    assert [p.uid for p in data.projects] == ["p1"]
    assert [(item.year, item.project_uid) for item in data.project_history] == [
        (YEAR, "p1"),
        (YEAR + 1, "p1"),
    ]
    [cycle] = cycles_of(data)
    assert [row.cumulative_budget for row in cycle.rows] == [D(220000), D(420000), D(620000)]


def test_a_cleared_out_project_is_saved_checked_and_not_carried(workspace):
    new_year.start_year(workspace, YEAR + 1, copy_from=YEAR)
    project = workspace.load_year(YEAR + 1).projects[0]
    editing.save_project(workspace, YEAR + 1, replace(project, clear_out=True))
    codes = {problem.code for problem in workspace.check(YEAR + 1)}
    assert ProblemCode.PROJECT_CLEAR_OUT_REASON_MISSING in codes
    editing.save_project(
        workspace, YEAR + 1, replace(project, clear_out=True, clear_out_reason="参与率持续偏低")
    )
    saved = workspace.load_year(YEAR + 1).projects[0]
    assert (saved.clear_out, saved.clear_out_reason) == (True, "参与率持续偏低")
    codes = {problem.code for problem in workspace.check(YEAR + 1)}
    assert ProblemCode.PROJECT_CLEAR_OUT_REASON_MISSING not in codes
    made = new_year.start_year(workspace, YEAR + 2, copy_from=YEAR + 1)
    assert made.projects == ()
    assert made.cleared == (("2024年职工文体活动经费", "参与率持续偏低"),)
    assert "1个项目已在2025年度标记清理退出，未复制" in made.summary()
    assert workspace.load_year(YEAR + 2).projects == ()
