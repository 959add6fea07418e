"""文件 › 生成绩效信息公开表… and the 绩效自评 step's button: the sheet, off the GUI thread."""

from __future__ import annotations

import pytest

from unionperf.domain.cycle import Step
from unionperf.services.cycle import new_year
from unionperf.ui import disclosure, messages
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.evaluation.page import EvaluationStep

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

JOB_TIMEOUT_MS = 60_000


@pytest.fixture
def told(monkeypatch):
    seen: dict[str, list[str]] = {"info": [], "errors": []}
    monkeypatch.setattr(
        messages, "show_info", lambda _parent, title, text: seen["info"].append(f"{title}|{text}")
    )
    monkeypatch.setattr(
        messages,
        "show_error",
        lambda _parent, title, error: seen["errors"].append(f"{title}|{error}"),
    )
    return seen


def _window(qtbot, workspace) -> MainWindow:
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_file_menu_writes_the_sheet_into_the_folder_picked(
    qtbot, demo_workspace, tmp_path, monkeypatch, told
):
    out = tmp_path / "公开栏"
    monkeypatch.setattr(disclosure, "choose_folder", lambda _parent, _title: out)
    window = _window(qtbot, demo_workspace)
    assert window.disclosure_action in window.file_menu.actions()
    window.disclosure_action.trigger()
    qtbot.waitUntil(lambda: bool(told["info"] or told["errors"]), timeout=JOB_TIMEOUT_MS)
    assert told["errors"] == []
    (notice,) = told["info"]
    assert "2024年度预算绩效信息公开表.pdf" in notice
    assert (out / "2024年度预算绩效信息公开表.pdf").stat().st_size > 0
    assert (out / "2024年度预算绩效信息公开表.xlsx").stat().st_size > 0


def test_cancelling_the_folder_writes_nothing(qtbot, demo_workspace, monkeypatch, told):
    monkeypatch.setattr(disclosure, "choose_folder", lambda _parent, _title: None)
    window = _window(qtbot, demo_workspace)
    window.disclosure_action.trigger()
    assert told == {"info": [], "errors": []}


def test_the_evaluation_step_has_the_button_too(qtbot, demo_workspace, tmp_path, monkeypatch, told):
    out = tmp_path / "sheet"
    monkeypatch.setattr(disclosure, "choose_folder", lambda _parent, _title: out)
    window = _window(qtbot, demo_workspace)
    page = window.open_step(Step.EVALUATION)
    assert isinstance(page, EvaluationStep)
    assert page.disclose_button.isVisible()
    page.disclose_button.click()
    qtbot.waitUntil(lambda: bool(told["info"] or told["errors"]), timeout=JOB_TIMEOUT_MS)
    assert told["errors"] == []
    assert (out / "2024年度预算绩效信息公开表.pdf").exists()


def test_a_year_without_self_evaluation_is_refused_with_the_reason(
    qtbot, demo_workspace, tmp_path, monkeypatch, told
):
    new_year.start_year(demo_workspace, 2025)
    out = tmp_path / "none"
    monkeypatch.setattr(disclosure, "choose_folder", lambda _parent, _title: out)
    window = _window(qtbot, demo_workspace)
    window.session.open_year(2025)
    window.disclosure_action.trigger()
    qtbot.waitUntil(lambda: bool(told["info"] or told["errors"]), timeout=JOB_TIMEOUT_MS)
    (error,) = told["errors"]
    assert "2025年度尚未填写绩效自评" in error
    assert not out.exists()
