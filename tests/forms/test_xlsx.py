"""The workbook writer: sheets, merges, formats, print settings and values from the score report."""

from __future__ import annotations

import hashlib
import io
import itertools
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from unionperf.demo.data import demo_large_year, demo_years
from unionperf.domain.money import yuan_to_wan
from unionperf.domain.results import score_year
from unionperf.domain.unit import UnitProfile
from unionperf.domain.year import Stage, StageKind, YearData
from unionperf.forms import xlsx
from unionperf.forms.builders import budget_family, families_for, project_target_family
from unionperf.forms.model import Block, Cell, Form, FormFamily, Kind, Orientation
from unionperf.forms.xlsx import FIXED_TIME, NUMBER_FORMATS, write_workbook
from unionperf.services.views.reports import score_report

from .grid import layout


@pytest.fixture(scope="module")
def year() -> YearData:
    return demo_years()[1]


@pytest.fixture(scope="module")
def families(year: YearData) -> list[FormFamily]:
    return families_for(year)


@pytest.fixture(scope="module")
def content(families: list[FormFamily]) -> bytes:
    return write_workbook(families)


@pytest.fixture(scope="module")
def workbook(content: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(content))


@pytest.fixture(scope="module")
def report(year: YearData) -> dict[str, Any]:
    return score_report(year, score_year(year))


def form_regions(sheet: Any, title: str) -> list[tuple[int, int]]:
    """(first, last) rows of each stacked form whose title is in column A."""
    starts = [row for row in range(1, sheet.max_row + 1) if sheet.cell(row, 1).value == title]
    ends = [start - 1 for start in starts[1:]] + [sheet.max_row]
    return list(zip(starts, ends, strict=True))


def row_of(sheet: Any, column: int, value: str, rows: tuple[int, int]) -> int:
    return next(r for r in range(rows[0], rows[1] + 1) if sheet.cell(r, column).value == value)


def values(sheet: Any, row: int) -> list[Any]:
    return [sheet.cell(row, column).value for column in range(1, sheet.max_column + 1)]


def exact(value: Any) -> Decimal:
    """A stored float read back as the decimal it was written from."""
    return Decimal(repr(value))


# --- sheets, determinism ---------------------------------------------------------------------


def test_one_sheet_per_family(workbook: Any, families: list[FormFamily]) -> None:
    assert workbook.sheetnames == [family.title for family in families]


def test_one_sheet_per_form(families: list[FormFamily]) -> None:
    loaded = openpyxl.load_workbook(io.BytesIO(write_workbook(families, sheet_per_form=True)))
    assert loaded.sheetnames == [form.sheet for family in families for form in family.forms]
    for sheet in loaded.worksheets:
        assert sheet.freeze_panes is not None
        assert sheet.print_title_rows is not None


def test_same_families_same_bytes(content: bytes, year: YearData, workbook: Any) -> None:
    assert write_workbook(families_for(year)) == content
    assert workbook.properties.created == FIXED_TIME
    assert workbook.properties.modified == FIXED_TIME


def test_sheets_written_early_are_what_openpyxl_saves(
    monkeypatch: pytest.MonkeyPatch, families: list[FormFamily], content: bytes
) -> None:
    """Each sheet is serialised as soon as it is complete (its cells then dropped) and merged
    ranges are written directly: the file is byte for byte openpyxl's own save of the workbook.
    """
    monkeypatch.setattr(xlsx, "serialise", lambda ws: None)  # keep every sheet for the save
    assert write_workbook(families) == content
    per_form = write_workbook(families, sheet_per_form=True)
    monkeypatch.undo()
    assert write_workbook(families, sheet_per_form=True) == per_form


def test_duplicate_and_invalid_family_titles_get_valid_unique_sheets() -> None:
    families = [FormFamily(key=str(n), title="监控表[1–7月]/汇总:*?" * 3) for n in range(3)]
    names = openpyxl.load_workbook(io.BytesIO(write_workbook(families))).sheetnames
    assert len(set(names)) == 3
    assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in names)
    assert openpyxl.load_workbook(io.BytesIO(write_workbook([]))).sheetnames == ["空"]


