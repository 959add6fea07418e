"""The fake store keeps its promises: one scenario, run on the fake and on SQLite, same results."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from tests.domain import worked_example
from tests.services.fake_data import EVALUATION, POINT, SATISFACTION, TARGETS, UNIT, YEAR
from tests.services.fakes import FakeWorkspace, chair_signs
from unionperf.domain.budget import UNIT_OWNER, BudgetLine
from unionperf.domain.evaluation import IndicatorResult
from unionperf.domain.monitoring import MonitoringEntry
from unionperf.domain.revenue import RevenueArrival
from unionperf.domain.settings import SignoffRole
from unionperf.domain.year import YearData
from unionperf.services.common.errors import InputError, ServiceError
from unionperf.services.common.stages import StageLockedError
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import editing, locks, new_year
from unionperf.store.register import Received


def _open(kind: str, tmp_path) -> Workspace:
    if kind == "fake":
        return FakeWorkspace()
    return Workspace.create(tmp_path / "ws")


@pytest.fixture(params=["fake", "sqlite"])
def workspace(request, tmp_path):
    opened = _open(request.param, tmp_path)
    yield opened
    opened.close()


def _seed(workspace: Workspace) -> None:
    workspace.save_unit(UNIT)
    with workspace.unit_of_work() as uow:
        uow.years.replace_year(
            YearData(
                YEAR,
                UNIT,
                projects=(worked_example.project(),),
                evaluations=(worked_example.evaluation(),),
                budget=(BudgetLine("401", budget=D(300000)),),
                points=(POINT,),
            )
        )


def _outcome(call) -> str:
    """What a call did: ``ok``, or the kind of error and its message."""
    try:
        call()
    except (InputError, StageLockedError) as error:
        return f"{type(error).__name__}: {error}"
    except ServiceError as error:  # a store refusal: its wording is the database's
        return type(error).__name__
    return "ok"


def _lock(workspace: Workspace, stage: str) -> tuple[bool, str, str]:
    state = locks.stage_lock(workspace, YEAR, stage)
    return state.signed, state.status, state.reason


def scenario(workspace: Workspace) -> list[object]:
    """Edits, locks, adjustments, refusals and the register, as a transcript of observations."""
    _seed(workspace)
    seen: list[object] = []
    changed = replace(worked_example.INDICATORS[0], target=D(99))
    seen.append(_outcome(lambda: editing.save_indicator(workspace, YEAR, UNIT_OWNER, SATISFACTION)))
    chair_signs(workspace, YEAR, TARGETS)
    seen.append(_lock(workspace, TARGETS))
    seen.append(_outcome(lambda: editing.save_indicator(workspace, YEAR, "p1", changed)))
    seen.append(_outcome(lambda: editing.delete_project(workspace, YEAR, "p1")))
    seen.append(
        _outcome(lambda: editing.save_year_facts(workspace, YEAR, unit_annual_goal="新目标"))
    )
    seen.append(_outcome(lambda: editing.save_year_facts(workspace, YEAR, opening_balance="12.5")))
    seen.append(_outcome(lambda: locks.open_adjustment(workspace, YEAR, EVALUATION, "理由")))
    seen.append(_outcome(lambda: locks.open_adjustment(workspace, YEAR, TARGETS, " ")))
    seen.append(_outcome(lambda: locks.open_adjustment(workspace, YEAR, TARGETS, "上级要求")))
    seen.append((_lock(workspace, TARGETS), locks.stages_adjusting(workspace, YEAR)))
    seen.append(_outcome(lambda: editing.save_indicator(workspace, YEAR, "p1", changed)))
    chair_signs(workspace, YEAR, TARGETS, name="李主席")
    seen.append((_lock(workspace, TARGETS), locks.stages_adjusting(workspace, YEAR)))
    locks.withdraw_signoff(workspace, YEAR, TARGETS, SignoffRole.CHAIR)
    seen.append(_lock(workspace, TARGETS))
    seen.append(_outcome(lambda: editing.delete_indicator(workspace, SATISFACTION.uid)))

    seen.append(_outcome(lambda: editing.save_entry(workspace, MonitoringEntry("m1", "p1", D(5)))))
    arrival = RevenueArrival("m1", "403", D(12500), date(YEAR, 3, 15), "7月下拨")
    seen.append(_outcome(lambda: editing.save_arrival(workspace, YEAR, arrival)))
    for bad in (
        replace(arrival, category_code="501"),
        replace(arrival, received_on=date(YEAR, 8, 1)),
        replace(arrival, amount=D("-1")),
        replace(arrival, amount=D("0.001")),
        replace(arrival, point_uid="zz"),
    ):
        seen.append(_outcome(lambda bad=bad: editing.save_arrival(workspace, YEAR, bad)))
    dues = RevenueArrival("m1", "401", D(100))
    editing.save_arrival(workspace, YEAR, dues)
    editing.delete_arrival(workspace, "m1", "401")  # undo of a first entry
    chair_signs(workspace, YEAR, POINT.stage)
    seen.append(_outcome(lambda: editing.delete_arrival(workspace, "m1", "403")))
    seen.append(_outcome(lambda: editing.save_arrival(workspace, YEAR, arrival)))
    seen.append(
        _outcome(lambda: editing.save_arrival(workspace, YEAR, replace(arrival, amount=D(25000))))
    )
    with workspace.reading() as uow:
        seen.append(uow.arrivals.for_year(YEAR))
    seen.append(_outcome(lambda: editing.save_entry(workspace, MonitoringEntry("m1", "p1", D(6)))))
    seen.append(_outcome(lambda: editing.save_entry(workspace, MonitoringEntry("m1", "p1", D(5)))))
    seen.append(_outcome(lambda: editing.delete_point(workspace, YEAR, "m1")))
    seen.append(_outcome(lambda: editing.save_entry(workspace, MonitoringEntry("zz", "p1", D(5)))))
    seen.append(_outcome(lambda: editing.save_result(workspace, YEAR, IndicatorResult("x9"))))
    seen.append(
        _outcome(lambda: editing.save_result(workspace, YEAR, IndicatorResult("i1", actual=D(13))))
    )
    seen.append(_outcome(lambda: editing.delete_project(workspace, YEAR, "nope")))

    # the backup taken first is the store's own (a file, or the fake's record): not compared
    seen.append(replace(new_year.start_year(workspace, YEAR + 1, copy_from=YEAR), backup=None))
    seen.append(_outcome(lambda: new_year.start_year(workspace, YEAR + 1, copy_from=YEAR)))
    later = workspace.load_year(YEAR + 1)
    seen.append([(p.uid, p.name, p.attribute, p.funding) for p in later.projects])
    seen.append([(line.category_code, line.budget) for line in later.budget])
    seen.append(_outcome(lambda: editing.delete_project(workspace, YEAR + 1, "p1")))
    seen.append([p.uid for p in workspace.load_year(YEAR).projects])
    seen.append([i.name for i in later.projects[0].targets.indicators])
    seen.append([i.name for i in later.unit_targets.indicators])
    seen.append(workspace.years())

    def receive(sequence: int) -> None:
        record = Received(
            UNIT.credit_code, YEAR, TARGETS, sequence, f"{sequence:064}", True, "", "f"
        )
        with workspace.unit_of_work() as uow:
            uow.register.add_received(
                record, package_id=f"p{sequence}", key_id="K", meta={}, data_json="{}"
            )

    seen.append(_outcome(lambda: receive(1)))  # not registered yet
    with workspace.unit_of_work() as uow:
        uow.register.register(UNIT.credit_code, UNIT.name, "untrusted comment\nKEY\n", "K")
    receive(1)
    receive(3)
    with workspace.reading() as uow:
        current = uow.register.current(UNIT.credit_code, YEAR, TARGETS)
        seen.append((current.sequence, current.sha256) if current else None)
        seen.append(uow.register.current(UNIT.credit_code, YEAR, EVALUATION))
    return seen


def test_the_scenario_runs_alike(workspace, tmp_path):
    """Each backend on its own: the transcript's key points (readable failures)."""
    seen = scenario(workspace)
    assert seen[1] == (True, "open", "")
    assert seen[2].startswith("StageLockedError")
    assert seen[5] == "ok"
    # the adjustment withdrew the chair's sign-off
    assert seen[9] == ((False, "adjusting", "上级要求"), {TARGETS})
    assert seen[11] == ((True, "open", ""), set())
    assert seen[-2] == (3, f"{3:064}")
    first = next(i for i, item in enumerate(seen) if "不是收入科目" in str(item))
    arrivals = seen[first - 1 :]
    assert arrivals[:6] == [
        "ok",
        "InputError: 运行监控 › 收入到位：“501”不是收入科目",
        "InputError: 运行监控 › 收入到位 › 上级补助收入 › 最近到账日期："
        "到账日期2024-08-01应在2024-01-01至监控截止日2024-07-31之间",
        "InputError: 运行监控 › 收入到位 › 上级补助收入 › 累计到位数：金额不能为负数（-1元）",
        "InputError: 运行监控 › 收入到位 › 上级补助收入 › 累计到位数："
        "“0.001”不是有效金额（元，最多两位小数）",
        "InputError: 运行监控：2024年度没有这个监控时点（zz）",
    ]
    assert arrivals[6].startswith("StageLockedError")  # taking back the subsidy
    assert arrivals[7] == "ok"  # the same values again: no change, not refused
    assert arrivals[8].startswith("StageLockedError")  # changing it
    assert arrivals[9] == (RevenueArrival("m1", "403", D(12500), date(YEAR, 3, 15), "7月下拨"),)


def test_fake_and_sqlite_give_the_same_transcript_and_year(tmp_path):
    fake, real = FakeWorkspace(), _open("sqlite", tmp_path)
    try:
        assert scenario(fake) == scenario(real)
        for year in (YEAR, YEAR + 1):
            held, stored = fake.load_year(year), real.load_year(year)
            # new uids are random: compare the copied year by everything but its identifiers
            if year != YEAR:
                held, stored = _without_uids(held), _without_uids(stored)
            assert held == stored
    finally:
        real.close()


def _without_uids(data: YearData) -> YearData:
    projects = tuple(
        replace(
            project,
            uid="",
            targets=replace(
                project.targets,
                owner_uid="",
                indicators=tuple(replace(i, uid="") for i in project.targets.indicators),
            ),
        )
        for project in data.projects
    )
    unit_targets = replace(
        data.unit_targets,
        indicators=tuple(replace(i, uid="") for i in data.unit_targets.indicators),
    )
    return replace(data, projects=projects, unit_targets=unit_targets)
