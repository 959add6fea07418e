"""No English reaches the user in the window: the catalogues, and every text the window shows.

The zh_CN catalogues (ours and the one that completes Qt's own) are scanned whole. Then the main
window is opened on the demo workspace in Simplified Chinese, every step is opened, and every
text a user can read is collected: menus and their actions, labels, buttons, group boxes, tabs,
tool tips, placeholders, drop-down items, table headers and the table cells on screen, the
navigator, the status bar. ``tests/chinese.py`` says which codes and units are allowed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

from tests.chinese import english_in
from unionperf.domain.cycle import Step
from unionperf.services.cycle import submit
from unionperf.ui.first_run import FirstRunWizard
from unionperf.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
ROWS_READ = 40
"""Table rows read per view (the first screens' worth: enough to meet every kind of cell)."""


def _translations(path: Path) -> Iterator[tuple[str, str]]:
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None:
                continue
            forms = [item.text or "" for item in translation.iter("numerusform")]
            for text in forms or [translation.text or ""]:
                yield f"{path.name} {name}: {message.findtext('source')!r}", text


def test_the_catalogues_hold_no_english():
    catalogues = sorted(TRANSLATIONS.glob("*.ts"))
    assert catalogues
    texts = [item for path in catalogues for item in _translations(path)]
    assert len(texts) > 500
    assert english_in(texts) == []


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    """The columns under ``parent`` (a list model's ``columnCount`` is private: one column)."""
    try:
        return int(model.columnCount(parent))
    except TypeError:
        return 1


def _model_texts(where: str, model: QAbstractItemModel | None) -> Iterator[tuple[str, str]]:
    if model is None:
        return
    display = Qt.ItemDataRole.DisplayRole
    for section in range(_columns(model, QModelIndex())):
        for role in (display, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(section, Qt.Orientation.Horizontal, role)
            if isinstance(value, str):
                yield f"{where} header {section}", value
    yield from _rows(where, model, None, 0)


def _rows(
    where: str, model: QAbstractItemModel, parent: QModelIndex | None, depth: int
) -> Iterator[tuple[str, str]]:
    parent_index = parent if parent is not None else QModelIndex()
    for row in range(min(model.rowCount(parent_index), ROWS_READ)):
        for column in range(_columns(model, parent_index)):
            index = model.index(row, column, parent_index)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if isinstance(value, str):
                    yield f"{where} [{row},{column}]", value
            if column == 0 and depth < 3 and model.rowCount(index):
                yield from _rows(where, model, index, depth + 1)


def _widget_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    name = f"{type(widget).__name__} {widget.objectName()}".strip()
    for label, value in (("title", widget.windowTitle()), ("tip", widget.toolTip())):
        if value:
            yield f"{name} {label}", value
    if isinstance(widget, QLabel | QAbstractButton):
        yield name, widget.text()
    if isinstance(widget, QGroupBox):
        yield name, widget.title()
    if isinstance(widget, QLineEdit):
        yield f"{name} placeholder", widget.placeholderText()
    if isinstance(widget, QTabWidget):
        for index in range(widget.count()):
            yield f"{name} tab {index}", widget.tabText(index)
            yield f"{name} tab tip {index}", widget.tabToolTip(index)
    if isinstance(widget, QComboBox):
        for index in range(widget.count()):
            yield f"{name} item {index}", widget.itemText(index)
    if isinstance(widget, QAbstractItemView):
        yield from _model_texts(name, widget.model())


def window_texts(window: QWidget) -> list[tuple[str, str]]:
    """Every text a user can read in ``window`` and its children, with where it is."""
    texts = list(_widget_texts(window))
    for child in window.findChildren(QWidget):
        if isinstance(child, QFileDialog):
            continue
        texts.extend(_widget_texts(child))
    for action in window.findChildren(QAction):
        for label, value in (("text", action.text()), ("tip", action.toolTip())):
            if value:
                texts.append((f"action {action.objectName()} {label}", value))
    return [(where, text) for where, text in texts if text]


def test_the_window_on_the_demo_shows_no_english(qtbot, demo_workspace, zh_cn, tmp_path):
    submit.export_package(demo_workspace, 2024, "self-evaluation", tmp_path / "usb", "demo")
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    texts = []
    for step in Step:
        window.open_step(step)
        texts.extend(window_texts(window))
    assert any("第1次" in text for _, text in texts)  # the package in the submission log
    assert len(texts) > 500
    root = str(demo_workspace.paths.root)  # the folder the user named
    shown = [(where, text.replace(root, "")) for where, text in texts]
    assert english_in(shown) == []


def test_the_first_run_wizard_shows_no_english(qtbot, zh_cn, tmp_path):
    folder = tmp_path / "工作区"
    wizard = FirstRunWizard(folder)
    qtbot.addWidget(wizard)
    wizard.show()
    texts = window_texts(wizard)
    for page_id in wizard.pageIds():
        texts.extend(window_texts(wizard.page(page_id)))
    assert len(texts) > 30
    shown = [(where, text.replace(str(folder), "")) for where, text in texts]
    assert english_in(shown) == []


def test_the_about_dialog_speaks_chinese_around_its_facts(qtbot, zh_cn, demo_workspace):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show_about()
    dialog = window.about_dialog
    facts = {f"QLabel {name}" for name in dialog.rows}  # system, font…: as the computer names them
    texts = [(where, text) for where, text in window_texts(dialog) if where not in facts]
    assert any("工会预算绩效管理" in text for _, text in texts)
    assert english_in(texts) == []