# --- layout: merges, page breaks, print settings ---------------------------------------------


def expected_merges(forms: tuple[Form, ...]) -> set[str]:
    """Every merged range of a sheet, following the writer's row order and the block spans."""
    span = len(forms[0].blocks[0].columns)
    last = get_column_letter(span)
    merges: set[str] = set()
    row = 1

    def line(first: int = 1, end: int = span) -> None:
        if end > first:
            merges.add(f"{get_column_letter(first)}{row}:{get_column_letter(end)}{row}")

    for form in forms:
        assert all(len(block.columns) == span for block in form.blocks)
        for _ in (form.title, form.subtitle):
            merges.add(f"A{row}:{last}{row}")
            row += 1
        split = (span * 3) // 5
        line(1, split)
        line(split + 1, span)
        row += 1
        for block in form.blocks:
            if block.caption:
                line()
                row += 1
            for spot in layout(block):
                cell = spot.cell
                if cell.rowspan > 1 or cell.colspan > 1:
                    first = f"{get_column_letter(spot.col + 1)}{row + spot.row}"
                    end = f"{get_column_letter(spot.col + cell.colspan)}"
                    merges.add(f"{first}:{end}{row + spot.row + cell.rowspan - 1}")
            row += len(block.header) + len(block.rows)
        for _ in form.notes:
            line()
            row += 1
        row += 1  # space before the sign-off
        bounds = [round(k * span / len(form.signoff)) for k in range(len(form.signoff) + 1)]
        for first, end in itertools.pairwise(bounds):
            line(first + 1, end)
        row += 1
        line()  # the seal line
        row += 1
    return merges


def test_merged_cells_follow_block_spans(workbook: Any, families: list[FormFamily]) -> None:
    for family in families:
        sheet = workbook[family.title]
        merged = {str(item) for item in sheet.merged_cells.ranges}
        assert merged == expected_merges(family.forms), family.title


def test_level_one_cell_spans_its_indicators_and_subtotal(workbook: Any) -> None:
    sheet = workbook["项目支出绩效自评表"]
    first = form_regions(sheet, "项目支出绩效自评表")[0]
    top = row_of(sheet, 1, "产出指标", first)
    assert f"A{top}:A{top + 5}" in {str(item) for item in sheet.merged_cells.ranges}
    assert sheet.cell(top + 5, 2).value == "产出指标小计"


def merged_form() -> FormFamily:
    """One form whose table has a merged header (across and down) and a 3 × 3 merged body cell."""
    header = (
        (Cell("指标", Kind.LABEL, colspan=3), Cell("分值", Kind.LABEL, rowspan=2)),
        (Cell("一级", Kind.LABEL), Cell("二级", Kind.LABEL), Cell("三级", Kind.LABEL)),
    )
    rows = (
        (Cell("合并的说明", colspan=3, rowspan=3), Cell(Decimal("1"), Kind.SCORE)),
        (Cell(Decimal("2"), Kind.SCORE),),
        (Cell(Decimal("3"), Kind.SCORE),),
    )
    block = Block(columns=(1.0, 1.0, 1.0, 1.0), header=header, rows=rows)
    form = Form(
        key="merged",
        title="合并单元格",
        sheet="合并",
        unit_name="测试工会",
        year=2024,
        blocks=(block,),
    )
    return FormFamily(key="merged", title="合并", forms=(form,))


