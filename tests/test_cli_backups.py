"""``unionperf backups`` and ``unionperf restore``: the listing and the checks of the window."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tests.services.restore_files import (
    OTHER_UNIT,
    UNIT,
    back_up,
    budget_of,
    fingerprint,
    make_workspace,
    set_budget,
    unrelated_database,
)
from unionperf.cli import main
from unionperf.services.common.backups import RETENTION_TEXT, list_backups
from unionperf.services.common.writer_lock import take_writer_lock


@pytest.fixture
def workspace(tmp_path):
    path = make_workspace(tmp_path / "ws", budget=100)
    back_up(path)
    set_budget(path, 999)
    return path


def _manual(workspace):
    return next(item.path for item in list_backups(workspace) if item.reason == "manual")


def test_backups_lists_time_reason_unit_years_and_projects(workspace, tmp_path, capsys):
    stranger = back_up(make_workspace(tmp_path / "other", OTHER_UNIT))
    (workspace / "backups" / stranger.name).write_bytes(stranger.read_bytes())
    held = len(list_backups(workspace))
    capsys.readouterr()
    assert main(["backups", "--workspace", str(workspace)]) == 0
    out = capsys.readouterr().out
    entries = list_backups(workspace)
    assert len(entries) == held  # listing took no backup
    manual = next(
        item for item in entries if item.reason == "manual" and item.unit_name == UNIT.name
    )
    holds = "年度 2023、2024  项目 2023年 1个，2024年 2个"
    assert f"{manual.local_time()}  手动备份  {UNIT.name}  {holds}" in out
    assert str(manual.path) in out
    assert "打开工作区时" in out
    assert f"不能恢复：该备份属于另一个单位：“{OTHER_UNIT.name}”" in out
    assert out.rstrip().endswith(RETENTION_TEXT)


def test_backups_json(workspace, capsys):
    capsys.readouterr()
    assert main(["backups", "--workspace", str(workspace), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    manual = next(item for item in listed if item["reason"] == "manual")
    assert manual["reason_label"] == "手动备份"
    assert manual["unit"] == UNIT.name
    assert manual["projects"] == [{"year": 2023, "count": 1}, {"year": 2024, "count": 2}]
    assert manual["restorable"] is True


def test_restore_by_file_name_restores_and_names_the_safety_backup(workspace, capsys):
    capsys.readouterr()
    assert main(["restore", "--workspace", str(workspace), _manual(workspace).name]) == 0
    out = capsys.readouterr().out
    assert budget_of(workspace) == Decimal(100)
    assert "已恢复" in out
    assert "_恢复前.sqlite" in out


@pytest.mark.parametrize("kind", ["empty", "unrelated"])
def test_restore_refuses_in_one_line_and_changes_nothing(workspace, tmp_path, capsys, kind):
    offered = tmp_path / f"{kind}.sqlite"
    if kind == "empty":
        offered.write_bytes(b"")
    else:
        unrelated_database(offered)
    before = fingerprint(workspace)
    capsys.readouterr()
    assert main(["restore", "--workspace", str(workspace), str(offered)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "不能恢复" in err
    assert fingerprint(workspace) == before


def test_restore_is_refused_while_the_window_has_the_workspace(workspace, capsys):
    before = fingerprint(workspace)
    lock = take_writer_lock(workspace)
    try:
        capsys.readouterr()
        assert main(["restore", "--workspace", str(workspace), str(_manual(workspace))]) == 2
    finally:
        lock.release()
    assert "该工作区正在被另一个程序使用" in capsys.readouterr().err
    assert fingerprint(workspace) == before


def test_backups_of_no_workspace_says_so(tmp_path, capsys):
    assert main(["backups", "--workspace", str(tmp_path / "nowhere")]) == 2
    assert "工作区不存在" in capsys.readouterr().err
