"""Step 5, self-evaluation: edits reach the store, scores follow live, undo, problems, evidence."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QHelpEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QApplication, QComboBox, QLineEdit, QToolTip

from unionperf.domain.cycle import Step
from unionperf.domain.indicators import Tier
from unionperf.domain.problems import Location, ProblemCode, Section
from unionperf.services.cycle import evidence
from unionperf.services.views import evaluation_view, year_review
from unionperf.ui import messages
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.evaluation import evidence_list
from unionperf.ui.steps.evaluation.indicator_models import INDICATOR_FIELDS
from unionperf.ui.steps.evaluation.page import EvaluationStep

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

YEAR = 2024
PROJECT = "p2024-01"  # 2024年职工文体活动经费 (domain.md §5.8)
PLACES = "p2024-01-i01"  # 举办职工文体活动场次 ≥12场, 15 points, actual 10
PEOPLE = "p2024-01-i02"  # 参与职工人次 ≥1500人次, 10 points, actual 1620
MECHANISM = "p2024-01-i07"  # 文体活动长效机制建设, qualitative, 15 points, partial, 10.50


def column(field: str) -> int:
    return INDICATOR_FIELDS.index(field)


ADJUSTMENT = "更正自评数据"


@pytest.fixture
def errors(monkeypatch):
    """Errors the window would show; the demo's self-evaluation is signed off, so every edit
    is an adjustment: the user answers the reason dialog."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, title, error: shown.append((title, str(error)))
    )
    monkeypatch.setattr(messages, "ask_adjustment_reason", lambda _parent, _label: ADJUSTMENT)
    return shown


@pytest.fixture
def window(qtbot, demo_workspace, errors):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    window.refresh_years(YEAR)
    return window


@pytest.fixture
def page(window) -> EvaluationStep:
    page = window.open_step(Step.EVALUATION)
    assert isinstance(page, EvaluationStep)
    return page


def pick_owner(qtbot, page: EvaluationStep, owner_uid: str) -> None:
    """Click the owner's row in the owner list."""
    row = page.owners.find(owner_uid)
    assert row >= 0
    view = page.owner_view
    index = page.owners.index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    assert page.indicators.rows()[0].owner_uid == owner_uid


def type_into(qtbot, page: EvaluationStep, indicator_uid: str, field: str, text: str) -> None:
    """Open the cell's editor as a double click would, type ``text`` and press Enter."""
    view = page.indicator_view
    index = page.indicators.index(page.indicators.find(indicator_uid), column(field))
    view.scrollTo(index)
    centre = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit), f"no line editor on {field}"
    editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:  # QTest types ASCII only; Chinese arrives as an input-method commit
        editor.insert(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits on the next turn of the event loop
    assert view.indexWidget(index) is None


def choose_in(qtbot, page: EvaluationStep, indicator_uid: str, field: str, value: str) -> None:
    """Open a choice cell's combo box and pick the entry carrying ``value``."""
    view = page.indicator_view
    index = page.indicators.index(page.indicators.find(indicator_uid), column(field))
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, QComboBox)
    editor.setCurrentIndex(editor.findData(value))
    view.commitData(editor)
    view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


def cell(page: EvaluationStep, indicator_uid: str, field: str) -> str:
    return page.indicators.index(page.indicators.find(indicator_uid), column(field)).data()


def owner_total(page: EvaluationStep, owner_uid: str) -> str:
    return page.owners.index(page.owners.find(owner_uid), 1).data()


def stored(workspace, owner_uid: str, indicator_uid: str):
    return workspace.load_year(YEAR).evaluation_of(owner_uid).result_for(indicator_uid)


def stored_scores(workspace, owner_uid: str):
    return evaluation_view.score_of(year_review.scores_of(workspace.load_year(YEAR)), owner_uid)


def indicator_score(score, indicator_uid: str) -> Decimal:
    return next(item.score for item in score.indicators if item.indicator.uid == indicator_uid)


def test_owner_list_shows_every_project_and_the_unit_with_the_service_scores(page, window):
    scores = year_review.scores_of(window.workspace.load_year(YEAR))
    assert page.owners.rowCount() == len(scores.projects) + 1
    assert page.owners.row(0).is_unit
    assert page.owners.index(0, 0).data() == "Unit as a whole"
    assert owner_total(page, "unit") == f"{scores.unit.total:.2f}"
    for item in scores.projects:
        row = page.owners.find(item.project.uid)
        assert page.owners.index(row, 0).data() == item.project.name
        assert page.owners.index(row, 1).data() == f"{item.score.total:.2f}"
        assert page.owners.index(row, 2).data() == item.score.grade.value
    assert page.owners.index(page.owners.find(PROJECT), 3).data() == "93.0%"


