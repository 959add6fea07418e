"""工会经费收入到位情况表: the demo's late 上级补助 at 30 June, in the model, the PDF and Excel."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal

import openpyxl
import pytest

from unionperf.demo.data import demo_year
from unionperf.domain.year import Stage, YearData
from unionperf.forms.builders import arrival_family, families_for
from unionperf.forms.model import Kind, Light
from unionperf.forms.xlsx import write_workbook

from .grid import layout
from .pdfread import needs_poppler, raw_flat, write

D = Decimal


@pytest.fixture(scope="module")
def year() -> YearData:
    return demo_year(2024)


def _june(year: YearData):
    return next(point for point in year.points if point.cutoff.month == 6)


def test_each_monitoring_stage_files_its_arrival_form(year):
    for point in year.points:
        keys = [family.key for family in families_for(year, Stage.parse(point.stage))]
        assert keys == [f"monitoring-{point.cutoff}", f"revenue-{point.cutoff}"]


def test_the_june_form_marks_the_late_subsidy_red_and_gives_its_reason(year):
    (form,) = arrival_family(year, _june(year)).forms
    (block,) = form.blocks
    spots = layout(block)
    rows = {}
    for spot in spots:
        rows.setdefault(spot.row, {})[spot.col] = spot.cell
    by_code = {cells[0].text: cells for cells in rows.values() if 0 in cells}
    assert list(by_code) == ["科目编码", "401", "402", "403", "405", "408", "合计"]
    subsidy = by_code["403"]
    assert subsidy[1].text == "上级补助收入（重点关注）"
    assert subsidy[2].value == D("5.00")  # 50,000 元 in 万元
    assert subsidy[3].value == D("1.25")
    assert subsidy[4].text == "25.00%"
    assert subsidy[5].text == "49.73%"
    assert (subsidy[6].value, subsidy[6].light) == (D("24.73"), Light.RED)
    assert subsidy[9].text == "2024-03-15"
    assert subsidy[10].text.startswith("上级工会二季度回拨补助")
    dues = by_code["402"]
    assert (dues[6].value, dues[6].light) == (D("-0.27"), None)
    total = by_code["合计"]
    assert [cell.text for cell in total.values()][:5] == [
        "合计",
        "153.40",
        "75.45",
        "49.19%",
        "49.73%",
    ]
    assert subsidy[7].kind is Kind.RATE
    assert subsidy[7].text == "3.26%"
    assert form.signed
    assert form.signed[0][0] == "填报人"


def test_a_point_without_arrivals_shows_the_budget_and_nothing_red(year):
    empty = replace(year, arrivals=())
    (form,) = arrival_family(empty, _june(empty)).forms
    cells = [spot.cell for spot in layout(form.blocks[0])]
    assert not any(cell.light for cell in cells)
    assert "93.00" in [cell.text for cell in cells]  # 拨缴经费 budget still listed


@needs_poppler
def test_pdf_shows_the_table_and_the_rule(tmp_path, year):
    path = write(tmp_path, arrival_family(year, _june(year)))
    flat = raw_flat(path)
    for expected in (
        "工会经费收入到位情况表",
        "（2024年1–6月，截至2024-06-30）",
        "上级补助收入（重点关注）",
        "24.73",
        "红灯",
        "上级工会二季度回拨补助因核拨流程调整推迟下拨",
        "超过10个百分点",
        "重视基层工会经费能否足额到位",
    ):
        assert expected in flat, expected


def test_workbook_holds_the_numbers_as_numbers(year):
    content = write_workbook([arrival_family(year, _june(year))], sheet_per_form=True)
    book = openpyxl.load_workbook(io.BytesIO(content))
    (sheet,) = book.worksheets
    assert sheet.title == "收入到位0630"
    found = {}
    for row in sheet.iter_rows():
        values = [cell.value for cell in row]
        if values and values[0] in ("401", "402", "403", "405", "408"):
            found[values[0]] = row
    subsidy = found["403"]
    assert subsidy[2].value == pytest.approx(5.0)
    assert subsidy[2].number_format == "#,##0.00"
    assert subsidy[4].value == pytest.approx(0.25)
    assert "%" in subsidy[4].number_format
    assert subsidy[6].value == pytest.approx(24.73)
    assert subsidy[6].fill.fgColor.rgb.endswith("FFC7CE")  # the red light fill
    assert subsidy[9].value == "2024-03-15"
