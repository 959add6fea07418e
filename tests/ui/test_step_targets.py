"""Targets step: owners, goals, the indicator tree, the library, delete/undo, copy from last year.

Each test drives the page as the accountant would (clicks, typing into the cell editors the
delegate opens, the library dialog) and then reads the workspace again to check what was stored.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QInputDialog, QLineEdit, QWidget

from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.cycle import Step
from unionperf.domain.framework import BENEFIT, OUTPUT, SATISFACTION
from unionperf.domain.indicators import Indicator, Operator
from unionperf.domain.problems import ProblemCode
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import editing
from unionperf.services.cycle.locks import open_adjustment
from unionperf.services.cycle.params import active_library
from unionperf.ui import messages
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.targets.copy_dialog import matching_owner
from unionperf.ui.steps.targets.indicator_edits import edited_indicator
from unionperf.ui.steps.targets.library_dialog import LibraryDialog
from unionperf.ui.steps.targets.page import TargetsStep
from unionperf.ui.steps.targets.tree_model import BROKEN_COLOUR, TargetTreeModel
from unionperf.ui.steps.targets.tree_nodes import NodeKind, TreeColumn

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

YEAR = 2024
ACTIVITIES = "2024年职工文体活动经费"
AID = "2024年困难职工帮扶及送温暖"


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, title, error: shown.append(f"{title}: {error}")
    )
    return shown


@pytest.fixture
def window(qtbot, demo_workspace, errors):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.refresh_years(YEAR)
    # The demo's 2024 targets are signed off: each edit is an adjustment, with this reason.
    window.session.adjustment_reason = lambda _locked: "测试调整"
    yield window
    assert errors == []


@pytest.fixture
def page(window) -> TargetsStep:
    page = window.open_step(Step.TARGETS)
    assert isinstance(page, TargetsStep)
    return page


def stored(workspace: Workspace, owner_name: str) -> list[Indicator]:
    data = workspace.load_year(YEAR)
    if owner_name == UNIT_OWNER:
        return list(data.unit_targets.indicators)
    project = next(item for item in data.projects if item.name == owner_name)
    return list(project.targets.indicators)


def stored_named(workspace: Workspace, owner_name: str, name: str) -> Indicator | None:
    return next((item for item in stored(workspace, owner_name) if item.name == name), None)


def type_chinese(widget: QWidget, text: str) -> None:
    """Type as an input method does (QTest's key clicks only know ASCII keys)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def click_owner(qtbot, page: TargetsStep, name: str) -> None:
    model = page.owners.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data() == name:
            rect = page.owners.visualRect(index)
            qtbot.mouseClick(page.owners.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return
    raise AssertionError(f"no owner {name}")


def indicator_cell(page: TargetsStep, name: str, column: TreeColumn):
    uid = next(item.uid for item in page.tree_model.indicators() if item.name == name)
    return page.tree_model.indicator_index(uid, column)


def open_editor(qtbot, page: TargetsStep, index) -> QWidget:
    page.tree.setCurrentIndex(index)
    page.tree.edit(index)
    editors = [
        widget
        for widget in page.tree.viewport().findChildren(QWidget)
        if isinstance(widget, QLineEdit | QComboBox) and widget.isVisible()
    ]
    assert len(editors) == 1
    return editors[0]


def type_in_cell(qtbot, page: TargetsStep, index, text: str) -> None:
    editor = open_editor(qtbot, page, index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    wait_committed(qtbot, page)


def choose_in_cell(qtbot, page: TargetsStep, index, value: str) -> None:
    editor = open_editor(qtbot, page, index)
    assert isinstance(editor, QComboBox)
    editor.setCurrentIndex(editor.findData(value))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    wait_committed(qtbot, page)


def wait_committed(qtbot, page: TargetsStep) -> None:
    """The delegate commits and closes the editor on the next turn of the event loop."""
    qtbot.waitUntil(lambda: page.tree.state() != page.tree.State.EditingState)


def select_row(page: TargetsStep, index) -> None:
    page.tree.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )


def when_modal(kind: type[QDialog], act: Callable[[QDialog], None]) -> QTimer:
    """Run ``act`` on the next modal dialog of ``kind`` once it shows (then it is closed).

    Keep the returned timer referenced until the dialog has shown.
    """
    timer = QTimer()
    timer.setInterval(10)

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            return
        timer.stop()
        try:
            act(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    timer.timeout.connect(poll)
    timer.start()
    return timer


# -- owner list ------------------------------------------------------------------------------


def test_owner_list_starts_with_the_unit_and_filters(qtbot, page, qtmodeltester):
    qtmodeltester.check(page.owner_model)
    qtmodeltester.check(page.owner_proxy)
    names = [row.name for row in page.owner_model.rows()]
    assert names[0] == "Unit as a whole"
    assert ACTIVITIES in names
    assert AID in names
    assert len(names) == 7
    assert page.tree_model.owner_uid == UNIT_OWNER
    type_chinese(page.filter, "帮扶")
    assert page.owners.model().rowCount() == 1
    click_owner(qtbot, page, AID)
    assert page.tree_model.owner_uid != UNIT_OWNER
    assert {item.name for item in page.tree_model.indicators()} == {
        item.name for item in stored(page.session.workspace, AID)
    }
    page.filter.clear()
    assert page.owners.model().rowCount() == 7


def test_switching_owners_shows_their_goals_and_tree(qtbot, page, qtmodeltester):
    click_owner(qtbot, page, ACTIVITIES)
    data = page.session.data
    project = next(item for item in data.projects if item.name == ACTIVITIES)
    assert page.annual_goal.toPlainText() == project.targets.annual_goal
    assert ACTIVITIES in page.owner_title.text()
    qtmodeltester.check(page.tree_model)
    model = page.tree_model
    level1 = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert level1 == [OUTPUT, BENEFIT, SATISFACTION]
    assert model.index(0, TreeColumn.POINTS).data() == "50"
    assert page.tree.isExpanded(model.index(0, 0))
    click_owner(qtbot, page, "Unit as a whole")
    assert page.annual_goal.toPlainText() == data.unit_targets.annual_goal
    qtmodeltester.check(page.tree_model)


# -- editing cells -----------------------------------------------------------------------------


def test_target_value_typed_in_the_cell_is_stored_and_undone(qtbot, page):
    workspace = page.session.workspace
    click_owner(qtbot, page, ACTIVITIES)
    type_in_cell(qtbot, page, indicator_cell(page, "参与职工人次", TreeColumn.TARGET), "1600")
    assert stored_named(workspace, ACTIVITIES, "参与职工人次").target == Decimal(1600)
    assert indicator_cell(page, "参与职工人次", TreeColumn.TARGET).data() == "1600"
    page.session.undo_stack.undo()
    assert stored_named(workspace, ACTIVITIES, "参与职工人次").target == Decimal(1500)
    assert indicator_cell(page, "参与职工人次", TreeColumn.TARGET).data() == "1500"


def test_points_sum_turns_red_when_it_breaks_the_weights(qtbot, page):
    workspace = page.session.workspace
    click_owner(qtbot, page, ACTIVITIES)
    output = page.tree_model.level1_index(OUTPUT, TreeColumn.POINTS)
    assert output.data(Qt.ItemDataRole.ForegroundRole) is None
    type_in_cell(qtbot, page, indicator_cell(page, "参与职工人次", TreeColumn.POINTS), "15")
    assert stored_named(workspace, ACTIVITIES, "参与职工人次").points == Decimal(15)
    output = page.tree_model.level1_index(OUTPUT, TreeColumn.POINTS)
    assert output.data() == "55"
    assert output.data(Qt.ItemDataRole.ForegroundRole).color().name() == BROKEN_COLOUR
    assert "应为50分" in output.data(Qt.ItemDataRole.ToolTipRole)
    level2 = page.tree_model.level2_index(OUTPUT, "数量指标", TreeColumn.POINTS)
    assert level2.data() == "30"
    assert BROKEN_COLOUR in page.sums.text()
    assert "产出指标 55 / 50" in page.sums.text()
    page.session.undo_stack.undo()
    output = page.tree_model.level1_index(OUTPUT, TreeColumn.POINTS)
    assert output.data() == "50"
    assert output.data(Qt.ItemDataRole.ForegroundRole) is None
    assert BROKEN_COLOUR not in page.sums.text()


def test_operator_and_kind_are_chosen_from_lists(qtbot, page):
    workspace = page.session.workspace
    click_owner(qtbot, page, ACTIVITIES)
    choose_in_cell(qtbot, page, indicator_cell(page, "人均活动成本", TreeColumn.OPERATOR), "<")
    assert stored_named(workspace, ACTIVITIES, "人均活动成本").operator is Operator.LT
    choose_in_cell(
        qtbot, page, indicator_cell(page, "参与职工人次", TreeColumn.KIND), "qualitative"
    )
    changed = stored_named(workspace, ACTIVITIES, "参与职工人次")
    assert changed.operator is Operator.QUALITATIVE
    assert changed.target is None
    assert changed.target_text == "≥1500人次"
    page.session.undo_stack.undo()
    page.session.undo_stack.undo()
    assert stored_named(workspace, ACTIVITIES, "参与职工人次").target == Decimal(1500)
    assert stored_named(workspace, ACTIVITIES, "人均活动成本").operator is Operator.LE


def test_an_interval_target_is_chosen_and_typed_as_a_range(qtbot, page):
    workspace = page.session.workspace
    click_owner(qtbot, page, ACTIVITIES)
    coverage = "会员参与覆盖率"  # ≥80 %
    choose_in_cell(qtbot, page, indicator_cell(page, coverage, TreeColumn.OPERATOR), "interval")
    half = stored_named(workspace, ACTIVITIES, coverage)
    assert (half.operator, half.target, half.target_upper) == (Operator.INTERVAL, Decimal(80), None)
    target = indicator_cell(page, coverage, TreeColumn.TARGET)
    assert target.data() == "80～"
    assert "下限和上限" in target.data(Qt.ItemDataRole.ToolTipRole)  # problem I011 on the cell
    assert indicator_cell(page, coverage, TreeColumn.OPERATOR).data() == "区间"

    type_in_cell(qtbot, page, indicator_cell(page, coverage, TreeColumn.TARGET), "60-80")

    done = stored_named(workspace, ACTIVITIES, coverage)
    assert (done.operator, done.target, done.target_upper) == (
        Operator.INTERVAL,
        Decimal(60),
        Decimal(80),
    )
    target = indicator_cell(page, coverage, TreeColumn.TARGET)
    assert target.data() == "60～80"
    assert "下限和上限" not in (target.data(Qt.ItemDataRole.ToolTipRole) or "")
    score = next(
        item.score
        for project in page.session.workspace.score(YEAR).projects
        if project.project.name == ACTIVITIES
        for item in project.score.indicators
        if item.indicator.name == coverage
    )
    assert score == Decimal("15.00")  # actual 76 % lies inside 60～80 %
    page.session.undo_stack.undo()
    page.session.undo_stack.undo()
    back = stored_named(workspace, ACTIVITIES, coverage)
    assert (back.operator, back.target, back.target_upper) == (Operator.GE, Decimal(80), None)


def test_a_cancelled_adjustment_leaves_the_locked_targets_alone(qtbot, page):
    workspace = page.session.workspace
    asked: list[str] = []

    def cancel(locked):
        asked.append(locked.stage)

    page.session.adjustment_reason = cancel
    click_owner(qtbot, page, ACTIVITIES)
    type_in_cell(qtbot, page, indicator_cell(page, "参与职工人次", TreeColumn.TARGET), "1700")
    assert asked == ["targets"]
    assert stored_named(workspace, ACTIVITIES, "参与职工人次").target == Decimal(1500)
    assert indicator_cell(page, "参与职工人次", TreeColumn.TARGET).data() == "1500"
    assert page.session.undo_stack.count() == 0


def test_a_refused_edit_is_reported_and_not_stored(qtbot, page, errors):
    workspace = page.session.workspace
    click_owner(qtbot, page, ACTIVITIES)
    type_in_cell(qtbot, page, indicator_cell(page, "参与职工人次", TreeColumn.NAME), "")
    assert len(errors) == 1
    assert "请填写三级指标名称" in errors[0]
    assert stored_named(workspace, ACTIVITIES, "参与职工人次") is not None
    assert page.session.undo_stack.count() == 0
    errors.clear()


def test_switching_kind_keeps_the_wording():
    indicator = Indicator("u", OUTPUT, "成本指标", "人均成本", Operator.LE, Decimal(130), unit="元")
    qualitative = edited_indicator(indicator, TreeColumn.KIND, "qualitative")
    assert qualitative.operator is Operator.QUALITATIVE
    assert qualitative.target_text == "≤130元"
    back = edited_indicator(qualitative, TreeColumn.OPERATOR, ">=")
    assert (back.operator, back.target, back.target_text) == (Operator.GE, None, "")
    numeric = edited_indicator(replace_text(qualitative, "120"), TreeColumn.KIND, "quantitative")
    assert (numeric.operator, numeric.target) == (Operator.LE, Decimal(120))
    assert edited_indicator(indicator, TreeColumn.TARGET, "abc") is None
    assert edited_indicator(indicator, TreeColumn.POINTS, "").points is None
    assert edited_indicator(indicator, TreeColumn.PERIOD, "midterm").period.value == "midterm"


def test_interval_cell_edits():
    indicator = Indicator(
        "v", BENEFIT, "社会效益指标", "覆盖率", Operator.GE, Decimal(80), unit="%"
    )
    interval = edited_indicator(indicator, TreeColumn.OPERATOR, "interval")
    assert (interval.target, interval.target_upper) == (Decimal(80), None)
    typed = edited_indicator(interval, TreeColumn.TARGET, "60～80")
    assert (typed.target, typed.target_upper) == (Decimal(60), Decimal(80))
    assert edited_indicator(interval, TreeColumn.TARGET, "80～60") is None
    assert edited_indicator(interval, TreeColumn.TARGET, "abc") is None
    back = edited_indicator(typed, TreeColumn.OPERATOR, ">=")
    assert (back.operator, back.target, back.target_upper) == (Operator.GE, Decimal(60), None)
    wording = edited_indicator(typed, TreeColumn.KIND, "qualitative")
    assert (wording.target_text, wording.target_upper) == ("60～80%", None)


def replace_text(indicator: Indicator, text: str) -> Indicator:
    return edited_indicator(indicator, TreeColumn.TARGET, text)


# -- goals -------------------------------------------------------------------------------------


def test_goals_are_saved_when_the_box_loses_focus(qtbot, page):
    workspace = page.session.workspace
    click_owner(qtbot, page, ACTIVITIES)
    old = page.annual_goal.toPlainText()
    page.annual_goal.setFocus()
    qtbot.waitUntil(page.annual_goal.hasFocus)
    page.annual_goal.selectAll()
    type_chinese(page.annual_goal, "举办活动12场")
    assert workspace.load_year(YEAR).project(page.tree_model.owner_uid).targets.annual_goal == old
    page.tree.setFocus()
    qtbot.waitUntil(lambda: not page.annual_goal.hasFocus())
    project = workspace.load_year(YEAR).project(page.tree_model.owner_uid)
    assert project.targets.annual_goal == "举办活动12场"
    assert len(project.targets.indicators) == 8  # saving the goal keeps the indicators
    assert len(page.tree_model.indicators()) == 8
    page.session.undo_stack.undo()
    assert workspace.load_year(YEAR).project(project.uid).targets.annual_goal == old
    assert page.annual_goal.toPlainText() == old


def test_unit_mid_term_goal_is_saved_on_owner_switch(qtbot, page):
    workspace = page.session.workspace
    page.midterm_goal.setFocus()
    qtbot.waitUntil(page.midterm_goal.hasFocus)
    type_chinese(page.midterm_goal, "三年内建成模范职工之家")
    click_owner(qtbot, page, AID)
    assert workspace.load_year(YEAR).unit_targets.midterm_goal.endswith("三年内建成模范职工之家")
    click_owner(qtbot, page, "Unit as a whole")
    assert page.midterm_goal.toPlainText().endswith("三年内建成模范职工之家")


# -- adding, the library, deleting -------------------------------------------------------------


def test_add_indicator_under_the_selected_level2(qtbot, page):
    workspace = page.session.workspace
    click_owner(qtbot, page, ACTIVITIES)
    select_row(page, page.tree_model.level2_index(BENEFIT, "经济效益指标"))
    assert page.add_button.isEnabled()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    added = stored_named(workspace, ACTIVITIES, "New indicator")
    assert added is not None
    assert (added.level1, added.level2, added.operator) == (BENEFIT, "经济效益指标", Operator.GE)
    current = page.tree.currentIndex()
    assert page.tree_model.node_kind(current) is NodeKind.INDICATOR
    assert page.tree_model.indicator_at(current).uid == added.uid
    assert page.tree.state() == page.tree.State.EditingState
    page.session.undo_stack.undo()
    assert stored_named(workspace, ACTIVITIES, "New indicator") is None


def test_cost_indicators_start_with_at_most(qtbot, page):
    click_owner(qtbot, page, ACTIVITIES)
    select_row(page, page.tree_model.level2_index(OUTPUT, "成本指标"))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    added = stored_named(page.session.workspace, ACTIVITIES, "New indicator")
    assert added.operator is Operator.LE


def test_add_is_disabled_without_a_category_or_on_level1(qtbot, page):
    click_owner(qtbot, page, ACTIVITIES)
    page.tree.setCurrentIndex(page.tree_model.index(0, 0).parent())
    assert not page.add_button.isEnabled()
    assert not page.delete_button.isEnabled()
    select_row(page, page.tree_model.level1_index(SATISFACTION))
    assert page.add_button.isEnabled()  # a level-1 row adds under its first level 2
    select_row(page, indicator_cell(page, "参与职工人次", TreeColumn.NAME))
    assert page.delete_button.isEnabled()


def test_pick_from_library_adds_the_chosen_entries(qtbot, page):
    workspace = page.session.workspace
    click_owner(qtbot, page, AID)
    before = len(stored(workspace, AID))
    select_row(page, page.tree_model.level2_index(OUTPUT, "数量指标"))
    used = "金秋助学资助困难职工子女人数"  # already there: skipped
    wanted = {used, "慰问困难职工人数", "劳动法律法规宣传及法律咨询场次"}
    listed: list[str] = []

    def pick(dialog: QDialog) -> None:
        assert isinstance(dialog, LibraryDialog)
        model = dialog.model
        listed.extend(row.name for row in model.rows())
        selection = dialog.table.selectionModel()
        selection.clearSelection()
        for row, entry in enumerate(model.rows()):
            if entry.name in wanted:
                selection.select(
                    model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    timer = when_modal(LibraryDialog, pick)
    qtbot.mouseClick(page.library_button, Qt.MouseButton.LeftButton)
    assert not timer.isActive()
    assert listed[0] in {"慰问困难职工人数", "金秋助学资助困难职工子女人数"}  # 502 first
    assert "召开会员（代表）大会和职代会次数" not in listed[:5]  # unit-wide ones come last
    added = stored_named(workspace, AID, "慰问困难职工人数")
    assert added is not None
    assert (added.level1, added.level2, added.operator) == (OUTPUT, "数量指标", Operator.GE)
    assert (added.target, added.unit, added.points) == (Decimal(30), "人", None)
    assert [item.name for item in stored(workspace, AID)].count(used) == 1
    assert added.explanation
    assert len(stored(workspace, AID)) == before + 2
    page.session.undo_stack.undo()  # one step for both
    assert len(stored(workspace, AID)) == before
    page.session.undo_stack.redo()
    assert len(stored(workspace, AID)) == before + 2


def test_library_dialog_model_passes_the_model_tester(qtbot, qtmodeltester, page):
    library = active_library(page.session.workspace)  # the bundled one: no parameters received
    entries = library.entries_for(page.session.data.framework, OUTPUT, "质量指标")
    dialog = LibraryDialog(entries, "产出指标 › 质量指标", {"活动安全责任事故"})
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    used = next(row for row, item in enumerate(entries) if item.name == "活动安全责任事故")
    assert dialog.model.index(used, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert dialog.chosen() == [entries[0]]


def test_delete_and_undo_restores_position_results_and_progress(qtbot, page):
    workspace = page.session.workspace
    click_owner(qtbot, page, ACTIVITIES)
    before = workspace.load_year(YEAR)
    project = next(item for item in before.projects if item.name == ACTIVITIES)
    victim = project.targets.indicators[2]
    result = next(
        item
        for item in before.evaluation_of(project.uid).results
        if item.indicator_uid == victim.uid
    )
    progress = {
        entry.point_uid: [item.indicator_uid for item in entry.progress]
        for entry in before.monitoring
        if entry.owner_uid == project.uid
    }
    assert any(victim.uid in uids for uids in progress.values())
    select_row(page, page.tree_model.indicator_index(victim.uid))
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Delete)
    after = workspace.load_year(YEAR)
    assert victim.uid not in {item.uid for item in after.project(project.uid).targets.indicators}
    assert victim.uid not in {r.indicator_uid for r in after.evaluation_of(project.uid).results}
    # It was the only 质量指标: its category row is selected instead.
    assert page.tree.currentIndex() == page.tree_model.level2_index(OUTPUT, "质量指标")
    page.session.undo_stack.undo()
    restored = workspace.load_year(YEAR)
    assert restored.project(project.uid).targets.indicators == project.targets.indicators
    again = next(
        item
        for item in restored.evaluation_of(project.uid).results
        if item.indicator_uid == victim.uid
    )
    assert again == result
    assert {
        entry.point_uid: [item.indicator_uid for item in entry.progress]
        for entry in restored.monitoring
        if entry.owner_uid == project.uid
    } == progress
    assert page.session.data.project(project.uid).targets.indicators == project.targets.indicators


# -- copy from last year -----------------------------------------------------------------------


def test_copy_from_last_year_fills_an_empty_project(qtbot, demo_workspace, errors):
    data = demo_workspace.load_year(YEAR)
    project = next(item for item in data.projects if item.name == ACTIVITIES)
    open_adjustment(demo_workspace, YEAR, "targets", "重新编制目标")
    for indicator in project.targets.indicators:
        editing.delete_indicator(demo_workspace, indicator.uid)
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.refresh_years(YEAR)
    page = window.open_step(Step.TARGETS)
    click_owner(qtbot, page, ACTIVITIES)
    assert page.tree_model.indicators() == []
    assert "No indicators yet" in page.sums.text()
    offered: list[str] = []

    def accept(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        offered.append(dialog.textValue())
        offered.extend(dialog.comboBoxItems())
        dialog.accept()

    timer = when_modal(QInputDialog, accept)
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    assert not timer.isActive()
    assert offered[0] == "2023年职工文体活动经费"  # matched by name with the year changed
    assert offered[1] == "Unit as a whole"
    last_year = demo_workspace.load_year(YEAR - 1)
    source = next(item for item in last_year.projects if item.name == "2023年职工文体活动经费")
    copied = stored(demo_workspace, ACTIVITIES)
    assert [item.name for item in copied] == [item.name for item in source.targets.indicators]
    assert [item.target for item in copied] == [item.target for item in source.targets.indicators]
    assert not {item.uid for item in copied} & {item.uid for item in source.targets.indicators}
    assert "Copied 7" in page.message.text()
    assert len(page.tree_model.indicators()) == 7
    page.session.undo_stack.undo()  # one step for the whole copy
    assert stored(demo_workspace, ACTIVITIES) == []
    assert page.tree_model.indicators() == []
    page.session.undo_stack.redo()
    assert len(stored(demo_workspace, ACTIVITIES)) == 7
    assert errors == []


def test_copy_skips_indicators_already_there(qtbot, page):
    timer = when_modal(QInputDialog, lambda dialog: dialog.accept())
    before = len(stored(page.session.workspace, UNIT_OWNER))
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    assert not timer.isActive()
    after = stored(page.session.workspace, UNIT_OWNER)
    assert len({item.name for item in after}) == len(after)  # no duplicate names
    assert len(after) >= before
    assert page.message.text()


def test_matching_owner_by_name(demo_workspace):
    current = demo_workspace.load_year(YEAR)
    previous = demo_workspace.load_year(YEAR - 1)
    assert matching_owner(previous, current, UNIT_OWNER) == UNIT_OWNER
    home = next(item for item in current.projects if item.name.startswith("职工之家"))
    old_home = next(item for item in previous.projects if item.name == home.name)
    assert matching_owner(previous, current, home.uid) == old_home.uid
    training = next(item for item in current.projects if item.name == "2024年工会干部培训")
    assert matching_owner(previous, current, training.uid) is None
    assert matching_owner(previous, current, "no-such-project") is None


# -- problems ----------------------------------------------------------------------------------


def test_problem_click_selects_the_owner_and_the_cell(qtbot, window, demo_workspace):
    data = demo_workspace.load_year(YEAR)
    project = next(item for item in data.projects if item.name == AID)
    indicator = project.targets.indicators[1]
    open_adjustment(demo_workspace, YEAR, "targets", "补充计量单位")
    changed = replace_unit(indicator, "")
    changed = edited_indicator(changed, TreeColumn.POINTS, str(indicator.points + 1))
    editing.save_indicator(demo_workspace, YEAR, project.uid, changed)
    window.session.reload()
    unit_missing = next(
        problem
        for problem in window.session.problems
        if problem.code is ProblemCode.INDICATOR_UNIT_MISSING
    )
    window.show_problem(unit_missing)
    page = window.step_pages[Step.TARGETS]
    assert page.tree_model.owner_uid == project.uid
    current = page.tree.currentIndex()
    assert page.tree_model.indicator_at(current).uid == indicator.uid
    assert current.column() == TreeColumn.UNIT
    assert current.data(Qt.ItemDataRole.BackgroundRole) is not None  # the cell is marked
    points = next(
        problem
        for problem in window.session.problems
        if problem.code is ProblemCode.TARGET_POINTS_SUM
    )
    window.show_problem(points)
    current = page.tree.currentIndex()
    assert page.tree_model.node_kind(current) is NodeKind.LEVEL1
    assert current.column() == TreeColumn.POINTS


def replace_unit(indicator: Indicator, unit: str) -> Indicator:
    return edited_indicator(indicator, TreeColumn.UNIT, unit)


def test_goal_problem_focuses_the_goal_box(qtbot, page, window, demo_workspace):
    session = window.session
    session.change("clear", lambda: session.save_year_facts(unit_annual_goal=""), lambda: None)
    session.recheck()
    missing = next(
        problem
        for problem in window.session.problems
        if problem.code is ProblemCode.TARGET_GOAL_MISSING
    )
    click_owner(qtbot, page, AID)
    window.show_problem(missing)
    assert page.tree_model.owner_uid == UNIT_OWNER
    qtbot.waitUntil(page.annual_goal.hasFocus)


# -- the model on its own ----------------------------------------------------------------------


def test_tree_model_on_the_four_category_framework(qtmodeltester, demo_workspace):
    data = demo_workspace.load_year(YEAR)
    data = type(data)(
        **{
            **{name: getattr(data, name) for name in data.__dataclass_fields__},
            "settings": data.settings.with_framework("mof-2021-4cat"),
        }
    )
    model = TargetTreeModel()
    model.set_targets(data, data.projects[0].targets)
    qtmodeltester.check(model)
    level1 = [model.index(row, 0).data() for row in range(model.rowCount())]
    # 成本指标 first (the framework's order); 产出 › 成本指标 of the 3-category layout is unknown
    assert level1[:4] == ["成本指标", OUTPUT, BENEFIT, SATISFACTION]
    unknown = model.level2_index(OUTPUT, "成本指标", TreeColumn.NAME)
    assert unknown.isValid()
    assert unknown.data(Qt.ItemDataRole.ForegroundRole).color().name() == BROKEN_COLOUR
    assert not model.category_known(OUTPUT, "成本指标")
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable == Qt.ItemFlag.NoItemFlags
    model.set_targets(None, None)
    assert model.rowCount() == 0
    qtmodeltester.check(model)
