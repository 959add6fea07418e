"""中期资金总额 and 中期目标 of a multi-year project in the fill-in workbook.

The 项目 sheet carries the two after the 清理退出 columns: written for every project (blank when
the project has none), read back as money (Decimal, at most two decimals, not negative) and as
text, for a multi-year project only (its period spans more than one year, or earlier years hold
it); a workbook of the version before, without the columns, still imports and leaves them alone.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest

from tests.forms.craft_xlsx import text_cell, with_cell
from tests.forms.test_fillin_support import (
    Book,
    one_year_project,
    project_of,
    read_book,
    with_project,
)
from unionperf.demo.data import HOME_UID, demo_year
from unionperf.domain.budget import Project
from unionperf.domain.money import ZERO
from unionperf.domain.problems import ProblemCode
from unionperf.domain.project_years import ProjectYear
from unionperf.domain.validation import check_year
from unionperf.domain.year import YearData
from unionperf.forms.fillin import layout, read_template, write_template
from unionperf.forms.fillin.cells import MONEY_FORMAT
from unionperf.forms.fillin.sheet import CONFLICT

FUNDS, GOAL = "中期资金总额", "中期目标"
NEW_GOAL = "2023—2025年完成职工之家升级：新增健身及文体设备不少于70台（套），职工满意度不低于95%"
OLD_WORKBOOK = Path(__file__).parents[1] / "data" / "fillin-2024-before-midterm.xlsx"
"""The demo's 2024 fill-in workbook as the version before wrote it (main at 22cdd7d: with the
清理退出 columns and 期限, without these two): ``write_template(demo_year(2024))``."""


@pytest.fixture(scope="module")
def year() -> YearData:
    """The demo's 2024 with 2023 of the home project (budget 120,000): P021 has history."""
    data = demo_year(2024)
    earlier = ProjectYear(2023, HOME_UID, "第一期", D(120000), D(120000), D(110000), D(88), "良")
    return replace(data, project_history=(earlier,))


@pytest.fixture(scope="module")
def blob(year) -> bytes:
    return write_template(year)


def _midterm(project: Project, budget: D, goal: str) -> Project:
    return replace(
        project, midterm_budget=budget, targets=replace(project.targets, midterm_goal=goal)
    )


def _cell(book: Book, uid: str, header: str) -> str:
    return "项目!" + book.ref("项目", book.row("项目", "项目编号", uid), header)


def _codes(data: YearData | None, uid: str) -> set[str]:
    assert data is not None
    return {problem.code.value for problem in check_year(data) if problem.where.owner_uid == uid}


# -- what the workbook shows ----------------------------------------------------------------------


def test_the_project_sheet_ends_with_the_two_columns(blob, year):
    workbook = openpyxl.load_workbook(BytesIO(blob))
    sheet = workbook["项目"]
    header = [cell.value for cell in sheet[1]]
    assert header[-5:] == ["提出清理退出", "清理退出原因", FUNDS, GOAL, "校验"]
    for title in (FUNDS, GOAL):
        letter = openpyxl.utils.get_column_letter(header.index(title) + 1)
        assert not sheet.column_dimensions[letter].hidden
    book = Book(blob)
    home = project_of(year, HOME_UID)
    row = book.row("项目", "项目编号", HOME_UID)
    assert book.get("项目", row, FUNDS) == 360000
    assert book.get("项目", row, GOAL) == home.targets.midterm_goal
    funds = sheet[book.ref("项目", row, FUNDS)]
    assert funds.data_type == "n"
    assert funds.number_format == MONEY_FORMAT  # as the funding columns
    single = book.row("项目", "项目编号", one_year_project(year).uid)
    assert (book.get("项目", single, FUNDS), book.get("项目", single, GOAL)) == (None, None)


def test_an_unchanged_workbook_changes_nothing(blob, year):
    result = read_template(blob, year)
    assert result.ok, result.problems
    assert result.data == year


