"""The window's part of ``unionperf selftest``: Qt, the bundled font, zh_CN and every step.

Runs offscreen on the self-test's workspace: the main window is shown in Simplified Chinese, each
of the six steps is opened (which loads QtCharts and every page module), and the window is drawn
into an image to prove that painting works.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QMessageLogContext,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from unionperf.domain.cycle import Step
from unionperf.services.common.workspace import Workspace
from unionperf.services.selftest import SELFTEST_YEAR, SelftestFailedError
from unionperf.ui.app import install_translators, load_font
from unionperf.ui.gc_guard import GarbageCollector
from unionperf.ui.main_window import MainWindow

__all__ = ["show_window", "window_check"]

SETTLE_SECONDS = 0.3
"""How long the shown window is left to build its pages and run its checks."""
OFFSCREEN_NOTE = "This plugin does not support"
"""How the offscreen platform says that it cannot resize or raise windows (harmless here)."""
EXPECTED_TRANSLATION = ("MainWindow", "&File", "文件(&F)")
"""A message of our catalogue and its zh_CN text: proves the catalogue was loaded."""


def window_check(workspace: Workspace) -> str:
    """Show the main window on ``workspace`` in zh_CN, open every step, draw it; describe it.

    Raises:
        SelftestFailedError: the font, a catalogue, a step or the drawing failed.
    """
    app = _application()
    family = load_font(app)
    if family is None:
        raise SelftestFailedError("内置中文字体未能加载")
    translators = install_translators(app)
    collector = GarbageCollector(app)
    previous = qInstallMessageHandler(_quiet_offscreen)
    try:
        if len(translators) < 3:  # noqa: PLR2004 - ours, Qt's qtbase and what qtbase lacks
            raise SelftestFailedError("界面翻译（中文）未能全部加载")
        context, source, expected = EXPECTED_TRANSLATION
        if QCoreApplication.translate(context, source) != expected:
            raise SelftestFailedError("界面翻译（中文）未生效")
        window = MainWindow(workspace)
        try:
            window.resize(1366, 768)
            window.show()
            window.refresh_years(SELFTEST_YEAR)
            _settle()
            for step in Step:
                window.open_step(step)
                _settle(0.0)
            image = window.grab().toImage()
            if image.isNull() or image.width() < 100:  # noqa: PLR2004
                raise SelftestFailedError("主窗口无法绘制")
            title = window.windowTitle()
        finally:
            window.close()
            _settle(0.0)
    finally:
        qInstallMessageHandler(previous)
        collector.stop()
        for translator in translators:
            app.removeTranslator(translator)
    platform = QGuiApplication.platformName()
    return f"显示平台 {platform}；字体 {family}；窗口标题「{title}」；{len(Step)} 个步骤均已打开"


def show_window(workspace: Workspace) -> float:
    """Show the main window on ``workspace`` once, close it; seconds until it was shown."""
    start = time.perf_counter()
    app = _application()
    load_font(app)
    translators = install_translators(app)
    window = MainWindow(workspace)
    window.show()
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
    shown = time.perf_counter() - start
    window.close()
    for translator in translators:
        app.removeTranslator(translator)
    return shown


def _quiet_offscreen(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Drop the offscreen plugin's notes on window features it lacks; print the rest."""
    if message.startswith(OFFSCREEN_NOTE):
        return
    print(message, file=sys.stderr)


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("UnionPerf")
    app.setOrganizationName("UnionPerf")
    return app


def _settle(seconds: float = SETTLE_SECONDS) -> None:
    """Process events for ``seconds`` (at least once)."""
    end = time.perf_counter() + seconds
    while True:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if time.perf_counter() >= end:
            return
        time.sleep(0.01)
