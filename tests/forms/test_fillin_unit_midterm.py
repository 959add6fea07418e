"""The unit-wide 中期目标 (单位整体中期目标) in the fill-in workbook.

The 预算 sheet carries it in row 3, below 单位整体年度总体目标 (label in A3, the goal in B3, the
header of the table staying in row 4): written as text, read back as typed with the same checks
as 年度总体目标, part of the fixed cells' fingerprint (a change in the window since the export
makes an edit of those cells a conflict). A workbook of an earlier version, whose row 3 is blank,
still imports and leaves the stored goal alone.
"""

from __future__ import annotations

from copy import copy
from dataclasses import replace
from decimal import Decimal as D
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest

from tests.forms.craft_xlsx import text_cell, with_cell, with_merge
from tests.forms.test_fillin_support import Book, read_book
from unionperf.demo.data import demo_year
from unionperf.domain.year import YearData
from unionperf.forms.fillin import ImportResult, layout, read_template, write_template
from unionperf.forms.fillin.sheet import CONFLICT

LABEL = "单位整体中期目标"
MIDTERM = "2024—2026年建成“职工之家”示范点，会员入会率稳定在95%以上，会员满意度不低于92%"
NEW_MIDTERM = "2024—2026年：会员入会率保持在96%以上，职工书屋覆盖全部班组，会员满意度不低于95%"
DATA = Path(__file__).parents[1] / "data"
PREVIOUS = DATA / "fillin-2024-before-unit-midterm.xlsx"
"""The demo's 2024 fill-in workbook as the version before wrote it (main at e07f7ca: with the
project's 中期资金总额 and 中期目标, without the unit's 中期目标):
``write_template(demo_year(2024))``."""
EARLIER = DATA / "fillin-2024-before-midterm.xlsx"
"""The version before that (main at 22cdd7d), without any 中期 cell."""


def _with_unit_midterm(data: YearData, goal: str) -> YearData:
    return replace(data, unit_targets=replace(data.unit_targets, midterm_goal=goal))


@pytest.fixture(scope="module")
def year() -> YearData:
    """The demo's 2024 with a unit-wide 中期目标 (the demo has none)."""
    return _with_unit_midterm(demo_year(2024), MIDTERM)


@pytest.fixture(scope="module")
def blob(year) -> bytes:
    return write_template(year)


def _edited(blob: bytes, cell: str, value: object) -> Book:
    book = Book(blob)
    book.sheet("预算")[cell] = value
    if isinstance(value, str):
        book.sheet("预算")[cell].data_type = "s"
    return book


def _only_problem(result: ImportResult) -> tuple[str, str]:
    assert result.data is None
    [problem] = result.problems
    return problem.where, problem.message


# -- what the workbook shows ----------------------------------------------------------------------


def test_the_budget_sheet_shows_it_below_the_annual_goal(blob, year):
    sheet = openpyxl.load_workbook(BytesIO(blob))["预算"]
    assert (sheet["A1"].value, sheet["A2"].value, sheet["A3"].value) == (
        "上年结余（元）",
        "单位整体年度总体目标",
        LABEL,
    )
    assert sheet["B2"].value == year.unit_targets.annual_goal
    assert sheet["B3"].value == MIDTERM
    assert sheet["B3"].data_type == "s"
    # the same style as 年度总体目标, label and goal
    for label, goal in (("A2", "A3"), ("B2", "B3")):
        for part in ("font", "fill", "border", "alignment", "protection"):
            assert copy(getattr(sheet[goal], part)) == copy(getattr(sheet[label], part)), part
        assert sheet[goal].number_format == sheet[label].number_format
    # the table's header stays in row 4, frozen below it
    assert [cell.value for cell in sheet[4]][:2] == ["科目代码", "科目名称"]
    assert sheet.freeze_panes == "A5"


def test_an_empty_goal_leaves_the_cell_blank_under_its_label():
    sheet = openpyxl.load_workbook(BytesIO(write_template(demo_year(2024))))["预算"]
    assert sheet["A3"].value == LABEL
    assert sheet["B3"].value is None


