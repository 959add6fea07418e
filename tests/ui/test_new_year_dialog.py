"""新建年度 in the window: copying last year's budget lines, projects and targets, or not."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, Qt

from unionperf.domain.cycle import Step
from unionperf.ui import messages
from unionperf.ui.main_window import MainWindow
from unionperf.ui.new_year_dialog import NewYearDialog

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

HOME = "职工之家设备购置及改造（2023—2025年）"
SAVED_MS = 60_000
"""The year is saved on the job thread; the wait ends with the year shown (a bound, not a goal)."""


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, title, error: shown.append(str(error))
    )
    return shown


@pytest.fixture
def window(qtbot, demo_workspace, errors, zh_cn):
    shown = MainWindow(demo_workspace)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _open_dialog(window: MainWindow, qtbot) -> NewYearDialog:
    window.add_year_action.trigger()
    dialog = window.findChild(NewYearDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _type_year(dialog: NewYearDialog, qtbot, year: int) -> None:
    dialog.year.setFocus()
    qtbot.keyClick(dialog.year, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.year, str(year))


def test_new_year_copies_budget_lines_and_running_projects_from_last_year(
    window, demo_workspace, qtbot, errors
):
    dialog = _open_dialog(window, qtbot)
    assert dialog.windowTitle() == "新建年度"
    assert dialog.year.value() == 2025
    assert dialog.copy.isChecked()
    assert dialog.source.currentText() == "2024年度"
    preview = dialog.preview.text()
    assert "从2024年度复制：10个预算科目、1个延续项目和16个绩效指标" in preview
    assert "项目期已结束、不复制：2024年职工文体活动经费" in preview
    with qtbot.waitSignal(window.year_shown, timeout=SAVED_MS):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert not errors
    before, after = demo_workspace.load_year(2024), demo_workspace.load_year(2025)
    assert [line.budget for line in after.budget] == [line.budget for line in before.budget]
    [home] = after.projects
    running = next(project for project in before.projects if project.name == HOME)
    assert home.uid == running.uid  # the same project in its next year
    assert home.initial_budget == running.initial_budget
    assert home.executed == 0
    assert window.session.year == 2025
    page = window.open_step(Step.BUDGET)
    model = page.projects.project_model
    assert [model.rows()[row].name for row in range(model.rowCount())] == [HOME]
    assert "从2024年度复制了10个预算科目、1个延续项目" in window.statusBar().currentMessage()


def test_new_year_without_copying_starts_empty_with_the_settings(
    window, demo_workspace, qtbot, errors
):
    dialog = _open_dialog(window, qtbot)
    qtbot.mouseClick(dialog.copy, Qt.MouseButton.LeftButton)
    assert not dialog.copy.isChecked()
    assert not dialog.source.isEnabled()
    assert "规则设置" in dialog.rules.text()
    with qtbot.waitSignal(window.year_shown, timeout=SAVED_MS):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    data = demo_workspace.load_year(2025)
    assert (data.budget, data.projects) == ((), ())
    assert data.settings == demo_workspace.load_year(2024).settings
    assert not errors


def test_an_existing_year_cannot_be_started_again(window, demo_workspace, qtbot):
    dialog = _open_dialog(window, qtbot)
    _type_year(dialog, qtbot, 2024)
    assert dialog.year.value() == 2024
    assert not dialog.ok.isEnabled()
    assert dialog.rules.text() == "2024年度已存在。"
    assert [dialog.source.itemData(i) for i in range(dialog.source.count())] == [2023]
    _type_year(dialog, qtbot, 2026)
    assert dialog.ok.isEnabled()
    assert dialog.source.currentText() == "2024年度"
    assert "年度不是" not in dialog.preview.text()
    dialog.reject()
    assert demo_workspace.years() == [2023, 2024]


def test_an_earlier_year_can_be_copied_from_a_later_source_list(window, demo_workspace, qtbot):
    dialog = _open_dialog(window, qtbot)
    dialog.source.setCurrentIndex(dialog.source.findData(2023))
    assert "从2023年度复制" in dialog.preview.text()
    with qtbot.waitSignal(window.year_shown, timeout=SAVED_MS):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    after = demo_workspace.load_year(2025)
    assert [p.name for p in after.projects] == [
        p.name for p in demo_workspace.load_year(2023).projects if p.end and p.end.year >= 2025
    ]
    assert all(line.last_year_actual == 0 for line in after.budget)  # 2023 is not the year before


def test_a_refused_year_is_reported_and_the_shown_year_stays(window, demo_workspace, qtbot, errors):
    job = window.start_year(2024, 2023)
    qtbot.waitUntil(job.done.is_set, timeout=SAVED_MS)
    qtbot.waitUntil(lambda: bool(errors), timeout=SAVED_MS)
    assert errors == ["新建年度：2024年度已存在（工作区现有年度：2023、2024）"]
    assert window.session.year == 2024
    assert demo_workspace.years() == [2023, 2024]


def _ended_rows(dialog: NewYearDialog) -> list[tuple[str, str, bool]]:
    listed = dialog.ended
    return [
        (
            listed.item(row).text(),
            listed.item(row).data(Qt.ItemDataRole.UserRole),
            listed.item(row).checkState() == Qt.CheckState.Checked,
        )
        for row in range(listed.count())
    ]


def _tick(dialog: NewYearDialog, qtbot, name: str) -> None:
    """Tick an ended project as a user does: click it, press the space bar."""
    listed = dialog.ended
    row = next(row for row in range(listed.count()) if listed.item(row).text().startswith(name))
    rect = listed.visualItemRect(listed.item(row))
    qtbot.mouseClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(listed, Qt.Key.Key_Space)


def test_ended_projects_ticked_run_again_as_new_projects(window, demo_workspace, qtbot, errors):
    dialog = _open_dialog(window, qtbot)
    before = demo_workspace.load_year(2024)
    ended = [p for p in before.projects if p.end is not None and p.end.year < 2025]
    rows = _ended_rows(dialog)
    assert [uid for _, uid, _ in rows] == [p.uid for p in ended]  # by uid, not by name
    assert not any(ticked for _, _, ticked in rows)  # nothing runs again unless ticked
    assert dialog.renew_amounts.isChecked()
    assert not dialog.renew_amounts.isEnabled()
    _tick(dialog, qtbot, "2024年职工文体活动经费")
    assert [ticked for _, _, ticked in _ended_rows(dialog)] == [True] + [False] * (len(ended) - 1)
    assert dialog.renew_amounts.isEnabled()
    box = QPoint(dialog.renew_amounts.height() // 2, dialog.renew_amounts.height() // 2)
    qtbot.mouseClick(dialog.renew_amounts, Qt.MouseButton.LeftButton, pos=box)  # blank amounts
    assert not dialog.renew_amounts.isChecked()
    preview = dialog.preview.text()
    assert "另作为新增项目复制1个已结束的项目：2024年职工文体活动经费（年初预算数留空）" in preview
    assert "项目期已结束、不复制：2024年节日慰问及会员集体福利" in preview
    with qtbot.waitSignal(window.year_shown, timeout=SAVED_MS):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert not errors
    after = demo_workspace.load_year(2025)
    assert [p.name for p in after.projects] == [HOME, "2025年职工文体活动经费"]
    sports, old = after.projects[1], before.project(ended[0].uid)
    assert sports.uid not in {p.uid for p in before.projects}
    assert sports.attribute.value == "new"
    assert sports.initial_budget == 0
    assert [f.source for f in sports.funding] == [f.source for f in old.funding]
    assert [(i.name, i.target, i.points) for i in sports.targets.indicators] == [
        (i.name, i.target, i.points) for i in old.targets.indicators
    ]
    assert "另将1个已结束的项目作为新项目复制" in window.statusBar().currentMessage()


def test_a_new_year_leaves_a_backup_taken_before_it(window, demo_workspace, qtbot):
    before = {item.path for item in demo_workspace.backups()}
    dialog = _open_dialog(window, qtbot)
    with qtbot.waitSignal(window.year_shown, timeout=SAVED_MS):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    taken = [item for item in demo_workspace.backups() if item.path not in before]
    assert len(taken) == 1
    assert taken[0].path.name.endswith("_新建年度前.sqlite")
    assert window.backup_label.text() == f"最近备份：{messages.backup_time(taken[0])}"


def test_a_project_proposed_for_clear_out_is_named_and_not_copied(window, demo_workspace, qtbot):
    home = next(p for p in demo_workspace.load_year(2024).projects if p.name == HOME)
    with demo_workspace.unit_of_work() as uow:
        uow.years.save_project(
            2024, replace(home, clear_out=True, clear_out_reason="第二期使用人次未达目标")
        )
    dialog = _open_dialog(window, qtbot)
    preview = dialog.preview.text()
    assert f"未复制：2024年度已提出清理退出的项目：{HOME}。" in preview
    assert "0个延续项目" in preview
    dialog.reject()
