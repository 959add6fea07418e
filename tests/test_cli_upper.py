"""The upper level's season on the command line: register, receive a folder, deadline, board,
feedback, aggregate, the register as Excel, and the demo upper workspace.

Three units with distinct credit codes sign their packages in memory (tests/services/upper_units).
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from tests.exchange.packages import UPPER_PASSPHRASE
from tests.services.upper_units import SubUnit, sub_unit
from unionperf.cli import main

YEAR = "2024"
UNIT_KEYS = {"code", "name", "status", "sequence", "received_at", "score", "grade"}


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _json(capsys, *argv: str) -> dict:
    code, out, err = _run(capsys, *argv, "--json")
    assert code in {0, 1}, err
    return json.loads(out)


def _register_args(unit: SubUnit, folder: Path, key_id: str | None = None) -> list[str]:
    return [
        "--key",
        str(unit.pub_file(folder)),
        "--key-id",
        key_id or unit.key_id,
        "--unit-code",
        unit.code,
        "--name",
        unit.name,
    ]


def _board(capsys, up: str) -> dict[str, str]:
    board = _json(capsys, "board", "--workspace", up, "--year", YEAR, "--stage", "targets")
    return {item["code"]: item["status"] for item in board["units"]}


def test_a_season_on_the_command_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("UNIONPERF_PASSPHRASE", UPPER_PASSPHRASE)
    up = str(tmp_path / "upper")
    units = [sub_unit(number) for number in (1, 2, 3)]
    keys = tmp_path / "keys"
    assert main(["init", "--workspace", up, "--upper", "上海市浦东新区总工会"]) == 0

    # register: the paper is checked, one key serves one unit, a replacement needs a reason
    code, _, err = _run(
        capsys,
        "register",
        "--workspace",
        up,
        *_register_args(units[0], keys, key_id=units[1].key_id),
    )
    assert code == 2
    assert "密钥编号不一致" in err
    for unit in units:
        code, out, err = _run(capsys, "register", "--workspace", up, *_register_args(unit, keys))
        assert code == 0, err
        assert out.startswith(f"已登记：{unit.name}（{unit.code}），密钥编号 {unit.key_id}")
    stolen = _register_args(units[0], keys)
    stolen[stolen.index("--unit-code") + 1] = sub_unit(4).code
    code, _, err = _run(capsys, "register", "--workspace", up, *stolen)
    assert code == 2
    assert "一个公钥只能用于一个单位" in err
    code, _, err = _run(
        capsys, "register", "--workspace", up, *_register_args(units[0], keys), "--replace"
    )
    assert (code, "须用 --reason 说明原因" in err) == (2, True)
    listed = _json(capsys, "register", "--workspace", up, "--list")
    assert [item["code"] for item in listed["units"]] == [unit.code for unit in units]

    # a folder with two units' packages in subfolders; the third unit is silent
    inbox = tmp_path / "U盘"
    for unit in units[:2]:
        unit.send("targets", inbox / unit.name)
    received = _json(capsys, "receive", "--workspace", up, str(inbox))
    assert [item["kind"] for item in received["packages"]] == ["received", "received"]
    assert received["counts"] == {
        "received": 2,
        "superseded": 0,
        "already-received": 0,
        "refused": 0,
        "quarantined": 0,
    }
    assert set(received["packages"][0]) >= {"file", "kind", "label", "message", "unit", "sequence"}
    board = _json(capsys, "board", "--workspace", up, "--year", YEAR)
    assert (board["stage"], board["deadline"]) == ("targets", None)
    assert all(set(item) >= UNIT_KEYS for item in board["units"])
    assert [item["status"] for item in board["units"]] == ["received", "received", "missing"]
    assert board["summary"]["counts"]["missing"] == 1
    assert (board["summary"]["reporting_rate"], board["summary"]["on_time_rate"]) == ("66.67", None)
    assert board["units"][0]["sequence"] == 1
    assert board["units"][2]["received_at"] is None

    # a deadline: the silent unit is overdue once it has passed
    deadline = ["deadline", "--workspace", up, "--year", YEAR, "--stage", "self-evaluation"]
    assert main([*deadline, "--date", "2099-01-31"]) == 2  # outside the year's range
    assert main([*deadline, "--date", "2025-03-15"]) == 0
    code, out, _ = _run(capsys, "deadline", "--workspace", up, "--year", YEAR)
    assert out.split() == ["self-evaluation", "2025-03-15", "绩效自评"]
    due = _json(
        capsys,
        "board",
        "--workspace",
        up,
        "--year",
        YEAR,
        "--stage",
        "self-evaluation",
        "--today",
        "2025-03-16",
    )
    assert due["deadline"] == "2025-03-15"
    assert {item["on_time"] for item in due["units"]} == {False}
    assert due["summary"]["on_time_rate"] == "0.00"

    # return unit 1 with an opinion, it sends again, then it is approved
    opinions = tmp_path / "opinions.json"
    opinions.write_text(
        json.dumps({"summary": "请补充", "opinions": [{"text": "请补充满意度指标"}]}),
        encoding="utf-8",
    )
    feedback = ["feedback", "--workspace", up, "--unit", units[0].code, "--year", YEAR]
    feedback += ["--stage", "targets", "--opinions", str(opinions), "--out", str(tmp_path / "fb")]
    assert main([*feedback, "--decision", "return"]) == 0
    assert _board(capsys, up)[units[0].code] == "returned"
    again = units[0].send("targets", tmp_path / "again")
    code, out, _ = _run(capsys, "receive", "--workspace", up, str(again))
    assert code == 0
    assert out.startswith(f"{again.name}: received (supersedes 1)")
    assert _board(capsys, up)[units[0].code] == "resubmitted"
    assert main([*feedback, "--decision", "approve"]) == 0
    assert _board(capsys, up) == {
        units[0].code: "approved",
        units[1].code: "received",
        units[2].code: "missing",
    }
    code, out, _ = _run(
        capsys, "board", "--workspace", up, "--year", YEAR, "--status", "missing,approved"
    )
    assert code == 0
    assert "未报 1" in out.splitlines()[2]
    assert units[1].name not in out

    # aggregate and export
    result = _json(
        capsys,
        "aggregate",
        "--workspace",
        up,
        "--year",
        YEAR,
        "--stage",
        "targets",
        "--out",
        str(tmp_path / "汇总.xlsx"),
    )
    assert (result["units_expected"], result["units_included"]) == (3, 2)
    assert result["expenditure"][-1]["name"] == "合计"
    assert [row["code"] for row in result["ranking"]] == sorted(u.code for u in units[:2])
    assert {row["rank"] for row in result["ranking"]} == {None}  # no scores at the targets
    book = openpyxl.load_workbook(tmp_path / "汇总.xlsx")
    assert book.sheetnames == [
        "收入",
        "支出",
        "项目（按支出类别）",
        "项目（按项目属性）",
        "等级分布",
        "排名",
        "多年期项目",  # the demo year's 2023—2025 project
        "事前绩效评估",  # the demo year's new major project, assessed
    ]
    assert [row["projects"] for row in result["ex_ante_assessments"]] == [0, 2, 0]
    code, out, _ = _run(capsys, "submissions", "--workspace", up)
    assert code == 0
    assert [line.split()[2] for line in out.splitlines()] == [
        units[0].code,
        units[1].code,
        units[0].code,
    ]
    assert "已替换" in out.splitlines()[0]

    # the register as Excel, into another workspace
    assert main(["register", "--workspace", up, "--export", str(tmp_path / "登记表.xlsx")]) == 0
    other = str(tmp_path / "other")
    assert main(["init", "--workspace", other, "--upper", "另一个总工会"]) == 0
    code, out, _ = _run(
        capsys, "register", "--workspace", other, "--import", str(tmp_path / "登记表.xlsx")
    )
    assert (code, out.strip()) == (
        0,
        "已导入登记表：新增 3 个单位，登记公钥 0 个，更新 0 个，未变 0 个",
    )


def test_receive_reports_a_folder_without_packages(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("UNIONPERF_PASSPHRASE", UPPER_PASSPHRASE)
    up = str(tmp_path / "upper")
    assert main(["init", "--workspace", up, "--upper", "总工会"]) == 0
    (tmp_path / "empty").mkdir()
    code, _, err = _run(capsys, "receive", "--workspace", up, str(tmp_path / "empty"))
    assert code == 2
    assert "没有找到数据包（.upkg）" in err


@pytest.mark.slow
def test_the_demo_upper_workspace_has_a_season_of_varied_statuses(tmp_path, capsys):
    up = str(tmp_path / "demo-upper")
    code, out, err = _run(capsys, "demo", "--workspace", up, "--upper")
    assert code == 0, err
    assert "已创建演示上级工会工作区" in out
    statuses = {}
    for stage in ("targets", "monitoring-2024-06-30", "self-evaluation"):
        board = _json(capsys, "board", "--workspace", up, "--year", YEAR, "--stage", stage)
        assert len(board["units"]) >= 30
        statuses[stage] = {item["status"] for item in board["units"]}
    assert statuses["self-evaluation"] == {
        "missing",
        "received",
        "late",
        "returned",
        "resubmitted",
        "approved",
    }
    result = _json(capsys, "aggregate", "--workspace", up, "--year", YEAR)
    grades = {item["label"] for item in result["grade_distribution"] if item["count"]}
    assert {"优", "良", "中", "差"} <= grades
    assert len({row["execution_rate"] for row in result["ranking"]}) > 3
    late = [row for row in result["ranking"] if row["on_time"] is False]
    assert late
