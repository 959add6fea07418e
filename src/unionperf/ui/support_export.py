"""帮助 › 导出匿名支持数据…: the anonymised copy of the open workspace, for support.

The file dialog is :func:`choose_support_file`, called by name so tests replace it here; the
copy is written off the GUI thread (``ui/jobs.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from unionperf.services.common.progress import Progress
from unionperf.services.cycle.support_export import SupportCopy, default_name, support_export
from unionperf.ui import messages
from unionperf.ui.jobs import Job, run_with_progress

if TYPE_CHECKING:
    from unionperf.services.common.workspace import Workspace

__all__ = ["choose_support_file", "export_support_data"]


def choose_support_file(parent: QWidget) -> Path | None:
    """Ask where to save the copy (a zip in the documents folder by default); ``None``: cancel."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("SupportExport", "Export anonymised support data"),
        str(Path(folder) / default_name()),
        QCoreApplication.translate("SupportExport", "Zip archives (*.zip)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".zip" else path.with_name(path.name + ".zip")


def export_support_data(parent: QWidget, workspace: Workspace) -> Job | None:
    """Ask for the file, write the copy off the GUI thread and say what it holds."""
    out = choose_support_file(parent)
    if out is None:
        return None

    def call(progress: Progress) -> SupportCopy:
        return support_export(workspace, out, progress=progress)

    return run_with_progress(
        parent,
        QCoreApplication.translate("SupportExport", "Writing the anonymised support data…"),
        call,
        lambda result: _written(parent, result),
        lambda error: messages.show_error(
            parent,
            QCoreApplication.translate("SupportExport", "The support data was not written"),
            error,
        ),
    )


def _written(parent: QWidget, result: object) -> None:
    if not isinstance(result, SupportCopy):
        return
    years = "、".join(map(str, result.years)) or "—"
    text = QCoreApplication.translate(
        "SupportExport",
        "Written to {path}.\n\nNames, people, phone numbers, addresses, texts and the credit "
        "code are replaced by placeholders, amounts are scaled by a random factor, evidence "
        "files are placeholders. Years: {years}.",
    ).format(path=result.path, years=years)
    if result.differing:
        text += "\n" + QCoreApplication.translate(
            "SupportExport", "The problems or scores of these years differ from yours: {years}."
        ).format(years="、".join(map(str, result.differing)))
    else:
        text += "\n" + QCoreApplication.translate(
            "SupportExport", "It shows the same problems and scores as your data."
        )
    messages.show_info(
        parent, QCoreApplication.translate("SupportExport", "Anonymised support data written"), text
    )
