"""期限 (年度/中期) of an indicator in the fill-in workbook, as the targets step's 期限 column.

A multi-year project's 中期 indicators are listed on the 指标 sheet with the annual ones; the
期限 column tells them apart and sets it, as the window does; the 全周期跟踪 panel lists them.
"""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest

from tests.forms.test_fillin_support import Book, new_indicator_row
from unionperf.demo.data import HOME_UID, demo_year
from unionperf.domain.budget import Project
from unionperf.domain.indicators import Indicator, Period
from unionperf.domain.year import YearData
from unionperf.forms.fillin import read_template, write_template
from unionperf.forms.fillin.sheet import CONFLICT
from unionperf.services.views.multi_year_view import cycle_view

PERIOD = "期限"
OLD_WORKBOOK = Path(__file__).parents[1] / "data" / "fillin-2024-before-clear-out.xlsx"
"""Written by the version before (no 期限 column): ``write_template(demo_year(2024))``."""


@pytest.fixture(scope="module")
def year() -> YearData:
    return demo_year(2024)


def _home(data: YearData | None) -> Project:
    assert data is not None
    found = data.project(HOME_UID)
    assert found is not None
    return found


def _with_indicator(data: YearData, indicator: Indicator) -> YearData:
    home = _home(data)
    indicators = tuple(
        indicator if item.uid == indicator.uid else item for item in home.targets.indicators
    )
    home = replace(home, targets=replace(home.targets, indicators=indicators))
    return replace(data, projects=tuple(home if p.uid == HOME_UID else p for p in data.projects))


@pytest.fixture(scope="module")
def midterm_year(year) -> YearData:
    """The home project's first indicator made a 中期 one (the demo has none)."""
    first = _home(year).targets.indicators[0]
    return _with_indicator(year, replace(first, period=Period.MIDTERM))


def _midterm_names(data: YearData | None) -> list[str]:
    assert data is not None
    view = cycle_view(data, HOME_UID)
    assert view is not None
    return [name for name, _target in view.midterm_indicators]


def test_the_period_column_with_its_list(midterm_year):
    blob = write_template(midterm_year)
    workbook = openpyxl.load_workbook(BytesIO(blob))
    sheet = workbook["指标"]
    header = [cell.value for cell in sheet[1]]
    assert header[-2:] == [PERIOD, "校验"]
    lists = workbook["选项"]
    letters = {cell.value: cell.column_letter for cell in lists[1]}
    assert [cell.value for cell in lists[letters[PERIOD]][1:3]] == ["年度", "中期"]
    letter = openpyxl.utils.get_column_letter(header.index(PERIOD) + 1)
    [validation] = [dv for dv in sheet.data_validations.dataValidation if letter in str(dv.sqref)]
    assert f"${letters[PERIOD]}$2" in validation.formula1
    book = Book(blob)
    first, second = _home(midterm_year).targets.indicators[:2]
    assert book.get("指标", book.row("指标", "指标编号", first.uid), PERIOD) == "中期"
    assert book.get("指标", book.row("指标", "指标编号", second.uid), PERIOD) == "年度"
    result = read_template(blob, midterm_year)
    assert result.ok, result.problems
    assert result.data == midterm_year


def test_making_an_indicator_mid_term_shows_it_in_the_whole_period(year):
    second = _home(year).targets.indicators[1]
    assert _midterm_names(year) == []
    book = Book(write_template(year))
    book.set("指标", book.row("指标", "指标编号", second.uid), PERIOD, "中期")
    result = read_template(book.save(), year)
    assert result.ok, result.problems
    assert result.data == _with_indicator(year, replace(second, period=Period.MIDTERM))
    assert _midterm_names(result.data) == [second.name]


def test_a_new_row_may_be_mid_term_and_is_annual_when_blank(year):
    home = _home(year)
    book = Book(write_template(year))
    book.append("指标", {**new_indicator_row(home.name, "三年累计新增设备"), PERIOD: "中期"})
    book.append("指标", new_indicator_row(home.name, "本年新增设备"))
    result = read_template(book.save(), year)
    assert result.ok, result.problems
    added = {item.name: item.period for item in _home(result.data).targets.indicators}
    assert (added["三年累计新增设备"], added["本年新增设备"]) == (Period.MIDTERM, Period.ANNUAL)


def test_an_unknown_period_is_refused_at_its_cell(year):
    first = _home(year).targets.indicators[0]
    book = Book(write_template(year))
    cell = book.set("指标", book.row("指标", "指标编号", first.uid), PERIOD, "长期")
    result = read_template(book.save(), year)
    [problem] = result.problems
    assert str(problem) == f"指标!{cell}：未知的期限“长期”，应为：年度、中期"


def test_a_period_changed_in_the_application_since_the_export_is_a_conflict(year, midterm_year):
    first = _home(year).targets.indicators[0]
    book = Book(write_template(year))
    book.set("指标", book.row("指标", "指标编号", first.uid), "计量单位", "台")
    result = read_template(book.save(), midterm_year)
    [problem] = result.problems
    assert problem.message == CONFLICT


def test_a_workbook_without_the_period_keeps_the_mid_term_indicators(midterm_year):
    blob = OLD_WORKBOOK.read_bytes()
    assert PERIOD not in [cell.value for cell in Book(blob).sheet("指标")[1]]
    result = read_template(blob, midterm_year)
    assert result.ok, result.problems
    assert result.data == midterm_year
    first = _home(midterm_year).targets.indicators[0]
    book = Book(blob)
    book.set("指标", book.row("指标", "指标编号", first.uid), "计量单位", "台")
    result = read_template(book.save(), midterm_year)
    assert result.ok, result.problems
    assert result.data == _with_indicator(midterm_year, replace(first, unit="台"))
