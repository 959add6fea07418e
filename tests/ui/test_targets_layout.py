"""The targets step lays itself out without asking Python for every cell (issue 17), and looks
the same as when Qt measured every cell: the owner list's count columns, the indicator tree's
row heights."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QHeaderView, QStyleOptionViewItem

from unionperf.domain.cycle import Step
from unionperf.ui.main_window import MainWindow
from unionperf.ui.steps.targets.owner_list import NUMBER_COLUMNS, OwnerRow, fit_number_columns
from unionperf.ui.steps.targets.page import TargetsStep
from unionperf.ui.steps.targets.tree_nodes import TreeColumn
from unionperf.ui.widgets.delegates import WrappingDelegate

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


def _cells(model, parent=None):
    """Every index of the tree, depth first."""
    parent = parent if parent is not None else QModelIndex()
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            yield model.index(row, column, parent)
        yield from _cells(model, model.index(row, 0, parent))


def test_the_tree_model_keeps_qts_model_contract(page):
    model = page.tree_model
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    indexes = list(_cells(model))
    assert len(indexes) >= 8 * 20  # the demo unit: 20 rows of 8 columns at least
    assert not model.index(0, len(TreeColumn)).isValid()
    assert not model.index(-1, 0).isValid()
    assert not model.index(model.rowCount(), 0).isValid()
    for index in indexes:
        assert index.parent() == model.parent(index)
        assert model.index(index.row(), index.column(), index.parent()) == index
        assert model.data(index, Qt.ItemDataRole.DecorationRole) is None
        assert model.data(index, Qt.ItemDataRole.CheckStateRole) is None


def test_remembered_cell_sizes_are_the_sizes_measured(page):
    tree = page.tree
    remembering = tree.itemDelegate()
    assert isinstance(remembering, WrappingDelegate)
    measuring = WrappingDelegate(tree, (TreeColumn.NAME, TreeColumn.TARGET))
    option = QStyleOptionViewItem()
    option.initFrom(tree)
    option.font = tree.font()
    sizes = []
    for _ in range(2):  # measured, then remembered
        for index in _cells(page.tree_model):
            sizes.append(remembering.sizeHint(option, index))
            assert sizes[-1] == measuring.sizeHint(option, index)
    wrapped = {size.height() for size in sizes}
    assert len(wrapped) > 1  # long names wrap onto more lines than short ones
    tree.setColumnWidth(TreeColumn.NAME, tree.columnWidth(TreeColumn.NAME) * 2)
    for index in _cells(page.tree_model):
        assert remembering.sizeHint(option, index) == measuring.sizeHint(option, index)
