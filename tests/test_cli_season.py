"""The whole season on the command line, both sides, with real workspaces (issue 14, Done means).

Three grassroots unions with distinct credit codes and one district union:

register (a wrong key id refused) → receive a folder → the board shows 1 missing, 2 received →
feedback 退回 with an opinion named by readable path → the unit imports the feedback into its own
workspace, reads the opinion, fixes the item, signs and exports again → the upper level receives
it → the board shows 已重报 → approve → aggregate → a parameter package applied at a unit, an
older one refused.

Every step is a ``unionperf`` command as a script would run it; only the fix of the item is done
in the unit's Excel fill-in workbook (``template`` → edit → ``import``), as a user would.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest

from tests.services.upper_units import unit_code
from unionperf.cli import main

YEAR = 2024
UPPER = "某区总工会"
UPPER_CODE = "91350100M000100Y43"
PROJECT = "2024年职工文体活动经费"
INDICATOR = "举办职工文体活动场次"
PATH = f"项目/{PROJECT}/指标/{INDICATOR}"
OPINION = "目标值应不低于上年实际（13场）"


class Cli:
    """Runs ``unionperf`` commands and keeps what they printed."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def run(self, *argv: str | Path, code: int = 0) -> str:
        """Run one command; check its exit code; return its output (errors after it)."""
        self.capsys.readouterr()
        exit_code = main([str(item) for item in argv])
        out, err = self.capsys.readouterr()
        assert exit_code == code, f"{argv[0]}: {err or out}"
        return out + err

    def json(self, *argv: str | Path) -> dict:
        """Run one command with ``--json`` and parse what it printed."""
        self.capsys.readouterr()
        assert main([*(str(item) for item in argv), "--json"]) in {0, 1}
        return json.loads(self.capsys.readouterr().out)

    def key_id(self, workspace: Path) -> str:
        """The key id ``key show`` prints (as the paper sheet gives it)."""
        found = re.search(
            r"密钥编号（指纹）：([0-9A-F]{16})", self.run("key", "show", "--workspace", workspace)
        )
        assert found
        return found.group(1)


def _fix_the_indicator(cli: Cli, workspace: Path, book: Path, value: int) -> None:
    """The unit changes the indicator's target value in its fill-in workbook and imports it."""
    cli.run("template", "--workspace", workspace, "--year", YEAR, "--out", book)
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["指标"]
    headers = [cell.value for cell in sheet[1]]
    rows = [
        row
        for row in sheet.iter_rows(min_row=2)
        if (row[headers.index("项目名称")].value, row[headers.index("三级指标")].value)
        == (PROJECT, INDICATOR)
    ]
    assert len(rows) == 1
    rows[0][headers.index("指标值")].value = value
    workbook.save(book)
    out = cli.run("import", "--workspace", workspace, "--year", YEAR, book)
    assert "修改指标1条" in out


