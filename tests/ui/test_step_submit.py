"""The submit step: checklist, sign-offs, package and forms off the GUI thread, cover, feedback."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.exchange.packages import UPPER_PASSPHRASE, upper_workspace
from unionperf.domain.feedback import Decision
from unionperf.domain.settings import SignoffRole
from unionperf.services.common import signing
from unionperf.services.common.verify import verify_file
from unionperf.services.cycle import editing, locks
from unionperf.services.cycle import submit as submit_service
from unionperf.services.cycle.feedback import trust_upper
from unionperf.services.cycle.submit import ExportRefusedError
from unionperf.services.inbox.receive import receive
from unionperf.services.upper.feedback import create_feedback
from unionperf.services.upper.opinions import read_opinions
from unionperf.services.upper.register import register
from unionperf.ui import messages
from unionperf.ui.steps.submit import page as submit_page
from unionperf.ui.steps.submit.models import CheckGroup
from unionperf.ui.steps.submit.page import SubmitStep
from unionperf.ui.year_session import YearSession

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

YEAR = 2024
PASSPHRASE = "demo"
JOB_TIMEOUT_MS = 60_000


@pytest.fixture
def shown(monkeypatch):
    """What the step told the user: errors (with their itemised details) and notices."""
    seen: dict[str, list] = {"errors": [], "details": [], "info": []}

    def error(_parent, title, failure):
        seen["errors"].append(f"{title}: {failure}")
        seen["details"].append(failure.details() if hasattr(failure, "details") else [])
        seen.setdefault("raised", []).append(failure)

    monkeypatch.setattr(messages, "show_error", error)
    monkeypatch.setattr(
        messages, "show_info", lambda _parent, title, text: seen["info"].append(text)
    )
    return seen


def _page(qtbot, workspace, year: int = YEAR) -> SubmitStep:
    session = YearSession(workspace)
    session.open_year(year)
    page = SubmitStep(session)
    session.setParent(page)  # deleted with the page, on the GUI thread
    qtbot.addWidget(page)
    page.resize(1200, 430)
    page.show()
    page.activate()
    return page


def _pick_stage(page: SubmitStep, stage: str) -> None:
    page.stage_combo.setCurrentIndex(page.stage_combo.findData(stage))
    assert page.stage() == stage


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _withdraw_all(workspace, stage: str) -> None:
    for role in SignoffRole:
        locks.withdraw_signoff(workspace, YEAR, stage, role)


def test_stage_list_holds_targets_each_point_and_the_evaluation(qtbot, demo_workspace):
    page = _page(qtbot, demo_workspace)
    stages = [page.stage_combo.itemData(i) for i in range(page.stage_combo.count())]
    assert stages == [
        "targets",
        "monitoring-2024-03-31",
        "monitoring-2024-06-30",
        "monitoring-2024-07-31",
        "monitoring-2024-09-30",
        "self-evaluation",
    ]
    assert page.stage() == "self-evaluation"  # the stage the year has reached


def test_an_empty_year_is_not_ready(qtbot, empty_workspace, qtmodeltester):
    editing.add_year(empty_workspace, YEAR)
    page = _page(qtbot, empty_workspace)
    _pick_stage(page, "targets")
    groups = {item.group for item in page.items}
    assert CheckGroup.HARD in groups
    assert CheckGroup.SIGNOFF in groups
    assert sum(1 for item in page.items if item.group is CheckGroup.SIGNOFF) == 3
    assert page.ready.text().startswith("Not ready")
    assert page.checklist_model.rowCount() == len(page.items)
    qtmodeltester.check(page.checklist_model)


def test_demo_self_evaluation_is_ready_once_signed_off(qtbot, demo_workspace):
    _withdraw_all(demo_workspace, "self-evaluation")
    page = _page(qtbot, demo_workspace)
    _pick_stage(page, "self-evaluation")
    assert [item.group for item in page.items] == [CheckGroup.SIGNOFF] * 3
    assert "3 sign-offs missing" in page.ready.text()
    assert page.signoff.stage == "self-evaluation"
    for role in SignoffRole:
        _click(qtbot, page.signoff.rows[role].button)
    assert page.items == []
    assert page.ready.text().startswith("Ready to submit")
    stored = demo_workspace.load_year(YEAR).signoffs_for("self-evaluation")
    assert {role: item.name for role, item in stored.items()} == {
        SignoffRole.PREPARER: "周丽华",
        SignoffRole.CHAIR: "陈建国",
        SignoffRole.AUDIT_CHAIR: "王秀英",
    }
    assert locks.stage_lock(demo_workspace, YEAR, "self-evaluation").locked


@pytest.fixture
def usb(tmp_path, monkeypatch) -> Path:
    """The folder the user picks, and the demo passphrase typed."""
    out = tmp_path / "usb"
    monkeypatch.setattr(submit_page, "choose_folder", lambda _parent, _title: out)
    monkeypatch.setattr(submit_page, "ask_passphrase", lambda _parent, _problem="": PASSPHRASE)
    return out


@pytest.fixture
def export_threads(monkeypatch) -> list[threading.Thread]:
    """The threads ``export_package`` ran on."""
    threads: list[threading.Thread] = []
    real_export = submit_service.export_package

    def export(*args, **kwargs):
        threads.append(threading.current_thread())
        return real_export(*args, **kwargs)

    monkeypatch.setattr(submit_service, "export_package", export)
    return threads


def test_export_writes_a_verified_package_and_the_forms_off_the_gui_thread(
    qtbot, demo_workspace, usb, export_threads, shown
):
    out, threads = usb, export_threads
    page = _page(qtbot, demo_workspace)
    _pick_stage(page, "targets")
    assert page.ready.text().startswith("Ready")
    _click(qtbot, page.export_button)
    qtbot.waitUntil(
        lambda: page.log_model.rowCount() == 1 or bool(shown["errors"]), timeout=JOB_TIMEOUT_MS
    )
    assert shown["errors"] == []
    assert len(threads) == 1
    assert threads[0] is not threading.main_thread()
    [logged] = submit_service.submissions(demo_workspace, YEAR)
    assert (logged.stage, logged.sequence) == ("targets", 1)
    package = out / logged.file_name
    verified = verify_file(package, demo_workspace.paths.keys / "unit.pub")
    assert verified.trusted
    assert verified.sha256 == logged.sha256
    assert verified.meta["stage"] == "targets"
    written = sorted(path.name for path in out.iterdir())
    assert f"{YEAR}年绩效目标报送回执.pdf" in written
    assert f"{YEAR}年绩效目标表格.xlsx" in written
    assert sum(1 for name in written if name.endswith(".pdf")) >= 3
    assert page.session.submitted == {"targets"}
    assert logged.sha256 in page.written.text()
    assert logged.key_id in page.written.text()
    assert page.log_model.row(0) == logged
    assert page.export_button.isEnabled()


def test_the_log_and_feedback_models_pass_the_model_tester(qtbot, demo_workspace, qtmodeltester):
    for stage in ("targets", "self-evaluation"):
        submit_service.export_package(
            demo_workspace, YEAR, stage, demo_workspace.paths.root, "demo"
        )
    page = _page(qtbot, demo_workspace)
    assert [item.stage for item in page.log_model.rows()] == ["self-evaluation", "targets"]
    qtmodeltester.check(page.log_model)


class Typist:
    """The user at the passphrase dialog: types each answer in turn (``None``: cancel)."""

    def __init__(self, *answers: str | None) -> None:
        self.answers = list(answers)
        self.reasons: list[str] = []
        """Why the dialog asked, each time ("" the first time)."""

    def __call__(self, _parent, problem: str = "") -> str | None:
        self.reasons.append(problem)
        return self.answers.pop(0)


def test_a_wrong_passphrase_is_asked_again_and_the_export_goes_on(
    qtbot, demo_workspace, tmp_path, monkeypatch, shown
):
    out = tmp_path / "usb"
    folders: list[str] = []
    monkeypatch.setattr(
        submit_page, "choose_folder", lambda _parent, title: folders.append(title) or out
    )
    typist = Typist("not-the-passphrase", PASSPHRASE)
    monkeypatch.setattr(submit_page, "ask_passphrase", typist)
    page = _page(qtbot, demo_workspace)
    _pick_stage(page, "targets")
    _click(qtbot, page.export_button)
    qtbot.waitUntil(
        lambda: page.log_model.rowCount() == 1 or bool(shown["errors"]), timeout=JOB_TIMEOUT_MS
    )
    assert shown["errors"] == []
    assert len(folders) == 1  # the folder was not asked again
    assert typist.reasons[0] == ""
    assert "签名口令不正确" in typist.reasons[1]
    [logged] = submit_service.submissions(demo_workspace, YEAR)
    assert (out / logged.file_name).is_file()


def test_a_wrong_passphrase_then_cancel_writes_nothing(
    qtbot, demo_workspace, tmp_path, monkeypatch, shown
):
    out = tmp_path / "usb"
    monkeypatch.setattr(submit_page, "choose_folder", lambda _parent, _title: out)
    typist = Typist("not-the-passphrase", None)
    monkeypatch.setattr(submit_page, "ask_passphrase", typist)
    page = _page(qtbot, demo_workspace)
    _click(qtbot, page.export_button)
    qtbot.waitUntil(lambda: len(typist.reasons) == 2, timeout=JOB_TIMEOUT_MS)
    assert "签名口令不正确" in typist.reasons[1]
    assert shown["errors"] == []
    assert submit_service.submissions(demo_workspace, YEAR) == []
    assert not out.exists() or not any(out.iterdir())
    assert page.session.submitted == set()
    assert page.export_button.isEnabled()


def test_a_stage_that_is_not_ready_is_refused_with_every_problem(
    qtbot, demo_workspace, monkeypatch, shown
):
    asked: list[str] = []
    monkeypatch.setattr(submit_page, "choose_folder", lambda _parent, title: asked.append(title))
    _withdraw_all(demo_workspace, "targets")
    page = _page(qtbot, demo_workspace)
    _pick_stage(page, "targets")
    _click(qtbot, page.export_button)
    assert asked == []
    [refused] = shown["raised"]
    assert isinstance(refused, ExportRefusedError)
    assert len(shown["details"][0]) == 3
    assert all("G001" in line for line in shown["details"][0])


def test_explaining_a_soft_problem_is_saved_and_undoable(qtbot, demo_workspace, monkeypatch):
    data = demo_workspace.load_year(YEAR)
    project = data.projects[0]
    editing.save_project(
        demo_workspace, YEAR, replace(project, responsible="")
    )  # a soft problem (P007)
    monkeypatch.setattr(
        submit_page, "ask_explanation", lambda _parent, _problem, _current: "负责人调离，待补选"
    )
    page = _page(qtbot, demo_workspace)
    _pick_stage(page, "targets")
    [row] = [n for n, item in enumerate(page.items) if item.group is CheckGroup.SOFT]
    key = page.items[row].problem.key
    assert not page.explain_button.isEnabled()
    page.checklist_view.selectRow(row)
    assert page.explain_button.isEnabled()
    _click(qtbot, page.explain_button)
    assert demo_workspace.load_year(YEAR).explanation_for(key) == "负责人调离，待补选"
    explained = next(item for item in page.items if item.problem.key == key)
    assert explained.group is CheckGroup.EXPLAINED
    assert not explained.blocking
    assert page.ready.text().startswith("Ready")
    page.session.undo_stack.undo()
    assert demo_workspace.load_year(YEAR).explanation_for(key) == ""
    assert page.ready.text().startswith("Not ready")


def test_print_cover_sheet_writes_the_pdf_and_opens_it(
    qtbot, demo_workspace, tmp_path, monkeypatch, shown
):
    opened: list[Path] = []
    monkeypatch.setattr(submit_page, "choose_folder", lambda _parent, _title: tmp_path)
    monkeypatch.setattr(submit_page, "open_path", lambda path: opened.append(path) or True)
    page = _page(qtbot, demo_workspace)
    _pick_stage(page, "monitoring-2024-07-31")
    _click(qtbot, page.cover_button)
    qtbot.waitUntil(lambda: bool(opened), timeout=JOB_TIMEOUT_MS)
    assert shown["errors"] == []
    [path] = opened
    assert path == tmp_path / f"{YEAR}年运行监控（截至2024-07-31）报送回执.pdf"
    assert path.read_bytes().startswith(b"%PDF")


def _returned_feedback(workspace, tmp_path: Path) -> Path:
    """The upper level receives the demo's targets package and returns it with two opinions."""
    package = submit_service.export_package(
        workspace, YEAR, "targets", tmp_path / "sent", PASSPHRASE
    ).path
    pub = signing.export_public_key(workspace, tmp_path / "unit.pub")
    unit = workspace.unit()
    data = workspace.load_year(YEAR)
    project = data.projects[0]
    indicator = project.targets.indicators[0]
    opinions = tmp_path / "opinions.json"
    opinions.write_text(
        json.dumps(
            {
                "summary": "目标值偏低",
                "opinions": [
                    {"owner": project.uid, "item": indicator.uid, "text": "请提高目标值"},
                    {"label": "整体", "text": "请补充满意度指标"},
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    upper = upper_workspace(tmp_path / "upper")
    try:
        register(upper, pub, unit.credit_code, unit.name)
        assert receive(upper, [package])[0].status == "received"
        summary, items = read_opinions(opinions)
        feedback = create_feedback(
            upper,
            unit_code=unit.credit_code,
            year=YEAR,
            stage="targets",
            decision=Decision.RETURN,
            summary=summary,
            opinions=items,
            out_dir=tmp_path / "feedback",
            passphrase=UPPER_PASSPHRASE,
        )
        trust_upper(workspace, signing.export_public_key(upper, tmp_path / "upper.pub"), "上级")
    finally:
        upper.close()
    return feedback


@pytest.fixture
def returned(demo_workspace, tmp_path, monkeypatch) -> Path:
    """A feedback package returning the demo's targets, picked in the file dialog."""
    feedback = _returned_feedback(demo_workspace, tmp_path)
    monkeypatch.setattr(submit_page, "choose_package_file", lambda _parent, _title: feedback)
    return feedback


@pytest.mark.usefixtures("returned")
def test_a_returned_feedback_shows_its_opinions_and_reopens_the_stage(
    qtbot, demo_workspace, shown, qtmodeltester
):
    page = _page(qtbot, demo_workspace)
    project = page.session.data.projects[0]
    indicator = project.targets.indicators[0]
    assert page.session.data.signoffs_for("targets")
    _click(qtbot, page.feedback_button)
    qtbot.waitUntil(lambda: bool(shown["info"]), timeout=JOB_TIMEOUT_MS)
    assert shown["errors"] == []
    assert "退回" in shown["info"][0]
    lines = page.feedback_model.rows()
    assert [line.opinion.text for line in lines] == ["请提高目标值", "请补充满意度指标"]
    assert project.name in lines[0].item
    assert indicator.name in lines[0].item
    assert lines[1].item == "整体"
    assert page.feedback_model.index(0, 2).data() == "Returned"
    # the stage is open again: its sign-offs are withdrawn, in the store and the session
    assert page.session.data.signoffs_for("targets") == {}
    assert demo_workspace.load_year(YEAR).signoffs_for("targets") == {}
    lock = locks.stage_lock(demo_workspace, YEAR, "targets")
    assert (lock.locked, lock.returned, lock.reason) == (False, True, "目标值偏低")
    _pick_stage(page, "targets")
    assert "目标值偏低" in page.signoff.lock_label.text()
    assert page.ready.text().startswith("Not ready")
    qtmodeltester.check(page.feedback_model)
