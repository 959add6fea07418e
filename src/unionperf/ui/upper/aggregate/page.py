"""汇总: the year's stage across the units — totals, distributions, ranking — and Excel.

For the stage chosen in the toolbar, the current packages of every unit (or a chosen group, or
only those approved) are summed by ``services.upper.aggregate``: revenue and expenditure by
category, projects by category and by attribute, the units' execution-rate and grade bands (as
charts too), the ranking by score, where the upper level's re-score stands in for the unit's
own, and the multi-year projects (清理退出 proposals first). Every table exports to Excel on its
own; the whole workbook exports at once; the 考核结果通报 (``services.upper.notice``) is written
as PDF and workbook off the GUI thread.

The page opens on the cheap part (counts, score statistics, revenue and expenditure:
``aggregate_summary``); the projects, the distributions, the ranking and the multi-year projects
are filled when their tab is first shown, so the page of 3,000 units opens in well under 200 ms
(bench_upper_window).

The pickers (``dialogs.py``) are imported by name, so tests replace them in this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.aggregation import rank
from unionperf.domain.year import StageKind
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.progress import Cancelled, Progress
from unionperf.services.upper.aggregate import (
    Aggregate,
    AggregateSummary,
    aggregate_summary,
    complete,
    distributions,
    multi_year_lines,
    project_tables,
    rank_entries,
)
from unionperf.services.upper.aggregate_assessment import assessment_counts
from unionperf.services.upper.aggregate_export import export_aggregate_table
from unionperf.services.upper.register import units
from unionperf.services.upper.rescore import upper_scores
from unionperf.services.upper.tables import export_aggregate
from unionperf.ui import messages
from unionperf.ui.jobs import Job, run_with_progress
from unionperf.ui.upper.aggregate.assessment_model import AssessmentModel
from unionperf.ui.upper.aggregate.charts import BucketChart
from unionperf.ui.upper.aggregate.dialogs import (
    choose_group,
    choose_notice_folder,
    choose_table_target,
)
from unionperf.ui.upper.aggregate.models import (
    BucketModel,
    CategoryModel,
    ProjectModel,
    RankingModel,
)
from unionperf.ui.upper.aggregate.multi_year_model import MultiYearModel
from unionperf.ui.upper.base import UpperPage, fit_columns, intro_label, read_only_table
from unionperf.ui.upper.board.models import score_text
from unionperf.ui.upper.context import Area, UpperContext
from unionperf.ui.upper.review.extra_tabs import open_file
from unionperf.ui.widgets.table_model import RowTableModel

__all__ = ["AggregatePage"]

EXCEL_FILTER = "Excel (*.xlsx)"
REVENUE, EXPENDITURE = "收入", "支出"
BY_CATEGORY, BY_ATTRIBUTE = "项目（按支出类别）", "项目（按项目属性）"
EXECUTION, GRADES, RANKING = "执行率分布", "等级分布", "排名"
MULTI_YEAR = "多年期项目"
ASSESSMENTS = "事前绩效评估"
"""The titles of the service's tables (and of their sheets), by which one is exported."""


