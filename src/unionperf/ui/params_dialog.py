"""参数下发 at the unit, in the window: the upper level's parameter package, what it changes, apply.

The package is opened from 文件 › 导入上级工会参数包…, by double-click on the ``.upkg`` (the
package opener hands it here) or dropped on the window. :func:`show_params` verifies it off the
GUI thread against the upper level's key the unit trusts
(``services.cycle.params.preview_params``, nothing written) and shows :class:`ParamsDialog`:

- the indicator library's entries added, changed and no longer offered;
- the rule settings, old → new, for each year not yet signed (signed years keep theirs);
- the stage deadlines, new or moved.

应用 receives it (the same service as ``unionperf receive``); the window then reads the year
again and shows the deadlines. A package not newer than the one applied is refused with the
service's Chinese sentence. With no upper key trusted yet, the unit profile's import of the key
opens (its id typed off the upper level's sealed sheet), and the package is shown once the key
is trusted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.cycle import Step
from unionperf.domain.parameters import StageDeadline
from unionperf.services.common.progress import Progress
from unionperf.services.cycle.params import ParamsPreview, ParamsRefusedError, preview_params
from unionperf.ui import messages
from unionperf.ui.file_dialogs import choose_open_file
from unionperf.ui.jobs import Job, run_with_progress
from unionperf.ui.steps.submit.views import fit_columns, table_view
from unionperf.ui.widgets.table_model import Column, RowTableModel

if TYPE_CHECKING:
    from unionperf.services.common.workspace import Workspace
    from unionperf.ui.main_window import MainWindow

__all__ = [
    "ParamsDialog",
    "after_params_applied",
    "choose_params_file",
    "dropped_packages",
    "import_params",
    "receive_unless_params",
    "show_params",
    "show_params_from",
]

DIALOG_WIDTH_CHARS = 52
TABLE_ROWS = 8
"""The tables are tall enough for this many rows before they scroll."""

Row = tuple[str, ...]
PACKAGE_SUFFIX = ".upkg"


def choose_params_file(parent: QWidget) -> Path | None:
    """Ask for the upper level's parameter package; ``None`` when cancelled."""
    return choose_open_file(
        parent,
        QCoreApplication.translate("ParamsDialog", "Parameter package of the upper level"),
        QCoreApplication.translate("ParamsDialog", "Packages (*.upkg);;All files (*)"),
    )


def import_params(window: MainWindow) -> Job | None:
    """文件 › 导入上级工会参数包…: choose the file, then :func:`show_params`."""
    path = choose_params_file(window)
    return show_params(window, path) if path is not None else None


def dropped_packages(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """The local ``.upkg`` files a drag carries (empty when it carries none)."""
    data = event.mimeData()
    if data is None or not data.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]
    return [path for path in paths if path.name.lower().endswith(PACKAGE_SUFFIX)]


def receive_unless_params(workspace: Workspace, path: Path) -> object:
    """Receive a package chosen as feedback; a parameter package is left as it is.

    Returns the outcomes of ``receive``, or the parameter package's path, to be shown with what
    it changes first (:func:`show_params_from`).
    """
    from unionperf.services.inbox.receive import receive  # noqa: PLC0415
    from unionperf.services.views.package_info import Relation, describe_package  # noqa: PLC0415

    if describe_package(workspace, path).relation is Relation.PARAMS_FOR_UNIT:
        return path
    return receive(workspace, [path])


def show_params_from(widget: QWidget, path: Path) -> Job:
    """:func:`show_params` in the grassroots window that holds ``widget``."""
    return show_params(cast("MainWindow", widget.window()), path)


