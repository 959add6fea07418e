"""Migration 20261207_0101: packages received before it get the rows 汇总 sums, compressed data
and the key history; the result equals what the intake now stores for the same data."""

from __future__ import annotations

import json
import zlib
from pathlib import Path

from alembic import command

from tests.services.upper_units import sub_unit
from unionperf.domain.money import yuan_to_fen
from unionperf.domain.results import score_year
from unionperf.domain.stage_facts import stage_facts
from unionperf.domain.year import Stage
from unionperf.exchange import minisign
from unionperf.exchange.codec import for_stage
from unionperf.exchange.codec_write import year_to_json
from unionperf.store import migrate
from unionperf.store.engine import sqlite_engine
from unionperf.store.workspace import open_store

STAGES = ("targets", "monitoring-2024-06-30", "self-evaluation")


def _old_workspace(root: Path) -> tuple[Path, object, str, str]:
    """A workspace at 20261126_0004 that received three packages of one unit (as intake did)."""
    unit, old, current = sub_unit(1), sub_unit(7), sub_unit(8)
    root.mkdir()
    database = root / "unionperf.sqlite"
    engine = sqlite_engine(database)
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "20261126_0004")
        sql = connection.exec_driver_sql
        sql(
            "INSERT INTO subordinate VALUES (?, ?, ?, ?, '2026-01-01T00:00:00+00:00', ?)",
            (unit.code, unit.name, current.public_key.to_file(), current.key_id,
             old.public_key.to_file()),
        )  # fmt: skip
        scores = score_year(unit.data)
        for number, stage in enumerate(STAGES, 1):
            text = json.dumps(year_to_json(for_stage(unit.data, Stage.parse(stage))))
            sql(
                "INSERT INTO received_package (id, unit_code, year, stage, sequence, sha256,"
                " package_id, key_id, current, received_at, file_name, meta_json, data_json)"
                " VALUES (?, ?, 2024, ?, 1, ?, 'p', 'k', 1, '2025-01-01T00:00:00+00:00', 'f',"
                " '{}', ?)",
                (number, unit.code, stage, f"sha{number}", text),
            )
            evaluating = stage == "self-evaluation"
            for item in scores.projects:  # what the intake stored before: every stage
                sql(
                    "INSERT INTO received_score (package_id, owner_uid, name, category_code,"
                    " budget_fen, executed_fen, total, grade) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (number, item.project.uid, item.project.name, item.project.category_code,
                     yuan_to_fen(item.project.full_year_budget),
                     yuan_to_fen(item.project.executed),
                     str(item.score.total) if evaluating else None,
                     item.score.grade.value if evaluating else ""),
                )  # fmt: skip
            if evaluating and scores.unit is not None:
                sql(
                    "INSERT INTO received_score (package_id, owner_uid, name, category_code,"
                    " budget_fen, executed_fen, total, grade) VALUES (?, 'unit', ?, '', 0, 0,"
                    " ?, ?)",
                    (number, unit.name, str(scores.unit.total), scores.unit.grade.value),
                )
    engine.dispose()
    return database, unit, old.key_id, current.key_id


def test_received_packages_get_the_rows_the_intake_now_stores(tmp_path):
    database, unit, old_key, current_key = _old_workspace(tmp_path / "ws")
    open_store(tmp_path / "ws").close()
    engine = sqlite_engine(database)
    with engine.connect() as connection:
        sql = connection.exec_driver_sql
        history = sql("SELECT unit_code, key_id, reason FROM subordinate_key").all()
        held = sql("SELECT key_id, contact FROM subordinate").one()
        packages = sql("SELECT id, stage, data_blob FROM received_package ORDER BY id").all()
        budget = sql(
            "SELECT package_id, category_code, last_year_actual_fen, budget_fen, adjustment_fen,"
            " executed_fen FROM received_budget ORDER BY id"
        ).all()
        owners = sql(
            "SELECT package_id, owner_uid, attribute, initial_fen, budget_fen, executed_fen,"
            " total, grade FROM received_score"
        ).all()
    engine.dispose()
    assert [tuple(row) for row in history] == [
        (unit.code, old_key, "升级前已更换（更换时间与原因未记录）")
    ]
    assert tuple(held) == (current_key, "")
    for number, stage, blob in packages:
        expected_json = json.dumps(year_to_json(for_stage(unit.data, Stage.parse(stage))))
        assert zlib.decompress(blob).decode("utf-8") == expected_json
        facts = stage_facts(unit.data, Stage.parse(stage))
        assert [tuple(row[1:]) for row in budget if row[0] == number] == [
            (
                line.category_code,
                yuan_to_fen(line.last_year_actual),
                yuan_to_fen(line.budget),
                yuan_to_fen(line.adjustment),
                yuan_to_fen(line.executed),
            )
            for line in facts.budget
        ]
        got = {row[1]: tuple(row[2:]) for row in owners if row[0] == number}
        assert got == {
            owner.owner_uid: (
                owner.attribute,
                yuan_to_fen(owner.initial),
                yuan_to_fen(owner.budget),
                yuan_to_fen(owner.executed),
                None if owner.total is None else str(owner.total),
                owner.grade,
            )
            for owner in facts.owners
        }, stage


def test_the_migration_goes_back_to_the_texts_it_replaced(tmp_path):
    database, _, old_key, _ = _old_workspace(tmp_path / "ws")
    engine = sqlite_engine(database)
    with engine.connect() as connection:
        before = connection.exec_driver_sql(
            "SELECT id, data_json FROM received_package ORDER BY id"
        ).all()
    engine.dispose()
    open_store(tmp_path / "ws").close()
    engine = sqlite_engine(database)
    config = migrate.alembic_config()
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert driver is not None
        driver.execute("PRAGMA foreign_keys = OFF")  # as migrate.upgrade runs the scripts
        transaction = connection.begin()
        config.attributes["connection"] = connection
        command.downgrade(config, "20261126_0004")
        after = connection.exec_driver_sql(
            "SELECT id, data_json FROM received_package ORDER BY id"
        ).all()
        retired = connection.exec_driver_sql("SELECT retired_keys FROM subordinate").scalar_one()
        units = connection.exec_driver_sql(
            "SELECT count(*) FROM received_score WHERE owner_uid = 'unit'"
        ).scalar_one()
        transaction.commit()
    engine.dispose()
    assert [tuple(row) for row in after] == [tuple(row) for row in before]
    assert minisign.parse_public_key(retired).key_id_hex == old_key
    assert units == 1  # only the self-evaluation's own row, as before
