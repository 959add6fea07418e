"""Issue 12: every step opens its guidance from beside the step list (or F1), never in the way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from unionperf.domain.cycle import Step
from unionperf.services.views import guidance
from unionperf.ui import messages
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.base import step_title

pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support propagateSizeHints\(\)$",
    r"^This plugin does not support raise\(\)$",  # the guidance window comes to the front
)


@pytest.fixture
def window(qtbot, demo_workspace, monkeypatch, zh_cn):
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda *args: shown.append(str(args)))
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.refresh_years(2024)
    yield window
    assert shown == []


@pytest.mark.parametrize("step", list(Step))
def test_each_step_opens_its_guidance_with_the_rule_it_comes_from(qtbot, window, step):
    window.open_step(step)
    card = window.guidance
    assert card.isVisible()
    assert card.summary.text() == guidance.guidance_for(step.value).summary
    qtbot.mouseClick(card.button, Qt.MouseButton.LeftButton)
    dialog = card.dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert not dialog.isModal()
    assert step_title(step) in dialog.windowTitle()
    text = dialog.text.toPlainText()
    assert guidance.REGULATION in text
    assert "上级工会看什么" in text
    assert dialog.width() <= 1366
    assert dialog.height() <= 768


def test_the_guidance_window_follows_the_step_and_shows_the_original(qtbot, window):
    window.open_step(Step.TARGETS)
    window.guidance_action.trigger()  # F1
    dialog = window.guidance.dialog
    assert "绩效目标" in dialog.windowTitle()
    window.open_step(Step.MONITORING)
    assert "运行监控" in dialog.windowTitle()
    assert "双监控" in dialog.text.toPlainText()
    qtbot.mouseClick(dialog.original_button, Qt.MouseButton.LeftButton)
    assert "加强绩效目标管理" in dialog.text.toPlainText()
    assert dialog.windowTitle() == guidance.REGULATION
    qtbot.mouseClick(dialog.original_button, Qt.MouseButton.LeftButton)
    assert "运行监控" in dialog.windowTitle()


def test_the_guidance_card_takes_no_room_from_the_step_pages(window):
    QApplication.processEvents()
    card = window.guidance
    assert card.width() <= window.navigator.width()
    assert card.geometry().bottom() <= window.centralWidget().height()
    assert window.pages.width() >= 1366 - window.navigator.width() - 40
