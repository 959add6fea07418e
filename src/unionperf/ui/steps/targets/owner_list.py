"""The owner list of the targets step: the unit as a whole, then every project, filterable.

The strings here belong to the targets page, so they are translated in the ``TargetsStep``
context.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyle,
    QTableView,
)

from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.problems import Problem, Section
from unionperf.domain.year import YearData
from unionperf.ui.widgets.table_model import Column, Kind, RowTableModel

__all__ = [
    "OwnerFilterProxy",
    "OwnerModel",
    "OwnerRow",
    "fit_number_columns",
    "owner_filter",
    "owner_rows",
    "owner_table",
]

PROBLEM_BACKGROUND = "#fdecea"
NUMBER_COLUMNS = (1, 2)
"""The owner list's count columns (indicators, problems), as wide as their contents."""


@dataclass(frozen=True)
class OwnerRow:
    """One line of the owner list: the unit as a whole or a project."""

    uid: str
    name: str
    code: str = ""
    indicators: int = 0
    problems: int = 0


def owner_rows(data: YearData | None, problems: Iterable[Problem]) -> list[OwnerRow]:
    """The unit, then every project, with its indicator count and its targets problems."""
    if data is None:
        return []
    counts = Counter(
        problem.where.owner_uid for problem in problems if problem.where.section is Section.TARGETS
    )
    rows = [
        OwnerRow(
            UNIT_OWNER,
            QCoreApplication.translate("TargetsStep", "Unit as a whole"),
            "",
            len(data.unit_targets.indicators),
            counts[UNIT_OWNER],
        )
    ]
    rows += [
        OwnerRow(
            project.uid,
            project.name or project.code,
            project.code,
            len(project.targets.indicators),
            counts[project.uid],
        )
        for project in data.projects
    ]
    return rows


def owner_columns() -> list[Column[OwnerRow]]:
    """Name (code and name in the tooltip, which the filter searches), indicators, problems."""
    return [
        Column(
            QCoreApplication.translate("TargetsStep", "Project"),
            lambda row: row.name,
            tooltip=lambda row: f"{row.code} {row.name}".strip(),
        ),
        Column(
            QCoreApplication.translate("TargetsStep", "Indicators"),
            lambda row: str(row.indicators),
            kind=Kind.NUMBER,
        ),
        Column(
            QCoreApplication.translate("TargetsStep", "Problems"),
            lambda row: str(row.problems) if row.problems else "",
            kind=Kind.NUMBER,
            colour=lambda row: PROBLEM_BACKGROUND if row.problems else None,
        ),
    ]


class OwnerModel(RowTableModel[OwnerRow]):
    """The owners as a read-only table."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(owner_columns(), parent)

    def find(self, owner_uid: str) -> int | None:
        """The row of an owner, or ``None``."""
        return next((i for i, item in enumerate(self.rows()) if item.uid == owner_uid), None)


class OwnerFilterProxy(QSortFilterProxyModel):
    """The owners whose code or name holds the filter text (any case)."""

    def __init__(self, model: OwnerModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._owners = model
        self.setSourceModel(model)
        self.setFilterKeyColumn(0)
        self.setFilterRole(Qt.ItemDataRole.ToolTipRole)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def uid_at(self, index: QModelIndex | QPersistentModelIndex) -> str | None:
        """The uid of the owner at a row of this proxy, or ``None`` for no row."""
        if not index.isValid():
            return None
        return self._owners.row(self.mapToSource(index).row()).uid

    def index_of(self, owner_uid: str) -> QModelIndex:
        """An owner's first cell in this proxy; invalid when unknown or filtered out."""
        row = self._owners.find(owner_uid)
        if row is None:
            return QModelIndex()
        return self.mapFromSource(self._owners.index(row, 0))


def owner_filter() -> QLineEdit:
    """The box the owner list is filtered by."""
    box = QLineEdit()
    box.setObjectName("ownerFilter")
    box.setPlaceholderText(QCoreApplication.translate("TargetsStep", "Filter projects…"))
    box.setClearButtonEnabled(True)
    return box


def owner_table(proxy: OwnerFilterProxy, em: int) -> QTableView:
    """The owner list's view, one owner selected at a time; ``em``: the page's 中 width."""
    view = QTableView()
    view.setObjectName("owners")
    view.setModel(proxy)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(em * 2)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = view.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in NUMBER_COLUMNS:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
    fit = lambda *_: fit_number_columns(view)  # noqa: E731 - one slot for five signals
    for signal in (
        proxy.modelReset,
        proxy.dataChanged,
        proxy.layoutChanged,
        proxy.rowsInserted,
        proxy.rowsRemoved,
    ):
        signal.connect(fit)
    fit_number_columns(view)
    return view


def fit_number_columns(view: QTableView) -> None:
    """Make the count columns as wide as their widest text or title (the owners shown).

    The width ``ResizeToContents`` would give, computed from the rows' texts: that mode asks
    the model for every cell of every row (some ten roles each) whenever the view lays out,
    ten thousand calls into Python as the large unit's targets open.
    """
    proxy = view.model()
    assert isinstance(proxy, OwnerFilterProxy)
    owners = proxy.sourceModel()
    assert isinstance(owners, OwnerModel)
    rows = [owners.row(proxy.mapToSource(proxy.index(i, 0)).row()) for i in range(proxy.rowCount())]
    metrics = view.fontMetrics()
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    grid = 1 if view.showGrid() else 0
    header = view.horizontalHeader()
    for column in NUMBER_COLUMNS:
        text = owners.columns[column].text
        widest = max(
            (metrics.horizontalAdvance(value) for value in {text(row) for row in rows}), default=0
        )
        content = widest + 2 * margin + grid if rows else 0
        width = max(content, header.sectionSizeHint(column), header.minimumSectionSize())
        if header.sectionSize(column) != width:
            header.resizeSection(column, width)
