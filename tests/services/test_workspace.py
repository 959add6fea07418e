"""Workspace services: bad input is refused with a Chinese message and nothing is half-saved."""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import replace
from decimal import Decimal as D

import pytest

from tests.domain import worked_example
from unionperf.domain.budget import BudgetLine
from unionperf.domain.evaluation import IndicatorResult
from unionperf.domain.indicators import Indicator, Operator, Tier
from unionperf.domain.settings import RuleSettings
from unionperf.domain.unit import UnitProfile
from unionperf.domain.year import YearData
from unionperf.services.common import inputs
from unionperf.services.common.errors import InputError, ServiceError
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import editing, new_year

UNIT = UnitProfile("华东精密机械有限公司工会委员会", "91350100M000100Y43")


@pytest.fixture
def workspace(tmp_path):
    opened = Workspace.create(tmp_path / "ws", UNIT)
    editing.replace_year(
        opened,
        YearData(
            2024,
            UNIT,
            projects=(worked_example.project(),),
            evaluations=(worked_example.evaluation(),),
            budget=(BudgetLine("401", budget=D(300000)), BudgetLine("501", budget=D(250000))),
        ),
    )
    yield opened
    opened.close()


def _audit_count(workspace: Workspace) -> int:
    with workspace.reading() as uow:
        return len(uow.audit.newest(limit=10_000))


def test_worked_example_through_the_store(workspace):
    score = workspace.score(2024)
    assert score.projects[0].score.total == D("91.55")


def test_invalid_credit_code_is_rejected(workspace):
    before = _audit_count(workspace)
    with pytest.raises(InputError, match="校验位错误") as caught:
        workspace.save_unit(replace(UNIT, credit_code="91350100M000100Y44"))
    assert "统一社会信用代码" in caught.value.where
    assert workspace.unit() == UNIT
    assert _audit_count(workspace) == before


def test_negative_amount_is_rejected(workspace):
    with pytest.raises(InputError, match="不能为负数"):
        editing.save_budget_line(workspace, 2024, BudgetLine("501", budget=D(-1)))
    assert workspace.load_year(2024).budget[1].budget == D(250000)


def test_text_in_numeric_target_is_rejected():
    with pytest.raises(InputError, match="“十二场”不是数字") as caught:
        inputs.number("十二场", "指标“举办职工文体活动场次” › 指标值")
    assert "指标值" in str(caught.value)


def test_weights_that_do_not_add_up_are_rejected(workspace):
    settings = RuleSettings()
    bad = replace(settings, weights={**settings.weights, "产出指标": D(55)})
    with pytest.raises(InputError, match="合计为105分，应为100分"):
        editing.save_settings(workspace, 2024, bad)
    assert workspace.load_year(2024).settings == settings


def test_qualitative_score_outside_its_tier_is_rejected(workspace):
    before = workspace.load_year(2024).evaluation_of("p1").result_for("i7")
    with pytest.raises(InputError, match="得分应在") as caught:
        editing.save_result(workspace, 2024, IndicatorResult("i7", tier=Tier.PARTIAL, score=D(13)))
    assert "文体活动长效机制建设" in str(caught.value)
    assert workspace.load_year(2024).evaluation_of("p1").result_for("i7") == before


def test_indicator_outside_framework_is_rejected(workspace):
    bad = Indicator(
        "x1", "产出指标", "满意度指标", "错误分类", Operator.GE, D(1), unit="次", points=D(1)
    )
    with pytest.raises(InputError, match="不在指标体系中"):
        editing.save_indicator(workspace, 2024, "p1", bad)
    assert workspace.load_year(2024).project("p1").targets.indicator("x1") is None


def test_edit_is_saved_and_audited(workspace):
    before = _audit_count(workspace)
    editing.save_result(workspace, 2024, IndicatorResult("i1", actual=D(12)))
    assert workspace.score(2024).projects[0].score.total == D("94.05")
    assert _audit_count(workspace) == before + 1


