"""Use-case logic through the in-memory fake store: no SQLite, no disk, milliseconds per test.

Every refused call is checked for "nothing saved": the fake's committed state is the same
object-for-object as before (a refused unit of work rolls back its copy).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from tests.domain import worked_example
from tests.services.fake_data import EVALUATION, POINT, SATISFACTION, TARGETS, UNIT, YEAR
from tests.services.fakes import FakeState, FakeWorkspace, chair_signs
from unionperf.domain.budget import UNIT_OWNER, BudgetLine
from unionperf.domain.evaluation import IndicatorResult
from unionperf.domain.feedback import Decision, Opinion
from unionperf.domain.indicators import Indicator, Operator, Tier
from unionperf.domain.monitoring import MonitoringEntry, MonitoringPoint
from unionperf.domain.settings import RuleSettings, SignoffRole
from unionperf.domain.year import Signoff, YearData
from unionperf.services.common.errors import InputError, ServiceError
from unionperf.services.common.progress import Cancelled
from unionperf.services.common.stages import StageLockedError
from unionperf.services.cycle import editing, locks, new_year
from unionperf.services.upper.feedback import create_feedback
from unionperf.services.upper.opinions import parse_decision
from unionperf.services.upper.register import register
from unionperf.store.register import Received


@pytest.fixture
def workspace() -> FakeWorkspace:
    opened = FakeWorkspace()
    opened.save_unit(UNIT)
    with opened.unit_of_work() as uow:
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
    return opened


def _snapshot(state: FakeState) -> dict[str, object]:
    """The committed state's containers, compared by value."""
    copied = state.copy()
    return {name: getattr(copied, name) for name in vars(copied)}


@pytest.fixture
def unchanged(workspace):
    """Assert after the test body that nothing was committed (call it after the refusal)."""
    before = _snapshot(workspace.state)
    commits = workspace.store.commits

    def check() -> None:
        assert _snapshot(workspace.state) == before
        assert workspace.store.commits == commits

    return check


# -- stage locks (services/cycle/locks.py) -----------------------------------------------------


def test_an_adjustment_needs_a_reason(workspace):
    chair_signs(workspace, YEAR, TARGETS)
    unchanged_after_signing = _snapshot(workspace.state)
    with pytest.raises(InputError, match="请填写调整原因") as refused:
        locks.open_adjustment(workspace, YEAR, TARGETS, "   ")
    assert refused.value.where == "调整 › 绩效目标"
    assert _snapshot(workspace.state) == unchanged_after_signing


def test_an_unsigned_stage_needs_no_adjustment(workspace, unchanged):
    with pytest.raises(InputError, match="尚未经工会主席签字确认"):
        locks.open_adjustment(workspace, YEAR, TARGETS, "上级要求调整")
    unchanged()
    assert workspace.store.rollbacks == 0  # refused on reading, before any transaction
    assert workspace.backed_up == []  # and before the backup taken for an adjustment
    assert locks.stage_lock(workspace, YEAR, TARGETS).status == "open"


def test_signed_off_targets_refuse_changes_and_nothing_is_saved(workspace):
    chair_signs(workspace, YEAR, TARGETS)
    before = _snapshot(workspace.state)
    indicator = worked_example.INDICATORS[0]
    with pytest.raises(StageLockedError) as refused:
        editing.save_indicator(workspace, YEAR, "p1", replace(indicator, target=D(99)))
    assert (refused.value.stage, refused.value.label) == (TARGETS, "绩效目标")
    with pytest.raises(StageLockedError):
        editing.delete_indicator(workspace, indicator.uid)
    with pytest.raises(StageLockedError):
        editing.save_year_facts(workspace, YEAR, unit_annual_goal="改过的目标")
    assert _snapshot(workspace.state) == before
    # the opening balance and the budget are not part of a stage: still editable
    editing.save_year_facts(workspace, YEAR, opening_balance="1000.5")
    assert workspace.load_year(YEAR).opening_balance == D("1000.50")
    # saving identical values is no change and passes
    editing.save_indicator(workspace, YEAR, "p1", indicator)


