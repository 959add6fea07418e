"""The targets step lays itself out without asking Python for every cell (issue 17), and looks
the same as when Qt measured every cell: the owner list's count columns, the indicator tree's
row heights."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QHeaderView

from unionperf.domain.cycle import Step
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.targets.owner_list import NUMBER_COLUMNS, OwnerRow, fit_number_columns
from unionperf.ui.steps.targets.page import TargetsStep

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

YEAR = 2024


@pytest.fixture
def page(qtbot, demo_workspace) -> TargetsStep:
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.refresh_years(YEAR)
    page = window.open_step(Step.TARGETS)
    assert isinstance(page, TargetsStep)
    return page


def _measured_widths(page: TargetsStep) -> list[int]:
    """The widths Qt gives the count columns when it measures every cell."""
    header = page.owners.horizontalHeader()
    widths = []
    for column in NUMBER_COLUMNS:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        page.owners.resizeColumnToContents(column)
        widths.append(header.sectionSize(column))
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
    return widths


def test_the_count_columns_are_as_wide_as_when_every_cell_is_measured(page):
    header = page.owners.horizontalHeader()
    assert [header.sectionSize(column) for column in NUMBER_COLUMNS] == _measured_widths(page)


def test_the_count_columns_follow_wider_contents(page):
    header = page.owners.horizontalHeader()
    before = [header.sectionSize(column) for column in NUMBER_COLUMNS]
    rows = list(page.owner_model.rows())
    rows[1] = OwnerRow(rows[1].uid, rows[1].name, rows[1].code, 123456789012, 123456789012)
    page.owner_model.update_rows(rows)  # a changed row, not a reset
    after = [header.sectionSize(column) for column in NUMBER_COLUMNS]
    assert all(wide > narrow for wide, narrow in zip(after, before, strict=True))
    assert after == _measured_widths(page)
    fit_number_columns(page.owners)
    assert [header.sectionSize(column) for column in NUMBER_COLUMNS] == after
