"""下级单位 as the finance officer uses it: register from the .pub file and the paper's key id.

A key id that differs from the file is refused (said in red, the button stays off), a key that
serves another unit is refused by the service and nothing is saved; the QR text of the unit's
sheet is read as the paper; a replaced key needs a reason and stays in the history; the register
goes out to Excel and comes back unchanged, and a broken workbook is refused cell by cell.
"""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import Qt

from tests.services.upper_units import sub_unit
from unionperf.services.common.signing import KeyInfo
from unionperf.services.cycle.key_sheet import key_sheet_family
from unionperf.services.upper.register import key_history, units
from unionperf.ui.upper.register import dialogs as register_dialogs
from unionperf.ui.upper.register import page as register_page
from unionperf.ui.upper.register.dialogs import RegisterDialog
from unionperf.ui.upper.register.page import RegisterPage
from unionperf.ui.upper.steps import UpperStep

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

RED, GREEN = "#b3261e", "#1e7a34"


def _page(upper_window) -> RegisterPage:
    page = upper_window.open_page(UpperStep.REGISTER)
    assert isinstance(page, RegisterPage)
    return page


def _fill(qtbot, dialog: RegisterDialog, unit, key_file, key_id: str) -> None:
    if not dialog.code.isReadOnly():
        qtbot.keyClicks(dialog.code, unit.code)
        dialog.name.setText(unit.name)
    dialog.contact.setText("张会计 021-12345678")
    dialog.set_key_file(key_file)
    dialog.key_id.setText(key_id)


def test_a_unit_is_registered_only_with_the_key_id_on_its_paper(
    qtbot, upper_window, district, tmp_path
):
    page = _page(upper_window)
    assert page.model.rowCount() == 3
    newcomer = sub_unit(4)
    key_file = newcomer.pub_file(tmp_path / "mail")
    dialog = page.add_unit()
    _fill(qtbot, dialog, newcomer, key_file, sub_unit(5).key_id)  # another key's id
    assert "differs from the key file" in dialog.key_hint.text()
    assert RED in dialog.key_hint.styleSheet()
    assert not dialog.ok_button.isEnabled()
    dialog.key_id.setText(newcomer.key_id[:-1])  # one digit short
    assert "16" in dialog.key_hint.text()
    assert not dialog.ok_button.isEnabled()
    assert len(units(district)) == 3  # nothing saved

    grouped = " ".join(newcomer.key_id[i : i + 4] for i in range(0, 16, 4)).lower()
    dialog.key_id.setText(grouped)  # as read off the sheet, in groups, lower case
    assert GREEN in dialog.key_hint.styleSheet()
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    held = {unit.code: unit for unit in units(district)}
    assert held[newcomer.code].key_id == newcomer.key_id
    assert held[newcomer.code].contact == "张会计 021-12345678"
    assert page.model.rowCount() == 4
    assert page.selected() is not None
    assert page.selected().code == newcomer.code


def test_a_key_of_another_unit_is_refused_and_the_dialog_keeps_what_was_typed(
    qtbot, upper_window, district, sub_units, tmp_path
):
    page = _page(upper_window)
    newcomer, registered = sub_unit(6), sub_units[0]
    dialog = page.add_unit()
    qtbot.keyClicks(dialog.code, newcomer.code)
    dialog.name.setText(newcomer.name)
    dialog.set_key_file(registered.pub_file(tmp_path / "mail"))  # the key of a registered unit
    dialog.key_id.setText(registered.key_id)
    assert dialog.ok_button.isEnabled()  # the paper matches the file…
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # …but the key serves another unit
    assert "一个公钥只能用于一个单位" in dialog.problem.text()
    assert dialog.code.text() == newcomer.code
    assert newcomer.code not in {unit.code for unit in units(district)}


