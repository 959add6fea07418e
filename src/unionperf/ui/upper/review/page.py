"""审核: a received unit's stage read-only; opinions on items, 通过/退回, re-scores, history.

On the left, the units that sent the stage chosen in the toolbar. On the right, the unit's
current package item by item (``services.upper.review``): the stage, budget lines, the unit as a
whole and each project with their indicators, each with its light at a monitoring point, its
scores and how they came about at the self-evaluation. An opinion is attached by selecting an
item and writing it; the decision — 通过, or 退回 with the reason required — and the opinions
go into the signed feedback package, written off the GUI thread to a chosen folder. An
indicator of a self-evaluation can be re-scored with a reason (both scores kept). The targets
tab shows the unit's indicator tree as the unit's own targets page does, the files tab its forms
and evidence, the history tab every decision sent to the unit.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSignalBlocker, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from unionperf.domain.board import BoardStatus
from unionperf.domain.feedback import Decision
from unionperf.domain.item_paths import ItemKind
from unionperf.domain.year import StageKind
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.progress import Cancelled, Progress
from unionperf.services.common.signing import WrongPassphraseError
from unionperf.services.upper.decisions import decisions
from unionperf.services.upper.feedback import create_feedback
from unionperf.services.upper.review import Review, ReviewItem, review
from unionperf.services.upper.status import BoardFilter, BoardLine, status_board
from unionperf.services.upper.tables import local_time
from unionperf.ui import messages
from unionperf.ui.first_run_pages import RED, hint
from unionperf.ui.jobs import Job, run_with_progress
from unionperf.ui.upper.base import (
    UpperPage,
    intro_label,
)
from unionperf.ui.upper.context import Area, UpperContext
from unionperf.ui.upper.review.dialogs import (
    RescoreDialog,
    ask_upper_passphrase,
    choose_feedback_folder,
)
from unionperf.ui.upper.review.extra_tabs import FilesTab, TargetsTab
from unionperf.ui.upper.review.models import DraftOpinion
from unionperf.ui.upper.review.views import DecisionView, HistoryView, ItemsView, UnitsView

__all__ = ["ReviewPage"]

Key = tuple[str, int, str]
"""(unit code, year, stage): whose drafts."""
UNITS_WIDTH_CHARS = 19


class ReviewPage(UpperPage):
    """Review a unit's stage and write the feedback package."""

    areas = frozenset({Area.RECEIVED, Area.DECISIONS, Area.SELECTION, Area.REGISTER})

    def __init__(self, context: UpperContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.lines: list[BoardLine] = []
        self.current: Review | None = None
        self.drafts: dict[Key, list[DraftOpinion]] = {}
        """Opinions written and not sent yet, per unit's stage (kept while switching units)."""
        self.job: Job | None = None
        self.last_written: Path | None = None
        self._build_units()
        self._build_detail()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("reviewSplitter")
        splitter.addWidget(self.units_box)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(1, 1)
        em = self.fontMetrics().horizontalAdvance("中")
        splitter.setSizes([UNITS_WIDTH_CHARS * em, 60 * em])
        layout = QVBoxLayout(self)
        layout.addWidget(
            intro_label(
                self.tr(
                    "Choose a unit, then an item of its data: write an opinion on it, or "
                    "re-score an indicator. Approve the stage, or return it with the reason; "
                    "the signed feedback package goes back to the unit."
                )
            )
        )
        layout.addWidget(splitter, 1)
        self._show_review(None)

    # -- building ------------------------------------------------------------------------------

    def _build_units(self) -> None:
        self.units_box = box = UnitsView(self)
        self.unit_search, self.units, self.units_view = box.search, box.units, box.units_view
        self.unit_search.textChanged.connect(self._show_units)
        self.units_view.selectionModel().currentRowChanged.connect(self._unit_picked)

    def _build_detail(self) -> None:
        self.detail = QWidget()
        self.heading = QLabel()
        self.heading.setObjectName("reviewHeading")
        self.heading.setWordWrap(True)
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reviewTabs")
        self.tabs.addTab(self._items_tab(), self.tr("Item by item"))
        self.targets_tab = TargetsTab(self.workspace)
        self.tabs.addTab(self.targets_tab, self.tr("Targets as the unit sees them"))
        self.files_tab = FilesTab(self.workspace)
        self.tabs.addTab(self.files_tab, self.tr("Forms and evidence"))
        self.tabs.addTab(self._history_tab(), self.tr("Decisions sent"))
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self.detail)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        self.decision_box = self._decision_box()
        layout.addWidget(self.decision_box)

    def _items_tab(self) -> QWidget:
        view = ItemsView(self)
        self.tree_model, self.tree = view.tree_model, view.tree
        self.values, self.values_view = view.values, view.values_view
        self.item_label, self.opinion = view.item_label, view.opinion
        self.add_opinion_button, self.rescore_button = view.add_opinion_button, view.rescore_button
        self.tree.selectionModel().currentChanged.connect(self._item_picked)
        self.add_opinion_button.clicked.connect(self.add_opinion)
        self.rescore_button.clicked.connect(self.rescore_selected)
        return view

    def _history_tab(self) -> QWidget:
        view = HistoryView(self)
        self.history, self.history_view = view.history, view.history_view
        self.history_detail = view.history_detail
        self.history_view.selectionModel().currentRowChanged.connect(self._decision_picked)
        return view

    def _decision_box(self) -> DecisionView:
        box = DecisionView(self)
        self.drafts_model, self.drafts_view = box.drafts_model, box.drafts_view
        self.drafts_label, self.remove_button = box.drafts_label, box.remove_button
        self.approve, self.send_back = box.approve, box.send_back
        self.summary, self.decision_hint = box.summary, box.decision_hint
        self.write_button = box.write_button
        self.remove_button.clicked.connect(self.remove_opinion)
        self.summary.textChanged.connect(self._decision_changed)
        self.approve.toggled.connect(self._decision_changed)
        self.write_button.clicked.connect(self.write_feedback)
        return box

    # -- units ---------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the units that sent the stage, and the review of the one selected."""
        context = self.context
        try:
            board = status_board(
                self.workspace,
                context.year,
                context.stage,
                today=context.today(),
                filters=BoardFilter(
                    statuses=frozenset(BoardStatus) - {BoardStatus.MISSING},
                ),
            )
        except ServiceError as error:
            messages.show_error(self, self.tr("Cannot read the units"), error)
            return
        self.lines = board.lines
        chosen = self.current.unit_code if self.current else None
        item = self.selected_item()
        path = item.path if item is not None else None
        self.current = None  # read again: a decision or a re-score changed it
        self.units_box.setTitle(
            self.tr("Units that sent {stage} ({count})").format(
                stage=board.stage_label, count=len(board.lines)
            )
        )
        self._show_units()
        if chosen is None or not self.show_unit(chosen):
            self._show_review(None)
        elif path is not None:
            self.select_path(path)

    def _show_units(self) -> None:
        text = self.unit_search.text().strip().lower()
        shown = [
            line for line in self.lines if not text or text in f"{line.name}{line.code}".lower()
        ]
        selected = self.current.unit_code if self.current else None
        with QSignalBlocker(self.units_view.selectionModel()):
            self.units.set_rows(shown)
            if selected:
                self._select_unit_row(selected)

    def _select_unit_row(self, code: str) -> bool:
        for number, line in enumerate(self.units.rows()):
            if line.code == code:
                self.units_view.selectionModel().setCurrentIndex(
                    self.units.index(number, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                return True
        return False

    def show_unit(self, code: str) -> bool:
        """Show a unit's review of the stage chosen (``False`` when it sent nothing of it)."""
        if not self.lines and self._stale:
            self.activate()
        if not any(line.code == code for line in self.lines):
            return False
        if not self._select_unit_row(code):
            self.unit_search.clear()
            self._select_unit_row(code)
        if self.current is None or self.current.unit_code != code:
            self._open_review(code)
        return True

    def _unit_picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        line = self.units.row(current.row())
        if self.current is None or self.current.unit_code != line.code:
            self._open_review(line.code)

    def _open_review(self, code: str) -> None:
        context = self.context
        try:
            opened = review(self.workspace, code, context.year, context.stage)
        except ServiceError as error:
            messages.show_error(self, self.tr("Cannot show the unit's data"), error)
            opened = None
        self._show_review(opened)

    # -- the review ----------------------------------------------------------------------------

    def _key(self) -> Key | None:
        held = self.current
        return (held.unit_code, held.year, held.stage) if held else None

    def _show_review(self, opened: Review | None) -> None:
        self.current = opened
        enabled = opened is not None
        for widget in (self.tabs, self.write_button, self.approve, self.send_back, self.summary):
            widget.setEnabled(enabled)
        if opened is None:
            self.heading.setText(
                self.tr("Choose a unit on the left.")
                if self.lines
                else self.tr(
                    "No unit has sent this stage yet: receive the packages under “2. Receive”, "
                    "or choose another year or stage above."
                )
            )
            self.tree_model.set_items([])
            self.values.set_rows([])
            self.history.set_rows([])
            self.targets_tab.show_unit(None, 0, "")
            self.files_tab.show_unit(None, 0, "")
            self._show_drafts()
            self._item_picked(QModelIndex(), QModelIndex())
            return
        status = next((line for line in self.lines if line.code == opened.unit_code), None)
        self.heading.setText(
            self.tr(
                "{name} ({code}) · {year} {stage} · package {sequence}, received {when}"
            ).format(
                name=opened.unit_name,
                code=opened.unit_code,
                year=opened.year,
                stage=opened.stage_label,
                sequence=opened.sequence,
                when=local_time(opened.received_at),
            )
            + (f" · {status.label}" if status else "")
        )
        self.tree_model.set_items(opened.items)
        self.tree.expandToDepth(0)
        self._load_history(opened.unit_code)
        self.targets_tab.show_unit(opened.unit_code, opened.year, opened.stage)
        self.files_tab.show_unit(opened.unit_code, opened.year, opened.stage)
        self._show_drafts()
        first = self.tree_model.index(0, 0)
        if first.isValid():
            self.tree.setCurrentIndex(first)
        self._decision_changed()

    def _load_history(self, code: str) -> None:
        try:
            held = decisions(self.workspace, code)
        except ServiceError:
            held = []
        self.history.set_rows(held)
        self.history_detail.setText(
            self.tr("{count} decisions sent to this unit.").format(count=len(held))
            if held
            else self.tr("No decision was sent to this unit yet.")
        )

    def _decision_picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        record = self.history.row(current.row())
        lines = [f"{record.decision.label}：{record.summary}" if record.summary else ""]
        lines += [f"· {item.label or '—'}：{item.text}" for item in record.opinions]
        self.history_detail.setText("\n".join(line for line in lines if line))

    def _tab_shown(self, index: int) -> None:
        widget = self.tabs.widget(index)
        activate = getattr(widget, "activate", None)
        if activate is not None:
            activate()

    def selected_item(self) -> ReviewItem | None:
        """The item selected in the tree (``None`` for none or the budget heading)."""
        return self.tree_model.item_at(self.tree.currentIndex())

    def select_path(self, path: str) -> bool:
        """Select the item of a readable path in the tree."""
        index = self.tree_model.index_of(path)
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def _item_picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.tree_model.item_at(current)
        self.values.set_rows(list(item.values) if item else [])
        self.item_label.setText(item.path if item else self.tr("Choose an item in the tree."))
        self.add_opinion_button.setEnabled(item is not None)
        self.opinion.setEnabled(item is not None)
        held = self.current
        can_rescore = (
            item is not None
            and held is not None
            and held.stage == StageKind.SELF_EVALUATION.value
            and item.kind is ItemKind.INDICATOR
            and item.score is not None
        )
        self.rescore_button.setEnabled(can_rescore)

    # -- opinions and the decision -------------------------------------------------------------

    def add_opinion(self) -> DraftOpinion | None:
        """Attach the opinion written to the selected item (sent with the next package)."""
        item = self.selected_item()
        key = self._key()
        text = self.opinion.toPlainText().strip()
        if item is None or key is None:
            return None
        if not text:
            hint(self.decision_hint, self.tr("Write the opinion first."), RED)
            return None
        draft = DraftOpinion(item, text)
        self.drafts.setdefault(key, []).append(draft)
        self.opinion.clear()
        self._show_drafts()
        return draft

    def remove_opinion(self) -> None:
        """Remove the draft opinion selected."""
        key = self._key()
        rows = self.drafts_view.selectionModel().selectedRows()
        if key is None or not rows:
            return
        held = self.drafts.get(key, [])
        del held[rows[0].row()]
        self._show_drafts()

    def _show_drafts(self) -> None:
        key = self._key()
        held = self.drafts.get(key, []) if key else []
        self.drafts_model.set_rows(held)
        counts: dict[str, int] = {}
        for draft in held:
            counts[draft.path] = counts.get(draft.path, 0) + 1
        self.tree_model.set_opinion_counts(counts)
        self.drafts_label.setText(
            self.tr("Opinions to send: {count}").format(count=len(held))
            if held
            else self.tr("No opinion written yet: select an item and write one.")
        )
        self.remove_button.setEnabled(bool(held))

    def _decision_changed(self, *_args: object) -> None:
        self.decision_box.show_hint()

    def decision(self) -> Decision:
        """The decision chosen."""
        return Decision.RETURN if self.send_back.isChecked() else Decision.APPROVE

    def write_feedback(self) -> Job | None:
        """Ask for the folder and passphrase, then write the signed feedback package."""
        held = self.current
        if held is None or self.job is not None:
            return None
        summary = self.summary.toPlainText().strip()
        if self.decision() is Decision.RETURN and not summary:
            hint(self.decision_hint, self.tr("A return needs its reason."), RED)
            self.summary.setFocus()
            return None
        folder = choose_feedback_folder(self)
        if folder is None:
            return None
        passphrase = ask_upper_passphrase(self)
        if passphrase is None:
            return None
        return self._write(held, folder, passphrase)

    def _write(self, held: Review, folder: Path, passphrase: str) -> Job:
        workspace = self.workspace
        decision = self.decision()
        summary = self.summary.toPlainText().strip()
        key = (held.unit_code, held.year, held.stage)
        opinions = [draft.item.opinion(draft.text) for draft in self.drafts.get(key, [])]

        def call(_progress: Progress) -> object:
            return create_feedback(
                workspace,
                unit_code=held.unit_code,
                year=held.year,
                stage=held.stage,
                decision=decision,
                summary=summary,
                opinions=opinions,
                out_dir=folder,
                passphrase=passphrase,
            )

        def done(result: object) -> None:
            self.job = None
            if not isinstance(result, Path):
                return
            self.last_written = result
            self.drafts.pop(key, None)
            self.summary.clear()
            self.approve.setChecked(True)
            self.context.notify(Area.DECISIONS)
            self.say(
                self.tr("{decision}: feedback package written to {path}").format(
                    decision=decision.label, path=result
                )
            )

        def failed(error: BaseException) -> None:
            self.job = None
            if isinstance(error, Cancelled):
                return
            if isinstance(error, WrongPassphraseError):
                again = ask_upper_passphrase(self, str(error))
                if again is not None:
                    self.job = self._write(held, folder, again)
                return
            messages.show_error(self, self.tr("The feedback package was not written"), error)

        self.job = run_with_progress(
            self, self.tr("Writing the feedback package…"), call, done, failed
        )
        return self.job

    # -- re-scoring ----------------------------------------------------------------------------

    def rescore_selected(self) -> RescoreDialog | None:
        """Open the re-score dialog for the indicator selected."""
        item = self.selected_item()
        held = self.current
        if item is None or held is None:
            return None
        dialog = RescoreDialog(self.workspace, held.unit_code, held.year, item, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._rescored(dialog, item.path))
        dialog.open()
        return dialog

    def _rescored(self, dialog: RescoreDialog, path: str) -> None:
        done = dialog.rescored
        if done is None:
            return
        self.context.notify(Area.DECISIONS)  # the page reads the review again, scores and all
        self.select_path(path)
        text = self.tr("Re-scored {path}: {unit} → {upper}; the owner's total {own} → {total}.")
        self.say(
            text.format(
                path=path,
                unit="—" if done.unit_score is None else f"{done.unit_score:.2f}",
                upper=f"{done.upper_score:.2f}",
                own=f"{done.owner_total:.2f}",
                total=f"{done.owner_upper_total:.2f}",
            )
        )
