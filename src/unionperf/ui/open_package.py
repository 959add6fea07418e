"""A package opened from the file manager (double-click on a ``.upkg``): what it is, what to do.

``unionperf FILE.upkg`` starts the window on the usual workspace, then :func:`show_package`
checks the file off the GUI thread (``services/views/package_info.py``: read and verify, nothing
written) and shows :class:`PackageDialog`, which says what the package is for this workspace and
offers the one action that fits it:

- the upper level's feedback for this unit: 导入反馈, exactly the submit step's import;
- a package this unit wrote: open the submit step's log (nothing to import);
- a subordinate's submission on an upper-level workspace: 接收 (the receive service);
- the upper level's parameter package on a grassroots workspace: what it changes, 应用
  (``ui/params_dialog.py``);
- anything else: what it is, and that it is not for this workspace.

A package that fails a check is reported with the reason, and nothing is imported.

When the workspace is already open in a window, the second process hands the package over
(``services/common/open_requests.py``); :func:`watch_open_requests` makes the open window take it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QFileSystemWatcher, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.cycle import Step
from unionperf.domain.feedback import Decision
from unionperf.domain.year import stage_label
from unionperf.services.common.open_requests import requests_folder, take_open_requests
from unionperf.services.common.progress import Progress
from unionperf.services.views.package_info import PackageInfo, Relation, describe_package
from unionperf.ui import messages
from unionperf.ui.jobs import Job, run_with_progress

if TYPE_CHECKING:
    from collections.abc import Callable

    from unionperf.ui.main_window import MainWindow
    from unionperf.ui.steps.submit.page import SubmitStep
    from unionperf.ui.upper.window import UpperWindow

__all__ = ["PackageDialog", "show_package", "watch_open_requests"]

FEEDBACK_TAB = 2
LOG_TAB = 1
WARNING_COLOUR = "#b3261e"
DIALOG_WIDTH_CHARS = 46


def show_package(window: MainWindow, path: Path) -> Job:
    """Check a package file off the GUI thread, then show what it is (or why it is refused)."""
    workspace = window.workspace

    def call(_progress: Progress) -> object:
        return describe_package(workspace, path)

    def described(result: object) -> None:
        if not isinstance(result, PackageInfo):
            return
        if not result.valid:
            _refused(window, result)
            return
        if result.relation is Relation.PARAMS_FOR_UNIT:
            from unionperf.ui.params_dialog import show_params  # noqa: PLC0415

            show_params(window, path)
            return
        dialog = PackageDialog(result, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def failed(error: BaseException) -> None:
        messages.show_error(
            window, QCoreApplication.translate("PackageDialog", "Cannot open the package"), error
        )

    return run_with_progress(
        window,
        QCoreApplication.translate("PackageDialog", "Checking the package…"),
        call,
        described,
        failed,
    )


def watch_open_requests(
    window: MainWindow | UpperWindow, show: Callable[[Path], object] | None = None
) -> QFileSystemWatcher | None:
    """Show each package another process hands to this window (a double-click while open).

    ``show`` takes each package (default: :func:`show_package` on the grassroots window).
    """
    root = window.workspace.paths.root
    folder = requests_folder(root)
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return None  # a read-only workspace: a second double-click will say it is in use

    def take() -> None:
        for path in take_open_requests(root):
            if window.isMinimized():
                window.showNormal()
            window.raise_()
            window.activateWindow()
            if show is not None:
                show(path)
            else:
                show_package(window, path)  # type: ignore[arg-type]  # the grassroots window

    watcher = QFileSystemWatcher([str(folder)], window)
    watcher.directoryChanged.connect(take)
    take()  # requests left before the window was watching
    return watcher


def _refused(window: QWidget, info: PackageInfo) -> None:
    """Say which check the package failed, naming the file; nothing was imported."""
    if str(info.path) in info.problem:  # the reason names the file already
        text = QCoreApplication.translate(
            "PackageDialog", "{reason}\n\nNothing was imported."
        ).format(reason=info.problem)
    else:
        text = QCoreApplication.translate(
            "PackageDialog", "File: {path}\n\n{reason}\n\nNothing was imported."
        ).format(path=info.path, reason=info.problem)
    messages.show_error(
        window, QCoreApplication.translate("PackageDialog", "The package cannot be used"), text
    )


def _local_time(text: str) -> str:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


class PackageDialog(QDialog):
    """What a verified package is for this workspace, with the action that fits it."""

    def __init__(self, info: PackageInfo, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("packageDialog")
        self.info = info
        self.main_window = window
        self.setWindowTitle(self.tr("Package {name}").format(name=info.path.name))
        self.heading = QLabel(self._heading())
        self.heading.setObjectName("packageHeading")
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.note = QLabel(self._note())
        self.note.setObjectName("packageNote")
        self.note.setWordWrap(True)
        self.action = QPushButton(self._action_text())
        self.action.setObjectName("packageAction")
        self.action.setDefault(True)
        self.action.setEnabled(self._action_enabled())
        self.action.clicked.connect(self.run_action)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.action, QDialogButtonBox.ButtonRole.ActionRole)
        self.action.setVisible(bool(self.action.text()))  # after the box, which shows it
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self._facts())
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * DIALOG_WIDTH_CHARS)

    # -- what it is ----------------------------------------------------------------------------

    def _heading(self) -> str:
        info = self.info
        match info.relation:
            case Relation.FEEDBACK_FOR_UNIT:
                return self.tr("Feedback of the upper level for this unit")
            case Relation.OWN_SUBMISSION:
                return self.tr("A package this unit submitted")
            case Relation.FROM_SUBORDINATE:
                return self.tr("A subordinate unit's submission")
            case _ if info.kind == "feedback":
                return self.tr("Feedback for another unit")
            case _:
                return self.tr("Another unit's submission")

    def _facts(self) -> QFormLayout:
        info = self.info
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        rows: list[tuple[str, str, str]] = [
            ("file", self.tr("File"), str(info.path)),
            (
                "unit",
                self.tr("Unit"),
                self.tr("{name} ({code})").format(name=info.unit_name, code=info.unit_code),
            ),
            ("year", self.tr("Year"), str(info.year)),
            ("stage", self.tr("Stage"), stage_label(info.stage)),
            ("sequence", self.tr("No."), self.tr("No. {number}").format(number=info.sequence)),
        ]
        if info.kind == "feedback":
            decision = (
                self.tr("Returned") if info.decision is Decision.RETURN else self.tr("Approved")
            )
            rows += [
                ("decision", self.tr("Decision"), decision),
                (
                    "opinions",
                    self.tr("Opinions"),
                    self.tr("{count} opinions").format(count=info.opinions),
                ),
            ]
            if info.sender:
                rows.append(("sender", self.tr("From"), info.sender))
            if info.summary:
                rows.append(("summary", self.tr("Summary"), info.summary))
        rows += [
            ("created", self.tr("Written"), _local_time(info.created_at)),
            ("sha256", self.tr("SHA-256"), info.sha256),
            ("key", self.tr("Key id"), info.signer_key_id),
            ("signature", self.tr("Signature"), self._signature_text()),
        ]
        self.facts: dict[str, QLabel] = {}
        for name, caption, text in rows:
            value = QLabel(text)
            value.setObjectName(f"fact_{name}")
            value.setWordWrap(name in ("file", "summary", "signature"))
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if name == "decision" and info.decision is Decision.RETURN:
                value.setStyleSheet(f"color: {WARNING_COLOUR};")
            form.addRow(caption, value)
            self.facts[name] = value
        return form

    def _signature_text(self) -> str:
        match self.info.relation:
            case Relation.FEEDBACK_FOR_UNIT:
                return self.tr("Valid, checked with the upper level's public key this unit trusts")
            case Relation.OWN_SUBMISSION:
                return self.tr("Valid, checked with this unit's own key")
            case Relation.FROM_SUBORDINATE if self.info.trusted:
                return self.tr("Valid, checked with the unit's registered public key")
        return self.tr(
            "Valid, but checked only with the key the package carries: compare the key id "
            "with the paper cover sheet"
        )

    def _note(self) -> str:
        info = self.info
        match info.relation:
            case Relation.FEEDBACK_FOR_UNIT:
                return self._feedback_note()
            case Relation.OWN_SUBMISSION:
                if info.already:
                    return self.tr(
                        "Nothing to import: this is a package this unit wrote. It is in the "
                        "submission log."
                    )
                return self.tr(
                    "Nothing to import: this is a package this unit signed. It is not in this "
                    "workspace's submission log (the workspace may have been restored from an "
                    "older backup)."
                )
            case Relation.FROM_SUBORDINATE:
                return self._subordinate_note()
            case _ if info.kind == "feedback":
                return self.tr(
                    "This package is not for this workspace: it is the upper level's feedback "
                    "to {unit}. Nothing was imported."
                ).format(unit=info.unit_name)
            case _:
                return self.tr(
                    "This package is not for this workspace: it is the submission of {unit} "
                    "to its upper level. Nothing was imported."
                ).format(unit=info.unit_name)

    def _feedback_note(self) -> str:
        info = self.info
        if info.already:
            return self.tr("This feedback was imported already.")
        if info.sequence is not None and info.sequence <= info.held_sequence:
            return self.tr(
                "Newer feedback for this stage (No. {held}) was imported already: this older "
                "one cannot be imported."
            ).format(held=info.held_sequence)
        if info.decision is Decision.RETURN:
            return self.tr(
                "The upper level returned this stage. Importing shows its opinions on the "
                "items they concern and opens the stage again for correction: its sign-offs "
                "are withdrawn."
            )
        return self.tr(
            "The upper level approved this stage. Importing shows its opinions on the items "
            "they concern."
        )

    def _subordinate_note(self) -> str:
        info = self.info
        if not info.registered:
            return self.tr(
                "Unit {code} is not registered in this workspace: register its public key "
                "first (command: unionperf register). Until then the package cannot be received."
            ).format(code=info.unit_code)
        if info.already:
            return self.tr("This package was received already.")
        if info.sequence is not None and info.sequence <= info.held_sequence:
            return self.tr(
                "A newer package of this stage (No. {held}) was received already: this one "
                "would be refused."
            ).format(held=info.held_sequence)
        return self.tr("Receive it to add it to this workspace's register of packages.")

    # -- what to do ----------------------------------------------------------------------------

    def _feedback_importable(self) -> bool:
        info = self.info
        return not info.already and (info.sequence or 0) > info.held_sequence

    def _action_text(self) -> str:
        match self.info.relation:
            case Relation.FEEDBACK_FOR_UNIT if self._feedback_importable():
                return self.tr("Import feedback")
            case Relation.FEEDBACK_FOR_UNIT:
                return self.tr("Show the feedback")
            case Relation.OWN_SUBMISSION:
                return self.tr("Open the submission log")
            case Relation.FROM_SUBORDINATE:
                return self.tr("Receive")
            case _:
                return ""

    def _action_enabled(self) -> bool:
        if self.info.relation is Relation.FROM_SUBORDINATE:
            return self.info.registered
        return bool(self._action_text())

    def run_action(self) -> None:
        """Do what the action button offers, then close the dialog."""
        relation = self.info.relation
        self.accept()
        if relation is Relation.FEEDBACK_FOR_UNIT:
            page = self._submit_page()
            if self._feedback_importable():
                page.import_feedback_file(self.info.path)
            else:
                page.tabs.setCurrentIndex(FEEDBACK_TAB)
        elif relation is Relation.OWN_SUBMISSION:
            self._show_in_log(self._submit_page())
        elif relation is Relation.FROM_SUBORDINATE:
            self._receive()

    def _submit_page(self) -> SubmitStep:
        """The submit step on the package's year and stage."""
        from unionperf.ui.steps.submit.page import SubmitStep  # noqa: PLC0415 - built on demand

        window, year = self.main_window, self.info.year
        if year is not None and year != window.session.year and year in window.workspace.years():
            window.refresh_years(year)
        page = window.open_step(Step.SUBMIT)
        assert isinstance(page, SubmitStep)
        page.set_stage(self.info.stage)
        return page

    def _show_in_log(self, page: SubmitStep) -> None:
        page.tabs.setCurrentIndex(LOG_TAB)
        for number, item in enumerate(page.log_model.rows()):
            if item.sha256 == self.info.sha256:
                page.log_view.selectRow(number)
                return

    def _receive(self) -> None:
        window, path = self.main_window, self.info.path
        workspace = window.workspace

        def call(_progress: Progress) -> object:
            from unionperf.services.inbox.receive import receive  # noqa: PLC0415

            return receive(workspace, [path])

        run_with_progress(
            window,
            QCoreApplication.translate("PackageDialog", "Receiving the package…"),
            call,
            lambda result: _received(window, result),
            lambda error: messages.show_error(
                window,
                QCoreApplication.translate("PackageDialog", "The package was not received"),
                error,
            ),
        )


def _received(window: QWidget, result: object) -> None:
    """Tell the outcome of receiving one package: received, already received or refused."""
    outcomes = list(result) if isinstance(result, list) else []
    if not outcomes:
        return
    outcome = outcomes[0]
    if outcome.refused:
        messages.show_error(
            window,
            QCoreApplication.translate("PackageDialog", "The package was refused"),
            outcome.message,
        )
    elif outcome.status == "already received":
        messages.show_info(
            window,
            QCoreApplication.translate("PackageDialog", "Already received"),
            outcome.message,
        )
    else:
        messages.show_info(
            window,
            QCoreApplication.translate("PackageDialog", "Package received"),
            outcome.message,
        )
