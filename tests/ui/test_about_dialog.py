"""Help → About: the versions, the font licence (with its full text), offline, Close."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPlainTextEdit

import unionperf
from unionperf.exchange.package import FORMAT_VERSION
from unionperf.store.migrate import HEAD_REVISION
from unionperf.ui.about_dialog import ICON_SIZE, AboutDialog
from unionperf.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support propagateSizeHints\(\)$",
    r"^This plugin does not support raise\(\)$",  # the licence window is brought to the front
)


@pytest.fixture
def window(qtbot, demo_workspace):
    shown = MainWindow(demo_workspace)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def open_about(window: MainWindow, qtbot) -> AboutDialog:
    """Trigger "About" from the Help menu, as a user does."""
    # compared through the menus' actions: PySide6 6.9's QAction.menu() takes ownership of the
    # menu it returns, and the menu bar's menus would be deleted with that list
    actions = window.menuBar().actions()
    assert window.help_menu.menuAction() in actions
    assert actions[-1] == window.help_menu.menuAction(), "Help is the last menu"
    (about,) = [
        action
        for action in window.help_menu.actions()
        if action.menuRole() == QAction.MenuRole.AboutRole
    ]
    about.trigger()
    dialog = window.about_dialog
    assert isinstance(dialog, AboutDialog)
    qtbot.addWidget(dialog)  # a dialog is a window of its own: closed after the test too
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def label_texts(dialog: AboutDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_help_menu_opens_about_with_the_versions_and_the_font_licence(window, qtbot):
    dialog = open_about(window, qtbot)
    shown = label_texts(dialog)
    assert unionperf.__version__ in shown
    assert HEAD_REVISION in shown
    assert dialog.rows["schemaVersion"].text() == HEAD_REVISION
    assert dialog.rows["packageFormat"].text() == FORMAT_VERSION
    assert dialog.rows["version"].text() == unionperf.__version__
    assert "WenQuanYi Micro Hei" in dialog.rows["font"].text()
    assert "Apache-2.0" in dialog.rows["fontLicence"].text()
    assert "Trade-union budget performance management" in shown
    assert "offline" in dialog.offline.text()
    assert dialog.isModal() or dialog.windowModality() != Qt.WindowModality.NonModal


def test_about_values_can_be_selected_and_copied(window, qtbot):
    dialog = open_about(window, qtbot)
    for name, label in dialog.rows.items():
        flags = label.textInteractionFlags()
        assert flags & Qt.TextInteractionFlag.TextSelectableByMouse, name
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert HEAD_REVISION in copied
    assert "Apache-2.0" in copied


def test_about_shows_the_icon_and_the_window_has_it(window, qtbot):
    dialog = open_about(window, qtbot)
    icon = dialog.findChild(QLabel, "aboutIcon")
    assert icon.pixmap().width() == ICON_SIZE
    assert not window.windowIcon().isNull()
    assert 16 in {size.width() for size in window.windowIcon().availableSizes()}


def test_show_licence_displays_the_full_licence_text(window, qtbot):
    dialog = open_about(window, qtbot)
    qtbot.mouseClick(dialog.licence_button, Qt.MouseButton.LeftButton)
    licence = dialog.licence_dialog
    assert licence is not None
    qtbot.addWidget(licence)
    qtbot.waitUntil(licence.isVisible)
    text = licence.findChild(QPlainTextEdit, "licenceText").toPlainText()
    assert "Licensed under the Apache License, Version 2.0" in text
    assert "GPL-3+ with Font exception" in text
    assert text == dialog.facts.font.text
    assert licence.findChild(QPlainTextEdit, "licenceText").isReadOnly()


def test_close_closes_and_a_second_open_reuses_the_dialog(window, qtbot):
    dialog = open_about(window, qtbot)
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    assert close is not None
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert open_about(window, qtbot) is dialog


def test_about_in_chinese(zh_cn, qtbot, demo_workspace):
    window = MainWindow(demo_workspace)  # made after the translators, as the app does
    qtbot.addWidget(window)
    window.show()
    assert window.help_menu.title() == "帮助(&H)"
    dialog = open_about(window, qtbot)
    assert dialog.product.text() == "工会预算绩效管理 · 基层单机版"
    assert dialog.windowTitle() == "关于工会预算绩效管理"
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    assert close.text() == "关闭"
