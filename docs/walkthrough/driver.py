"""A small driver for walking the real window under Xvfb: a script is a generator.

The script yields a number (seconds to let the window run) or a callable (wait until it returns
true). Every user action is posted to the event loop (``later``), so an action that opens a
modal dialog does not block the script: the pump keeps running inside the dialog's own loop.
"""

from __future__ import annotations

import re
import time
import traceback
from collections.abc import Callable, Generator
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

Script = Generator[object, None, None]

ALLOWED = {
    "UnionPerf", "PDF", "Excel", "WPS", "SHA", "Ctrl", "OK", "xlsx", "upkg", "pdf", "sqlite",
    "BagIt", "UOS", "Kylin", "GB", "minisign", "unionperf", "Documents", "Shift", "Del",
}
WORD = re.compile(r"[A-Za-z]{3,}")
TAG = re.compile(r"<[^>]*>")
HEX = re.compile(r"\b[0-9a-fA-F]{16,}\b")
PATH = re.compile(r"/[^\s，。：]+")


class Walk:
    """Runs a script against the live application and takes screenshots."""

    def __init__(self, out: Path) -> None:
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        self.log_file = (out / "walk.log").open("w", encoding="utf-8")
        self.script: Script | None = None
        self.running = False
        self.wait_until = 0.0
        self.condition: Callable[[], bool] | None = None
        self.condition_deadline = 0.0
        self.number = 0
        self.failed = False
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self.pump)

    def start(self, script: Script) -> None:
        self.script = script
        self.timer.start()

    def log(self, text: str) -> None:
        print(text, flush=True)
        self.log_file.write(text + "\n")
        self.log_file.flush()

    def pump(self) -> None:
        if self.running or self.script is None:
            return
        now = time.monotonic()
        if QApplication.activeWindow() is None:  # what a window manager does after a dialog
            target = QApplication.activeModalWidget() or next(
                (w for w in QApplication.topLevelWidgets()
                 if w.isVisible() and type(w).__name__ in ("MainWindow", "UpperWindow")), None)
            if target is not None:
                target.activateWindow()
        if now < self.wait_until:
            return
        if self.condition is not None:
            try:
                met = self.condition()
            except Exception:  # noqa: BLE001
                met = False
            if not met and now < self.condition_deadline:
                return
            if not met:
                self.log(f"!! TIMEOUT waiting for {getattr(self.condition, '__name__', '?')}")
                self.shot("timeout")
            self.condition = None
        self.running = True
        try:
            item = next(self.script)
        except StopIteration:
            self.script = None
            self.timer.stop()
            self.log("== script finished")
            return
        except Exception:  # noqa: BLE001
            self.log("!! script failed:\n" + traceback.format_exc())
            self.failed = True
            self.shot("failure")
            self.script = None
            self.timer.stop()
            for widget in QApplication.topLevelWidgets():
                widget.close()
            QApplication.quit()
            return
        finally:
            self.running = False
        if isinstance(item, (int, float)):
            self.wait_until = time.monotonic() + float(item)
        elif callable(item):
            self.condition = item
            self.condition_deadline = time.monotonic() + 30
        else:
            self.wait_until = time.monotonic() + 0.05

    # -- screenshots and checks ------------------------------------------------------------------

    def shot(self, name: str, widget: QWidget | None = None) -> Path:
        """Grab the whole X screen (and the widget alone, when given); log titles and English."""
        self.number += 1
        path = self.out / f"{self.number:03d}-{name}.png"
        screen = QGuiApplication.primaryScreen()
        screen.grabWindow(0).save(str(path))
        if widget is not None:
            widget.grab().save(str(path.with_name(path.stem + "-w.png")))
        tops = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        titles = [f"{type(w).__name__}:{w.windowTitle()!r}" for w in tops]
        self.log(f"[{path.name}] windows: {titles}")
        try:
            texts = self.visible_texts()
        except Exception as error:  # noqa: BLE001
            texts = []
            self.log(f"   (texts not read: {error})")
        for text, where in texts:
            words = [w for w in WORD.findall(HEX.sub("", PATH.sub("", TAG.sub("", text)))) if w not in ALLOWED]
            if words:
                self.log(f"   ENGLISH? {where}: {text[:120]!r}")
        for w in tops:
            words = [x for x in WORD.findall(w.windowTitle()) if x not in ALLOWED]
            if words:
                self.log(f"   ENGLISH? title of {type(w).__name__}: {w.windowTitle()!r}")
        return path

    def visible_texts(self) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for top in QApplication.topLevelWidgets():
            if not top.isVisible():
                continue
            for widget in [top, *top.findChildren(QWidget)]:
                if not widget.isVisible():
                    continue
                if widget.objectName() in ("treeView", "sidebar"):
                    continue  # Qt's file dialog: the model's root and the user's own folders
                name = f"{type(widget).__name__}#{widget.objectName()}"
                if isinstance(widget, QLabel):
                    found.append((widget.text(), name))
                elif isinstance(widget, QAbstractButton):
                    found.append((widget.text(), name))
                elif isinstance(widget, QLineEdit):
                    found.append((widget.placeholderText(), name + ".placeholder"))
                elif isinstance(widget, QGroupBox):
                    found.append((widget.title(), name))
                elif isinstance(widget, QTabBar):
                    for i in range(widget.count()):
                        found.append((widget.tabText(i), name))
                elif isinstance(widget, QComboBox):
                    found.append((widget.currentText(), name))
                elif isinstance(widget, QTextEdit):
                    found.append((widget.toPlainText()[:300], name))
                if isinstance(widget, QAbstractItemView) and widget.model() is not None:
                    model = widget.model()
                    try:
                        columns = model.columnCount(QModelIndex())
                    except Exception:  # noqa: BLE001
                        columns = 1
                    try:
                        rows = model.rowCount(QModelIndex())
                    except Exception:  # noqa: BLE001
                        rows = 0
                    for c in range(columns):
                        head = model.headerData(c, Qt.Orientation.Horizontal)
                        if head:
                            found.append((str(head), name + ".header"))
                    for r in range(min(rows, 40)):
                        for c in range(columns):
                            value = model.index(r, c).data()
                            if isinstance(value, str):
                                found.append((value, f"{name}[{r},{c}]"))
                tip = widget.toolTip()
                if tip:
                    found.append((tip, name + ".tooltip"))
        return found

    def clipped_labels(self) -> list[str]:
        """Labels whose text is wider than the label (single-line ones only)."""
        cut = []
        for top in QApplication.topLevelWidgets():
            if not top.isVisible():
                continue
            for label in top.findChildren(QLabel):
                if not label.isVisible() or label.wordWrap() or not label.text():
                    continue
                if label.textFormat() == Qt.TextFormat.RichText or "<" in label.text():
                    continue
                need = max(label.fontMetrics().horizontalAdvance(t) for t in label.text().split("\n"))
                if need > label.contentsRect().width() + 1:
                    cut.append(f"{label.objectName() or label.text()[:30]!r}: {need}>{label.width()}")
        return cut


# -- user actions (always posted: they may open modal dialogs) -------------------------------------


def later(action: Callable[[], object]) -> None:
    QTimer.singleShot(0, action)


def click(widget: QWidget, pos: QPoint | None = None) -> None:
    later(lambda: QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos or QPoint()))


def type_text(edit: QWidget, text: str, replace: bool = True) -> None:
    """Type into a focused line edit: ASCII key by key, Chinese as the input method commits it."""
    edit.setFocus()
    if replace and hasattr(edit, "selectAll"):
        edit.selectAll()
        QTest.keyClick(edit, Qt.Key.Key_Delete)
    for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if chunk.isascii():
            QTest.keyClicks(edit, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(edit, event)


def key(widget: QWidget, which: Qt.Key) -> None:
    later(lambda: QTest.keyClick(widget, which))


def modal() -> QWidget | None:
    return QApplication.activeModalWidget()


def modal_of(kind: type) -> Callable[[], bool]:
    def shown() -> bool:
        widget = QApplication.activeModalWidget()
        return isinstance(widget, kind) and widget.isVisible()

    shown.__name__ = f"modal {kind.__name__}"
    return shown


def no_modal() -> bool:
    return QApplication.activeModalWidget() is None
