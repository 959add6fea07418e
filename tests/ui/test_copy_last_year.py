"""复制上年指标 (targets step) finds last year's project by its uid; by name only without one."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog

from tests.ui.test_step_targets import click_owner, when_modal
from unionperf.domain.cycle import Step
from unionperf.services.cycle import editing, new_year
from unionperf.ui import messages
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.targets.copy_dialog import matching_owner

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

YEAR = 2024
HOME = "职工之家设备购置及改造（2023—2025年）"
TRAINING = "2024年工会干部培训"


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, title, error: shown.append(str(error))
    )
    return shown


@pytest.fixture
def renamed(demo_workspace):
    """2025 carried from 2024; the continuing 职工之家 project renamed to what 2024's training
    project was called (with the year changed), its indicators removed."""
    new_year.start_year(demo_workspace, YEAR + 1, copy_from=YEAR)
    [home] = demo_workspace.load_year(YEAR + 1).projects
    editing.save_project(demo_workspace, YEAR + 1, replace(home, name="2025年工会干部培训"))
    for indicator in home.targets.indicators:
        editing.delete_indicator(demo_workspace, indicator.uid)
    return home.uid


def test_the_copy_offers_the_same_project_of_last_year_though_renamed(
    qtbot, demo_workspace, renamed, errors
):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.refresh_years(YEAR + 1)
    page = window.open_step(Step.TARGETS)
    click_owner(qtbot, page, "2025年工会干部培训")
    offered: list[str] = []

    def accept(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        offered.append(dialog.textValue())
        dialog.accept()

    timer = when_modal(QInputDialog, accept)
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    assert not timer.isActive()
    assert offered == [HOME]  # its own last year (same uid), not the training of the same name
    source = demo_workspace.load_year(YEAR).project(renamed)
    copied = demo_workspace.load_year(YEAR + 1).project(renamed).targets.indicators
    assert [item.name for item in copied] == [item.name for item in source.targets.indicators]
    assert errors == []


def test_a_project_without_last_years_uid_is_matched_by_name(demo_workspace, renamed):
    previous, current = demo_workspace.load_year(YEAR), demo_workspace.load_year(YEAR + 1)
    assert matching_owner(previous, current, renamed) == renamed
    editing.save_project(
        demo_workspace,
        YEAR + 1,
        replace(
            current.project(renamed),
            uid="new-uid",
            targets=replace(current.project(renamed).targets, owner_uid="new-uid", indicators=()),
        ),
    )
    current = demo_workspace.load_year(YEAR + 1)
    training = next(item for item in previous.projects if item.name == TRAINING)
    assert matching_owner(previous, current, "new-uid") == training.uid
