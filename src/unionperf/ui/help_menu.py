"""The main window's Help menu: this step's guidance, the anonymised support data, About."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from unionperf.ui.main_window import MainWindow

__all__ = ["HelpMenu", "build_help_menu"]


class HelpMenu(NamedTuple):
    """帮助 and its actions."""

    menu: QMenu
    guidance: QAction
    support: QAction
    about: QAction


def build_help_menu(window: MainWindow) -> HelpMenu:
    """Add 帮助 to ``window``'s menu bar: this step's guidance, support data, About."""
    about = QAction(QCoreApplication.translate("MainWindow", "About UnionPerf…"), window)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.triggered.connect(window.show_about)
    guidance = QAction(QCoreApplication.translate("MainWindow", "Guidance for this step"), window)
    guidance.setShortcut(QKeySequence.StandardKey.HelpContents)
    guidance.triggered.connect(window.guidance.open_guidance)
    support = QAction(
        QCoreApplication.translate("MainWindow", "Export anonymised support data…"), window
    )
    support.triggered.connect(window.export_support_data)
    menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    menu.addAction(guidance)
    menu.addAction(support)
    menu.addSeparator()
    menu.addAction(about)
    return HelpMenu(menu, guidance, support, about)
