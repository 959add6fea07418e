"""A new upper workspace, nothing registered: every page says what to do next.

Walked in the real window (docs/walkthrough-upper.md): the register, the board, the review
and 汇总 showed empty tables and zeros without a word on where to begin.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.services.common.workspace import Workspace
from unionperf.ui.upper.aggregate.page import AggregatePage
from unionperf.ui.upper.board.page import BoardPage
from unionperf.ui.upper.params.page import ParamsPage
from unionperf.ui.upper.register.page import RegisterPage
from unionperf.ui.upper.review.page import ReviewPage
from unionperf.ui.upper.steps import UpperStep
from unionperf.ui.upper.window import UpperWindow

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.fixture
def window(qtbot, tmp_path, told) -> Iterator[UpperWindow]:
    _ = told
    workspace = Workspace.create(
        tmp_path / "new",
        UnitProfile("福州市鼓楼区总工会", "91350100M000100Y43", level=UnitLevel.UPPER),
    )
    made = UpperWindow(workspace)
    qtbot.addWidget(made)
    made.resize(1366, 768)
    made.show()
    yield made
    made.close()
    workspace.close()


def test_each_empty_page_says_where_to_begin(window):
    register = window.open_page(UpperStep.REGISTER)
    assert isinstance(register, RegisterPage)
    assert "Register a unit" in register.count.text()
    board = window.open_page(UpperStep.BOARD)
    assert isinstance(board, BoardPage)
    assert "1. Units" in board.shown_count.text()
    review = window.open_page(UpperStep.REVIEW)
    assert isinstance(review, ReviewPage)
    assert "2. Receive" in review.heading.text()
    summed = window.open_page(UpperStep.AGGREGATE)
    assert isinstance(summed, AggregatePage)
    assert "2. Receive" in summed.summary.text()
    assert not summed.export_button.isEnabled()
    assert not summed.notice_button.isEnabled()
    params = window.open_page(UpperStep.PARAMS)
    assert isinstance(params, ParamsPage)
    assert "write the parameter package" in params.status.text()
