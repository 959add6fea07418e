"""Step 4, execution monitoring: points, executed amounts, indicator progress, warnings, undo."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from unionperf.demo.data import demo_large_year
from unionperf.domain.cycle import Step
from unionperf.domain.indicators import Tier
from unionperf.domain.monitoring import (
    DeviationReason,
    IndicatorProgress,
    Light,
    Likelihood,
    ReasonCategory,
    Suspension,
)
from unionperf.domain.problems import Location, ProblemCode, Section
from unionperf.services.cycle import editing
from unionperf.services.views.monitoring_view import (
    owner_lines,
    progress_lines,
    with_reason_category,
    with_reason_text,
)
from unionperf.ui import messages
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.monitoring.funds_models import OwnerColumn
from unionperf.ui.steps.monitoring.labels import LIGHT_COLOURS, light_text
from unionperf.ui.steps.monitoring.page import CHART_TAB, FUNDS_TAB, INDICATORS_TAB, MonitoringStep
from unionperf.ui.steps.monitoring.progress_models import IndicatorColumn
from unionperf.ui.widgets.formatting import percent
from unionperf.ui.year_session import YearSession

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

JUNE = "m2024-06-30"
JULY = "m2024-07-31"
SPORTS = "p2024-01"
"""2024年职工文体活动经费: budget 220,000; at 30 June 88,000 executed, 参与职工人次 red."""
HEROES = "p2024-06"
"""2024年劳模及先进职工疗休养: budget 160,000; at 30 June 80,000 executed, every light green."""
PARTICIPANTS = "p2024-01-i02"
"""参与职工人次 ≥1500: 400 at 30 June against 750 expected (red)."""


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, title, error: shown.append(f"{title}: {error}")
    )
    return shown


@pytest.fixture
def adjustments(monkeypatch):
    """The demo's monitoring points are signed off: answer the adjustment question."""
    asked: list[str] = []

    def reason(_parent, stage_label):
        asked.append(stage_label)
        return "补录监控数据"

    monkeypatch.setattr(messages, "ask_adjustment_reason", reason)
    return asked


@pytest.fixture
def opened(qtbot, demo_workspace, errors, adjustments):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.open_step(Step.MONITORING)
    assert isinstance(page, MonitoringStep)
    return window, page


def _pick_point(page: MonitoringStep, uid: str) -> None:
    page.points.setCurrentIndex(page.points.findData(uid))
    assert page.point_uid == uid


def _editor(view, index, kind):
    """Open the cell's editor as a double click does and return it."""
    view.setCurrentIndex(index)
    view.scrollTo(index)
    view.edit(index)
    editors = [item for item in view.viewport().findChildren(kind) if item.isVisible()]
    assert len(editors) == 1, editors
    return editors[0]


def _type_in_cell(qtbot, view, index, text: str) -> None:
    """Type into a cell's line editor and press Enter (the delegate commits it)."""
    editor = _editor(view, index, QLineEdit)
    editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:
        editor.insert(text)  # as an input method commits Chinese
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QCoreApplication.processEvents()  # the delegate commits through a queued call


def _choose_in_cell(qtbot, view, index, value: str) -> None:
    """Pick a value in a cell's drop-down list and press Enter."""
    editor = _editor(view, index, QComboBox)
    found = editor.findData(value)
    assert found >= 0, value
    editor.setCurrentIndex(found)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QCoreApplication.processEvents()


def _owner_cell(page: MonitoringStep, owner_uid: str, column: int):
    row = page.owner_model.row_of(owner_uid)
    assert row >= 0
    return page.owner_model.index(row, column)


def _progress_cell(page: MonitoringStep, indicator_uid: str, column: int):
    row = page.progress_model.row_of(indicator_uid)
    assert row >= 0
    return page.progress_model.index(row, column)


def _background(index) -> str | None:
    brush = index.data(Qt.ItemDataRole.BackgroundRole)
    return brush.color().name() if brush is not None else None


def _stored(workspace, point_uid: str, owner_uid: str):
    entry = workspace.load_year(2024).entry(point_uid, owner_uid)
    assert entry is not None
    return entry


