"""The upper level's window: chosen for an upper workspace, its navigator, toolbar and menus.

The application opens the upper level's own window on an upper-level workspace (and the
grassroots window on a unit's, as before); a package double-clicked in the file manager is
received on its 接收 page; the toolbar's year and stage drive the pages; the union's own
profile is edited from the File menu, a bad credit code refused in the dialog.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from tests.ui.upper_fixtures import JOB_TIMEOUT_MS, UPPER_CODE, open_copy
from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.services.common.backups import POSTGRESQL_BACKUP_TEXT
from unionperf.services.common.workspace import Workspace
from unionperf.services.inbox.receive import OutcomeKind
from unionperf.ui import app as app_module
from unionperf.ui import crash
from unionperf.ui.main_window import MainWindow
from unionperf.ui.settings import AppSettings
from unionperf.ui.upper.board.page import BoardPage
from unionperf.ui.upper.receive.page import ReceivePage
from unionperf.ui.upper.steps import UpperStep
from unionperf.ui.upper.window import UpperWindow, is_upper_workspace

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.fixture
def user_folders(tmp_path, monkeypatch):
    """Never touch the real user settings and log folders; never wait on a crash dialog."""
    monkeypatch.setattr(app_module, "AppSettings", lambda: AppSettings(tmp_path / "settings.ini"))
    monkeypatch.setattr(crash, "fallback_log_folder", lambda: tmp_path / "user-logs")
    monkeypatch.setattr(crash, "show_crash_dialog", lambda *args: None)
    monkeypatch.setattr(crash, "show_previous_crash", lambda *args: None)


@pytest.fixture
def restored_font(qapp):
    """The application font and locale as they were (``run`` sets the bundled font, zh_CN)."""
    font, locale = qapp.font(), QLocale()
    yield
    qapp.setFont(font)
    QLocale.setDefault(locale)


@pytest.mark.usefixtures("qapp", "user_folders", "restored_font")
def test_the_app_opens_the_upper_window_and_receives_a_double_clicked_package(
    qtbot, district_template, sub_units, tmp_path, monkeypatch
):
    open_copy(district_template, tmp_path / "区总工会").close()
    package = sub_units[0].send("targets", tmp_path / "邮件")
    seen: list[tuple[str, list[str]]] = []

    def fake_exec() -> int:
        for window in QApplication.topLevelWidgets():
            if isinstance(window, UpperWindow | MainWindow) and window.isVisible():
                assert isinstance(window, UpperWindow)
                page = window.page(UpperStep.RECEIVE)
                assert isinstance(page, ReceivePage)
                qtbot.waitUntil(
                    lambda page=page: page.results.rowCount() == 1, timeout=JOB_TIMEOUT_MS
                )
                kinds = [line.kind.value for line in page.results.rows()]
                seen.append((window.windowTitle(), kinds))
                window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    assert app_module.run(tmp_path / "区总工会", open_package=package) == 0
    assert seen == [("工会预算绩效管理 · 上级工会工作台", [OutcomeKind.RECEIVED.value])]


def test_a_units_workspace_keeps_the_grassroots_window(empty_workspace, district):
    assert not is_upper_workspace(empty_workspace)
    assert is_upper_workspace(district)
    assert district.unit().level is UnitLevel.UPPER


def test_the_navigator_lists_the_six_pages_and_opens_each(qtbot, upper_window):
    titles = [upper_window.navigator.item(row).text().split("\n")[0] for row in range(6)]
    assert titles == [
        "1. Units",
        "2. Receive",
        "3. Reporting status",
        "4. Review",
        "5. Aggregation",
        "6. Parameters",
    ]
    for row, step in enumerate(UpperStep):
        upper_window.navigator.setCurrentRow(row)
        assert upper_window.current_step() is step
        assert upper_window.pages.currentWidget() is upper_window.built[step]
    assert upper_window.unit_name.text() == "上海市某区总工会"


def test_the_toolbars_year_and_stage_drive_the_board(qtbot, upper_window):
    board = upper_window.open_page(UpperStep.BOARD)
    assert isinstance(board, BoardPage)
    stages = [upper_window.stage.itemData(row) for row in range(upper_window.stage.count())]
    assert stages == ["targets", "self-evaluation"]
    upper_window.stage.setCurrentIndex(1)
    assert upper_window.context.stage == "self-evaluation"
    assert "绩效自评" in board.heading.text()
    years = [upper_window.year.itemData(row) for row in range(upper_window.year.count())]
    next_year = years[-1]
    upper_window.year.setCurrentIndex(len(years) - 1)
    assert upper_window.context.year == next_year
    assert str(next_year) in board.heading.text()


@pytest.mark.sqlite_only("on PostgreSQL the database's own tools back the workspace up")
def test_backups_are_taken_from_the_file_menu(qtbot, upper_window, district):
    before = len(district.backups())
    upper_window.backup_action.trigger()
    assert len(district.backups()) == before + 1
    assert "Backup written" in upper_window.statusBar().currentMessage()


def test_on_postgresql_the_file_menu_says_the_database_backs_it_up(qtbot, told, tmp_path, pg_url):
    profile = UnitProfile("上海市某区总工会", UPPER_CODE, level=UnitLevel.UPPER)
    workspace = Workspace.create(tmp_path / "upper", profile, database=pg_url)
    try:
        window = UpperWindow(workspace)
        qtbot.addWidget(window)
        assert (
            window.backup_label.text()
            == "Data in PostgreSQL (backed up with the database's own tools)"
        )
        window.backup_action.trigger()
        assert window.show_restore() is None
        assert told["info"] == [f"Backups: {POSTGRESQL_BACKUP_TEXT}"] * 2
        assert told["errors"] == []
        assert workspace.backups() == []
    finally:
        workspace.close()


def test_the_unions_profile_is_edited_and_a_bad_credit_code_refused(qtbot, upper_window, district):
    dialog = upper_window.show_profile()
    dialog.credit_code.setText("81310115MC2K7U9001")  # a wrong check character
    dialog.submit()
    assert dialog.isVisible()
    assert dialog.problem.text()
    assert district.unit().credit_code != "81310115MC2K7U9001"
    dialog.credit_code.clear()
    dialog.name.setText("上海市某某区总工会")
    dialog.submit()
    assert not dialog.isVisible()
    assert district.unit().name == "上海市某某区总工会"
    assert upper_window.unit_name.text() == "上海市某某区总工会"