def test_the_guide_tells_what_the_columns_are(blob):
    guide = " ".join(
        str(cell.value) for row in openpyxl.load_workbook(BytesIO(blob))["说明"] for cell in row
    )
    assert "中期资金总额" in guide
    assert "中期目标" in guide


# -- round trip -----------------------------------------------------------------------------------


def test_editing_both_cells_changes_exactly_those(blob, year):
    book = Book(blob)
    row = book.row("项目", "项目编号", HOME_UID)
    book.set("项目", row, FUNDS, 380000.5)  # Excel keeps numbers as floats
    book.set("项目", row, GOAL, NEW_GOAL)
    result = read_book(book, year)
    assert result.ok, result.problems
    expected = _midterm(project_of(year, HOME_UID), D("380000.50"), NEW_GOAL)
    assert result.data == with_project(year, expected)
    read = project_of(result.data, HOME_UID)
    assert read.midterm_budget == D("380000.5")
    assert isinstance(read.midterm_budget, D)
    # Written again, the two come back as they were read.
    again = Book(write_template(result.data))
    home = again.row("项目", "项目编号", HOME_UID)
    assert (again.get("项目", home, FUNDS), again.get("项目", home, GOAL)) == (380000.5, NEW_GOAL)
    assert read_template(write_template(result.data), result.data).data == result.data


def test_the_amount_typed_as_text_is_read_as_the_money_columns_are(blob, year):
    book = Book(blob)
    book.set("项目", book.row("项目", "项目编号", HOME_UID), FUNDS, "400,000.10")
    result = read_book(book, year)
    assert result.ok, result.problems
    assert project_of(result.data, HOME_UID).midterm_budget == D("400000.10")


def test_p021_sees_the_new_mid_term_budget(blob, year):
    """累计预算数 = 120,000 (2023) + 150,000 (2024) = 270,000: below 360,000, above 250,000."""
    code = ProblemCode.PROJECT_CUMULATIVE_OVER_MIDTERM.value
    assert code not in _codes(year, HOME_UID)
    book = Book(blob)
    book.set("项目", book.row("项目", "项目编号", HOME_UID), FUNDS, 250000)
    result = read_book(book, year)
    assert result.ok, result.problems
    assert code in _codes(result.data, HOME_UID)
    assert result.data is not None
    [p021] = [item for item in check_year(result.data) if item.code.value == code]
    assert "中期资金总额250,000.00元" in p021.message
    # and back above the cumulative budget, the warning goes
    book = Book(write_template(result.data))
    book.set("项目", book.row("项目", "项目编号", HOME_UID), FUNDS, 270000)
    again = read_book(book, result.data)
    assert again.ok, again.problems
    assert code not in _codes(again.data, HOME_UID)


def test_blank_cells_clear_both_as_in_the_window(blob, year):
    book = Book(blob)
    row = book.row("项目", "项目编号", HOME_UID)
    book.set("项目", row, FUNDS, None)
    book.set("项目", row, GOAL, None)
    result = read_book(book, year)
    assert result.ok, result.problems
    read = project_of(result.data, HOME_UID)
    assert (read.midterm_budget, read.targets.midterm_goal) == (ZERO, "")


def test_a_new_multi_year_project_may_carry_both(blob, year):
    book = Book(blob)
    book.append(
        "项目",
        {
            "项目名称": "2024—2026年职工疗休养基地建设",
            "支出科目": "501 职工活动支出",
            "开始日期": "2024-03-01",
            "结束日期": "2026-12-31",
            "本级工会经费·年初预算数": 8000,
            FUNDS: 24000,
            GOAL: "三年建成职工疗休养基地",
        },
    )
    result = read_book(book, year)
    assert result.ok, result.problems
    assert result.data is not None
    added = result.data.projects[-1]
    assert added.midterm_budget == D(24000)
    assert added.targets.midterm_goal == "三年建成职工疗休养基地"


