"""Help → About: the product, its versions (for support requests), the bundled font's licence."""

from __future__ import annotations

from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionperf.services.common.about import AboutFacts, about_facts
from unionperf.ui.app_icon import app_icon

__all__ = ["ICON_SIZE", "AboutDialog", "LicenceDialog"]

ICON_SIZE = 64
"""The icon at the top of the dialog, in pixels."""
TITLE_SCALE = 1.3
"""The product name is this much larger than the dialog's text."""


class AboutDialog(QDialog):
    """The product name, every version a support request needs, the font licence, "offline"."""

    def __init__(
        self,
        parent: QWidget | None = None,
        facts: AboutFacts | None = None,
        workspace: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.facts = facts if facts is not None else about_facts()
        self.workspace = workspace
        """The open workspace's folder, shown (and copied) so the user can find the data."""
        self.licence_dialog: LicenceDialog | None = None
        """The full licence text, once "Show licence…" was clicked."""
        self.setWindowTitle(self.tr("About UnionPerf"))
        self.setWindowIcon(app_icon())
        layout = QVBoxLayout(self)
        layout.addLayout(self._heading())
        layout.addSpacing(self.fontMetrics().height() // 2)
        self.rows: dict[str, QLabel] = {}
        """The value labels by object name (``version``, ``schemaVersion``, …)."""
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for name, label, value in self._values():
            form.addRow(label, self._value(name, value))
        self.licence_button = QPushButton(self.tr("Show licence…"))
        self.licence_button.setObjectName("showLicence")
        self.licence_button.setEnabled(bool(self.facts.font.text))
        self.licence_button.clicked.connect(self.show_licence)
        licence_row = QHBoxLayout()
        licence_row.addWidget(self._value("fontLicence", self.facts.font.licence or "—"), 1)
        licence_row.addWidget(self.licence_button)
        form.addRow(self.tr("Font licence:"), licence_row)
        layout.addLayout(form)
        self.offline = QLabel(
            self.tr(
                "UnionPerf works offline and sends nothing anywhere: your data stays in the "
                "workspace folder on this computer until you export a package yourself."
            )
        )
        self.offline.setObjectName("offlineNote")
        self.offline.setWordWrap(True)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(self.offline)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setObjectName("copyAbout")
        self.copy_button.setToolTip(self.tr("Copy these facts, e.g. for a support request"))
        self.copy_button.clicked.connect(self.copy_facts)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 36)

    def _heading(self) -> QHBoxLayout:
        icon = QLabel()
        icon.setObjectName("aboutIcon")
        icon.setPixmap(app_icon().pixmap(ICON_SIZE, ICON_SIZE))
        icon.setFixedSize(ICON_SIZE, ICON_SIZE)
        self.product = QLabel(
            self.tr("Trade-union budget performance management · grassroots edition")
        )
        self.product.setObjectName("productName")
        self.product.setWordWrap(True)
        font = QFont(self.product.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * TITLE_SCALE)
        self.product.setFont(font)
        self.product.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        subtitle = QLabel(self.tr("UnionPerf {version}").format(version=self.facts.app_version))
        subtitle.setObjectName("productVersion")
        subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        names = QVBoxLayout()
        names.addStretch(1)
        names.addWidget(self.product)
        names.addWidget(subtitle)
        names.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(self.fontMetrics().height())
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(names, 1)
        return row

    def _values(self) -> list[tuple[str, str, str]]:
        """(object name, label, value) of each row, in the order shown and copied."""
        facts = self.facts
        return [
            ("version", self.tr("Version:"), facts.app_version),
            ("schemaVersion", self.tr("Database schema:"), facts.schema_version),
            ("packageFormat", self.tr("Package format:"), facts.package_format_version),
            ("dataFormat", self.tr("Data format:"), facts.data_format_version),
            ("qtVersion", self.tr("Qt / PySide6:"), f"{qVersion()} / {PySide6.__version__}"),
            ("pythonVersion", self.tr("Python:"), facts.python_version),
            ("system", self.tr("Operating system:"), facts.system),
            ("font", self.tr("Font:"), facts.font.name or "—"),
            *(
                [("workspace", self.tr("Workspace folder:"), str(self.workspace))]
                if self.workspace is not None
                else []
            ),
        ]

    def _value(self, name: str, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rows[name] = label
        return label

    def facts_text(self) -> str:
        """The dialog's facts as plain text, one "label value" line each."""
        rows = [(label, value) for _name, label, value in self._values()]
        rows.append((self.tr("Font licence:"), self.facts.font.licence))
        return "\n".join([self.product.text(), *(f"{label} {value}" for label, value in rows)])

    def copy_facts(self) -> None:
        """Put the facts on the clipboard (for an email to whoever supports the user)."""
        QGuiApplication.clipboard().setText(self.facts_text())

    def show_licence(self) -> None:
        """Show the bundled font's full licence text in a window of its own."""
        if self.licence_dialog is None:
            self.licence_dialog = LicenceDialog(
                self.facts.font.name, self.facts.font.text, parent=self
            )
        self.licence_dialog.show()
        self.licence_dialog.raise_()
        self.licence_dialog.activateWindow()


class LicenceDialog(QDialog):
    """A licence text, read-only, with a Close button."""

    def __init__(self, name: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("licenceDialog")
        self.setWindowTitle(self.tr("Licence: {name}").format(name=name))
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit(text)
        self.text.setObjectName("licenceText")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        width = self.fontMetrics().horizontalAdvance("M") * 76
        self.resize(width, self.fontMetrics().height() * 32)
