"""Sign-off gates and adjustments through the services, on a real (SQLite) workspace."""

from __future__ import annotations

from datetime import date

import pytest

from unionperf.domain.problems import ProblemCode
from unionperf.domain.settings import SignoffRole
from unionperf.domain.year import Signoff
from unionperf.services.common.errors import InputError
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import editing, locks
from unionperf.services.cycle.demo import create_demo

YEAR = 2024
TARGETS = "targets"


@pytest.fixture
def workspace(tmp_path):
    opened = create_demo(tmp_path / "ws")
    yield opened
    opened.close()


def _newest(workspace: Workspace, count: int) -> list[tuple[str, str, str, dict]]:
    with workspace.reading() as uow:
        return [
            (row.action, row.entity, row.entity_uid, row.changes)
            for row in uow.audit.newest(limit=count)
        ]


def _strip_project_indicators(workspace: Workspace):
    """Withdraw the chair's sign-off, then delete every indicator of the first project."""
    locks.withdraw_signoff(workspace, YEAR, TARGETS, SignoffRole.CHAIR)
    project = workspace.load_year(YEAR).projects[0]
    for indicator in project.targets.indicators:
        editing.delete_indicator(workspace, indicator.uid)
    return project


def test_nobody_signs_targets_while_a_project_has_no_indicators(workspace):
    project = _strip_project_indicators(workspace)
    before = _newest(workspace, 1)
    for role in SignoffRole:
        signoff = Signoff(TARGETS, role, "陈建国", date(2024, 2, 1))
        with pytest.raises(InputError) as refused:
            editing.sign_off(workspace, YEAR, signoff)
        codes = [(p.code, p.where.owner_uid) for p in refused.value.problems]
        assert (ProblemCode.TARGET_NO_INDICATORS, project.uid) in codes
        assert "须修改的问题，解决后才能签字" in str(refused.value)
        assert str(refused.value).startswith("签字确认 › 绩效目标 › ")
        assert any(line.startswith("T002 ") for line in refused.value.details())
    assert SignoffRole.CHAIR not in workspace.load_year(YEAR).signoffs_for(TARGETS)
    assert _newest(workspace, 1) == before  # nothing written, not even to the history
    assert not locks.stage_lock(workspace, YEAR, TARGETS).locked


def test_the_chair_signs_once_the_problems_are_fixed(workspace):
    project = _strip_project_indicators(workspace)
    for position, indicator in enumerate(project.targets.indicators):
        editing.save_indicator(workspace, YEAR, project.uid, indicator, position)
    editing.sign_off(
        workspace, YEAR, Signoff(TARGETS, SignoffRole.CHAIR, "陈建国", date(2024, 2, 1))
    )
    assert locks.stage_lock(workspace, YEAR, TARGETS).locked


def test_an_empty_name_is_refused_with_its_place(workspace):
    with pytest.raises(InputError, match="签字确认 › 绩效自评 › 经审会主任：请填写签字人姓名"):
        editing.sign_off(
            workspace,
            YEAR,
            Signoff("self-evaluation", SignoffRole.AUDIT_CHAIR, " ", date(2025, 1, 2)),
        )


def test_a_monitoring_stage_must_name_a_point_of_the_year(workspace):
    signoff = Signoff("monitoring-2024-05-31", SignoffRole.CHAIR, "陈建国", date(2024, 6, 2))
    with pytest.raises(InputError, match="没有截至2024-05-31的监控时点"):
        editing.sign_off(workspace, YEAR, signoff)


def test_an_adjustment_withdraws_the_chair_and_audit_chair_and_asks_them_again(workspace):
    assert workspace.check(YEAR) == []
    withdrawn = locks.open_adjustment(workspace, YEAR, TARGETS, "会员代表大会调整目标")
    assert withdrawn == (SignoffRole.CHAIR, SignoffRole.AUDIT_CHAIR)
    held = workspace.load_year(YEAR).signoffs_for(TARGETS)
    assert set(held) == {SignoffRole.PREPARER}
    lock = locks.stage_lock(workspace, YEAR, TARGETS)
    assert (lock.signed, lock.locked, lock.adjusting) == (False, False, True)
    # the history keeps who had signed, and why the stage was opened
    adjusted, audit_chair, chair = _newest(workspace, 3)
    assert adjusted[:3] == ("adjust", "stage", TARGETS)
    assert adjusted[3]["reason"] == "会员代表大会调整目标"
    assert audit_chair[:3] == ("withdraw", "signoff", "targets/audit_chair")
    assert audit_chair[3]["name"][0] == "王秀英"
    assert chair[:3] == ("withdraw", "signoff", "targets/chair")
    assert chair[3]["name"][0] == "陈建国"
    assert workspace.audit_breaks() == []
    # the problems ask for both sign-offs again
    again = [(p.code, p.where.field) for p in workspace.check(YEAR)]
    assert again == [
        (ProblemCode.SIGNOFF_AGAIN, "chair"),
        (ProblemCode.SIGNOFF_AGAIN, "audit_chair"),
    ]
    editing.sign_off(
        workspace, YEAR, Signoff(TARGETS, SignoffRole.CHAIR, "陈建国", date(2024, 3, 1))
    )
    assert locks.stage_lock(workspace, YEAR, TARGETS).locked
    assert [(p.code, p.where.field) for p in workspace.check(YEAR)] == [
        (ProblemCode.SIGNOFF_MISSING, "audit_chair")
    ]
    editing.sign_off(
        workspace, YEAR, Signoff(TARGETS, SignoffRole.AUDIT_CHAIR, "王秀英", date(2024, 3, 2))
    )
    assert workspace.check(YEAR) == []


def test_resuming_an_adjustment_leaves_the_sign_offs_as_they_are(workspace):
    locks.open_adjustment(workspace, YEAR, TARGETS, "调整")
    editing.sign_off(
        workspace, YEAR, Signoff(TARGETS, SignoffRole.AUDIT_CHAIR, "王秀英", date(2024, 3, 2))
    )
    editing.sign_off(
        workspace, YEAR, Signoff(TARGETS, SignoffRole.CHAIR, "陈建国", date(2024, 3, 3))
    )
    # the undo of the chair's sign-off: withdraw it, then reopen the adjustment
    locks.withdraw_signoff(workspace, YEAR, TARGETS, SignoffRole.CHAIR)
    locks.resume_adjustment(workspace, YEAR, TARGETS, "调整")
    lock = locks.stage_lock(workspace, YEAR, TARGETS)
    assert (lock.adjusting, lock.reason) == (True, "调整")
    held = workspace.load_year(YEAR).signoffs_for(TARGETS)
    assert set(held) == {SignoffRole.PREPARER, SignoffRole.AUDIT_CHAIR}