def test_a_carried_year_is_saved_with_an_audit_entry_for_each_record(workspace):
    revenue, spending = workspace.load_year(2024).budget
    # 401 会费收入 received in full and a little more; 501 spent (both sides make 上年结余)
    editing.save_budget_line(workspace, 2024, replace(revenue, executed=D(310000)))
    editing.save_budget_line(workspace, 2024, replace(spending, executed=D(240000)))
    before = _audit_count(workspace)
    made = new_year.start_year(workspace, 2025, copy_from=2024)
    data = workspace.load_year(2025)
    assert data.project("p1") is not None
    assert data.project("p1").targets.annual_goal == "全年举办职工文体活动不少于12场"
    assert [(line.category_code, line.last_year_actual, line.budget) for line in data.budget] == [
        ("401", D(310000), D(300000)),
        ("501", D(240000), D(250000)),
    ]
    assert data.opening_balance == made.opening_balance == D(310000) - D(240000)
    records = 1 + 1 + len(data.budget) + 1 + len(worked_example.INDICATORS)  # year, goals …
    assert _audit_count(workspace) == before + records
    assert workspace.load_year(2024).project("p1").funding[0].executed == D(204600)


def test_missing_workspace_is_a_clear_error(tmp_path):
    with pytest.raises(ServiceError, match="工作区不存在"):
        Workspace.open(tmp_path / "nowhere")


def test_corrupted_database_is_a_clear_error(tmp_path):
    root = tmp_path / "ws"
    Workspace.create(root, UNIT).close()
    (root / "unionperf.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(ServiceError, match="损坏"):
        Workspace.open(root)


def test_full_disk_is_a_clear_error_and_keeps_saved_data(workspace):
    from sqlalchemy import event  # noqa: PLC0415

    from unionperf.demo.data import demo_years  # noqa: PLC0415

    engine = workspace._store.engine
    with engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar_one()
    engine.dispose()

    def limit_size(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

    event.listen(engine, "connect", limit_size)
    before = workspace.load_year(2024)
    with pytest.raises(ServiceError, match="磁盘空间不足，本次修改未保存"):
        editing.replace_year(workspace, demo_years()[1])
    assert workspace.load_year(2024) == before


def test_interval_target_is_saved_and_read_back(workspace):
    coverage = Indicator(
        "v1",
        "效益指标",
        "社会效益指标",
        "困难职工帮扶覆盖率",
        Operator.INTERVAL,
        D(60),
        unit="%",
        points=D(5),
        target_upper=D(80),
    )
    editing.save_indicator(workspace, 2024, "p1", coverage)
    assert workspace.load_year(2024).project("p1").targets.indicator("v1") == coverage


def test_interval_with_the_lower_bound_above_the_upper_is_rejected(workspace):
    bad = Indicator(
        "v2",
        "效益指标",
        "社会效益指标",
        "反了的区间",
        Operator.INTERVAL,
        D(80),
        unit="%",
        points=D(5),
        target_upper=D(60),
    )
    with pytest.raises(InputError, match="区间下限80大于上限60"):
        editing.save_indicator(workspace, 2024, "p1", bad)
    assert workspace.load_year(2024).project("p1").targets.indicator("v2") is None


def test_qualitative_score_rounding_out_of_its_tier_is_rejected(workspace):
    """w = 15: 部分达成 is [9, 12); 11.999 counts as 12.00, so it is refused."""
    with pytest.raises(InputError, match=r"按两位小数计为12\.00"):
        editing.save_result(
            workspace, 2024, IndicatorResult("i7", tier=Tier.PARTIAL, score=D("11.999"))
        )


def test_a_new_year_is_started_after_a_backup_named_for_it(workspace):
    before = {item.path for item in workspace.backups()}
    made = new_year.start_year(workspace, 2025, copy_from=2024)
    taken = [item for item in workspace.backups() if item.path not in before]
    assert [item.reason for item in taken] == ["before-new-year"]
    assert taken[0].path.name.endswith("_新建年度前.sqlite")
    assert made.backup == taken[0]
    with contextlib.closing(sqlite3.connect(taken[0].path)) as connection:
        years = connection.execute("SELECT year FROM fiscal_year ORDER BY year").fetchall()
    assert years == [(2024,)]  # the state before the year was added


def test_an_empty_new_year_is_started_after_a_backup_too(workspace):
    made = new_year.start_year(workspace, 2025)
    assert made.backup is not None
    assert made.backup.reason == "before-new-year"
    assert made.backup.path.exists()


def test_a_refused_new_year_takes_no_backup(workspace):
    before = {item.path for item in workspace.backups()}
    with pytest.raises(InputError):
        new_year.start_year(workspace, 2024)
    assert {item.path for item in workspace.backups()} == before
