"""The fill-in import under attack and accident: bounded before parsing, honest about every cell.

Each workbook here is crafted at the zip or XML level (tests/forms/craft_xlsx.py): a sheet that
decompresses to a gigabyte, a million rows, formulas with and without a cached value, merged
cells over input cells, numbers out of range, entity expansion and external entities.
"""

from __future__ import annotations

import re
from decimal import Decimal as D
from io import BytesIO

import openpyxl
import pytest

from tests.forms.craft_xlsx import (
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    formula_cell,
    lying_size,
    number_cell,
    read_member,
    rewrite,
    rows_sheet,
    sheet_path,
    text_cell,
    to_shared_strings,
    whitespace_sheet,
    with_cell,
    with_doctype,
    with_merge,
)
from tests.forms.test_fillin_support import Book
from unionperf.demo.data import demo_year
from unionperf.domain.year import YearData
from unionperf.forms.fillin import ImportProblem, ImportResult, read_template, write_template

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def year() -> YearData:
    return demo_year(2024)


@pytest.fixture(scope="module")
def blob(year) -> bytes:
    return write_template(year)


@pytest.fixture(scope="module")
def budget_ref(blob) -> str:
    """The 本年预算数 cell of category 501 on the 预算 sheet."""
    book = Book(blob)
    return book.ref("预算", book.row("预算", "科目代码", "501"), "本年预算数")


@pytest.fixture(scope="module")
def project_ref(blob, year) -> dict[str, str]:
    """Cells of the first project's row on the 项目 sheet, by header."""
    book = Book(blob)
    row = book.row("项目", "项目编号", year.projects[0].uid)
    headers = ("项目名称", "支出科目", "年度总体目标", "本级工会经费·全年执行数")
    return {header: book.ref("项目", row, header) for header in headers}


@pytest.fixture(scope="module")
def actual_ref(blob) -> str:
    """The 实际完成值 cell of a quantitative indicator on the 指标 sheet."""
    book = Book(blob)
    return book.ref("指标", book.row("指标", "指标编号", "p2024-01-i01"), "实际完成值")


def _refused(result: ImportResult) -> list[ImportProblem]:
    assert result.data is None
    assert not result.ok
    assert result.problems
    for problem in result.problems:
        assert CHINESE.search(problem.message), str(problem)
    return list(result.problems)


def _at(result: ImportResult, where: str) -> ImportProblem:
    found = [problem for problem in _refused(result) if problem.where == where]
    assert found, [str(problem) for problem in result.problems]
    return found[0]


# -- the zip container ------------------------------------------------------------------------


def test_a_sheet_that_decompresses_to_a_gigabyte_is_refused_before_decompressing(blob, year):
    bomb = rewrite(blob, {sheet_path(blob, "监控"): whitespace_sheet(1 << 30)})
    assert len(bomb) < 4 << 20  # about a megabyte on disk
    problem = _at(read_template(bomb, year), "工作表“监控”")
    assert "解压后" in problem.message
    assert "1024 MB" in problem.message


def test_a_member_bigger_than_it_declares_is_refused_as_damaged(blob, year):
    lying = lying_size(blob, sheet_path(blob, "监控"), 1000)
    problems = _refused(read_template(lying, year))
    assert any("已损坏" in problem.message for problem in problems), problems


def test_too_many_members_are_refused(blob, year):
    extra = {f"xl/media/image{number}.png": b"x" for number in range(1000)}
    problems = _refused(read_template(rewrite(blob, extra), year))
    assert "个部件" in problems[0].message
    assert "1015" in problems[0].message


# -- rows, columns, text ----------------------------------------------------------------------


@pytest.mark.parametrize("dimension", [None, "A1:A1000000"])
def test_a_million_rows_are_refused_at_the_row_limit(blob, year, dimension):
    crafted = rewrite(blob, {sheet_path(blob, "监控"): rows_sheet(1_000_000, dimension)})
    result = read_template(crafted, year)
    problems = [problem for problem in _refused(result) if problem.sheet == "监控"]
    assert len(problems) == 1, problems
    assert "超过上限" in problems[0].message
    if dimension:
        assert dimension in problems[0].message
    else:
        # refused at the first row past the limit, not after reading a million rows
        assert 1000 < int(problems[0].cell[1:]) < 1_000_000
        assert "行数" in problems[0].message
    assert len(result.problems) < 10


