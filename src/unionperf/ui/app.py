"""Start the window: display check, bundled CJK font, zh_CN translators, workspace, main window."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from unionperf.resources import resource_path
from unionperf.services.errors import ServiceError
from unionperf.services.workspace import Workspace, default_workspace_path
from unionperf.ui.main_window import MainWindow

__all__ = ["NO_DISPLAY_MESSAGE", "has_display", "install_translators", "load_font", "run"]

log = logging.getLogger(__name__)

EXIT_ERROR = 2
NO_DISPLAY_MESSAGE = (
    "unionperf: 没有可用的图形显示 (no display): "
    "请在桌面环境中运行，或设置 QT_QPA_PLATFORM=offscreen"
)
FONT_FILE = ("fonts", "wqy-microhei.ttc")
CATALOGUE = ("translations", "unionperf_zh_CN.qm")
FONT_POINT_SIZE = 10
"""Small screens (1366×768) and older eyes: never below 10 pt."""


def run(workspace: Path | None) -> int:
    """Open the window on ``workspace`` (default: the user data folder) and return the exit code."""
    if not has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return EXIT_ERROR
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("UnionPerf")
    app.setOrganizationName("UnionPerf")
    load_font(app)
    translators = install_translators(app)
    try:
        return _open_and_show(app, workspace)
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def _open_and_show(app: QApplication, workspace: Path | None) -> int:
    path = workspace if workspace is not None else default_workspace_path()
    try:
        opened = Workspace.open(path, create=True)
    except ServiceError as error:
        QMessageBox.critical(
            None,
            QCoreApplication.translate("App", "UnionPerf"),
            QCoreApplication.translate("App", "Cannot open the workspace:\n{error}").format(
                error=error
            ),
        )
        return EXIT_ERROR
    try:
        window = MainWindow(opened)
        window.show()
        return app.exec()
    finally:
        opened.close()


def has_display() -> bool:
    """Whether Qt can show a window here (on Linux Qt aborts the process when it cannot)."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def load_font(app: QApplication) -> str | None:
    """Make the bundled CJK font the application font; return its family (``None`` if missing).

    Without it every Chinese glyph is a box on machines without CJK fonts (platform.md).
    """
    path = resource_path(*FONT_FILE)
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.error("bundled font not loaded: %s", path)
        return None
    font = QFont(families[0])
    font.setPointSize(max(FONT_POINT_SIZE, app.font().pointSize()))
    app.setFont(font)
    return families[0]


def install_translators(app: QCoreApplication) -> list[QTranslator]:
    """Install our zh_CN catalogue and Qt's own (so stock buttons read 确定/取消).

    The translators are returned so that the caller (and tests) can remove them again.
    """
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    sources = (
        resource_path(*CATALOGUE),
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / "qtbase_zh_CN.qm",
    )
    installed = []
    for source in sources:
        translator = QTranslator(app)
        if translator.load(str(source)) and app.installTranslator(translator):
            installed.append(translator)
        else:
            log.error("translation not loaded: %s", source)
    return installed