def test_editing_an_actual_value_saves_it_rescores_live_and_undoes(qtbot, page, window, errors):
    workspace = window.workspace
    pick_owner(qtbot, page, PROJECT)
    assert cell(page, PLACES, "score") == "12.50"  # 10/12 × 15, domain.md §5.8
    assert "91.55" in page.total.text()

    type_into(qtbot, page, PLACES, "actual", "11")

    assert errors == []
    assert stored(workspace, PROJECT, PLACES).actual == Decimal(11)
    after = stored_scores(workspace, PROJECT)
    assert cell(page, PLACES, "actual") == "11"
    assert cell(page, PLACES, "score") == f"{indicator_score(after, PLACES):.2f}" == "13.75"
    assert owner_total(page, PROJECT) == f"{after.total:.2f}" == "92.80"
    assert f"{after.total:.2f}" in page.total.text()

    window.session.undo_stack.undo()

    assert stored(workspace, PROJECT, PLACES).actual == Decimal(10)
    assert cell(page, PLACES, "score") == "12.50"
    assert owner_total(page, PROJECT) == "91.55"
    assert "91.55" in page.total.text()

    window.session.undo_stack.redo()
    assert stored(workspace, PROJECT, PLACES).actual == Decimal(11)
    assert owner_total(page, PROJECT) == "92.80"


def test_scores_are_recomputed_once_per_edit(qtbot, page, monkeypatch):
    pick_owner(qtbot, page, PROJECT)
    calls: list[set[str]] = []
    rescore = evaluation_view.rescore

    def counted(data, scores, owners):
        calls.append(set(owners))
        return rescore(data, scores, owners)

    monkeypatch.setattr(evaluation_view, "rescore", counted)
    type_into(qtbot, page, PLACES, "actual", "9")
    assert calls == [{PROJECT}]


def test_not_applicable_without_reason_is_problem_e003_and_locates_the_reason(qtbot, page, window):
    workspace = window.workspace
    pick_owner(qtbot, page, PROJECT)
    view = page.indicator_view
    index = page.indicators.index(page.indicators.find(PEOPLE), column("applicable"))
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_Space)  # toggles the check box, as a user would

    assert stored(workspace, PROJECT, PEOPLE).applicable is False
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert cell(page, PEOPLE, "score") == "n/a"
    window.session.recheck()
    found = [
        p for p in window.session.problems if p.code is ProblemCode.EVALUATION_NA_REASON_MISSING
    ]
    assert len(found) == 1
    assert found[0].where.item_uid == PEOPLE
    codes = [
        window.problems.model.index(row, 1).data()
        for row in range(window.problems.model.rowCount())
    ]
    assert "E003" in codes
    # The total is rescaled to 100 over the applicable points (domain.md §5.8).
    assert owner_total(page, PROJECT) == f"{stored_scores(workspace, PROJECT).total:.2f}"

    pick_owner(qtbot, page, "unit")
    window.show_problem(found[0])
    assert page.indicators.rows()[0].owner_uid == PROJECT
    current = view.currentIndex()
    assert (current.row(), current.column()) == (
        page.indicators.find(PEOPLE),
        column("na_reason"),
    )

    type_into(qtbot, page, PEOPLE, "na_reason", "今年改为线上活动，不再统计人次")
    assert stored(workspace, PROJECT, PEOPLE).na_reason == "今年改为线上活动，不再统计人次"
    window.session.recheck()
    assert not [
        p for p in window.session.problems if p.code is ProblemCode.EVALUATION_NA_REASON_MISSING
    ]


