"""A year on the command line alone: ``init`` → ``year add`` → ``template`` → fill → ``import``
→ ``check`` → ``explain`` → ``sign`` (each role) → ``export`` → ``verify``.

Each step is one function taking the walk so far; the test runs :data:`STEPS` in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from unionperf.cli import main

CODE = "91350100M000100Y43"
YEAR = 2026
PROJECT = "2026年职工书香阅读活动"


@dataclass
class Walk:
    """The workspace walked, the files made on the way and what each command printed."""

    root: Path
    capsys: pytest.CaptureFixture[str]
    printed: dict[str, str] = field(default_factory=dict)

    @property
    def workspace(self) -> Path:
        """The workspace folder."""
        return self.root / "ws"

    @property
    def workbook(self) -> Path:
        """The fill-in workbook exported and imported."""
        return self.root / f"{YEAR}年度填报表.xlsx"

    def run(self, name: str, *argv: str, exit_code: int = 0) -> str:
        """Run ``unionperf NAME ARGV --workspace W``; check its exit code; keep its output."""
        self.capsys.readouterr()
        code = main([*name.split(), *argv, "--workspace", str(self.workspace)])
        out, err = self.capsys.readouterr()
        assert code == exit_code, f"{name}: {err or out}"
        self.printed[name] = out
        return out


def init(walk: Walk) -> None:
    walk.run("init", "--name", "福州市某机械厂工会委员会", "--credit-code", CODE)
    walk.run("unit", "--chair", "王建国", "--audit-chair", "赵敏", "--preparer", "李芳")


def year_add(walk: Walk) -> None:
    assert "已新建2026年度" in walk.run("year add", "--year", str(YEAR))


def template(walk: Walk) -> None:
    walk.run("template", "--year", str(YEAR), "--out", str(walk.workbook))
    assert walk.workbook.exists()


def fill(walk: Walk) -> None:
    """Type the year's budget, one project and the targets into the workbook, as a user would."""
    book = openpyxl.load_workbook(walk.workbook)
    budget = book["预算"]
    budget["B2"] = "全年为会员办实事不少于10件，会员满意度不低于90%"
    amounts = {"401": 120000, "402": 90000, "501": 150000, "503": 40000}
    for row in range(5, budget.max_row + 1):
        category = str(budget.cell(row, 1).value or "")
        if category in amounts:
            _put(budget, row, "本年预算数", amounts[category], header_row=4)
    projects = book["项目"]
    project = {
        "项目代码": "GH2026-01",
        "项目名称": PROJECT,
        "支出科目": "501 职工活动支出",
        "项目属性": "新增项目",
        "开始日期": date(YEAR, 3, 1),
        "结束日期": date(YEAR, 11, 30),
        "电话": "0591-87654321",
        "年度总体目标": "开展职工读书分享会不少于8场，新增图书1000册，职工满意度不低于90%",
        "本级工会经费·年初预算数": 60000,
        "本级工会经费·全年预算数": 60000,
    }  # 项目负责人 left empty: a soft problem to explain later
    for header, value in project.items():
        _put(projects, 2, header, value)
    indicators = book["指标"]
    rows = [
        (PROJECT, "产出指标", "数量指标", "读书分享会场次", "≥", 8, "场", 30),
        (PROJECT, "产出指标", "数量指标", "新增图书册数", "≥", 1000, "册", 20),
        (PROJECT, "效益指标", "社会效益指标", "参与职工人次", "≥", 600, "人次", 30),
        (PROJECT, "满意度指标", "服务对象满意度指标", "职工满意度", "≥", 90, "%", 10),
        ("单位整体", "产出指标", "数量指标", "为会员办实事件数", "≥", 10, "件", 50),
        ("单位整体", "效益指标", "社会效益指标", "会员参与活动人次", "≥", 2000, "人次", 30),
        ("单位整体", "满意度指标", "服务对象满意度指标", "会员满意度", "≥", 90, "%", 10),
    ]
    headers = ("项目名称", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位")
    for number, values in enumerate(rows, start=2):
        for header, value in zip((*headers, "分值"), values, strict=True):
            _put(indicators, number, header, value)
    book.save(walk.workbook)


def import_workbook(walk: Walk) -> None:
    out = walk.run("import", "--year", str(YEAR), str(walk.workbook))
    assert "导入" in out


def check(walk: Walk) -> None:
    """What remains: the soft problem to explain, and the three sign-offs of the targets."""
    out = walk.run("check", "--year", str(YEAR), exit_code=1)
    lines = out.strip().splitlines()
    assert lines[-1] == "共 3 个强制问题，1 个提示问题；审计日志完整", out
    assert f"P007 [提示] 项目“{PROJECT}” › 项目负责人：未填写项目负责人" in out
    hard = [line for line in lines if "[强制]" in line]
    assert [line.split("：")[0] for line in hard] == [
        "G001 [强制] 签字确认 › 绩效目标 › 填报人",
        "G001 [强制] 签字确认 › 绩效目标 › 工会主席",
        "G001 [强制] 签字确认 › 绩效目标 › 经审会主任",
    ]


def explain(walk: Walk) -> None:
    where = f"项目“{PROJECT}” › 项目负责人"
    walk.run(
        "explain",
        "--year",
        str(YEAR),
        "--code",
        "P007",
        "--location",
        where,
        "--text",
        "项目负责人待工会委员会3月会议确定",
    )
    out = walk.run("check", "--year", str(YEAR), exit_code=1)
    assert "（已说明：项目负责人待工会委员会3月会议确定）" in out
    assert all("G001" in line for line in out.splitlines() if "[强制]" in line)


def sign(walk: Walk) -> None:
    """Each role signs the targets off; the chair's signature locks the stage."""
    for role, name in (("preparer", "李芳"), ("chair", "王建国"), ("audit", "赵敏")):
        walk.run(
            "sign",
            "--year",
            str(YEAR),
            "--stage",
            "targets",
            "--role",
            role,
            "--name",
            name,
            "--date",
            "2026-03-10",
        )
    out = walk.run("check", "--year", str(YEAR))
    assert "[强制]" not in out, out


def export(walk: Walk) -> None:
    """The signed package, made and checked with no window."""
    out_folder = walk.root / "U盘"
    walk.run("export", "--year", str(YEAR), "--stage", "targets", "--out", str(out_folder))
    packages = list(out_folder.glob("*.upkg"))
    assert len(packages) == 1, list(out_folder.iterdir())
    walk.capsys.readouterr()
    assert main(["verify", str(packages[0])]) == 0
    assert CODE in walk.capsys.readouterr().out


STEPS: list[Callable[[Walk], None]] = [
    init,
    year_add,
    template,
    fill,
    import_workbook,
    check,
    explain,
    sign,
    export,
]
"""The walk in order, from an empty folder to a signed package checked by ``verify``."""


def test_a_year_from_init_to_export_with_no_window(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("UNIONPERF_PASSPHRASE", "correct horse battery staple")
    walk = Walk(tmp_path, capsys)
    for step in STEPS:
        step(walk)


def _put(sheet, row: int, header: str, value, *, header_row: int = 1) -> None:
    """Write ``value`` into the column titled ``header`` (the workbook's own column order)."""
    titles = {sheet.cell(header_row, column).value: column for column in range(1, 60)}
    sheet.cell(row, titles[header]).value = value
