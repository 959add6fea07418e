"""Multi-year projects on the forms: period, earlier totals, the years side by side, 清理退出."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal as D

import openpyxl
import pytest

from unionperf.demo.data import demo_years
from unionperf.domain.multi_year import history_for, year_slices
from unionperf.domain.year import YearData
from unionperf.forms.builders import evaluation_family, project_target_family
from unionperf.forms.model import Block, Form
from unionperf.forms.xlsx import write_workbook

from .grid import layout, texts
from .pdfread import raw_flat, write

HOME = "p2023-03"  # 职工之家设备购置及改造（2023—2025年）, second year in 2024
REASON = "第二期使用人次未达目标，申请清理退出"


@pytest.fixture(scope="module")
def year() -> YearData:
    """The demo 2024 with its 2023 slice, as the workspace loads it."""
    y2023, y2024 = demo_years()
    return replace(y2024, project_history=history_for(y2024, year_slices(y2023)))


def _form(forms: tuple[Form, ...], key: str) -> Form:
    return next(form for form in forms if form.key == key)


def _block(form: Form, caption: str) -> Block | None:
    return next((block for block in form.blocks if block.caption == caption), None)


def test_the_target_form_prints_the_year_of_the_period_and_the_earlier_totals(year):
    form = _form(project_target_family(year).forms, f"targets-{HOME}")
    basic = texts(form.blocks[0])
    assert "2023年3月—2025年12月（第2年／共3年）" in basic
    funds = form.blocks[1]
    layout(funds)
    row = next(row for row in funds.rows if row[0].text == "以前年度累计预算数")
    assert (row[1].value, row[3].value) == (D("12.00"), D("11.85"))
    assert funds.rows[0][0].rowspan == len(funds.rows)


def test_a_one_year_project_keeps_its_forms_as_they_were(year):
    form = _form(project_target_family(year).forms, "targets-p2024-01")
    assert "以前年度累计预算数" not in texts(form.blocks[1])
    assert "（第" not in "".join(texts(form.blocks[0]))
    evaluation = _form(evaluation_family(year).forms, "evaluation-p2024-01")
    assert _block(evaluation, "全周期情况") is None


def test_the_self_evaluation_form_sets_the_years_side_by_side(year):
    form = _form(evaluation_family(year).forms, f"evaluation-{HOME}")
    block = _block(form, "全周期情况")
    assert block is not None
    layout(block)
    years = [row for row in block.rows if row[0].text.startswith("20")]
    assert [row[0].text for row in years] == ["2023年", "2024年（本年）"]
    assert [row[3].value for row in years] == [D("12.00"), D("27.00")]
    assert [row[4].value for row in years] == [D("11.85"), D("26.47")]
    assert [row[7].text for row in years] == ["优", "优"]
    assert "项目期：2023—2025年，第2年／共3年" in texts(block)
    assert not any("清理退出" in text for text in texts(block))


def test_a_clear_out_is_printed_with_its_reason_in_pdf_and_xlsx(year, tmp_path):
    home = year.project(HOME)
    flagged = replace(home, clear_out=True, clear_out_reason=REASON)
    data = replace(year, projects=tuple(flagged if p.uid == HOME else p for p in year.projects))
    family = evaluation_family(data)
    block = _block(_form(family.forms, f"evaluation-{HOME}"), "全周期情况")
    assert block is not None
    layout(block)
    assert f"是。原因：{REASON}" in texts(block)
    printed = raw_flat(write(tmp_path, family))
    assert "全周期情况" in printed
    assert f"是。原因：{REASON}" in printed
    book = openpyxl.load_workbook(io.BytesIO(write_workbook([family])))
    cells = [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert f"是。原因：{REASON}" in cells