def test_qualitative_score_is_checked_against_the_tier_band(qtbot, page, window, errors):
    workspace = window.workspace
    pick_owner(qtbot, page, PROJECT)
    flags = page.indicators.flags(page.indicators.index(page.indicators.find(PLACES), 7))
    assert not flags & Qt.ItemFlag.ItemIsEditable  # quantitative: computed, not typed
    # Partly achieved allows [9.00, 12.00) of 15 points (domain.md §5.4).
    type_into(qtbot, page, MECHANISM, "score", "13")
    assert errors
    assert "13" in errors[-1][1]
    assert stored(workspace, PROJECT, MECHANISM).score == Decimal("10.50")

    type_into(qtbot, page, MECHANISM, "score", "11.5")
    assert stored(workspace, PROJECT, MECHANISM).score == Decimal("11.5")
    assert cell(page, MECHANISM, "score") == "11.50"

    choose_in(qtbot, page, MECHANISM, "tier", Tier.ACHIEVED.value)
    result = stored(workspace, PROJECT, MECHANISM)
    assert result.tier is Tier.ACHIEVED
    assert result.score is None  # 11.5 lies outside [12, 15]: typed again in the new band
    type_into(qtbot, page, MECHANISM, "score", "14")
    assert stored(workspace, PROJECT, MECHANISM).score == Decimal(14)
    assert owner_total(page, PROJECT) == f"{stored_scores(workspace, PROJECT).total:.2f}"


def test_over_delivery_allows_a_deduction_with_a_reason(qtbot, page, window):
    workspace = window.workspace
    pick_owner(qtbot, page, PROJECT)
    deduction = page.indicators.index(page.indicators.find(PEOPLE), column("deduction"))
    assert not page.indicators.flags(deduction) & Qt.ItemFlag.ItemIsEditable
    type_into(qtbot, page, PEOPLE, "actual", "2100")  # 140 % of 1500
    assert page.indicators.flags(deduction) & Qt.ItemFlag.ItemIsEditable
    type_into(qtbot, page, PEOPLE, "deduction", "1")
    type_into(qtbot, page, PEOPLE, "deduction_reason", "指标值设定偏低")
    result = stored(workspace, PROJECT, PEOPLE)
    assert (result.deduction, result.deduction_reason) == (Decimal(1), "指标值设定偏低")
    assert cell(page, PEOPLE, "score") == "9.00"


def test_evaluation_texts_are_saved_when_leaving_the_box_and_undone(qtbot, page, window):
    workspace = window.workspace
    pick_owner(qtbot, page, PROJECT)
    before = workspace.load_year(YEAR).evaluation_of(PROJECT).result_application
    page.tabs.setCurrentIndex(1)
    box = page.text_boxes["result_application"]
    box.setFocus()
    box.selectAll()
    box.insertPlainText("下年度提前锁定场地")  # as the input method commits it
    box.commit()  # what leaving the box does
    assert (
        workspace.load_year(YEAR).evaluation_of(PROJECT).result_application == "下年度提前锁定场地"
    )
    window.session.undo_stack.undo()
    assert workspace.load_year(YEAR).evaluation_of(PROJECT).result_application == before
    assert box.toPlainText() == before


def test_execution_analysis_problem_opens_the_texts(qtbot, page, window):
    page.show_location(Location(Section.EVALUATION, PROJECT, "", "execution_analysis"))
    assert page.indicators.rows()[0].owner_uid == PROJECT
    assert page.tabs.currentIndex() == 1
    assert page.focusWidget() is page.text_boxes["execution_analysis"]


