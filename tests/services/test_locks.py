"""Signed-off stages are locked; an adjustment with a reason unlocks them until a new sign-off."""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from tests.exchange.packages import (
    UPPER_PASSPHRASE,
    copy_workspace,
    demo_unit,
    upper_workspace,
)
from tests.forms.test_fillin_support import Book
from unionperf.domain.budget import UNIT_OWNER, BudgetLine
from unionperf.domain.deleted_project import snapshot_project, with_restored
from unionperf.domain.evaluation import Evaluation, IndicatorResult
from unionperf.domain.feedback import Decision, Opinion
from unionperf.domain.settings import SignoffRole
from unionperf.domain.year import Signoff
from unionperf.services.common import signing
from unionperf.services.common.errors import InputError
from unionperf.services.common.stages import StageLockedError
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import editing, locks
from unionperf.services.cycle.demo import create_demo
from unionperf.services.cycle.feedback import trust_upper
from unionperf.services.cycle.fillin import export_template, import_template
from unionperf.services.cycle.locks import open_adjustment
from unionperf.services.inbox.receive import receive
from unionperf.services.upper.feedback import create_feedback
from unionperf.services.upper.register import register

YEAR = 2024
TARGETS = "targets"
EVALUATION = "self-evaluation"
POINT = "monitoring-2024-07-31"


@pytest.fixture
def workspace(tmp_path):
    opened = create_demo(tmp_path / "ws")
    yield opened
    opened.close()


def _newest(workspace: Workspace, count: int = 10) -> list[tuple[str, str, str, dict]]:
    with workspace.reading() as uow:
        return [
            (row.action, row.entity, row.entity_uid, row.changes)
            for row in uow.audit.newest(limit=count)
        ]


def _indicator(workspace: Workspace):
    data = workspace.load_year(YEAR)
    project = data.projects[0]
    return project.uid, project.targets.indicators[0]


def test_signed_off_targets_refuse_an_indicator_change(workspace):
    owner, indicator = _indicator(workspace)
    with pytest.raises(StageLockedError) as refused:
        editing.save_indicator(workspace, YEAR, owner, replace(indicator, target=D(999)))
    assert refused.value.stage == TARGETS
    assert refused.value.label == "绩效目标"
    assert "工会主席签字确认并锁定" in str(refused.value)
    assert workspace.load_year(YEAR).project(owner).targets.indicators[0] == indicator
    with pytest.raises(StageLockedError):
        editing.delete_indicator(workspace, indicator.uid)
    with pytest.raises(StageLockedError):
        editing.save_year_facts(workspace, YEAR, unit_annual_goal="改过的目标")
    project = workspace.load_year(YEAR).projects[0]
    with pytest.raises(StageLockedError):
        editing.save_project(
            workspace, YEAR, replace(project, targets=replace(project.targets, annual_goal="改过"))
        )


def test_identical_values_and_unlocked_areas_pass(workspace):
    owner, indicator = _indicator(workspace)
    editing.save_indicator(workspace, YEAR, owner, indicator)  # no change is no edit
    data = workspace.load_year(YEAR)
    project = data.projects[0]
    editing.save_project(workspace, YEAR, replace(project, responsible="新负责人"))
    editing.save_year_facts(workspace, YEAR, opening_balance="1000.00")
    line = data.budget[0]
    editing.save_budget_line(
        workspace, YEAR, BudgetLine(line.category_code, budget=line.budget + 1)
    )
    editing.explain(workspace, YEAR, "X|y", "说明")
    after = workspace.load_year(YEAR)
    assert after.project(project.uid).responsible == "新负责人"
    assert after.opening_balance == D("1000.00")