def test_a_project_multi_year_by_its_history_only_may_carry_both(year):
    single = one_year_project(year)
    earlier = ProjectYear(2023, single.uid, "上年", D(1000), D(1000), D(900), None, "")
    data = replace(year, project_history=(*year.project_history, earlier))
    book = Book(write_template(data))
    row = book.row("项目", "项目编号", single.uid)
    book.set("项目", row, FUNDS, 5000)
    book.set("项目", row, GOAL, "两年完成")
    result = read_book(book, data)
    assert result.ok, result.problems
    read = project_of(result.data, single.uid)
    assert (read.midterm_budget, read.targets.midterm_goal) == (D(5000), "两年完成")


# -- refusals -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (-1, "金额不能为负数，现为-1"),
        (360000.125, "金额最多两位小数（元），现为360000.125"),
        ("三十六万", "“三十六万”不是数字，请填写数字"),
    ],
)
def test_a_bad_amount_is_refused_at_its_cell(blob, year, typed, message):
    book = Book(blob)
    book.set("项目", book.row("项目", "项目编号", HOME_UID), FUNDS, typed)
    result = read_book(book, year)
    assert result.data is None
    [problem] = result.problems
    assert str(problem) == f"{_cell(book, HOME_UID, FUNDS)}：{message}"


def test_an_amount_beyond_the_limit_is_refused_naming_the_column(blob, year):
    book = Book(blob)
    book.set("项目", book.row("项目", "项目编号", HOME_UID), FUNDS, 10**13)
    result = read_book(book, year)
    [problem] = result.problems
    assert problem.where == _cell(book, HOME_UID, FUNDS)
    assert "“中期资金总额”的数值" in problem.message
    assert "超出范围（绝对值不能超过1,000,000,000,000）" in problem.message


def test_a_one_year_project_may_carry_both_as_in_the_window(blob, year):
    """The declaration form has 中期 funds and goal for every project; the window's 中期目标
    box is open for every project too: the workbook refuses neither."""
    single = one_year_project(year)
    book = Book(blob)
    row = book.row("项目", "项目编号", single.uid)
    book.set("项目", row, FUNDS, 50000)
    book.set("项目", row, GOAL, "三年规划")
    result = read_book(book, year)
    assert result.ok, result.problems
    read = project_of(result.data, single.uid)
    assert (read.midterm_budget, read.targets.midterm_goal) == (D(50000), "三年规划")


def test_a_new_one_year_project_may_carry_them(blob, year):
    book = Book(blob)
    book.append(
        "项目",
        {
            "项目名称": "2024年职工心理健康讲座",
            "支出科目": "501 职工活动支出",
            "开始日期": "2024-03-01",
            "结束日期": "2024-11-30",
            FUNDS: 3000,
            GOAL: "三年规划",
        },
    )
    result = read_book(book, year)
    assert result.ok, result.problems
    [added] = [p for p in result.data.projects if p.name == "2024年职工心理健康讲座"]
    assert (added.midterm_budget, added.targets.midterm_goal) == (D(3000), "三年规划")


def test_zero_on_a_one_year_project_is_no_amount(blob, year):
    single = one_year_project(year)
    book = Book(blob)
    book.set("项目", book.row("项目", "项目编号", single.uid), FUNDS, 0)
    result = read_book(book, year)
    assert result.ok, result.problems
    assert result.data == year


def test_a_project_holding_both_keeps_them_or_clears_them(year):
    single = _midterm(one_year_project(year), D(8000), "原三年规划")
    data = with_project(year, single)
    blob = write_template(data)
    result = read_template(blob, data)
    assert result.ok, result.problems
    assert result.data == data
    book = Book(blob)
    row = book.row("项目", "项目编号", single.uid)
    assert (book.get("项目", row, FUNDS), book.get("项目", row, GOAL)) == (8000, "原三年规划")
    book.set("项目", row, FUNDS, None)
    book.set("项目", row, GOAL, None)
    cleared = read_book(book, data)
    assert cleared.ok, cleared.problems
    read = project_of(cleared.data, single.uid)
    assert (read.midterm_budget, read.targets.midterm_goal) == (ZERO, "")