class AggregatePage(UpperPage):
    """汇总 of the stage chosen in the toolbar."""

    areas = frozenset({Area.RECEIVED, Area.DECISIONS, Area.SELECTION, Area.REGISTER})

    def __init__(self, context: UpperContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.opened: AggregateSummary | None = None
        """What the page shows on opening: counts, scores, revenue and expenditure."""
        self._result: Aggregate | None = None
        self._filled: set[int] = set()
        """The tabs whose tables are filled for :attr:`opened` (the others wait to be shown)."""
        self.group: frozenset[str] | None = None
        """The units chosen (``None``: every unit)."""
        self.job: Job | None = None
        self.notice: tuple[Path, Path] | None = None
        controls = self._controls()
        self.tables: dict[str, tuple[RowTableModel[Any], QTableView]] = {}
        self.tabs = QTabWidget()
        self.tabs.setObjectName("aggregateTabs")
        self.tabs.addTab(
            self._pair(REVENUE, CategoryModel(self), EXPENDITURE, CategoryModel(self), 1),
            self.tr("Revenue and expenditure"),
        )
        self.projects = self._pair(
            BY_CATEGORY, ProjectModel(self), BY_ATTRIBUTE, ProjectModel(self), 0
        )
        self.tabs.addTab(self.projects, self.tr("Projects"))
        self.distributions = self._distributions()
        self._charts_drawn = False
        self.tabs.addTab(self.distributions, self.tr("Execution and grades"))
        self.ranking = self._box(RANKING, RankingModel(self), stretch=1)
        self.tabs.addTab(self.ranking, self.tr("Ranking"))
        self.multi_year = self._box(MULTI_YEAR, MultiYearModel(self), stretch=9)
        self.tabs.addTab(self.multi_year, self.tr("Multi-year projects"))
        self.assessments = self._box(ASSESSMENTS, AssessmentModel(self), stretch=0)
        self.tabs.addTab(self.assessments, self.tr("Ex-ante assessments"))
        self.tabs.setTabVisible(self.tabs.indexOf(self.assessments), False)
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.addWidget(
            intro_label(
                self.tr(
                    "The stage chosen above, summed across the units' current packages "
                    "(amounts in yuan). The ranking uses this union's re-score where there is "
                    "one. Each table exports to Excel on its own."
                )
            )
        )
        layout.addLayout(controls)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    def _controls(self) -> QHBoxLayout:
        """The row above the tabs: approved only, the group, the exports and the notice."""
        self.approved_only = QCheckBox(self.tr("Only units whose stage was approved"))
        self.approved_only.setObjectName("approvedOnly")
        self.approved_only.toggled.connect(lambda _on: self.load())
        self.group_label = QLabel()
        self.group_label.setObjectName("groupLabel")
        self.group_button = QPushButton(self.tr("Choose units…"))
        self.group_button.setObjectName("chooseGroup")
        self.group_button.clicked.connect(self.choose_units)
        self.all_button = QPushButton(self.tr("All units"))
        self.all_button.setObjectName("allUnits")
        self.all_button.clicked.connect(self.all_units)
        self.export_button = QPushButton(self.tr("Export every table…"))
        self.export_button.setObjectName("exportAggregate")
        self.export_button.clicked.connect(self.export_all)
        self.notice_button = QPushButton(self.tr("Assessment notice…"))
        self.notice_button.setObjectName("writeNotice")
        self.notice_button.setToolTip(
            self.tr("The ranking and grades as a notice to print and send: PDF and Excel")
        )
        self.notice_button.clicked.connect(self.write_notice)
        self.summary = QLabel()
        self.summary.setObjectName("aggregateSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold;")
        controls = QHBoxLayout()
        controls.addWidget(self.approved_only)
        controls.addSpacing(16)
        controls.addWidget(QLabel(self.tr("Group:")))
        controls.addWidget(self.group_label)
        controls.addWidget(self.group_button)
        controls.addWidget(self.all_button)
        controls.addStretch(1)
        controls.addWidget(self.export_button)
        controls.addWidget(self.notice_button)
        return controls

    # -- building ------------------------------------------------------------------------------

    def _box(self, title: str, model: RowTableModel[Any], stretch: int = 0) -> QGroupBox:
        box = QGroupBox(_title(title))
        table = read_only_table(model, f"table-{title}")
        fit_columns(table, model.columns, stretch=stretch)
        button = QPushButton(self.tr("Export this table…"))
        button.setObjectName(f"export-{title}")
        button.clicked.connect(lambda: self.export_table(title))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(table, 1)
        self.tables[title] = (model, table)
        return box

    def _pair(
        self,
        first: str,
        first_model: RowTableModel[Any],
        second: str,
        second_model: RowTableModel[Any],
        stretch: int,
    ) -> QSplitter:
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._box(first, first_model, stretch=stretch))
        splitter.addWidget(self._box(second, second_model, stretch=stretch))
        return splitter

    def _distributions(self) -> QWidget:
        self.execution_chart = BucketChart()
        self.execution_chart.setObjectName("executionBands")
        self.grade_chart = BucketChart()
        self.grade_chart.setObjectName("gradeBands")
        widget = QWidget()
        layout = QHBoxLayout(widget)
        for chart, title in ((self.execution_chart, EXECUTION), (self.grade_chart, GRADES)):
            column = QVBoxLayout()
            column.addWidget(chart, 3)
            column.addWidget(self._box(title, BucketModel(self), stretch=0), 2)
            layout.addLayout(column, 1)
        return widget

    # -- showing -------------------------------------------------------------------------------

    def load(self) -> None:
        """Sum the stage chosen for the group chosen; the other tabs fill when shown."""
        context = self.context
        self._result = None
        self._filled = set()
        self._charts_drawn = False
        try:
            rescored = upper_scores(self.workspace, context.year)
            self.opened = aggregate_summary(
                self.workspace,
                context.year,
                context.stage,
                units=self.group,
                approved_only=self.approved_only.isChecked(),
                upper_scores=rescored,
                today=context.today(),
            )
        except ServiceError as error:
            self.opened = None
            self.summary.setText(str(error))
            self._show(None)
            return
        self._show(self.opened)

    @property
    def result(self) -> Aggregate | None:
        """The whole aggregation shown (read in full the first time it is asked for)."""
        if self._result is None and self.opened is not None:
            projects = None
            if self.tabs.indexOf(self.projects) in self._filled:
                projects = (
                    list(self.tables[BY_CATEGORY][0].rows()),
                    list(self.tables[BY_ATTRIBUTE][0].rows()),
                )
            multi_year = None
            if self.tabs.indexOf(self.multi_year) in self._filled:
                multi_year = list(self.tables[MULTI_YEAR][0].rows())
            self._result = complete(self.workspace, self.opened, projects, multi_year)
        return self._result

    def _show(self, opened: AggregateSummary | None) -> None:
        self.group_label.setText(
            self.tr("every unit")
            if self.group is None
            else self.tr("{count} units chosen").format(count=len(self.group))
        )
        self.all_button.setEnabled(self.group is not None)
        self.export_button.setEnabled(opened is not None)
        self.notice_button.setEnabled(opened is not None)
        for model, _table in self.tables.values():
            model.set_rows([])
        targets = opened is not None and opened.stage == StageKind.TARGETS.value
        self.tabs.setTabVisible(self.tabs.indexOf(self.assessments), targets)
        if opened is None:
            return
        scores = opened.scores
        text = self.tr("{year} {stage}: {included} of {expected} units counted{only}.").format(
            year=opened.year,
            stage=opened.stage_label,
            included=opened.units_included,
            expected=opened.units_expected,
            only=self.tr(" (approved only)") if opened.approved_only else "",
        )
        if scores.count:
            text += self.tr(
                " Scores of {count} units: mean {mean}, median {median}, "
                "lowest {low}, highest {high}."
            ).format(
                count=scores.count,
                mean=score_text(scores.mean),
                median=score_text(scores.median),
                low=score_text(scores.lowest),
                high=score_text(scores.highest),
            )
        if not opened.units_included:
            text += self.tr(
                " Nothing to sum yet: no unit's package of this stage is counted. Receive the "
                "packages under “2. Receive”, or choose another year or stage above."
            )
            self.export_button.setEnabled(False)
            self.notice_button.setEnabled(False)
        self.summary.setText(text)
        self.tables[REVENUE][0].set_rows(list(opened.revenue))
        self.tables[EXPENDITURE][0].set_rows(list(opened.expenditure))
        self._filled.add(0)
        self._fill(self.tabs.currentIndex())

    def _fill(self, index: int) -> None:
        """Fill the tables of a tab for the aggregation shown, the first time it is shown."""
        opened = self.opened
        if opened is None or index in self._filled:
            return
        self._filled.add(index)
        widget = self.tabs.widget(index)
        if widget is self.projects:
            by_category, by_attribute = project_tables(self.workspace, opened)
            self.tables[BY_CATEGORY][0].set_rows(by_category)
            self.tables[BY_ATTRIBUTE][0].set_rows(by_attribute)
        elif widget is self.distributions:
            execution, grades = distributions(opened)
            self.tables[EXECUTION][0].set_rows(execution)
            self.tables[GRADES][0].set_rows(grades)
            self._draw_charts()
        elif widget is self.ranking:
            rows = self._result.ranking if self._result is not None else rank(rank_entries(opened))
            self.tables[RANKING][0].set_rows(list(rows))
        elif widget is self.multi_year:
            lines = (
                self._result.multi_year
                if self._result is not None
                else multi_year_lines(self.workspace, opened)
            )
            self.tables[MULTI_YEAR][0].set_rows(list(lines))
        elif widget is self.assessments:
            try:
                counts = (
                    self._result.assessments
                    if self._result is not None
                    else assessment_counts(
                        self.workspace, opened.year, opened.stage, opened.included
                    )
                )
            except ServiceError as error:
                self.say(str(error))
                return
            self.tables[ASSESSMENTS][0].set_rows(list(counts))

    def _draw_charts(self) -> None:
        """Draw the two charts (when their tab is shown: QtCharts is slow to build)."""
        if self._charts_drawn:
            return
        self._charts_drawn = True
        execution = list(self.tables[EXECUTION][0].rows())
        self.execution_chart.setVisible(bool(execution))
        if execution:
            self.execution_chart.show_buckets(
                self.tr("Units by execution rate"), self.tr("Units"), execution
            )
        grades = list(self.tables[GRADES][0].rows())
        self.grade_chart.show_buckets(self.tr("Units by grade"), self.tr("Units"), grades)

    def _tab_shown(self, index: int) -> None:
        self._fill(index)

    # -- the group -----------------------------------------------------------------------------

    def choose_units(self) -> None:
        """Choose the units to aggregate."""
        try:
            held = units(self.workspace)
        except ServiceError as error:
            messages.show_error(self, self.tr("Cannot read the register"), error)
            return
        chosen = choose_group(self, held, self.group)
        if chosen is None:
            return
        if not chosen:
            messages.show_info(
                self, self.tr("No unit chosen"), self.tr("Tick at least one unit to aggregate.")
            )
            return
        self.group = None if chosen == {unit.code for unit in held} else chosen
        self.load()

    def all_units(self) -> None:
        """Aggregate every unit again."""
        self.group = None
        self.load()

    # -- export --------------------------------------------------------------------------------

    def _file_name(self, what: str) -> str:
        result = self.result
        assert result is not None
        return self.tr("{what} {year} {stage}.xlsx").format(
            what=what, year=result.year, stage=result.stage_label
        )

    def export_all(self) -> Path | None:
        """Write every table of the aggregation into one workbook."""
        if self.result is None:
            return None
        path = choose_table_target(self, self._file_name(self.tr("aggregation")))
        if path is None:
            return None
        try:
            written = export_aggregate(self.result, path)
        except ServiceError as error:
            messages.show_error(self, self.tr("The aggregation was not exported"), error)
            return None
        self.say(self.tr("Aggregation written to {path}").format(path=written))
        return written

    def write_notice(self) -> Job | None:
        """Write the 考核结果通报 (PDF and workbook) into a folder, off the GUI thread."""
        result = self.result
        if result is None or self.job is not None:
            return None
        folder = choose_notice_folder(self)
        if folder is None:
            return None
        workspace = self.workspace

        def call(_progress: Progress) -> object:
            from unionperf.services.upper.notice import write_notice  # noqa: PLC0415 - reportlab

            return write_notice(workspace, result, folder)

        def done(written: object) -> None:
            self.job = None
            if not isinstance(written, tuple):
                return
            self.notice = written
            self.say(self.tr("Assessment notice written to {path}").format(path=written[0]))
            open_file(written[0])

        def failed(error: BaseException) -> None:
            self.job = None
            if not isinstance(error, Cancelled):
                messages.show_error(self, self.tr("The assessment notice was not written"), error)

        self.job = run_with_progress(
            self, self.tr("Writing the assessment notice…"), call, done, failed
        )
        return self.job

    def export_table(self, title: str) -> Path | None:
        """Write one table (收入, 支出, …, 排名) as its own workbook."""
        if self.result is None:
            return None
        path = choose_table_target(self, self._file_name(_title(title)))
        if path is None:
            return None
        try:
            written = export_aggregate_table(self.result, title, path)
        except ServiceError as error:
            messages.show_error(self, self.tr("The table was not exported"), error)
            return None
        self.say(self.tr("Table written to {path}").format(path=written))
        return written


def _title(title: str) -> str:
    """The service's table title as the page shows it (translated where it differs)."""
    names = {
        REVENUE: QCoreApplication.translate("AggregatePage", "Revenue by category"),
        EXPENDITURE: QCoreApplication.translate("AggregatePage", "Expenditure by category"),
        BY_CATEGORY: QCoreApplication.translate("AggregatePage", "Projects by category"),
        BY_ATTRIBUTE: QCoreApplication.translate("AggregatePage", "Projects by attribute"),
        EXECUTION: QCoreApplication.translate("AggregatePage", "Execution-rate bands"),
        GRADES: QCoreApplication.translate("AggregatePage", "Grade bands"),
        RANKING: QCoreApplication.translate("AggregatePage", "Ranking"),
        MULTI_YEAR: QCoreApplication.translate(
            "AggregatePage", "Multi-year projects (clear-outs proposed first)"
        ),
    }
    return names.get(title, title)
