"""The window paints first (the workspace's name and a loading line), then loads the store and
shows the real step; what it imports before that first paint."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QApplication

from unionperf.domain.cycle import Step
from unionperf.ui import app as app_module
from unionperf.ui import crash, start_shell
from unionperf.ui.main_window import MainWindow
from unionperf.ui.settings import AppSettings
from unionperf.ui.steps.base import StepPage


@pytest.fixture(autouse=True)
def user_folders(tmp_path, monkeypatch):
    """Never touch the real user settings and log folders; never wait on a crash dialog."""
    monkeypatch.setattr(app_module, "AppSettings", lambda: AppSettings(tmp_path / "settings.ini"))
    monkeypatch.setattr(crash, "fallback_log_folder", lambda: tmp_path / "user-logs")
    monkeypatch.setattr(crash, "show_crash_dialog", lambda *args: None)
    monkeypatch.setattr(crash, "show_previous_crash", lambda *args: None)


@pytest.fixture
def restored_font(qapp):
    """The application font as it was (``run`` sets the bundled font)."""
    font = qapp.font()
    yield
    qapp.setFont(font)


@pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")
@pytest.mark.usefixtures("restored_font")
def test_first_paint_shows_the_workspace_name_and_loading_then_the_real_step(
    demo_workspace, monkeypatch
):
    root = demo_workspace.paths.root
    unit_name = demo_workspace.unit().name
    demo_workspace.close()
    first_paint: list[dict[str, object]] = []
    shells: list[start_shell.StartShell] = []
    show_shell = start_shell.show_start_shell

    def watched_shell(*args, **kwargs):
        shell = show_shell(*args, **kwargs)
        shells.append(shell)
        first_paint.append(
            {
                "visible": shell.isVisible(),
                "title": shell.windowTitle(),
                "name": shell.workspace_name.text(),
                "loading": shell.loading.text(),
                "loading shown": shell.loading.isVisible(),
                "windows": [
                    widget
                    for widget in QApplication.topLevelWidgets()
                    if isinstance(widget, MainWindow)
                ],
            }
        )
        return shell

    at_exec: list[dict[str, object]] = []

    def fake_exec() -> int:
        (window,) = [
            widget
            for widget in QApplication.topLevelWidgets()
            if isinstance(widget, MainWindow) and widget.isVisible()
        ]
        at_exec.append(
            {
                "shell visible": shells[0].isVisible(),
                "step": window.current_step(),
                "page": window.page(window.current_step()),
                "unit": window.unit_name.text(),
            }
        )
        window.close()
        return 0

    monkeypatch.setattr(start_shell, "show_start_shell", watched_shell)
    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    assert app_module.run(root) == 0

    (painted,) = first_paint
    assert painted["visible"]
    assert painted["title"] == "工会预算绩效管理"
    assert painted["name"] == root.name  # the folder's name: the database is not read yet
    assert painted["loading"] == "正在打开工作区……"
    assert painted["loading shown"]
    assert painted["windows"] == []  # the real window comes after the first paint
    (shown,) = at_exec
    assert not shown["shell visible"]  # replaced by the real window
    assert shown["step"] is Step.UNIT
    assert isinstance(shown["page"], StepPage)
    assert shown["unit"] == unit_name


IMPORTS_BEFORE_PAINT = """
import json, sys
from unionperf.ui import app, start_shell
print(json.dumps(sorted(sys.modules)))
"""


def test_the_first_paint_needs_neither_the_store_nor_the_steps():
    done = subprocess.run(
        [sys.executable, "-c", IMPORTS_BEFORE_PAINT],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    loaded = set(json.loads(done.stdout))
    heavy = {
        "sqlalchemy",
        "unionperf.store.engine",
        "unionperf.services.common.workspace",
        "unionperf.ui.main_window",
        "unionperf.ui.upper.window",
        "unionperf.ui.steps",
        "cryptography",
        "logging.handlers",
    }
    assert loaded & heavy == set()
    assert {"unionperf.ui.app", "unionperf.ui.start_shell", "PySide6.QtWidgets"} <= loaded
