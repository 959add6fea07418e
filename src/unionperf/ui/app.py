"""Start the window: display check, font, translators, settings, workspace, lock, crash handler.

``run`` opens the workspace given on the command line, else the last one opened (settings), else
asks with the first-run wizard; takes the workspace's one-writer lock; logs to a rotating file in
the workspace's ``logs/`` folder (the user log folder before a workspace is open); installs the
crash handler; offers the report of a crash of the last session; restores the window geometry.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from unionperf.resources import resource_path
from unionperf.services.common.errors import DamagedWorkspaceError, ServiceError
from unionperf.services.common.locations import default_workspace_path, holds_workspace
from unionperf.services.common.open_requests import post_open_request, wait_until_taken, withdraw
from unionperf.ui import crash, start_shell
from unionperf.ui.app_icon import app_icon
from unionperf.ui.gc_guard import GarbageCollector
from unionperf.ui.input_method import use_available_input_method
from unionperf.ui.settings import AppSettings

if TYPE_CHECKING:
    # The store (SQLAlchemy), the services and the step pages are imported after the first
    # paint (ui/start_shell.py): at run time only inside the functions that need them.
    from unionperf.services.common.workspace import Workspace
    from unionperf.ui.main_window import MainWindow
    from unionperf.ui.upper.window import UpperWindow

__all__ = [
    "NO_DISPLAY_MESSAGE",
    "ask_first_run",
    "configure_logging",
    "has_display",
    "install_translators",
    "load_font",
    "remove_logging",
    "run",
]

log = logging.getLogger(__name__)

WINDOW_PROGRAM = "UnionPerf 窗口"
"""What a window is called in the message another program gets while it holds the workspace."""

EXIT_OK = 0
EXIT_ERROR = 2
NO_DISPLAY_MESSAGE = (
    "unionperf: 没有可用的图形显示 (no display): "
    "请在桌面环境中运行，或设置 QT_QPA_PLATFORM=offscreen"
)
FONT_FILE = ("fonts", "wqy-microhei.ttc")
CATALOGUE = ("translations", "unionperf_zh_CN.qm")
QT_CATALOGUE = "qtbase_zh_CN.qm"
"""Qt's own catalogue (stock buttons, file dialogs), from PySide6's translations folder."""
QT_EXTRA_CATALOGUE = ("translations", "qtbase_extra_zh_CN.qm")
"""Qt's strings that ``qtbase_zh_CN.qm`` lacks (the file dialog's "Look in", "Files of type")."""
FONT_POINT_SIZE = 10
"""Small screens (1366×768) and older eyes: never below 10 pt."""
LOG_NAME = "unionperf.log"
LOG_BYTES = 1_000_000
LOG_FILES = 5
LOG_HANDLER_NAME = "unionperf-file"


def run(
    workspace: Path | None,
    *,
    settings: AppSettings | None = None,
    open_package: Path | None = None,
) -> int:
    """Open the window and return the exit code.

    With ``workspace``, that workspace is opened (and made when missing). Without, the last
    workspace opened (from the settings) is, or the first-run wizard asks for one. A workspace
    open in another window is refused (one writer, product.md §7). With ``open_package`` (a
    double-clicked ``.upkg``), the window then says what that package is and offers its action.
    """
    if not has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return EXIT_ERROR
    existing = QApplication.instance()
    if existing is None:
        use_available_input_method()  # fcitx on UOS/Kylin: Chinese input through ibus
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("UnionPerf")
    app.setOrganizationName("UnionPerf")
    app.setDesktopFileName("unionperf")  # Wayland: the window belongs to unionperf.desktop
    load_font(app)
    translators = install_translators(app)
    settings = settings if settings is not None else AppSettings()
    # Paint first when the workspace is known without asking: the shell shows its name while
    # logging, the crash handler, the store and the steps load (ui/start_shell.py).
    known = workspace if workspace is not None else _last_workspace(settings)
    shell = (
        None if known is None else start_shell.show_start_shell(known, settings.window_geometry())
    )
    app.setWindowIcon(app_icon())
    early_logs = crash.fallback_log_folder()
    level = logging.getLogger().level
    configure_logging(early_logs)
    crashes = crash.CrashHandler(early_logs)
    crashes.install()
    collector = GarbageCollector(app)
    try:
        return _open_and_show(app, workspace, settings, crashes, open_package, shell=shell)
    finally:
        if shell is not None:
            shell.close()
            shell.deleteLater()
        collector.stop()
        crashes.uninstall()
        remove_logging()
        logging.getLogger().setLevel(level)
        for translator in translators:
            app.removeTranslator(translator)


def _last_workspace(settings: AppSettings) -> Path | None:
    """The last workspace opened, when it is still there (the window then opens it)."""
    last = settings.last_workspace()
    return last if last is not None and holds_workspace(last) else None


def _open_and_show(
    app: QApplication,
    workspace: Path | None,
    settings: AppSettings,
    crashes: crash.CrashHandler,
    open_package: Path | None = None,
    *,
    shell: start_shell.StartShell | None = None,
) -> int:
    path = workspace if workspace is not None else _chosen_workspace(settings)
    if path is None:
        return EXIT_OK  # the wizard was cancelled: nothing was made
    if shell is not None:
        return _open_path(app, path, settings, crashes, open_package=open_package, shell=shell)
    # After the first-run wizard: paint before the store loads all the same.
    made = start_shell.show_start_shell(path, settings.window_geometry())
    try:
        return _open_path(app, path, settings, crashes, open_package=open_package, shell=made)
    finally:
        made.close()
        made.deleteLater()


def _open_path(
    app: QApplication,
    path: Path,
    settings: AppSettings,
    crashes: crash.CrashHandler,
    *,
    open_package: Path | None,
    shell: start_shell.StartShell,
) -> int:
    """Open the workspace (importing the store now, the shell painted) and show its window."""
    from unionperf.services.common.workspace import Workspace  # noqa: PLC0415
    from unionperf.services.common.writer_lock import WorkspaceInUseError  # noqa: PLC0415

    try:
        opened: Workspace | None = Workspace.open(path, create=True, program=WINDOW_PROGRAM)
    except WorkspaceInUseError as error:
        shell.close()
        if open_package is not None and _hand_over(path, open_package):
            return EXIT_OK  # the window that has the workspace open shows the package
        _cannot_open(error)
        return EXIT_ERROR
    except DamagedWorkspaceError as error:
        shell.close()
        opened = _restore_damaged(path, error)
    except ServiceError as error:
        shell.close()
        _cannot_open(error)
        return EXIT_ERROR
    if opened is None:
        return EXIT_ERROR
    try:
        crashes.move_to(opened.paths.logs)
        configure_logging(opened.paths.logs)
        settings.set_last_workspace(path)
        log.info("workspace opened: %s", path)
        folders = [opened.paths.logs, crash.fallback_log_folder()]
        return _show_window(app, opened, settings, folders, open_package, shell=shell)
    finally:
        opened.close()  # also gives the writer lock up


def _restore_damaged(path: Path, damage: DamagedWorkspaceError) -> Workspace | None:
    """A damaged database at start: offer the restore dialog, then open the restored workspace.

    ``None`` when the user chose not to restore or it still cannot be opened (told why).
    """
    from unionperf.services.common.workspace import Workspace  # noqa: PLC0415
    from unionperf.services.common.writer_lock import WriterLock  # noqa: PLC0415
    from unionperf.ui.restore_dialog import offer_restore  # noqa: PLC0415 - rarely needed

    try:
        with WriterLock(path, WINDOW_PROGRAM):
            if not offer_restore(path, damage):
                return None
        return Workspace.open(path, program=WINDOW_PROGRAM)
    except ServiceError as error:
        _cannot_open(error)
        return None


def _show_window(
    app: QApplication,
    opened: Workspace,
    settings: AppSettings,
    log_folders: list[Path],
    open_package: Path | None = None,
    *,
    shell: start_shell.StartShell | None = None,
) -> int:
    from unionperf.ui.main_window import MainWindow  # noqa: PLC0415 - after the first paint
    from unionperf.ui.upper.window import UpperWindow, is_upper_workspace  # noqa: PLC0415

    window: MainWindow | UpperWindow = (
        UpperWindow(opened) if is_upper_workspace(opened) else MainWindow(opened)
    )
    geometry, state = settings.window_geometry(), settings.window_state()
    if geometry is not None:
        window.restoreGeometry(geometry)
    if state is not None:
        window.restoreState(state)
    window.show()
    if shell is not None:
        shell.close()  # the real window is up, in the shell's place
    crash.offer_previous_crash(window, log_folders, settings)
    if open_package is not None:
        QTimer.singleShot(0, window, lambda: _show_package(window, open_package))
    QTimer.singleShot(0, window, lambda: _watch_open_requests(window))
    try:
        return app.exec()
    finally:
        settings.set_window_layout(window.saveGeometry(), window.saveState())


def _show_package(window: MainWindow | UpperWindow, path: Path) -> None:
    """Say what a double-clicked package is and offer its action (imported only when needed).

    The upper level's window receives it on its 接收 page, with the result in its list.
    """
    from unionperf.ui.upper.window import UpperWindow  # noqa: PLC0415

    if isinstance(window, UpperWindow):
        window.receive_files([path])
        return
    from unionperf.ui.open_package import show_package  # noqa: PLC0415 - keep start-up light

    show_package(window, path)


def _watch_open_requests(window: MainWindow | UpperWindow) -> None:
    """Let other processes hand double-clicked packages to this window."""
    from unionperf.ui.open_package import watch_open_requests  # noqa: PLC0415

    watch_open_requests(window, lambda path: _show_package(window, path))


def _hand_over(workspace: Path, package: Path) -> bool:
    """Whether the window holding ``workspace`` took ``package`` to show it."""
    try:
        request = post_open_request(workspace, package)
    except ServiceError:
        return False
    if wait_until_taken(request):
        log.info("package handed to the open window: %s", package)
        return True
    withdraw(request)  # held by a command or a hung window: say the workspace is in use
    return False


def _chosen_workspace(settings: AppSettings) -> Path | None:
    """The last workspace when it still exists; else the first-run wizard's choice."""
    last = settings.last_workspace()
    if last is not None and holds_workspace(last):
        return last
    if last is not None:
        log.warning("last workspace is gone: %s", last)
    return ask_first_run()


