"""What the walk through a whole year found (docs/walkthrough.md), each as the accountant meets it.

A brand-new workspace with one year, the main window at 1366×768 in Chinese; the tests type,
click and sign as the user does and read what the window says afterwards.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from unionperf.domain.cycle import Step
from unionperf.domain.settings import SignoffRole
from unionperf.services.cycle import editing
from unionperf.ui import messages
from unionperf.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

YEAR = 2026


@pytest.fixture
def errors(monkeypatch):
    """The error dialogs shown, as (title, message)."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, title, error: shown.append((title, str(error)))
    )
    return shown


@pytest.fixture
def window(qtbot, empty_workspace, errors, zh_cn):
    """A brand-new workspace with one empty year, its window shown."""
    editing.add_year(empty_workspace, YEAR)
    made = MainWindow(empty_workspace)
    qtbot.addWidget(made)
    made.resize(1366, 768)
    made.show()
    qtbot.waitExposed(made)
    made.refresh_years(YEAR)
    yield made
    made.close()


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


# -- signing a stage with many open problems: the refusal reads as Chinese ------------------------


def test_a_refused_sign_off_counts_the_problems_in_plain_chinese(qtbot, window, errors):
    budget = window.open_step(Step.BUDGET)
    budget.tabs.setCurrentIndex(1)
    for _ in range(2):
        _click(qtbot, budget.projects.add_project_button)
    page = window.open_step(Step.TARGETS)
    blockers = len(page.signoff.blockers)
    assert blockers > 5  # noqa: PLR2004 - more than the message lists
    chair = page.signoff.rows[SignoffRole.CHAIR]
    qtbot.keyClicks(chair.name, "Li")
    _click(qtbot, chair.button)
    [(title, message)] = errors
    assert title == "未能签字"
    assert "还有等" not in message
    assert f"“绩效目标”还有{blockers}个须修改的问题，解决后才能签字。前5个：" in message