def test_a_goal_that_looks_like_a_formula_is_written_as_text(year):
    data = _with_unit_midterm(year, "=HYPERLINK(1)")
    sheet = openpyxl.load_workbook(BytesIO(write_template(data)))["预算"]
    assert sheet["B3"].data_type == "s"
    assert sheet["B3"].value == "=HYPERLINK(1)"
    result = read_template(write_template(data), data)
    assert result.ok, result.problems
    assert result.data == data


def test_the_guide_tells_where_it_is(blob):
    guide = openpyxl.load_workbook(BytesIO(blob))["说明"]
    text = " ".join(str(cell.value) for row in guide for cell in row if cell.value)
    assert "预算表第3行" in text
    assert LABEL in text


def test_an_unchanged_workbook_changes_nothing(blob, year):
    result = read_template(blob, year)
    assert result.ok, result.problems
    assert result.data == year


# -- round trip -----------------------------------------------------------------------------------


def test_editing_the_goal_changes_exactly_it(blob, year):
    result = read_book(_edited(blob, "B3", NEW_MIDTERM), year)
    assert result.ok, result.problems
    assert result.data == _with_unit_midterm(year, NEW_MIDTERM)
    # written again, it comes back as it was read
    again = openpyxl.load_workbook(BytesIO(write_template(result.data)))["预算"]
    assert again["B3"].value == NEW_MIDTERM
    assert read_template(write_template(result.data), result.data).data == result.data


def test_a_goal_typed_into_an_empty_cell_is_read(year):
    empty = _with_unit_midterm(year, "")
    result = read_book(_edited(write_template(empty), "B3", NEW_MIDTERM), empty)
    assert result.ok, result.problems
    assert result.data == _with_unit_midterm(year, NEW_MIDTERM)


def test_a_blank_cell_clears_the_goal_as_in_the_window(blob, year):
    result = read_book(_edited(blob, "B3", None), year)
    assert result.ok, result.problems
    assert result.data == _with_unit_midterm(year, "")


def test_a_number_typed_as_the_goal_is_read_as_its_text(blob, year):
    result = read_book(_edited(blob, "B3", 2026), year)
    assert result.ok, result.problems
    assert result.data is not None
    assert result.data.unit_targets.midterm_goal == "2026"


def test_editing_the_goal_with_the_other_fixed_cells(blob, year):
    book = _edited(blob, "B3", NEW_MIDTERM)
    book.sheet("预算")["B1"] = 400000
    book.sheet("预算")["B2"] = "新的年度总体目标"
    result = read_book(book, year)
    assert result.ok, result.problems
    assert result.data is not None
    assert result.data.opening_balance == D(400000)
    assert result.data.unit_targets.annual_goal == "新的年度总体目标"
    assert result.data.unit_targets.midterm_goal == NEW_MIDTERM


# -- refusals -------------------------------------------------------------------------------------


def test_a_goal_longer_than_a_cell_holds_is_refused_naming_sheet_and_cell(blob, year):
    crafted = with_cell(blob, "预算", "B3", text_cell("B3", "长" * 40_000))
    where, message = _only_problem(read_template(crafted, year))
    assert where == "预算!B3"
    assert message == (
        f"“{LABEL}”的文字有40000个字符，超过上限32767个字符（一个 Excel 单元格最多能存放的字数）"
    )


def test_a_goal_as_long_as_a_cell_holds_is_read(blob, year):
    crafted = with_cell(blob, "预算", "B3", text_cell("B3", "长" * 32_767))
    result = read_template(crafted, year)
    assert result.ok, result.problems
    assert result.data == _with_unit_midterm(year, "长" * 32_767)


def test_a_moved_label_is_refused_at_its_cell(blob, year):
    where, message = _only_problem(read_book(_edited(blob, "A3", "中期目标说明"), year))
    assert (where, message) == ("预算!A3", f"此处应为“{LABEL}”，请勿移动表头")


