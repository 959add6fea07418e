"""``unionperf assessment``: the year's ex-ante assessments listed, one recorded from a file."""

from __future__ import annotations

import json

import pytest

from unionperf.cli import main
from unionperf.services.common.workspace import Workspace


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("assess") / "demo"
    assert main(["demo", "--workspace", str(path)]) == 0
    return path


def _run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(item) for item in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_demo_lists_its_major_project_as_passed_after_adjustment(demo, capsys):
    code, out, _ = _run(capsys, "assessment", "--workspace", demo, "--year", 2024)
    assert code == 0
    assert "2024年度事前绩效评估门槛：500,000.00元" in out
    assert "2024年节日慰问及会员集体福利：预算720,000.00元，须评估，调整后通过" in out
    code, out, _ = _run(capsys, "assessment", "--workspace", demo, "--year", 2024, "--json")
    [row] = json.loads(out)["projects"]
    assert row == {
        "uid": "p2024-02",
        "name": "2024年节日慰问及会员集体福利",
        "budget": "720000.00",
        "required": True,
        "conclusion": "pass_adjusted",
        "missing": [],
    }


def test_a_file_records_an_assessment_and_a_bad_one_is_refused(demo, capsys, tmp_path):
    copy = tmp_path / "ws"
    import shutil  # noqa: PLC0415

    shutil.copytree(demo, copy, ignore=shutil.ignore_patterns("unionperf.lock"))
    with Workspace.open(copy) as workspace:
        from unionperf.services.cycle import locks  # noqa: PLC0415

        locks.open_adjustment(workspace, 2024, "targets", "补录事前绩效评估")
    record = tmp_path / "a.json"
    record.write_text(
        json.dumps({"necessity": "需要", "conclusion": "不予通过", "assessed_on": "2023-12-01"}),
        encoding="utf-8",
    )
    code, out, _ = _run(
        capsys, "assessment", "--workspace", copy, "--year", 2024,
        "--project", "2024年劳模及先进职工疗休养", "--file", record,
    )  # fmt: skip
    assert code == 0
    assert "已保存项目“2024年劳模及先进职工疗休养”的事前绩效评估" in out
    with Workspace.open(copy, writer=False) as workspace:
        held = workspace.load_year(2024).assessment_of("p2024-06")
    assert held is not None
    assert held.necessity == "需要"
    assert held.conclusion is not None
    assert held.conclusion.value == "reject"
    record.write_text(json.dumps({"conclusion": "差不多"}), encoding="utf-8")
    code, _, err = _run(
        capsys, "assessment", "--workspace", copy, "--year", 2024,
        "--project", "p2024-06", "--file", record,
    )  # fmt: skip
    assert code == 2
    assert "“差不多”不是评估结论" in err
    assert len(err.strip().splitlines()) == 1
    record.write_text(json.dumps({"risk": "拼错"}), encoding="utf-8")
    code, _, err = _run(
        capsys, "assessment", "--workspace", copy, "--year", 2024,
        "--project", "p2024-06", "--file", record,
    )  # fmt: skip
    assert code == 2
    assert "不认识的字段：risk" in err


def test_project_and_file_go_together(demo, capsys):
    code, _, err = _run(capsys, "assessment", "--workspace", demo, "--year", 2024, "--project", "x")
    assert code == 2
    assert "--project 和 --file 须一起使用" in err