def test_merged_cells_keep_their_borders_on_the_edges() -> None:
    """Excel and WPS draw a merged cell's outline from the cells along the range's edges.

    openpyxl's normal reader re-derives those borders from the top-left cell, so the cells are
    read as stored in the file (read-only mode): every cell on the edge of a merged range is
    there with the thin border on all sides, as the cells of the table around it; a cell inside
    a range (never drawn) is not written at all.
    """
    content = write_workbook([merged_form()])
    sheet = openpyxl.load_workbook(io.BytesIO(content))["合并"]
    top = row_of(sheet, 1, "指标", (1, sheet.max_row))
    merged = {str(item) for item in sheet.merged_cells.ranges}
    assert {f"A{top}:C{top}", f"D{top}:D{top + 1}", f"A{top + 2}:C{top + 4}"} <= merged
    stored = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    cells = {
        (r, c): cell
        for r, row in enumerate(
            stored["合并"].iter_rows(min_row=top, max_row=top + 4, max_col=4), top
        )
        for c, cell in enumerate(row, 1)
    }
    stored.close()
    inside = (top + 3, 2)
    for (r, c), cell in cells.items():
        if (r, c) == inside:
            assert cell.border is None, "a cell inside a merged range is not written"
            continue
        assert cell.border is not None, f"{(r, c)} on the edge of a merge is not written"
        sides = (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom)
        assert all(side.style == "thin" for side in sides), (r, c)
    assert cells[top, 1].value == "指标"
    assert cells[top + 2, 1].value == "合并的说明"
    assert all(cells[top, c].value is None for c in (2, 3))  # covered: border only


def test_forms_start_on_new_pages(workbook: Any, families: list[FormFamily]) -> None:
    for family in families:
        sheet = workbook[family.title]
        starts = [first for first, _ in form_regions(sheet, family.forms[0].title)]
        if family.key.startswith(("monitoring", "self-evaluation")):
            titles = {form.title for form in family.forms}
            starts = sorted(first for title in titles for first, _ in form_regions(sheet, title))
        assert len(starts) == len(family.forms)
        assert [item.id for item in sheet.row_breaks.brk] == [row - 1 for row in starts[1:]]


def test_print_settings(workbook: Any, families: list[FormFamily]) -> None:
    for family in families:
        sheet = workbook[family.title]
        landscape = any(f.orientation is Orientation.LANDSCAPE for f in family.forms)
        setup = sheet.page_setup
        assert int(setup.paperSize) == 9
        assert setup.orientation == ("landscape" if landscape else "portrait")
        assert int(setup.fitToWidth) == 1
        assert int(setup.fitToHeight) == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert "&P" in sheet.oddFooter.center.text
        assert all(sheet.column_dimensions[get_column_letter(c)].width > 0 for c in (1, 2))
        if len(family.forms) == 1:
            assert sheet.print_title_rows is not None
            assert sheet.freeze_panes is not None
        else:
            assert sheet.freeze_panes is None
    budget = workbook["工会经费收支预算表"]
    assert budget.print_title_rows == "$1:$4"  # title, subtitle, meta, table header
    assert budget.freeze_panes == "A5"
    assert values(budget, 4)[:3] == ["科目编码", "科目名称", "上年决算数"]


def test_title_and_header_style(workbook: Any) -> None:
    sheet = workbook["项目支出绩效自评表"]
    title = sheet["A1"]
    assert title.value == "项目支出绩效自评表"
    assert title.font.b
    assert title.font.sz == 16
    assert title.font.name == "宋体"
    header = row_of(sheet, 1, "一级指标", form_regions(sheet, "项目支出绩效自评表")[0])
    assert values(sheet, header) == [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值（A）",
        "实际完成值（B）",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    cell = sheet.cell(header, 1)
    assert cell.font.b
    assert cell.fill.fgColor.rgb.endswith("D9E1F2")
    assert cell.border.left.style == "thin"
    assert cell.alignment.wrap_text


def test_traffic_light_fills(workbook: Any) -> None:
    sheet = workbook["项目支出绩效目标执行监控表（1–7月）"]
    colours = {"绿": "C6EFCE", "黄": "FFEB9C", "红": "FFC7CE", "蓝": "BDD7EE"}
    seen = set()
    for row in sheet.iter_rows(min_col=7, max_col=7):
        cell = row[0]
        if cell.value in colours:
            assert cell.fill.fgColor.rgb.endswith(colours[cell.value])
            seen.add(cell.value)
    assert {"绿", "黄"} <= seen


# --- numbers and values against the score report ---------------------------------------------


def numeric_cells(sheet: Any) -> Iterator[Any]:
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, int | float):
                yield cell


