"""Restore only restores: every file that is not a sound backup of this workspace is refused.

Each refusal names the test that failed in one Chinese line, and leaves the workspace exactly as it
was: the same database content and no new backup.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from tests.services.restore_files import (
    OTHER_UNIT,
    UNIT,
    back_up,
    budget_of,
    damaged_copy,
    edited_copy,
    fingerprint,
    make_workspace,
    set_budget,
    truncated_copy,
    unrelated_database,
)
from unionperf.services.common.backups import list_backups, restore
from unionperf.services.common.errors import (
    BackupRefusedError,
    DamagedWorkspaceError,
    ServiceError,
)
from unionperf.services.common.workspace import Workspace
from unionperf.services.common.writer_lock import WorkspaceInUseError, take_writer_lock
from unionperf.store.migrate import head_revision


@pytest.fixture
def workspace(tmp_path) -> Path:
    """A workspace whose 2024 budget is 100 in its manual backup and 999 now."""
    path = make_workspace(tmp_path / "ws", budget=100)
    back_up(path)
    set_budget(path, 999)
    return path


def _own_backup(workspace: Path) -> Path:
    return next(item.path for item in list_backups(workspace) if item.reason == "manual")


def test_own_backup_is_restored_after_the_current_state_is_backed_up(workspace):
    result = restore(workspace, _own_backup(workspace))
    assert budget_of(workspace) == Decimal(100)
    assert result.safety.name.endswith("_恢复前.sqlite")
    listed = {item.path: item for item in list_backups(workspace)}
    assert listed[result.safety].refusal == ""
    restore(workspace, result.safety)  # and back again
    assert budget_of(workspace) == Decimal(999)


def _empty(workspace: Path, folder: Path) -> Path:
    target = folder / "empty.sqlite"
    target.write_bytes(b"")
    return target


def _not_sqlite(workspace: Path, folder: Path) -> Path:
    target = folder / "notes.sqlite"
    target.write_text("这不是数据库，只是一段文字。" * 20, encoding="utf-8")
    return target


def _unrelated(workspace: Path, folder: Path) -> Path:
    return unrelated_database(folder / "contacts.sqlite")


def _other_unit(workspace: Path, folder: Path) -> Path:
    other = make_workspace(folder / "other", OTHER_UNIT)
    return back_up(other)


def _unknown_revision(workspace: Path, folder: Path) -> Path:
    return edited_copy(
        _own_backup(workspace),
        folder / "newer.sqlite",
        "UPDATE alembic_version SET version_num = '20991231_9999'",
    )


def _tampered_audit(workspace: Path, folder: Path) -> Path:
    return edited_copy(
        _own_backup(workspace),
        folder / "tampered.sqlite",
        "UPDATE audit_log SET actor = 'mallory' WHERE seq = 1",
    )


def _truncated(workspace: Path, folder: Path) -> Path:
    return truncated_copy(_own_backup(workspace), folder / "half.sqlite")


def _header_only(workspace: Path, folder: Path) -> Path:
    target = folder / "forty-bytes.sqlite"
    target.write_bytes(_own_backup(workspace).read_bytes()[:40])
    return target


def _damaged(workspace: Path, folder: Path) -> Path:
    return damaged_copy(_own_backup(workspace), folder / "noise.sqlite")


@pytest.mark.parametrize(
    ("make", "test", "words"),
    [
        (_empty, "empty", "空文件"),
        (_not_sqlite, "not-sqlite", "不是 SQLite 数据库"),
        (_unrelated, "not-unionperf", "不是 UnionPerf 工作区数据库"),
        (_other_unit, "other-unit", "闽江食品有限公司工会委员会"),
        (_unknown_revision, "unknown-revision", "20991231_9999"),
        (_tampered_audit, "audit-chain", "审计日志"),
        (_truncated, "truncated", "被截断"),
        (_header_only, "truncated", "只有 40 字节"),
        (_damaged, "damaged", "完整性检查"),
    ],
)
def test_a_file_that_is_not_a_sound_backup_of_this_workspace_is_refused(
    workspace, tmp_path, make, test, words
):
    offered = make(workspace, tmp_path)
    before = fingerprint(workspace)
    with pytest.raises(BackupRefusedError) as refused:
        restore(workspace, offered)
    assert refused.value.test == test
    message = str(refused.value)
    assert words in message
    assert "\n" not in message
    assert message.startswith("不能恢复：")
    assert fingerprint(workspace) == before
    assert budget_of(workspace) == Decimal(999)
    assert not list(workspace.joinpath("backups").glob(".partial-*"))


def test_a_workspace_of_no_unit_refuses_another_workspace(tmp_path):
    mine = make_workspace(tmp_path / "mine", unit=None)
    stranger = back_up(make_workspace(tmp_path / "stranger", unit=None))
    before = fingerprint(mine)
    with pytest.raises(BackupRefusedError) as refused:
        restore(mine, stranger)
    assert refused.value.test == "other-workspace"
    assert fingerprint(mine) == before


def test_a_backup_from_before_workspace_ids_is_known_by_the_unit(workspace, tmp_path):
    older = edited_copy(
        _own_backup(workspace),
        tmp_path / "older.sqlite",
        "DELETE FROM workspace_meta WHERE key = 'workspace_id'",
    )
    restore(workspace, older)
    assert budget_of(workspace) == Decimal(100)


def test_the_same_unit_from_another_computer_is_accepted(workspace, tmp_path):
    elsewhere = make_workspace(tmp_path / "laptop", budget=555)
    restore(workspace, back_up(elsewhere))
    assert budget_of(workspace) == Decimal(555)


def test_an_older_schema_revision_is_restored_and_migrated_on_open(workspace, tmp_path):
    """A backup of this unit from the first released schema (tests/data) comes back upgraded."""
    older = edited_copy(
        Path(__file__).parents[1] / "data" / "schema-20261126_0001.sqlite",
        tmp_path / "first-schema.sqlite",
        "INSERT INTO unit (id, name, credit_code, level, upper_union, member_count, staff_count,"
        " accountant, chair, audit_chair, contact_phone, address) VALUES"
        f" (1, '{UNIT.name}', '{UNIT.credit_code}', 'grassroots', '', 0, 0, '', '', '', '', '')",
    )
    restore(workspace, older)
    with Workspace.open(workspace) as opened:
        assert opened.schema_revision() == head_revision()
        assert opened.unit().name == UNIT.name
        assert opened.years() == []


def test_restore_is_refused_while_another_program_holds_the_workspace(workspace):
    before = fingerprint(workspace)
    lock = take_writer_lock(workspace)
    try:
        with pytest.raises(WorkspaceInUseError):
            restore(workspace, _own_backup(workspace))
    finally:
        lock.release()
    assert fingerprint(workspace) == before


def test_a_damaged_workspace_is_restored_and_its_bytes_kept(workspace, tmp_path):
    good = _own_backup(workspace)
    database = workspace / "unionperf.sqlite"
    damaged_copy(shutil.copyfile(database, tmp_path / "copy.sqlite"), database)
    damaged = database.read_bytes()
    with pytest.raises(DamagedWorkspaceError, match="已损坏"):
        Workspace.open(workspace)
    result = restore(workspace, good)
    assert budget_of(workspace) == Decimal(100)
    assert result.safety.read_bytes() == damaged


def test_a_missing_file_is_a_one_line_refusal(workspace, tmp_path):
    with pytest.raises(ServiceError, match="找不到备份文件"):
        restore(workspace, tmp_path / "nowhere.sqlite")
