"""Fixtures for window tests: demo and empty workspaces, the zh_CN translators."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import QApplication

from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle.demo import create_demo
from unionperf.ui.app import install_translators
from unionperf.ui.gc_guard import GarbageCollector


@pytest.fixture(autouse=True, scope="session")
def collect_on_the_gui_thread(qapp):
    """As in the app: no garbage collection on job threads (it could delete Qt objects)."""
    collector = GarbageCollector(qapp)
    yield
    collector.stop()


@pytest.fixture(autouse=True)
def close_windows_before_collection(qtbot):
    """Close and delete every top-level window a test left, before anything collects garbage.

    pytest-qt holds the widgets it closes at teardown only weakly, and the collector (run on a
    GUI timer, ``GarbageCollector``) may free a left window's Python objects during teardown:
    it empties their attributes first, then deleting the window moves the focus, and a line
    edit's ``editingFinished`` runs into an emptied object. This fixture depends on ``qtbot``,
    so its teardown runs before qtbot's, while nothing has been collected yet (automatic
    collection is off). The app keeps its one window alive until it quits and never meets this.
    """
    yield
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def demo_workspace(tmp_path):
    workspace = create_demo(tmp_path / "demo")
    yield workspace
    workspace.close()


@pytest.fixture
def empty_workspace(tmp_path):
    workspace = Workspace.create(tmp_path / "empty")
    yield workspace
    workspace.close()


@pytest.fixture
def zh_cn(qapp):
    """Our catalogue and Qt's own installed for one test, removed afterwards (with the locale)."""
    locale = QLocale()  # the default locale, which install_translators changes to zh_CN
    translators = install_translators(qapp)
    assert len(translators) == 3
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)
