"""文件 › 从备份恢复…, as the user works it: open, read, pick, confirm, see the data back."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from tests.services.restore_files import (
    OTHER_UNIT,
    UNIT,
    back_up,
    budget_of,
    damaged_copy,
    fingerprint,
    make_workspace,
)
from unionperf.domain.budget import BudgetLine
from unionperf.services.common.workspace import Workspace
from unionperf.ui import messages, restore_dialog
from unionperf.ui.main_window import MainWindow
from unionperf.ui.restore_dialog import RestoreDialog, offer_restore

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.fixture
def shown(monkeypatch):
    """What the window told the user: errors and notices (modal boxes would wait for a click)."""
    told: dict[str, list[str]] = {"errors": [], "info": []}
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, _title, error: told["errors"].append(str(error))
    )
    monkeypatch.setattr(
        messages, "show_info", lambda _parent, _title, text: told["info"].append(text)
    )
    return told


@pytest.fixture
def workspace(tmp_path):
    """A workspace whose manual backup holds a 2024 budget of 100; 999 now."""
    path = make_workspace(tmp_path / "ws", budget=100)
    back_up(path)
    opened = Workspace.open(path)
    yield opened
    opened.close()


@pytest.fixture
def window(qtbot, workspace, shown, zh_cn):
    made = MainWindow(workspace)
    qtbot.addWidget(made)
    made.show()
    made.refresh_years(2024)
    line = next(item for item in made.session.data.budget if item.category_code == "501")
    assert made.session.change(
        "预算",
        lambda: made.session.save_budget_line(BudgetLine("501", budget=Decimal(999))),
        lambda: made.session.save_budget_line(line),
    )
    assert _budget_shown(made) == Decimal(999)
    return made


def _budget_shown(window: MainWindow) -> Decimal:
    data = window.session.data
    return next(item.budget for item in data.budget if item.category_code == "501")


def _open_dialog(qtbot, window: MainWindow) -> RestoreDialog:
    file_menu = window.file_menu
    assert window.restore_action in file_menu.actions()
    window.restore_action.trigger()  # 文件 › 从备份恢复…
    dialog = window.findChild(RestoreDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _click_row(qtbot, dialog: RestoreDialog, row: int) -> None:
    table = dialog.table
    rect = table.visualRect(table.model().index(row, 2))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _row_of(dialog: RestoreDialog, reason: str, unit: str = UNIT.name) -> int:
    return next(
        row
        for row, entry in enumerate(dialog.entries)
        if entry.reason == reason and entry.unit_name == unit
    )


def when_message_box(name: str, button_text: str) -> QTimer:
    """Click ``button_text`` in the message box ``name`` once it shows (keep the timer)."""
    timer = QTimer()
    timer.setInterval(10)

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != name:
            return
        timer.stop()
        button = next(item for item in box.buttons() if item.text() == button_text)
        button.click()

    timer.timeout.connect(poll)
    timer.start()
    return timer


def test_the_list_shows_time_reason_unit_years_and_projects(qtbot, window):
    dialog = _open_dialog(qtbot, window)
    assert dialog.windowTitle() == "从备份恢复"
    assert window.restore_action.text() == "从备份恢复…"
    table = dialog.table
    headers = [table.horizontalHeaderItem(column).text() for column in range(table.columnCount())]
    assert headers == ["备份时间", "原因", "单位", "年度", "项目数", "大小"]
    row = _row_of(dialog, "manual")
    entry = dialog.entries[row]
    cells = [table.item(row, column).text() for column in range(5)]
    assert cells == [
        entry.local_time(),
        "手动备份",
        UNIT.name,
        "2023、2024",
        "2023年 1个，2024年 2个",
    ]
    assert {table.item(r, 1).text() for r in range(table.rowCount())} >= {
        "手动备份",
        "打开工作区时",
    }
    times = [item.taken_at for item in dialog.entries]
    assert times == sorted(times, reverse=True)
    policy = dialog.findChild(QLabel, "retentionPolicy")
    assert policy.text().startswith("备份保留规则：当天的备份全部保留（最多 20 个）")


def test_restoring_asks_says_the_current_data_is_backed_up_and_reloads(qtbot, window, shown):
    dialog = _open_dialog(qtbot, window)
    row = _row_of(dialog, "manual")
    _click_row(qtbot, dialog, row)
    assert dialog.selected() is dialog.entries[row]
    asked: list[str] = []

    def confirm(_parent: QWidget, text: str) -> bool:
        asked.append(text)
        return True

    restore_dialog.confirm_restore, real = confirm, restore_dialog.confirm_restore
    try:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    finally:
        restore_dialog.confirm_restore = real
    assert len(asked) == 1
    assert dialog.entries[row].local_time() in asked[0]
    assert "恢复之前会先自动备份当前的数据" in asked[0]
    assert UNIT.name in asked[0]
    assert _budget_shown(window) == Decimal(100)
    assert window.session.undo_stack.count() == 0  # the undo history belonged to the old data
    assert "恢复之前的数据已备份为" in shown["info"][0]
    assert "已从备份" in window.statusBar().currentMessage()
    assert not dialog.isVisible()
    reasons = [entry.reason for entry in window.workspace.backup_entries()]
    assert reasons[0] == "before-restore"
    window.session.change(  # the reopened workspace takes edits again
        "预算",
        lambda: window.session.save_budget_line(BudgetLine("501", budget=Decimal(321))),
        lambda: None,
    )
    assert budget_of(window.workspace.paths.root) == Decimal(321)


def test_the_real_confirmation_box_cancelled_changes_nothing(qtbot, window):
    before = fingerprint(window.workspace.paths.root)
    dialog = _open_dialog(qtbot, window)
    _click_row(qtbot, dialog, _row_of(dialog, "manual"))
    clicker = when_message_box("confirmRestore", "取消")
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert not clicker.isActive()
    assert dialog.isVisible()
    assert _budget_shown(window) == Decimal(999)
    assert fingerprint(window.workspace.paths.root) == before


def test_the_real_confirmation_box_restores(qtbot, window, shown):
    dialog = _open_dialog(qtbot, window)
    _click_row(qtbot, dialog, _row_of(dialog, "manual"))
    clicker = when_message_box("confirmRestore", "恢复")
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert not clicker.isActive()
    assert _budget_shown(window) == Decimal(100)


def test_a_backup_of_another_unit_is_greyed_and_cannot_be_restored(qtbot, window, tmp_path):
    stranger = back_up(make_workspace(tmp_path / "other", OTHER_UNIT))
    (window.workspace.paths.backups / stranger.name).write_bytes(stranger.read_bytes())
    dialog = _open_dialog(qtbot, window)
    row = _row_of(dialog, "manual", OTHER_UNIT.name)
    _click_row(qtbot, dialog, row)
    assert not dialog.restore_button.isEnabled()
    assert dialog.note.text().startswith("不能恢复：该备份属于另一个单位")
    assert dialog.table.item(row, 0).foreground().color().name() == restore_dialog.REFUSED_COLOUR


def test_another_file_that_fails_a_check_is_refused_in_one_line(
    qtbot, window, tmp_path, shown, monkeypatch
):
    stranger = back_up(make_workspace(tmp_path / "other", OTHER_UNIT))
    before = fingerprint(window.workspace.paths.root)
    monkeypatch.setattr(restore_dialog, "choose_backup_file", lambda _parent, _start: stranger)
    monkeypatch.setattr(restore_dialog, "confirm_restore", lambda _parent, _text: True)
    dialog = _open_dialog(qtbot, window)
    qtbot.mouseClick(dialog.file_button, Qt.MouseButton.LeftButton)
    assert len(shown["errors"]) == 1
    assert shown["errors"][0].startswith("不能恢复：该备份属于另一个单位")
    assert "\n" not in shown["errors"][0]
    assert dialog.isVisible()
    assert fingerprint(window.workspace.paths.root) == before
    window.refresh_years(2024)
    assert _budget_shown(window) == Decimal(999)


def test_a_damaged_workspace_at_start_can_be_restored(qtbot, tmp_path, shown, monkeypatch, zh_cn):
    root = make_workspace(tmp_path / "ws", budget=100)
    back_up(root)
    database = root / "unionperf.sqlite"
    damaged_copy(database, database)
    with pytest.raises(Exception, match="已损坏") as damaged:
        Workspace.open(root)
    monkeypatch.setattr(restore_dialog, "confirm_restore", lambda _parent, _text: True)

    def pick_and_restore(dialog: RestoreDialog) -> None:
        _click_row(qtbot, dialog, _row_of(dialog, "manual"))
        dialog.restore_button.click()

    offer = when_message_box("offerRestore", "选择备份…")
    picker = _when_dialog(pick_and_restore)
    assert offer_restore(root, damaged.value) is True
    assert not offer.isActive()
    assert not picker.isActive()
    assert budget_of(root) == Decimal(100)


def _when_dialog(act: Callable[[RestoreDialog], None]) -> QTimer:
    timer = QTimer()
    timer.setInterval(10)

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, RestoreDialog):
            timer.stop()
            act(dialog)

    timer.timeout.connect(poll)
    timer.start()
    return timer


def test_the_status_bar_names_the_newest_backup(window):
    newest = window.workspace.backups()[0]
    assert messages.backup_time(newest) in window.backup_label.text()
