"""A package opened by double-click: the window says what it is and offers what fits it.

The feedback import must be the submit step's own import (same service, same job, same refresh):
one demo workspace imports through the submit step's button, another through the dialog, and the
two stores must end up the same.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from tests.exchange.packages import (
    UPPER_PASSPHRASE,
    key_id_of,
    members,
    repackage,
    upper_workspace,
)
from unionperf.domain.cycle import Step
from unionperf.domain.feedback import Decision
from unionperf.services.common import signing
from unionperf.services.common.open_requests import post_open_request, take_open_requests
from unionperf.services.common.workspace import Workspace
from unionperf.services.common.writer_lock import take_writer_lock
from unionperf.services.cycle import locks
from unionperf.services.cycle import submit as submit_service
from unionperf.services.cycle.demo import create_demo
from unionperf.services.cycle.feedback import trust_upper
from unionperf.services.inbox.receive import receive
from unionperf.services.upper.feedback import create_feedback
from unionperf.services.upper.opinions import read_opinions
from unionperf.services.upper.register import register
from unionperf.ui import app as app_module
from unionperf.ui import crash, messages
from unionperf.ui import open_package as open_module
from unionperf.ui.main_window import MainWindow
from unionperf.ui.open_package import PackageDialog, show_package
from unionperf.ui.settings import AppSettings
from unionperf.ui.steps.submit import page as submit_page
from unionperf.ui.steps.submit.page import SubmitStep
from unionperf.ui.year_session import YearSession

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

YEAR = 2024
PASSPHRASE = "demo"
JOB_TIMEOUT_MS = 60_000
OPINIONS = {
    "summary": "目标值偏低",
    "opinions": [
        {"label": "整体", "text": "请补充满意度指标"},
        {"label": "项目", "text": "请提高目标值"},
    ],
}


@pytest.fixture
def shown(monkeypatch) -> dict[str, list]:
    """What the window told the user: errors and notices (modal boxes would wait for a click)."""
    seen: dict[str, list] = {"errors": [], "info": []}
    monkeypatch.setattr(
        messages,
        "show_error",
        lambda _parent, title, error: seen["errors"].append(f"{title}: {error}"),
    )
    monkeypatch.setattr(
        messages, "show_info", lambda _parent, title, text: seen["info"].append(f"{title}: {text}")
    )
    return seen


@pytest.fixture
def upper(tmp_path) -> Iterator[Workspace]:
    workspace = upper_workspace(tmp_path / "upper")
    yield workspace
    workspace.close()


def _window(qtbot, workspace: Workspace) -> MainWindow:
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    return window


def _returned_feedback(unit: Workspace, upper: Workspace, tmp_path: Path) -> Path:
    """The upper level receives the unit's targets and returns them with two opinions."""
    package = submit_service.export_package(unit, YEAR, "targets", tmp_path / "sent", PASSPHRASE)
    profile = unit.unit()
    assert profile is not None
    pub = signing.export_public_key(unit, tmp_path / "unit.pub")
    register(upper, pub, profile.credit_code, "x", key_id=key_id_of(pub))
    assert receive(upper, [package.path])[0].status == "received"
    opinions = tmp_path / "opinions.json"
    opinions.write_text(json.dumps(OPINIONS, ensure_ascii=False), encoding="utf-8")
    summary, items = read_opinions(opinions)
    return create_feedback(
        upper,
        unit_code=profile.credit_code,
        year=YEAR,
        stage="targets",
        decision=Decision.RETURN,
        summary=summary,
        opinions=items,
        out_dir=tmp_path / "feedback",
        passphrase=UPPER_PASSPHRASE,
    )


def _trust(unit: Workspace, upper: Workspace, tmp_path: Path) -> None:
    trust_upper(unit, signing.export_public_key(upper, tmp_path / "upper.pub"), "上级")


def _dialog(qtbot, window: MainWindow, path: Path) -> PackageDialog:
    show_package(window, path)
    qtbot.waitUntil(lambda: window.findChild(PackageDialog) is not None, timeout=JOB_TIMEOUT_MS)
    dialog = window.findChild(PackageDialog)
    assert isinstance(dialog, PackageDialog)
    assert dialog.isVisible()
    return dialog


def _click(qtbot, button) -> None:
    assert button.isVisible()
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _state(workspace: Workspace) -> dict[str, object]:
    """What a feedback import changes: feedback rows, the stage's lock, sign-offs, problems."""
    feedback = [
        (item.stage, item.decision, item.sender, item.sequence, item.opinions)
        for item in locks.feedback_of(workspace, YEAR)
    ]
    lock = locks.stage_lock(workspace, YEAR, "targets")
    return {
        "feedback": feedback,
        "lock": (lock.locked, lock.returned, lock.reason),
        "signoffs": workspace.load_year(YEAR).signoffs_for("targets"),
        "problems": sorted(p.key for p in workspace.check(YEAR)),
    }


