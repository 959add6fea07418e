"""Starting the window: no display, a workspace that cannot open, the font and the catalogues."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from unionperf.ui import app as app_module
from unionperf.ui.main_window import MainWindow

DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is Linux-only")
def test_without_a_display_exits_2_with_one_line(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in DISPLAY_VARIABLES}
    env["XDG_DATA_HOME"] = str(tmp_path)  # never touch the real user data folder
    done = subprocess.run(
        [sys.executable, "-m", "unionperf"],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "没有可用的图形显示 (no display)" in done.stderr
    assert "QT_QPA_PLATFORM=offscreen" in done.stderr
    assert "Traceback" not in done.stderr
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {}, False),
        ("linux", {"DISPLAY": ":0"}, True),
        ("linux", {"WAYLAND_DISPLAY": "wayland-0"}, True),
        ("linux", {"QT_QPA_PLATFORM": "offscreen"}, True),
        ("win32", {}, True),
    ],
)
def test_has_display(monkeypatch, platform, env, expected):
    for name in DISPLAY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", platform)
    assert app_module.has_display() is expected


@pytest.fixture
def restored_font(qapp):
    font = qapp.font()
    yield
    qapp.setFont(font)


def test_bundled_font_becomes_the_application_font(qapp, restored_font):
    family = app_module.load_font(qapp)
    assert family is not None
    assert "Micro Hei" in family
    assert qapp.font().family() == family
    assert qapp.font().pointSize() >= app_module.FONT_POINT_SIZE


def test_workspace_that_cannot_open_is_reported(qapp, restored_font, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox,
        "critical",
        staticmethod(lambda _parent, title, text: shown.append((title, text))),
    )
    assert app_module.run(blocker / "workspace") == 2
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "工会预算绩效管理"
    assert text.startswith("无法打开工作区：\n")
    assert str(blocker) in text  # the service's Chinese sentence names the place
    assert qapp.translate("MainWindow", "Load demo data") == "Load demo data"  # translators removed


# Qt's offscreen platform warns whenever a QMainWindow is shown (see test_main_window.py).
@pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")
def test_run_shows_the_main_window_on_the_default_workspace(
    qapp, restored_font, monkeypatch, tmp_path
):
    monkeypatch.setattr(app_module, "default_workspace_path", lambda: tmp_path / "default")
    seen: list[str] = []

    def fake_exec() -> int:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        seen.extend(w.windowTitle() for w in windows if w.isVisible())
        for window in windows:
            window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    assert app_module.run(None) == 0
    assert seen == ["工会预算绩效管理 · 基层单机版"]
    assert (tmp_path / "default").is_dir()