def test_the_qr_text_of_the_units_sheet_fills_the_code_and_is_checked(
    qtbot, upper_window, tmp_path
):
    page = _page(upper_window)
    newcomer = sub_unit(7)
    info = KeyInfo(newcomer.key_id, newcomer.name, newcomer.code, newcomer.public_key.to_file(), 0)
    (form,) = key_sheet_family(info, None, date(2025, 1, 6)).forms
    dialog = page.add_unit()
    dialog.set_key_file(newcomer.pub_file(tmp_path / "mail"))
    dialog.key_id.setText(form.qr)  # what a scanner types
    assert dialog.code.text() == newcomer.code
    dialog.name.setText(newcomer.name)
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.selected() is not None
    assert page.selected().key_id == newcomer.key_id


def test_a_registered_key_is_replaced_only_with_a_reason_and_stays_in_the_history(
    qtbot, upper_window, district, sub_units, tmp_path
):
    page = _page(upper_window)
    unit = sub_units[1]
    assert page.select(unit.code)
    again = page.add_unit()  # registering the same unit anew is sent to 更换公钥
    new_key = sub_unit(8)
    qtbot.keyClicks(again.code, unit.code)
    again.name.setText(unit.name)
    again.set_key_file(new_key.pub_file(tmp_path / "mail"))
    again.key_id.setText(new_key.key_id)
    qtbot.mouseClick(again.ok_button, Qt.MouseButton.LeftButton)
    assert "Replace key" in again.problem.text()
    again.reject()

    assert page.select(unit.code)
    dialog = page.replace_key()
    assert dialog is not None
    assert dialog.code.isReadOnly()
    dialog.set_key_file(new_key.pub_file(tmp_path / "mail"))
    dialog.key_id.setText(new_key.key_id)
    assert not dialog.ok_button.isEnabled()  # no reason yet
    dialog.reason.setText("原密钥遗失，3月3日重新盖章登记")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    [history] = key_history(district, unit.code)
    assert history.key_id == unit.key_id
    assert history.reason == "原密钥遗失，3月3日重新盖章登记"
    assert page.selected().key_id == new_key.key_id
    assert page.selected().replaced_keys == 1
    shown = page.show_history()
    assert shown is not None
    assert shown.model.rowCount() == 1


def test_the_register_goes_to_excel_and_a_broken_workbook_is_refused_by_cell(  # noqa: PLR0917 - fixtures
    qtbot, upper_window, district, told, tmp_path, monkeypatch
):
    page = _page(upper_window)
    target = tmp_path / "下级单位登记表.xlsx"
    monkeypatch.setattr(register_page, "choose_register_target", lambda _parent: target)
    assert page.export_workbook() == target
    book = openpyxl.load_workbook(target)
    sheet = book.worksheets[0]
    codes = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[1]]
    assert {unit.code for unit in units(district)} <= set(codes)

    sheet.cell(row=2, column=2, value="91350100MA2X0000")  # a credit code cut short
    broken = tmp_path / "改坏的登记表.xlsx"
    book.save(broken)
    monkeypatch.setattr(register_page, "choose_register_file", lambda _parent: broken)
    page.import_workbook()
    assert told["errors"]
    assert any("B2" in line for line in told["errors"] + told["details"])
    assert len(units(district)) == 3  # nothing saved

    monkeypatch.setattr(register_page, "choose_register_file", lambda _parent: target)
    page.import_workbook()
    assert told["info"]
    assert "3 unchanged" in told["info"][-1]


def test_the_search_narrows_the_list(qtbot, upper_window, sub_units):
    page = _page(upper_window)
    qtbot.keyClicks(page.search, sub_units[2].code[-6:])
    assert [unit.code for unit in page.model.rows()] == [sub_units[2].code]
    assert "1 shown" in page.count.text()


def test_the_key_file_picker_is_the_dialogs_own(qtbot, upper_window, tmp_path, monkeypatch):
    page = _page(upper_window)
    unit = sub_unit(9)
    path = unit.pub_file(tmp_path / "mail")
    monkeypatch.setattr(register_dialogs, "choose_key_file", lambda _parent: path)
    dialog = page.add_unit()
    dialog.choose_file()
    assert dialog.key_file.text() == str(path)
    assert dialog.file_key_id == unit.key_id
