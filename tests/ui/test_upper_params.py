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