def test_a_goal_longer_than_a_cell_holds_is_refused_naming_the_column(blob, year):
    book = Book(blob)
    ref = book.ref("项目", book.row("项目", "项目编号", HOME_UID), GOAL)
    crafted = with_cell(blob, "项目", ref, text_cell(ref, "长" * 40_000))
    result = read_template(crafted, year)
    [problem] = [item for item in result.problems if item.where == f"项目!{ref}"]
    assert "40000个字符" in problem.message
    assert "中期目标" in problem.message


# -- conflicts ------------------------------------------------------------------------------------


def test_a_goal_changed_in_the_application_since_the_export_is_not_overwritten(blob, year):
    now = with_project(year, _midterm(project_of(year, HOME_UID), D(360000), NEW_GOAL))
    book = Book(blob)
    row = book.row("项目", "项目编号", HOME_UID)
    book.set("项目", row, "电话", "021-00000000")
    result = read_book(book, now)
    [problem] = result.problems
    assert problem.where == f"项目!{book.ref('项目', row, '项目名称')}"
    assert problem.message == CONFLICT


def test_a_budget_changed_in_the_application_stays_when_its_row_is_untouched(blob, year):
    home = project_of(year, HOME_UID)
    now = with_project(year, _midterm(home, D(400000), home.targets.midterm_goal))
    result = read_template(blob, now)
    assert result.ok, result.problems
    assert result.data == now


def test_editing_the_amount_of_a_project_changed_since_is_a_conflict(blob, year):
    now = with_project(year, replace(project_of(year, HOME_UID), responsible="王五"))
    book = Book(blob)
    book.set("项目", book.row("项目", "项目编号", HOME_UID), FUNDS, 300000)
    [problem] = read_book(book, now).problems
    assert problem.message == CONFLICT


# -- a workbook of the previous version (without the two columns) ---------------------------------


@pytest.fixture(scope="module")
def changed_year(year) -> YearData:
    """The demo year whose home project's mid-term figures changed in the window since."""
    return with_project(year, _midterm(project_of(year, HOME_UID), D("410000.20"), NEW_GOAL))


def test_the_previous_versions_own_workbook_imports_and_leaves_them(year, changed_year):
    blob = OLD_WORKBOOK.read_bytes()
    header = [cell.value for cell in Book(blob).sheet("项目")[1]]
    assert FUNDS not in header
    assert "提出清理退出" in header
    for current in (year, changed_year):
        result = read_template(blob, current)
        assert result.ok, result.problems
        assert result.data == current
    book = Book(blob)
    book.set("项目", book.row("项目", "项目编号", HOME_UID), "电话", "021-00000000")
    result = read_book(book, changed_year)
    assert result.ok, result.problems
    expected = replace(project_of(changed_year, HOME_UID), phone="021-00000000")
    assert result.data == with_project(changed_year, expected)


def test_the_workbook_before_the_clear_out_columns_still_leaves_them(changed_year):
    blob = (OLD_WORKBOOK.parent / "fillin-2024-before-clear-out.xlsx").read_bytes()
    book = Book(blob)
    book.set("项目", book.row("项目", "项目编号", HOME_UID), "电话", "021-00000000")
    result = read_book(book, changed_year)
    assert result.ok, result.problems
    read = project_of(result.data, HOME_UID)
    assert (read.phone, read.midterm_budget, read.targets.midterm_goal) == (
        "021-00000000",
        D("410000.20"),
        NEW_GOAL,
    )


def test_the_new_columns_are_later_columns():
    assert layout.LATER_COLUMNS[layout.PROJECTS][-2:] == (FUNDS, GOAL)