def test_an_adjustment_unlocks_until_the_chair_signs_again(workspace):
    chair_signs(workspace, YEAR, TARGETS)
    assert locks.stage_lock(workspace, YEAR, TARGETS).locked
    locks.open_adjustment(workspace, YEAR, TARGETS, "  上级审核意见要求  ")
    state = locks.stage_lock(workspace, YEAR, TARGETS)
    assert (state.adjusting, state.reason) == (True, "上级审核意见要求")
    assert locks.stages_adjusting(workspace, YEAR) == {TARGETS}
    editing.save_indicator(workspace, YEAR, UNIT_OWNER, SATISFACTION)
    assert workspace.load_year(YEAR).unit_targets.indicators == (SATISFACTION,)
    assert workspace.state.audit[-1].action == "save"
    assert any(entry.action == "adjust" for entry in workspace.state.audit)

    chair_signs(workspace, YEAR, TARGETS, name="李主席")
    assert locks.stage_lock(workspace, YEAR, TARGETS).locked
    assert locks.stages_adjusting(workspace, YEAR) == set()
    with pytest.raises(StageLockedError):
        editing.save_indicator(workspace, YEAR, UNIT_OWNER, replace(SATISFACTION, target=D(95)))


def test_withdrawing_the_chairs_signoff_unlocks_the_stage(workspace):
    chair_signs(workspace, YEAR, EVALUATION)
    with pytest.raises(StageLockedError):
        editing.save_result(workspace, YEAR, IndicatorResult("i1", actual=D(13)))
    locks.withdraw_signoff(workspace, YEAR, EVALUATION, SignoffRole.PREPARER)  # none: no-op
    assert locks.stage_lock(workspace, YEAR, EVALUATION).locked
    locks.withdraw_signoff(workspace, YEAR, EVALUATION, SignoffRole.CHAIR)
    assert not locks.stage_lock(workspace, YEAR, EVALUATION).signed
    editing.save_result(workspace, YEAR, IndicatorResult("i1", actual=D(13)))
    assert workspace.load_year(YEAR).evaluation_of("p1").result_for("i1").actual == D(13)


def test_a_returned_stage_has_its_signoffs_withdrawn(workspace):
    chair_signs(workspace, YEAR, TARGETS)
    with workspace.unit_of_work() as uow:
        assert uow.submissions.return_stage(YEAR, TARGETS, "目标值偏低") == 1
    state = locks.stage_lock(workspace, YEAR, TARGETS)
    assert state.returned
    assert state.reason == "目标值偏低"
    editing.save_indicator(workspace, YEAR, UNIT_OWNER, SATISFACTION)  # editable again
    chair_signs(workspace, YEAR, TARGETS)
    assert locks.stage_lock(workspace, YEAR, TARGETS).status == "open"


def test_feedback_of_gives_the_year_s_feedback_in_order(workspace):
    opinions = (Opinion("p1", "i1", "", "", "目标值偏低"), Opinion("", "", "", "", "请补充佐证"))
    with workspace.unit_of_work() as uow:
        for sequence, decision in ((1, Decision.RETURN), (2, Decision.APPROVE)):
            uow.submissions.add_feedback(
                f"{sequence}" * 64,
                year=YEAR,
                stage=TARGETS,
                sequence=sequence,
                decision=decision,
                sender="市总工会",
                opinions=opinions if decision is Decision.RETURN else (),
            )
    first, second = locks.feedback_of(workspace, YEAR)
    assert (first.stage, first.decision, first.sender) == (TARGETS, Decision.RETURN, "市总工会")
    assert (first.sequence, first.opinions) == (1, opinions)
    assert (second.sequence, second.decision, second.opinions) == (2, Decision.APPROVE, ())
    assert locks.feedback_of(workspace, YEAR + 1) == []


# -- workspace edits that check their input (services/common/workspace.py) ----------------------


def test_a_monitoring_point_must_lie_in_its_year(workspace, unchanged):
    with pytest.raises(InputError, match="不在2024年度内"):
        editing.save_point(workspace, YEAR, MonitoringPoint("m2", date(YEAR + 1, 1, 31)))
    unchanged()


def test_a_signed_monitoring_point_is_locked(workspace):
    chair_signs(workspace, YEAR, POINT.stage)
    with pytest.raises(StageLockedError) as refused:
        editing.save_point(workspace, YEAR, replace(POINT, label="1–8月"))
    assert refused.value.label == "运行监控（2024-07-31）"
    with pytest.raises(StageLockedError):
        editing.save_entry(workspace, MonitoringEntry("m1", "p1", executed=D(1000)))
    editing.save_point(
        workspace, YEAR, MonitoringPoint("m2", date(YEAR, 10, 31))
    )  # a new point is free
    assert [p.uid for p in workspace.load_year(YEAR).points] == ["m1", "m2"]