def test_a_goal_without_its_label_is_refused_not_dropped(blob, year):
    where, message = _only_problem(read_book(_edited(blob, "A3", None), year))
    assert (where, message) == ("预算!A3", f"此处应为“{LABEL}”，请勿移动表头")


def test_a_merged_range_over_the_goal_is_refused(blob, year):
    where, message = _only_problem(read_template(with_merge(blob, "预算", ["B2:B3"]), year))
    assert where == "预算!B2:B3"
    assert LABEL in message
    assert "合并单元格B2:B3" in message


# -- conflicts ------------------------------------------------------------------------------------


def test_a_goal_changed_in_the_window_since_the_export_is_not_overwritten(blob, year):
    now = _with_unit_midterm(year, "导出后在软件中改过的中期目标")
    where, message = _only_problem(read_book(_edited(blob, "B3", NEW_MIDTERM), now))
    assert (where, message) == ("预算!B1", CONFLICT)


def test_editing_the_annual_goal_after_a_change_of_the_mid_term_is_a_conflict(blob, year):
    now = _with_unit_midterm(year, "导出后在软件中改过的中期目标")
    where, message = _only_problem(read_book(_edited(blob, "B2", "新的年度总体目标"), now))
    assert (where, message) == ("预算!B1", CONFLICT)


def test_a_goal_changed_in_the_window_stays_when_the_cells_are_untouched(blob, year):
    now = _with_unit_midterm(year, "导出后在软件中改过的中期目标")
    result = read_template(blob, now)
    assert result.ok, result.problems
    assert result.data == now


def test_the_same_edit_in_both_places_is_no_conflict(blob, year):
    now = _with_unit_midterm(year, NEW_MIDTERM)
    result = read_book(_edited(blob, "B3", NEW_MIDTERM), now)
    assert result.ok, result.problems
    assert result.data == now


# -- workbooks of earlier versions (row 3 blank) --------------------------------------------------


@pytest.mark.parametrize("path", [PREVIOUS, EARLIER], ids=["before-unit-midterm", "before-midterm"])
def test_an_earlier_workbook_imports_and_leaves_the_goal(path, year):
    blob = path.read_bytes()
    sheet = openpyxl.load_workbook(BytesIO(blob))["预算"]
    assert (sheet["A3"].value, sheet["B3"].value) == (None, None)
    assert sheet["A4"].value == "科目代码"
    demo = demo_year(2024)
    for current in (demo, year, _with_unit_midterm(year, NEW_MIDTERM)):
        result = read_template(blob, current)
        assert result.ok, result.problems
        assert result.data == current


@pytest.mark.parametrize("path", [PREVIOUS, EARLIER], ids=["before-unit-midterm", "before-midterm"])
def test_an_earlier_workbooks_edited_annual_goal_is_read_and_the_mid_term_kept(path, year):
    """The exported fingerprint of the fixed cells had no 中期目标: it is compared without it."""
    result = read_book(_edited(path.read_bytes(), "B2", "新的年度总体目标"), year)
    assert result.ok, result.problems
    assert result.data is not None
    assert result.data.unit_targets.annual_goal == "新的年度总体目标"
    assert result.data.unit_targets.midterm_goal == MIDTERM
    assert result.data == replace(
        year, unit_targets=replace(year.unit_targets, annual_goal="新的年度总体目标")
    )


def test_an_earlier_workbook_still_detects_a_conflict_of_the_annual_goal(year):
    now = replace(year, unit_targets=replace(year.unit_targets, annual_goal="窗口中改过的目标"))
    book = _edited(PREVIOUS.read_bytes(), "B1", 400000)
    where, message = _only_problem(read_book(book, now))
    assert (where, message) == ("预算!B1", CONFLICT)


def test_the_unit_goal_cells_are_fixed_cells():
    assert layout.UNIT_MIDTERM_CELL == "B3"
    assert layout.UNIT_MIDTERM_LABEL == LABEL
    assert layout.BUDGET_HEADER_ROW == 4  # unchanged: earlier workbooks keep their table
