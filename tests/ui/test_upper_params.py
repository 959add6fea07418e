"""参数下发 as the finance officer uses it: library, settings, deadlines, the signed package.

The bundled library is set to send; a rule setting is changed with the unit's own settings form
and saved as the upper level's; the deadlines set on the board are taken; the parameter package
is written off the GUI thread, verifies against this union's key and is listed; the key sheet the
units check that key against is printed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.ui.upper_fixtures import JOB_TIMEOUT_MS, UPPER_CODE, UPPER_PASSPHRASE
from unionperf.services.common.indicator_library import default_library
from unionperf.services.common.signing import key_info
from unionperf.services.common.verify import verify_file
from unionperf.services.upper.deadlines import set_deadline
from unionperf.services.upper.params import parameters
from unionperf.ui.upper.params import page as params_page
from unionperf.ui.upper.params.page import ParamsPage
from unionperf.ui.upper.steps import UpperStep

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


def _page(upper_window) -> ParamsPage:
    page = upper_window.open_page(UpperStep.PARAMS)
    assert isinstance(page, ParamsPage)
    return page


def test_nothing_to_send_at_first(upper_window):
    page = _page(upper_window)
    assert page.library.rowCount() == 0
    assert not page.export_button.isEnabled()
    assert "Nothing is set" in page.status.text()
    assert "write the parameter package" in page.status.text()


def test_library_settings_and_deadlines_are_set_and_sent_signed(  # noqa: PLR0917 - fixtures
    qtbot, upper_window, district, told, tmp_path, monkeypatch
):
    page = _page(upper_window)
    bundled = page.findChild(QPushButton, "useBundledLibrary")
    qtbot.mouseClick(bundled, Qt.MouseButton.LeftButton)
    assert page.library.rowCount() == len(default_library().entries)
    assert page.export_button.isEnabled()

    view = page.settings_form.view
    view.lag_points.setValue(15)
    view.lag_points.editingFinished.emit()
    held = parameters(district).settings
    assert held is not None
    assert held.lag_points == Decimal(15)

    qtbot.mouseClick(page.board_button, Qt.MouseButton.LeftButton)  # none on the board yet
    assert told["info"]
    assert "No deadline" in told["info"][-1]
    year = upper_window.context.year
    set_deadline(district, year, "targets", date(year, 1, 31))
    qtbot.mouseClick(page.board_button, Qt.MouseButton.LeftButton)
    assert [(item.year, item.stage) for item in parameters(district).deadlines] == [
        (year, "targets")
    ]
    assert page.deadlines.rowCount() == 1
    assert "library" in page.status.text()
    assert "1 deadlines" in page.status.text()

    folder = tmp_path / "参数包"
    monkeypatch.setattr(params_page, "choose_params_folder", lambda _parent, _title: folder)
    monkeypatch.setattr(
        params_page, "ask_upper_passphrase", lambda _parent, _problem="": UPPER_PASSPHRASE
    )
    page.note.setText("请于2月底前更新指标库")
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.job is None and page.last_export is not None, timeout=JOB_TIMEOUT_MS
    )
    assert told["errors"] == []
    written = page.last_export
    assert written.path == folder / f"{UPPER_CODE}_参数包_第1次.upkg"
    key_file = tmp_path / "upper.pub"
    key_file.write_text(key_info(district).public_key, encoding="utf-8")
    assert verify_file(written.path, key_file).trusted
    assert page.sent.rowCount() == 1
    assert "number 2" in page.status.text()


def test_the_key_sheet_for_the_units_is_printed(upper_window, district, tmp_path, monkeypatch):
    page = _page(upper_window)
    opened: list = []
    monkeypatch.setattr(params_page, "choose_params_folder", lambda _parent, _title: tmp_path)
    monkeypatch.setattr(params_page, "open_file", lambda path: opened.append(path) or True)
    path = page.print_key_sheet()
    assert path is not None
    assert opened == [path]
    assert path.read_bytes().startswith(b"%PDF")
    assert key_info(district).key_id in path.name


def _click(qtbot, page: ParamsPage, name: str) -> None:
    button = page.findChild(QPushButton, name)
    assert button is not None, name
    assert button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_an_indicator_is_added_changed_and_removed_in_the_window(
    qtbot, upper_window, district, told, monkeypatch
):
    from unionperf.ui.upper.params import library_tab  # noqa: PLC0415

    page = _page(upper_window)
    tab = page.library_tab
    assert not tab.change_button.isEnabled()
    _click(qtbot, page, "addLibraryEntry")
    dialog = tab.dialog
    assert dialog is not None
    dialog.placement.setCurrentIndex(dialog.placement.findText("产出指标 › 数量指标"))
    dialog.name.setText("举办职工文体活动场次")  # the bundled library has it under 数量指标
    dialog.target.setText("十二")
    dialog.unit.setText("场")
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert "不是数字" in dialog.problem.text() or "not a number" in dialog.problem.text()
    dialog.target.setText("12")
    dialog.buttons.accepted.emit()
    assert "已有名为“举办职工文体活动场次”" in dialog.problem.text()
    assert tab.dialog is dialog  # stays open, nothing typed is lost
    assert dialog.isVisible()
    assert parameters(district).library is None  # nothing saved
    dialog.name.setText("区级职工文体活动场次")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    held = parameters(district).library
    assert held is not None
    assert len(held.entries) == len(default_library().entries) + 1
    added = held.entries[-1]
    assert (added.name, added.target, added.unit) == ("区级职工文体活动场次", Decimal(12), "场")
    assert page.library.rowCount() == len(held.entries)
    assert tab.chosen() == added  # selected after it was added
    assert page.export_button.isEnabled()

    _click(qtbot, page, "changeLibraryEntry")
    dialog = tab.dialog
    assert dialog is not None
    assert dialog.name.text() == "区级职工文体活动场次"
    dialog.operator.setCurrentIndex(dialog.operator.findText("定性"))
    assert not dialog.unit.isEnabled()
    dialog.target.setText("按计划举办")
    dialog.buttons.accepted.emit()
    changed = parameters(district).library.entries[-1]
    assert changed.id == added.id
    assert changed.target_text == "按计划举办"
    assert changed.target is None

    monkeypatch.setattr(library_tab, "confirm_removal", lambda _parent, _name: False)
    _click(qtbot, page, "removeLibraryEntry")
    assert page.library.rowCount() == len(held.entries)
    monkeypatch.setattr(library_tab, "confirm_removal", lambda _parent, _name: True)
    _click(qtbot, page, "removeLibraryEntry")
    assert added.id not in {item.id for item in parameters(district).library.entries}
    assert page.library.rowCount() == len(default_library().entries)
    assert told["errors"] == []


def test_the_library_goes_out_to_excel_and_comes_back(  # noqa: PLR0917 - fixtures
    qtbot, upper_window, district, told, tmp_path, monkeypatch
):
    from openpyxl import load_workbook  # noqa: PLC0415

    from unionperf.ui.upper.params import library_tab  # noqa: PLC0415

    page = _page(upper_window)
    book = tmp_path / "指标库.xlsx"
    monkeypatch.setattr(library_tab, "choose_library_target", lambda _parent: book)
    monkeypatch.setattr(library_tab, "choose_library_workbook", lambda _parent: book)
    _click(qtbot, page, "exportLibraryWorkbook")  # none set: the bundled library is written
    assert book.is_file()
    workbook = load_workbook(book)
    sheet = workbook["指标库"]
    sheet.delete_rows(4, sheet.max_row)  # keep two indicators
    workbook.save(book)
    _click(qtbot, page, "importLibraryWorkbook")
    assert told["errors"] == []
    assert page.library.rowCount() == 2
    assert "2 indicators" in page.library_tab.state.text()
    sheet.cell(2, 5, "大约")
    workbook.save(book)
    _click(qtbot, page, "importLibraryWorkbook")
    assert told["errors"]
    assert "指标库!E2" in str(told["errors"][-1])
    assert page.library.rowCount() == 2  # nothing changed


def test_deadlines_are_set_one_by_one_in_the_window(qtbot, upper_window, district, told):
    page = _page(upper_window)
    tab = page.deadlines_tab
    year = upper_window.context.year
    _click(qtbot, page, "addDeadline")
    dialog = tab.dialog
    assert dialog is not None
    assert dialog.year.value() == year
    dialog.buttons.accepted.emit()  # 绩效目标 by 31 January
    assert [(item.stage, item.due) for item in parameters(district).deadlines] == [
        ("targets", date(year, 1, 31))
    ]
    _click(qtbot, page, "addDeadline")
    dialog = tab.dialog
    dialog.stage.setCurrentIndex(dialog.stage.findData("monitoring"))
    assert dialog.cutoff.isEnabled()
    dialog.cutoff.setDate(dialog.cutoff.date().fromString(f"{year}-06-30", "yyyy-MM-dd"))
    dialog.due.setDate(dialog.due.date().fromString(f"{year}-06-01", "yyyy-MM-dd"))
    dialog.buttons.accepted.emit()
    assert "早于监控时点" in dialog.problem.text()
    assert dialog.isVisible()
    dialog.due.setDate(dialog.due.date().fromString(f"{year}-07-15", "yyyy-MM-dd"))
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    assert page.deadlines.rowCount() == 2
    page.deadlines_tab.view.selectRow(0)
    _click(qtbot, page, "changeDeadline")
    dialog = tab.dialog
    dialog.due.setDate(dialog.due.date().fromString(f"{year}-02-15", "yyyy-MM-dd"))
    dialog.buttons.accepted.emit()
    assert (year, "targets", date(year, 2, 15)) in {
        (item.year, item.stage, item.due) for item in parameters(district).deadlines
    }
    page.deadlines_tab.view.selectRow(0)
    _click(qtbot, page, "removeDeadline")
    assert [item.stage for item in parameters(district).deadlines] == [f"monitoring-{year}-06-30"]
    assert "1 deadlines" in page.status.text()
    assert told["errors"] == []
