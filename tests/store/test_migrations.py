"""Migrations: a fresh workspace and an upgraded one have the schema the code declares."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from unionperf.store import migrate
from unionperf.store.engine import sqlite_engine
from unionperf.store.rows import Base
from unionperf.store.workspace import WorkspaceError, open_store

DATA = Path(__file__).parents[1] / "data"


def _differences(database: Path) -> list[object]:
    engine = sqlite_engine(database)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, Base.metadata))
    finally:
        engine.dispose()


def _schema(database: Path) -> dict[str, list[str]]:
    engine = sqlite_engine(database)
    try:
        inspector = inspect(engine)
        return {
            table: sorted(
                f"{c['name']}:{c['type']}:{c['nullable']}" for c in inspector.get_columns(table)
            )
            for table in inspector.get_table_names()
        }
    finally:
        engine.dispose()


def test_fresh_workspace_matches_declared_schema(tmp_path):
    store = open_store(tmp_path / "ws", create=True)
    store.close()
    assert _differences(store.paths.database) == []
    assert migrate.current_revision(sqlite_engine(store.paths.database)) == migrate.head_revision()


def test_every_released_schema_upgrades_to_the_fresh_one(tmp_path):
    fresh = open_store(tmp_path / "fresh", create=True)
    fresh.close()
    released = sorted(DATA.glob("schema-*.sqlite"))
    assert released, "tests/data must hold one database per released schema"
    for number, database in enumerate(released):
        root = tmp_path / f"old{number}"
        root.mkdir()
        shutil.copy(database, root / "unionperf.sqlite")
        store = open_store(root)
        store.close()
        assert _differences(store.paths.database) == [], database.name
        assert _schema(store.paths.database) == _schema(fresh.paths.database), database.name


def test_history_is_linear():
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert len(script.get_heads()) == 1
    assert len(script.get_bases()) == 1


def test_workspace_from_a_newer_app_is_refused(tmp_path):
    store = open_store(tmp_path / "ws", create=True)
    with store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '29990101_9999'")
    store.close()
    with pytest.raises(WorkspaceError, match="更新版本"):
        open_store(tmp_path / "ws")


def test_declared_revisions_match_the_migration_scripts():
    """The fast open path compares with constants; they must follow the scripts."""
    head, revisions = migrate.script_revisions()
    assert head == migrate.HEAD_REVISION
    assert revisions == migrate.KNOWN_REVISIONS


def test_feedback_written_before_responds_to_answers_the_package_received_by_then(tmp_path):
    root = tmp_path / "ws"
    root.mkdir()
    database = root / "unionperf.sqlite"
    engine = sqlite_engine(database)
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "20261126_0002")
        sql = connection.exec_driver_sql
        sql("INSERT INTO subordinate VALUES ('C', '单位', 'key', 'ID', '2026-01-01T00:00:00', '')")
        for number, (sequence, at) in enumerate(((1, "2026-03-01"), (2, "2026-05-01")), 1):
            sql(
                "INSERT INTO received_package (id, unit_code, year, stage, sequence, sha256,"
                " package_id, key_id, current, received_at, file_name, meta_json, data_json)"
                f" VALUES ({number}, 'C', 2024, 'targets', {sequence}, 'r{sequence}', 'p', 'k',"
                f" {int(sequence == 2)}, '{at}T09:00:00+00:00', 'f', '{{}}', '{{}}')"
            )
        for sequence, at in ((1, "2026-04-01"), (2, "2026-06-01"), (3, "2026-02-01")):
            sql(
                "INSERT INTO feedback_sent (unit_code, year, stage, sequence, decision, sha256,"
                " file_name, created_at)"
                f" VALUES ('C', 2024, 'targets', {sequence}, 'return', 'f{sequence}', 'n',"
                f" '{at}T09:00:00+00:00')"
            )
    engine.dispose()
    store = open_store(root)
    store.close()
    engine = sqlite_engine(database)
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT sequence, responds_to FROM feedback_sent ORDER BY sequence"
        ).all()
    engine.dispose()
    assert [tuple(row) for row in rows] == [(1, "r1"), (2, "r2"), (3, None)]


CHILD_TABLES = ("funding_line", "indicator", "monitoring_entry", "indicator_progress", "evaluation")


def _counts(database: Path) -> dict[str, int]:
    engine = sqlite_engine(database)
    with engine.connect() as connection:
        counts = {
            table: connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()
            for table in ("project", *CHILD_TABLES)
        }
    engine.dispose()
    return counts


def test_project_uid_per_year_keeps_every_row_that_refers_to_a_project(tmp_path):
    """0004 rebuilds the project table; its funding, indicators, monitoring and results stay."""
    from unionperf.services.cycle.demo import create_demo  # noqa: PLC0415

    create_demo(tmp_path / "ws").close()
    database = tmp_path / "ws" / "unionperf.sqlite"
    engine = sqlite_engine(database)
    config = migrate.alembic_config()
    with engine.connect() as connection:
        connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        with connection.begin():
            # 0003 held a uid once across years: the demo's 2023—2025 project, one uid in both
            # of its years, takes a uid of its own in 2023 before going back there.
            for table in ("indicator", "evaluation", "evidence"):
                connection.exec_driver_sql(
                    f"UPDATE {table} SET owner_uid = owner_uid || '-2023'"
                    " WHERE year = 2023 AND owner_uid = 'p2023-03'"
                )
            connection.exec_driver_sql(
                "UPDATE project SET uid = uid || '-2023' WHERE year = 2023 AND uid = 'p2023-03'"
            )
            config.attributes["connection"] = connection
            command.downgrade(config, "20261126_0003")
    engine.dispose()
    before = _counts(database)
    assert all(before.values()), before
    store = open_store(tmp_path / "ws")
    store.close()
    assert _counts(database) == before
    engine = sqlite_engine(database)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        uid = connection.exec_driver_sql(
            "SELECT uid FROM project WHERE year = 2024 LIMIT 1"
        ).scalar_one()
        connection.exec_driver_sql(
            "INSERT INTO project (uid, year, position, code, name, category_code, attribute,"
            " responsible, phone, description, midterm_budget_fen, annual_goal, midterm_goal)"
            f" VALUES ('{uid}', 2023, 99, '', '延续', '501', 'continuing', '', '', '', 0, '', '')"
        )
        connection.commit()
    engine.dispose()
