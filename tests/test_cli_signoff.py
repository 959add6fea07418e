"""``unionperf sign`` and ``adjust``: gates, adjustments, Chinese errors, the writer lock."""

from __future__ import annotations

from dataclasses import replace

import pytest

from unionperf.cli import main
from unionperf.domain.settings import SignoffRole
from unionperf.services.common.workspace import Workspace
from unionperf.services.common.writer_lock import take_writer_lock
from unionperf.services.cycle import editing, locks

YEAR = "2024"


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "demo"
    assert main(["demo", "--workspace", str(path)]) == 0
    return path


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _sign(demo, capsys, stage: str, role: str, name: str, *extra: str) -> tuple[int, str, str]:
    return _run(
        capsys,
        "sign",
        "--workspace",
        str(demo),
        "--year",
        YEAR,
        "--stage",
        stage,
        "--role",
        role,
        "--name",
        name,
        *extra,
    )


def _signed(demo, stage: str) -> dict:
    with Workspace.open(demo) as workspace:
        return workspace.load_year(int(YEAR)).signoffs_for(stage)


def test_sign_is_refused_with_every_open_hard_problem_listed(demo, capsys):
    with Workspace.open(demo) as workspace:
        locks.withdraw_signoff(workspace, int(YEAR), "self-evaluation", SignoffRole.CHAIR)
        project = workspace.load_year(int(YEAR)).projects[0]
        editing.save_project(workspace, int(YEAR), replace(project, funding=()))
    code, out, err = _sign(demo, capsys, "self-evaluation", "chair", "陈建国")
    assert code == 2
    lines = out.strip().splitlines()
    assert [line.split()[0] for line in lines] == ["P004", "E008"]
    assert all("[强制]" in line and project.name in line for line in lines)
    assert len(err.strip().splitlines()) == 1
    assert "签字确认 › 绩效自评 › 工会主席：“绩效自评”还有2个须修改的问题，解决后才能签字" in err
    assert "Traceback" not in err
    assert SignoffRole.CHAIR not in _signed(demo, "self-evaluation")


def test_adjust_withdraws_the_signatures_and_sign_gives_them_again(demo, capsys):
    code, out, _ = _run(
        capsys,
        "adjust",
        "--workspace",
        str(demo),
        "--year",
        YEAR,
        "--stage",
        "targets",
        "--reason",
        "会员代表大会调整目标",
    )
    assert code == 0
    assert "已开始调整2024年度“绩效目标”：会员代表大会调整目标" in out
    assert "已撤回工会主席、经审会主任的签字" in out
    assert len(list((demo / "backups").glob("备份_*_调整前.sqlite"))) == 1
    assert "调整之前已备份" in out
    assert set(_signed(demo, "targets")) == {SignoffRole.PREPARER}
    code, out, _ = _run(capsys, "check", "--workspace", str(demo), "--year", YEAR)
    assert code == 1
    assert "G002 [强制] 签字确认 › 绩效目标 › 工会主席：绩效目标正在调整" in out

    code, out, _ = _sign(demo, capsys, "targets", "chair", "陈建国", "--date", "2024-03-01")
    assert code == 0
    assert out.splitlines() == [
        "已签字：2024年度“绩效目标” · 工会主席 陈建国（2024-03-01）",
        "“绩效目标”已锁定；如需修改，请先用 unionperf adjust 说明调整原因",
    ]
    code, _, _ = _sign(demo, capsys, "targets", "audit", "王秀英", "--date", "2024-03-02")
    assert code == 0
    signed = _signed(demo, "targets")
    assert signed[SignoffRole.AUDIT_CHAIR].signed_on.isoformat() == "2024-03-02"
    assert _run(capsys, "check", "--workspace", str(demo), "--year", YEAR)[0] == 0
    with Workspace.open(demo) as workspace:
        assert locks.stage_lock(workspace, int(YEAR), "targets").locked


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("targets", "boss"), "签字确认：未知角色“boss”：应为 preparer（填报人）"),
        (("targets", "audit", "--date", "2024-13-01"), "签字日期：“2024-13-01”不是有效日期"),
        (("monitoring-2024-05-31", "chair"), "2024年度没有截至2024-05-31的监控时点"),
        (("target", "chair"), "未知阶段“target”"),
    ],
)
def test_bad_options_are_one_chinese_line(demo, capsys, options, message):
    stage, role, *extra = options
    before = _signed(demo, "targets")
    code, _, err = _sign(demo, capsys, stage, role, "陈建国", *extra)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert _signed(demo, "targets") == before


def test_adjust_needs_a_reason_and_a_signed_stage(demo, capsys):
    base = ["adjust", "--workspace", str(demo), "--year", YEAR, "--stage"]
    code, _, err = _run(capsys, *base, "self-evaluation", "--reason", "  ")
    assert (code, "调整 › 绩效自评：请填写调整原因" in err) == (2, True)
    assert _run(capsys, *base, "targets", "--reason", "第一次")[0] == 0
    code, _, err = _run(capsys, *base, "targets", "--reason", "第二次")
    assert code == 2
    assert "尚未经工会主席签字确认，可直接修改，无需调整" in err


def test_sign_and_adjust_wait_for_the_window_to_close(demo, capsys):
    lock = take_writer_lock(demo)
    try:
        code, _, err = _sign(demo, capsys, "targets", "preparer", "周丽华")
        assert code == 2
        assert "该工作区正在被另一个程序使用" in err
        adjust = ["adjust", "--workspace", str(demo), "--year", YEAR]
        code, _, err = _run(capsys, *adjust, "--stage", "targets", "--reason", "原因")
        assert code == 2
        assert "该工作区正在被另一个程序使用" in err
    finally:
        lock.release()
    with Workspace.open(demo) as workspace:
        assert locks.stage_lock(workspace, int(YEAR), "targets").locked
    assert _sign(demo, capsys, "targets", "preparer", "周丽华")[0] == 0
