"""The store keeps a project's 清理退出 and reads a project's years; 20261207_0501 migrates."""

from __future__ import annotations

from dataclasses import replace

from alembic import command
from sqlalchemy import inspect

from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle.demo import create_demo
from unionperf.store import migrate
from unionperf.store.engine import sqlite_engine

HOME = "p2023-03"
REASON = "第二期使用人次未达目标，申请清理退出"


def _columns(database, table: str) -> set[str]:
    engine = sqlite_engine(database)
    try:
        return {column["name"] for column in inspect(engine).get_columns(table)}
    finally:
        engine.dispose()


def test_a_workspace_from_before_multi_year_opens_with_nothing_flagged(tmp_path):
    create_demo(tmp_path / "ws").close()
    database = tmp_path / "ws" / "unionperf.sqlite"
    engine = sqlite_engine(database)
    config = migrate.alembic_config()
    with engine.connect() as connection:
        connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        with connection.begin():
            config.attributes["connection"] = connection
            command.downgrade(config, "20261207_0101")
    engine.dispose()
    assert "clear_out" not in _columns(database, "project")
    assert "cumulative_budget_fen" not in _columns(database, "received_score")
    workspace = Workspace.open(tmp_path / "ws")
    try:
        data = workspace.load_year(2024)
        assert not any(project.clear_out for project in data.projects)
        assert [(item.year, item.project_uid) for item in data.project_history] == [(2023, HOME)]
    finally:
        workspace.close()
    assert {"clear_out", "clear_out_reason"} <= _columns(database, "project")


def test_the_flag_and_reason_are_saved_and_audited(tmp_path):
    workspace = create_demo(tmp_path / "ws")
    try:
        home = workspace.load_year(2024).project(HOME)
        with workspace.unit_of_work() as uow:
            uow.years.save_project(2024, replace(home, clear_out=True, clear_out_reason=REASON))
        saved = workspace.load_year(2024).project(HOME)
        assert (saved.clear_out, saved.clear_out_reason) == (True, REASON)
        with workspace.reading() as uow:
            assert uow.years.years_holding_projects({HOME, "nobody"}, 2025) == [2023, 2024]
            assert uow.years.years_holding_projects({HOME}, 2024) == [2023]
            assert uow.years.years_holding_projects(set(), 2025) == []
            newest = uow.audit.newest(1)[0]
        assert (newest.entity, newest.entity_uid) == ("project", HOME)
        assert newest.changes["clear_out"] == [False, True]
        assert newest.changes["clear_out_reason"] == ["", REASON]
        assert workspace.audit_breaks() == []
    finally:
        workspace.close()
