"""文件 › 生成绩效信息公开表…: the year's disclosure sheet, written off the GUI thread.

The window asks for a folder, writes ``<year>年度预算绩效信息公开表.pdf`` and ``.xlsx`` there
(``services.cycle.disclosure``, which changes nothing in the workspace) and says where; a year
without a self-evaluation is refused with the service's sentence. The folder dialog is
:func:`choose_folder`, which tests replace.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from unionperf.services.common.progress import Progress
from unionperf.ui import messages
from unionperf.ui.file_dialogs import choose_existing_folder
from unionperf.ui.jobs import Job, run_with_progress
from unionperf.ui.year_session import YearSession

__all__ = ["choose_folder", "write_disclosure_sheet"]


def choose_folder(parent: QWidget, title: str) -> Path | None:
    """Ask for the folder the sheet goes into; ``None`` when cancelled.

    The dialog opens in the folder chosen last (``ui/file_dialogs.py``).
    """
    return choose_existing_folder(parent, title)


def write_disclosure_sheet(parent: QWidget, session: YearSession) -> Job | None:
    """Ask for a folder and write the open year's disclosure sheet there (the job, or ``None``)."""
    year = session.year
    if year is None:
        messages.show_error(
            parent,
            QCoreApplication.translate("Disclosure", "No disclosure sheet"),
            QCoreApplication.translate("Disclosure", "Open or start a year first."),
        )
        return None
    folder = choose_folder(
        parent, QCoreApplication.translate("Disclosure", "Folder for the disclosure sheet")
    )
    if folder is None:
        return None
    workspace = session.workspace

    def call(_progress: Progress) -> tuple[Path, ...]:
        from unionperf.services.cycle.disclosure import write_disclosure  # noqa: PLC0415

        return write_disclosure(workspace, year, folder).paths

    def done(result: object) -> None:
        paths = result if isinstance(result, tuple) else ()
        names = "\n".join(path.name for path in paths if isinstance(path, Path))
        messages.show_info(
            parent,
            QCoreApplication.translate("Disclosure", "Disclosure sheet written"),
            QCoreApplication.translate(
                "Disclosure",
                "Written to {folder}:\n{names}\n\nIt holds no personal data: print it for the "
                "members' assembly and the notice board.",
            ).format(folder=folder, names=names),
        )

    def failed(error: BaseException) -> None:
        messages.show_error(
            parent,
            QCoreApplication.translate("Disclosure", "The disclosure sheet was not written"),
            error,
        )

    return run_with_progress(
        parent,
        QCoreApplication.translate("Disclosure", "Writing the disclosure sheet…"),
        call,
        done,
        failed,
    )