def test_models_pass_the_model_tester(qtmodeltester, opened):
    _window, page = opened
    _pick_point(page, JUNE)
    assert page.owner_model.rowCount() == 7  # six projects and the unit as a whole
    qtmodeltester.check(page.owner_model)
    page.tabs.setCurrentIndex(INDICATORS_TAB)
    assert page.progress_model.rowCount() > 0
    qtmodeltester.check(page.progress_model)


def test_page_opens_on_the_latest_point_with_figures_and_shows_every_owner(opened):
    _window, page = opened
    assert page.points.count() == 4
    assert page.point_uid == "m2024-09-30"
    names = [page.owner_model.index(row, 0).data() for row in range(page.owner_model.rowCount())]
    assert names[-1] == "Unit as a whole"
    assert "2024年职工文体活动经费" in names
    assert page.time_label.text() == "Time progress 74.9%"


def test_edit_executed_amount_saves_updates_warning_and_undoes(qtbot, opened, demo_workspace):
    window, page = opened
    _pick_point(page, JUNE)
    rate = _owner_cell(page, HEROES, OwnerColumn.RATE)
    light = _owner_cell(page, HEROES, OwnerColumn.LIGHT)
    assert rate.data() == "50.0%"
    assert light.data() == light_text(Light.GREEN)

    _type_in_cell(qtbot, page.owner_table, _owner_cell(page, HEROES, OwnerColumn.EXECUTED), "10000")

    assert _stored(demo_workspace, JUNE, HEROES).executed == Decimal("10000")
    assert rate.data() == percent(Decimal("0.0625"))
    deviation = _owner_cell(page, HEROES, OwnerColumn.DEVIATION)
    assert deviation.data().startswith("Behind by")
    assert _background(deviation) == LIGHT_COLOURS[Light.RED]
    # lagging execution turns a green project yellow
    assert light.data() == light_text(Light.YELLOW)
    assert _background(light) == LIGHT_COLOURS[Light.YELLOW]
    assert window.undo_action.isEnabled()

    page.session.undo_stack.undo()

    assert _stored(demo_workspace, JUNE, HEROES).executed == Decimal("80000.00")
    assert rate.data() == "50.0%"
    assert light.data() == light_text(Light.GREEN)
    page.session.undo_stack.redo()
    assert _stored(demo_workspace, JUNE, HEROES).executed == Decimal("10000")


def test_text_and_choice_columns_of_the_funds_table(qtbot, opened, demo_workspace):
    _window, page = opened
    _pick_point(page, JULY)
    before = _stored(demo_workspace, JULY, SPORTS)
    view = page.owner_table
    _type_in_cell(qtbot, view, _owner_cell(page, SPORTS, OwnerColumn.LAG_REASON), "场地改造延期")
    _type_in_cell(qtbot, view, _owner_cell(page, SPORTS, OwnerColumn.MEASURE), "8月集中支付")
    _type_in_cell(qtbot, view, _owner_cell(page, SPORTS, OwnerColumn.FORECAST), "210,000.50")
    _choose_in_cell(
        qtbot, view, _owner_cell(page, SPORTS, OwnerColumn.SUSPENSION), Suspension.SUSPEND.value
    )

    entry = _stored(demo_workspace, JULY, SPORTS)
    assert entry.lag_reason == "场地改造延期"
    assert entry.measure == "8月集中支付"
    assert entry.forecast == Decimal("210000.50")
    assert entry.suspension is Suspension.SUSPEND
    assert _owner_cell(page, SPORTS, OwnerColumn.SUSPENSION).data() == "Suspend"

    for _ in range(4):
        page.session.undo_stack.undo()
    assert _stored(demo_workspace, JULY, SPORTS) == before


def test_not_a_number_is_not_saved(qtbot, opened, demo_workspace):
    _window, page = opened
    _pick_point(page, JUNE)
    before = _stored(demo_workspace, JUNE, SPORTS).executed
    cell = _owner_cell(page, SPORTS, OwnerColumn.EXECUTED)
    assert not page.owner_model.setData(cell, "12abc")
    assert _stored(demo_workspace, JUNE, SPORTS).executed == before
    assert page.session.undo_stack.count() == 0