def test_a_cell_far_to_the_right_is_refused_by_the_column_limit(blob, year):
    crafted = with_cell(blob, "项目", "XFD2", text_cell("XFD2", "远"))
    problem = _at(read_template(crafted, year), "项目!XFD2")
    assert "列数超过上限" in problem.message


def test_text_longer_than_an_excel_cell_holds_is_refused(blob, year, project_ref):
    ref = project_ref["年度总体目标"]
    crafted = with_cell(blob, "项目", ref, text_cell(ref, "长" * 40_000))
    problem = _at(read_template(crafted, year), f"项目!{ref}")
    assert "40000个字符" in problem.message
    assert "年度总体目标" in problem.message


def test_long_text_in_a_shared_string_is_refused(blob, year, project_ref):
    ref = project_ref["年度总体目标"]
    crafted = to_shared_strings(with_cell(blob, "项目", ref, text_cell(ref, "长" * 40_000)))
    problems = _refused(read_template(crafted, year))
    assert any("40000个字符" in problem.message for problem in problems), problems


# -- formulas ---------------------------------------------------------------------------------


def test_a_formula_without_a_cached_value_is_refused_naming_the_cell(blob, year, budget_ref):
    book = Book(blob)
    book.sheet("预算")[budget_ref] = "=SUM(1,2)"  # openpyxl writes the formula, no value
    problem = _at(read_template(book.save(), year), f"预算!{budget_ref}")
    for part in ("本年预算数", "=SUM(1,2)", "公式", "计算结果"):
        assert part in problem.message, problem


def test_a_text_formula_without_a_cached_value_is_refused(blob, year, project_ref):
    ref = project_ref["项目名称"]
    crafted = with_cell(blob, "项目", ref, formula_cell(ref, 'CONCAT("职工","书屋")', None, "str"))
    problem = _at(read_template(crafted, year), f"项目!{ref}")
    assert "项目名称" in problem.message
    assert "计算结果" in problem.message


def test_a_formula_is_used_through_its_cached_value(blob, year, budget_ref):
    crafted = with_cell(blob, "预算", budget_ref, formula_cell(budget_ref, "SUM(1,2)", "288000"))
    result = read_template(crafted, year)
    assert result.ok, [str(problem) for problem in result.problems]
    assert result.data is not None
    line = next(line for line in result.data.budget if line.category_code == "501")
    assert line.budget == D(288000)


def test_a_formula_whose_cached_value_is_an_error_is_refused(blob, year, budget_ref):
    crafted = with_cell(blob, "预算", budget_ref, formula_cell(budget_ref, "1/0", "#DIV/0!", "e"))
    problem = _at(read_template(crafted, year), f"预算!{budget_ref}")
    assert "错误值" in problem.message
    assert "#DIV/0!" in problem.message


# -- merged cells -----------------------------------------------------------------------------


def test_merged_cells_over_input_cells_are_refused_with_the_range(blob, year, project_ref):
    first = project_ref["项目名称"]
    row = int(first[1:])
    span = f"{first}:{project_ref['支出科目'][0]}{row + 1}"
    problem = _at(read_template(with_merge(blob, "项目", [span]), year), f"项目!{span}")
    assert "合并单元格" in problem.message


def test_merged_cells_made_by_excel_are_refused_too(blob, year, budget_ref):
    book = Book(blob)
    column, row = budget_ref[0], int(budget_ref[1:])
    span = f"{budget_ref}:{column}{row + 1}"
    book.sheet("预算").merge_cells(span)
    _at(read_template(book.save(), year), f"预算!{span}")


def test_merged_guide_text_is_no_input_and_imports(blob, year):
    result = read_template(with_merge(blob, "说明", ["A12:B12"]), year)
    assert result.ok, [str(problem) for problem in result.problems]