def _nothing_quarantined(workspace: Workspace) -> bool:
    return not (workspace.paths.root / "quarantine").exists()


# -- feedback for this unit --------------------------------------------------------------------


def test_import_feedback_does_what_the_submit_step_does(  # noqa: PLR0917 - fixtures
    qtbot, demo_workspace, upper, tmp_path, shown, monkeypatch
):
    feedback = _returned_feedback(demo_workspace, upper, tmp_path)
    with create_demo(tmp_path / "twin") as twin:
        _trust(demo_workspace, upper, tmp_path)
        _trust(twin, upper, tmp_path)
        before = _state(twin)
        # the twin imports with the submit step's own button
        monkeypatch.setattr(submit_page, "choose_package_file", lambda _parent, _title: feedback)
        session = YearSession(twin)
        session.open_year(YEAR)
        step = SubmitStep(session)
        session.setParent(step)
        qtbot.addWidget(step)
        step.show()
        step.activate()
        qtbot.mouseClick(step.feedback_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(shown["info"]) == 1, timeout=JOB_TIMEOUT_MS)
        expected = _state(twin)
        # the demo imports through the dialog of the double-clicked file
        window = _window(qtbot, demo_workspace)
        window.open_step(Step.BUDGET)
        dialog = _dialog(qtbot, window, feedback)
        assert dialog.heading.text() == "Feedback of the upper level for this unit"
        assert dialog.facts["decision"].text() == "Returned"
        assert dialog.facts["opinions"].text() == "2 opinions"
        assert dialog.facts["year"].text() == str(YEAR)
        assert dialog.facts["summary"].text() == "目标值偏低"
        assert dialog.action.text() == "Import feedback"
        assert _state(demo_workspace) == before  # looking changes nothing
        _click(qtbot, dialog.action)
        qtbot.waitUntil(lambda: len(shown["info"]) == 2, timeout=JOB_TIMEOUT_MS)
    assert shown["errors"] == []
    assert shown["info"][0] == shown["info"][1]
    assert "退回" in shown["info"][1]
    assert _state(demo_workspace) == expected != before
    assert expected["lock"] == (False, True, "目标值偏低")
    assert expected["signoffs"] == {}
    # and the window shows it as the step does: the submit step's feedback tab, refreshed
    page = window.step_pages[Step.SUBMIT]
    assert isinstance(page, SubmitStep)
    assert window.current_step() is Step.SUBMIT
    assert page.tabs.currentIndex() == 2
    assert page.stage() == "targets"
    assert [line.opinion.text for line in page.feedback_model.rows()] == [
        "请补充满意度指标",
        "请提高目标值",
    ]
    assert window.session.data.signoffs_for("targets") == {}
    assert not window.isHidden()
    assert window.findChild(PackageDialog) is None


def test_feedback_already_imported_offers_to_show_it(qtbot, demo_workspace, upper, tmp_path, shown):
    feedback = _returned_feedback(demo_workspace, upper, tmp_path)
    _trust(demo_workspace, upper, tmp_path)
    assert receive(demo_workspace, [feedback])[0].status == "received"
    imported = _state(demo_workspace)
    window = _window(qtbot, demo_workspace)
    dialog = _dialog(qtbot, window, feedback)
    assert dialog.note.text() == "This feedback was imported already."
    assert dialog.action.text() == "Show the feedback"
    _click(qtbot, dialog.action)
    assert window.current_step() is Step.SUBMIT
    assert window.step_pages[Step.SUBMIT].tabs.currentIndex() == 2
    assert _state(demo_workspace) == imported
    assert shown == {"errors": [], "info": []}


def test_a_tampered_feedback_shows_the_error_and_changes_nothing(
    qtbot, demo_workspace, upper, tmp_path, shown
):
    genuine = _returned_feedback(demo_workspace, upper, tmp_path)
    _trust(demo_workspace, upper, tmp_path)
    text = members(genuine.read_bytes())["data/feedback.json"].decode("utf-8")
    edited = text.replace("请提高目标值", "无意见")
    assert edited != text
    tampered = tmp_path / "tampered.upkg"
    tampered.write_bytes(
        repackage(genuine.read_bytes(), edit={"data/feedback.json": edited.encode()})
    )
    before = _state(demo_workspace)
    window = _window(qtbot, demo_workspace)
    show_package(window, tampered)
    qtbot.waitUntil(lambda: bool(shown["errors"]), timeout=JOB_TIMEOUT_MS)
    [error] = shown["errors"]
    assert error.startswith("The package cannot be used: ")
    assert str(tampered) in error
    assert "签名" in error  # the failed check, in Chinese
    assert error.endswith("Nothing was imported.")
    assert window.findChild(PackageDialog) is None
    assert _state(demo_workspace) == before
    assert _nothing_quarantined(demo_workspace)


