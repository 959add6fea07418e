"""The receiving writer's shortcuts keep the stored rows exactly what they were.

The year is scored once (verifying a self-evaluation package keeps its scores for the rows); a
batch's score and budget rows and audit entries are written together at its end
(``store.deferred_rows``) and are the rows written one package at a time.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

from tests.exchange.packages import EXPORTS, DemoUnit, demo_unit, upper_workspace
from unionperf.domain import stage_facts as facts_module
from unionperf.domain.money import yuan_to_fen
from unionperf.domain.results import score_year
from unionperf.domain.stage_facts import stage_facts
from unionperf.domain.year import Stage
from unionperf.exchange.package import verify_package
from unionperf.services.common.workspace import Workspace
from unionperf.services.inbox.receive import receive
from unionperf.services.upper.intake import received_year
from unionperf.services.upper.register import register
from unionperf.store import deferred_rows

pytestmark = pytest.mark.sqlite_only("the rows are read back with plain sqlite3")


@pytest.fixture(scope="module")
def unit(tmp_path_factory) -> DemoUnit:
    return demo_unit(tmp_path_factory)


@pytest.mark.parametrize(("name", "stage"), EXPORTS)
def test_verifying_keeps_the_year_scores_the_rows_need(unit, name, stage):
    package = verify_package(unit.blob(name), unit.public_key)
    assert package.data is not None
    if stage == "self-evaluation":
        assert package.scores == score_year(package.data)
        assert package.scores is not None
        assert package.scores.projects
    else:
        assert package.scores is None


@pytest.mark.parametrize(("name", "stage"), EXPORTS)
def test_facts_from_the_kept_scores_are_the_facts_scored_again(unit, name, stage, monkeypatch):
    package = verify_package(unit.blob(name), unit.public_key)
    assert package.data is not None
    scored_again = stage_facts(package.data, Stage.parse(stage))

    def no_second_scoring(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the year was scored a second time")

    monkeypatch.setattr(facts_module, "score_year", no_second_scoring)
    kept = stage_facts(package.data, Stage.parse(stage), scores=package.scores)
    assert kept == scored_again
    if stage == "self-evaluation":
        assert {owner.total for owner in kept.owners} != {None}


# -- the rows a receive stores -------------------------------------------------------------------

TIMES = [f"2025-01-{day:02d}T02:00:00+00:00" for day in range(10, 30)]


def _tables(root: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row a receive writes, read with plain sqlite3 (audit entries without their time)."""
    connection = sqlite3.connect(root / "unionperf.sqlite")
    try:
        return {
            "package": connection.execute("SELECT * FROM received_package ORDER BY id").fetchall(),
            "budget": connection.execute("SELECT * FROM received_budget ORDER BY id").fetchall(),
            "score": connection.execute("SELECT * FROM received_score ORDER BY id").fetchall(),
            "audit": connection.execute(
                "SELECT seq, actor, action, entity, entity_uid, year, changes_json"
                " FROM audit_log ORDER BY seq"
            ).fetchall(),
            "head": [  # its sequence (the hash covers the entry's time)
                value.partition(":")[0]
                for (value,) in connection.execute(
                    "SELECT value FROM workspace_meta WHERE key = 'audit_head'"
                )
            ],
        }
    finally:
        connection.close()