# -- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e308", "超出范围"),
        ("-1e308", "超出范围"),
        ("1" * 5000, "超出范围"),
        ("1000000000000000", "超出范围"),
        ("0.001", "最多两位小数"),
        ("-5", "不能为负数"),
        ("inf", "不是有效的数字"),
        ("NaN", "不是有效的数字"),
    ],
    ids=lambda value: value[:12],
)
def test_money_out_of_range_is_refused_naming_the_cell(blob, year, budget_ref, value, message):
    crafted = with_cell(blob, "预算", budget_ref, number_cell(budget_ref, value))
    problem = _at(read_template(crafted, year), f"预算!{budget_ref}")
    assert message in problem.message, problem
    assert len(problem.message) < 200


@pytest.mark.parametrize("value", ["1" * 5000, "1e308", "9" * 40 + ".5"], ids=lambda v: v[:12])
def test_numbers_typed_as_text_out_of_range_are_refused(blob, year, budget_ref, value):
    crafted = with_cell(blob, "预算", budget_ref, text_cell(budget_ref, value))
    problem = _at(read_template(crafted, year), f"预算!{budget_ref}")
    assert "超出范围" in problem.message or "不是数字" in problem.message, problem
    assert len(problem.message) < 200


@pytest.mark.parametrize(
    ("value", "message"),
    [("1e308", "超出范围"), ("1e-300", "小数位数"), ("1" * 5000, "超出范围")],
    ids=lambda value: value[:12],
)
def test_indicator_numbers_out_of_range_are_refused(blob, year, actual_ref, value, message):
    crafted = with_cell(blob, "指标", actual_ref, number_cell(actual_ref, value))
    problem = _at(read_template(crafted, year), f"指标!{actual_ref}")
    assert message in problem.message, problem
    assert "实际完成值" in problem.message


def test_opening_balance_out_of_range_is_refused(blob, year):
    crafted = with_cell(blob, "预算", "B1", number_cell("B1", "1e308"))
    problem = _at(read_template(crafted, year), "预算!B1")
    assert "超出范围" in problem.message


# -- XML attacks ------------------------------------------------------------------------------


def test_entity_expansion_in_a_sheet_is_refused(blob, year):
    bomb = with_doctype(blob, sheet_path(blob, "监控"), BILLION_LAUGHS, "&lol9;")
    problems = _refused(read_template(bomb, year))
    assert "实体" in problems[0].message
    assert "已拒绝" in problems[0].message


def test_entity_expansion_in_the_shared_strings_is_refused(blob, year):
    shared = to_shared_strings(blob)
    bomb = with_doctype(shared, "xl/sharedStrings.xml", BILLION_LAUGHS, "&lol9;")
    problems = _refused(read_template(bomb, year))
    assert "实体" in problems[0].message


@pytest.mark.parametrize("member", ["xl/workbook.xml", "xl/worksheets/sheet1.xml"])
def test_an_external_entity_is_refused(blob, year, member):
    crafted = with_doctype(blob, member, EXTERNAL_ENTITY, "&xxe;")
    problems = _refused(read_template(crafted, year))
    assert "实体" in problems[0].message
    assert "passwd" not in " ".join(str(problem) for problem in problems)


def test_malformed_xml_is_refused_with_its_part(blob, year):
    path = sheet_path(blob, "项目")
    crafted = rewrite(blob, {path: read_member(blob, path)[:-40]})
    problems = _refused(read_template(crafted, year))
    assert "项目" in str(problems[0])


def test_openpyxl_parses_through_defusedxml(blob):
    """Anything else that opens a workbook with openpyxl is protected by defusedxml too."""
    from defusedxml import DefusedXmlException  # noqa: PLC0415

    assert openpyxl.DEFUSEDXML
    bomb = with_doctype(blob, sheet_path(blob, "说明"), BILLION_LAUGHS, "&lol9;")
    with pytest.raises(ValueError, match="Unable to read workbook") as raised:
        openpyxl.load_workbook(BytesIO(bomb))
    assert isinstance(raised.value.__cause__, DefusedXmlException)


# -- what Excel writes still reads ------------------------------------------------------------


def test_a_workbook_saved_with_shared_strings_reads_back_unchanged(blob, year):
    result = read_template(to_shared_strings(blob), year)
    assert result.ok, [str(problem) for problem in result.problems]
    assert result.data == year