def test_feedback_without_the_upper_key_says_what_to_do(
    qtbot, demo_workspace, upper, tmp_path, shown
):
    feedback = _returned_feedback(demo_workspace, upper, tmp_path)
    window = _window(qtbot, demo_workspace)
    show_package(window, feedback)
    qtbot.waitUntil(lambda: bool(shown["errors"]), timeout=JOB_TIMEOUT_MS)
    assert "上级工会的公钥" in shown["errors"][0]
    assert locks.feedback_of(demo_workspace, YEAR) == []


@pytest.mark.parametrize("name", ["gone.upkg", "not-a-zip.upkg"])
def test_a_missing_file_or_not_a_zip_names_the_path(qtbot, demo_workspace, tmp_path, shown, name):
    path = tmp_path / "usb" / name
    if name.startswith("not"):
        path.parent.mkdir()
        path.write_text("hello", encoding="utf-8")
    window = _window(qtbot, demo_workspace)
    show_package(window, path)
    qtbot.waitUntil(lambda: bool(shown["errors"]), timeout=JOB_TIMEOUT_MS)
    [error] = shown["errors"]
    assert str(path) in error
    assert ("不存在" if name.startswith("gone") else "zip") in error
    assert window.findChild(PackageDialog) is None


# -- the unit's own package, other packages ----------------------------------------------------


def test_own_submission_opens_the_submission_log(qtbot, demo_workspace, tmp_path, shown):
    written = submit_service.export_package(demo_workspace, YEAR, "targets", tmp_path, PASSPHRASE)
    before = _state(demo_workspace)
    window = _window(qtbot, demo_workspace)
    dialog = _dialog(qtbot, window, written.path)
    assert dialog.heading.text() == "A package this unit submitted"
    assert dialog.facts["sequence"].text() == f"No. {written.submission.sequence}"
    assert dialog.facts["sha256"].text() == written.submission.sha256
    assert dialog.facts["stage"].text() == "绩效目标"
    assert "decision" not in dialog.facts
    assert dialog.facts["signature"].text() == "Valid, checked with this unit's own key"
    assert dialog.note.text().startswith("Nothing to import")
    assert dialog.action.text() == "Open the submission log"
    _click(qtbot, dialog.action)
    page = window.step_pages[Step.SUBMIT]
    assert isinstance(page, SubmitStep)
    assert window.current_step() is Step.SUBMIT
    assert page.tabs.currentIndex() == 1
    [selected] = page.log_view.selectionModel().selectedRows()
    assert page.log_model.row(selected.row()).sha256 == written.submission.sha256
    assert _state(demo_workspace) == before
    assert shown == {"errors": [], "info": []}


def test_another_units_package_is_not_for_this_workspace(qtbot, tmp_path, shown):
    with create_demo(tmp_path / "sender") as sender:
        sent = submit_service.export_package(sender, YEAR, "targets", tmp_path, PASSPHRASE).path
    with Workspace.create(tmp_path / "empty") as other:
        window = _window(qtbot, other)
        dialog = _dialog(qtbot, window, sent)
        assert dialog.heading.text() == "Another unit's submission"
        assert "not for this workspace" in dialog.note.text()
        assert dialog.action.isHidden()
        assert "only with the key the package carries" in dialog.facts["signature"].text()
        dialog.close()
        window.close()
    assert shown["errors"] == []


# -- the upper level ---------------------------------------------------------------------------


def test_upper_level_receives_the_package(qtbot, demo_workspace, upper, tmp_path, shown):
    sent = submit_service.export_package(demo_workspace, YEAR, "targets", tmp_path, PASSPHRASE)
    profile = demo_workspace.unit()
    assert profile is not None
    window = _window(qtbot, upper)
    # not registered yet: said so, and nothing to click
    dialog = _dialog(qtbot, window, sent.path)
    assert dialog.heading.text() == "A subordinate unit's submission"
    assert profile.credit_code in dialog.note.text()
    assert dialog.action.text() == "Receive"
    assert not dialog.action.isEnabled()
    dialog.close()
    qtbot.waitUntil(lambda: window.findChild(PackageDialog) is None)
    pub = signing.export_public_key(demo_workspace, tmp_path / "unit.pub")
    register(upper, pub, profile.credit_code, "x", key_id=key_id_of(pub))
    for round_ in (1, 2):
        dialog = _dialog(qtbot, window, sent.path)
        _click(qtbot, dialog.action)
        qtbot.waitUntil(lambda n=round_: len(shown["info"]) == n, timeout=JOB_TIMEOUT_MS)
        qtbot.waitUntil(lambda: window.findChild(PackageDialog) is None)
    assert shown["errors"] == []
    first, second = shown["info"]
    assert first.startswith("Package received: 已接收")
    assert second.startswith("Already received: ")
    with upper.reading() as uow:
        [record] = uow.register.received()
    assert (record.unit_code, record.stage, record.sequence) == (
        profile.credit_code,
        "targets",
        sent.submission.sequence,
    )