def test_edit_indicator_progress_reason_likelihood_and_undo(qtbot, opened, demo_workspace):
    _window, page = opened
    _pick_point(page, JUNE)
    page.owner_table.setCurrentIndex(_owner_cell(page, SPORTS, OwnerColumn.NAME))
    page.tabs.setCurrentIndex(INDICATORS_TAB)
    assert page.owner_picker.currentText() == "2024年职工文体活动经费"
    view = page.progress_table
    light = _progress_cell(page, PARTICIPANTS, IndicatorColumn.LIGHT)
    assert light.data() == light_text(Light.RED)
    assert _progress_cell(page, PARTICIPANTS, IndicatorColumn.EXPECTED).data() == "750人次"
    before = _stored(demo_workspace, JUNE, SPORTS)
    original = before.for_indicator(PARTICIPANTS)

    _type_in_cell(qtbot, view, _progress_cell(page, PARTICIPANTS, IndicatorColumn.ACTUAL), "800")
    assert _stored(demo_workspace, JUNE, SPORTS).for_indicator(PARTICIPANTS).actual == 800
    assert light.data() == light_text(Light.GREEN)
    assert _background(light) == LIGHT_COLOURS[Light.GREEN]

    _choose_in_cell(
        qtbot,
        view,
        _progress_cell(page, PARTICIPANTS, IndicatorColumn.REASON),
        ReasonCategory.STAFFING.value,
    )
    _type_in_cell(
        qtbot, view, _progress_cell(page, PARTICIPANTS, IndicatorColumn.REASON_TEXT), "人手不足"
    )
    _choose_in_cell(
        qtbot,
        view,
        _progress_cell(page, PARTICIPANTS, IndicatorColumn.LIKELIHOOD),
        Likelihood.CERTAIN.value,
    )
    _type_in_cell(
        qtbot, view, _progress_cell(page, PARTICIPANTS, IndicatorColumn.MEASURE), "增派志愿者"
    )

    entry = _stored(demo_workspace, JUNE, SPORTS)
    progress = entry.for_indicator(PARTICIPANTS)
    assert progress.reasons[0] == DeviationReason(ReasonCategory.STAFFING, "人手不足")
    assert progress.likelihood is Likelihood.CERTAIN
    assert progress.measure == "增派志愿者"
    assert entry.executed == Decimal("88000.00")  # the rest of the entry is kept
    kept = {item for item in before.progress if item.indicator_uid != PARTICIPANTS}
    assert kept == {item for item in entry.progress if item.indicator_uid != PARTICIPANTS}

    for _ in range(5):
        page.session.undo_stack.undo()
    assert _stored(demo_workspace, JUNE, SPORTS).for_indicator(PARTICIPANTS) == original
    assert light.data() == light_text(Light.RED)


def test_qualitative_progress_is_a_tier_choice(qtbot, opened, demo_workspace):
    _window, page = opened
    _pick_point(page, JUNE)
    page.owner_table.setCurrentIndex(_owner_cell(page, SPORTS, OwnerColumn.NAME))
    page.tabs.setCurrentIndex(INDICATORS_TAB)
    lines = page.progress_model.rows()
    qualitative = next(line for line in lines if line.qualitative)
    row = page.progress_model.row_of(qualitative.indicator.uid)
    actual = page.progress_model.index(row, IndicatorColumn.ACTUAL)
    tier = page.progress_model.index(row, IndicatorColumn.TIER)
    assert not actual.flags() & Qt.ItemFlag.ItemIsEditable
    assert tier.flags() & Qt.ItemFlag.ItemIsEditable

    _choose_in_cell(qtbot, page.progress_table, tier, "achieved")

    stored = _stored(demo_workspace, JUNE, SPORTS).for_indicator(qualitative.indicator.uid)
    assert stored.tier is not None
    assert stored.tier is Tier.ACHIEVED
    assert page.progress_model.index(row, IndicatorColumn.LIGHT).data() == "Green"