def ask_first_run() -> Path | None:
    """Run the first-run wizard; the workspace it made or chose (``None``: cancelled)."""
    from unionperf.ui.first_run import FirstRunWizard  # noqa: PLC0415 - the first start only

    wizard = FirstRunWizard(default_workspace_path())
    accepted = wizard.exec() == QDialog.DialogCode.Accepted
    return wizard.chosen_path() if accepted else None


def _cannot_open(error: ServiceError) -> None:
    QMessageBox.critical(
        None,
        QCoreApplication.translate("App", "UnionPerf"),
        QCoreApplication.translate("App", "Cannot open the workspace:\n{error}").format(
            error=error
        ),
    )


def configure_logging(folder: Path) -> logging.Handler | None:
    """Log to a rotating file in ``folder`` (replacing the file named before); set up once.

    A console handler that writes nowhere (``sys.stderr`` is ``None`` in a windowed build) is
    dropped; one that does write keeps showing warnings only. Returns the file handler
    (``None`` when the folder cannot be written: the window still runs).
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == LOG_HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()
        elif _is_console(handler):
            if sys.stderr is None or getattr(handler, "stream", None) is None:
                root.removeHandler(handler)
            elif handler.level == logging.NOTSET:
                handler.setLevel(logging.WARNING)
    from logging.handlers import RotatingFileHandler  # noqa: PLC0415 - after the first paint

    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            folder / LOG_NAME, maxBytes=LOG_BYTES, backupCount=LOG_FILES, encoding="utf-8"
        )
    except OSError as error:
        log.warning("no log file in %s: %s", folder, error)
        return None
    handler.set_name(LOG_HANDLER_NAME)
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    return handler


def _is_console(handler: logging.Handler) -> bool:
    """A handler writing to the console (as ``logging.basicConfig`` in the CLI makes)."""
    if not isinstance(handler, logging.StreamHandler) or isinstance(handler, logging.FileHandler):
        return False
    stream = getattr(handler, "stream", None)
    return stream is None or stream is sys.stderr or stream is sys.__stderr__


def remove_logging() -> None:
    """Stop logging to the file of :func:`configure_logging` and close it."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == LOG_HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()


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
    """Install our zh_CN catalogue, Qt's own, and the strings Qt's own lacks.

    So stock buttons read 确定/取消 and the file dialogs 查找范围/文件类型. The translators are
    returned so that the caller (and tests) can remove them again.
    """
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    sources = (
        resource_path(*CATALOGUE),
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / QT_CATALOGUE,
        resource_path(*QT_EXTRA_CATALOGUE),
    )
    installed = []
    for source in sources:
        translator = QTranslator(app)
        if translator.load(str(source)) and app.installTranslator(translator):
            installed.append(translator)
        else:
            log.error("translation not loaded: %s", source)
    return installed