def test_the_whole_season_on_both_sides(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("UNIONPERF_PASSPHRASE", "correct horse battery staple")
    cli = Cli(capsys)
    up = tmp_path / "上级"
    cli.run("init", "--workspace", up, "--upper", UPPER, "--credit-code", UPPER_CODE)

    # three grassroots unions, each its own workspace, key and credit code
    units = []
    for number in (1, 2, 3):
        workspace = tmp_path / f"单位{number}"
        cli.run("demo", "--workspace", workspace)
        code, name = unit_code(number), f"第{number}基层工会"
        cli.run("unit", "--workspace", workspace, "--credit-code", code, "--name", name)
        pub = tmp_path / f"单位{number}.pub"
        cli.run("key", "export", "--workspace", workspace, "--out", pub)
        units.append((workspace, code, name, pub, cli.key_id(workspace)))
    assert len({unit[1] for unit in units}) == len({unit[4] for unit in units}) == 3

    # register: the key id off the wrong sheet is refused, then each with its own
    first, second, third = units
    register = ["register", "--workspace", up]
    out = cli.run(
        *register,
        "--key", first[3], "--key-id", second[4], "--unit-code", first[1], "--name", first[2],
        code=2,
    )  # fmt: skip
    assert "密钥编号不一致" in out
    for _workspace, code, name, pub, key_id in units:
        out = cli.run(
            *register, "--key", pub, "--key-id", key_id, "--unit-code", code, "--name", name
        )
        assert out.startswith(f"已登记：{name}（{code}），密钥编号 {key_id}")

    # two units export their targets onto one stick, in a folder each; the third is silent
    stick = tmp_path / "U盘"
    for workspace, _code, name, _pub, _key in (first, second):
        cli.run("export", "--workspace", workspace, "--year", YEAR, "--stage", "targets",
                "--out", stick / name)  # fmt: skip
    received = cli.json("receive", "--workspace", up, stick)
    assert received["counts"]["received"] == 2
    board = cli.json("board", "--workspace", up, "--year", YEAR, "--stage", "targets")
    statuses = {item["code"]: item["status"] for item in board["units"]}
    assert statuses == {first[1]: "received", second[1]: "received", third[1]: "missing"}
    assert board["summary"]["counts"]["missing"] == 1
    assert board["summary"]["counts"]["received"] == 2

    # the upper level reads the item by its path and returns the stage with an opinion on it
    review = cli.json(
        "review", "--workspace", up, "--unit", first[1], "--year", YEAR, "--stage", "targets"
    )
    item = next(item for item in review["items"] if item["path"] == PATH)
    assert "≥12" in json.dumps(item, ensure_ascii=False)
    opinions = tmp_path / "意见.json"
    opinions.write_text(
        json.dumps(
            {
                "summary": "场次目标偏低，请修改后重报",
                "opinions": [{"path": PATH, "text": OPINION}],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    feedback = ["feedback", "--workspace", up, "--unit", first[1], "--year", YEAR]
    feedback += ["--stage", "targets", "--opinions", opinions]
    cli.run(*feedback, "--decision", "return", "--out", tmp_path / "反馈")
    (returned,) = (tmp_path / "反馈").glob("*.upkg")
    assert cli.json("board", "--workspace", up, "--year", YEAR)["units"][0]["status"] == "returned"

    # the unit trusts the upper key off the paper sheet and imports the feedback
    upper_pub = tmp_path / "上级.pub"
    cli.run("key", "export", "--workspace", up, "--out", upper_pub)
    upper_key = cli.key_id(up)
    trust = ["trust-upper", "--workspace", first[0], "--key", upper_pub, "--name", UPPER]
    assert "不一致" in cli.run(*trust, "--key-id", second[4], code=2)
    cli.run(*trust, "--key-id", upper_key)
    out = cli.run("receive", "--workspace", first[0], returned)
    assert "已导入上级反馈：2024 targets 退回，已重新打开修改，意见1条" in out
    out = cli.run("submissions", "--workspace", first[0], "--year", YEAR)
    assert f"上级反馈：{YEAR}年度 绩效目标 第1次 退回（{UPPER}" in out
    assert f"    {PATH}：{OPINION}" in out
    out = cli.run("check", "--workspace", first[0], "--year", YEAR, code=1)
    assert "绩效目标尚未由工会主席签字确认" in out  # reopened: its sign-offs were withdrawn

    # the unit fixes the item, signs again and exports the second package
    _fix_the_indicator(cli, first[0], tmp_path / "填报表.xlsx", 13)
    for role in ("preparer", "chair", "audit"):
        cli.run("sign", "--workspace", first[0], "--year", YEAR, "--stage", "targets",
                "--role", role, "--name", "王建国", "--date", "2024-03-20")  # fmt: skip
    out = cli.run("export", "--workspace", first[0], "--year", YEAR, "--stage", "targets",
                  "--out", tmp_path / "重报")  # fmt: skip
    assert "序号 2" in out

    # the upper level receives it: 已重报, the item now holds the fixed value; then approves
    out = cli.run("receive", "--workspace", up, tmp_path / "重报")
    assert "received (supersedes 1)" in out
    board = cli.json("board", "--workspace", up, "--year", YEAR, "--stage", "targets")
    assert board["units"][0]["status"] == "resubmitted"
    assert board["units"][0]["sequence"] == 2
    assert "已重报 1" in cli.run("board", "--workspace", up, "--year", YEAR, "--stage", "targets")
    review = cli.json(
        "review", "--workspace", up, "--unit", first[1], "--year", YEAR, "--stage", "targets"
    )
    item = next(item for item in review["items"] if item["path"] == PATH)
    assert "≥13" in json.dumps(item, ensure_ascii=False)
    cli.run(*feedback, "--decision", "approve", "--out", tmp_path / "反馈2")
    statuses = {
        item["code"]: item["status"]
        for item in cli.json("board", "--workspace", up, "--year", YEAR)["units"]
    }
    assert statuses == {first[1]: "approved", second[1]: "received", third[1]: "missing"}
    (approved,) = (tmp_path / "反馈2").glob("*.upkg")
    assert "通过" in cli.run("receive", "--workspace", first[0], approved)

    # aggregate the two units that reported
    result = cli.json("aggregate", "--workspace", up, "--year", YEAR, "--stage", "targets")
    assert (result["units_expected"], result["units_included"]) == (3, 2)
    assert sorted(row["code"] for row in result["ranking"]) == sorted([first[1], second[1]])

    # the parameters go down: a rule setting and a deadline of the next year
    settings = tmp_path / "规则设置.json"
    settings.write_text(json.dumps({"lag_points": "15"}), encoding="utf-8")
    deadlines = tmp_path / "截止日期.json"
    deadlines.write_text(
        json.dumps([{"year": YEAR + 1, "stage": "targets", "due": f"{YEAR + 1}-01-31"}]),
        encoding="utf-8",
    )
    cli.run("params", "set", "--workspace", up, "--settings", settings, "--deadlines", deadlines)
    cli.run("params", "export", "--workspace", up, "--out", tmp_path / "参数1")
    cli.run("params", "export", "--workspace", up, "--out", tmp_path / "参数2")
    (older,) = (tmp_path / "参数1").glob("*.upkg")
    (newer,) = (tmp_path / "参数2").glob("*.upkg")
    cli.run("year", "add", "--workspace", second[0], "--year", YEAR + 1, "--copy-from", YEAR)
    trust = ["trust-upper", "--workspace", second[0], "--key", upper_pub]
    cli.run(*trust, "--key-id", upper_key, "--name", UPPER)
    out = cli.run("params", "preview", "--workspace", second[0], newer)
    assert f"{YEAR + 1}年度规则设置：执行进度偏差阈值（百分点） 10 → 15" in out
    assert f"{YEAR}年度已签字确认或已报送，规则设置不变" in out
    out = cli.run("receive", "--workspace", second[0], newer)
    assert "已应用" in out
    out = cli.run("receive", "--workspace", second[0], older, code=1)
    assert "[replay] — 已拒收（不新于已应用的第2次参数包）：第1次参数包\n" in out
    out = cli.run("check", "--workspace", second[0], "--year", YEAR + 1, code=1)
    assert f"{YEAR + 1}年度 绩效目标：{YEAR + 1}-01-31前报送" in out
    assert f"第2次参数包 {UPPER}" in cli.run("params", "show", "--workspace", second[0])
