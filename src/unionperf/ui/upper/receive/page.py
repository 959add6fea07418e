"""接收: packages dropped or chosen (files, or whole folders with their subfolders).

The batch runs off the GUI thread (``services.inbox.receive.receive``) with a progress dialog
that can cancel it: a cancelled batch keeps nothing. The result list of the last batch stays on
the page — received, already received, superseded, refused with the reason, quarantined — and
the quarantine list below shows every package refused as damaged or not genuine, with why.

Encrypted packages (``.upkg.age``) are decrypted on receipt: the passphrase that unlocks the
workspace's encryption identity is asked once, before the batch.

The pickers and the passphrase are module functions, so tests replace them.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.year import stage_label
from unionperf.services.common import transport
from unionperf.services.common.progress import Cancelled, Progress
from unionperf.services.inbox.receive import (
    QUARANTINE_FOLDER,
    Outcome,
    OutcomeKind,
    collect_packages,
    quarantine_list,
    receive,
)
from unionperf.services.upper.deadlines import season_order
from unionperf.services.upper.register import units
from unionperf.ui import messages
from unionperf.ui.file_dialogs import choose_existing_folder, choose_open_files
from unionperf.ui.jobs import Job, run_with_progress
from unionperf.ui.upper.base import UpperPage, fit_columns, intro_label, read_only_table
from unionperf.ui.upper.context import Area, UpperContext
from unionperf.ui.upper.receive.models import OutcomeModel, QuarantineModel, ResultLine
from unionperf.ui.upper.review.dialogs import ask_upper_passphrase

__all__ = ["DropArea", "ReceivePage", "choose_package_files", "choose_package_folder"]

CODE_LENGTH = 18
"""A unified social credit code, which begins every package's file name."""


def choose_package_files(parent: QWidget) -> list[Path]:
    """Ask for package files; empty when cancelled."""
    return choose_open_files(
        parent,
        QCoreApplication.translate("ReceivePage", "Choose packages"),
        QCoreApplication.translate("ReceivePage", "Packages (*.upkg *.upkg.age);;All files (*)"),
    )


def choose_package_folder(parent: QWidget) -> Path | None:
    """Ask for a folder of packages (searched with its subfolders); ``None`` when cancelled."""
    return choose_existing_folder(
        parent, QCoreApplication.translate("ReceivePage", "Choose a folder of packages")
    )


def _unit_name(outcome: Outcome, names: dict[str, str]) -> str:
    """The unit a package came from: as received, else as its file name begins.

    A package refused before its signature could be read says no unit; its file name begins
    with the unit's credit code.
    """
    if outcome.unit_code:
        return names.get(outcome.unit_code, outcome.unit_code)
    return names.get(outcome.path.name[:CODE_LENGTH], "")


