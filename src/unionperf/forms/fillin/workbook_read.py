"""Open a fill-in workbook as one :class:`Grid` per sheet, or refuse it before reading further.

In order: the zip container (:mod:`archive`: file size, members, declared sizes), the sheet
names and parts (:mod:`workbook_parts`), each part's declared size again with its sheet's name,
the shared strings and date styles, then the seven sheets streamed one by one
(:mod:`sheet_stream`). The first limit passed stops everything with one problem; cells that
cannot be used (formulas without a cached value, error values, numbers out of range, texts too
long) and merged ranges over input cells are listed each with its cell.
"""

from __future__ import annotations

from unionperf.forms.fillin import layout
from unionperf.forms.fillin.archive import check_part_sizes, open_archive
from unionperf.forms.fillin.cell_checks import check_merges, report_issues
from unionperf.forms.fillin.sheet import Grid, Problems
from unionperf.forms.fillin.sheet_stream import SheetData, read_sheet
from unionperf.forms.fillin.workbook_parts import Content, read_book, read_shared_and_styles
from unionperf.forms.fillin.xml_stream import Refused

READ_COLUMNS = {
    layout.GUIDE: (),
    layout.BUDGET: layout.BUDGET_COLUMNS,
    layout.PROJECTS: layout.PROJECT_COLUMNS,
    layout.INDICATORS: layout.INDICATOR_COLUMNS,
    layout.MONITORING: layout.MONITORING_COLUMNS,
    layout.FUNDS: layout.FUNDS_COLUMNS,
    layout.LISTS: layout.EXPORTED_COLUMNS,
}
"""The columns the import reads on each sheet (each must be in the header row)."""

HEADER_ROWS = {layout.BUDGET: layout.BUDGET_HEADER_ROW}


def read_grids(blob: bytes, problems: Problems) -> dict[str, Grid] | None:
    """Every sheet of the workbook as a grid; ``None`` (with the problems) when it is refused."""
    content = Content()
    try:
        archive = open_archive(blob)
        book = read_book(archive)
        check_part_sizes(archive, {path: name for name, path in book.sheets.items()})
        if not _check_names(list(book.sheets), problems):
            return None
        read_shared_and_styles(archive, book, content)
        sheets = {name: read_sheet(archive, name, book, content) for name in layout.REQUIRED_SHEETS}
    except Refused as refusal:
        problem = refusal.problem
        problems.add(problem.sheet, problem.cell, problem.message)
        return None
    return {name: _grid(name, data, problems) for name, data in sheets.items()}


def _grid(name: str, data: SheetData, problems: Problems) -> Grid:
    grid = Grid(name, data.rows, problems, HEADER_ROWS.get(name, 1))
    read = READ_COLUMNS[name]
    if read:
        grid.check_columns(read)
    report_issues(grid, data.issues)
    check_merges(grid, data.merges, read)
    return grid


def _check_names(names: list[str], problems: Problems) -> bool:
    """Exactly the seven sheets of the fill-in workbook; otherwise a problem for each."""
    before = len(problems)
    for name in names:
        if name not in layout.REQUIRED_SHEETS:
            known = "、".join(layout.DATA_SHEETS) + f"和隐藏的{layout.LISTS}"
            problems.add(name, "", f"未知的工作表“{name}”：填报表只能包含{known}，请删除该工作表")
    for name in layout.REQUIRED_SHEETS:
        if name not in names:
            message = f"缺少工作表“{name}”：请使用软件导出的填报表，不要删除或改名工作表"
            problems.add(name, "", message)
    return len(problems) == before