def test_owner_picker_follows_the_table_and_drives_the_chart(qtbot, opened):
    _window, page = opened
    page.owner_table.setCurrentIndex(_owner_cell(page, HEROES, OwnerColumn.RATE))
    assert page.owner_uid == HEROES
    assert page.owner_picker.currentText() == "2024年劳模及先进职工疗休养"
    page.owner_picker.setCurrentIndex(page.owner_model.row_of(SPORTS))
    assert page.owner_uid == SPORTS
    assert page.owner_table.currentIndex().row() == page.owner_model.row_of(SPORTS)
    page.tabs.setCurrentIndex(CHART_TAB)
    page.tabs.setCurrentIndex(INDICATORS_TAB)
    assert {line.owner_uid for line in page.progress_model.rows()} == {SPORTS}


def test_add_point_outside_the_year_is_refused(qtbot, opened, errors, demo_workspace):
    _window, page = opened
    page.new_cutoff.setDate(QDate(2025, 3, 31))
    qtbot.mouseClick(page.add_point_button, Qt.MouseButton.LeftButton)

    assert len(errors) == 1
    assert "2025-03-31" in errors[0]
    assert "2024" in errors[0]
    assert len(demo_workspace.load_year(2024).points) == 4
    assert page.points.count() == 4
    assert page.session.undo_stack.count() == 0


def test_add_point_on_a_taken_date_is_refused(qtbot, opened, errors, demo_workspace):
    _window, page = opened
    page.new_cutoff.setDate(QDate(2024, 6, 30))
    qtbot.mouseClick(page.add_point_button, Qt.MouseButton.LeftButton)
    assert len(errors) == 1
    assert len(demo_workspace.load_year(2024).points) == 4


def test_add_point_in_the_year_then_undo_removes_it(qtbot, opened, errors, demo_workspace):
    _window, page = opened
    page.new_cutoff.setDate(QDate(2024, 5, 31))
    qtbot.mouseClick(page.add_point_button, Qt.MouseButton.LeftButton)

    assert errors == []
    cutoffs = [point.cutoff for point in demo_workspace.load_year(2024).points]
    assert date(2024, 5, 31) in cutoffs
    assert page.points.count() == 5
    added = page.point_uid
    assert page.points.currentData() == added
    assert page.points.currentText() == "Months 1–5 (to 2024-05-31)"
    assert page.owner_model.rowCount() == 7
    assert _owner_cell(page, SPORTS, OwnerColumn.EXECUTED).data() == ""

    _type_in_cell(qtbot, page.owner_table, _owner_cell(page, SPORTS, OwnerColumn.EXECUTED), "70000")
    assert _stored(demo_workspace, added, SPORTS).executed == Decimal("70000")

    page.session.undo_stack.undo()  # the amount
    page.session.undo_stack.undo()  # the point
    assert date(2024, 5, 31) not in [p.cutoff for p in demo_workspace.load_year(2024).points]
    assert page.points.count() == 4
    assert page.points.findData(added) < 0
    page.session.undo_stack.redo()
    assert date(2024, 5, 31) in [p.cutoff for p in demo_workspace.load_year(2024).points]


def test_a_problem_selects_its_point_project_and_field(qtbot, opened, demo_workspace):
    window, page = opened
    _pick_point(page, "m2024-09-30")
    page.owner_model.setData(_owner_cell(page, HEROES, OwnerColumn.EXECUTED), "")
    # the session re-checks after a short delay; do it now
    page.session.recheck()
    missing = [
        p for p in page.session.problems if p.code is ProblemCode.MONITORING_EXECUTED_MISSING
    ]
    assert missing
    _pick_point(page, JUNE)

    window.show_problem(missing[0])

    assert page.point_uid == "m2024-09-30"
    assert page.tabs.currentIndex() == FUNDS_TAB
    current = page.owner_table.currentIndex()
    assert current.row() == page.owner_model.row_of(HEROES)
    assert current.column() == OwnerColumn.EXECUTED


