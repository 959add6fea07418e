"""加密后发送: the submit step's offer to encrypt the package for the upper level (age).

Shown once the unit holds the upper level's recipient (``unionperf trust-upper --recipient``, or
its parameter package); checked at first, since a package on its way by email should not be
readable in the mailboxes it passes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QWidget

from unionperf.services.common.errors import ServiceError
from unionperf.services.common.transport import ENCRYPTED_SUFFIX, upper_recipient
from unionperf.services.common.workspace import Workspace

__all__ = ["EncryptOption"]


class EncryptOption(QCheckBox):
    """The 加密后发送 check box, hidden while the upper level's recipient is unknown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Encrypt before sending"), parent)
        self.setObjectName("encryptBox")
        self.setToolTip(
            self.tr(
                "Encrypt the package for the upper level (age): only the upper level can open it. "
                "Send the .upkg.age file by email; the forms are not encrypted, they are for "
                "printing."
            )
        )
        self.setVisible(False)

    def refresh(self, workspace: Workspace) -> None:
        """Offer it (checked the first time) when the upper level's recipient is known."""
        try:
            known = upper_recipient(workspace) is not None
        except ServiceError:
            known = False
        if known and self.isHidden():
            self.setChecked(True)
        self.setVisible(known)

    def wanted(self) -> bool:
        """Whether the package is to be encrypted (offered and checked)."""
        return not self.isHidden() and self.isChecked()

    def note(self, package: Path) -> str:
        """What to tell after writing ``package``: send only the encrypted file (or nothing)."""
        if not package.name.endswith(ENCRYPTED_SUFFIX):
            return ""
        return self.tr(
            "The package is encrypted for the upper level: send only the .upkg.age file by "
            "email. The forms are not encrypted; print them."
        )
