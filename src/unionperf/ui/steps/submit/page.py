"""Step 6, submit (报送): checklist, sign-offs, package and forms, cover sheet, log, feedback.

product.md §2 step 6.
Writing the package and the forms, the cover sheet and importing feedback run off the GUI
thread (``ui/jobs.py``; what they write is ``writing.py``). The dialogs that ask for a folder, a
file, the passphrase or an explanation are functions of ``dialogs.py`` imported here by name, so
tests replace them in this module.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.cycle import Step
from unionperf.domain.problems import Location, Section
from unionperf.domain.validation.checks import active_stages
from unionperf.domain.year import Stage, stage_label
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.progress import Progress
from unionperf.services.common.signing import WrongPassphraseError
from unionperf.services.cycle import locks
from unionperf.services.cycle import submit as submit_service
from unionperf.services.cycle.submit import ExportRefusedError
from unionperf.ui import messages
from unionperf.ui.jobs import run_with_progress
from unionperf.ui.params_dialog import receive_unless_params, show_params_from
from unionperf.ui.steps.base import StepPage
from unionperf.ui.steps.submit.dialogs import (
    ask_explanation,
    ask_passphrase,
    choose_folder,
    choose_package_file,
    open_path,
)
from unionperf.ui.steps.submit.encryption import EncryptOption
from unionperf.ui.steps.submit.models import (
    CheckGroup,
    CheckItem,
    ChecklistModel,
    FeedbackModel,
    SubmissionLogModel,
    checklist,
    feedback_lines,
    readiness,
    stage_choices,
)
from unionperf.ui.steps.submit.views import fit_columns, table_view
from unionperf.ui.steps.submit.writing import (
    ExportOutcome,
    write_cover,
    write_package_and_forms,
    written_text,
)
from unionperf.ui.widgets.signoff_panel import SignoffPanel
from unionperf.ui.year_session import Area, YearSession

__all__ = ["SubmitStep"]


class SubmitStep(StepPage):
    """Check a stage, sign it off, write its package and forms, keep the log, read feedback."""

    step = Step.SUBMIT
    areas = frozenset(
        {
            Area.UNIT,
            Area.BUDGET,
            Area.PROJECTS,
            Area.TARGETS,
            Area.MONITORING,
            Area.EVALUATION,
            Area.SIGNOFFS,
            Area.EXPLANATIONS,
            Area.SUBMISSIONS,
        }
    )

    def __init__(self, session: YearSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.items: list[CheckItem] = []
        self.folder: Path | None = None
        self.last_outcome: ExportOutcome | None = None
        self._loaded_year: int | None = None
        self._build()

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self._build_controls()
        top = QHBoxLayout()
        stage_caption = QLabel(self.tr("Stage:"))
        stage_caption.setBuddy(self.stage_combo)
        top.addWidget(stage_caption)
        top.addWidget(self.stage_combo)
        top.addStretch(1)
        top.addWidget(self.encrypt_box)
        for button in (self.export_button, self.cover_button, self.feedback_button):
            top.addWidget(button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.ready, 1)
        buttons.addWidget(self.explain_button)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("submitTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_checklist(), self.tr("Pre-flight checklist"))
        self.tabs.addTab(self._build_log(), self.tr("Submission log"))
        self.tabs.addTab(self._build_feedback(), self.tr("Upper level's feedback"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)
        fit_columns(
            (self.checklist_view, self.checklist_model.columns),
            (self.log_view, self.log_model.columns),
            (self.feedback_view, self.feedback_model.columns),
            em=self.fontMetrics().horizontalAdvance("中"),
        )

    def _build_controls(self) -> None:
        self.stage_combo = QComboBox()
        self.stage_combo.setObjectName("submitStage")
        self.stage_combo.setMinimumContentsLength(16)
        self.stage_combo.currentIndexChanged.connect(self._stage_picked)
        self.ready = QLabel()
        self.ready.setObjectName("readyLine")
        self.ready.setWordWrap(True)
        font = self.ready.font()
        font.setBold(True)
        self.ready.setFont(font)
        self.explain_button = QPushButton(self.tr("Explain…"))
        self.explain_button.setObjectName("explainButton")
        self.explain_button.setToolTip(
            self.tr("Write why a soft problem is so; the explanation travels with the package.")
        )
        self.explain_button.clicked.connect(self.explain_selected)
        self.export_button = QPushButton(self.tr("Write forms and package…"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.encrypt_box = EncryptOption()
        self.cover_button = QPushButton(self.tr("Print cover sheet"))
        self.cover_button.setObjectName("coverButton")
        self.cover_button.setToolTip(
            self.tr("The cover sheet with the package's SHA-256 and key id, for the official seal.")
        )
        self.cover_button.clicked.connect(self.print_cover)
        self.feedback_button = QPushButton(self.tr("Import feedback package…"))
        self.feedback_button.setObjectName("feedbackButton")
        self.feedback_button.clicked.connect(self.import_feedback)

    def _build_checklist(self) -> QWidget:
        self.checklist_model = ChecklistModel(self)
        self.checklist_view = table_view("checklistTable", self.checklist_model, 3)
        self.checklist_view.doubleClicked.connect(self._checklist_activated)
        self.checklist_view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.signoff = SignoffPanel(self.session, "targets")
        self.signoff.setObjectName("submitSignoff")
        tab = QWidget()
        row = QHBoxLayout(tab)
        row.setContentsMargins(0, 4, 0, 0)
        row.addWidget(self.checklist_view, 1)
        row.addWidget(self.signoff, 0, Qt.AlignmentFlag.AlignTop)
        return tab

    def _build_log(self) -> QWidget:
        self.log_model = SubmissionLogModel(self)
        self.log_view = table_view("submissionLog", self.log_model, 3)
        self.written = QLabel()
        self.written.setObjectName("writtenFiles")
        self.written.setWordWrap(True)
        self.written.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.written.setVisible(False)
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.setContentsMargins(0, 4, 0, 0)
        column.addWidget(self.written)
        column.addWidget(self.log_view, 1)
        return tab

    def _build_feedback(self) -> QWidget:
        self.feedback_model = FeedbackModel(self)
        self.feedback_view = table_view("feedbackTable", self.feedback_model, 4)
        hint = QLabel(
            self.tr(
                "Opinions of the upper level from the feedback packages it sent back. "
                "A returned stage is open again: correct it and sign it off anew."
            )
        )
        hint.setWordWrap(True)
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.setContentsMargins(0, 4, 0, 0)
        column.addWidget(hint)
        column.addWidget(self.feedback_view, 1)
        return tab

    # -- loading -------------------------------------------------------------------------------

    def load(self) -> None:
        """Fill the stage list, the checklist, the log and the feedback from the year."""
        data = self.session.data
        self.setEnabled(data is not None)
        kept = self.stage()
        choices = stage_choices(data)
        names = [name for name, _ in choices]
        if data is not None and (kept not in names or self._loaded_year != self.session.year):
            kept = active_stages(data)[-1].name  # a year opens on the stage it has reached
        self._loaded_year = self.session.year
        self.stage_combo.blockSignals(True)
        self.stage_combo.clear()
        for name, label in choices:
            self.stage_combo.addItem(label, name)
        self.stage_combo.setCurrentIndex(names.index(kept) if kept in names else 0)
        self.stage_combo.blockSignals(False)
        self.signoff.set_stage(self.stage())
        self.signoff.catch_up()
        self.refresh_checklist()
        self.refresh_log()
        self.refresh_feedback()
        self.encrypt_box.refresh(self.session.workspace)

    def changed(self, area: str) -> None:
        """Refresh what depends on the area that changed."""
        if area == Area.SUBMISSIONS:
            self.refresh_log()
        if area == Area.MONITORING and len(stage_choices(self.session.data)) != (
            self.stage_combo.count()
        ):
            self.load()
            return
        self.refresh_checklist()

    def stage(self) -> str:
        """The stage name chosen (``targets`` before anything is loaded)."""
        value = self.stage_combo.currentData()
        return str(value) if value else "targets"

    def set_stage(self, stage: str) -> None:
        """Choose a stage as the user would in the stage list."""
        index = self.stage_combo.findData(stage)
        if index >= 0:
            self.stage_combo.setCurrentIndex(index)

    def refresh_checklist(self) -> None:
        """Re-run the stage's rules on the year in memory and say whether it is ready."""
        data = self.session.data
        if data is None:
            self.items = []
            self.checklist_model.set_rows([])
            self.ready.clear()
            return
        stage = Stage.parse(self.stage())
        self.items = checklist(data, stage, self.session.adjusting)
        selected = self._selected_item()
        self.checklist_model.set_rows(self.items)
        if selected is not None:
            self._select_key(selected.problem.key)
        text, colour = readiness(self.items, stage_label(stage.name))
        self.ready.setText(text)
        self.ready.setStyleSheet(f"color: {colour};")
        self._selection_changed()

    def refresh_log(self) -> None:
        """Re-read the submission log of the year."""
        year = self.session.year
        try:
            held = submit_service.submissions(self.session.workspace, year) if year else []
        except ServiceError:
            held = []
        self.log_model.set_rows(list(reversed(held)))

    def refresh_feedback(self) -> None:
        """Re-read the feedback the unit imported for the year."""
        year = self.session.year
        try:
            held = locks.feedback_of(self.session.workspace, year) if year else []
        except ServiceError:
            held = []
        self.feedback_model.set_rows(feedback_lines(self.session.data, held))

    def show_location(self, location: Location) -> None:
        """Select the stage and sign-off (or checklist line) a problem points at."""
        if location.section is Section.SIGNOFF and location.item_uid:
            self.set_stage(location.item_uid)
            self.tabs.setCurrentIndex(0)
            row = next((r for r in self.signoff.rows.values() if r.role == location.field), None)
            if row is not None:
                row.name.setFocus()
            return
        self.tabs.setCurrentIndex(0)
        for number, item in enumerate(self.items):
            if item.problem.where == location:
                self.checklist_view.selectRow(number)
                return

    # -- explaining ----------------------------------------------------------------------------

    def _selected_item(self) -> CheckItem | None:
        rows = self.checklist_view.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.checklist_model.rows()):
            return None
        return self.checklist_model.row(rows[0].row())

    def _select_key(self, key: str) -> None:
        for number, item in enumerate(self.checklist_model.rows()):
            if item.problem.key == key:
                self.checklist_view.selectRow(number)
                return

    def _selection_changed(self, *_args: object) -> None:
        item = self._selected_item()
        self.explain_button.setEnabled(
            item is not None and item.group in (CheckGroup.SOFT, CheckGroup.EXPLAINED)
        )

    def _checklist_activated(self, index: QModelIndex) -> None:
        item = self.checklist_model.row(index.row())
        if item.group in (CheckGroup.SOFT, CheckGroup.EXPLAINED):
            self.explain_selected()

    def explain_selected(self) -> bool:
        """Ask for the explanation of the selected soft problem and save it (undoable)."""
        item = self._selected_item()
        data = self.session.data
        if (
            item is None
            or data is None
            or item.group not in (CheckGroup.SOFT, CheckGroup.EXPLAINED)
        ):
            return False
        key = item.problem.key
        old = data.explanation_for(key)
        text = ask_explanation(self, item.problem, old)
        if text is None or text == old:
            return False
        session = self.session
        return session.change(
            self.tr("Explanation of {code}").format(code=item.problem.code.value),
            lambda: session.explain(key, text),
            lambda: session.explain(key, old),
        )

    # -- exporting -----------------------------------------------------------------------------

    def export(self) -> None:
        """Check, then ask for the folder and passphrase and write the package and the forms."""
        year, stage = self.session.year, self.stage()
        if year is None:
            return
        self.refresh_checklist()
        blocking = [item.problem for item in self.items if item.blocking]
        if blocking:
            messages.show_error(
                self, self.tr("The package was not written"), ExportRefusedError(blocking)
            )
            return
        folder = choose_folder(self, self.tr("Folder for the package and the forms"))
        if folder is None:
            return
        passphrase = ask_passphrase(self)
        if passphrase is not None:
            self._write(year, stage, folder, passphrase)

    def _write(self, year: int, stage: str, folder: Path, passphrase: str) -> None:
        """Write off the GUI thread; a wrong passphrase is asked again, the folder kept."""
        workspace, encrypt = self.session.workspace, self.encrypt_box.wanted()

        write = partial(write_package_and_forms, workspace, year, stage, folder, encrypt=encrypt)

        def call(progress: Progress) -> ExportOutcome:
            return write(passphrase=passphrase, progress=progress)

        def failed(error: BaseException) -> None:
            if not isinstance(error, WrongPassphraseError):
                self._export_failed(error)
            elif (again := ask_passphrase(self, str(error))) is not None:
                self._write(year, stage, folder, again)
            else:
                self.export_button.setEnabled(True)

        self.export_button.setEnabled(False)
        run_with_progress(
            self,
            self.tr("Writing the package and the forms…"),
            call,
            lambda result: self._exported(stage, folder, result),
            failed,
        )

    def _exported(self, stage: str, folder: Path, result: object) -> None:
        self.export_button.setEnabled(True)
        if not isinstance(result, ExportOutcome):
            return
        self.folder = folder
        self.last_outcome = result
        note = self.encrypt_box.note(result.package.path)
        self.written.setText(written_text(folder, result, note))
        self.written.setVisible(True)
        self.tabs.setCurrentIndex(1)
        self.session.note_submission(stage)

    def _export_failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        messages.show_error(self, self.tr("The package was not written"), error)

    # -- cover sheet ---------------------------------------------------------------------------

    def print_cover(self) -> None:
        """Write the stage's cover sheet (报送回执) as a PDF and open it for printing."""
        data, year, stage = self.session.data, self.session.year, self.stage()
        if data is None or year is None:
            return
        folder = self.folder or choose_folder(self, self.tr("Folder for the cover sheet"))
        if folder is None:
            return
        workspace = self.session.workspace

        def call(_progress: Progress) -> Path:
            return write_cover(workspace, data, year, stage, folder)

        run_with_progress(
            self, self.tr("Writing the cover sheet…"), call, self._cover_written, self._failed
        )

    def _cover_written(self, result: object) -> None:
        if isinstance(result, Path) and not open_path(result):
            messages.show_info(
                self,
                self.tr("Cover sheet written"),
                self.tr("The cover sheet is in {path}: open it and print it.").format(path=result),
            )

    def _failed(self, error: BaseException) -> None:
        messages.show_error(self, self.tr("The cover sheet was not written"), error)

    # -- feedback ------------------------------------------------------------------------------

    def import_feedback(self) -> None:
        """Verify and import a feedback package of the upper level; a return reopens the stage."""
        path = choose_package_file(self, self.tr("Feedback package of the upper level"))
        if path is None:
            return
        self.import_feedback_file(path)

    def import_feedback_file(self, path: Path) -> None:
        """Verify and import one feedback package file off the GUI thread, then show it.

        A parameter package chosen here is shown with what it changes, never applied unseen.
        """
        workspace = self.session.workspace

        def call(_progress: Progress) -> object:
            return receive_unless_params(workspace, path)

        run_with_progress(
            self,
            self.tr("Checking the feedback package…"),
            call,
            self._feedback_imported,
            self._feedback_failed,
        )

    def _feedback_imported(self, result: object) -> None:
        if isinstance(result, Path):  # a parameter package
            show_params_from(self, result)
            return
        outcomes = list(result) if isinstance(result, list) else []
        if not outcomes:
            return
        outcome = outcomes[0]
        if outcome.refused:
            messages.show_error(self, self.tr("The feedback package was refused"), outcome.message)
            return
        self.session.reload()
        self.refresh_feedback()
        self.tabs.setCurrentIndex(2)
        messages.show_info(self, self.tr("Feedback imported"), outcome.message)

    def _feedback_failed(self, error: BaseException) -> None:
        messages.show_error(self, self.tr("The feedback package was not imported"), error)

    # -- stage ---------------------------------------------------------------------------------

    def _stage_picked(self, _index: int) -> None:
        self.signoff.set_stage(self.stage())
        self.refresh_checklist()
