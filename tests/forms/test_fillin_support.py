"""Editing an exported fill-in workbook the way a user would, with openpyxl (no tests here)."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from unionperf.demo.data import HOME_UID
from unionperf.domain.budget import Project
from unionperf.domain.year import YearData
from unionperf.forms.fillin import ImportResult, read_template

HEADER_ROWS = {"预算": 4}


class Book:
    """An exported fill-in workbook opened for editing; cells are found by header and key."""

    def __init__(self, blob: bytes) -> None:
        self.workbook = openpyxl.load_workbook(BytesIO(blob))

    def sheet(self, name: str) -> Any:
        return self.workbook[name]

    def column(self, sheet: str, header: str) -> int:
        row = HEADER_ROWS.get(sheet, 1)
        for cell in self.sheet(sheet)[row]:
            if cell.value == header:
                return int(cell.column)
        raise KeyError(f"{sheet}: no column {header}")

    def row(self, sheet: str, header: str, value: Any, *, after: int = 0) -> int:
        """The first row (below ``after``) whose ``header`` cell holds ``value``."""
        column = self.column(sheet, header)
        start = max(HEADER_ROWS.get(sheet, 1), after) + 1
        for number in range(start, self.sheet(sheet).max_row + 1):
            if self.sheet(sheet).cell(number, column).value == value:
                return number
        raise KeyError(f"{sheet}: no row with {header} = {value!r}")

    def monitoring_row(self, cutoff: str, uid: str) -> int:
        """The 监控 row of an indicator at a cut-off."""
        sheet = self.sheet("监控")
        point, indicator = self.column("监控", "监控时点"), self.column("监控", "指标编号")
        for number in range(2, sheet.max_row + 1):
            if (
                sheet.cell(number, point).value == cutoff
                and sheet.cell(number, indicator).value == uid
            ):
                return number
        raise KeyError((cutoff, uid))

    def get(self, sheet: str, row: int, header: str) -> Any:
        return self.sheet(sheet).cell(row, self.column(sheet, header)).value

    def set(self, sheet: str, row: int, header: str, value: Any) -> str:
        """Write a value (text stays text, as a user typing into a text cell); returns e.g. H12."""
        cell = self.sheet(sheet).cell(row, self.column(sheet, header))
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
        return self.ref(sheet, row, header)

    def ref(self, sheet: str, row: int, header: str) -> str:
        return f"{get_column_letter(self.column(sheet, header))}{row}"

    def append(self, sheet: str, values: dict[str, Any]) -> int:
        """Add a row below the data; returns its number."""
        number = self.sheet(sheet).max_row + 1
        for header, value in values.items():
            self.set(sheet, number, header, value)
        return number

    def delete_row(self, sheet: str, row: int) -> None:
        self.sheet(sheet).delete_rows(row)

    def save(self) -> bytes:
        buffer = BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()


def new_indicator_row(owner_name: str, name: str = "新增：职工书屋借阅人次") -> dict[str, Any]:
    """A new indicator typed by the user at the bottom of 指标 (no uid, owner by name)."""
    return {
        "项目名称": owner_name,
        "一级指标": "产出指标",
        "二级指标": "数量指标",
        "三级指标": name,
        "指标性质": "≥",
        "指标值": 300,
        "计量单位": "人次",
    }


def read_book(book: Book, current: YearData) -> ImportResult:
    """The edited workbook read back against the year it was exported from."""
    return read_template(book.save(), current)


def project_of(data: YearData | None, uid: str) -> Project:
    """The project ``uid`` of a year that must be there."""
    assert data is not None
    found = data.project(uid)
    assert found is not None
    return found


def with_project(data: YearData, project: Project) -> YearData:
    """``data`` with ``project`` in place of the project of the same uid."""
    return replace(
        data, projects=tuple(project if p.uid == project.uid else p for p in data.projects)
    )


def one_year_project(data: YearData) -> Project:
    """A project of the demo year that is not multi-year (not the home project)."""
    return next(p for p in data.projects if not p.multi_year and p.uid != HOME_UID)