def test_an_indicator_problem_opens_the_indicators_tab(opened):
    _window, page = opened
    where = Location(
        Section.MONITORING, SPORTS, f"{JULY}/{PARTICIPANTS}", "reasons", "参与职工人次 › 偏差原因"
    )
    page.show_location(where)
    assert page.point_uid == JULY
    assert page.owner_uid == SPORTS
    assert page.tabs.currentIndex() == INDICATORS_TAB
    current = page.progress_table.currentIndex()
    assert current.row() == page.progress_model.row_of(PARTICIPANTS)
    assert current.column() == IndicatorColumn.REASON_TEXT


def test_switching_point_rebuilds_rows_from_the_service(opened):
    _window, page = opened
    data = page.session.data
    for point in data.points:
        _pick_point(page, point.uid)
        assert list(page.owner_model.rows()) == owner_lines(data, point.uid)


def test_a_year_without_points_says_what_to_do(qtbot, empty_workspace, errors):
    editing.add_year(empty_workspace, 2024)
    window = MainWindow(empty_workspace)
    qtbot.addWidget(window)
    window.show()
    page = window.open_step(Step.MONITORING)
    assert isinstance(page, MonitoringStep)
    assert page.points.count() == 0
    assert page.owner_model.rowCount() == 0
    assert "Add point" in page.hint.text()

    page.new_cutoff.setDate(QDate(2024, 7, 31))
    qtbot.mouseClick(page.add_point_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert page.points.count() == 1
    assert [line.owner_uid for line in page.owner_model.rows()] == ["unit"]


def test_load_and_point_switch_on_a_large_unit_make_no_cell_widgets(qtbot, empty_workspace):
    """The large unit loads and switches points; cells are painted, not widgets (the speed is
    measured in bench/bench_window.py, not here)."""
    session = YearSession(empty_workspace)
    session.data = demo_large_year()  # 200 projects × 20 indicators × 12 points
    session.year = session.data.year
    page = MonitoringStep(session)
    qtbot.addWidget(page)
    page.resize(1200, 430)
    page.show()
    page.load()
    assert page.points.count() == 12
    assert page.owner_model.rowCount() == 201
    page.points.setCurrentIndex(2)
    assert page.point_uid == session.data.points[2].uid
    assert page.owner_table.indexWidget(page.owner_model.index(0, OwnerColumn.EXECUTED)) is None


def test_service_lines_follow_the_worked_example(demo_workspace):
    """domain.md §4.4 on the demo: 88,000 of 220,000 by 30 June (2024 is a leap year)."""
    data = demo_workspace.load_year(2024)
    line = next(item for item in owner_lines(data, JUNE) if item.owner_uid == SPORTS)
    assert line.rate == Decimal("0.4000")
    assert line.time_progress == Decimal("0.4973")  # 182 ÷ 366
    assert line.gap == Decimal("9.7")
    assert not line.lags  # the threshold is 10 points
    assert line.light is Light.RED  # 参与职工人次 is red
    participants = next(
        item for item in progress_lines(data, JUNE, SPORTS) if item.indicator.uid == PARTICIPANTS
    )
    assert participants.pro_rated
    assert participants.expected == Decimal("750.00")
    assert participants.ratio == Decimal("0.5333")
    assert participants.light is Light.RED


def test_first_reason_edits_keep_further_reasons():
    progress = IndicatorProgress(
        PARTICIPANTS,
        reasons=(
            DeviationReason(ReasonCategory.FUNDING, "经费未到位"),
            DeviationReason(ReasonCategory.OTHER, "天气"),
        ),
    )
    changed = with_reason_category(progress, ReasonCategory.STAFFING)
    assert changed.reasons == (
        DeviationReason(ReasonCategory.STAFFING, "经费未到位"),
        DeviationReason(ReasonCategory.OTHER, "天气"),
    )
    assert with_reason_category(progress, None).reasons == (progress.reasons[1],)
    text_only = with_reason_text(IndicatorProgress(PARTICIPANTS), "场地改造")
    assert text_only.reasons == (DeviationReason(ReasonCategory.OTHER, "场地改造"),)
    assert with_reason_text(IndicatorProgress(PARTICIPANTS), "") == IndicatorProgress(PARTICIPANTS)
