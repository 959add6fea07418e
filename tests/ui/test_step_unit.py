"""Step 1, the union profile: each field saves when left, the credit code is checked live."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from unionperf.domain.cycle import Step
from unionperf.domain.problems import Location, Problem, ProblemCode, Section
from unionperf.domain.unit import UnitLevel
from unionperf.services.common import signing
from unionperf.ui import messages
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.unit.page import UnitStep

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

VALID_CODE = "81310115MC2K7Q8P1A"
WRONG_CHECK = "81310115MC2K7Q8P1B"


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, title, error: shown.append(f"{title}: {error}")
    )
    return shown


def _window(qtbot, workspace) -> MainWindow:
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _unit_page(qtbot, workspace) -> tuple[MainWindow, UnitStep]:
    window = _window(qtbot, workspace)
    page = window.open_step(Step.UNIT)
    assert isinstance(page, UnitStep)
    return window, page


def _retype(qtbot, edit, text: str) -> None:
    """Select everything in a line edit, type ``text`` and press Enter (editing finishes).

    Chinese arrives as an input method commits it (QTest types ASCII keys only).
    """
    edit.setFocus()
    edit.selectAll()
    if text.isascii() and text:
        qtbot.keyClicks(edit, text)
    elif text:
        line = edit.lineEdit() if hasattr(edit, "lineEdit") else edit
        line.insert(text)
    else:
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_shows_the_profile_and_the_key_id(qtbot, demo_workspace, errors):
    _, page = _unit_page(qtbot, demo_workspace)
    unit = demo_workspace.load_year(2024).unit
    view = page.view
    assert view.name.text() == unit.name
    assert view.credit_code.text() == unit.credit_code
    assert view.member_count.value() == unit.member_count
    assert view.chair.text() == unit.chair
    assert view.level.currentData() == UnitLevel.GRASSROOTS.value
    assert view.key_id.text() == signing.key_info(demo_workspace).key_id
    assert view.key_id.isReadOnly()
    assert view.credit_hint.property("valid") is True
    assert errors == []


def test_a_field_saves_when_left_and_undo_restores_it(qtbot, demo_workspace, errors):
    window, page = _unit_page(qtbot, demo_workspace)
    before = demo_workspace.load_year(2024).unit
    _retype(qtbot, page.view.chair, "李建华")
    assert demo_workspace.load_year(2024).unit.chair == "李建华"
    assert window.session.data.unit.chair == "李建华"
    # Enter and then leaving the field finish the editing twice: one change, one undo step.
    page.view.chair.editingFinished.emit()
    assert window.session.undo_stack.count() == 1
    window.session.undo_stack.undo()
    assert demo_workspace.load_year(2024).unit == before
    assert page.view.chair.text() == before.chair
    window.session.undo_stack.redo()
    assert demo_workspace.load_year(2024).unit.chair == "李建华"
    assert errors == []


def test_counts_and_level_save(qtbot, demo_workspace, errors):
    window, page = _unit_page(qtbot, demo_workspace)
    _retype(qtbot, page.view.member_count, "900")
    assert demo_workspace.load_year(2024).unit.member_count == 900
    page.view.level.setCurrentIndex(page.view.level.findData(UnitLevel.UPPER.value))
    assert demo_workspace.load_year(2024).unit.level is UnitLevel.UPPER
    window.session.undo_stack.undo()
    window.session.undo_stack.undo()
    unit = demo_workspace.load_year(2024).unit
    assert (unit.member_count, unit.level) == (816, UnitLevel.GRASSROOTS)
    assert page.view.level.currentData() == UnitLevel.GRASSROOTS.value
    assert errors == []


def test_invalid_credit_code_shows_the_reason_and_is_not_saved(qtbot, demo_workspace, errors):
    window, page = _unit_page(qtbot, demo_workspace)
    view = page.view
    view.credit_code.setFocus()
    view.credit_code.selectAll()
    qtbot.keyClicks(view.credit_code, WRONG_CHECK[:10])
    assert view.credit_hint.property("valid") is False
    assert "18位" in view.credit_hint.text()
    qtbot.keyClicks(view.credit_code, WRONG_CHECK[10:])
    assert "校验位" in view.credit_hint.text()
    assert "#b3261e" in view.credit_hint.styleSheet()
    qtbot.keyClick(view.credit_code, Qt.Key.Key_Return)
    assert demo_workspace.load_year(2024).unit.credit_code == VALID_CODE
    assert window.session.undo_stack.count() == 0
    assert view.credit_hint.text().startswith("Not saved") or "未保存" in view.credit_hint.text()
    # Fixing it shows the check mark and saves (lower case is accepted and upper-cased).
    _retype(qtbot, view.credit_code, VALID_CODE.lower())
    assert view.credit_hint.property("valid") is True
    assert "#1e7a34" in view.credit_hint.styleSheet()
    assert demo_workspace.load_year(2024).unit.credit_code == VALID_CODE
    assert errors == []


def test_an_empty_name_is_refused_by_the_service(qtbot, demo_workspace, errors):
    _, page = _unit_page(qtbot, demo_workspace)
    name = demo_workspace.load_year(2024).unit.name
    _retype(qtbot, page.view.name, "")
    assert len(errors) == 1
    assert "工会名称" in errors[0]
    assert demo_workspace.load_year(2024).unit.name == name
    assert page.view.name.text() == name


def test_a_problem_focuses_its_field(qtbot, demo_workspace, errors):
    window = _window(qtbot, demo_workspace)
    window.open_step(Step.BUDGET)
    where = Location(Section.UNIT, field="credit_code", label="单位信息 › 统一社会信用代码")
    window.show_problem(Problem(ProblemCode.UNIT_CREDIT_CODE_INVALID, where, {"reason": "x"}))
    assert window.current_step() is Step.UNIT
    page = window.step_pages[Step.UNIT]
    assert isinstance(page, UnitStep)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.view.credit_code)


def test_first_profile_waits_for_a_valid_code(qtbot, empty_workspace, errors):
    _, page = _unit_page(qtbot, empty_workspace)
    view = page.view
    assert view.key_id.isHidden()
    assert view.credit_hint.property("valid") is False
    _retype(qtbot, view.name, "新建工会委员会")
    assert empty_workspace.unit() is None
    _retype(qtbot, view.credit_code, VALID_CODE)
    saved = empty_workspace.unit()
    assert saved is not None
    assert (saved.name, saved.credit_code) == ("新建工会委员会", VALID_CODE)
    assert errors == []
