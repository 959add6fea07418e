"""事前绩效评估 through the SQLite store: bulk write, load, save, audit, lock, checks, undo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from unionperf.demo.data import demo_year
from unionperf.domain.assessment import Conclusion, ExAnteAssessment
from unionperf.domain.deleted_project import snapshot_project
from unionperf.domain.problems import ProblemCode
from unionperf.domain.settings import SignoffRole
from unionperf.domain.year import Signoff
from unionperf.services.common.errors import InputError
from unionperf.services.common.stages import StageLockedError
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import assessment, editing, signoffs
from unionperf.services.cycle.assessment import major_projects
from unionperf.services.cycle.signoffs import SignoffRefusedError

YEAR = 2025


def _record(uid: str, **changes: object) -> ExAnteAssessment:
    full = ExAnteAssessment(
        uid,
        necessity="会员需求调查：九成会员希望开展",
        feasibility="场地、人员已落实",
        expected_performance="覆盖会员800人次，满意度不低于90%",
        funding_soundness="三家询价取中，按标准列支",
        risks="天气影响：备有室内场地",
        conclusion=Conclusion.PASS,
        assessor="工会财务委员会",
        assessed_on=date(2024, 11, 20),
        evidence="委员会会议纪要、询价单",
    )
    return replace(full, **changes)


@pytest.fixture
def workspace(tmp_path):
    """An unsigned year whose first project is new and above a threshold of 100,000 元."""
    data = replace(demo_year(2024), year=YEAR, signoffs=(), assessments=())
    data = replace(data, settings=replace(data.settings, assessment_threshold=D(100000)))
    opened = Workspace.create(tmp_path / "ws", data.unit)
    editing.replace_year(opened, data)
    yield opened
    opened.close()


def _major(workspace: Workspace) -> str:
    [first, *_] = [item for item in major_projects(workspace.load_year(YEAR)) if item.required]
    return first.project.uid


def test_a_required_assessment_is_a_hard_problem_until_saved_complete_and_positive(workspace):
    uid = _major(workspace)
    codes = {problem.code for problem in workspace.check(YEAR)}
    assert ProblemCode.ASSESSMENT_MISSING in codes
    assessment.save_assessment(workspace, YEAR, _record(uid))
    data = workspace.load_year(YEAR)
    assert data.assessment_of(uid) == _record(uid)
    assert all(
        problem.code is not ProblemCode.ASSESSMENT_MISSING or problem.where.owner_uid != uid
        for problem in workspace.check(YEAR)
    )
    with workspace.reading() as uow:
        entry = uow.audit.newest(limit=1)[0]
    assert (entry.action, entry.entity, entry.entity_uid) == ("save", "ex_ante_assessment", uid)


def test_saving_the_same_record_again_changes_nothing(workspace):
    uid = _major(workspace)
    assessment.save_assessment(workspace, YEAR, _record(uid))
    with workspace.reading() as uow:
        before = len(uow.audit.newest(limit=1000))
    assessment.save_assessment(workspace, YEAR, _record(uid))
    with workspace.reading() as uow:
        assert len(uow.audit.newest(limit=1000)) == before


def test_a_bulk_written_year_reads_its_assessments_back(tmp_path):
    data = replace(demo_year(2024), year=YEAR, signoffs=())
    uid = data.projects[1].uid
    data = replace(data, assessments=(_record(uid, conclusion=None, assessed_on=None),))
    opened = Workspace.create(tmp_path / "bulk", data.unit)
    try:
        editing.replace_year(opened, data)
        assert opened.load_year(YEAR).assessments == data.assessments
    finally:
        opened.close()


def test_the_chair_cannot_sign_the_targets_off_before_a_positive_assessment(workspace):
    uid = _major(workspace)
    chair = Signoff("targets", SignoffRole.CHAIR, "王主席", date(2025, 1, 10))
    with pytest.raises(SignoffRefusedError) as refused:
        signoffs.sign_off(workspace, YEAR, chair)
    assert "A001" in str(refused.value)
    assert any(p.code is ProblemCode.ASSESSMENT_MISSING for p in refused.value.problems)
    assessment.save_assessment(workspace, YEAR, _record(uid, conclusion=Conclusion.REJECT))
    with pytest.raises(SignoffRefusedError, match="A002"):
        signoffs.sign_off(workspace, YEAR, chair)
    assessment.save_assessment(workspace, YEAR, _record(uid, conclusion=Conclusion.PASS_ADJUSTED))
    blockers = signoffs.blockers_of(workspace.load_year(YEAR), "targets")
    assert not [p for p in blockers if p.where.owner_uid == uid]


def test_signed_off_targets_refuse_a_change_of_the_assessment(workspace):
    uid = _major(workspace)
    data = workspace.load_year(YEAR)
    chair = Signoff("targets", SignoffRole.CHAIR, "王主席", date(2025, 1, 10))
    editing.replace_year(workspace, replace(data, assessments=(_record(uid),), signoffs=(chair,)))
    with pytest.raises(StageLockedError):
        assessment.save_assessment(workspace, YEAR, _record(uid, risks="另有风险"))
    assert workspace.load_year(YEAR).assessment_of(uid) == _record(uid)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"assessed_on": date(2026, 1, 1)}, "评估日期2026-01-01应在2020-01-01至2025-12-31之间"),
        ({"assessed_on": date(2019, 12, 31)}, "评估日期2019-12-31应在2020-01-01至2025-12-31之间"),
        ({"risks": "险" * 32768}, "主要风险及应对：不能超过32767个字"),
    ],
)
def test_impossible_input_is_refused_and_nothing_is_saved(workspace, changes, message):
    uid = _major(workspace)
    with pytest.raises(InputError, match=message):
        assessment.save_assessment(workspace, YEAR, _record(uid, **changes))
    assert workspace.load_year(YEAR).assessment_of(uid) is None


def test_an_unknown_project_is_refused(workspace):
    with pytest.raises(InputError, match="没有这个项目"):
        assessment.save_assessment(workspace, YEAR, _record("no-such-project"))


def test_deleting_a_project_takes_its_assessment_and_undo_brings_it_back(workspace):
    uid = _major(workspace)
    assessment.save_assessment(workspace, YEAR, _record(uid))
    snapshot = snapshot_project(workspace.load_year(YEAR), uid)
    assert snapshot is not None
    editing.delete_project(workspace, YEAR, uid)
    assert workspace.load_year(YEAR).assessments == ()
    editing.restore_project(workspace, YEAR, snapshot)
    assert workspace.load_year(YEAR).assessment_of(uid) == _record(uid)


def test_a_rejected_project_stays_blocked(workspace):
    uid = _major(workspace)
    assessment.save_assessment(workspace, YEAR, _record(uid, conclusion=Conclusion.REJECT))
    blocking = [p for p in workspace.check(YEAR) if p.where.owner_uid == uid]
    assert ProblemCode.ASSESSMENT_NOT_POSITIVE in {p.code for p in blocking}
