"""The evidence list (佐证材料): files attached to a project or the unit for a stage.

Files are attached by dropping them on the list or through :func:`choose_files`; the copying runs
off the GUI thread through the evidence service, and the list re-reads the service's records.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMimeData, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from unionperf.services.common.errors import ServiceError
from unionperf.services.common.progress import Progress
from unionperf.services.cycle import evidence
from unionperf.ui import messages
from unionperf.ui.file_dialogs import choose_open_files
from unionperf.ui.jobs import run_with_progress

if TYPE_CHECKING:
    from unionperf.services.common.workspace import Workspace

__all__ = ["EvidenceList", "choose_files", "local_files", "size_text"]

log = logging.getLogger(__name__)

FILENAME_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""An item's original file name (``UserRole`` holds the stored name)."""


def choose_files(parent: QWidget) -> list[Path]:
    """Ask the user for files to attach (tests replace this function)."""
    return choose_open_files(
        parent,
        QCoreApplication.translate("EvidenceList", "Attach evidence files"),
        QCoreApplication.translate(
            "EvidenceList",
            "Scans, photos and documents (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.doc *.docx "
            "*.xls *.xlsx *.ofd);;All files (*)",
        ),
    )


def local_files(mime: QMimeData) -> list[Path]:
    """The local files a drag carries (links to web pages and the like are ignored)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


KIB = 1024


def size_text(size: int) -> str:
    """A file size for people: bytes, KB or MB."""
    if size < KIB:
        return f"{size} B"
    if size < KIB * KIB:
        return f"{size / KIB:.0f} KB"
    return f"{size / (KIB * KIB):.1f} MB"


class EvidenceList(QListWidget):
    """The files attached to one owner (project or ``unit``) and stage; drop files to attach."""

    attached = Signal(int)
    """Files were attached (the argument is how many); the list is already refreshed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceList")
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.itemActivated.connect(self._open)
        self._workspace: Workspace | None = None
        self._year: int | None = None
        self._owner = ""
        self._stage = ""
        self.busy = False
        """Whether an attach job is running."""

    # -- what the list shows ---------------------------------------------------------------------

    def set_target(
        self, workspace: Workspace | None, year: int | None, owner_uid: str, stage: str
    ) -> None:
        """Show the evidence of another owner or stage (call :meth:`refresh` to read it)."""
        self._workspace, self._year, self._owner, self._stage = workspace, year, owner_uid, stage
        self.setEnabled(self._ready())

    def refresh(self) -> None:
        """Re-read the attached files from the evidence service."""
        self.clear()
        if not self._ready():
            return
        assert self._workspace is not None
        assert self._year is not None
        try:
            records = evidence.listing(self._workspace, self._year, self._stage)
        except ServiceError as error:
            messages.show_error(self, self.tr("Cannot read the evidence files"), error)
            return
        for record in records:
            if record.owner_uid != self._owner:
                continue
            item = QListWidgetItem(f"{record.filename}    ({size_text(record.size)})")
            item.setData(Qt.ItemDataRole.UserRole, record.stored_name)
            item.setData(FILENAME_ROLE, record.filename)
            tip = record.description or record.filename
            sha = self.tr("SHA-256: {hash}").format(hash=record.sha256)
            item.setToolTip(f"{tip}\n{sha}")
            self.addItem(item)

    def filenames(self) -> list[str]:
        """The names of the files shown."""
        return [str(self.item(row).data(FILENAME_ROLE)) for row in range(self.count())]

    def _ready(self) -> bool:
        return self._workspace is not None and self._year is not None and bool(self._owner)

    def _open(self, item: QListWidgetItem) -> None:
        if self._workspace is None:
            return
        path = self._workspace.paths.evidence / str(item.data(Qt.ItemDataRole.UserRole))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # -- attaching -------------------------------------------------------------------------------

    def attach_files(self, paths: list[Path]) -> bool:
        """Copy ``paths`` into the workspace as evidence of the shown owner and stage.

        The copying runs off the GUI thread; the list refreshes and :attr:`attached` is emitted
        when it is done. Returns whether a job was started.
        """
        if not paths or not self._ready() or self.busy:
            return False
        workspace, year, owner, stage = self._workspace, self._year, self._owner, self._stage
        assert workspace is not None
        assert year is not None

        def call(progress: Progress) -> tuple[int, list[str]]:
            done, failures = 0, []
            for number, path in enumerate(paths):
                if progress.cancelled():
                    break
                try:
                    evidence.attach(workspace, year, owner, stage, source=path)
                    done += 1
                except ServiceError as error:
                    failures.append(f"{path.name}：{error}")
                progress.step(number + 1, len(paths))
            return done, failures

        self.busy = True
        run_with_progress(
            self,
            self.tr("Attaching {count} file(s)…").format(count=len(paths)),
            call,
            self._attached,
            self._failed,
        )
        return True

    def drop_mime(self, mime: QMimeData) -> bool:
        """Attach the local files a drop carries; returns whether any were taken."""
        return self.attach_files(local_files(mime))

    def _attached(self, outcome: object) -> None:
        self.busy = False
        done, failures = outcome if isinstance(outcome, tuple) else (0, [])
        self.refresh()
        if failures:
            messages.show_error(self, self.tr("Some files were not attached"), "\n".join(failures))
        if done:
            self.attached.emit(done)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.refresh()
        messages.show_error(self, self.tr("The files were not attached"), error)

    # -- drag and drop ---------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept drags of local files while an owner is shown."""
        self._consider(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Keep accepting local files anywhere over the list."""
        self._consider(event)

    def dropEvent(self, event: QDropEvent) -> None:
        """Attach the dropped files."""
        if self._ready() and self.drop_mime(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def _consider(self, event: QDragMoveEvent) -> None:
        if self._ready() and not self.busy and local_files(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()