def _receive_twice(unit: DemoUnit, root: Path, inbox: Path) -> list[tuple[str, str, str]]:
    """Two receives: the first packages and a damaged one, then a newer one and the rest."""
    damaged = bytearray(unit.blob("self-evaluation-1"))
    damaged[len(damaged) // 2] ^= 0x20
    inbox.mkdir()
    (inbox / "damaged.upkg").write_bytes(bytes(damaged))
    times = iter(TIMES)
    first = [unit.packages["targets-1"], inbox / "damaged.upkg", unit.packages["self-evaluation-1"]]
    second = [unit.packages["targets-2"], unit.packages["targets-1"], unit.packages["monitoring-1"]]
    with upper_workspace(root) as workspace:
        register(
            workspace,
            unit.pub_file,
            unit.unit_code,
            unit.unit_name,
            key_id=unit.public_key.key_id_hex,
        )
        outcomes = receive(workspace, first, clock=lambda: next(times))
        outcomes += receive(workspace, second, clock=lambda: next(times))
        with workspace.reading() as uow:
            assert uow.audit.breaks() == []
    return [(item.status, item.message, item.code) for item in outcomes]


def test_a_batch_stores_the_rows_package_by_package_writes(unit, tmp_path, monkeypatch):
    """The batch's rows written at its end are the rows written one package at a time."""
    batched = _receive_twice(unit, tmp_path / "batched", tmp_path / "in-batched")
    waiting = deferred_rows.later

    def at_once(session, table, rows):  # each package's rows and audit head as it is stored
        waiting(session, table, rows)
        deferred_rows.flush(session)

    monkeypatch.setattr(deferred_rows, "later", at_once)
    one_by_one = _receive_twice(unit, tmp_path / "one-by-one", tmp_path / "in-one-by-one")
    assert batched == one_by_one
    assert [status for status, _message, _code in batched] == [
        "received",
        "refused",
        "received",
        "received (supersedes 1)",
        "already received",
        "received",
    ]
    rows = _tables(tmp_path / "batched")
    assert rows == _tables(tmp_path / "one-by-one")
    assert len(rows["package"]) == 4
    assert [entry[2] for entry in rows["audit"][-4:]] == ["receive"] * 4
    assert rows["head"] == [str(rows["audit"][-1][0])]


def test_stored_rows_are_the_facts_of_the_received_year(unit, tmp_path):
    """Budget and score rows equal the stage's facts of the year read back (scored again here)."""
    _receive_twice(unit, tmp_path / "upper", tmp_path / "in")
    rows = _tables(tmp_path / "upper")
    packages = {row[0]: row for row in rows["package"]}  # id: the row
    with Workspace.open(tmp_path / "upper") as workspace:
        for package_id, row in packages.items():
            stage = row[3]
            year = received_year(workspace, row[1], row[2], stage)
            assert year is not None
            facts = stage_facts(year, Stage.parse(stage))  # scores the year itself
            budget = [item[2:] for item in rows["budget"] if item[1] == package_id]
            assert budget == [
                (
                    line.category_code,
                    yuan_to_fen(line.last_year_actual),
                    yuan_to_fen(line.budget),
                    yuan_to_fen(line.adjustment),
                    yuan_to_fen(line.executed),
                )
                for line in facts.budget
            ]
            scores = _scores(tmp_path / "upper", package_id)
            assert scores == [
                (
                    owner.owner_uid,
                    owner.name,
                    owner.category_code,
                    owner.attribute,
                    yuan_to_fen(owner.initial),
                    yuan_to_fen(owner.budget),
                    yuan_to_fen(owner.executed),
                    None if owner.total is None else str(owner.total),
                    owner.grade,
                )
                for owner in facts.owners
            ]
            if stage == "self-evaluation":
                assert {row[7] for row in scores} != {None}


def _scores(root: Path, package_id: int) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(root / "unionperf.sqlite")
    try:
        return connection.execute(
            "SELECT owner_uid, name, category_code, attribute, initial_fen, budget_fen,"
            " executed_fen, total, grade FROM received_score WHERE package_id = ? ORDER BY id",
            (package_id,),
        ).fetchall()
    finally:
        connection.close()


def test_a_batch_writes_its_scores_with_one_statement(unit, tmp_path):
    """Three packages in one batch: one INSERT of score rows, one write of the audit head."""
    statements: list[str] = []

    def seen(_connection, _cursor, statement, *_args):
        statements.append(" ".join(statement.split()[:3]))

    with upper_workspace(tmp_path / "upper") as workspace:
        register(
            workspace,
            unit.pub_file,
            unit.unit_code,
            unit.unit_name,
            key_id=unit.public_key.key_id_hex,
        )
        event.listen(Engine, "before_cursor_execute", seen)
        try:
            outcomes = receive(
                workspace,
                [
                    unit.packages[name]
                    for name in ("targets-1", "self-evaluation-1", "monitoring-1")
                ],
            )
        finally:
            event.remove(Engine, "before_cursor_execute", seen)
    assert [item.status for item in outcomes] == ["received"] * 3
    assert statements.count("INSERT INTO received_score") == 1
    assert statements.count("INSERT INTO audit_log") == 2  # the first entry reads and writes
    assert statements.count("UPDATE workspace_meta SET") == 2