def show_params(window: MainWindow, path: Path) -> Job:
    """Verify a parameter package off the GUI thread, then show what applying it changes."""
    workspace = window.workspace

    def call(_progress: Progress) -> object:
        return preview_params(workspace, path)

    def previewed(result: object) -> None:
        if isinstance(result, ParamsPreview):
            dialog = ParamsDialog(result, path, window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.params_dialog = dialog
            dialog.destroyed.connect(lambda: _forget(window, dialog))
            dialog.open()

    def failed(error: BaseException) -> None:
        if isinstance(error, ParamsRefusedError) and error.code == "untrusted":
            _trust_first(window, path)
            return
        messages.show_error(
            window,
            QCoreApplication.translate("ParamsDialog", "The parameter package cannot be applied"),
            error,
        )

    return run_with_progress(
        window,
        QCoreApplication.translate("ParamsDialog", "Checking the parameter package…"),
        call,
        previewed,
        failed,
    )


def after_params_applied(window: MainWindow) -> None:
    """Show what applying changed: the year's settings read again, the library, the deadlines."""
    from unionperf.ui.deadlines import refresh_deadlines  # noqa: PLC0415 - the window imports it
    from unionperf.ui.steps.targets.page import TargetsStep  # noqa: PLC0415

    window.refresh_years()
    targets = window.step_pages.get(Step.TARGETS)
    if isinstance(targets, TargetsStep):
        targets.library = None  # read again when it is next offered
    refresh_deadlines(window)


def _forget(window: MainWindow, dialog: ParamsDialog) -> None:
    if window.params_dialog is dialog:
        window.params_dialog = None


def _trust_first(window: MainWindow, path: Path) -> None:
    """No upper key is trusted: import it (id typed off the sheet), then show the package."""
    from unionperf.ui.steps.unit.page import UnitStep  # noqa: PLC0415 - the window's own page

    messages.show_info(
        window,
        QCoreApplication.translate("ParamsDialog", "Import the upper level's key first"),
        QCoreApplication.translate(
            "ParamsDialog",
            "This workspace does not trust the upper-level union's public key yet, so the "
            "parameter package cannot be checked. Choose the public key file the upper-level "
            "union gave you and type the key id from its sealed key sheet; the package is "
            "shown once the key is imported.",
        ),
    )
    page = window.open_step(Step.UNIT)
    assert isinstance(page, UnitStep)
    page.keys.trusted.connect(
        lambda: show_params(window, path), Qt.ConnectionType.SingleShotConnection
    )
    page.keys.import_upper_key()


def library_rows(preview: ParamsPreview) -> list[Row]:
    """(change, indicator) for every library entry added, changed or no longer offered."""
    words = (
        (QCoreApplication.translate("ParamsDialog", "Added"), preview.added),
        (QCoreApplication.translate("ParamsDialog", "Changed"), preview.changed),
        (QCoreApplication.translate("ParamsDialog", "No longer offered"), preview.removed),
    )
    return [(word, name) for word, names in words for name in names]


def settings_rows(preview: ParamsPreview) -> list[Row]:
    """(year, setting, old, new) for every setting changed in every year not yet signed."""
    rows: list[Row] = []
    for item in preview.years:
        year = QCoreApplication.translate("ParamsDialog", "{year}").format(year=item.year)
        if not item.changes:
            same = QCoreApplication.translate("ParamsDialog", "(no change)")
            rows.append((year, same, "", ""))
        rows.extend((year, change.label, change.old, change.new) for change in item.changes)
    return rows


def deadline_rows(preview: ParamsPreview) -> list[Row]:
    """(year and stage, due, before) for every deadline of the package."""
    before: dict[StageDeadline, str] = {}
    for deadline, held in preview.moved:
        before[deadline] = (
            held.isoformat()
            if held is not None
            else QCoreApplication.translate("ParamsDialog", "(new)")
        )
    unchanged = QCoreApplication.translate("ParamsDialog", "(unchanged)")
    return [
        (item.label, item.due.isoformat(), before.get(item, unchanged))
        for item in sorted(preview.deadlines, key=lambda item: (item.due, item.stage))
    ]


def _local_time(text: str) -> str:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment.tzinfo else text


def _cell(number: int) -> Callable[[Row], str]:
    def text(row: Row) -> str:
        return row[number]

    return text


def _columns(*titles: tuple[str, int]) -> list[Column[Row]]:
    return [
        Column(title, _cell(number), width_chars=width)
        for number, (title, width) in enumerate(titles)
    ]


class ParamsDialog(QDialog):
    """What a verified parameter package changes, with 应用 (apply) and 取消."""

    def __init__(self, preview: ParamsPreview, path: Path, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("paramsDialog")
        self.preview = preview
        self.path = path
        self.main_window = window
        self.setWindowTitle(
            self.tr("Parameter package No. {number}").format(number=preview.sequence)
        )
        heading = QLabel(
            self.tr("Parameters of {sender}, No. {number}").format(
                sender=preview.sender, number=preview.sequence
            )
        )
        heading.setObjectName("paramsHeading")
        font = QFont(heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("paramsTabs")
        self.tables: dict[str, RowTableModel[Row]] = {}
        self._add_tabs()
        self.summary = QLabel(self._summary())
        self.summary.setObjectName("paramsSummary")
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.addButton(
            self.tr("Apply"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setObjectName("applyParams")
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(self._facts())
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        em = self.fontMetrics().horizontalAdvance("中")
        self.setMinimumWidth(em * DIALOG_WIDTH_CHARS)

    # -- what it holds -------------------------------------------------------------------------

    def _facts(self) -> QFormLayout:
        preview = self.preview
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        grouped = " ".join(preview.key_id[at : at + 4] for at in range(0, len(preview.key_id), 4))
        rows = [
            ("file", self.tr("File"), str(self.path)),
            ("created", self.tr("Written"), _local_time(preview.created_at)),
            (
                "signature",
                self.tr("Signature"),
                self.tr(
                    "Valid, checked with the upper level's public key this unit trusts "
                    "(key id {key})"
                ).format(key=grouped),
            ),
        ]
        if preview.note:
            rows.insert(1, ("note", self.tr("Note"), preview.note))
        self.facts: dict[str, QLabel] = {}
        for name, caption, text in rows:
            value = QLabel(text)
            value.setObjectName(f"params_{name}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(caption, value)
            self.facts[name] = value
        return form

    def _add_tabs(self) -> None:
        preview = self.preview
        if preview.library is not None:
            title = self.tr("Indicator library (+{added} ~{changed} −{removed})").format(
                added=len(preview.added),
                changed=len(preview.changed),
                removed=len(preview.removed),
            )
            intro = self.tr(
                "The library the targets step offers becomes “{title} {version}” "
                "({count} indicators). Indicators already in the targets are kept."
            ).format(
                title=preview.library.title,
                version=preview.library.version,
                count=len(preview.library.entries),
            )
            columns = _columns((self.tr("Change"), 8), (self.tr("Indicator"), 0))
            self._tab("library", title, intro, columns, library_rows(preview), 1)
        if preview.settings is not None:
            self._tab(
                "settings",
                self.tr("Rule settings"),
                self._settings_intro(),
                _columns(
                    (self.tr("Year"), 5),
                    (self.tr("Setting"), 14),
                    (self.tr("Now"), 10),
                    (self.tr("After applying"), 10),
                ),
                settings_rows(preview),
                3,
            )
        if preview.deadlines:
            self._tab(
                "deadlines",
                self.tr("Deadlines"),
                self.tr(
                    "The upper level expects each stage by these dates; the window and the "
                    "problems panel show how many days are left."
                ),
                _columns(
                    (self.tr("Year and stage"), 16),
                    (self.tr("Due"), 8),
                    (self.tr("Before"), 8),
                ),
                deadline_rows(preview),
                0,
            )

    def _settings_intro(self) -> str:
        preview = self.preview
        parts = []
        if preview.years:
            years = "、".join(str(item.year) for item in preview.years)
            parts.append(
                self.tr("Applies to the years not signed yet: {years}.").format(years=years)
            )
        else:
            parts.append(
                self.tr("No year here is open: the settings apply to years started later.")
            )
        if preview.skipped:
            years = "、".join(str(year) for year in preview.skipped)
            parts.append(
                self.tr(
                    "{years}: signed off or sent, their settings stay as they were signed."
                ).format(years=years)
            )
        return " ".join(parts)

    def _tab(  # noqa: PLR0917 - one tab's parts
        self,
        name: str,
        title: str,
        intro: str,
        columns: list[Column[Row]],
        rows: list[Row],
        stretch: int,
    ) -> None:
        model: RowTableModel[Row] = RowTableModel(columns, self)
        model.set_rows(rows)
        view = table_view(f"params_{name}Table", model, stretch)
        fit_columns((view, columns), em=self.fontMetrics().horizontalAdvance("中"))
        line = view.verticalHeader().defaultSectionSize()
        view.setMinimumHeight(view.horizontalHeader().sizeHint().height() + TABLE_ROWS * line)
        label = QLabel(intro)
        label.setWordWrap(True)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(label)
        column.addWidget(view, 1)
        self.tabs.addTab(page, title)
        self.tables[name] = model

    def _summary(self) -> str:
        if self.tabs.count() == 0:
            return self.tr("The package changes nothing here.")
        return self.tr(
            "Apply changes this workspace as listed; a later parameter package of the upper "
            "level replaces it, an older one is refused."
        )

    # -- applying ------------------------------------------------------------------------------

    def apply(self) -> Job:
        """Receive the package (verified again, all or nothing), then show what was applied."""
        window, path = self.main_window, self.path
        workspace = window.workspace
        self.apply_button.setEnabled(False)

        def call(_progress: Progress) -> object:
            from unionperf.services.inbox.receive import receive  # noqa: PLC0415

            return receive(workspace, [path])

        return run_with_progress(
            self,
            self.tr("Applying the parameter package…"),
            call,
            self._applied,
            self._failed,
        )

    def _applied(self, result: object) -> None:
        outcomes = list(result) if isinstance(result, list) else []
        if not outcomes:
            return
        outcome = outcomes[0]
        window = self.main_window
        self.accept()
        if outcome.refused:
            messages.show_error(
                window, self.tr("The parameter package cannot be applied"), outcome.message
            )
            return
        after_params_applied(window)
        messages.show_info(window, self.tr("Parameter package applied"), outcome.message)

    def _failed(self, error: BaseException) -> None:
        self.apply_button.setEnabled(True)
        messages.show_error(self, self.tr("The parameter package was not applied"), error)
