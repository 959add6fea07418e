"""What the walk through a whole year found (docs/walkthrough.md), each as the accountant meets it.

A brand-new workspace with one year, the main window at 1366×768 in Chinese; the tests type,
click and sign as the user does and read what the window says afterwards.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from tests.chinese import english_words
from unionperf.domain.budget import BudgetLine
from unionperf.domain.cycle import Step
from unionperf.domain.indicators import Operator
from unionperf.domain.settings import SignoffRole
from unionperf.services.cycle import editing
from unionperf.ui import messages
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.evaluation.funds_models import FUNDS_FIELDS
from unionperf.ui.steps.monitoring.page import SIGNOFF_TAB
from unionperf.ui.steps.targets.tree_nodes import TreeColumn

pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support propagateSizeHints\(\)$",
    r"^This plugin does not support raise\(\)$",  # the refusal's tooltip
)

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
    assert blockers > 5  # more than the message lists
    chair = page.signoff.rows[SignoffRole.CHAIR]
    qtbot.keyClicks(chair.name, "Li")
    _click(qtbot, chair.button)
    [(title, message)] = errors
    assert title == "未能签字"
    assert "还有等" not in message
    assert f"“绩效目标”还有{blockers}个须修改的问题，解决后才能签字。前5个：" in message


# -- an interval target typed the wrong way round is refused out loud ------------------------------


def _type_in_tree(qtbot, tree, index, text: str) -> None:
    tree.setCurrentIndex(index)
    tree.scrollTo(index)
    tree.edit(index)
    [editor] = [w for w in tree.viewport().findChildren(QLineEdit) if w.isVisible()]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tree.state() != QAbstractItemView.State.EditingState)


def _interval_indicator(qtbot, page) -> str:
    """The user adds an indicator under 产出指标 › 质量指标 and makes it an interval (区间)."""
    model = page.tree_model
    output = model.index(0, 0)
    quality = next(
        model.index(row, 0, output)
        for row in range(model.rowCount(output))
        if model.index(row, 0, output).data() == "质量指标"
    )
    page.tree.setCurrentIndex(quality)
    _click(qtbot, page.add_button)
    [naming] = [w for w in page.tree.viewport().findChildren(QLineEdit) if w.isVisible()]
    qtbot.keyClick(naming, Qt.Key.Key_Escape)  # keeps the offered name
    [indicator] = page.targets().indicators
    operator = model.indicator_index(indicator.uid, TreeColumn.OPERATOR)
    assert page.tree_model.setData(operator, Operator.INTERVAL.value)  # picked in the list
    return indicator.uid


def test_an_interval_typed_upper_bound_first_is_refused_with_what_the_cell_takes(
    qtbot, window, errors
):
    page = window.open_step(Step.TARGETS)
    uid = _interval_indicator(qtbot, page)
    target = page.tree_model.indicator_index(uid, TreeColumn.TARGET)
    _type_in_tree(qtbot, page.tree, target, "80-60")
    assert page.targets().indicators[0].target is None  # nothing was saved
    said = window.statusBar().currentMessage()
    assert "“80-60”未被接受" in said
    assert "60～80" in said  # the way to write it
    assert "下限" in said
    _type_in_tree(qtbot, page.tree, target, "60-80")
    saved = page.targets().indicators[0]
    assert (saved.target, saved.target_upper) == (Decimal(60), Decimal(80))
    assert errors == []


# -- the message beside the indicator buttons belongs to the owner it was said for ----------------


def test_the_added_indicator_message_does_not_follow_to_another_owner_or_year(
    qtbot, window, errors
):
    budget = window.open_step(Step.BUDGET)
    budget.tabs.setCurrentIndex(1)
    _click(qtbot, budget.projects.add_project_button)
    page = window.open_step(Step.TARGETS)
    model = page.tree_model
    page.tree.setCurrentIndex(model.index(0, 0, model.index(0, 0)))  # 产出指标 › 数量指标
    _click(qtbot, page.add_button)
    [naming] = [w for w in page.tree.viewport().findChildren(QLineEdit) if w.isVisible()]
    qtbot.keyClick(naming, Qt.Key.Key_Escape)
    assert page.message.text().startswith("已新增指标")
    project = window.session.data.projects[0]
    row = page.owner_proxy.index_of(project.uid)
    qtbot.mouseClick(
        page.owners.viewport(), Qt.MouseButton.LeftButton, pos=page.owners.visualRect(row).center()
    )
    assert page.owner_uid == project.uid
    assert page.message.text() == ""
    page.select_owner("unit")
    _click(qtbot, page.add_button)
    assert page.message.text().startswith("已新增指标")
    editing.add_year(window.workspace, YEAR + 1)
    window.refresh_years(YEAR + 1)
    assert window.current_step() is Step.TARGETS
    assert page.message.text() == ""
    assert errors == []


# -- a new year carried forward never invents a deficit -------------------------------------------


def _line(data, code: str) -> BudgetLine:
    return next(line for line in data.budget if line.category_code == code)


def _spending_typed_on_the_self_evaluation(qtbot, window) -> None:
    """The year as the walk left it: a budget, and only the spending typed at year end.

    The revenue's 全年执行数 is asked nowhere, so the accountant never types it.
    """
    session = window.session
    for code, amount in (("401", "30000"), ("402", "120000"), ("501", "100000")):
        session.save_budget_line(BudgetLine(code, budget=Decimal(amount)))
    session.save_year_facts(opening_balance=Decimal(10000))
    page = window.open_step(Step.EVALUATION)
    page.tabs.setCurrentWidget(page.funds_page)
    model, table = page.funds_model, page.funds_table
    row = next(
        r for r in range(model.rowCount()) if "职工活动支出" in str(model.index(r, 0).data())
    )
    index = model.index(row, FUNDS_FIELDS.index("executed"))
    table.setCurrentIndex(index)
    table.edit(index)
    [editor] = [w for w in table.viewport().findChildren(QLineEdit) if w.isVisible()]
    qtbot.keyClicks(editor, "96000")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
    assert _line(window.workspace.load_year(YEAR), "501").executed == Decimal(96000)


def test_a_year_copied_forward_without_revenue_actuals_keeps_no_invented_deficit(
    qtbot, window, errors
):
    _spending_typed_on_the_self_evaluation(qtbot, window)
    dialog = window.add_year()  # 文件 › 新建年度…
    assert dialog.chosen() == (YEAR + 1, YEAR)
    preview = dialog.preview.text()
    assert "上年结余" in preview
    assert "收入" in preview  # says why the opening balance is left to type
    _click(qtbot, dialog.ok)
    qtbot.waitUntil(lambda: window.session.year == YEAR + 1)
    data = window.session.data
    assert data.opening_balance == 0  # not 10,000 + 0 − 96,000
    assert _line(data, "501").last_year_actual == Decimal(96000)
    window.session.wait_for_checks()
    window.session.recheck()
    assert not [p for p in window.session.problems if p.code.value == "B004"]
    assert errors == []


# -- backing up and restoring speak of times and reasons, not of file names ----------------------


def test_backing_up_and_restoring_say_when_and_why_in_chinese(qtbot, window, errors, monkeypatch):
    from unionperf.ui import restore_dialog  # noqa: PLC0415 - the module whose boxes are replaced

    told: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda _parent, _title, text: told.append(text))
    monkeypatch.setattr(restore_dialog, "confirm_restore", lambda _parent, _text: True)
    window.backup_action.trigger()  # 文件 › 立即备份
    said = window.statusBar().currentMessage()
    assert said.startswith("已备份")
    assert english_words(said) == []
    dialog = window.show_restore()  # 文件 › 从备份恢复…
    row = next(r for r, entry in enumerate(dialog.entries) if entry.reason == "manual")
    dialog.table.selectRow(row)
    when = dialog.entries[row].local_time()
    _click(qtbot, dialog.restore_button)
    [restored] = told
    assert when in restored
    assert "手动备份" in restored
    assert "恢复之前的数据已备份为" in restored
    assert english_words(restored) == []
    said = window.statusBar().currentMessage()
    assert "已从备份" in said
    assert english_words(said) == []
    assert errors == []


# -- once the package is written, the window says what to do with it -----------------------------


def test_after_the_export_the_window_says_what_to_do_next(  # noqa: PLR0917 - fixtures
    qtbot, demo_workspace, errors, zh_cn, tmp_path, monkeypatch
):
    from unionperf.ui.steps.submit import page as submit_page  # noqa: PLC0415 - dialogs replaced

    usb = tmp_path / "U盘"
    monkeypatch.setattr(submit_page, "choose_folder", lambda _parent, _title: usb)
    monkeypatch.setattr(submit_page, "ask_passphrase", lambda _parent, _problem="": "demo")
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    page = window.open_step(Step.SUBMIT)
    page.set_stage("targets")
    _click(qtbot, page.export_button)
    qtbot.waitUntil(lambda: page.written.isVisible() or bool(errors), timeout=60_000)
    assert errors == []
    said = page.written.text()
    assert "下一步" in said
    assert "2024年绩效目标报送回执.pdf" in said  # the sheet to print
    assert "签字" in said
    assert "公章" in said
    assert "上级工会" in said
    window.close()


# -- after a monitoring point, the next one offered comes after it ---------------------------------


def test_the_next_monitoring_point_offered_comes_after_the_last_one(qtbot, window, errors):
    page = window.open_step(Step.MONITORING)
    assert page.new_cutoff.date() == QDate(YEAR, 3, 31)  # the first configured cut-off
    page.new_cutoff.setDate(QDate(YEAR, 6, 30))  # the user starts at the half year
    _click(qtbot, page.add_point_button)
    assert [point.cutoff.isoformat() for point in window.session.data.points] == ["2026-06-30"]
    assert page.new_cutoff.date() == QDate(YEAR, 7, 31)  # not 31 March, already past
    page.new_cutoff.setDate(QDate(YEAR, 9, 30))
    _click(qtbot, page.add_point_button)
    assert page.new_cutoff.date() == QDate(YEAR, 12, 31)  # no configured cut-off is left after
    assert errors == []


# -- an imported workbook cannot be undone with Ctrl+Z: the window says how to go back -------------


def test_after_an_import_the_window_says_how_to_go_back(
    qtbot, window, errors, monkeypatch, tmp_path
):
    import openpyxl  # noqa: PLC0415 - the user's spreadsheet program

    from unionperf.ui import fillin_actions  # noqa: PLC0415 - the pickers are replaced

    told: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda _parent, _title, text: told.append(text))
    book = tmp_path / "填报表.xlsx"
    monkeypatch.setattr(fillin_actions, "choose_export_file", lambda _parent, _name: book)
    monkeypatch.setattr(fillin_actions, "choose_import_file", lambda _parent: book)
    window.fillin.export_action.trigger()  # 文件 › 导出Excel填报表…
    qtbot.waitUntil(lambda: bool(told or errors), timeout=60_000)
    sheets = openpyxl.load_workbook(book)
    sheets["预算"]["B1"] = 12000  # 上年结余, typed in Excel
    sheets.save(book)
    window.fillin.import_action.trigger()  # 文件 › 导入Excel填报表…
    qtbot.waitUntil(lambda: len(told) == 2 or bool(errors), timeout=60_000)
    assert errors == []
    assert window.session.data.opening_balance == Decimal(12000)
    assert "已导入" in told[1]
    assert "文件 › 从备份恢复" in told[1]
    assert "导入整年数据之前" in told[1]
    assert english_words(told[1]) == []


# -- the readiness line names only what is left, and how to do it ---------------------------------


def test_the_readiness_line_names_only_what_is_left_to_do(qtbot, demo_workspace, errors, zh_cn):
    from dataclasses import replace  # noqa: PLC0415

    from unionperf.services.cycle.locks import open_adjustment  # noqa: PLC0415

    open_adjustment(demo_workspace, 2024, "targets", "项目负责人调整")
    project = demo_workspace.load_year(2024).projects[0]
    editing.save_project(demo_workspace, 2024, replace(project, responsible=""))  # P007, soft
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.refresh_years(2024)
    page = window.open_step(Step.SUBMIT)
    page.set_stage("targets")
    said = page.ready.text()
    assert said.startswith("“绩效目标”暂不能报送：")
    assert "0个" not in said
    assert "1个问题须说明" in said
    assert "填写说明" in said  # the button that does it
    window.close()


# -- the problems panel counts only what there is, and says what comes after ----------------------


def test_the_problems_summary_counts_only_what_there_is(window):
    window.session.wait_for_checks()
    window.session.recheck()
    said = window.problems.summary.text()
    assert "个问题必须修改" in said
    assert "0个" not in said  # a brand-new year has no problem to explain yet


def test_with_every_check_passed_the_panel_points_to_the_submit_step(qtbot, demo_workspace, zh_cn):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    window.refresh_years(2024)
    window.session.wait_for_checks()
    window.session.recheck()
    assert window.problems.model.rowCount() == 0
    said = window.problems.summary.text()
    assert said.startswith("没有问题：全部检查通过")
    assert "“报送”" in said
    window.close()


# -- a new year without a monitoring point shows no sign-off of last year's point ------------------


def test_a_year_without_points_shows_no_sign_off_of_another_years_point(qtbot, window, errors):
    page = window.open_step(Step.MONITORING)
    page.new_cutoff.setDate(QDate(YEAR, 6, 30))
    _click(qtbot, page.add_point_button)
    page.tabs.setCurrentIndex(SIGNOFF_TAB)  # 签字确认 (after 收入到位)
    assert "2026-06-30" in page.signoff.lock_label.text()
    editing.add_year(window.workspace, YEAR + 1)
    window.refresh_years(YEAR + 1)  # the user picks 2027 in the year list
    assert window.session.data.points == ()
    assert "2026" not in page.signoff.lock_label.text()
    assert [row.state.text() for row in page.signoff.rows.values()] == ["", "", ""]
    assert errors == []


# -- another owner's indicators are shown from their names, not scrolled to the far right ----------


def test_picking_another_owner_shows_its_indicators_from_the_names(
    qtbot, demo_workspace, errors, zh_cn
):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.refresh_years(2024)
    page = window.open_step(Step.EVALUATION)
    view, model = page.indicator_view, page.indicators
    last = model.index(0, model.columnCount() - 1)
    view.setCurrentIndex(last)
    view.scrollTo(last)  # the user fills in the improvement measures, far right
    assert view.columnViewportPosition(2) >= 0  # the table fits: the names stay in sight
    other = page.owners.index(1, 0)
    qtbot.mouseClick(
        page.owner_view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=page.owner_view.visualRect(other).center(),
    )
    assert page.indicators.rowCount() > 0
    assert view.horizontalScrollBar().value() == 0
    assert view.columnViewportPosition(2) >= 0  # 三级指标, the names
    window.close()
