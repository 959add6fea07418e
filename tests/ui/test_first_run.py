"""The first-run wizard, driven as a user would: workspace folder, profile, passphrase, key."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QWizard

from unionperf.domain.unit import UnitLevel
from unionperf.services.common.signing import key_info
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper.register import units
from unionperf.ui import first_run, messages
from unionperf.ui.first_run import FirstRunWizard
from unionperf.ui.first_run_pages import Choice, Page

# Qt's offscreen platform warns whenever a top-level window is shown.
pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

VALID_CODE = "91350100M000100Y43"
PASSPHRASE = "Gonghui2024!"


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, title, error: shown.append(f"{title}: {error}")
    )
    return shown


@pytest.fixture
def opened_files(monkeypatch):
    opened: list = []
    monkeypatch.setattr(first_run, "open_file", lambda path: opened.append(path) or True)
    return opened


@pytest.fixture
def wizard(qtbot, tmp_path, errors):
    _ = errors
    made = FirstRunWizard(tmp_path / "UnionPerf" / "workspace")
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


def button(wizard: QWizard, which: QWizard.WizardButton):
    return wizard.button(which)


def click(qtbot, wizard: QWizard, which: QWizard.WizardButton) -> None:
    target = button(wizard, which)
    assert target.isVisible()
    assert target.isEnabled()
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)


def type_into(qtbot, edit, text: str) -> None:
    """Replace a field's text as typed; Chinese arrives as an input method commits it."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(edit, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def pick(qtbot, radio) -> None:
    """Click a radio button on its circle (its middle may lie past the end of its text)."""
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(6, radio.height() // 2))
    assert radio.isChecked()


def fill_unit(qtbot, wizard: FirstRunWizard, code: str = VALID_CODE) -> None:
    page = wizard.unit_page
    type_into(qtbot, page.name, "福州市鼓楼区某某公司工会委员会")
    type_into(qtbot, page.credit_code, code)
    type_into(qtbot, page.upper_union, "鼓楼区总工会")
    type_into(qtbot, page.accountant, "张会计")
    type_into(qtbot, page.chair, "李主席")
    type_into(qtbot, page.contact, "0591-12345678")


def test_a_new_workspace_step_by_step(qtbot, wizard, tmp_path, opened_files, errors):
    next_button = QWizard.WizardButton.NextButton
    assert wizard.currentId() == Page.WORKSPACE
    assert wizard.workspace_page.folder() == tmp_path / "UnionPerf" / "workspace"
    click(qtbot, wizard, next_button)

    assert wizard.currentId() == Page.UNIT
    assert not button(wizard, next_button).isEnabled()
    fill_unit(qtbot, wizard, "91350100M000100Y44")  # wrong check character
    assert not button(wizard, next_button).isEnabled()
    hint = wizard.unit_page.code_hint
    assert "校验位错误：第18位应为“3”" in hint.text()
    assert "#b3261e" in hint.styleSheet()  # red
    qtbot.keyClick(wizard.unit_page.credit_code, Qt.Key.Key_Backspace)
    assert "应为18位，现为17位" in hint.text()
    qtbot.keyClicks(wizard.unit_page.credit_code, "3")
    assert "#1e7a34" in hint.styleSheet()  # green
    assert button(wizard, next_button).isEnabled()
    click(qtbot, wizard, next_button)

    assert wizard.currentId() == Page.PASSPHRASE
    commit = QWizard.WizardButton.CommitButton
    page = wizard.passphrase_page
    assert not button(wizard, commit).isEnabled()
    qtbot.keyClicks(page.first, "abc")
    assert "#b3261e" in page.strength.styleSheet()  # too short
    type_into(qtbot, page.first, PASSPHRASE)
    assert "#1e7a34" in page.strength.styleSheet()  # strong
    qtbot.keyClicks(page.second, PASSPHRASE[:-1] + "?")
    assert page.match.text() == "The two entries differ."
    assert not button(wizard, commit).isEnabled()
    type_into(qtbot, page.second, PASSPHRASE)
    assert button(wizard, commit).isEnabled()
    click(qtbot, wizard, commit)

    assert errors == []
    assert wizard.currentId() == Page.KEY
    assert not button(wizard, QWizard.WizardButton.BackButton).isEnabled()
    assert not button(wizard, QWizard.WizardButton.CancelButton).isVisible()
    folder = tmp_path / "UnionPerf" / "workspace"
    with Workspace.open(folder) as made:
        unit = made.unit()
        info = key_info(made)
        assert made.years() == [messages.this_year()]
    assert unit is not None
    assert unit.name == "福州市鼓楼区某某公司工会委员会"
    assert unit.credit_code == VALID_CODE
    assert unit.level is UnitLevel.GRASSROOTS
    assert (unit.upper_union, unit.accountant, unit.chair, unit.contact_phone) == (
        "鼓楼区总工会",
        "张会计",
        "李主席",
        "0591-12345678",
    )
    shown = wizard.key_page.key_id.text()
    assert shown.replace(" ", "") == info.key_id

    qtbot.mouseClick(wizard.key_page.print_button, Qt.MouseButton.LeftButton)
    sheet = folder / f"公钥登记表_{info.key_id}.pdf"
    assert opened_files == [sheet]
    assert sheet.read_bytes().startswith(b"%PDF")

    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.chosen_path() == folder


def test_lower_case_credit_code_is_upper_cased_as_typed(qtbot, wizard):
    wizard.next()
    qtbot.keyClicks(wizard.unit_page.credit_code, VALID_CODE.lower())
    assert wizard.unit_page.credit_code.text() == VALID_CODE


def test_the_name_is_required(qtbot, wizard):
    wizard.next()
    qtbot.keyClicks(wizard.unit_page.credit_code, VALID_CODE)
    assert not button(wizard, QWizard.WizardButton.NextButton).isEnabled()
    assert wizard.unit_page.problem.text() == "Enter the union's name."


def test_an_upper_level_union_may_leave_the_code_empty(qtbot, wizard):
    wizard.next()
    page = wizard.unit_page
    type_into(qtbot, page.name, "鼓楼区总工会")
    assert not button(wizard, QWizard.WizardButton.NextButton).isEnabled()
    page.level.setCurrentIndex(page.level.findData(UnitLevel.UPPER.value))
    assert button(wizard, QWizard.WizardButton.NextButton).isEnabled()
    assert page.profile().level is UnitLevel.UPPER


def test_open_an_existing_workspace(qtbot, wizard, empty_workspace, tmp_path):
    pick(qtbot, wizard.workspace_page.open_radio)
    assert wizard.choice() is Choice.OPEN
    finish = button(wizard, QWizard.WizardButton.FinishButton)
    assert finish.isVisible()
    assert not finish.isEnabled()  # the default folder holds no workspace
    assert button(wizard, QWizard.WizardButton.CancelButton).isVisible()
    assert "unionperf.sqlite" in wizard.workspace_page.hint.text()
    type_into(qtbot, wizard.workspace_page.folder_edit, str(empty_workspace.paths.root))
    assert finish.isEnabled()
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.chosen_path() == empty_workspace.paths.root
    assert wizard.created is None


def test_a_new_workspace_is_refused_where_one_exists(qtbot, wizard, empty_workspace):
    type_into(qtbot, wizard.workspace_page.folder_edit, str(empty_workspace.paths.root))
    assert not button(wizard, QWizard.WizardButton.NextButton).isEnabled()
    assert "already holds a workspace" in wizard.workspace_page.hint.text()


def test_browse_fills_the_folder(qtbot, wizard, monkeypatch, tmp_path):
    monkeypatch.setattr(first_run, "choose_folder", lambda _parent, _title, _start: tmp_path / "x")
    browse = wizard.workspace_page.findChild(type(wizard.key_page.print_button), "browseFolder")
    qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
    assert wizard.workspace_page.folder() == tmp_path / "x"


def test_the_demo_union_skips_the_profile(qtbot, wizard, tmp_path, errors):
    pick(qtbot, wizard.workspace_page.demo_radio)
    assert wizard.workspace_page.folder() == tmp_path / "UnionPerf" / "demo"
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == Page.PASSPHRASE
    qtbot.keyClicks(wizard.passphrase_page.first, "demo1234")
    qtbot.keyClicks(wizard.passphrase_page.second, "demo1234")
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert errors == []
    assert wizard.currentId() == Page.KEY
    with Workspace.open(tmp_path / "UnionPerf" / "demo") as made:
        assert made.years() == [2023, 2024]
        assert key_info(made).key_id == wizard.key_page.key_id.text().replace(" ", "")
    # closing the wizard now opens what was made instead of throwing it away
    wizard.reject()
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.chosen_path() == tmp_path / "UnionPerf" / "demo"


def test_cancel_before_anything_is_made(qtbot, wizard, tmp_path):
    click(qtbot, wizard, QWizard.WizardButton.CancelButton)
    assert wizard.result() == QDialog.DialogCode.Rejected
    assert wizard.chosen_path() is None
    assert not (tmp_path / "UnionPerf").exists()


def test_a_refused_creation_stays_on_the_passphrase_page(qtbot, wizard, tmp_path, errors):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    type_into(qtbot, wizard.workspace_page.folder_edit, str(blocker / "ws"))
    wizard.next()
    fill_unit(qtbot, wizard)
    wizard.next()
    qtbot.keyClicks(wizard.passphrase_page.first, PASSPHRASE)
    qtbot.keyClicks(wizard.passphrase_page.second, PASSPHRASE)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == Page.PASSPHRASE
    assert len(errors) == 1
    assert errors[0].startswith("The workspace was not created: ")
    assert wizard.created is None


def test_the_wizard_in_chinese(qtbot, wizard, zh_cn):
    _ = zh_cn
    translated = FirstRunWizard()
    qtbot.addWidget(translated)
    assert translated.button(QWizard.WizardButton.CancelButton).text() == "取消"


def test_an_upper_level_union_is_chosen_on_the_first_page(
    qtbot, wizard, tmp_path, opened_files, errors
):
    pick(qtbot, wizard.workspace_page.upper_radio)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.unit_page
    assert page.profile().level is UnitLevel.UPPER  # taken from the first page
    assert not page.chair.isVisible()  # no sign-off names at an upper level (the walk)
    assert not page.names_hint.isVisible()
    assert page.upper_union.isVisible()
    type_into(qtbot, page.name, "福州市鼓楼区总工会")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)  # the credit code may wait
    type_into(qtbot, wizard.passphrase_page.first, PASSPHRASE)
    type_into(qtbot, wizard.passphrase_page.second, PASSPHRASE)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert errors == []
    assert wizard.currentId() == Page.KEY
    folder = tmp_path / "UnionPerf" / "workspace"
    with Workspace.open(folder) as made:
        unit = made.unit()
        years = made.years()
    assert unit is not None
    assert unit.level is UnitLevel.UPPER
    assert years == []  # an upper level keeps no budget years of its own
    assert "units" in wizard.key_page.note.text()
    qtbot.mouseClick(wizard.key_page.print_button, Qt.MouseButton.LeftButton)
    [sheet] = opened_files
    assert sheet.read_bytes().startswith(b"%PDF")


def test_the_demo_of_an_upper_level_union(qtbot, wizard, tmp_path, errors):
    pick(qtbot, wizard.workspace_page.upper_radio)
    pick(qtbot, wizard.workspace_page.demo_radio)
    assert wizard.workspace_page.folder() == tmp_path / "UnionPerf" / "upper-demo"
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == Page.PASSPHRASE
    type_into(qtbot, wizard.passphrase_page.first, "demo")
    type_into(qtbot, wizard.passphrase_page.second, "demo")
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert errors == []
    with Workspace.open(tmp_path / "UnionPerf" / "upper-demo") as made:
        unit = made.unit()
        held = units(made)
    assert unit is not None
    assert unit.level is UnitLevel.UPPER
    assert len(held) > 30
