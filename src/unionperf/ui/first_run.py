"""The first-run wizard: make (or open) the workspace, the union's profile and its signing key.

product.md §2 step 1: the first run creates the workspace and the unit's passphrase-protected
signing key and shows the key id, with the key registration sheet (公钥登记表) to print for the
upper union. Four pages: the workspace folder (new, existing or the demo union) and whom it is
for — a grassroots union (基层工会) or an upper-level union (上级工会, which receives and reviews
its units' packages: product.md §3) — the unit profile (the credit code checked live against
GB 32100), the passphrase twice, the key (an upper union prints the key sheet its units check
its feedback and parameter packages against). The second and third pages and the page ids are
in ``first_run_pages``.

Tests replace :func:`choose_folder` and :func:`open_file`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.signing import KeyInfo, key_info
from unionperf.services.common.workspace import (
    Workspace,
    default_workspace_path,
    holds_workspace,
)
from unionperf.services.cycle import editing
from unionperf.services.cycle.demo import create_demo
from unionperf.ui import messages
from unionperf.ui.file_dialogs import choose_existing_folder
from unionperf.ui.first_run_pages import (
    GREEN,
    GREY,
    RED,
    Choice,
    Page,
    PassphrasePage,
    UnitPage,
    hint,
    hint_label,
)

__all__ = ["FirstRunWizard", "KeyPage", "WorkspacePage", "choose_folder", "open_file"]


def choose_folder(parent: QWidget | None, title: str, start: Path) -> Path | None:
    """Ask for a folder, starting in ``start``; ``None`` when cancelled."""
    return choose_existing_folder(parent, title, start=start)


def open_file(path: Path) -> bool:
    """Open a file (the key registration sheet) in the system's viewer."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


DEMO_FOLDER = "演示工作区"
"""The grassroots demo's folder, beside the default workspace (a name the user reads)."""
UPPER_DEMO_FOLDER = "上级演示工作区"
"""The upper-level demo's folder, beside the default workspace."""