def test_self_evaluation_and_monitoring_are_locked_by_their_own_sign_off(workspace):
    data = workspace.load_year(YEAR)
    owner, indicator = _indicator(workspace)
    result = data.evaluation_of(owner).result_for(indicator.uid)
    with pytest.raises(StageLockedError) as refused:
        editing.save_result(workspace, YEAR, replace(result, actual=D(1)))
    assert refused.value.stage == EVALUATION
    with pytest.raises(StageLockedError):
        editing.save_evaluation_texts(
            workspace, YEAR, replace(data.evaluation_of(owner), achieved_text="新的说明")
        )
    point = next(p for p in data.points if p.cutoff == date(2024, 7, 31))
    entry = data.entry(point.uid, owner)
    with pytest.raises(StageLockedError) as refused:
        editing.save_entry(workspace, replace(entry, progress_text="改过"))
    assert refused.value.stage == POINT
    assert refused.value.label == "运行监控（2024-07-31）"
    # each point is locked by its own sign-off only
    locks.withdraw_signoff(workspace, YEAR, "monitoring-2024-09-30", SignoffRole.CHAIR)
    other = next(p for p in data.points if p.cutoff == date(2024, 9, 30))
    editing.save_entry(workspace, replace(data.entry(other.uid, owner), progress_text="改过"))
    with pytest.raises(StageLockedError):
        editing.save_entry(workspace, replace(entry, progress_text="改过"))


def test_adjustment_lets_the_edit_pass_and_keeps_the_reason(workspace):
    owner, indicator = _indicator(workspace)
    open_adjustment(workspace, YEAR, TARGETS, "上级批复调减活动场次")
    lock = locks.stage_lock(workspace, YEAR, TARGETS)
    assert (lock.signed, lock.locked, lock.adjusting) == (False, False, True)
    assert lock.reason == "上级批复调减活动场次"
    editing.save_indicator(workspace, YEAR, owner, replace(indicator, target=D(8)))
    assert workspace.load_year(YEAR).project(owner).targets.indicators[0].target == D(8)
    newest = _newest(workspace)
    assert newest[0][:3] == ("save", "indicator", indicator.uid)
    action, entity, uid, changes = newest[1]
    assert (action, entity, uid) == ("adjust", "stage", TARGETS)
    assert changes["reason"] == "上级批复调减活动场次"
    assert changes["status"] == ["open", "adjusting"]
    assert workspace.audit_breaks() == []
    # other stages stay locked
    with pytest.raises(StageLockedError):
        editing.save_result(workspace, YEAR, IndicatorResult(indicator.uid, actual=D(1)))


def test_signing_off_again_locks_again(workspace):
    owner, indicator = _indicator(workspace)
    open_adjustment(workspace, YEAR, TARGETS, "调整")
    editing.sign_off(
        workspace, YEAR, Signoff(TARGETS, SignoffRole.PREPARER, "周丽华", date(2024, 5, 1))
    )
    assert locks.stage_lock(workspace, YEAR, TARGETS).adjusting  # only the chair locks
    editing.sign_off(
        workspace, YEAR, Signoff(TARGETS, SignoffRole.CHAIR, "陈建国", date(2024, 5, 2))
    )
    lock = locks.stage_lock(workspace, YEAR, TARGETS)
    assert (lock.locked, lock.adjusting, lock.reason) == (True, False, "")
    assert _newest(workspace, 1)[0][:3] == ("lock", "stage", TARGETS)
    with pytest.raises(StageLockedError):
        editing.save_indicator(workspace, YEAR, owner, replace(indicator, target=D(7)))


def test_withdrawing_the_chair_sign_off_unlocks(workspace):
    owner, indicator = _indicator(workspace)
    locks.withdraw_signoff(workspace, YEAR, TARGETS, SignoffRole.CHAIR)
    assert not locks.stage_lock(workspace, YEAR, TARGETS).locked
    assert SignoffRole.CHAIR not in workspace.load_year(YEAR).signoffs_for(TARGETS)
    action, entity, uid, changes = _newest(workspace, 1)[0]
    assert (action, entity, uid) == ("withdraw", "signoff", "targets/chair")
    assert changes["name"][0] == "陈建国"
    editing.save_indicator(workspace, YEAR, owner, replace(indicator, target=D(7)))