# -- started by the command line ---------------------------------------------------------------


@pytest.fixture
def app_started(tmp_path, monkeypatch, qapp) -> list[tuple[MainWindow, Path]]:
    """``ui.app.run`` with the user's folders in tmp and the event loop replaced."""
    monkeypatch.setattr(app_module, "AppSettings", lambda: AppSettings(tmp_path / "settings.ini"))
    monkeypatch.setattr(crash, "fallback_log_folder", lambda: tmp_path / "user-logs")
    monkeypatch.setattr(crash, "show_previous_crash", lambda *args: None)
    opened: list[tuple[MainWindow, Path]] = []
    monkeypatch.setattr(
        open_module, "show_package", lambda window, path: opened.append((window, path))
    )
    font = qapp.font()

    def fake_exec() -> int:
        for _ in range(3):
            QCoreApplication.processEvents()
        for window in QApplication.topLevelWidgets():
            if isinstance(window, MainWindow) and window.isVisible():
                window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    yield opened
    qapp.setFont(font)


def test_run_opens_the_package_once_the_window_is_shown(app_started, demo_workspace, tmp_path):
    root = demo_workspace.paths.root
    demo_workspace.close()
    package = tmp_path / "X.upkg"
    assert app_module.run(root, open_package=package) == 0
    [(window, path)] = app_started
    assert path == package
    assert isinstance(window, MainWindow)
    assert window.workspace.paths.root == root


def test_run_without_a_package_opens_none(app_started, demo_workspace):
    root = demo_workspace.paths.root
    demo_workspace.close()
    assert app_module.run(root) == 0
    assert app_started == []


# -- handed over to the window that has the workspace open ---------------------------------------


@pytest.mark.qt_log_ignore(r"^This plugin does not support (propagateSizeHints|raise)\(\)$")
def test_the_open_window_takes_a_package_handed_over(qtbot, demo_workspace, tmp_path, monkeypatch):
    shown_paths: list[Path] = []
    monkeypatch.setattr(open_module, "show_package", lambda _w, path: shown_paths.append(path))
    window = _window(qtbot, demo_workspace)
    early = post_open_request(demo_workspace.paths.root, tmp_path / "early.upkg")
    watcher = open_module.watch_open_requests(window)
    assert watcher is not None
    assert shown_paths == [tmp_path / "early.upkg"]  # left before the window was watching
    assert not early.exists()
    later = post_open_request(demo_workspace.paths.root, tmp_path / "later.upkg")
    qtbot.waitUntil(lambda: len(shown_paths) == 2, timeout=5_000)
    assert shown_paths[1] == tmp_path / "later.upkg"
    assert not later.exists()


def test_a_second_start_hands_the_package_to_the_running_window(
    app_started, demo_workspace, tmp_path
):
    """While the workspace is locked by a window, ``unionperf X.upkg`` hands X over and exits 0."""
    root = demo_workspace.paths.root
    demo_workspace.close()
    package = tmp_path / "X.upkg"
    with take_writer_lock(root):
        taker = threading.Timer(0.3, take_open_requests, args=(root,))
        taker.start()
        try:
            assert app_module.run(root, open_package=package) == 0
        finally:
            taker.join()
    assert app_started == []  # no second window was opened


def test_nobody_taking_the_package_says_the_workspace_is_in_use(
    app_started, demo_workspace, tmp_path, monkeypatch
):
    root = demo_workspace.paths.root
    demo_workspace.close()
    refused: list[str] = []
    monkeypatch.setattr(app_module, "_cannot_open", lambda error: refused.append(str(error)))
    monkeypatch.setattr(app_module, "wait_until_taken", lambda request: False)
    with take_writer_lock(root):  # held by, say, a command-line export: no window takes requests
        assert app_module.run(root, open_package=tmp_path / "X.upkg") == 2
    assert refused
    assert "正在被另一个程序使用" in refused[0]
    assert take_open_requests(root) == []  # the request was withdrawn
