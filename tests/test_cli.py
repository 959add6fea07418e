"""The command line on the demo workspace: score JSON, check, errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest

from unionperf.cli import main
from unionperf.services.cycle import editing


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "demo"
    assert main(["demo", "--workspace", str(path)]) == 0
    return path


def _json(capsys, argv: list[str]) -> dict:
    capsys.readouterr()
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_score_json_matches_the_documented_format(demo, capsys):
    report = _json(capsys, ["score", "--workspace", str(demo), "--year", "2024", "--json"])
    assert report["year"] == 2024
    assert report["settings"]["reverse_formula"] == 1
    assert report["settings"]["weights"] == {
        "execution": "10",
        "产出指标": "50",
        "效益指标": "30",
        "满意度指标": "10",
    }
    project = next(p for p in report["projects"] if p["name"] == "2024年职工文体活动经费")
    assert project["execution"] == {
        "budget": "220000.00",
        "executed": "204600.00",
        "rate": "0.9300",
        "points": "10",
        "score": "9.30",
        "flags": ["needs_explanation"],
        "working": "执行率 = 204,600.00 ÷ 220,000.00 = 93.00%；93.00% × 10 = 9.30",
    }
    first = project["indicators"][0]
    assert {
        key: first[key]
        for key in (
            "level1",
            "level2",
            "name",
            "kind",
            "operator",
            "target",
            "unit",
            "actual",
            "tier",
            "applicable",
            "points",
            "score",
            "flags",
            "deduction",
            "deduction_reason",
            "target_upper",
            "working",
        )
    } == {
        "level1": "产出指标",
        "level2": "数量指标",
        "name": "举办职工文体活动场次",
        "kind": "quantitative",
        "operator": ">=",
        "target": "12",
        "unit": "场",
        "actual": "10",
        "tier": None,
        "applicable": True,
        "points": "15",
        "score": "12.50",
        "flags": ["needs_explanation"],
        "deduction": None,
        "deduction_reason": None,
        "target_upper": None,
        "working": "正向指标未完成：10 ÷ 12 × 15 = 12.50",
    }
    assert (project["total"], project["grade"]) == ("91.55", "优")
    assert project["working"] == "总分 = 预算执行率得分9.30 + 指标得分82.25 = 91.55"
    assert report["unit"]["name"]
    assert report["unit"]["grade"] in {"优", "良", "中", "差"}
    assert len(report["projects"]) >= 6


def test_score_json_has_no_floats(demo, capsys):
    def walk(value):
        assert not isinstance(value, float)
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(_json(capsys, ["score", "--workspace", str(demo), "--year", "2024", "--json"]))


def test_demo_holds_the_required_kinds_of_indicator(demo, capsys):
    report = _json(capsys, ["score", "--workspace", str(demo), "--year", "2024", "--json"])
    indicators = [i for p in [*report["projects"], report["unit"]] for i in p["indicators"]]
    assert any(i["operator"] in ("<=", "<") for i in indicators)
    assert any(i["kind"] == "qualitative" and i["tier"] for i in indicators)
    assert any(not i["applicable"] for i in indicators)
    assert any("over_delivery" in i["flags"] for i in indicators)
    for project in report["projects"]:
        assert Decimal(project["total"]) <= 100


def test_check_on_demo_has_no_hard_problem(demo, capsys):
    capsys.readouterr()
    assert main(["check", "--workspace", str(demo), "--year", "2024"]) == 0
    assert "共 0 个强制问题" in capsys.readouterr().out
    report = _json(capsys, ["check", "--workspace", str(demo), "--year", "2023", "--json"])
    assert report["hard"] == 0
    assert report["audit"] == []


def test_check_reports_hard_problems_with_exit_1(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("UNIONPERF_PASSPHRASE", "secret passphrase")
    path = tmp_path / "ws"
    assert (
        main(
            [
                "init",
                "--workspace",
                str(path),
                "--name",
                "测试工会",
                "--credit-code",
                "91350100M000100Y43",
            ]
        )
        == 0
    )
    from unionperf.services.common.workspace import Workspace  # noqa: PLC0415

    with Workspace.open(path) as workspace:
        editing.add_year(workspace, 2024)
    capsys.readouterr()
    assert main(["check", "--workspace", str(path), "--year", "2024"]) == 1
    out = capsys.readouterr().out
    assert "B001 [强制]" in out


def test_check_reports_tampered_audit_log(tmp_path, capsys):
    path = tmp_path / "demo"
    assert main(["demo", "--workspace", str(path)]) == 0
    import sqlite3  # noqa: PLC0415

    with sqlite3.connect(path / "unionperf.sqlite") as connection:
        connection.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1")
    connection.close()
    capsys.readouterr()
    assert main(["check", "--workspace", str(path), "--year", "2024"]) == 1
    assert "审计日志第1条内容已被改动" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["score", "--workspace", "{tmp}/missing", "--year", "2024"], "工作区不存在"),
        (["score", "--workspace", "{demo}", "--year", "1999"], "没有1999年度"),
        (
            ["init", "--workspace", "{tmp}/x", "--name", "某工会", "--credit-code", "123"],
            "应为18位",
        ),
        (["demo", "--workspace", "{demo}"], "工作区已存在"),
    ],
)
def test_errors_are_one_line_without_traceback(demo, tmp_path, argv, message):
    argv = [item.format(tmp=tmp_path, demo=demo) for item in argv]
    done = subprocess.run(
        [sys.executable, "-m", "unionperf", *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_unexpected_error_is_one_line_with_a_saved_report(demo, tmp_path, monkeypatch, capsys):
    from unionperf.services.common.workspace import Workspace  # noqa: PLC0415

    def broken(self, year):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(Workspace, "score", broken)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    capsys.readouterr()
    assert main(["score", "--workspace", str(demo), "--year", "2024"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "程序内部错误" in err
    reports = list((tmp_path / "state").rglob("crash-*.txt"))
    assert len(reports) == 1
    assert "RuntimeError: simulated bug" in reports[0].read_text(encoding="utf-8")


def test_demo_exports_every_stage_without_further_input(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("UNIONPERF_PASSPHRASE", raising=False)
    path = tmp_path / "demo"
    assert main(["demo", "--workspace", str(path)]) == 0
    monkeypatch.setenv("UNIONPERF_PASSPHRASE", "demo")
    stages = [
        "targets",
        "monitoring-2024-03-31",
        "monitoring-2024-06-30",
        "monitoring-2024-07-31",
        "monitoring-2024-09-30",
        "self-evaluation",
    ]
    for stage in stages:
        assert (
            main(
                [
                    "export",
                    "--workspace",
                    str(path),
                    "--year",
                    "2024",
                    "--stage",
                    stage,
                    "--out",
                    str(tmp_path / "usb"),
                ]
            )
            == 0
        )
    written = sorted(item.name for item in (tmp_path / "usb").iterdir())
    labels = ["绩效目标", *(f"运行监控（截至{stage[11:]}）" for stage in stages[1:-1]), "绩效自评"]
    assert written == sorted(f"81310115MC2K7Q8P1A_2024年{label}_第1次.upkg" for label in labels)
    capsys.readouterr()
    for item in (tmp_path / "usb").iterdir():
        assert main(["verify", str(item)]) == 0
    assert "校验通过" in capsys.readouterr().out


def test_export_refuses_while_a_problem_blocks(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("UNIONPERF_PASSPHRASE", "demo")
    path = tmp_path / "demo"
    assert main(["demo", "--workspace", str(path)]) == 0
    capsys.readouterr()
    code = main(
        [
            "export",
            "--workspace",
            str(path),
            "--year",
            "2024",
            "--stage",
            "monitoring-2024-05-31",
            "--out",
            str(tmp_path / "usb"),
        ]
    )
    assert code == 2
    assert "没有截至2024-05-31的监控时点" in capsys.readouterr().err
    assert not (tmp_path / "usb").exists()


def test_a_closed_pipe_is_not_a_traceback(demo):
    """The reader closes the pipe before the command prints anything (as ``| head`` may)."""
    with subprocess.Popen(
        [
            sys.executable,
            "-m",
            "unionperf",
            "score",
            "--workspace",
            str(demo),
            "--year",
            "2024",
            "--json",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()  # the interpreter is still starting: every write will fail
        error = process.stderr.read()
        process.wait(timeout=120)
    assert "Traceback" not in error
    assert "Broken pipe" not in error
    assert process.returncode == 2


def test_refused_export_lists_every_blocking_problem(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("UNIONPERF_PASSPHRASE", "secret passphrase")
    path = tmp_path / "ws"
    assert (
        main(
            [
                "init",
                "--workspace",
                str(path),
                "--name",
                "测试工会",
                "--credit-code",
                "91350100M000100Y43",
            ]
        )
        == 0
    )
    from unionperf.services.common.workspace import Workspace  # noqa: PLC0415

    with Workspace.open(path) as workspace:
        editing.add_year(workspace, 2024)
    capsys.readouterr()
    code = main(
        [
            "export",
            "--workspace",
            str(path),
            "--year",
            "2024",
            "--stage",
            "targets",
            "--out",
            str(tmp_path / "usb"),
        ]
    )
    captured = capsys.readouterr()
    assert code == 2
    assert "B001 [hard]" in captured.out
    assert "G001 [hard]" in captured.out
    assert "不能报送" in captured.err
    assert len(captured.err.strip().splitlines()) == 1
    assert not (tmp_path / "usb").exists()


@pytest.mark.parametrize(
    ("damage", "finding"),
    [
        ("DROP TABLE audit_log", "审计日志表缺失或结构被改动"),
        ("ALTER TABLE audit_log RENAME COLUMN hash TO digest", "审计日志表缺失或结构被改动"),
        (
            "UPDATE workspace_meta SET value = 'garbage' WHERE key = 'audit_head'",
            "审计日志的链头记录已损坏",
        ),
    ],
)
def test_a_missing_or_altered_audit_table_is_a_finding(tmp_path, capsys, damage, finding):
    path = tmp_path / "demo"
    assert main(["demo", "--workspace", str(path)]) == 0
    import sqlite3  # noqa: PLC0415

    connection = sqlite3.connect(path / "unionperf.sqlite")
    with connection:
        connection.execute(damage)
    connection.close()
    capsys.readouterr()
    assert main(["check", "--workspace", str(path), "--year", "2024"]) == 1
    captured = capsys.readouterr()
    assert finding in captured.out, captured
    assert "程序内部错误" not in captured.err


def test_a_passphrase_file_that_is_not_text_is_refused_in_one_line(tmp_path, capsys):
    secret = tmp_path / "pass.bin"
    secret.write_bytes(b"\xff\xfe\x00\x81secret")
    capsys.readouterr()
    argv = ["init", "--workspace", str(tmp_path / "ws"), "--passphrase-file", str(secret)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "口令文件" in err, err
    assert "UTF-8" in err
    assert "程序内部错误" not in err
    assert not (tmp_path / "ws").exists()


KILLED_DEMO = """
import os, signal, sys
from unionperf.services.cycle import demo, editing

original = editing.replace_year

def replace_then_die(workspace, data):
    original(workspace, data)
    os.kill(os.getpid(), signal.SIGKILL)

editing.replace_year = replace_then_die
from unionperf.cli import main
main(["demo", "--workspace", sys.argv[1]])
"""


def test_a_killed_demo_leaves_nothing_half_made(tmp_path, capsys):
    path = tmp_path / "demo"
    done = subprocess.run(
        [sys.executable, "-c", KILLED_DEMO, str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode < 0, done.stderr  # killed
    assert not path.exists()
    assert main(["demo", "--workspace", str(path)]) == 0
    assert main(["check", "--workspace", str(path), "--year", "2024"]) == 0
    assert [item.name for item in tmp_path.iterdir()] == ["demo"]


def test_demo_refuses_a_folder_that_holds_other_files(tmp_path, capsys):
    path = tmp_path / "documents"
    path.mkdir()
    (path / "工作计划.docx").write_bytes(b"x")
    capsys.readouterr()
    assert main(["demo", "--workspace", str(path)]) == 2
    assert "不是空的" in capsys.readouterr().err
    assert [item.name for item in path.iterdir()] == ["工作计划.docx"]
