"""参数下发 at the unit, in the window, as the unit's accountant meets it.

The district union sends two parameter packages (a library with one indicator added and one
changed, a rule setting, two deadlines of the next year). The unit opens the newer from the File
menu: no upper key is trusted yet, so the key import opens and wants the key id off the sealed
sheet; then the package shows what changes, 应用 applies it, the year's settings change, the
deadlines show in the status bar and the problems panel (days left, overdue). The older package,
dropped on the window, is refused in Chinese.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QLabel

from tests.chinese import english_in
from tests.exchange.packages import UPPER_PASSPHRASE
from tests.ui.test_chinese_window import window_texts
from unionperf.demo.assessment import DEMO_THRESHOLD
from unionperf.domain.cycle import Step
from unionperf.domain.settings import RuleSettings
from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.services.common import signing
from unionperf.services.common.indicator_library import default_library
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import editing
from unionperf.services.cycle.feedback import trust_upper, trusted_upper_key
from unionperf.services.cycle.params import active_library
from unionperf.services.upper import params
from unionperf.ui import messages
from unionperf.ui import params_dialog as params_module
from unionperf.ui.deadlines import DeadlineLine, refresh_deadlines
from unionperf.ui.main_window import MainWindow
from unionperf.ui.params_dialog import ParamsDialog
from unionperf.ui.problems_panel import ProblemsPanel
from unionperf.ui.steps.submit import page as submit_page
from unionperf.ui.steps.submit.page import SubmitStep
from unionperf.ui.steps.unit import keys_box
from unionperf.ui.steps.unit.page import UnitStep

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

JOB_TIMEOUT_MS = 60_000
YEAR = 2025
UPPER_NAME = "某区总工会"
UPPER_CODE = "91350100M000100Y43"
NEW_ENTRY = {
    "id": "district-volunteer-hours",
    "placements": [["产出指标", "数量指标"]],
    "name": "区总工会统一考核的志愿服务时长",
    "kind": "quantitative",
    "operator": ">=",
    "target": "200",
    "unit": "小时",
    "scope": "project",
}
DEADLINES = [
    {"year": YEAR, "stage": "targets", "due": f"{YEAR}-01-31"},
    {"year": YEAR, "stage": f"monitoring-{YEAR}-06-30", "due": f"{YEAR}-07-15"},
]


@pytest.fixture
def shown(monkeypatch) -> dict[str, list[str]]:
    """What the window told the user (modal boxes would wait for a click)."""
    seen: dict[str, list[str]] = {"errors": [], "info": []}
    monkeypatch.setattr(
        messages, "show_error", lambda _p, title, error: seen["errors"].append(f"{title}: {error}")
    )
    monkeypatch.setattr(
        messages, "show_info", lambda _p, title, text: seen["info"].append(f"{title}: {text}")
    )
    return seen


@pytest.fixture
def district(tmp_path) -> Iterator[tuple[Path, Path, Path, str]]:
    """Two parameter packages of the district union, its public key file and key id."""
    profile = UnitProfile(UPPER_NAME, UPPER_CODE, level=UnitLevel.UPPER)
    upper = Workspace.create(tmp_path / "上级", profile, UPPER_PASSPHRASE)
    folder = tmp_path / "参数"
    folder.mkdir()
    bundled = json.loads(
        (Path(__file__).parents[2] / "resources" / "indicators" / "library.json").read_text(
            encoding="utf-8"
        )
    )
    raised = {**bundled["entries"][9], "target": "30"}
    library = {**bundled, "title": "某区总工会指标库", "version": "2025.1"}
    library["entries"] = [*bundled["entries"][:9], raised, NEW_ENTRY]
    documents = {
        "library.json": library,
        # the demo's threshold kept, so that only the lag points change
        "settings.json": replace(
            RuleSettings(), lag_points=Decimal(15), assessment_threshold=DEMO_THRESHOLD
        ).to_json(),
        "deadlines.json": DEADLINES,
    }
    for name, document in documents.items():
        (folder / name).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    try:
        params.set_library(upper, folder / "library.json")
        params.set_settings(upper, folder / "settings.json")
        params.set_deadlines(upper, folder / "deadlines.json")
        older = params.export_params(upper, tmp_path / "U盘", UPPER_PASSPHRASE).path
        newer = params.export_params(upper, tmp_path / "U盘", UPPER_PASSPHRASE, "请按新指标库编制")
        pub = signing.export_public_key(upper, tmp_path / "U盘" / "上级工会公钥.pub")
        yield older, newer.path, pub, signing.key_info(upper).key_id
    finally:
        upper.close()


@pytest.fixture
def window(qtbot, demo_workspace, zh_cn) -> MainWindow:
    """The demo unit (2023 and 2024 signed and sent) with 2025 started, on 3 July 2025."""
    editing.add_year(demo_workspace, YEAR)
    made = MainWindow(demo_workspace)
    qtbot.addWidget(made)
    made.today = lambda: date(YEAR, 7, 3)
    made.resize(1366, 768)
    made.show()
    made.refresh_years(YEAR)
    return made


def _rows(dialog: ParamsDialog, name: str) -> list[tuple[str, ...]]:
    return list(dialog.tables[name].rows())


def _open_from_the_file_menu(qtbot, window, district, monkeypatch) -> ParamsDialog:
    """File › 导入上级工会参数包…; the upper key is imported first, its id typed off the sheet."""
    _older, newer, pub, key_id = district
    monkeypatch.setattr(params_module, "choose_params_file", lambda _parent: newer)
    monkeypatch.setattr(keys_box, "choose_key_file", lambda _parent: pub)
    assert window.params_action in window.file_menu.actions()
    page = window.page(Step.UNIT)
    assert isinstance(page, UnitStep)
    window.params_action.trigger()
    qtbot.waitUntil(lambda: page.keys.dialog is not None, timeout=JOB_TIMEOUT_MS)
    assert window.current_step() is Step.UNIT
    key_dialog = page.keys.dialog
    assert key_dialog.isVisible()
    qtbot.keyClicks(key_dialog.typed, " ".join(key_id[at : at + 4] for at in range(0, 16, 4)))
    assert key_dialog.confirm.isEnabled()
    qtbot.mouseClick(key_dialog.confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.params_dialog is not None, timeout=JOB_TIMEOUT_MS)
    assert window.params_dialog is not None
    return window.params_dialog


def test_a_parameter_package_is_shown_applied_and_its_deadlines_counted(  # noqa: PLR0917
    qtbot, window, demo_workspace, district, shown, monkeypatch
):
    older, _newer, _pub, key_id = district
    dialog = _open_from_the_file_menu(qtbot, window, district, monkeypatch)
    held = trusted_upper_key(demo_workspace)
    assert held is not None
    assert held.key_id == key_id
    assert shown["info"][0].startswith("请先导入上级工会公钥")
    # what changes
    assert dialog.isVisible()
    heading = dialog.findChild(QLabel, "paramsHeading")
    assert heading.text() == "某区总工会下发的参数包（第2次）"
    assert dialog.facts["note"].text() == "请按新指标库编制"
    assert key_id[:4] in dialog.facts["signature"].text()
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        f"指标库（新增1、修改1、不再提供{len(default_library().entries) - 10}）",
        "规则设置",
        "报送截止日期",
    ]
    library = _rows(dialog, "library")
    assert ("新增", NEW_ENTRY["name"]) in library
    assert ("修改", "组织劳模及先进职工疗休养人数") in library
    assert _rows(dialog, "settings") == [
        ("2025年度", "执行进度偏差阈值（百分点）", "10", "15"),
    ]
    texts = " ".join(text for _where, text in window_texts(dialog))
    assert "用于尚未签字确认的年度：2025。" in texts
    assert "2023、2024年度已签字确认或已报送" in texts
    assert _rows(dialog, "deadlines") == [
        ("2025年度 绩效目标", "2025-01-31", "（新增）"),
        ("2025年度 运行监控（2025-06-30）", "2025-07-15", "（新增）"),
    ]
    readable = [(where, text) for where, text in window_texts(dialog) if "params_file" not in where]
    assert english_in(readable) == []  # the file's path is pytest's
    assert window.deadline_label.text() == ""  # nothing applied by looking
    assert active_library(demo_workspace).title == default_library().title
    # apply
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any("参数包已应用" in text for text in shown["info"]), timeout=JOB_TIMEOUT_MS
    )
    assert shown["errors"] == []
    assert window.params_dialog is None or not window.params_dialog.isVisible()
    assert window.session.year == YEAR
    assert window.session.data.settings.lag_points == Decimal(15)
    assert demo_workspace.load_year(2024).settings.lag_points == Decimal(10)
    assert active_library(demo_workspace).title == "某区总工会指标库"
    # the deadlines: the nearest not sent in the status bar, all in the problems panel
    overdue = "绩效目标报送截止 2025-01-31，已逾期 153 天"
    due = "运行监控（2025-06-30）报送截止 2025-07-15，还有 12 天"
    assert window.deadline_label.text() == overdue
    assert "#b3261e" in window.deadline_label.styleSheet()
    panel = window.problems.deadlines
    assert panel.isVisible()
    assert panel.text() == f"上级工会报送截止：{overdue}；{due}"
    window.today = lambda: date(YEAR, 7, 15)
    refresh_deadlines(window)
    assert "运行监控（2025-06-30）今天报送截止（2025-07-15）" in panel.text()
    # the older package, dropped on the window, is refused in Chinese
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(older))])
    drop = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: bool(shown["errors"]), timeout=JOB_TIMEOUT_MS)
    assert shown["errors"] == ["参数包不能应用: 已拒收（不新于已应用的第2次参数包）：第1次参数包"]


def test_a_year_shows_no_deadline_line_until_the_upper_level_sets_one(window):
    assert not window.problems.deadlines.isVisible()
    assert window.deadline_label.text() == ""


def test_the_panel_names_the_two_earliest_deadlines_and_counts_the_rest(qtbot, zh_cn):
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.show_deadlines([DeadlineLine(f"第{number}项", False, False) for number in (1, 2, 3, 4)])
    assert panel.deadlines.text() == "上级工会报送截止：第1项；第2项；另有2项"
    assert panel.deadlines.toolTip() == "第1项\n第2项\n第3项\n第4项"
    assert "#1d4f91" in panel.deadlines.styleSheet()
    panel.show_deadlines([DeadlineLine("第1项", True, False)])
    assert "#b3261e" in panel.deadlines.styleSheet()
    panel.show_deadlines([])
    assert panel.deadlines.text() == ""


def test_a_parameter_package_chosen_as_feedback_is_shown_before_anything_is_applied(  # noqa: PLR0917
    qtbot, window, demo_workspace, district, shown, monkeypatch
):
    _older, newer, pub, key_id = district
    trust_upper(demo_workspace, pub, UPPER_NAME, key_id)
    page = window.open_step(Step.SUBMIT)
    assert isinstance(page, SubmitStep)
    monkeypatch.setattr(submit_page, "choose_package_file", lambda _parent, _title: newer)
    qtbot.mouseClick(page.feedback_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.params_dialog is not None, timeout=JOB_TIMEOUT_MS)
    assert window.params_dialog.isVisible()
    with demo_workspace.reading() as uow:
        assert uow.params.applied() == []
    assert shown == {"errors": [], "info": []}
    window.params_dialog.reject()
