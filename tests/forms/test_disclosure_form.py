"""预算绩效信息公开表: one page for the demo, nobody named, a large unit's further pages say so."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal

import openpyxl
import pytest

from unionperf.demo.data import demo_large_year, demo_year
from unionperf.domain.results import score_year
from unionperf.domain.year import YearData
from unionperf.forms.builders.disclosure import CONTINUED, disclosure_family
from unionperf.forms.xlsx import write_workbook

from .grid import layout, texts
from .pdfread import flat, needs_poppler, pages, raw_flat, text, write

D = Decimal

PEOPLE = ("张敏", "周丽华", "陈建国", "王秀英")
"""Names in the demo: a responsible person, the accountant, the chair, the audit chair."""


@pytest.fixture(scope="module")
def year() -> YearData:
    return demo_year(2024)


@pytest.fixture(scope="module")
def form(year):
    (only,) = disclosure_family(year).forms
    return only


def _all_texts(form) -> list[str]:
    found = [form.title, form.subtitle, *(f"{a}{b}" for a, b in form.meta), *form.notes]
    for block in form.blocks:
        found += [block.caption, *texts(block)]
    return found


def test_the_sheet_names_the_unit_and_its_public_code_and_nobody_else(year, form):
    assert form.title == "2024年度预算绩效信息公开表"
    assert ("统一社会信用代码", year.unit.credit_code) in form.meta
    printed = "".join(_all_texts(form))
    for private in (*PEOPLE, year.unit.contact_phone, year.unit.address, "021-5888"):
        assert private not in printed
    assert form.signoff == ()
    assert form.signed == ()


def test_budget_by_category_with_execution(form):
    budget = form.blocks[0]
    assert budget.caption == "一、预算收支及执行情况"
    cells = {spot.cell.text: spot for spot in layout(budget)}
    row = cells["上级补助收入"].row
    same_row = [spot.cell.text for spot in layout(budget) if spot.row == row]
    assert same_row == [
        "上级补助收入",
        "5.00",
        "5.00",
        "100.00%",
        "业务支出",
        "9.00",
        "7.98",
        "88.67%",
    ]
    totals = [spot.cell.text for spot in layout(budget) if spot.row == cells["收入合计"].row]
    assert totals == [
        "收入合计",
        "153.40",
        "154.56",
        "100.76%",
        "支出合计",
        "150.00",
        "143.00",
        "95.33%",
    ]


def test_each_project_with_its_goal_score_and_grade(year, form):
    projects = form.blocks[1]
    scores = score_year(year)
    rows: dict[int, list[str]] = {}
    for spot in layout(projects):
        rows.setdefault(spot.row, []).append(spot.cell.text)
    body = [cells for row, cells in sorted(rows.items()) if row > 0]
    assert len(body) == len(year.projects) + 1  # every project files, then the unit
    first = body[0]
    assert first[:2] == ["1", "职工文体活动经费"]
    assert first[2] == year.projects[0].targets.annual_goal
    assert first[3:] == ["93.00%", "91.55", "优"]
    assert body[-1][1] == "单位整体"
    assert body[-1][4] == f"{scores.unit.total:.2f}"


def test_next_years_changes_come_from_the_self_evaluation(form):
    changes = form.blocks[2]
    assert changes.caption == "三、下一年度改进措施"
    cells = texts(changes)
    assert any(cell.startswith("下年度年初即与园区体育馆签订场地协议") for cell in cells)
    assert "2025年每批预留2名候补人选，名单公示时同步确定候补顺序。" in cells


def test_a_name_written_into_a_goal_is_masked_and_the_sheet_says_so(year):
    project = year.projects[0]
    goal = project.targets.annual_goal + "由张敏（电话13812345678）负责组织。"
    changed = replace(project, targets=replace(project.targets, annual_goal=goal))
    data = replace(year, projects=(changed, *year.projects[1:]))
    (form,) = disclosure_family(data).forms
    printed = "".join(_all_texts(form))
    assert "张敏" not in printed
    assert "13812345678" not in printed
    assert "由××（电话××）负责组织。" in printed
    assert any("已隐去（2处" in note for note in form.notes)


@needs_poppler
def test_the_demo_sheet_fits_one_a4_page(tmp_path, year):
    path = write(tmp_path, disclosure_family(year))
    assert pages(path) == 1
    flat_text = raw_flat(path)
    for expected in (
        "2024年度预算绩效信息公开表",
        "81310115MC2K7Q8P1A",
        "职工文体活动经费",
        "91.55",
    ):
        assert expected in flat_text
    assert CONTINUED not in flat(text(path))
    for name in PEOPLE:
        assert name not in flat_text


@needs_poppler
def test_a_large_unit_runs_over_and_every_further_page_says_it_continues(tmp_path):
    large = demo_large_year(projects=60, indicators=3, points=1)
    path = write(tmp_path, disclosure_family(large))
    count = pages(path)
    assert count >= 2
    assert flat(CONTINUED) not in flat(text(path, first=1, last=1))
    for page in range(2, count + 1):
        assert flat(CONTINUED) in flat(text(path, first=page, last=page)), page


def test_the_workbook_holds_the_same_sheet(year):
    content = write_workbook([disclosure_family(year)], sheet_per_form=True)
    book = openpyxl.load_workbook(io.BytesIO(content))
    (sheet,) = book.worksheets
    assert sheet.title == "绩效信息公开"
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert "2024年度预算绩效信息公开表" in values
    assert "职工文体活动经费" in values
    assert pytest.approx(91.55) in values
    assert not any(isinstance(value, str) and name in value for value in values for name in PEOPLE)
