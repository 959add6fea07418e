"""The store on PostgreSQL: a fresh database migrates to exactly the schema the code declares."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import make_url

from unionperf.store import migrate
from unionperf.store.database_settings import SETTINGS_NAME, read_url
from unionperf.store.engine import database_engine
from unionperf.store.rows import Base
from unionperf.store.workspace import WorkspaceError, open_store


def _differences(url: str) -> list[object]:
    engine = database_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, Base.metadata))
    finally:
        engine.dispose()


def test_fresh_postgresql_workspace_matches_declared_schema(tmp_path, pg_empty_url):
    store = open_store(tmp_path / "ws", create=True, database=pg_empty_url)
    try:
        assert store.schema_revision() == migrate.head_revision()
        assert store.engine.dialect.name == "postgresql"
    finally:
        store.close()
    assert _differences(pg_empty_url) == []


def test_the_folder_names_the_database_and_holds_no_sqlite_file(tmp_path, pg_empty_url):
    open_store(tmp_path / "ws", create=True, database=pg_empty_url).close()
    assert (tmp_path / "ws" / SETTINGS_NAME).is_file()
    assert not (tmp_path / "ws" / "unionperf.sqlite").exists()
    assert make_url(read_url(tmp_path / "ws")) == make_url(pg_empty_url)
    again = open_store(tmp_path / "ws")
    try:
        assert make_url(again.database_url) == make_url(pg_empty_url)
        assert again.schema_revision() == migrate.head_revision()
    finally:
        again.close()


def test_a_database_another_workspace_uses_is_refused(tmp_path, pg_empty_url):
    open_store(tmp_path / "first", create=True, database=pg_empty_url).close()
    with pytest.raises(WorkspaceError, match="已是另一个工作区"):
        open_store(tmp_path / "second", create=True, database=pg_empty_url)
    assert not (tmp_path / "second" / SETTINGS_NAME).exists()


def test_an_unreachable_server_is_one_chinese_sentence(tmp_path):
    url = f"postgresql+psycopg://nobody@/unionperf?host={tmp_path}"
    with pytest.raises(WorkspaceError, match="无法连接工作区数据库"):
        open_store(tmp_path / "ws", create=True, database=url)
    assert not (tmp_path / "ws").exists()


def test_a_database_from_a_newer_app_is_refused(tmp_path, pg_empty_url):
    store = open_store(tmp_path / "ws", create=True, database=pg_empty_url)
    with store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '29990101_9999'")
    store.close()
    with pytest.raises(WorkspaceError, match="更新版本"):
        open_store(tmp_path / "ws")


def test_a_reader_of_an_older_schema_has_it_migrated_first(tmp_path, pg_empty_url):
    from alembic import command  # noqa: PLC0415

    from unionperf.services.common.workspace import Workspace  # noqa: PLC0415
    from unionperf.store.database_settings import write_url  # noqa: PLC0415

    engine = database_engine(pg_empty_url)
    try:
        config = migrate.alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "20261128_0005")
    finally:
        engine.dispose()
    (tmp_path / "ws").mkdir()
    write_url(tmp_path / "ws", pg_empty_url)
    with Workspace.open(tmp_path / "ws", writer=False) as reader:
        assert reader.read_only
        assert reader.schema_revision() == migrate.head_revision()
    assert _differences(pg_empty_url) == []


def test_without_the_driver_the_workspace_says_what_to_install(tmp_path, monkeypatch):
    import sys  # noqa: PLC0415

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as in a bundle built without it
    url = "postgresql+psycopg://unionperf@db.example/unionperf"
    with pytest.raises(WorkspaceError, match="psycopg"):
        open_store(tmp_path / "ws", create=True, database=url)
    assert not (tmp_path / "ws").exists()
