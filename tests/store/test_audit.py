"""The audit log records old → new and detects edited, deleted and inserted entries."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from unionperf.domain.budget import BudgetLine
from unionperf.domain.unit import UnitProfile
from unionperf.store import audit
from unionperf.store.repository import YearRepository
from unionperf.store.workspace import open_store

UNIT = UnitProfile("测试工会", "91350100M000100Y43")


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "ws", create=True)
    with opened.sessions.transaction() as session:
        repository = YearRepository(session)
        repository.save_unit(UNIT)
        repository.ensure_year(2024)
        repository.save_budget_line(2024, BudgetLine("501", budget=Decimal("100.00")))
        repository.save_budget_line(2024, BudgetLine("501", budget=Decimal("250.50")))
    yield opened
    opened.close()


def test_entries_record_old_and_new(store):
    with store.sessions.reading() as session:
        newest = audit.entries(session)[0]
        assert audit.verify_chain(session) == []
    assert newest.entity == "budget_line"
    assert json.loads(newest.changes_json) == {"budget_fen": [10000, 25050]}
    assert newest.actor


def test_edited_entry_is_detected(store):
    with store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE audit_log SET changes_json = '{}' WHERE seq = 2")
    with store.sessions.reading() as session:
        breaks = audit.verify_chain(session)
    assert [item.seq for item in breaks] == [2]
    assert "改动" in breaks[0].message


def test_deleted_entry_is_detected(store):
    with store.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM audit_log WHERE seq = 2")
    with store.sessions.reading() as session:
        messages = [item.message for item in audit.verify_chain(session)]
    assert any("删除" in message for message in messages)


def test_deleted_tail_is_detected(store):
    with store.engine.begin() as connection:
        connection.exec_driver_sql(
            "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)"
        )
    with store.sessions.reading() as session:
        assert audit.verify_chain(session) != []


def test_failed_transaction_leaves_no_entry(store):
    with store.sessions.reading() as session:
        before = len(audit.entries(session))

    def failing_edit() -> None:
        with store.sessions.transaction() as session:
            YearRepository(session).save_budget_line(2024, BudgetLine("502", budget=Decimal(1)))
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        failing_edit()
    with store.sessions.reading() as session:
        assert len(audit.entries(session)) == before
        assert [line.category_code for line in YearRepository(session).load(2024).budget] == ["501"]
