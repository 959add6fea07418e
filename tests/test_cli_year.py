"""``year add``, ``explain`` and ``unit`` on the command line, with their refusals."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal as D

import pytest

from unionperf.cli import main
from unionperf.domain.budget import FundingLine, FundingSource, Project
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import editing

CODE = "91350100M000100Y43"


@pytest.fixture(scope="module")
def demo_once(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-year") / "demo"
    assert main(["demo", "--workspace", str(path)]) == 0
    return path


@pytest.fixture
def demo(demo_once, tmp_path):
    """A fresh copy of the demo workspace (2023 and 2024) for a test that writes."""
    path = tmp_path / "demo"
    shutil.copytree(demo_once, path)
    return path


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A workspace made by ``init`` with a name and a credit code, and one empty year 2026."""
    monkeypatch.setenv("UNIONPERF_PASSPHRASE", "correct horse battery staple")
    path = tmp_path / "ws"
    assert (
        main(["init", "--workspace", str(path), "--name", "测试工会", "--credit-code", CODE]) == 0
    )
    assert main(["year", "add", "--workspace", str(path), "--year", "2026"]) == 0
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one command."""
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- year add ---------------------------------------------------------------------------------


def test_year_add_carries_budget_lines_and_the_running_project(demo, capsys):
    code, out, _ = run(
        capsys, "year", "add", "--workspace", str(demo), "--year", "2025", "--copy-from", "2024"
    )
    assert code == 0
    assert "从2024年度复制了10个预算科目、1个延续项目" in out
    assert "延续项目：职工之家设备购置及改造（2023—2025年）" in out
    assert "未复制（项目期已结束）：2024年职工文体活动经费" in out
    assert len(list((demo / "backups").glob("备份_*_新建年度前.sqlite"))) == 1
    assert "新建之前已备份" in out
    with Workspace.open(demo) as workspace:
        before, after = workspace.load_year(2024), workspace.load_year(2025)
    [home] = after.projects
    assert home.uid == next(p.uid for p in before.projects if p.name == home.name)
    assert home.executed == 0
    assert home.full_year_budget == home.initial_budget > 0
    assert [line.budget for line in after.budget] == [line.budget for line in before.budget]
    assert [line.last_year_actual for line in after.budget] == [
        line.executed for line in before.budget
    ]
    assert all(line.executed == line.adjustment == 0 for line in after.budget)
    assert (after.points, after.monitoring, after.evaluations, after.signoffs) == ((), (), (), ())
    assert after.settings == before.settings


def test_year_add_runs_ticked_ended_projects_again_as_new_projects(demo, capsys):
    code, out, _ = run(
        capsys,
        "year",
        "add",
        "--workspace",
        str(demo),
        "--year",
        "2025",
        "--copy-from",
        "2024",
        "--renew",
        "GH2024-01",
        "p2024-04",
    )
    assert code == 0, out
    assert "另将2个已结束的项目作为新项目复制" in out
    assert "新增项目（上年已结束，再次开展）：2025年职工文体活动经费" in out
    assert "未复制（项目期已结束）：2024年节日慰问及会员集体福利" in out
    with Workspace.open(demo) as workspace:
        before, after = workspace.load_year(2024), workspace.load_year(2025)
    sports = next(p for p in after.projects if p.name == "2025年职工文体活动经费")
    old = before.project("p2024-01")
    assert sports.uid not in {p.uid for p in before.projects}
    assert sports.code == "GH2025-01"
    assert (sports.start, sports.end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert sports.initial_budget == old.initial_budget
    assert [(i.name, i.target) for i in sports.targets.indicators] == [
        (i.name, i.target) for i in old.targets.indicators
    ]
    assert "2025年工会干部培训" in {p.name for p in after.projects}


def test_year_add_renews_every_ended_project_with_blank_amounts(demo, capsys):
    code, out, _ = run(
        capsys,
        "year", "add", "--workspace", str(demo), "--year", "2025", "--copy-from", "2024",
        "--renew-ended", "--blank-amounts",
    )  # fmt: skip
    assert code == 0, out
    with Workspace.open(demo) as workspace:
        after = workspace.load_year(2025)
    assert len(after.projects) == 6
    renewed = [p for p in after.projects if p.name.startswith("2025年")]
    assert len(renewed) == 5
    assert all(p.initial_budget == 0 and p.funding for p in renewed)
    assert "未复制" not in out


def test_year_add_refuses_to_renew_what_did_not_end(demo, capsys):
    code, _, err = run(
        capsys,
        "year", "add", "--workspace", str(demo), "--year", "2025", "--copy-from", "2024",
        "--renew", "GH2024-05",
    )  # fmt: skip
    assert code == 2
    assert "GH2024-05" in err
    assert "不是2024年度已结束的项目" in err
    with Workspace.open(demo) as workspace:
        assert 2025 not in workspace.years()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--year", "2024"], "新建年度：2024年度已存在（工作区现有年度：2023、2024）"),
        (["--year", "2025", "--copy-from", "2020"], "工作区中没有2020年度的数据，无法复制"),
        (["--year", "2022", "--copy-from", "2023"], "只能从更早的年度复制"),
        (["--year", "3000"], "年度3000无效：应在2000至2100之间"),
    ],
)
def test_year_add_refuses_in_one_line_and_writes_nothing(demo, capsys, argv, message):
    with Workspace.open(demo) as workspace:
        audit = workspace.audit_breaks(), len(workspace.years())
    code, _, err = run(capsys, "year", "add", "--workspace", str(demo), *argv)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    with Workspace.open(demo) as workspace:
        assert (workspace.audit_breaks(), len(workspace.years())) == audit


def test_year_add_on_a_missing_workspace_makes_no_folder(tmp_path, capsys):
    code, _, err = run(capsys, "year", "add", "--workspace", str(tmp_path / "no"), "--year", "2026")
    assert code == 2
    assert "工作区不存在" in err
    assert not (tmp_path / "no").exists()


def test_year_without_an_action_says_what_to_type(demo, capsys):
    code, _, err = run(capsys, "year", "--workspace", str(demo))
    assert code == 2
    assert "请指定 year add" in err


# -- explain ----------------------------------------------------------------------------------


def _project_without_responsible(path) -> None:
    with Workspace.open(path) as workspace:
        editing.save_project(
            workspace,
            2026,
            Project(
                "p-a",
                "GH2026-01",
                "职工书屋",
                "501",
                start=date(2026, 1, 1),
                end=date(2026, 12, 31),
                funding=(FundingLine(FundingSource.OWN, D(5000), D(5000)),),
            ),
        )


def test_explain_writes_what_check_then_shows(fresh, capsys):
    _project_without_responsible(fresh)
    _, out, _ = run(capsys, "check", "--workspace", str(fresh), "--year", "2026")
    assert "P007 [提示] 项目“职工书屋” › 项目负责人" in out
    code, out, _ = run(
        capsys,
        "explain",
        "--workspace",
        str(fresh),
        "--year",
        "2026",
        "--code",
        "p007",
        "--location",
        "项目 职工书屋 > 项目负责人",
        "--text",
        "负责人待工会委员会确定",
    )
    assert code == 0
    assert out.startswith("已说明：P007 项目“职工书屋” › 项目负责人")
    _, out, _ = run(capsys, "check", "--workspace", str(fresh), "--year", "2026")
    assert "P007 [提示] 项目“职工书屋” › 项目负责人：未填写项目负责人" in out
    assert "（已说明：负责人待工会委员会确定）" in out
    code, out, _ = run(
        capsys,
        "explain",
        "--workspace",
        str(fresh),
        "--year",
        "2026",
        "--code",
        "P007",
        "--location",
        "project|p-a||responsible",
        "--text",
        "",
    )
    assert (code, out.split("：")[0]) == (0, "已撤回说明")
    with Workspace.open(fresh) as workspace:
        assert workspace.load_year(2026).explanations == ()


@pytest.mark.parametrize(
    "case",
    [
        (
            "X999",
            "任意",
            "未知的问题代码“X999”；2026年度可说明的提示问题：P007 项目“职工书屋”",
            True,
        ),
        ("T006", "任意", "2026年度没有T006问题；可说明的提示问题：P007", True),
        (
            "P007",
            "项目“别的项目” › 项目负责人",
            "P007问题没有位置“项目“别的项目” › 项目负责人”；"
            "该问题的位置：P007 项目“职工书屋” › 项目负责人",
            True,
        ),
        ("B001", "年度预算 › 支出", "B001是强制问题（本年度尚未编制支出预算），须修改数据", False),
    ],
)
def test_explain_refuses_with_what_exists(fresh, capsys, case):
    code, location, message, listed = case
    _project_without_responsible(fresh)
    result, out, err = run(
        capsys,
        "explain",
        "--workspace",
        str(fresh),
        "--year",
        "2026",
        "--code",
        code,
        "--location",
        location,
        "--text",
        "说明",
    )
    assert result == 2
    assert message in err
    assert ("P007 项目“职工书屋” › 项目负责人：未填写项目负责人" in out) is listed
    with Workspace.open(fresh) as workspace:
        assert workspace.load_year(2026).explanations == ()


def test_explain_in_an_unknown_year_names_it(fresh, capsys):
    code, _, err = run(
        capsys,
        "explain",
        "--workspace",
        str(fresh),
        "--year",
        "2031",
        "--code",
        "P007",
        "--location",
        "x",
        "--text",
        "y",
    )
    assert code == 2
    assert "工作区中没有2031年度的数据" in err


# -- unit -------------------------------------------------------------------------------------


def test_unit_without_options_prints_the_profile(fresh, capsys):
    code, out, _ = run(capsys, "unit", "--workspace", str(fresh))
    assert code == 0
    assert "工会名称：测试工会" in out
    assert f"统一社会信用代码：{CODE}" in out
    assert "经费审查委员会主任：（未填）" in out


def test_unit_changes_only_the_fields_given(fresh, capsys):
    code, out, _ = run(
        capsys,
        "unit",
        "--workspace",
        str(fresh),
        "--chair",
        "王主席",
        "--audit-chair",
        "赵主任",
        "--preparer",
        "李会计",
        "--phone",
        "0591-1234",
        "--members",
        "120",
    )
    assert code == 0
    assert "已保存单位信息" in out
    with Workspace.open(fresh) as workspace:
        unit = workspace.unit()
    assert (unit.name, unit.credit_code, unit.chair, unit.audit_chair) == (
        "测试工会",
        CODE,
        "王主席",
        "赵主任",
    )
    assert (unit.accountant, unit.contact_phone, unit.member_count) == ("李会计", "0591-1234", 120)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--credit-code", "91350100M000100Y44"], "统一社会信用代码校验位错误：第18位应为“3”"),
        (["--credit-code", "9135010"], "统一社会信用代码应为18位，现为7位"),
        (["--name", " "], "请填写工会名称"),
        (["--members", "-3"], "人数不能为负数"),
    ],
)
def test_unit_refuses_bad_values_and_keeps_the_profile(fresh, capsys, argv, message):
    with Workspace.open(fresh) as workspace:
        before = workspace.unit()
    code, _, err = run(capsys, "unit", "--workspace", str(fresh), *argv)
    assert code == 2
    assert message in err
    with Workspace.open(fresh) as workspace:
        assert workspace.unit() == before


def test_unit_on_a_workspace_without_a_profile_needs_name_and_code(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("UNIONPERF_PASSPHRASE", "correct horse battery staple")
    path = tmp_path / "blank"
    assert main(["init", "--workspace", str(path)]) == 0
    assert "尚未填写单位信息" in run(capsys, "unit", "--workspace", str(path))[1]
    code, _, err = run(capsys, "unit", "--workspace", str(path), "--chair", "王主席")
    assert (code, "请填写工会名称" in err) == (2, True)
    code, out, _ = run(
        capsys,
        "unit",
        "--workspace",
        str(path),
        "--name",
        "新工会",
        "--credit-code",
        CODE.lower(),
        "--chair",
        "王主席",
    )
    assert code == 0
    assert f"统一社会信用代码：{CODE}" in out
