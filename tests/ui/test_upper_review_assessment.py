"""审核 shows a new major project's 事前绩效评估 under the project; an opinion attaches to it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.upper_fixtures import JOB_TIMEOUT_MS
from unionperf.ui.upper.aggregate.page import ASSESSMENTS, AggregatePage
from unionperf.ui.upper.receive.page import ReceivePage
from unionperf.ui.upper.review.models import TreeColumn
from unionperf.ui.upper.review.page import ReviewPage
from unionperf.ui.upper.steps import UpperStep

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

STAGE = "targets"
ASSESSED = "p2024-02"


def test_the_assessment_is_shown_under_its_project_and_takes_an_opinion(
    qtbot, upper_window, sub_units, tmp_path
):
    receive = upper_window.open_page(UpperStep.RECEIVE)
    assert isinstance(receive, ReceivePage)
    receive.receive_paths([sub_units[0].send(STAGE, tmp_path / "usb")])
    qtbot.waitUntil(lambda: receive.job is None, timeout=JOB_TIMEOUT_MS)
    upper_window.choose(2024, STAGE)
    page = upper_window.open_page(UpperStep.REVIEW)
    assert isinstance(page, ReviewPage)
    assert page.show_unit(sub_units[0].code)
    project = sub_units[0].data.project(ASSESSED)
    assert project is not None
    path = f"项目/{project.name}/事前绩效评估"
    assert page.select_path(path)
    assert page.item_label.text() == path
    shown = {value.label: value.text for value in page.values.rows()}
    assert shown["评估结论"] == "调整后通过"
    assert shown["评估日期"] == "2023-11-20"
    assert "立项必要性" in shown
    parent = page.tree_model.index_of(path).parent()
    assert parent.isValid()
    assert parent.data() == project.name  # a child of its project, like the indicators
    page.opinion.setPlainText("请补充供应商比价依据")
    qtbot.mouseClick(page.add_opinion_button, Qt.MouseButton.LeftButton)
    assert page.drafts_model.rowCount() == 1
    assert page.tree_model.index_of(path).siblingAtColumn(TreeColumn.OPINIONS).data() == "✎ 1"


def test_the_aggregate_page_counts_the_assessments_at_the_targets_stage(
    qtbot, upper_window, sub_units, tmp_path
):
    receive = upper_window.open_page(UpperStep.RECEIVE)
    assert isinstance(receive, ReceivePage)
    receive.receive_paths([sub_units[0].send(STAGE, tmp_path / "usb")])
    qtbot.waitUntil(lambda: receive.job is None, timeout=JOB_TIMEOUT_MS)
    upper_window.choose(2024, STAGE)
    page = upper_window.open_page(UpperStep.AGGREGATE)
    assert isinstance(page, AggregatePage)
    index = page.tabs.indexOf(page.assessments)
    assert page.tabs.isTabVisible(index)
    page.tabs.setCurrentWidget(page.assessments)
    model, _view = page.tables[ASSESSMENTS]
    rows = {row.label: (row.projects, row.units) for row in model.rows()}
    assert rows == {"通过": (0, 0), "调整后通过": (1, 1), "不予通过": (0, 0)}
    upper_window.choose(2024, "self-evaluation")
    page = upper_window.open_page(UpperStep.AGGREGATE)
    assert isinstance(page, AggregatePage)
    assert not page.tabs.isTabVisible(page.tabs.indexOf(page.assessments))
