"""清理退出 in the fill-in workbook: shown, edited, checked as in the window, conflicts, old books.

The window offers the 清理退出 box for a multi-year project only (its period spans more than one
year, or earlier years hold it); the 项目 sheet has the same two fields as columns.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest

from tests.forms.test_fillin_support import (
    Book,
    one_year_project,
    project_of,
    read_book,
    with_project,
)
from unionperf.demo.data import HOME_UID, demo_year
from unionperf.domain.problems import ProblemCode
from unionperf.domain.project_years import ProjectYear
from unionperf.domain.validation import check_year
from unionperf.domain.year import YearData
from unionperf.forms.fillin import layout, read_template, write_template
from unionperf.forms.fillin.sheet import CONFLICT

FLAG, REASON = "提出清理退出", "清理退出原因"
WHY = "连续两年绩效评价为差，设备使用率低，剩余资金收回统筹"


@pytest.fixture(scope="module")
def year() -> YearData:
    return demo_year(2024)


@pytest.fixture(scope="module")
def blob(year) -> bytes:
    return write_template(year)


def _codes(data: YearData, uid: str) -> set[str]:
    return {problem.code.value for problem in check_year(data) if problem.where.owner_uid == uid}


def _poor_2023(uid: str = HOME_UID) -> ProjectYear:
    """2023 of the home project, evaluated 差: P022 asks to flag it for 清理退出."""
    return ProjectYear(2023, uid, "第一期", D(120000), D(120000), D(80000), D("55"), "差")


# -- what the workbook shows ----------------------------------------------------------------------


def test_the_project_sheet_has_the_two_columns_with_a_yes_no_list(blob, year):
    workbook = openpyxl.load_workbook(BytesIO(blob))
    sheet = workbook["项目"]
    header = [cell.value for cell in sheet[1]]
    assert header[-5:] == [FLAG, REASON, "中期资金总额", "中期目标", "校验"]
    assert not sheet.column_dimensions[openpyxl.utils.get_column_letter(len(header) - 1)].hidden
    lists = workbook["选项"]
    letters = {cell.value: cell.column_letter for cell in lists[1]}
    flag_letter = openpyxl.utils.get_column_letter(header.index(FLAG) + 1)
    [validation] = [
        dv for dv in sheet.data_validations.dataValidation if flag_letter in str(dv.sqref)
    ]
    assert validation.formula1 == f"'选项'!${letters['是否适用']}$2:${letters['是否适用']}$3"
    assert [cell.value for cell in lists[letters["是否适用"]][1:3]] == ["是", "否"]
    assert str(validation.sqref) == f"{flag_letter}2:{flag_letter}{1 + len(year.projects) + 300}"
    book = Book(blob)
    home = book.row("项目", "项目编号", HOME_UID)
    assert (book.get("项目", home, FLAG), book.get("项目", home, REASON)) == ("否", None)
    single = book.row("项目", "项目编号", one_year_project(year).uid)
    assert (book.get("项目", single, FLAG), book.get("项目", single, REASON)) == (None, None)


def test_a_flagged_project_is_written_with_its_reason(year):
    flagged = replace(project_of(year, HOME_UID), clear_out=True, clear_out_reason=WHY)
    data = with_project(year, flagged)
    book = Book(write_template(data))
    home = book.row("项目", "项目编号", HOME_UID)
    assert (book.get("项目", home, FLAG), book.get("项目", home, REASON)) == ("是", WHY)
    result = read_template(write_template(data), data)
    assert result.ok, result.problems
    assert result.data == data


def test_a_project_multi_year_by_its_history_only_gets_the_choice(year):
    """One-year period, but 2023 holds its uid: the window shows the box, so does the workbook."""
    single = one_year_project(year)
    data = replace(year, project_history=(_poor_2023(single.uid),))
    book = Book(write_template(data))
    assert book.get("项目", book.row("项目", "项目编号", single.uid), FLAG) == "否"
    row = book.row("项目", "项目编号", single.uid)
    book.set("项目", row, FLAG, "是")
    book.set("项目", row, REASON, WHY)
    result = read_book(book, data)
    assert result.ok, result.problems
    assert project_of(result.data, single.uid).clear_out


# -- round trip -----------------------------------------------------------------------------------


def test_proposing_clear_out_round_trips_with_the_rules_as_in_the_window(year):
    data = replace(year, project_history=(_poor_2023(),))
    assert ProblemCode.PROJECT_POOR_NOT_CLEARED.value in _codes(data, HOME_UID)
    book = Book(write_template(data))
    row = book.row("项目", "项目编号", HOME_UID)
    book.set("项目", row, FLAG, "是")
    book.set("项目", row, REASON, f"  {WHY} ")
    result = read_book(book, data)
    assert result.ok, result.problems
    assert result.data is not None
    home = project_of(data, HOME_UID)
    expected = replace(home, clear_out=True, clear_out_reason=WHY)  # trimmed, as the window does
    assert result.data == with_project(data, expected)
    codes = _codes(result.data, HOME_UID)
    assert ProblemCode.PROJECT_POOR_NOT_CLEARED.value not in codes  # P022 answered
    assert ProblemCode.PROJECT_CLEAR_OUT_REASON_MISSING.value not in codes  # P020: has reason
    # Written again, the flag and reason come back as they were read.
    again = Book(write_template(result.data))
    home_row = again.row("项目", "项目编号", HOME_UID)
    assert (again.get("项目", home_row, FLAG), again.get("项目", home_row, REASON)) == ("是", WHY)


def test_withdrawing_the_proposal_keeps_the_reason_as_the_window_does(year):
    flagged = replace(project_of(year, HOME_UID), clear_out=True, clear_out_reason=WHY)
    data = replace(with_project(year, flagged), project_history=(_poor_2023(),))
    book = Book(write_template(data))
    book.set("项目", book.row("项目", "项目编号", HOME_UID), FLAG, "否")
    result = read_book(book, data)
    assert result.ok, result.problems
    read = project_of(result.data, HOME_UID)
    assert (read.clear_out, read.clear_out_reason) == (False, WHY)
    assert result.data is not None
    assert ProblemCode.PROJECT_POOR_NOT_CLEARED.value in _codes(result.data, HOME_UID)


def test_a_blank_choice_on_a_multi_year_project_is_no(year):
    flagged = replace(project_of(year, HOME_UID), clear_out=True, clear_out_reason=WHY)
    data = with_project(year, flagged)
    book = Book(write_template(data))
    row = book.row("项目", "项目编号", HOME_UID)
    book.set("项目", row, FLAG, None)
    book.set("项目", row, REASON, None)
    result = read_book(book, data)
    assert result.ok, result.problems
    read = project_of(result.data, HOME_UID)
    assert (read.clear_out, read.clear_out_reason) == (False, "")


def test_a_new_multi_year_project_may_be_proposed_with_its_reason(blob, year):
    book = Book(blob)
    book.append(
        "项目",
        {
            "项目名称": "2024—2026年职工疗休养基地建设",
            "支出科目": "501 职工活动支出",
            "开始日期": "2024-03-01",
            "结束日期": "2026-12-31",
            "本级工会经费·年初预算数": 8000,
            FLAG: "是",
            REASON: WHY,
        },
    )
    result = read_book(book, year)
    assert result.ok, result.problems
    assert result.data is not None
    added = result.data.projects[-1]
    assert (added.clear_out, added.clear_out_reason) == (True, WHY)


# -- refusals -------------------------------------------------------------------------------------


def _cell(book: Book, uid: str, header: str) -> str:
    return "项目!" + book.ref("项目", book.row("项目", "项目编号", uid), header)


def test_yes_on_a_one_year_project_is_refused_at_its_cell(blob, year):
    single = one_year_project(year)
    book = Book(blob)
    row = book.row("项目", "项目编号", single.uid)
    book.set("项目", row, FLAG, "是")
    book.set("项目", row, REASON, WHY)
    result = read_book(book, year)
    assert result.data is None
    [problem] = result.problems
    assert problem.where == _cell(book, single.uid, FLAG)
    assert str(problem) == (
        f"{_cell(book, single.uid, FLAG)}：“{single.name}”不是多年期项目（项目期未跨年度），"
        "不能提出清理退出：只有跨年度实施的项目可以提出"
    )


def test_a_reason_on_a_one_year_project_is_refused_at_its_cell(blob, year):
    single = one_year_project(year)
    book = Book(blob)
    book.set("项目", book.row("项目", "项目编号", single.uid), REASON, WHY)
    result = read_book(book, year)
    [problem] = result.problems
    assert problem.where == _cell(book, single.uid, REASON)
    assert "不是多年期项目" in problem.message
    assert "不能填写清理退出原因" in problem.message


def test_a_new_one_year_project_cannot_be_proposed(blob, year):
    book = Book(blob)
    row = book.append(
        "项目",
        {
            "项目名称": "2024年职工心理健康讲座",
            "支出科目": "501 职工活动支出",
            "开始日期": "2024-03-01",
            "结束日期": "2024-11-30",
            FLAG: "是",
            REASON: WHY,
        },
    )
    result = read_book(book, year)
    [problem] = result.problems
    assert problem.where == f"项目!{book.ref('项目', row, FLAG)}"
    assert "不是多年期项目" in problem.message


def test_yes_without_a_reason_is_refused_at_the_reason_cell(blob, year):
    book = Book(blob)
    book.set("项目", book.row("项目", "项目编号", HOME_UID), FLAG, "是")
    result = read_book(book, year)
    [problem] = result.problems
    assert str(problem) == (
        f"{_cell(book, HOME_UID, REASON)}：提出清理退出时须填写清理退出原因"
        "（上级工会审核时会看到原因）"
    )


def test_an_unknown_answer_is_refused_with_the_choices(blob, year):
    book = Book(blob)
    book.set("项目", book.row("项目", "项目编号", HOME_UID), FLAG, "考虑中")
    result = read_book(book, year)
    [problem] = result.problems
    assert str(problem) == (
        f"{_cell(book, HOME_UID, FLAG)}：未知的提出清理退出选项“考虑中”，应为：是、否"
    )


def test_a_one_year_project_flagged_before_may_be_withdrawn(year):
    """A project flagged while multi-year, its period shortened since: 否 takes the flag off."""
    single = replace(one_year_project(year), clear_out=True, clear_out_reason=WHY)
    data = with_project(year, single)
    book = Book(write_template(data))
    row = book.row("项目", "项目编号", single.uid)
    assert book.get("项目", row, FLAG) == "是"
    book.set("项目", row, FLAG, "否")
    book.set("项目", row, REASON, None)
    result = read_book(book, data)
    assert result.ok, result.problems
    read = project_of(result.data, single.uid)
    assert (read.clear_out, read.clear_out_reason) == (False, "")


# -- conflicts ------------------------------------------------------------------------------------


def test_a_flag_set_in_the_application_since_the_export_is_not_overwritten(blob, year):
    """The row edited in the workbook (phone) while the window flagged the project: refused."""
    now = with_project(
        year, replace(project_of(year, HOME_UID), clear_out=True, clear_out_reason=WHY)
    )
    book = Book(blob)
    row = book.row("项目", "项目编号", HOME_UID)
    book.set("项目", row, "电话", "021-00000000")
    result = read_book(book, now)
    [problem] = result.problems
    assert problem.where == f"项目!{book.ref('项目', row, '项目名称')}"
    assert problem.message == CONFLICT


def test_a_flag_set_in_the_application_stays_when_its_row_is_untouched(blob, year):
    now = with_project(
        year, replace(project_of(year, HOME_UID), clear_out=True, clear_out_reason=WHY)
    )
    book = Book(blob)
    book.set(
        "项目", book.row("项目", "项目编号", one_year_project(year).uid), "电话", "021-00000000"
    )
    result = read_book(book, now)
    assert result.ok, result.problems
    read = project_of(result.data, HOME_UID)
    assert (read.clear_out, read.clear_out_reason) == (True, WHY)


def test_proposing_in_the_workbook_a_project_changed_since_is_a_conflict(blob, year):
    now = with_project(year, replace(project_of(year, HOME_UID), responsible="王五"))
    book = Book(blob)
    row = book.row("项目", "项目编号", HOME_UID)
    book.set("项目", row, FLAG, "是")
    book.set("项目", row, REASON, WHY)
    result = read_book(book, now)
    [problem] = result.problems
    assert problem.message == CONFLICT


# -- a workbook of the previous version (without the two columns) ---------------------------------


def _previous_version(blob: bytes) -> Book:
    """The workbook as the previous version wrote it: no 清理退出 columns, fingerprints without.

    The earlier writer fingerprinted the row's cells of its columns with the same function; the
    row is otherwise cell for cell what it wrote.
    """
    book = Book(blob)
    sheet = book.sheet("项目")
    for title in (REASON, FLAG):
        sheet.delete_cols(book.column("项目", title))
    earlier = [t for t in layout.FINGERPRINTED[layout.PROJECTS] if t not in (FLAG, REASON)]
    check = book.column("项目", "校验")
    for number in range(2, sheet.max_row + 1):
        cells = [sheet.cell(number, book.column("项目", title)).value for title in earlier]
        sheet.cell(number, check).value = layout.fingerprint(cells)
        sheet.cell(number, check).data_type = "s"
    return book


@pytest.fixture(scope="module")
def flagged_year(year) -> YearData:
    home = replace(project_of(year, HOME_UID), clear_out=True, clear_out_reason=WHY)
    return with_project(year, home)


def test_an_unchanged_workbook_of_the_previous_version_leaves_the_flags(flagged_year):
    book = _previous_version(write_template(flagged_year))
    assert FLAG not in [cell.value for cell in book.sheet("项目")[1]]
    result = read_book(book, flagged_year)
    assert result.ok, result.problems
    assert result.data == flagged_year


def test_an_edited_row_of_the_previous_version_keeps_the_flag(flagged_year):
    book = _previous_version(write_template(flagged_year))
    book.set("项目", book.row("项目", "项目编号", HOME_UID), "电话", "021-00000000")
    result = read_book(book, flagged_year)
    assert result.ok, result.problems
    expected = replace(project_of(flagged_year, HOME_UID), phone="021-00000000")
    assert result.data == with_project(flagged_year, expected)


def test_a_flag_set_since_a_previous_version_workbook_is_kept_under_an_edit(year, flagged_year):
    """Exported before the flag was set; the phone edited: the edit applies, the flag stays."""
    book = _previous_version(write_template(year))
    book.set("项目", book.row("项目", "项目编号", HOME_UID), "电话", "021-00000000")
    result = read_book(book, flagged_year)
    assert result.ok, result.problems
    read = project_of(result.data, HOME_UID)
    assert (read.phone, read.clear_out, read.clear_out_reason) == ("021-00000000", True, WHY)


def test_conflicts_are_still_found_in_a_previous_version_workbook(year):
    book = _previous_version(write_template(year))
    now = with_project(year, replace(project_of(year, HOME_UID), responsible="王五"))
    book.set("项目", book.row("项目", "项目编号", HOME_UID), "电话", "021-00000000")
    result = read_book(book, now)
    [problem] = result.problems
    assert problem.message == CONFLICT


OLD_WORKBOOK = Path(__file__).parents[1] / "data" / "fillin-2024-before-clear-out.xlsx"
"""The demo's 2024 fill-in workbook as written by the previous version (main at 732f70c, before
the 清理退出 columns): ``write_template(demo_year(2024))``."""


def test_the_previous_versions_own_workbook_imports_and_leaves_the_flags(year, flagged_year):
    blob = OLD_WORKBOOK.read_bytes()
    assert "提出清理退出" not in [cell.value for cell in Book(blob).sheet("项目")[1]]
    for current in (year, flagged_year):
        result = read_template(blob, current)
        assert result.ok, result.problems
        assert result.data == current
    book = Book(blob)
    book.set("项目", book.row("项目", "项目编号", HOME_UID), "电话", "021-00000000")
    result = read_book(book, flagged_year)
    assert result.ok, result.problems
    read = project_of(result.data, HOME_UID)
    assert (read.phone, read.clear_out, read.clear_out_reason) == ("021-00000000", True, WHY)
