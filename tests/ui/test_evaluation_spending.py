"""Issue 12: year-end spending (全年执行数) has a home on the self-evaluation page.

The accountant starts the year-end work on 绩效自评: types an indicator's actual value, sees the
problem that the spending is missing, clicks it, lands in the 预算执行 tab and types each funding
source's 全年执行数 there; 执行率 and the budget-execution score follow at once.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from tests.ui.evaluation_fixtures import YEAR, make_unevaluated
from unionperf.domain.cycle import Step
from unionperf.domain.problems import ProblemCode
from unionperf.ui import messages
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.evaluation.funds_models import FUNDS_FIELDS
from unionperf.ui.steps.evaluation.indicator_models import INDICATOR_FIELDS
from unionperf.ui.steps.evaluation.page import EvaluationStep

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

HELP = "p2024-03"  # 2024年困难职工帮扶及送温暖: own funds 70,000 and an upper subsidy 50,000
HELP_FIRST = "p2024-03-i01"


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


@pytest.fixture
def page(window) -> EvaluationStep:
    page = window.open_step(Step.EVALUATION)
    assert isinstance(page, EvaluationStep)
    return page


def _pick_owner(qtbot, page: EvaluationStep, owner_uid: str) -> None:
    row = page.owners.find(owner_uid)
    index = page.owners.index(row, 0)
    page.owner_view.scrollTo(index)
    qtbot.mouseClick(
        page.owner_view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=page.owner_view.visualRect(index).center(),
    )


def _type(qtbot, view, index, text: str) -> None:
    view.setCurrentIndex(index)
    view.scrollTo(index)
    view.edit(index)
    editors = [item for item in view.viewport().findChildren(QLineEdit) if item.isVisible()]
    assert len(editors) == 1, "the cell did not open an editor"
    editors[0].selectAll()
    qtbot.keyClicks(editors[0], text)
    qtbot.keyClick(editors[0], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    QApplication.processEvents()


def _problems(window, code: ProblemCode, owner_uid: str):
    window.session.wait_for_checks()
    window.session.recheck()
    return [
        item
        for item in window.session.problems
        if item.code is code and item.where.owner_uid == owner_uid
    ]


def test_missing_spending_points_to_the_funds_tab_and_is_typed_there(qtbot, window, page, errors):
    _pick_owner(qtbot, page, HELP)
    actual = page.indicators.index(
        page.indicators.find(HELP_FIRST), INDICATOR_FIELDS.index("actual")
    )
    _type(qtbot, page.indicator_view, actual, "35")  # the year-end work has started

    assert _problems(window, ProblemCode.EVALUATION_EXECUTION_ANALYSIS_MISSING, HELP) == []
    [missing] = _problems(window, ProblemCode.EVALUATION_EXECUTED_MISSING, HELP)
    assert "绩效自评 › 预算执行" in missing.message
    assert "全年执行数" in missing.message
    assert "偏差原因" not in missing.message.split("；")[0]

    window.open_step(Step.UNIT)
    window.show_problem(missing)
    assert window.current_step() is Step.EVALUATION
    assert page.tabs.currentWidget() is page.funds_page
    executed = FUNDS_FIELDS.index("executed")
    current = page.funds_table.currentIndex()
    assert (current.row(), current.column()) == (0, executed)

    _type(qtbot, page.funds_table, page.funds_model.index(0, executed), "62800")
    _type(qtbot, page.funds_table, page.funds_model.index(1, executed), "50000")

    project = window.workspace.load_year(YEAR).project(HELP)
    assert project is not None
    assert [line.executed for line in project.funding] == [Decimal(62800), Decimal(50000)]
    assert "94.0%" in page.funds.text()
    assert "9.40" in page.funds.text()
    assert page.owners.index(page.owners.find(HELP), 3).data() == "94.0%"
    assert page.funds_model.index(2, FUNDS_FIELDS.index("rate")).data() == "94.0%"  # the total
    assert _problems(window, ProblemCode.EVALUATION_EXECUTED_MISSING, HELP) == []

    window.session.undo_stack.undo()
    project = window.workspace.load_year(YEAR).project(HELP)
    assert project is not None
    assert project.executed == Decimal(62800)
    assert errors == []


def test_the_unit_types_its_spending_by_expenditure_category(qtbot, window, page, errors):
    _pick_owner(qtbot, page, "unit")
    page.tabs.setCurrentWidget(page.funds_page)
    labels = [page.funds_model.index(row, 0).data() for row in range(page.funds_model.rowCount())]
    row = next(number for number, label in enumerate(labels) if "职工活动支出" in label)
    executed = page.funds_model.index(row, FUNDS_FIELDS.index("executed"))
    _type(qtbot, page.funds_table, executed, "1071600")
    line = next(
        item for item in window.workspace.load_year(YEAR).budget if item.category_code == "501"
    )
    assert line.executed == Decimal(1071600)
    assert "1,071,600.00" in page.funds.text()
    assert errors == []


def test_the_header_offers_a_link_to_the_funds_tab_while_spending_is_missing(qtbot, page):
    _pick_owner(qtbot, page, HELP)
    assert "全年执行数" in page.funds.text()
    assert 'href="funds"' in page.funds.text()
    page.funds.linkActivated.emit("funds")
    assert page.tabs.currentWidget() is page.funds_page