def test_adjustment_needs_a_reason_and_a_signed_off_stage(workspace):
    with pytest.raises(InputError, match="调整原因"):
        open_adjustment(workspace, YEAR, TARGETS, "  ")
    locks.withdraw_signoff(workspace, YEAR, TARGETS, SignoffRole.CHAIR)
    with pytest.raises(InputError, match="无需调整"):
        open_adjustment(workspace, YEAR, TARGETS, "原因")


def test_new_empty_year_is_open(workspace):
    editing.add_year(workspace, 2025)
    editing.save_year_facts(workspace, 2025, unit_annual_goal="目标")
    assert not locks.stage_lock(workspace, 2025, TARGETS).locked


def test_excel_import_obeys_the_lock(workspace, tmp_path):
    book = Book(export_template(workspace, YEAR, tmp_path / "fillin.xlsx").read_bytes())
    indicator = workspace.load_year(YEAR).projects[0].targets.indicators[0]
    book.set("指标", book.row("指标", "指标编号", indicator.uid), "指标值", 4321)
    edited = tmp_path / "edited.xlsx"
    edited.write_bytes(book.save())
    with pytest.raises(StageLockedError):
        import_template(workspace, YEAR, edited)
    assert workspace.load_year(YEAR).projects[0].targets.indicators[0] == indicator
    open_adjustment(workspace, YEAR, TARGETS, "按填报表调整")
    report = import_template(workspace, YEAR, edited)
    assert report.indicators_changed == 1
    assert workspace.load_year(YEAR).projects[0].targets.indicators[0].target == D(4321)


def test_a_returned_stage_is_open(tmp_path_factory, tmp_path):
    unit = demo_unit(tmp_path_factory)
    workspace = Workspace.open(copy_workspace(unit.workspace, tmp_path / "unit"))
    upper = upper_workspace(tmp_path / "upper")
    try:
        register(
            upper, unit.pub_file, unit.unit_code, unit.unit_name, key_id=unit.public_key.key_id_hex
        )
        assert receive(upper, [unit.packages["targets-2"]])[0].status == "received"
        package = create_feedback(
            upper,
            unit_code=unit.unit_code,
            year=YEAR,
            stage=TARGETS,
            decision=Decision.RETURN,
            summary="目标不够具体",
            opinions=[Opinion("", "", "", "", "请量化")],
            out_dir=tmp_path / "fb",
            passphrase=UPPER_PASSPHRASE,
        )
        trust_upper(workspace, signing.export_public_key(upper, tmp_path / "upper.pub"))
        owner, indicator = _indicator(workspace)
        with pytest.raises(StageLockedError):
            editing.save_indicator(workspace, YEAR, owner, replace(indicator, target=D(5)))
        assert receive(workspace, [package])[0].status == "received"
        lock = locks.stage_lock(workspace, YEAR, TARGETS)
        assert (lock.signed, lock.locked, lock.returned, lock.reason) == (
            False,
            False,
            True,
            "目标不够具体",
        )
        editing.save_indicator(workspace, YEAR, owner, replace(indicator, target=D(5)))
        [feedback] = locks.feedback_of(workspace, YEAR)
        assert (feedback.stage, feedback.decision) == (TARGETS, Decision.RETURN)
        assert [item.text for item in feedback.opinions] == ["请量化"]
        # the chair's new sign-off locks it again
        editing.sign_off(
            workspace, YEAR, Signoff(TARGETS, SignoffRole.CHAIR, "陈建国", date(2024, 6, 1))
        )
        assert locks.stage_lock(workspace, YEAR, TARGETS).locked
    finally:
        upper.close()
        workspace.close()


def test_unit_evaluation_texts_on_a_fresh_year_pass(workspace):
    editing.add_year(workspace, 2025)
    editing.save_evaluation_texts(workspace, 2025, Evaluation(UNIT_OWNER, achieved_text="x"))