def drop_files(target, paths) -> None:
    """Drag ``paths`` over the list and drop them, as a file manager does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    arguments = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    try:
        enter = QDragEnterEvent(QPointF(10, 10), *arguments)
    except TypeError:  # PySide6 6.9 takes a QPoint here (6.12 deprecates it)
        enter = QDragEnterEvent(QPoint(10, 10), *arguments)
    QApplication.sendEvent(target.viewport(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target.viewport(), drop)
    assert drop.isAccepted()


def test_files_dropped_on_the_list_are_attached_to_the_owner(qtbot, page, window, tmp_path, errors):
    scan = tmp_path / "签到表.pdf"
    scan.write_bytes(b"%PDF-1.4 sign-in sheet")
    photo = tmp_path / "活动照片.jpg"
    photo.write_bytes(b"\xff\xd8 photo")
    pick_owner(qtbot, page, PROJECT)
    page.tabs.setCurrentWidget(page.evidence.parentWidget())  # the evidence tab

    drop_files(page.evidence, [scan, photo])

    qtbot.waitUntil(lambda: page.evidence.count() == 2, timeout=10_000)
    held = evidence.listing(window.workspace, YEAR, "self-evaluation")
    assert [(item.owner_uid, item.filename) for item in held] == [
        (PROJECT, "签到表.pdf"),
        (PROJECT, "活动照片.jpg"),
    ]
    assert page.evidence.filenames() == ["签到表.pdf", "活动照片.jpg"]
    assert errors == []

    pick_owner(qtbot, page, "unit")  # another owner's list is its own
    assert page.evidence.count() == 0


def test_attach_button_uses_the_file_dialog(qtbot, page, window, tmp_path, monkeypatch):
    report = tmp_path / "总结.docx"
    report.write_bytes(b"PK report")
    monkeypatch.setattr(evidence_list, "choose_files", lambda _parent: [report])
    pick_owner(qtbot, page, "unit")
    page.tabs.setCurrentWidget(page.evidence.parentWidget())  # the evidence tab
    qtbot.mouseClick(page.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.evidence.count() == 1, timeout=10_000)
    held = evidence.listing(window.workspace, YEAR, "self-evaluation")
    assert [(item.owner_uid, item.filename) for item in held] == [("unit", "总结.docx")]


def test_drags_without_local_files_are_refused(page, qtbot):
    pick_owner(qtbot, page, PROJECT)
    mime = QMimeData()
    mime.setText("just text")
    assert not page.evidence.drop_mime(mime)
    mime.setUrls([QUrl("https://example.org/a.pdf")])
    assert not page.evidence.drop_mime(mime)


def test_models_pass_the_model_tester(qtbot, page, qtmodeltester):
    pick_owner(qtbot, page, PROJECT)
    qtmodeltester.check(page.owners)
    qtmodeltester.check(page.indicators)


def test_no_year_shows_an_empty_page(qtbot, empty_workspace, errors):
    window = MainWindow(empty_workspace)
    qtbot.addWidget(window)
    window.show()
    page = window.open_step(Step.EVALUATION)
    assert page.owners.rowCount() == 0
    assert page.indicators.rowCount() == 0
    assert page.title.text() == "No year is open"
    assert not page.attach_button.isEnabled()


# -- explainable scores ---------------------------------------------------------------------------


def hover(qtbot, page: EvaluationStep, indicator_uid: str, field: str) -> str:
    """Rest the mouse on a cell as the user does and return the tooltip that shows."""
    view = page.indicator_view
    index = page.indicators.index(page.indicators.find(indicator_uid), column(field))
    view.scrollTo(index)
    centre = view.visualRect(index).center()
    qtbot.mouseMove(view.viewport(), centre)
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, view.viewport().mapToGlobal(centre))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text()


def click_cell(qtbot, page: EvaluationStep, indicator_uid: str, field: str) -> None:
    view = page.indicator_view
    index = page.indicators.index(page.indicators.find(indicator_uid), column(field))
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


@pytest.mark.qt_log_ignore(
    r"^This plugin does not support propagateSizeHints\(\)$",
    r"^This plugin does not support raise\(\)$",  # the tooltip window, offscreen
)
def test_hovering_a_score_shows_the_rule_with_its_numbers(qtbot, page):
    pick_owner(qtbot, page, PROJECT)
    assert hover(qtbot, page, PLACES, "score").startswith("正向指标未完成：10 ÷ 12 × 15 = 12.50")
    assert hover(qtbot, page, PEOPLE, "score").startswith("正向指标已完成：1620 ≥ 1500")
    assert "定性指标评为“部分达成年度指标并具有一定效果”，得分10.50" in hover(
        qtbot, page, MECHANISM, "score"
    )


def test_selecting_a_row_shows_its_working_in_the_detail_pane(qtbot, page, window):
    pick_owner(qtbot, page, PROJECT)
    pane = page.working
    assert pane.isVisible()
    assert "总分 = 预算执行率得分9.30 + 指标得分82.25 = 91.55" in pane.text()
    click_cell(qtbot, page, PLACES, "actual")
    assert "举办职工文体活动场次" in pane.text()
    assert "正向指标未完成：10 ÷ 12 × 15 = 12.50" in pane.text()

    type_into(qtbot, page, PLACES, "actual", "11")  # the pane follows the edit

    assert "正向指标未完成：11 ÷ 12 × 15 = 13.75" in pane.text()
    click_cell(qtbot, page, PEOPLE, "deviation")
    assert "正向指标已完成：1620 ≥ 1500，得满分10.00" in pane.text()
    window.session.undo_stack.undo()
    click_cell(qtbot, page, PLACES, "score")
    assert "10 ÷ 12 × 15 = 12.50" in pane.text()


def test_not_applicable_row_explains_the_rescaling(qtbot, page):
    pick_owner(qtbot, page, "p2024-03")
    row = next(item for item in page.indicators.rows() if not item.applicable)
    click_cell(qtbot, page, row.indicator.uid, "na_reason")
    assert "不计分" in page.working.text()
    assert "折算为百分制" in page.working.text()
    assert "折算为百分制" in page.total.toolTip()
