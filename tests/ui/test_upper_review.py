"""审核 as the finance officer uses it: read a unit's stage, write opinions, return or approve.

A unit's self-evaluation is read item by item; an opinion is attached by selecting an item; a
return without its reason is refused on the page; with it, the signed feedback package is
written off the GUI thread (a wrong passphrase is asked again) and the board shows 已退回, the
history the decision with its opinion by path. An indicator is re-scored with a reason, both
scores kept; the targets tab shows the unit's indicator tree as the unit's own page does.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.exchange.packages import demo_unit, key_id_of
from tests.ui.upper_fixtures import JOB_TIMEOUT_MS, UPPER_PASSPHRASE
from unionperf.domain.board import BoardStatus
from unionperf.domain.feedback import Decision
from unionperf.domain.item_paths import ItemKind
from unionperf.services.inbox.receive import receive
from unionperf.services.upper.decisions import decisions
from unionperf.services.upper.register import register
from unionperf.services.upper.rescore import rescores
from unionperf.services.upper.status import status_board
from unionperf.ui.upper.receive.page import ReceivePage
from unionperf.ui.upper.review import extra_tabs
from unionperf.ui.upper.review import page as review_page
from unionperf.ui.upper.review.models import TreeColumn
from unionperf.ui.upper.review.page import ReviewPage
from unionperf.ui.upper.steps import UpperStep

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

STAGE = "self-evaluation"


@pytest.fixture
def review(qtbot, upper_window, sub_units, tmp_path) -> ReviewPage:
    """The review page on the first unit's self-evaluation (sent and received)."""
    receive = upper_window.open_page(UpperStep.RECEIVE)
    assert isinstance(receive, ReceivePage)
    receive.receive_paths([sub_units[0].send(STAGE, tmp_path / "usb")])
    qtbot.waitUntil(lambda: receive.job is None, timeout=JOB_TIMEOUT_MS)
    upper_window.choose(2024, STAGE)
    page = upper_window.open_page(UpperStep.REVIEW)
    assert isinstance(page, ReviewPage)
    assert page.show_unit(sub_units[0].code)
    return page


def _indicator(page: ReviewPage) -> str:
    """The path of the first scored indicator of a project."""
    item = next(
        item
        for item in page.tree_model.items()
        if item.kind is ItemKind.INDICATOR and item.score is not None and item.owner != "unit"
    )
    assert page.select_path(item.path)
    return item.path


def test_the_units_stage_is_shown_item_by_item(review, sub_units):
    assert review.units.rowCount() == 1
    assert sub_units[0].name in review.heading.text()
    names = [item.name for item in review.tree_model.items()]
    assert sub_units[0].data.projects[0].name in names
    path = _indicator(review)
    assert review.item_label.text() == path
    labels = [value.label for value in review.values.rows()]
    assert "分值" in labels
    assert "自评得分" in labels or any("得分" in label for label in labels)
    assert review.rescore_button.isEnabled()
    assert review.tree_model.index_of(path).siblingAtColumn(TreeColumn.SCORE).data()


