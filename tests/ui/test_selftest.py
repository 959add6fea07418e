"""``unionperf selftest`` from the checkout: every check passes, a failure names its check."""

from __future__ import annotations

import pytest

from unionperf.cli import main
from unionperf.store.migrate import HEAD_REVISION

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

CHECKS = [
    "创建工作区并迁移数据库",
    "写入演示数据",
    "计算绩效自评得分",
    "运行审核规则",
    "生成全部标准表格（PDF、Excel）",
    "生成并校验签名数据包",
    "加密并解密数据包（age）",
    "加载 PostgreSQL 驱动（上级单位数据库）",
    "显示主窗口（中文界面）",
]


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """The self-test's temporary folders go here, so the test can see they are removed."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(folder))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    return folder


def _passed(report: str) -> list[str]:
    return [
        line.removeprefix("通过 (ok)  ").split("：")[0]
        for line in report.splitlines()
        if line.startswith("通过 (ok)")
    ]


def test_selftest_passes_every_check_and_leaves_nothing_behind(qapp, scratch, tmp_path, capsys):
    report = tmp_path / "report.txt"
    assert main(["selftest", "--report", str(report)]) == 0
    text = report.read_text(encoding="utf-8")
    assert _passed(text) == CHECKS
    assert f"数据库版本 {HEAD_REVISION}" in text
    assert "签名与内容校验通过" in text
    assert "显示平台 offscreen" in text
    assert "窗口标题「工会预算绩效管理 · 基层单机版」" in text
    assert text.splitlines()[-1].startswith("自检通过 (selftest passed)：9 项")
    assert capsys.readouterr().out.strip() == text.strip()
    assert list(scratch.iterdir()) == []


def test_a_broken_step_names_itself_and_exits_2(qapp, scratch, tmp_path, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("unionperf.services.cycle.forms.write_forms", disk_full)
    report = tmp_path / "report.txt"
    assert main(["selftest", "--report", str(report)]) == 2
    text = report.read_text(encoding="utf-8")
    assert _passed(text) == CHECKS[:4]
    assert "失败 (FAILED)：自检失败：生成全部标准表格（PDF、Excel）：" in text
    assert "No space left on device" in text
    assert "自检通过" not in text
    assert list(scratch.iterdir()) == []


def test_a_missing_font_fails_the_window_check(qapp, scratch, tmp_path, monkeypatch):
    monkeypatch.setattr("unionperf.ui.selftest.load_font", lambda app: None)
    report = tmp_path / "report.txt"
    assert main(["selftest", "--report", str(report)]) == 2
    text = report.read_text(encoding="utf-8")
    assert _passed(text) == CHECKS[:8]
    assert "显示主窗口（中文界面）：内置中文字体未能加载" in text


def test_selftest_is_not_listed_in_help(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "selftest" not in capsys.readouterr().out


def test_window_only_opens_the_given_workspace(qapp, demo_workspace, monkeypatch, capsys):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    path = demo_workspace.paths.root
    demo_workspace.close()
    assert main(["selftest", "--window-only", "--workspace", str(path)]) == 0
    assert "窗口已显示" in capsys.readouterr().out