@pytest.mark.parametrize("field", ["executed", "forecast"])
def test_monitoring_amounts_cannot_be_negative(workspace, unchanged, field):
    with pytest.raises(InputError, match="不能为负数"):
        editing.save_entry(workspace, MonitoringEntry("m1", "p1", **{field: D(-1)}))
    unchanged()


def test_monitoring_of_an_unknown_point_is_refused(workspace, unchanged):
    with pytest.raises(InputError, match="找不到监控时点"):
        editing.save_entry(workspace, MonitoringEntry("nope", "p1", executed=D(1)))
    unchanged()
    editing.save_entry(workspace, MonitoringEntry("m1", "p1", executed=D(1)))
    assert workspace.load_year(YEAR).entry("m1", "p1").executed == D(1)


def test_a_signoff_needs_a_name(workspace, unchanged):
    with pytest.raises(InputError, match="请填写签字人姓名"):
        editing.sign_off(
            workspace, YEAR, Signoff(TARGETS, SignoffRole.CHAIR, "  ", date(YEAR, 3, 1))
        )
    unchanged()
    assert not locks.stage_lock(workspace, YEAR, TARGETS).signed


def test_a_result_for_an_unknown_indicator_rolls_back(workspace, unchanged):
    with pytest.raises(InputError, match="2024年度没有指标（x9）"):
        editing.save_result(workspace, YEAR, IndicatorResult("x9", actual=D(1)))
    unchanged()
    assert workspace.store.rollbacks == 1


def test_a_qualitative_score_must_lie_in_its_tier(workspace, unchanged):
    with pytest.raises(InputError, match="得分应在"):
        editing.save_result(workspace, YEAR, IndicatorResult("i7", tier=Tier.PARTIAL, score=D(13)))
    unchanged()


def test_an_indicator_outside_the_framework_is_refused(workspace, unchanged):
    bad = Indicator("x1", "产出指标", "满意度指标", "错误分类", Operator.GE, D(1), points=D(1))
    with pytest.raises(InputError, match="不在指标体系中"):
        editing.save_indicator(workspace, YEAR, "p1", bad)
    with pytest.raises(InputError, match="找不到项目"):
        editing.save_indicator(workspace, YEAR, "nope", SATISFACTION)
    with pytest.raises(InputError, match="未知的指标体系"):
        editing.save_settings(workspace, YEAR, RuleSettings(framework_code="no-such-framework"))
    unchanged()


def test_a_new_year_takes_the_previous_years_settings(workspace):
    settings = RuleSettings(lag_points=D(15))
    editing.save_settings(workspace, YEAR, settings)
    editing.add_year(workspace, YEAR + 1)
    assert workspace.years() == [YEAR, YEAR + 1]
    assert workspace.load_year(YEAR + 1).settings == settings


def test_a_carried_year_continues_the_project_with_its_uid_and_proposals_only(workspace):
    editing.save_indicator(workspace, YEAR, UNIT_OWNER, SATISFACTION)
    editing.save_year_facts(workspace, YEAR, unit_annual_goal="全年服务会员")
    made = new_year.start_year(workspace, YEAR + 1, copy_from=YEAR)
    assert (made.source, made.projects, made.indicators) == (
        YEAR,
        ("2024年职工文体活动经费",),
        len(worked_example.INDICATORS) + 1,
    )
    data = workspace.load_year(YEAR + 1)
    [project] = data.projects
    assert project.uid == "p1"  # one project across its years
    assert project.attribute.value == "continuing"
    [funding] = project.funding
    assert (funding.initial, funding.adjusted, funding.executed) == (D(200000), D(200000), 0)
    assert [i.name for i in project.targets.indicators] == [
        i.name for i in worked_example.INDICATORS
    ]
    assert {i.uid for i in project.targets.indicators}.isdisjoint({"i1", "i2"})
    assert [i.name for i in data.unit_targets.indicators] == ["会员满意度"]
    assert data.unit_targets.annual_goal == "全年服务会员"
    assert [(line.category_code, line.budget) for line in data.budget] == [("401", D(300000))]
    assert (data.evaluations, data.monitoring, data.points, data.signoffs) == ((), (), (), ())


@pytest.mark.parametrize(
    ("year", "source", "message"),
    [
        (YEAR, None, "2024年度已存在（工作区现有年度：2024）"),
        (YEAR + 1, YEAR - 1, "工作区中没有2023年度的数据，无法复制（现有年度：2024）"),
        (YEAR - 1, YEAR, "只能从更早的年度复制：2024年度不早于2023年度"),
        (1999, None, "年度1999无效：应在2000至2100之间"),
    ],
)
def test_a_new_year_is_refused_with_the_years_held(workspace, unchanged, year, source, message):
    with pytest.raises(InputError, match=message) as refused:
        new_year.start_year(workspace, year, copy_from=source)
    assert refused.value.where == "新建年度"
    unchanged()


