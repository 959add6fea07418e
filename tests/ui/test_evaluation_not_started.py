"""Issue 12: an empty self-evaluation says it is not started and what to do, and shows no grade."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from tests.ui.evaluation_fixtures import YEAR, make_unevaluated
from unionperf.domain.cycle import Step
from unionperf.domain.scoring import Grade
from unionperf.ui import messages
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.evaluation.indicator_models import INDICATOR_FIELDS
from unionperf.ui.steps.evaluation.page import EvaluationStep

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

PROJECT = "p2024-01"
PLACES = "p2024-01-i01"
GRADES = {grade.value for grade in Grade}


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, title, error: shown.append(f"{title}: {error}")
    )
    return shown


@pytest.fixture
def window(qtbot, demo_workspace, errors, zh_cn):
    make_unevaluated(demo_workspace)
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    window.refresh_years(YEAR)
    return window


def _open(window) -> EvaluationStep:
    page = window.open_step(Step.EVALUATION)
    assert isinstance(page, EvaluationStep)
    window.session.wait_for_checks()
    return page


def test_an_empty_self_evaluation_is_not_started_and_says_what_to_do(window, errors):
    page = _open(window)
    summary = window.problems.summary.text()
    assert "全部检查通过" not in summary
    assert "绩效自评" in summary
    assert "尚未开始" in summary
    assert "尚未填写自评" in page.total.text()
    assert not any(grade in page.total.text() for grade in GRADES)
    assert "0.00" not in page.total.text()
    assert "实际完成值" in page.guide.text()
    assert "全年执行数" in page.guide.text()
    for row in range(page.owners.rowCount()):
        assert page.owners.index(row, 1).data() == "—"
        assert page.owners.index(row, 2).data() not in GRADES
    assert errors == []


def test_the_grade_appears_once_the_first_actual_value_is_typed(qtbot, window, errors):
    page = _open(window)
    row = page.owners.find(PROJECT)
    index = page.owners.index(row, 0)
    qtbot.mouseClick(
        page.owner_view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=page.owner_view.visualRect(index).center(),
    )
    cell = page.indicators.index(page.indicators.find(PLACES), INDICATOR_FIELDS.index("actual"))
    view = page.indicator_view
    view.setCurrentIndex(cell)
    view.edit(cell)
    [editor] = [item for item in view.viewport().findChildren(QLineEdit) if item.isVisible()]
    qtbot.keyClicks(editor, "10")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    QApplication.processEvents()
    assert "尚未填写自评" not in page.total.text()
    assert any(grade in page.total.text() for grade in GRADES)
    assert page.owners.index(row, 2).data() in GRADES
    assert page.owners.index(page.owners.find("unit"), 1).data() == "—"  # still untouched
    assert errors == []
