"""Step 4, 运行监控: each project's execution and indicator progress at a monitoring point.

The page shows one monitoring point at a time (picked above the tables, or added with a date):
the first tab lists every project and the unit as a whole with budget, executed amount, rate
against time progress, deviation flag, warning light, the 暂缓/停止 flag and the explanations;
the second tab shows the selected project's indicators with their progress, expected value,
warning, reason, likelihood and measure; the third its execution chart (product.md §2 step 4);
the fourth the revenue arrived by the point per revenue category, with its chart (seed §二.9,
``arrival_tab.py``); the fifth the point's sign-off (preparer, chair, audit chair), whose tab
says whether the chair has signed. The project picker beside the tabs follows the row selected
in the first tab, and back.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.cycle import Step
from unionperf.domain.monitoring import MonitoringPoint, time_progress
from unionperf.domain.problems import Location
from unionperf.domain.revenue import REVENUE_ITEM
from unionperf.domain.settings import SignoffRole
from unionperf.services.common.errors import ServiceError
from unionperf.services.views.monitoring_view import (
    new_point,
    owner_lines,
    point_of,
    progress_lines,
    split_item,
)
from unionperf.ui import messages
from unionperf.ui.steps.base import StepPage
from unionperf.ui.steps.monitoring.arrival_tab import ArrivalTab
from unionperf.ui.steps.monitoring.edits import MonitoringEdits
from unionperf.ui.steps.monitoring.funds_models import OWNER_FIELDS, OwnerColumn, OwnerModel
from unionperf.ui.steps.monitoring.progress_models import (
    PROGRESS_FIELDS,
    IndicatorColumn,
    ProgressModel,
)
from unionperf.ui.widgets.charts import ExecutionChart
from unionperf.ui.widgets.column_width import column_width
from unionperf.ui.widgets.delegates import ColumnDelegate
from unionperf.ui.widgets.formatting import percent
from unionperf.ui.widgets.signoff_panel import SignoffPanel
from unionperf.ui.widgets.table_model import RowTableModel
from unionperf.ui.year_session import Area, YearSession

__all__ = ["MonitoringStep"]

FUNDS_TAB = 0
INDICATORS_TAB = 1
CHART_TAB = 2
ARRIVAL_TAB = 3
SIGNOFF_TAB = 4
ROW_HEIGHT_LINES = 1.6
"""Row height in text lines: a single line of text with room for an editor."""


class MonitoringStep(StepPage):
    """The monitoring step: a point selector over the owners' and the indicators' tables."""

    step = Step.MONITORING
    areas = frozenset({Area.MONITORING, Area.PROJECTS, Area.TARGETS, Area.BUDGET, Area.SIGNOFFS})

    def __init__(self, session: YearSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.edits = MonitoringEdits(session)
        self.point_uid = ""
        """The monitoring point shown."""
        self.owner_uid = ""
        """The project (or ``unit``) whose indicators are shown."""
        self._indicators_stale = True
        self._build_bar()
        self._build_tables()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Monitoring point:")))
        bar.addWidget(self.points)
        bar.addWidget(self.time_label)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("New point on:")))
        bar.addWidget(self.new_cutoff)
        bar.addWidget(self.add_point_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.hint)
        layout.addWidget(self.tabs, 1)

    # -- building ------------------------------------------------------------------------------

    def _build_bar(self) -> None:
        self.points = QComboBox()
        self.points.setObjectName("monitoringPoints")
        self.points.setMinimumContentsLength(16)
        # Grow with the point names: one added after the page was first shown must fit too.
        self.points.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.points.setToolTip(self.tr("The monitoring point whose figures are shown"))
        self.points.currentIndexChanged.connect(self._point_picked)
        self.new_cutoff = QDateEdit()
        self.new_cutoff.setObjectName("newCutoff")
        self.new_cutoff.setCalendarPopup(True)
        self.new_cutoff.setDisplayFormat("yyyy-MM-dd")
        self.new_cutoff.setToolTip(self.tr("Cut-off date of a new monitoring point"))
        self.add_point_button = QPushButton(self.tr("Add point"))
        self.add_point_button.setObjectName("addPoint")
        self.add_point_button.setToolTip(
            self.tr("Add a monitoring point with the cut-off date on the left")
        )
        self.add_point_button.clicked.connect(self.add_point)
        self.time_label = QLabel()
        self.time_label.setObjectName("timeProgress")
        self.hint = QLabel()
        self.hint.setObjectName("monitoringHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")

    def _build_tables(self) -> None:
        self.owner_model = OwnerModel(self.edits, self)
        self.owner_table = self._table("ownerTable", self.owner_model)
        self.owner_table.selectionModel().currentRowChanged.connect(self._owner_row_changed)
        self.owner_table.doubleClicked.connect(self._owner_double_clicked)

        self.owner_picker = QComboBox()
        self.owner_picker.setObjectName("ownerPicker")
        self.owner_picker.setModel(self.owner_model)
        self.owner_picker.setModelColumn(OwnerColumn.NAME)
        self.owner_picker.setMinimumContentsLength(24)
        self.owner_picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.owner_picker.currentIndexChanged.connect(self._owner_picked)
        self.progress_model = ProgressModel(self.edits, self)
        self.progress_table = self._table("progressTable", self.progress_model)
        self.chart = ExecutionChart()
        self.chart.setObjectName("executionChart")

        self.tabs = QTabWidget()
        self.tabs.setObjectName("monitoringTabs")
        self.tabs.addTab(self.owner_table, self.tr("Funds and warnings"))
        self.tabs.addTab(self.progress_table, self.tr("Indicators"))
        self.tabs.addTab(self.chart, self.tr("Execution chart"))
        self.arrivals = ArrivalTab(self.edits, self._table)
        self.tabs.addTab(self.arrivals, self.tr("Revenue arrival"))
        self.signoff = SignoffPanel(self.session, "")
        self.signoff.setObjectName("monitoringSignoff")
        signoff_tab = QWidget()
        signoff_column = QVBoxLayout(signoff_tab)
        signoff_column.setContentsMargins(4, 4, 4, 4)
        signoff_column.addWidget(self.signoff)
        signoff_column.addStretch(1)
        self.tabs.addTab(signoff_tab, self.tr("Sign-off"))
        self.tabs.setCornerWidget(self._owner_corner(), Qt.Corner.TopRightCorner)
        self.tabs.currentChanged.connect(self._tab_changed)

    def _table(self, name: str, model: RowTableModel[Any]) -> QTableView:
        table = QTableView()
        table.setObjectName(name)
        table.setModel(model)
        table.setItemDelegate(ColumnDelegate(table))  # one per view: editors belong to it
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        rows = table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(int(self.fontMetrics().height() * ROW_HEIGHT_LINES))
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        character = self.fontMetrics().horizontalAdvance("中")
        for column, spec in enumerate(model.columns):
            if spec.width_chars:
                width = column_width(header, spec.title, spec.width_chars, character)
                table.setColumnWidth(column, width)
        return table

    def _owner_corner(self) -> QWidget:
        corner = QWidget()
        row = QHBoxLayout(corner)
        row.setContentsMargins(0, 0, 0, 2)
        row.addWidget(QLabel(self.tr("Project:")))
        row.addWidget(self.owner_picker)
        return corner

    # -- filling -------------------------------------------------------------------------------

    def load(self) -> None:
        """Fill the point list and both tables from the year in memory."""
        data = self.session.data
        has_year = data is not None
        for widget in (self.points, self.new_cutoff, self.add_point_button, self.tabs):
            widget.setEnabled(has_year)
        self._fill_points()
        if data is not None:
            self._suggest_cutoff()
        self._show_point()

    def changed(self, area: str) -> None:
        """Refresh in place after an edit: the points if they changed, then the rows."""
        data = self.session.data
        if data is None:
            self.load()
            return
        if area == Area.SIGNOFFS:
            self._show_signoff_state()
            return
        shown = [self.points.itemData(index) for index in range(self.points.count())]
        if shown != [point.uid for point in data.points]:
            self._fill_points()
            self._suggest_cutoff()
            self._show_point()
            return
        with QSignalBlocker(self.owner_picker):
            self.owner_model.update_rows(owner_lines(data, self.point_uid))
        self._restore_owner()
        self._update_indicators()

    def _fill_points(self) -> None:
        data = self.session.data
        points = list(data.points) if data is not None else []
        if not any(point.uid == self.point_uid for point in points):
            self.point_uid = self._default_point(points)
        with QSignalBlocker(self.points):
            self.points.clear()
            for point in points:
                self.points.addItem(self._point_caption(point), point.uid)
            self.points.setCurrentIndex(self.points.findData(self.point_uid))

    def _default_point(self, points: list[MonitoringPoint]) -> str:
        """The latest point with figures entered, else the first point."""
        data = self.session.data
        if data is None or not points:
            return ""
        entered = {entry.point_uid for entry in data.monitoring if entry.executed is not None}
        with_figures = [point for point in points if point.uid in entered]
        return (with_figures[-1] if with_figures else points[0]).uid

    def _point_caption(self, point: MonitoringPoint) -> str:
        months = point.label or self.tr("Months 1–{month}").format(month=point.cutoff.month)
        return self.tr("{months} (to {date})").format(months=months, date=point.cutoff.isoformat())

    def _suggest_cutoff(self) -> None:
        """Offer the first configured cut-off after the last point (else 31 December)."""
        data = self.session.data
        if data is None:
            return
        last = max((point.cutoff for point in data.points), default=None)
        later = [day for day in data.settings.cutoff_dates(data.year) if last is None or day > last]
        day = later[0] if later else date(data.year, 12, 31)
        self.new_cutoff.setDate(QDate(day.year, day.month, day.day))

    def _show_point(self) -> None:
        """Rebuild the tables for the point shown (models only: no per-cell widgets)."""
        data = self.session.data
        point = point_of(data, self.point_uid) if data is not None else None
        self.signoff.setEnabled(point is not None)
        self.signoff.set_stage(point.stage if point is not None else "", lazy=True)
        self._show_signoff_state()
        if data is None or point is None:
            with QSignalBlocker(self.owner_picker):
                self.owner_model.set_rows([])
            self.progress_model.set_rows([])
            self.arrivals.show_point(None, None)
            self.time_label.clear()
            self.hint.setText(self._empty_hint())
            return
        self.time_label.setText(
            self.tr("Time progress {progress}").format(
                progress=percent(time_progress(point.cutoff))
            )
        )
        self.hint.setText(self._hint())
        with QSignalBlocker(self.owner_picker):
            self.owner_model.set_rows(owner_lines(data, point.uid))
        self._restore_owner()
        self._indicators_stale = True
        self._update_indicators()

    def _show_signoff_state(self) -> None:
        """The sign-off tab says whether the chair has signed the point shown."""
        data = self.session.data
        point = point_of(data, self.point_uid) if data is not None else None
        if data is None or point is None:
            text = self.tr("Sign-off")
        elif SignoffRole.CHAIR in data.signoffs_for(point.stage):
            text = self.tr("Sign-off (signed)")
        else:
            text = self.tr("Sign-off (not signed)")
        self.tabs.setTabText(SIGNOFF_TAB, text)

    def _hint(self) -> str:
        if self.tabs.currentIndex() == ARRIVAL_TAB:
            return self.arrivals.hint()
        return self.tr(
            "Enter each project's cumulative executed amount to the cut-off (double-click a "
            "cell); explain a lag, then on the Indicators tab enter each indicator's progress "
            "and explain red and yellow warnings. Every edit is saved at once (Ctrl+Z undoes)."
        )

    def _empty_hint(self) -> str:
        if self.session.data is None:
            return self.tr("Open or start a year first.")
        return self.tr(
            "This year has no monitoring point yet: pick a cut-off date at the top right and "
            "click “Add point”."
        )

    def _restore_owner(self) -> None:
        """Keep the selected project selected (the first row when it is gone)."""
        row = self.owner_model.row_of(self.owner_uid)
        if row < 0 and self.owner_model.rowCount():
            row = 0
            self.owner_uid = self.owner_model.row(0).owner_uid
            self._indicators_stale = True
        if row < 0:
            return
        with QSignalBlocker(self.owner_picker):
            self.owner_picker.setCurrentIndex(row)
        current = self.owner_table.currentIndex()
        if current.row() != row:
            column = max(current.column(), 0)
            self.owner_table.selectionModel().setCurrentIndex(
                self.owner_model.index(row, column),
                QItemSelectionModel.SelectionFlag.ClearAndSelect,
            )

    def _update_indicators(self) -> None:
        """Show the selected project's indicators or chart, or the point's revenue arrival.

        Only the tab shown is drawn; the project picker hides on the arrival tab.
        """
        data = self.session.data
        shown = self.tabs.currentIndex()
        corner = self.tabs.cornerWidget(Qt.Corner.TopRightCorner)
        if corner is not None:
            corner.setVisible(shown != ARRIVAL_TAB)
        if shown == ARRIVAL_TAB:
            point = point_of(data, self.point_uid) if data is not None else None
            self.arrivals.show_point(data, point)
            return
        if shown == CHART_TAB and data is not None and self.owner_uid:
            self.chart.show_owner(data, self.owner_uid)
            return
        if shown != INDICATORS_TAB:
            return
        lines = (
            progress_lines(data, self.point_uid, self.owner_uid)
            if data is not None and self.owner_uid
            else []
        )
        if self._indicators_stale:
            self.progress_model.set_rows(lines)
        else:
            self.progress_model.update_rows(lines)
        self._indicators_stale = False

    # -- user actions --------------------------------------------------------------------------

    def _point_picked(self, index: int) -> None:
        uid = self.points.itemData(index)
        if isinstance(uid, str) and uid != self.point_uid:
            self.point_uid = uid
            self._show_point()

    def _owner_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._select_owner(self.owner_model.row(current.row()).owner_uid)
            with QSignalBlocker(self.owner_picker):
                self.owner_picker.setCurrentIndex(current.row())

    def _owner_picked(self, index: int) -> None:
        if 0 <= index < self.owner_model.rowCount():
            self._select_owner(self.owner_model.row(index).owner_uid)
            self._restore_owner()

    def _owner_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() == OwnerColumn.NAME:
            self.tabs.setCurrentIndex(INDICATORS_TAB)

    def _select_owner(self, owner_uid: str) -> None:
        if owner_uid == self.owner_uid:
            return
        self.owner_uid = owner_uid
        self._indicators_stale = True
        self._update_indicators()

    def _tab_changed(self, _index: int) -> None:
        data = self.session.data
        if data is not None and point_of(data, self.point_uid) is not None:
            self.hint.setText(self._hint())
        self._update_indicators()

    def add_point(self) -> None:
        """Add a monitoring point on the date picked (it must lie in the year)."""
        data = self.session.data
        if data is None:
            return
        picked = self.new_cutoff.date()
        cutoff = date(picked.year(), picked.month(), picked.day())
        try:
            point = new_point(data, cutoff)
        except ServiceError as error:
            messages.show_error(self, self.tr("Cannot add the monitoring point"), error)
            return
        previous = self.point_uid
        self.point_uid = point.uid
        if not self.edits.add_point(point):
            self.point_uid = previous

    # -- problems ------------------------------------------------------------------------------

    def show_location(self, location: Location) -> None:
        """Select the point, the project row and the field a monitoring problem names."""
        data = self.session.data
        if data is None:
            return
        point_uid, indicator_uid = split_item(location.item_uid)
        if point_of(data, point_uid) is None:
            point_uid, indicator_uid = self.point_uid, location.item_uid
        if point_uid != self.point_uid:
            index = self.points.findData(point_uid)
            if index >= 0:
                self.points.setCurrentIndex(index)
        if indicator_uid.startswith(REVENUE_ITEM):
            self.tabs.setCurrentIndex(ARRIVAL_TAB)
            cell = self.arrivals.cell(indicator_uid.removeprefix(REVENUE_ITEM), location.field)
            if cell.isValid():
                self._focus(self.arrivals.table, cell)
            return
        owner = location.owner_uid or UNIT_OWNER
        self._select_owner(owner)
        self._restore_owner()
        if indicator_uid:
            self.tabs.setCurrentIndex(INDICATORS_TAB)
            self._update_indicators()
            row = self.progress_model.row_of(indicator_uid)
            if row >= 0:
                column = PROGRESS_FIELDS.get(location.field, IndicatorColumn.NAME)
                if column == IndicatorColumn.ACTUAL and self.progress_model.row(row).qualitative:
                    column = IndicatorColumn.TIER
                self._focus(self.progress_table, self.progress_model.index(row, column))
                return
        self.tabs.setCurrentIndex(FUNDS_TAB)
        row = self.owner_model.row_of(owner)
        if row >= 0:
            column = OWNER_FIELDS.get(location.field, OwnerColumn.NAME)
            self._focus(self.owner_table, self.owner_model.index(row, column))

    def _focus(self, table: QTableView, index: QModelIndex) -> None:
        table.setCurrentIndex(index)
        table.scrollTo(index)
        table.setFocus(Qt.FocusReason.OtherFocusReason)