def test_numbers_are_numbers_with_formats(workbook: Any) -> None:
    formats = set(NUMBER_FORMATS.values())
    count = 0
    for sheet in workbook.worksheets:
        for cell in numeric_cells(sheet):
            assert cell.number_format in formats, (sheet.title, cell.coordinate)
            if cell.number_format in ("#,##0.00", "0.00"):
                assert exact(cell.value) == exact(cell.value).quantize(Decimal("0.01"))
            count += 1
    assert count > 500
    assert NUMBER_FORMATS[Kind.MONEY] == "#,##0.00"
    assert NUMBER_FORMATS[Kind.RATE] == "0.00%"


def test_summary_values_equal_score_report(workbook: Any, report: dict[str, Any]) -> None:
    sheet = workbook["绩效自评结果汇总表"]
    header = row_of(sheet, 1, "序号", (1, sheet.max_row))
    assert values(sheet, header) == [
        "序号",
        "项目名称",
        "支出科目",
        "全年预算数",
        "全年执行数",
        "执行率",
        "得分",
        "等级",
    ]
    for offset, project in enumerate(report["projects"], start=1):
        row = header + offset
        execution = project["execution"]
        assert sheet.cell(row, 2).value == project["name"]
        assert exact(sheet.cell(row, 4).value) == yuan_to_wan(Decimal(execution["budget"]))
        assert exact(sheet.cell(row, 5).value) == yuan_to_wan(Decimal(execution["executed"]))
        assert exact(sheet.cell(row, 6).value) == Decimal(execution["rate"])
        assert exact(sheet.cell(row, 7).value) == Decimal(project["total"])
        assert sheet.cell(row, 7).number_format == "0.00"
        assert sheet.cell(row, 6).number_format == "0.00%"
        assert sheet.cell(row, 4).number_format == "#,##0.00"
        assert sheet.cell(row, 8).value == project["grade"]
    unit = row_of(sheet, 1, "单位整体", (1, sheet.max_row))
    assert exact(sheet.cell(unit, 7).value) == Decimal(report["unit"]["total"])
    assert sheet.cell(unit, 8).value == report["unit"]["grade"]


def test_evaluation_values_equal_score_report(workbook: Any, report: dict[str, Any]) -> None:
    sheet = workbook["项目支出绩效自评表"]
    regions = form_regions(sheet, "项目支出绩效自评表")
    regions += form_regions(sheet, "部门（单位）整体支出绩效自评表")
    owners = [*report["projects"], report["unit"]]
    assert len(regions) == len(owners)
    for region, owner in zip(regions, owners, strict=True):
        total = row_of(sheet, 1, "总分", region)
        assert exact(sheet.cell(total, 7).value) == Decimal(owner["total"])
        assert sheet.cell(total, 8).value == f"等级：{owner['grade']}"
        funds = row_of(sheet, 1, "年度资金总额", region)
        execution = owner["execution"]
        assert exact(sheet.cell(funds, 4).value) == yuan_to_wan(Decimal(execution["budget"]))
        assert exact(sheet.cell(funds, 5).value) == yuan_to_wan(Decimal(execution["executed"]))
        assert exact(sheet.cell(funds, 7).value) == Decimal(execution["rate"])
        assert exact(sheet.cell(funds, 8).value) == Decimal(execution["score"])
        for level1, subtotal in owner["subtotals"].items():
            row = row_of(sheet, 2, f"{level1}小计", region)
            assert exact(sheet.cell(row, 7).value) == Decimal(subtotal)
        for indicator in owner["indicators"]:
            row = row_of(sheet, 3, indicator["name"], region)
            score = sheet.cell(row, 7).value
            expected = indicator["score"]
            assert (score is None) if expected is None else exact(score) == Decimal(expected)
            assert exact(sheet.cell(row, 6).value) == Decimal(indicator["points"])
            if not indicator["applicable"]:
                assert sheet.cell(row, 8).value.startswith("不适用：")