def test_a_return_needs_its_reason_then_goes_back_signed(  # noqa: PLR0917 - fixtures
    qtbot, review, upper_window, district, sub_units, told, tmp_path, monkeypatch
):
    path = _indicator(review)
    review.opinion.setPlainText("场次未达目标，请补充说明原因")
    qtbot.mouseClick(review.add_opinion_button, Qt.MouseButton.LeftButton)
    assert review.drafts_model.rowCount() == 1
    assert review.tree_model.index_of(path).siblingAtColumn(TreeColumn.OPINIONS).data() == "✎ 1"
    review.send_back.setChecked(True)
    folder = tmp_path / "反馈"
    asked: list[str] = []
    monkeypatch.setattr(review_page, "choose_feedback_folder", lambda _parent: folder)

    def passphrase(_parent, problem=""):
        asked.append(problem)
        return "wrong passphrase" if len(asked) == 1 else UPPER_PASSPHRASE

    monkeypatch.setattr(review_page, "ask_upper_passphrase", passphrase)
    assert review.write_feedback() is None  # no reason: refused on the page
    assert "reason" in review.decision_hint.text()
    assert asked == []

    review.summary.setPlainText("执行率偏低，请说明原因后重报")
    qtbot.mouseClick(review.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(asked) == 2 and review.job is None, timeout=JOB_TIMEOUT_MS)
    assert asked[1]  # asked again, with the reason
    assert told["errors"] == []
    assert review.last_written is not None
    assert review.last_written.parent == folder
    assert review.last_written.name.endswith("反馈_第1次.upkg")
    [decision] = decisions(district, sub_units[0].code)
    assert decision.decision is Decision.RETURN
    assert decision.summary == "执行率偏低，请说明原因后重报"
    assert [(item.label, item.text) for item in decision.opinions] == [
        (path, "场次未达目标，请补充说明原因")
    ]
    assert review.drafts_model.rowCount() == 0  # sent
    assert review.history.rowCount() == 1
    board = status_board(district, 2024, STAGE)
    assert {line.code: line.status for line in board.lines}[sub_units[0].code] is (
        BoardStatus.RETURNED
    )
    [line] = review.units.rows()
    assert line.status is BoardStatus.RETURNED


def test_an_indicator_is_rescored_with_its_reason_keeping_both_scores(
    qtbot, review, district, sub_units
):
    path = _indicator(review)
    item = review.selected_item()
    assert item is not None
    dialog = review.rescore_selected()
    assert dialog is not None
    dialog.score.setText("8")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "reason" in dialog.problem.text()  # no reason: refused in the dialog
    dialog.score.setText("999")
    dialog.reason.setText("佐证材料不足")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.problem.text().startswith("Not saved")
    assert rescores(district, sub_units[0].code, 2024) == []
    lower = max(item.score - 1, 0)
    dialog.score.setText(f"{lower:.2f}")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    [kept] = rescores(district, sub_units[0].code, 2024)
    assert (kept.path, kept.unit_score, kept.upper_score) == (path, item.score, lower)
    assert kept.reason == "佐证材料不足"
    shown = review.tree_model.index_of(path).siblingAtColumn(TreeColumn.UPPER).data()
    assert shown == f"{lower:.2f}"
    assert review.selected_item() is not None
    assert review.selected_item().path == path


def test_the_targets_tab_shows_the_units_tree(qtbot, review, sub_units):
    review.tabs.setCurrentWidget(review.targets_tab)
    tab = review.targets_tab
    data = sub_units[0].data
    assert tab.owner.count() == 1 + len(data.projects)
    tab.owner.setCurrentIndex(1)
    assert tab.model.rowCount() > 0
    assert sum(1 for _ in tab.model.indicators()) == len(data.projects[0].targets.indicators)


def test_the_forms_the_unit_sent_are_opened_from_the_review(
    qtbot, upper_window, district, tmp_path_factory, monkeypatch
):
    unit = demo_unit(tmp_path_factory)  # a unit's own export: forms inside the package
    key_id = key_id_of(unit.pub_file)
    register(district, unit.pub_file, unit.unit_code, unit.unit_name, key_id=key_id)
    receive(district, [unit.packages["self-evaluation-1"]])
    upper_window.choose(2024, STAGE)
    page = upper_window.open_page(UpperStep.REVIEW)
    assert isinstance(page, ReviewPage)
    page.load()
    assert page.show_unit(unit.unit_code)
    opened: list = []
    monkeypatch.setattr(extra_tabs, "open_file", lambda path: opened.append(path) or True)
    page.tabs.setCurrentWidget(page.files_tab)
    files = page.files_tab
    assert files.model.rowCount() > 0
    assert files.model.row(0).kind.label == "报表"
    files.table.selectRow(0)
    written = files.open_selected()
    assert written is not None
    assert opened == [written]
    assert written.name == files.model.row(0).name
