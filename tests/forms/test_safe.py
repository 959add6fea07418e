"""User text stays text in workbooks: no formula, no error value, exact after a round trip."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import openpyxl
import pytest
from openpyxl import Workbook

from unionperf.demo.data import demo_years
from unionperf.domain.budget import TargetSet
from unionperf.domain.year import YearData
from unionperf.forms.builders import families_for
from unionperf.forms.safe import MAX_CELL_TEXT, formula_like, safe_text, write_text
from unionperf.forms.xlsx import write_workbook

HOSTILE = (
    "=SUM(A1)",
    "+cmd|' /C calc'!A0",
    "@x",
    "-1+1",
    "  =1+1",
    '\t=HYPERLINK("http://example.com")',
    "\r\n+1",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
    "\u3000=1",
    "#N/A",
    "#DIV/0!",
    "=",
)


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_like(value: str) -> None:
    assert formula_like(value) is (value not in ("#N/A", "#DIV/0!"))


@pytest.mark.parametrize("value", ["", "   ", "职工活动", "1+1", "a=b", "'=1", "100%", "≥12场"])
def test_not_formula_like(value: str) -> None:
    assert not formula_like(value)


def test_safe_text_drops_what_xml_cannot_hold() -> None:
    assert safe_text("a\x00b\x01c\x1fd\ufffe") == "abcd"
    assert safe_text("tab\tnew\nline\r\ncr\rlf") == "tab\tnew\nline\ncr\nlf"
    assert safe_text("=SUM(A1)") == "=SUM(A1)"
    assert len(safe_text("字" * (MAX_CELL_TEXT + 5))) == MAX_CELL_TEXT


def round_trip(values: list[str]) -> list[openpyxl.cell.Cell]:
    workbook = Workbook()
    sheet = workbook.active
    for row, value in enumerate(values, start=1):
        write_text(sheet.cell(row=row, column=1), value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert b"<f>" not in zipfile.ZipFile(buffer).read("xl/worksheets/sheet1.xml")
    loaded = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    return [loaded.active.cell(row=row, column=1) for row in range(1, len(values) + 1)]


def test_write_text_round_trip_keeps_exact_text() -> None:
    values = [*HOSTILE, "普通文本", " leading and trailing "]
    for value, cell in zip(values, round_trip(values), strict=True):
        assert cell.value == (value if "\r" not in value else value.replace("\r\n", "\n"))
        assert cell.value == safe_text(value)
        assert cell.data_type == "s"
        assert cell.quotePrefix is formula_like(value)


def hostile_year() -> YearData:
    data = demo_years()[1]
    first, second = data.projects[0], data.projects[1]
    indicators = first.targets.indicators
    renamed = (
        replace(indicators[0], name="+cmd|' /C calc'!A0"),
        replace(indicators[1], name="@x"),
        replace(indicators[2], name="-1+1"),
        *indicators[3:],
    )
    first = replace(
        first,
        name="=SUM(A1)",
        responsible="=1+1",
        targets=replace(first.targets, indicators=renamed, annual_goal="＝HYPERLINK(1)"),
    )
    second = replace(second, name="#N/A", targets=TargetSet(second.uid, "\x01=A1", ""))
    return replace(data, projects=(first, second, *data.projects[2:]))


def test_workbook_keeps_hostile_text_as_text() -> None:
    data = hostile_year()
    content = write_workbook(families_for(data))
    archive = zipfile.ZipFile(io.BytesIO(content))
    for name in archive.namelist():
        if name.startswith("xl/worksheets/sheet"):
            assert b"<f>" not in archive.read(name), name
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    found: dict[str, int] = {}
    wanted = {"=SUM(A1)", "+cmd|' /C calc'!A0", "@x", "-1+1", "=1+1", "＝HYPERLINK(1)", "#N/A"}
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                assert cell.data_type != "e", cell.coordinate
                if cell.value in wanted:
                    assert cell.data_type == "s"
                    assert cell.quotePrefix is formula_like(cell.value)
                    found[cell.value] = found.get(cell.value, 0) + 1
                if cell.value == "=A1":  # the control character was dropped, the rest kept
                    found["=A1"] = 1
    assert set(found) == wanted | {"=A1"}
    assert found["=SUM(A1)"] >= 5  # targets, 4 monitoring points, evaluation, summary
