"""The window's first paint: a light shell shown while the store and the steps are loaded.

Importing the store (SQLAlchemy and its mapped rows), the services and the step pages takes
several times as long as Qt needs to show a window. So :func:`show_start_shell` paints, at the
saved geometry, a window of the same shape as the real one: the workspace's name where the unit
name goes, the navigator's column (empty) and a loading line where the step goes. It imports
nothing beyond Qt; the real window (``MainWindow`` or ``UpperWindow``) replaces it once built.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

__all__ = ["StartShell", "show_start_shell"]

NAVIGATOR_WIDTH_CHARS = 11
"""As wide as the real window's navigator (``main_window.NAVIGATOR_WIDTH_CHARS``)."""
WIDTH, HEIGHT = 1366, 768


class StartShell(QMainWindow):
    """The window's outline with the workspace's name and a loading line."""

    def __init__(self, workspace: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startShell")
        self.setWindowTitle(QCoreApplication.translate("App", "UnionPerf"))
        bar = QToolBar()
        bar.setMovable(False)
        self.workspace_name = QLabel(workspace.name or str(workspace))
        """The workspace folder's name (the unit's name is in the database, not read yet)."""
        self.workspace_name.setObjectName("shellWorkspaceName")
        font = QFont(self.workspace_name.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.workspace_name.setFont(font)
        bar.addWidget(self.workspace_name)
        self.addToolBar(bar)  # at the top; the ``Qt`` namespace alone costs 17 ms of set-up
        navigator = QFrame()  # the navigator's empty column (a QListWidget costs Qt set-up)
        navigator.setFrameShape(QFrame.Shape.StyledPanel)
        navigator.setFixedWidth(self.fontMetrics().horizontalAdvance("中") * NAVIGATOR_WIDTH_CHARS)
        self.loading = QLabel(self.tr("Opening the workspace…"))
        """What the window is doing (where the step's page will be)."""
        self.loading.setObjectName("shellLoading")
        page = QVBoxLayout()  # the loading line centred by stretches (no ``Qt`` alignment flags)
        page.addStretch(1)
        line = QHBoxLayout()
        line.addStretch(1)
        line.addWidget(self.loading)
        line.addStretch(1)
        page.addLayout(line)
        page.addStretch(1)
        centre = QWidget()
        row = QHBoxLayout(centre)
        row.setContentsMargins(4, 4, 4, 0)
        row.addWidget(navigator)
        row.addLayout(page, 1)
        self.setCentralWidget(centre)
        self.statusBar().showMessage(self.tr("Workspace: {path}").format(path=workspace))
        self.resize(WIDTH, HEIGHT)


def show_start_shell(workspace: Path, geometry: QByteArray | None = None) -> StartShell:
    """Show the shell (at the window's saved ``geometry``) and paint it before returning."""
    shell = StartShell(workspace)
    if geometry is not None:
        shell.restoreGeometry(geometry)
    shell.show()
    QApplication.processEvents()
    shell.repaint()
    return shell
