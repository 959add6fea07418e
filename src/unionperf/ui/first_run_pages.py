"""The first-run wizard's page ids and two of its pages: the unit profile and the passphrase.

An upper-level union may name a PostgreSQL database on the profile page (optional; empty keeps
the local SQLite file). Next checks it as ``unionperf init --database`` does
(:func:`~unionperf.services.common.workspace.check_new_database`) and says in the hint under
the field why it is refused.

Also the coloured hint lines every page of the wizard shows under its fields.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from unionperf.domain.credit_code import credit_code_error
from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.services.common.errors import InputError, ServiceError
from unionperf.services.common.inputs import check_unit
from unionperf.services.common.passphrase import (
    DEMO_NOTICE,
    Strength,
    passphrase_problem,
    passphrase_strength,
)
from unionperf.services.common.workspace import check_new_database

if TYPE_CHECKING:
    from unionperf.ui.first_run import FirstRunWizard

__all__ = [
    "GREEN",
    "GREY",
    "RED",
    "Choice",
    "Page",
    "PassphrasePage",
    "UnitPage",
    "hint",
    "hint_label",
]


RED, GREEN, GREY, AMBER = "#b3261e", "#1e7a34", "#5f5f5f", "#a15c00"
STRENGTH_COLOURS = {
    Strength.REFUSED: RED,
    Strength.WEAK: AMBER,
    Strength.FAIR: AMBER,
    Strength.STRONG: GREEN,
}


class Choice(StrEnum):
    """What the first page chose."""

    NEW = "new"
    OPEN = "open"
    DEMO = "demo"


class Page(IntEnum):
    """The wizard's page ids."""

    WORKSPACE = 0
    UNIT = 1
    PASSPHRASE = 2
    KEY = 3


def hint(label: QLabel, text: str, colour: str) -> None:
    """Show a hint line in its colour (red: a problem, green: fine, grey: a note)."""
    label.setText(text)
    label.setStyleSheet(f"color: {colour};")


