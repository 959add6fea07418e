"""新增重大项目事前绩效评估表: filed with the targets for each project that needs or holds one."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal

import openpyxl
import pytest

from unionperf.demo.data import demo_year
from unionperf.domain.year import Stage, StageKind, YearData
from unionperf.forms.builders import assessment_family, families_for
from unionperf.forms.names import family_file_name
from unionperf.forms.xlsx import write_workbook

from .pdfread import needs_poppler, raw_flat, write

TARGETS = Stage(StageKind.TARGETS)


@pytest.fixture(scope="module")
def year() -> YearData:
    return demo_year(2024)


def _cells(family) -> list[str]:
    return [
        str(cell.value if cell.value is not None else cell.text)
        for form in family.forms
        for block in form.blocks
        for row in block.rows
        for cell in row
    ]


def test_the_targets_stage_files_the_assessment_of_the_demo_major_project(year):
    keys = [family.key for family in families_for(year, TARGETS)]
    assert keys == ["budget", "project-targets", "unit-targets", "assessments"]
    (form,) = assessment_family(year).forms
    assert form.key == "assessment-p2024-02"
    cells = _cells(assessment_family(year))
    assert "□ 通过　　■ 调整后通过　　□ 不予通过" in cells
    assert "2023-11-20" in cells
    assert family_file_name(2024, assessment_family(year)) == "2024年新增重大项目事前绩效评估表.pdf"


def test_without_a_threshold_or_a_record_no_assessment_form_is_filed(year):
    plain = replace(year, settings=replace(year.settings, assessment_threshold=Decimal(0)))
    plain = replace(plain, assessments=())
    assert "assessments" not in [family.key for family in families_for(plain, TARGETS)]


def test_a_project_that_needs_one_and_has_none_is_printed_blank_with_a_note(year):
    lower = replace(year.settings, assessment_threshold=Decimal(150000))
    data = replace(year, settings=lower)
    forms = assessment_family(data).forms
    assert [form.key for form in forms] == ["assessment-p2024-02", "assessment-p2024-06"]
    assert forms[1].notes[0] == "本项目尚未填写事前绩效评估。"
    assert not forms[0].notes[0].startswith("本项目尚未")


@needs_poppler
def test_the_pdf_shows_the_items_and_the_conclusion(year, tmp_path):
    flat = raw_flat(write(tmp_path, assessment_family(year)))
    assert "新增重大项目事前绩效评估表" in flat
    assert "2024年节日慰问及会员集体福利" in flat
    assert "■调整后通过" in flat
    assert "评估后按每人每年不超过900元调整" in flat


def test_the_workbook_holds_one_sheet_with_the_texts(year):
    book = openpyxl.load_workbook(io.BytesIO(write_workbook([assessment_family(year)])))
    (sheet,) = book.worksheets
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value]
    assert "新增重大项目事前绩效评估表" in values
    assert any("两家供应商报价单" in str(value) for value in values)
