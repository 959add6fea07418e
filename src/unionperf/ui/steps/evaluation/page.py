"""Step 5, self-evaluation (绩效自评, product.md §2.5; scoring rules in domain.md §5).

On the left, the unit as a whole and every project with its score and grade; on the right, the
chosen owner's indicators with actual values, tiers, scores and explanations, its evaluation
texts, its evidence files, the year's score charts and the chair's sign-off. Scores come from
:mod:`unionperf.services.views.evaluation_view`; after an edit only the changed owner is
scored again.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.cycle import Step
from unionperf.domain.evaluation import Evaluation, IndicatorResult
from unionperf.domain.problems import Location, Section
from unionperf.domain.results import YearScore
from unionperf.domain.year import StageKind
from unionperf.services.views import evaluation_view as view
from unionperf.services.views.multi_year_view import cycle_view
from unionperf.ui.disclosure import write_disclosure_sheet
from unionperf.ui.steps.base import StepPage
from unionperf.ui.steps.evaluation import evidence_list
from unionperf.ui.steps.evaluation.charts_tab import ChartsTab
from unionperf.ui.steps.evaluation.evidence_list import EvidenceList
from unionperf.ui.steps.evaluation.funds_tab import FundsTab
from unionperf.ui.steps.evaluation.header import FUNDS_LINK, funds_text, guide_text, total_text
from unionperf.ui.steps.evaluation.indicator_models import IndicatorTableModel
from unionperf.ui.steps.evaluation.owner_models import OwnerTableModel, owner_name
from unionperf.ui.steps.evaluation.texts import (
    TEXT_FIELDS,
    CommitTextEdit,
    lay_out_texts,
    with_text,
)
from unionperf.ui.steps.evaluation.views import (
    fit_indicator_columns,
    indicator_table,
    table_view,
)
from unionperf.ui.steps.evaluation.working_pane import WorkingPane
from unionperf.ui.widgets.multi_year import MultiYearPanel, save_clear_out
from unionperf.ui.widgets.signoff_panel import SignoffPanel
from unionperf.ui.year_session import Area, YearSession

__all__ = ["STAGE", "EvaluationStep"]

STAGE = StageKind.SELF_EVALUATION.value
"""The stage this step files: its evidence and sign-offs."""
OWNER_PANE_WIDTH = 380
"""Initial width of the owner list (px): name, score, grade and rate visible at 1366×768."""


class EvaluationStep(StepPage):
    """Self-evaluation: actual values, scores, explanations, texts, evidence and sign-off."""

    step = Step.EVALUATION
    areas = frozenset({Area.EVALUATION, Area.TARGETS, Area.PROJECTS, Area.BUDGET, Area.SIGNOFFS})

    def __init__(self, session: YearSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._scores: YearScore | None = None
        self._seen: dict[str, Evaluation] = {}
        self._owner = ""
        """The owner shown on the right (a project uid or ``unit``; empty when none)."""
        self._shown_rows_of = ""
        self._text_owner = ""
        self._charts_stale = True
        self._evidence_stale = True
        self._build()

    # -- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self._build_owners()
        self._build_header()
        indicator_tab = self._build_indicators()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("evaluationTabs")
        self.tabs.setDocumentMode(True)
        self.indicator_page = indicator_tab
        self.texts_page = self._build_texts()
        self.funds_tab = FundsTab(self.session, self.text_boxes["execution_analysis"])
        self.funds_page = self.funds_tab
        self.funds_model = self.funds_tab.model
        self.funds_table = self.funds_tab.table
        self.charts_page = ChartsTab()
        self.score_chart = self.charts_page.score_chart
        self.grade_chart = self.charts_page.grade_chart
        self.tabs.addTab(indicator_tab, self.tr("Indicators"))
        self.tabs.addTab(self.funds_page, self.tr("Budget execution"))
        self.tabs.addTab(self.texts_page, self.tr("Overall results"))
        self.tabs.addTab(self._build_evidence(), self.tr("Evidence"))
        self.tabs.addTab(self.charts_page, self.tr("Charts of the year"))
        self.cycle_panel = MultiYearPanel()  # a multi-year project: its years side by side
        self.cycle_panel.clear_out_changed.connect(self._clear_out_changed)
        self.tabs.addTab(self.cycle_panel, self.tr("Whole period"))
        self.signoff = SignoffPanel(self.session, STAGE)
        self.tabs.addTab(self.signoff, self.tr("Sign-off"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.disclose_button = QPushButton(self.tr("Disclosure sheet…"))
        self.disclose_button.setObjectName("discloseButton")
        self.disclose_button.setToolTip(
            self.tr("The year on one page for the members' assembly and the notice board")
        )
        self.disclose_button.clicked.connect(lambda: write_disclosure_sheet(self, self.session))
        self.tabs.setCornerWidget(self.disclose_button, Qt.Corner.TopRightCorner)

        right = QWidget()
        detail = QVBoxLayout(right)
        detail.setContentsMargins(6, 0, 0, 0)
        detail.setSpacing(2)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.total)
        detail.addLayout(heading)
        detail.addWidget(self.funds)
        detail.addWidget(self.tabs, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("evaluationSplitter")
        self.splitter.addWidget(self.owner_view)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self._split_once = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def _build_owners(self) -> None:
        self.owners = OwnerTableModel(self)
        self.owner_view = table_view(self.owners, self.owners.columns, "evaluationOwners")
        self.owner_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.owner_view.selectionModel().currentRowChanged.connect(self._owner_picked)

    def _build_header(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("evaluationOwnerTitle")
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.total = QLabel()
        self.total.setObjectName("evaluationTotal")
        big = QFont(self.total.font())
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() * 1.6)
        self.total.setFont(big)
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.funds = QLabel()
        self.funds.setObjectName("evaluationFunds")
        self.funds.setWordWrap(True)
        self.funds.setTextFormat(Qt.TextFormat.RichText)
        self.funds.linkActivated.connect(self._link_activated)

    def _build_indicators(self) -> QWidget:
        self.indicators = IndicatorTableModel(self._commit_result, self)
        self.indicator_view = indicator_table(self.indicators)
        self.guide = QLabel()
        self.guide.setObjectName("evaluationGuide")
        self.guide.setWordWrap(True)
        self.guide.setStyleSheet("color: #555;")
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.guide)
        column.addWidget(self.indicator_view, 1)
        self.working = WorkingPane(self.indicator_view, self.indicators)
        column.addWidget(self.working)
        return page

    def _build_texts(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setVerticalSpacing(2)
        self.goal = QLabel()
        self.goal.setObjectName("evaluationGoal")
        self.goal.setWordWrap(True)
        self.goal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.goal.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text_boxes: dict[str, CommitTextEdit] = {}
        for field in TEXT_FIELDS:
            box = CommitTextEdit()
            box.setObjectName(f"evaluation_{field}")
            box.committed.connect(lambda text, name=field: self._commit_text(name, text))
            self.text_boxes[field] = box
        lay_out_texts(grid, self.goal, self.text_boxes)
        return page

    def _build_evidence(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(4, 4, 4, 4)
        hint = QLabel(
            self.tr(
                "Supporting evidence (scans, photos, sign-in sheets): drop files on the list or "
                "click “Attach files…”. Double-click a file to open it."
            )
        )
        hint.setWordWrap(True)
        self.evidence = EvidenceList()
        self.attach_button = QPushButton(self.tr("Attach files…"))
        self.attach_button.setObjectName("attachEvidence")
        self.attach_button.clicked.connect(self.attach_files)
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(self.attach_button)
        column.addLayout(row)
        column.addWidget(self.evidence, 1)
        return page

    # -- loading ---------------------------------------------------------------------------------

    def load(self) -> None:
        """Score the year once and show the owners, keeping the chosen owner when it is held."""
        data = self.session.data
        self.signoff.catch_up()
        self._charts_stale = self._evidence_stale = True
        if data is None:
            self._scores, self._seen = None, {}
            self.owners.set_rows(())
            self._show_owner("")
            return
        self._scores = view.year_scores(data)
        self._seen = view.evaluations_by_owner(data)
        keep = self._owner
        self._shown_rows_of = ""
        self.owners.set_rows(view.owner_rows(data, self._scores))
        number = self.owners.find(keep)
        self._select_owner_row(number if number >= 0 else 0)
        self._refresh_tab()

    def changed(self, area: str) -> None:
        """Results and texts: score the changed owners again; sign-offs: the panel; else reload."""
        if area == Area.EVALUATION and self._scores is not None:
            self._evaluation_changed()
        elif area == Area.SIGNOFFS:
            self.signoff.refresh()
        else:
            self.load()

    def _evaluation_changed(self) -> None:
        data = self.session.data
        if data is None or self._scores is None:
            self.load()
            return
        owners = view.changed_owners(self._seen, data)
        if not owners:
            return
        self._scores = view.rescore(data, self._scores, owners)
        self._seen = view.evaluations_by_owner(data)
        self.owners.update_rows(view.owner_rows(data, self._scores))
        if self._owner in owners:
            self._show_owner(self._owner)
        self._charts_stale = True
        self._refresh_tab()

    def _select_owner_row(self, number: int) -> None:
        if number < 0 or number >= self.owners.rowCount():
            self._show_owner("")
            return
        index = self.owners.index(number, 0)
        self.owner_view.setCurrentIndex(index)
        self.owner_view.scrollTo(index)
        # Selecting the row already shown emits nothing: show it anyway (rows were reset).
        if self._shown_rows_of != self.owners.row(number).owner_uid:
            self._show_owner(self.owners.row(number).owner_uid)

    def _owner_picked(
        self, current: QModelIndex | QPersistentModelIndex, _previous: object = None
    ) -> None:
        if current.isValid() and current.row() < self.owners.rowCount():
            self._show_owner(self.owners.row(current.row()).owner_uid)

    def _show_owner(self, owner_uid: str) -> None:
        """Show one owner's header, indicators, texts and (when visible) evidence."""
        data = self.session.data
        score = view.score_of(self._scores, owner_uid) if self._scores and owner_uid else None
        if data is None or score is None:
            self._owner = ""
            self._shown_rows_of = ""
            self.indicators.set_rows(())
            self.title.setText(
                self.tr("No year is open") if data is None else self.tr("Nothing to evaluate yet")
            )
            self.total.clear()
            self.funds.setText(
                self.tr("Set up the projects and their targets first (steps 2 and 3).")
                if data is not None
                else ""
            )
            self._load_texts("")
            self.funds_tab.show_owner("")
            self.working.set_owner(None)
            self.evidence.set_target(None, None, "", STAGE)
            self.evidence.clear()
            self.attach_button.setEnabled(False)
            return
        if owner_uid != self._owner:
            self._evidence_stale = True
        self._owner = owner_uid
        rows = view.indicator_rows(owner_uid, score)
        if owner_uid == self._shown_rows_of:
            self.indicators.update_rows(rows)
            self._size_columns()  # a row ticked not applicable shows the column of its reason
        else:
            self.indicators.set_rows(rows)
            self._shown_rows_of = owner_uid
            self._size_columns()
            self.indicator_view.horizontalScrollBar().setValue(0)  # from the names again
        number = self.owners.find(owner_uid)
        row = self.owners.row(number)
        self.working.set_owner(row)
        name = owner_name(row)
        self.title.setText(
            self.tr("{name} (below the exemption threshold: optional)").format(name=name)
            if row.exempt
            else name
        )
        self.title.setToolTip(name)
        total, colour = total_text(row)
        self.total.setText(total)
        self.total.setStyleSheet(f"color: {colour};")
        self.funds.setText(funds_text(row))
        self.guide.setText(guide_text(row, bool(rows)))
        self.total.setToolTip(row.total_working)
        self.funds.setToolTip(row.execution_working)
        self._load_texts(owner_uid)
        self.funds_tab.show_owner(owner_uid)
        self._show_cycle(owner_uid)
        self.evidence.set_target(self.session.workspace, self.session.year, owner_uid, STAGE)
        self.attach_button.setEnabled(True)
        self._refresh_tab()

    def _load_texts(self, owner_uid: str) -> None:
        data = self.session.data
        self._text_owner = owner_uid
        evaluation = data.evaluation_of(owner_uid) if data is not None and owner_uid else None
        targets = data.targets_of(owner_uid) if data is not None and owner_uid else None
        self.goal.setText(targets.annual_goal if targets is not None else "")
        for field, box in self.text_boxes.items():
            box.setEnabled(evaluation is not None)
            box.set_saved(getattr(evaluation, field) if evaluation is not None else "")

    def _size_columns(self) -> None:
        fit_indicator_columns(self.indicator_view, self.indicators)

    def _show_cycle(self, owner_uid: str) -> None:
        data = self.session.data
        shown = cycle_view(data, owner_uid) if data is not None and owner_uid else None
        self.cycle_panel.show_cycle(shown)
        self.tabs.setTabVisible(self.tabs.indexOf(self.cycle_panel), shown is not None)

    def _clear_out_changed(self, uid: str, flag: bool, reason: str) -> None:
        save_clear_out(self.session, uid, flag, reason)
        self._show_cycle(self._owner)

    # -- tabs ------------------------------------------------------------------------------------

    def _tab_changed(self, _index: int) -> None:
        self._refresh_tab()

    def _refresh_tab(self) -> None:
        """Draw the charts or read the evidence only when their tab is shown and stale."""
        current = self.tabs.currentWidget()
        data = self.session.data
        if current is self.charts_page and self._charts_stale and data and self._scores:
            self._charts_stale = False
            self.charts_page.show_charts(data, self._scores)
        elif current is self.evidence.parentWidget() and self._evidence_stale:
            self._evidence_stale = False
            self.evidence.refresh()

    # -- editing ---------------------------------------------------------------------------------

    def _commit_result(self, row: view.IndicatorRow, result: IndicatorResult, what: str) -> bool:
        """Save an indicator's new result through the session (undoable)."""
        owner, old = row.owner_uid, row.result
        text = self.tr("{field} of “{indicator}”").format(field=what, indicator=row.indicator.name)
        return self.session.change(
            text,
            lambda: self.session.save_result(owner, result),
            lambda: self.session.save_result(owner, old),
        )

    def _commit_text(self, field: str, text: str) -> None:
        """Save one evaluation text of the owner the texts were loaded for (undoable)."""
        data = self.session.data
        owner = self._text_owner
        if data is None or not owner:
            return
        old = data.evaluation_of(owner)
        new = with_text(old, field, text)
        if new == old:
            return
        labels = {
            "achieved_text": self.tr("What was achieved"),
            "execution_analysis": self.tr("Funds execution analysis"),
            "result_application": self.tr("Result application"),
        }
        saved = self.session.change(
            labels[field],
            lambda: self.session.save_evaluation_texts(new),
            lambda: self.session.save_evaluation_texts(old),
        )
        if not saved and owner == self._owner:
            self._load_texts(owner)

    def _link_activated(self, link: str) -> None:
        """The budget execution line's link opens the funds tab at the first line to type."""
        if link == FUNDS_LINK:
            self.tabs.setCurrentWidget(self.funds_page)
            self.funds_tab.select("")

    def attach_files(self) -> None:
        """Ask for files and attach them as evidence of the shown owner."""
        if not self._owner:
            return
        paths = evidence_list.choose_files(self)
        if paths:
            self.evidence.attach_files(paths)

    def showEvent(self, event: QShowEvent) -> None:
        """On first showing, give the owner list its width and the rest to the details."""
        super().showEvent(event)
        if not self._split_once and self.width() > OWNER_PANE_WIDTH:
            self._split_once = True
            layout = self.layout()
            if layout is not None:
                layout.activate()
            self.splitter.setSizes([OWNER_PANE_WIDTH, self.width() - OWNER_PANE_WIDTH])

    def hideEvent(self, event: QHideEvent) -> None:
        """Leaving the step commits a text being typed."""
        for box in self.text_boxes.values():
            if box.hasFocus():
                box.commit()
        super().hideEvent(event)

    # -- problems --------------------------------------------------------------------------------

    def show_location(self, location: Location) -> None:
        """Select the owner, then the indicator's cell or the evaluation text the problem names."""
        if location.section is not Section.EVALUATION or self.session.data is None:
            return
        if self._scores is None:
            self.load()
        owner = location.owner_uid or UNIT_OWNER
        number = self.owners.find(owner)
        if number < 0:
            return
        self._select_owner_row(number)
        field = location.field
        if field in self.text_boxes:
            box = self.text_boxes[field]
            self.tabs.setCurrentWidget(
                self.funds_page if self.funds_page.isAncestorOf(box) else self.texts_page
            )
            box.setFocus()
            return
        if field == "executed":
            self.tabs.setCurrentWidget(self.funds_page)
            self.funds_tab.select(location.item_uid)
            return
        self.tabs.setCurrentWidget(self.indicator_page)
        row = self.indicators.find(location.item_uid) if location.item_uid else -1
        if row < 0:
            self.owner_view.setFocus()
            return
        shown = self.indicators.row(row)
        if field == "actual" and shown.qualitative:
            field = "tier" if shown.result.tier is None else "score"
        column = self.indicators.field_columns.get(field, 2)
        index = self.indicators.index(row, column)
        self.indicator_view.setCurrentIndex(index)
        self.indicator_view.scrollTo(index)
        self.indicator_view.setFocus()