def test_a_cancelled_carry_forward_saves_nothing(workspace, unchanged):
    class CancelAtOnce:
        def step(self, done: int, total: int) -> None:
            """Not reached."""

        def cancelled(self) -> bool:
            return True

    with pytest.raises(Cancelled):
        new_year.start_year(workspace, YEAR + 1, YEAR, CancelAtOnce())
    unchanged()


def test_a_deleted_project_stays_in_its_other_year(workspace):
    new_year.start_year(workspace, YEAR + 1, copy_from=YEAR)
    editing.delete_project(workspace, YEAR + 1, "p1")
    assert workspace.load_year(YEAR + 1).projects == ()
    assert workspace.load_year(YEAR).project("p1") is not None


def test_a_failing_unit_of_work_saves_none_of_its_writes(workspace, unchanged):
    def write_then_fail() -> None:
        with workspace.unit_of_work() as uow:
            uow.years.save_budget_line(YEAR, BudgetLine("501", budget=D(1)))
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_then_fail()
    unchanged()


def test_a_savepoint_undoes_only_its_block(workspace):
    with workspace.unit_of_work() as uow:
        uow.years.save_budget_line(YEAR, BudgetLine("501", budget=D(1)))

        def write_then_fail() -> None:
            with uow.savepoint():
                uow.years.save_budget_line(YEAR, BudgetLine("502", budget=D(2)))
                raise InputError("bad package")

        with pytest.raises(InputError):
            write_then_fail()
    assert [line.category_code for line in workspace.load_year(YEAR).budget] == ["401", "501"]


# -- the upper level: register and feedback (services/upper) ------------------------------------


def test_registering_a_unit_checks_code_and_name_first(workspace, unchanged):
    missing = Path("/nonexistent/unit.pub")  # never read: the checks come first
    key_id = "1A2B3C4D5E6F7A8B"
    with pytest.raises(InputError, match="校验位错误"):
        register(workspace, missing, "91350100M000100Y44", "某工会", key_id=key_id)
    with pytest.raises(InputError, match="请填写单位名称"):
        register(workspace, missing, UNIT.credit_code, "  ", key_id=key_id)
    with pytest.raises(InputError, match="密钥编号应为16位"):
        register(workspace, missing, UNIT.credit_code, "某工会", key_id="1A2B 3C4D")
    unchanged()


def test_feedback_needs_a_registered_unit_and_a_received_package(workspace, unchanged):
    def feedback() -> Path:
        return create_feedback(
            workspace,
            unit_code=UNIT.credit_code,
            year=YEAR,
            stage=TARGETS,
            decision=Decision.APPROVE,
            summary="",
            opinions=(),
            out_dir=Path("/nonexistent/out"),
            passphrase="never used",
        )

    with pytest.raises(InputError, match="未登记"):
        feedback()
    unchanged()
    with workspace.unit_of_work() as uow:
        uow.register.register(UNIT.credit_code, UNIT.name, "untrusted comment\nKEY\n", "K1")
    with pytest.raises(InputError, match="尚未接收"):
        feedback()


def test_a_newer_package_supersedes_the_current_one(workspace):
    def received(sequence: int) -> None:
        record = Received(
            UNIT.credit_code, YEAR, TARGETS, sequence, f"{sequence:064}", True, "", ""
        )
        with workspace.unit_of_work() as uow:
            uow.register.add_received(
                record, package_id=f"p{sequence}", key_id="K1", meta={}, data_json="{}"
            )

    with pytest.raises(ServiceError, match="本次修改未保存"):
        received(1)  # from a unit not registered
    with workspace.unit_of_work() as uow:
        uow.register.register(UNIT.credit_code, UNIT.name, "untrusted comment\nKEY\n", "K1")
    received(1)
    received(2)
    with workspace.reading() as uow:
        current = uow.register.current(UNIT.credit_code, YEAR, TARGETS)
        assert current is not None
        assert current.sequence == 2
        assert uow.register.is_received(f"{1:064}")
        assert [item.current for item in uow.register.received()] == [False, True]


def test_a_decision_is_approve_or_return():
    assert parse_decision("return") is Decision.RETURN
    assert parse_decision("approve") is Decision.APPROVE
    with pytest.raises(InputError, match="approve"):
        parse_decision("maybe")
