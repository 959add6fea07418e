"""加密后发送 on the submit step: offered once the upper recipient is known, and what it writes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.exchange.packages import UPPER_PASSPHRASE, key_id_of, upper_workspace
from unionperf.services.common import transport
from unionperf.services.cycle import submit as submit_service
from unionperf.services.inbox.receive import receive
from unionperf.services.upper.register import register
from unionperf.ui import messages
from unionperf.ui.steps.submit import page as submit_page
from unionperf.ui.steps.submit.page import SubmitStep
from unionperf.ui.year_session import YearSession

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

YEAR = 2024
JOB_TIMEOUT_MS = 60_000


def _page(qtbot, workspace) -> SubmitStep:
    session = YearSession(workspace)
    session.open_year(YEAR)
    page = SubmitStep(session)
    session.setParent(page)
    qtbot.addWidget(page)
    page.resize(1200, 430)
    page.show()
    page.activate()
    page.stage_combo.setCurrentIndex(page.stage_combo.findData("targets"))
    return page


@pytest.fixture
def upper(tmp_path):
    workspace = upper_workspace(tmp_path / "upper")
    yield workspace
    workspace.close()


def test_not_offered_while_the_upper_recipient_is_unknown(qtbot, demo_workspace):
    page = _page(qtbot, demo_workspace)
    assert page.encrypt_box.isHidden()
    assert not page.encrypt_box.wanted()


def test_offered_checked_and_the_package_goes_encrypted(
    qtbot, demo_workspace, upper, tmp_path, monkeypatch
):
    recipient = transport.own_recipient(upper)
    assert recipient is not None
    transport.trust_upper_recipient(demo_workspace, recipient)
    out = tmp_path / "usb"
    monkeypatch.setattr(submit_page, "choose_folder", lambda _parent, _title: out)
    monkeypatch.setattr(submit_page, "ask_passphrase", lambda *_args: "demo")
    errors: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _p, title, error: errors.append(str(error)))
    page = _page(qtbot, demo_workspace)
    assert not page.encrypt_box.isHidden()
    assert page.encrypt_box.isChecked()
    assert page.encrypt_box.text() == "Encrypt before sending"
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.log_model.rowCount() == 1 or bool(errors), timeout=JOB_TIMEOUT_MS)
    assert errors == []
    [logged] = submit_service.submissions(demo_workspace, YEAR)
    assert logged.file_name.endswith(".upkg.age")
    packages = sorted(path.name for path in out.iterdir() if ".upkg" in path.name)
    assert packages == [logged.file_name]
    assert ".upkg.age" in page.written.text()
    assert "print them" in page.written.text()
    unit = demo_workspace.unit()
    assert unit is not None
    pub = demo_workspace.paths.keys / "unit.pub"
    register(upper, pub, unit.credit_code, unit.name, key_id=key_id_of(pub))
    [outcome] = receive(upper, [out / logged.file_name], passphrase=UPPER_PASSPHRASE)
    assert outcome.status == "received", outcome.message


def test_unchecked_writes_the_plain_package(qtbot, demo_workspace, upper, tmp_path, monkeypatch):
    recipient = transport.own_recipient(upper)
    assert recipient is not None
    transport.trust_upper_recipient(demo_workspace, recipient)
    out = tmp_path / "usb"
    monkeypatch.setattr(submit_page, "choose_folder", lambda _parent, _title: out)
    monkeypatch.setattr(submit_page, "ask_passphrase", lambda *_args: "demo")
    page = _page(qtbot, demo_workspace)
    page.encrypt_box.setChecked(False)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.log_model.rowCount() == 1, timeout=JOB_TIMEOUT_MS)
    [logged] = submit_service.submissions(demo_workspace, YEAR)
    assert logged.file_name.endswith(".upkg")
    assert "print them" not in page.written.text()
