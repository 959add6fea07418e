"""文件 › 本会信息…: the upper union's own profile (name, credit code, contacts).

An upper-level workspace has no 单位信息 step; its name heads the window and the reports, and
its credit code names the parameter packages it signs. Saved through
``services.common.unit_profile.update_unit`` (the credit code checked against GB 32100); a
refusal is shown in the dialog, which stays open.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.unit import UnitProfile
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.unit_profile import update_unit
from unionperf.services.common.workspace import Workspace
from unionperf.ui.first_run_pages import RED, hint, hint_label

__all__ = ["ProfileDialog"]


class ProfileDialog(QDialog):
    """Edit the upper union's name, credit code, upper union, accountant and phone."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("upperProfileDialog")
        self.setWindowTitle(self.tr("This union's profile"))
        self.workspace = workspace
        self.saved: UnitProfile | None = None
        unit = workspace.unit() or UnitProfile("", "")
        self.name = QLineEdit(unit.name)
        self.name.setObjectName("profileName")
        self.credit_code = QLineEdit(unit.credit_code)
        self.credit_code.setObjectName("profileCreditCode")
        self.credit_code.setMaxLength(18)
        self.upper_union = QLineEdit(unit.upper_union)
        self.upper_union.setObjectName("profileUpperUnion")
        self.accountant = QLineEdit(unit.accountant)
        self.accountant.setObjectName("profileAccountant")
        self.phone = QLineEdit(unit.contact_phone)
        self.phone.setObjectName("profilePhone")
        self.problem = hint_label("profileProblem")
        note = QLabel(
            self.tr(
                "The credit code names the parameter packages this union signs; the units see "
                "the name on its feedback."
            )
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Union name *"), self.name)
        form.addRow(self.tr("Unified social credit code"), self.credit_code)
        form.addRow(self.tr("Its own upper-level union"), self.upper_union)
        form.addRow(self.tr("Finance officer"), self.accountant)
        form.addRow(self.tr("Contact phone"), self.phone)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 34)

    def submit(self) -> None:
        """Save the profile; a refusal stays in the dialog, nothing saved."""
        try:
            self.saved = update_unit(
                self.workspace,
                name=self.name.text().strip(),
                credit_code=self.credit_code.text().strip().upper(),
                upper_union=self.upper_union.text().strip(),
                accountant=self.accountant.text().strip(),
                contact_phone=self.phone.text().strip(),
            )
        except ServiceError as error:
            hint(self.problem, str(error), RED)
            return
        self.accept()
