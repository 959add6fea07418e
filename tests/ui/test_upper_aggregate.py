"""汇总 as the finance officer uses it: the season's totals, bands, ranking, and Excel.

On the demo season: the page shows what ``services.upper.aggregate`` sums for every unit, only
the approved ones, or a chosen group; the ranking takes the upper level's re-score where there is
one; one table exports on its own and the whole workbook at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtCore import Qt

from tests.ui.upper_fixtures import JOB_TIMEOUT_MS
from unionperf.domain.board import BoardStatus
from unionperf.domain.item_paths import ItemKind
from unionperf.services.upper.aggregate import aggregate
from unionperf.services.upper.rescore import rescore
from unionperf.services.upper.review import review
from unionperf.ui.upper.aggregate import page as aggregate_page
from unionperf.ui.upper.aggregate.page import (
    BY_ATTRIBUTE,
    BY_CATEGORY,
    GRADES,
    MULTI_YEAR,
    RANKING,
    REVENUE,
    AggregatePage,
)
from unionperf.ui.upper.steps import UpperStep
from unionperf.ui.upper.window import UpperWindow

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

STAGE = "self-evaluation"


@pytest.fixture
def page(qtbot, demo_upper, told) -> Iterator[AggregatePage]:
    """The 汇总 page of the demo season (its window kept open while the test runs)."""
    _ = told
    window = UpperWindow(demo_upper)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.choose(2024, STAGE)
    made = window.open_page(UpperStep.AGGREGATE)
    assert isinstance(made, AggregatePage)
    yield made
    window.close()


def _ranking(page: AggregatePage):
    """The ranking's model, its tab shown (the page fills it then)."""
    page.tabs.setCurrentWidget(page.ranking)
    model, _view = page.tables[RANKING]
    return model


def test_the_season_summed_across_the_units(qtbot, page, demo_upper):
    expected = aggregate(demo_upper, 2024, STAGE, today=page.context.today())
    assert f"{expected.units_included} of {expected.units_expected} units" in page.summary.text()
    revenue, _view = page.tables[REVENUE]
    assert [row.code for row in revenue.rows()] == [row.code for row in expected.revenue]
    ranking, _view = page.tables[RANKING]
    assert ranking.rowCount() == 0  # filled when its tab is first shown
    assert page.tables[BY_CATEGORY][0].rowCount() == 0
    page.tabs.setCurrentWidget(page.projects)
    assert list(page.tables[BY_CATEGORY][0].rows()) == expected.by_category
    assert list(page.tables[BY_ATTRIBUTE][0].rows()) == expected.by_attribute
    ranking = _ranking(page)
    assert list(ranking.rows()) == expected.ranking
    assert ranking.index(0, 0).data() == "1"
    assert page.result == expected  # the whole aggregation, as the service gives it
    assert not page.grade_chart.chart().series()  # drawn when its tab is shown
    page.tabs.setCurrentWidget(page.distributions)
    assert page.grade_chart.chart().series()
    assert list(page.tables[GRADES][0].rows()) == expected.grades
    qtbot.mouseClick(page.approved_only, Qt.MouseButton.LeftButton)
    approved = aggregate(demo_upper, 2024, STAGE, approved_only=True, today=page.context.today())
    assert approved.units_included < expected.units_included
    assert f"{approved.units_included} of" in page.summary.text()
    assert list(page.tables[GRADES][0].rows()) == approved.grades  # the tab shown fills again
    ranking = _ranking(page)
    assert list(ranking.rows()) == approved.ranking
    assert {row.entry.status for row in ranking.rows()} == {BoardStatus.APPROVED}


def test_a_chosen_group_is_summed_alone(qtbot, page, monkeypatch):
    ranking = _ranking(page)
    chosen = frozenset(row.entry.code for row in ranking.rows()[:3])
    monkeypatch.setattr(aggregate_page, "choose_group", lambda _parent, _held, _now: chosen)
    qtbot.mouseClick(page.group_button, Qt.MouseButton.LeftButton)
    assert page.group == chosen
    assert "3 units chosen" in page.group_label.text()
    assert {row.entry.code for row in ranking.rows()} == chosen
    qtbot.mouseClick(page.all_button, Qt.MouseButton.LeftButton)
    assert page.group is None
    assert ranking.rowCount() > len(chosen)


def test_the_ranking_takes_the_upper_levels_rescore(qtbot, page, demo_upper):
    ranking = _ranking(page)
    first = ranking.row(0).entry
    seen = review(demo_upper, first.code, 2024, STAGE)
    item = next(
        item
        for item in seen.items
        if item.kind is ItemKind.INDICATOR and item.owner == "unit" and item.score
    )
    rescore(
        demo_upper,
        first.code,
        2024,
        path=item.path,
        score="0",
        reason="佐证材料缺失",
    )
    page.load()
    row = next(row for row in ranking.rows() if row.entry.code == first.code)
    assert row.entry.upper_score is not None
    assert row.entry.upper_score < (first.score or Decimal(0))
    assert row.entry.score == first.score  # both kept


def test_one_table_and_the_whole_workbook_export(qtbot, page, tmp_path, monkeypatch):
    target = tmp_path / "排名.xlsx"
    monkeypatch.setattr(aggregate_page, "choose_table_target", lambda _parent, _name: target)
    assert page.export_table(RANKING) == target
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == [RANKING]
    everything = tmp_path / "汇总.xlsx"
    monkeypatch.setattr(aggregate_page, "choose_table_target", lambda _parent, _name: everything)
    assert page.export_all() == everything
    names = openpyxl.load_workbook(everything).sheetnames
    assert names[0] == REVENUE
    assert RANKING in names


def test_the_assessment_notice_is_written_and_opened(qtbot, page, tmp_path, monkeypatch, told):
    opened: list = []
    monkeypatch.setattr(aggregate_page, "choose_notice_folder", lambda _parent: tmp_path / "通报")
    monkeypatch.setattr(aggregate_page, "open_file", lambda path: opened.append(path) or True)
    qtbot.mouseClick(page.notice_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.job is None and page.notice is not None, timeout=JOB_TIMEOUT_MS)
    assert told["errors"] == []
    pdf, xlsx = page.notice
    assert opened == [pdf]
    assert pdf.name == "2024年度绩效自评考核结果通报.pdf"
    assert xlsx.exists()


def test_the_multi_year_projects_fill_when_their_tab_is_shown(qtbot, page, demo_upper):
    expected = aggregate(demo_upper, 2024, STAGE, today=page.context.today())
    assert expected.multi_year  # the demo's 2023—2025 project
    model, _view = page.tables[MULTI_YEAR]
    assert model.rowCount() == 0  # filled when its tab is first shown
    page.tabs.setCurrentWidget(page.multi_year)
    assert list(model.rows()) == expected.multi_year
    assert page.result == expected