def test_a_signed_off_monitoring_point_cannot_be_deleted_without_an_adjustment(workspace):
    point = workspace.load_year(YEAR).points[-1]
    with pytest.raises(StageLockedError):
        editing.delete_point(workspace, YEAR, point.uid)
    assert point in workspace.load_year(YEAR).points
    open_adjustment(workspace, YEAR, f"monitoring-{point.cutoff.isoformat()}", "时点设置有误")
    editing.delete_point(workspace, YEAR, point.uid)
    held = workspace.load_year(YEAR)
    assert point not in held.points
    assert all(entry.point_uid != point.uid for entry in held.monitoring)
    assert _newest(workspace, 1)[0][:3] == ("delete", "monitoring_point", point.uid)


def _without_project(workspace: Workspace, uid: str):
    data = workspace.load_year(YEAR)
    deleted = snapshot_project(data, uid)
    assert deleted is not None
    return data, deleted


def test_a_deleted_project_comes_back_whole_in_one_call(workspace):
    data = workspace.load_year(YEAR)
    uid = next(
        project.uid
        for project in data.projects
        if any(entry.owner_uid == project.uid for entry in data.monitoring)
        and any(item.owner_uid == project.uid for item in data.evaluations)
    )
    for stage in (TARGETS, EVALUATION, *(point.stage for point in data.points)):
        with contextlib.suppress(InputError):
            open_adjustment(workspace, YEAR, stage, "撤销误删")
    before, deleted = _without_project(workspace, uid)
    editing.delete_project(workspace, YEAR, uid)
    assert workspace.load_year(YEAR).project(uid) is None
    editing.restore_project(workspace, YEAR, deleted)
    after = workspace.load_year(YEAR)
    assert after.project(uid) == deleted.project
    assert after.projects[-1].uid == uid

    def by_point(entries):
        return sorted(entries, key=lambda entry: entry.point_uid)

    assert by_point(e for e in after.monitoring if e.owner_uid == uid) == by_point(deleted.entries)
    assert deleted.entries
    restored = next(item for item in after.evaluations if item.owner_uid == uid)
    assert restored == deleted.evaluation
    assert with_restored(workspace.load_year(YEAR), deleted).project(uid) == after.project(uid)
    assert before.project(uid) == after.project(uid)


def test_a_refused_restore_saves_nothing(workspace):
    data = workspace.load_year(YEAR)
    uid = next(
        project.uid
        for project in data.projects
        if any(item.owner_uid == project.uid for item in data.evaluations)
    )
    open_adjustment(workspace, YEAR, TARGETS, "撤销误删")
    _, deleted = _without_project(workspace, uid)
    editing.delete_project(workspace, YEAR, uid)
    editing.sign_off(
        workspace, YEAR, Signoff(TARGETS, SignoffRole.CHAIR, "王主席", date(2025, 1, 5))
    )
    audits = len(_newest(workspace, 100_000))
    with pytest.raises(StageLockedError):
        editing.restore_project(workspace, YEAR, deleted)
    assert workspace.load_year(YEAR).project(uid) is None
    assert len(_newest(workspace, 100_000)) == audits


def test_opening_an_adjustment_backs_the_workspace_up_first(workspace):
    """The state as signed is kept in a backup named 调整前 before anything can change."""
    before = {item.path for item in workspace.backups()}
    open_adjustment(workspace, YEAR, TARGETS, "上级批复调减活动场次")
    made = [item for item in workspace.backups() if item.path not in before]
    assert [item.reason for item in made] == ["before-adjustment"]
    assert made[0].path.name.endswith("_调整前.sqlite")
    query = "SELECT role FROM signoff WHERE year = ? AND stage = ? AND role = 'chair'"
    with contextlib.closing(sqlite3.connect(made[0].path)) as connection:
        kept = connection.execute(query, (YEAR, TARGETS)).fetchall()
    assert kept == [("chair",)]  # taken before the chair's sign-off was withdrawn


def test_an_adjustment_refused_takes_no_backup(workspace):
    before = {item.path for item in workspace.backups()}
    with pytest.raises(InputError):
        open_adjustment(workspace, YEAR, TARGETS, "  ")
    assert {item.path for item in workspace.backups()} == before