def test_worked_example_in_the_workbook(workbook: Any) -> None:
    sheet = workbook["项目支出绩效自评表"]
    region = form_regions(sheet, "项目支出绩效自评表")[0]
    assert sheet.cell(row_of(sheet, 1, "项目名称", region), 3).value == "2024年职工文体活动经费"
    total = row_of(sheet, 1, "总分", region)
    assert sheet.cell(total, 7).value == 91.55
    assert sheet.cell(total, 8).value == "等级：优"
    signoff = next(
        row
        for row in range(total, region[1] + 1)
        if sheet.cell(row, 1).value is not None
        and str(sheet.cell(row, 1).value).startswith("填报人")
    )
    assert values(sheet, signoff)[0] == "填报人：周丽华　日期：2025-02-24"
    assert sheet.cell(signoff + 1, 1).value == "单位（盖章）："


def test_stage_workbook_and_large_year() -> None:
    data = demo_large_year(projects=6, indicators=10, points=2)
    content = write_workbook(families_for(data, Stage(StageKind.SELF_EVALUATION)))
    loaded = openpyxl.load_workbook(io.BytesIO(content))
    assert loaded.sheetnames == ["项目支出绩效自评表", "绩效自评结果汇总表"]
    scores = score_year(data)
    sheet = loaded["绩效自评结果汇总表"]
    for item in scores.projects:
        row = row_of(sheet, 2, item.project.name, (1, sheet.max_row))
        assert exact(sheet.cell(row, 7).value) == item.score.total


def test_amounts_read_back_exact_to_the_fen(year: YearData) -> None:
    odd = Decimal("98765432.17")
    budget = (replace(year.budget[0], executed=odd, last_year_actual=Decimal("0.01")),)
    data = replace(year, budget=budget + year.budget[1:])
    content = write_workbook([budget_family(data)])
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    row = row_of(sheet, 1, budget[0].category_code, (1, sheet.max_row))
    assert exact(sheet.cell(row, 3).value) == Decimal("0.01")
    assert exact(sheet.cell(row, 7).value) == odd
    assert sheet.cell(row, 7).number_format == "#,##0.00"


def test_empty_year_writes_every_family() -> None:
    data = YearData(year=2025, unit=UnitProfile("测试工会", "123"))
    families = families_for(data)
    loaded = openpyxl.load_workbook(io.BytesIO(write_workbook(families)))
    assert loaded.sheetnames == [family.title for family in families]
    empty = loaded["项目支出绩效目标申报表"]
    assert empty["A1"].value == "项目支出绩效目标申报表"
    assert "没有" in empty["A2"].value


def test_long_text_rows_stay_within_excel_limits(year: YearData) -> None:
    project = replace(year.projects[0], name="很长的项目名称" * 2000)
    content = write_workbook([project_target_family(replace(year, projects=(project,)))])
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    heights = [sheet.row_dimensions[row].height or 0 for row in range(1, sheet.max_row + 1)]
    assert max(heights) == 409
    assert sheet.cell(row_of(sheet, 1, "项目名称", (1, sheet.max_row)), 2).value == project.name


def test_same_bytes_across_processes(content: bytes) -> None:
    script = (
        "import hashlib, sys\n"
        "from unionperf.demo.data import demo_years\n"
        "from unionperf.forms.builders import families_for\n"
        "from unionperf.forms.xlsx import write_workbook\n"
        "data = write_workbook(families_for(demo_years()[1]))\n"
        "sys.stdout.write(hashlib.sha256(data).hexdigest())\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert digests == {hashlib.sha256(content).hexdigest()}