class FirstRunWizard(QWizard):
    """The first-run wizard; after it is accepted, :meth:`chosen_path` is the workspace to open."""

    def __init__(self, default_folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.setWindowTitle(self.tr("UnionPerf – getting started"))
        self.default_folder = default_folder or default_workspace_path()
        self.created: Path | None = None
        self.key: KeyInfo | None = None
        self.unit: UnitProfile | None = None
        self.database: str | None = None
        """The PostgreSQL database the workspace made keeps its data in (``None``: SQLite)."""
        self.workspace_page = WorkspacePage(self)
        self.unit_page = UnitPage(self)
        self.passphrase_page = PassphrasePage(self)
        self.key_page = KeyPage(self)
        self.setPage(Page.WORKSPACE, self.workspace_page)
        self.setPage(Page.UNIT, self.unit_page)
        self.setPage(Page.PASSPHRASE, self.passphrase_page)
        self.setPage(Page.KEY, self.key_page)
        self.setStartId(Page.WORKSPACE)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.currentIdChanged.connect(self._page_shown)
        self.resize(780, 580)

    def choice(self) -> Choice:
        """New workspace, existing one or the demo."""
        return self.workspace_page.choice()

    def level(self) -> UnitLevel:
        """Whom the workspace is for: a grassroots union or an upper-level union."""
        return self.workspace_page.level()

    def chosen_path(self) -> Path | None:
        """The workspace to open: the one made, or the existing one chosen."""
        if self.created is not None:
            return self.created
        if self.choice() is Choice.OPEN:
            return self.workspace_page.folder()
        return None

    def create_workspace(self) -> bool:
        """Make the workspace (or the demo) with the profile and the key; ``False`` if refused."""
        if self.created is not None:
            return True
        folder = self.workspace_page.folder()
        if folder is None:
            return False
        passphrase = self.passphrase_page.passphrase()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            upper = self.level() is UnitLevel.UPPER
            if self.choice() is Choice.DEMO and upper:
                from unionperf.services.inbox.upper_demo import (  # noqa: PLC0415 - rarely
                    create_upper_demo,
                )

                workspace = create_upper_demo(folder, passphrase)
            elif self.choice() is Choice.DEMO:
                workspace = create_demo(folder, passphrase=passphrase)
            else:
                profile = self.unit_page.profile()
                database = self.unit_page.database_url()
                workspace = Workspace.create(folder, profile, passphrase, database=database)
                if profile.level is not UnitLevel.UPPER:
                    editing.add_year(workspace, messages.this_year())
            try:
                self.key, self.unit = key_info(workspace), workspace.unit()
                self.database = workspace.database_url
            finally:
                workspace.close()
        except ServiceError as error:
            QGuiApplication.restoreOverrideCursor()
            messages.show_error(self, self.tr("The workspace was not created"), error)
            return False
        QGuiApplication.restoreOverrideCursor()
        self.created = folder
        return True

    def _page_shown(self, page: int) -> None:
        # nothing to cancel once the workspace is made (the option, not a page's final flag:
        # "open an existing workspace" makes the first page final and keeps its Cancel)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, page == Page.KEY)

    def reject(self) -> None:
        """Once the workspace exists, closing the wizard opens it instead of cancelling."""
        if self.created is not None:
            self.accept()
        else:
            super().reject()


class WorkspacePage(QWizardPage):
    """Page 1: a new workspace, an existing one, or the demo union; and its folder."""

    def __init__(self, owner: FirstRunWizard) -> None:
        super().__init__()
        self.owner = owner
        self.setTitle(self.tr("Welcome to UnionPerf"))
        self.setSubTitle(
            self.tr(
                "Everything of your union is kept in one workspace folder on this computer: "
                "the yearly data, backups, evidence files and the signing key."
            )
        )
        self.new_radio = QRadioButton(self.tr("Create a new workspace for my union"))
        self.new_radio.setObjectName("choiceNew")
        self.open_radio = QRadioButton(self.tr("Open an existing workspace"))
        self.open_radio.setObjectName("choiceOpen")
        self.demo_radio = QRadioButton(
            self.tr("Try the demo union first (sample data to learn with; your own comes later)")
        )
        self.demo_radio.setObjectName("choiceDemo")
        self.group = QButtonGroup(self)
        for radio in (self.new_radio, self.open_radio, self.demo_radio):
            self.group.addButton(radio)
        self.new_radio.setChecked(True)
        self.grassroots_radio = QRadioButton(
            self.tr("A grassroots union: budget, targets, monitoring, self-evaluation, reporting")
        )
        self.grassroots_radio.setObjectName("levelGrassroots")
        self.upper_radio = QRadioButton(
            self.tr("An upper-level union: receives, reviews and aggregates its units' packages")
        )
        self.upper_radio.setObjectName("levelUpper")
        self.levels = QButtonGroup(self)
        self.levels.addButton(self.grassroots_radio)
        self.levels.addButton(self.upper_radio)
        self.grassroots_radio.setChecked(True)
        self.folder_edit = QLineEdit(str(owner.default_folder))
        self.folder_edit.setObjectName("workspaceFolder")
        browse = QPushButton(self.tr("Browse…"))
        browse.setObjectName("browseFolder")
        browse.clicked.connect(self._browse)
        self.hint = hint_label("folderHint")
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        for radio in (self.new_radio, self.open_radio, self.demo_radio):
            layout.addWidget(radio)
        layout.addSpacing(12)
        self.level_label = QLabel(self.tr("The workspace is for:"))
        layout.addWidget(self.level_label)
        layout.addWidget(self.grassroots_radio)
        layout.addWidget(self.upper_radio)
        layout.addSpacing(12)
        layout.addWidget(QLabel(self.tr("Workspace folder:")))
        layout.addLayout(row)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.group.buttonToggled.connect(self._choice_changed)
        self.levels.buttonToggled.connect(self._choice_changed)
        self.folder_edit.textChanged.connect(self._update)
        self._update()

    def choice(self) -> Choice:
        """The option picked."""
        if self.open_radio.isChecked():
            return Choice.OPEN
        return Choice.DEMO if self.demo_radio.isChecked() else Choice.NEW

    def level(self) -> UnitLevel:
        """Grassroots or upper-level union (an existing workspace keeps its own)."""
        return UnitLevel.UPPER if self.upper_radio.isChecked() else UnitLevel.GRASSROOTS

    def folder(self) -> Path | None:
        """The folder typed or chosen (``None`` when empty)."""
        text = self.folder_edit.text().strip()
        return Path(text).expanduser() if text else None

    def isComplete(self) -> bool:
        return self._problem() is None

    def nextId(self) -> int:
        match self.choice():
            case Choice.OPEN:
                return -1
            case Choice.DEMO:
                return int(Page.PASSPHRASE)
            case Choice.NEW:
                return int(Page.UNIT)

    def _problem(self) -> str | None:
        folder = self.folder()
        if folder is None:
            return self.tr("Choose a folder.")
        held = holds_workspace(folder)
        if self.choice() is Choice.OPEN:
            if not held:
                return self.tr("No workspace in this folder (unionperf.sqlite is missing).")
            return None
        if folder.exists() and not folder.is_dir():
            return self.tr("This is a file, not a folder.")
        if held:
            return self.tr(
                "This folder already holds a workspace: choose “Open an existing workspace”, "
                "or another folder."
            )
        return None

    def _choice_changed(self) -> None:
        demo_folder = self.owner.default_folder.with_name(DEMO_FOLDER)
        upper_demo = self.owner.default_folder.with_name(UPPER_DEMO_FOLDER)
        if self.level() is UnitLevel.UPPER:
            demo_folder, upper_demo = upper_demo, demo_folder
        text = self.folder_edit.text().strip()
        if self.choice() is Choice.DEMO and text in {
            str(self.owner.default_folder),
            str(upper_demo),
        }:
            self.folder_edit.setText(str(demo_folder))
        elif self.choice() is not Choice.DEMO and text in {str(demo_folder), str(upper_demo)}:
            self.folder_edit.setText(str(self.owner.default_folder))
        self._update()

    def _update(self) -> None:
        problem = self._problem()
        folder = self.folder()
        if problem is not None:
            hint(self.hint, problem, RED)
        elif self.choice() is Choice.OPEN:
            hint(self.hint, self.tr("✓ A workspace was found in this folder."), GREEN)
        elif folder is not None and folder.is_dir() and any(folder.iterdir()):
            hint(self.hint, self.tr("The workspace files will be added to this folder."), GREY)
        else:
            hint(
                self.hint,
                self.tr(
                    "The folder will be created: {folder}\nYou find it later with File › Open the"
                    " workspace folder."
                ).format(folder=folder),
                GREY,
            )
        opening = self.choice() is Choice.OPEN
        for widget in (self.level_label, self.grassroots_radio, self.upper_radio):
            widget.setEnabled(not opening)  # an existing workspace has its own
        self.setFinalPage(opening)
        self.completeChanged.emit()

    def _browse(self) -> None:
        start = self.folder() or self.owner.default_folder
        while not start.exists() and start != start.parent:
            start = start.parent
        chosen = choose_folder(self, self.tr("Workspace folder"), start)
        if chosen is not None:
            self.folder_edit.setText(str(chosen))


class KeyPage(QWizardPage):
    """Page 4: the key id to register with the upper union, and its registration sheet."""

    def __init__(self, owner: FirstRunWizard) -> None:
        super().__init__()
        self.owner = owner
        self.sheet: Path | None = None
        self.setTitle(self.tr("Your signing key is ready"))
        self.setSubTitle(
            self.tr("Register it with the upper union before you send your first package.")
        )
        self.folder = QLabel()
        self.folder.setObjectName("createdFolder")
        self.folder.setWordWrap(True)
        self.key_id = QLabel()
        self.key_id.setObjectName("keyId")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.6)
        font.setWeight(QFont.Weight.Bold)
        self.key_id.setFont(font)
        self.key_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = note = QLabel()
        note.setObjectName("keyNote")
        note.setWordWrap(True)
        self.print_button = QPushButton(self.tr("Print the key registration sheet…"))
        self.print_button.setObjectName("printKeySheet")
        self.print_button.clicked.connect(self.print_sheet)
        self.sheet_label = hint_label("keySheetPath")
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folder)
        layout.addSpacing(8)
        layout.addWidget(QLabel(self.tr("Key id (fingerprint):")))
        layout.addWidget(self.key_id)
        layout.addSpacing(8)
        layout.addWidget(note)
        layout.addLayout(row)
        layout.addWidget(self.sheet_label)
        layout.addStretch(1)

    def initializePage(self) -> None:
        key = self.owner.key
        self.key_id.setText(_grouped(key.key_id) if key else "")
        unit = self.owner.unit
        if unit is not None and unit.level is UnitLevel.UPPER:
            self.setSubTitle(
                self.tr("Your units check this union's feedback and parameters against it.")
            )
            self.note.setText(
                self.tr(
                    "Print the key sheet, have it signed and sealed, and give it to your units "
                    "with the public key file: a unit trusts this union's key only when the key "
                    "id matches the paper."
                )
            )
            self.print_button.setText(self.tr("Print this union's key sheet…"))
        else:
            self.setSubTitle(
                self.tr("Register it with the upper union before you send your first package.")
            )
            self.note.setText(
                self.tr(
                    "The upper union checks every package you send against this key id. Print "
                    "the key registration sheet, have it signed by the chair, seal it and hand "
                    "it to the upper union's finance department."
                )
            )
            self.print_button.setText(self.tr("Print the key registration sheet…"))
        created = self.tr("The workspace was created in {path}.").format(path=self.owner.created)
        if self.owner.database is not None:
            created += "\n" + self.tr("Its data are kept in the PostgreSQL database {url}.").format(
                url=self.owner.database
            )
        self.folder.setText(created)

    def print_sheet(self) -> None:
        """Write the key registration sheet (PDF) into the workspace folder and open it."""
        if self.owner.key is None or self.owner.created is None:
            return
        try:
            from unionperf.services.cycle.key_sheet import write_key_sheet  # noqa: PLC0415 - reportlab

            self.sheet = write_key_sheet(self.owner.key, self.owner.unit, self.owner.created)
        except ServiceError as error:
            messages.show_error(self, self.tr("The sheet was not written"), error)
            return
        hint(
            self.sheet_label,
            self.tr("Written to {path}; print it from the PDF viewer.").format(path=self.sheet),
            GREY,
        )
        open_file(self.sheet)


def _grouped(key_id: str) -> str:
    return " ".join(key_id[index : index + 4] for index in range(0, len(key_id), 4))