class DropArea(QFrame):
    """Where package files and folders are dropped."""

    dropped = Signal(list)
    """The local paths dropped (``list[Path]``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dropArea")
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "QFrame#dropArea { border: 2px dashed #8a9bb4; border-radius: 6px; "
            "background: #f4f7fb; }"
        )
        self.label = QLabel(
            self.tr(
                "Drop package files (.upkg) or whole folders here — subfolders are searched too"
            )
        )
        self.label.setObjectName("dropHint")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self.setMinimumHeight(self.fontMetrics().height() * 4)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept files and folders from the file manager."""
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        """Keep accepting while the drag moves over the area."""
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Hand the dropped local paths on."""
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.dropped.emit(paths)


class ReceivePage(UpperPage):
    """Receive packages; the last batch's results and the quarantine stay visible."""

    areas = frozenset({Area.RECEIVED, Area.REGISTER})

    def __init__(self, context: UpperContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.job: Job | None = None
        self.drop_area = DropArea()
        self.drop_area.dropped.connect(self.receive_paths)
        self.files_button = QPushButton(self.tr("Choose package files…"))
        self.files_button.setObjectName("chooseFiles")
        self.files_button.clicked.connect(self.choose_files)
        self.folder_button = QPushButton(self.tr("Choose a folder…"))
        self.folder_button.setObjectName("chooseFolder")
        self.folder_button.clicked.connect(self.choose_folder)
        choose = QVBoxLayout()
        choose.addWidget(self.files_button)
        choose.addWidget(self.folder_button)
        choose.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.drop_area, 1)
        top.addLayout(choose)
        layout = QVBoxLayout(self)
        layout.addWidget(
            intro_label(
                self.tr(
                    "Each package is checked (its signature against the unit's registered key, "
                    "every file, the rules) before anything is kept. A package that fails is "
                    "never half-imported: it is refused, and kept in quarantine when it is "
                    "damaged or not genuine."
                )
            )
        )
        layout.addLayout(top)
        layout.addWidget(self._lists(), 1)

    def _lists(self) -> QSplitter:
        """The last batch's results over the quarantine list."""
        self.summary = QLabel(self.tr("Nothing received in this session yet."))
        self.summary.setObjectName("receiveSummary")
        self.summary.setWordWrap(True)
        self.results = OutcomeModel(self)
        self.results_view = read_only_table(self.results, "receiveResults")
        fit_columns(self.results_view, self.results.columns, stretch=6)
        self.quarantine = QuarantineModel(self)
        self.quarantine_view = read_only_table(self.quarantine, "quarantineList")
        fit_columns(self.quarantine_view, self.quarantine.columns, stretch=2)
        self.quarantine_count = QLabel()
        self.quarantine_count.setObjectName("quarantineCount")
        self.open_quarantine = QPushButton(self.tr("Open the quarantine folder"))
        self.open_quarantine.setObjectName("openQuarantine")
        self.open_quarantine.clicked.connect(self.open_quarantine_folder)
        results_box = QGroupBox(self.tr("Result of the last batch"))
        results_layout = QVBoxLayout(results_box)
        results_layout.addWidget(self.summary)
        results_layout.addWidget(self.results_view, 1)
        quarantine_box = QGroupBox(
            self.tr("Quarantine: packages refused as damaged or not genuine, with the reason")
        )
        quarantine_layout = QVBoxLayout(quarantine_box)
        row = QHBoxLayout()
        row.addWidget(self.quarantine_count, 1)
        row.addWidget(self.open_quarantine)
        quarantine_layout.addLayout(row)
        quarantine_layout.addWidget(self.quarantine_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("receiveSplitter")
        splitter.addWidget(results_box)
        splitter.addWidget(quarantine_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        return splitter

    # -- showing -------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the quarantine list (the results of the last batch stay as they are)."""
        entries = quarantine_list(self.workspace)
        self.quarantine.set_rows(entries)
        self.quarantine_count.setText(
            self.tr("{count} packages in quarantine").format(count=len(entries))
            if entries
            else self.tr("The quarantine is empty.")
        )
        self.open_quarantine.setEnabled(bool(entries))

    def open_quarantine_folder(self) -> bool:
        """Open the quarantine folder in the file manager."""
        folder = self.workspace.paths.root / QUARANTINE_FOLDER
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # -- receiving -----------------------------------------------------------------------------

    def choose_files(self) -> None:
        """Ask for package files and receive them."""
        paths = choose_package_files(self)
        if paths:
            self.receive_paths(paths)

    def choose_folder(self) -> None:
        """Ask for a folder and receive every package in it and its subfolders."""
        folder = choose_package_folder(self)
        if folder is not None:
            self.receive_paths([folder])

    def receive_paths(self, paths: list[Path]) -> Job | None:
        """Receive the packages of files and folders off the GUI thread, with progress."""
        if self.job is not None:
            messages.show_info(
                self,
                self.tr("Receiving"),
                self.tr("A batch is being received; wait until it is done."),
            )
            return None
        workspace = self.workspace
        passphrase = None
        if transport.encrypted_paths(collect_packages(paths)) and transport.own_recipient(
            workspace
        ):
            passphrase = ask_upper_passphrase(self)  # unlocks the encryption identity too
            if passphrase is None:
                return None

        def call(progress: Progress) -> object:
            files = collect_packages(paths)
            if not files:
                return []
            return receive(workspace, files, progress=progress, passphrase=passphrase)

        self.files_button.setEnabled(False)
        self.folder_button.setEnabled(False)
        self.job = run_with_progress(
            self,
            self.tr("Receiving packages…"),
            call,
            lambda result: self._received(paths, result),
            self._failed,
        )
        return self.job

    def _finished(self) -> None:
        self.job = None
        self.files_button.setEnabled(True)
        self.folder_button.setEnabled(True)

    def _received(self, paths: list[Path], result: object) -> None:
        self._finished()
        held = result if isinstance(result, list) else []
        outcomes = [item for item in held if isinstance(item, Outcome)]
        if not outcomes:
            names = "、".join(path.name or str(path) for path in paths[:3])
            self.summary.setText(
                self.tr("No package (.upkg) was found in {names}.").format(names=names)
            )
            self.results.set_rows([])
            return
        unit_names = {unit.code: unit.name for unit in units(self.workspace)}
        lines = [ResultLine(item, _unit_name(item, unit_names)) for item in outcomes]
        self.results.set_rows(lines)
        counts = Counter(line.kind for line in lines)
        parts = [f"{kind.label} {counts[kind]}" for kind in OutcomeKind if counts[kind]]
        self.summary.setText(
            self.tr("Last batch ({when}): {count} packages — {parts}.").format(
                when=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
                count=len(lines),
                parts="，".join(parts),
            )
        )
        self.load()
        taken = [
            line.outcome
            for line in lines
            if line.kind in {OutcomeKind.RECEIVED, OutcomeKind.SUPERSEDED} and line.outcome.year
        ]
        if taken:
            self._show_season_of(taken)
            self.context.notify(Area.RECEIVED)
        self.say(self.summary.text())

    def _show_season_of(self, taken: list[Outcome]) -> None:
        """When nothing received is of the year shown, show the latest year and stage received.

        A new workspace shows this year's targets; the first packages are often of last year.
        """
        if any(outcome.year == self.context.year for outcome in taken):
            return
        latest = max(taken, key=lambda outcome: (outcome.year or 0, season_order(outcome.stage)))
        if latest.year is None:
            return
        self.context.choose(latest.year, latest.stage)
        self.summary.setText(
            self.summary.text()
            + self.tr(" The packages are of {year}: the toolbar now shows {year} {stage}.").format(
                year=latest.year, stage=stage_label(latest.stage)
            )
        )

    def _failed(self, error: BaseException) -> None:
        self._finished()
        if isinstance(error, Cancelled):
            self.summary.setText(
                self.tr("Cancelled: nothing of this batch was received. Receive it again later.")
            )
            self.results.set_rows([])
            self.load()
            return
        messages.show_error(self, self.tr("The packages were not received"), error)