def hint_label(name: str) -> QLabel:
    """An empty, word-wrapped hint line."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


class UnitPage(QWizardPage):
    """Page 2: the union's profile; Next waits for a name and a valid credit code."""

    def __init__(self, owner: FirstRunWizard) -> None:
        super().__init__()
        self.owner = owner
        self.setTitle(self.tr("Your union"))
        self.setSubTitle(
            self.tr(
                "As on the union's registration certificate. "
                "Everything but the name and the credit code can be completed later."
            )
        )
        self.name = self._line("unitName")
        self.credit_code = self._line("creditCode")
        self.credit_code.setMaxLength(18)
        self.credit_code.setPlaceholderText(self.tr("18 characters, e.g. 81350100MC0000000X"))
        self.credit_code.textEdited.connect(self._upper_case)
        self.code_hint = hint_label("creditCodeHint")
        self.level = QComboBox()
        self.level.setObjectName("unitLevel")
        self.level.addItem(self.tr("Grassroots union"), UnitLevel.GRASSROOTS.value)
        self.level.addItem(
            self.tr("Upper-level union (receives the packages of its units)"), UnitLevel.UPPER.value
        )
        self.upper_union = self._line("upperUnion")
        self.accountant = self._line("accountant")
        self.chair = self._line("chair")
        self.audit_chair = self._line("auditChair")
        self.names_hint = hint_label("signoffNamesHint")
        hint(
            self.names_hint,
            self.tr(
                "The three names are filled in whenever a stage is signed off; "
                "they can be changed later under Unit profile."
            ),
            GREY,
        )
        self.contact = self._line("contactPhone")
        self.database = self._line("databaseUrl")
        self.database.setPlaceholderText(self.tr("postgresql+psycopg://user@server/database"))
        self.database.textChanged.connect(self._database_edited)
        self.database_hint = hint_label("databaseHint")
        self._database_edited()
        self.problem = hint_label("unitProblem")
        form = QFormLayout(self)
        form.addRow(self.tr("Union name *"), self.name)
        form.addRow(self.tr("Unified social credit code *"), self.credit_code)
        form.addRow("", self.code_hint)
        form.addRow(self.tr("Level"), self.level)
        form.addRow(self.tr("Upper-level union"), self.upper_union)
        form.addRow(self.tr("Preparer (accountant)"), self.accountant)
        form.addRow(self.tr("Union chair"), self.chair)
        form.addRow(self.tr("Audit committee chair"), self.audit_chair)
        form.addRow("", self.names_hint)
        form.addRow(self.tr("Contact phone"), self.contact)
        form.addRow(self.tr("Database (optional)"), self.database)
        form.addRow("", self.database_hint)
        form.addRow("", self.problem)
        self.form = form
        for edit in (self.name, self.credit_code):
            edit.textChanged.connect(self._update)
        self.level.currentIndexChanged.connect(self._update)
        self.level.currentIndexChanged.connect(self._level_rows)
        self._level_rows()
        self._update()

    def _level_rows(self, _index: int = 0) -> None:
        """The sign-off names are a grassroots union's, the database an upper union's."""
        grassroots = self.level.currentData() == UnitLevel.GRASSROOTS.value
        for widget in (self.accountant, self.chair, self.audit_chair, self.names_hint):
            self.form.setRowVisible(widget, grassroots)
        for widget in (self.database, self.database_hint):
            self.form.setRowVisible(widget, not grassroots)

    def database_url(self) -> str | None:
        """The PostgreSQL database entered for an upper union (``None``: its SQLite file)."""
        if self.level.currentData() != UnitLevel.UPPER.value:
            return None
        return self.database.text().strip() or None

    def validatePage(self) -> bool:
        """Next: a database entered is checked now, and refused in the hint under it."""
        url = self.database_url()
        if url is None:
            return True
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            check_new_database(url)
        except ServiceError as error:
            hint(self.database_hint, str(error), RED)
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        hint(self.database_hint, self.tr("✓ The database can be used."), GREEN)
        return True

    def _database_edited(self) -> None:
        hint(
            self.database_hint,
            self.tr(
                "Leave it empty to keep the data in a local database file in the workspace folder; "
                "a large union may enter the address of its PostgreSQL database (no password in "
                "it: see the IT section of the upper-level guide)."
            ),
            GREY,
        )

    def initializePage(self) -> None:
        """Take the level chosen on the first page (the combo can still change it)."""
        level = self.owner.level()
        self.level.setCurrentIndex(self.level.findData(level.value))
        if level is UnitLevel.UPPER:
            self.setTitle(self.tr("Your union (upper level)"))
        else:
            self.setTitle(self.tr("Your union"))

    def _line(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        return edit

    def profile(self) -> UnitProfile:
        """The profile as entered."""
        return UnitProfile(
            name=self.name.text().strip(),
            credit_code=self.credit_code.text().strip().upper(),
            level=UnitLevel(self.level.currentData()),
            upper_union=self.upper_union.text().strip(),
            accountant=self.accountant.text().strip(),
            chair=self.chair.text().strip(),
            audit_chair=self.audit_chair.text().strip(),
            contact_phone=self.contact.text().strip(),
        )

    def isComplete(self) -> bool:
        return self._problem() is None

    def _problem(self) -> str | None:
        try:
            check_unit(self.profile())
        except InputError as error:
            return str(error)
        return None

    def _upper_case(self, text: str) -> None:
        if text != text.upper():
            position = self.credit_code.cursorPosition()
            self.credit_code.setText(text.upper())
            self.credit_code.setCursorPosition(position)

    def _update(self) -> None:
        profile = self.profile()
        code = profile.credit_code
        if not code and profile.level is UnitLevel.UPPER:
            hint(self.code_hint, self.tr("An upper-level union may leave it empty."), GREY)
        elif not code:
            hint(self.code_hint, self.tr("Enter the 18-character credit code."), RED)
        else:
            reason = credit_code_error(code)  # GB 32100: length, alphabet, check character
            if reason is None:
                hint(self.code_hint, self.tr("✓ The credit code is valid."), GREEN)
            else:
                hint(self.code_hint, reason, RED)
        problem = self._problem()
        show = problem is not None and profile.name == "" and credit_code_error(code) is None
        hint(self.problem, self.tr("Enter the union's name.") if show else "", RED)
        self.completeChanged.emit()


class PassphrasePage(QWizardPage):
    """Page 3: the signing passphrase, twice, with a strength hint; commits the workspace."""

    def __init__(self, owner: FirstRunWizard) -> None:
        super().__init__()
        self.owner = owner
        self.setTitle(self.tr("Signing passphrase"))
        self.setSubTitle(
            self.tr(
                "Packages for the upper union are signed with your union's own key, so that it "
                "can tell they come from you unchanged. The key is locked with this passphrase."
            )
        )
        note = QLabel(
            self.tr(
                "Choose a passphrase you will remember and keep it safe: it is asked whenever a "
                "package is exported. If it is lost, a new key has to be made and registered "
                "with the upper union again."
            )
        )
        note.setWordWrap(True)
        self.first = self._secret("passphrase")
        self.second = self._secret("passphraseAgain")
        self.show_text = QCheckBox(self.tr("Show the passphrase"))
        self.show_text.setObjectName("showPassphrase")
        self.show_text.toggled.connect(self._show)
        self.strength = hint_label("strengthHint")
        self.match = hint_label("matchHint")
        form = QFormLayout()
        form.addRow(self.tr("Passphrase"), self.first)
        form.addRow("", self.strength)
        form.addRow(self.tr("Passphrase again"), self.second)
        form.addRow("", self.match)
        form.addRow("", self.show_text)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addStretch(1)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Create the workspace"))
        for edit in (self.first, self.second):
            edit.textChanged.connect(self._update)
        self._update()

    def _secret(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def passphrase(self) -> str:
        """The passphrase entered."""
        return self.first.text()

    def isComplete(self) -> bool:
        if self.first.text() != self.second.text():
            return False
        if self._throwaway():
            return bool(self.first.text())  # the demo's passphrase is public anyway
        return passphrase_strength(self.first.text()).strength is not Strength.REFUSED

    def _throwaway(self) -> bool:
        return self.owner.choice() is Choice.DEMO

    def validatePage(self) -> bool:
        return self.owner.create_workspace()

    def _show(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.second.setEchoMode(mode)

    def _update(self) -> None:
        report = passphrase_strength(self.first.text())
        texts = {
            Strength.REFUSED: passphrase_problem(self.first.text()) or "",
            Strength.WEAK: self.tr(
                "Weak: a longer sentence, or letters mixed with digits and symbols, is harder "
                "to guess."
            ),
            Strength.FAIR: self.tr("Fair: 12 or more characters of three kinds make it strong."),
            Strength.STRONG: self.tr("Strong."),
        }
        detail = self.tr("({length} characters of {kinds} kinds)")
        text = texts[report.strength]
        if self._throwaway():
            text = DEMO_NOTICE
        if report.length:
            text += " " + detail.format(length=report.length, kinds=report.classes)
        hint(self.strength, text, STRENGTH_COLOURS[report.strength])
        if not self.second.text():
            hint(self.match, self.tr("Type the passphrase again."), GREY)
        elif self.second.text() != self.first.text():
            hint(self.match, self.tr("The two entries differ."), RED)
        else:
            hint(self.match, self.tr("✓ The two entries match."), GREEN)
        self.completeChanged.emit()
