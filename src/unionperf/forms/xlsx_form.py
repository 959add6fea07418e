"""Forms laid out on a worksheet: stacked, each on a new printed page, then the page setup.

Each form has its own title, the lines above the table, its blocks, notes and the sign-off
block. Merged cells follow the block spans exactly; numbers are numbers with number formats;
text is always text (:mod:`unionperf.forms.safe`).

Money is ``Decimal`` in the domain, but an xlsx cell holds an IEEE double: amounts and scores are
rounded to the fen and converted to ``float`` only here, at the openpyxl boundary. A two-decimal
amount below 2**53 fen becomes the double nearest to it, whose shortest repr is that amount, so
``Decimal(repr(cell.value))`` reads back exactly to the fen.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.pagebreak import Break

from unionperf.domain.money import round2
from unionperf.forms.grid import Placed, place_cells
from unionperf.forms.model import Block, Form, Kind, Orientation
from unionperf.forms.safe import formula_like, safe_text
from unionperf.forms.xlsx_sheet import MAX_HEIGHT, MIN_HEIGHT, Sheet, StyleCache, text_height
from unionperf.forms.xlsx_style import (
    BOLD,
    PLAIN,
    SMALL,
    TITLE,
    border_only,
    style_cell,
    style_line,
)

__all__ = ["write_forms"]

_TOTAL_WIDTH = {Orientation.PORTRAIT: 100.0, Orientation.LANDSCAPE: 150.0}
"""Sum of the column widths (Excel character units); the page is then fitted to its width."""
_BLANK = "__________"


def write_forms(ws: Any, forms: Sequence[Form], styles: StyleCache, title: str) -> None:
    """Write ``forms`` stacked on worksheet ``ws``, or a note under ``title`` when there are none.

    ``styles`` is the workbook's style cache (:meth:`Sheet.put`), shared by its sheets.
    """
    grid = _grid([block for form in forms for block in form.blocks])
    landscape = any(form.orientation is Orientation.LANDSCAPE for form in forms)
    total = _TOTAL_WIDTH[Orientation.LANDSCAPE if landscape else Orientation.PORTRAIT]
    widths = [round((b - a) * total, 2) for a, b in itertools.pairwise(grid)]
    sheet = Sheet(ws, grid, widths, styles)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    if not forms:  # e.g. no project files targets this year
        _line(sheet, title, TITLE, height=30)
        _line(sheet, "本年度没有需要填报的此类表格。", PLAIN)
    top = 0
    for number, form in enumerate(forms):
        if number:
            ws.row_breaks.append(Break(id=sheet.row - 1))
        first = _write_form(sheet, form)
        top = top or first
    for row, height in sheet.heights.items():
        ws.row_dimensions[row] = RowDimension(ws, index=row, ht=min(height, MAX_HEIGHT))
    _page_setup(ws, forms, landscape=landscape, top=top if len(forms) == 1 else 0)


def _grid(blocks: Sequence[Block]) -> list[float]:
    """Column boundaries (0…1) shared by all blocks: the union of each block's boundaries."""
    bounds = {0.0, 1.0}
    for block in blocks:
        bounds.update(_bounds(block))
    return sorted(bounds)


def _bounds(block: Block) -> list[float]:
    """A block's column boundaries (0…1), rounded so that equal boundaries of blocks match."""
    total = sum(block.columns) or 1.0
    return [round(sum(block.columns[:k]) / total, 6) for k in range(len(block.columns) + 1)]


def _write_form(sheet: Sheet, form: Form) -> int:
    """Write one form; returns the last row to repeat when printing (title, meta, header)."""
    _line(sheet, form.title, TITLE, height=30)
    if form.subtitle:
        _line(sheet, form.subtitle, PLAIN)
    if form.meta:
        _meta(sheet, form.meta)
    top = sheet.row - 1
    for number, block in enumerate(form.blocks):
        if block.caption:
            _line(sheet, block.caption, BOLD, align="left")
        if number == 0 and block.header:
            top = sheet.row - 1 + len(block.header)
        _write_block(sheet, block)
    for note in form.notes:
        _line(sheet, note, SMALL, align="left", height=text_height(note, sum(sheet.widths)))
    _signoff(sheet, form)
    return top


def _line(
    sheet: Sheet, value: str, font: str, *, align: str = "center", height: float = MIN_HEIGHT
) -> None:
    """A line merged across the table: title, subtitle, caption, note or sign-off."""
    _text(sheet, (1, sheet.span), value, font, align)
    sheet.heights[sheet.row] = height
    sheet.row += 1


def _text(sheet: Sheet, columns: tuple[int, int], value: str, font: str, align: str) -> None:
    """Text in the current row, merged over ``columns`` (first, last; 1-based)."""
    row, (first, last) = sheet.row, columns
    cell = sheet.put(row, first, ("line", font, align), lambda new: style_line(new, font, align))
    _put_text(cell, value)
    sheet.merge((row, first), (row, last))


def _meta(sheet: Sheet, meta: Sequence[tuple[str, str]]) -> None:
    """填报单位（盖章） on the left, the other lines (年度, 单位) on the right."""
    pairs = [f"{name}：{value}" for name, value in meta]
    split = (sheet.span * 3) // 5 if len(pairs) > 1 and sheet.span > 1 else sheet.span
    _text(sheet, (1, max(split, 1)), pairs[0], PLAIN, "left")
    if split < sheet.span:
        _text(sheet, (split + 1, sheet.span), "　　".join(pairs[1:]), PLAIN, "right")
    sheet.heights[sheet.row] = MIN_HEIGHT + 2
    sheet.row += 1


def _write_block(sheet: Sheet, block: Block) -> None:
    """A table block's cells from the current row on; rows as tall as their text needs."""
    position = {value: index for index, value in enumerate(sheet.grid)}
    columns = [position[bound] for bound in _bounds(block)]  # block column → sheet column - 1
    count = len(block.header) + len(block.rows)
    heights = [MIN_HEIGHT] * count
    spanned: list[tuple[Placed, float]] = []
    for item in place_cells(block):
        first, last = columns[item.col] + 1, columns[item.col + item.colspan]
        _write_cell(sheet, item, (first, last))
        need = sheet.text_height(item.cell.text, first, last)
        if item.rowspan == 1:
            heights[item.row] = max(heights[item.row], need)
        else:
            spanned.append((item, need))
    for item, need in spanned:  # a tall merged cell grows its last row
        rows = range(item.row, item.row + item.rowspan)
        heights[rows[-1]] += max(0.0, need - sum(heights[r] for r in rows))
    for offset, height in enumerate(heights):
        sheet.heights[sheet.row + offset] = height
    sheet.row += count


def _write_cell(sheet: Sheet, item: Placed, columns: tuple[int, int]) -> None:
    """One placed cell: styled, its value, and merged (edges bordered) over its span."""
    row, (first, last) = sheet.row + item.row, columns
    cell = item.cell
    key = ("cell", cell.kind, cell.bold, cell.light, cell.align, item.header)
    target = sheet.put(row, first, key, lambda new: style_cell(new, cell, header=item.header))
    if isinstance(cell.value, str):
        _put_text(target, cell.value)
    elif cell.value is not None:
        target.value = _number(cell.value, cell.kind)
    last_row = row + item.rowspan - 1
    if last_row > row or last > first:
        _border_edges(sheet, (row, first), (last_row, last))
        sheet.merge((row, first), (last_row, last))


def _border_edges(sheet: Sheet, first: tuple[int, int], last: tuple[int, int]) -> None:
    """Border the cells on the edges of a merged range, except its top-left (the cell itself).

    Excel and WPS draw a merged cell's outline from the cells along its edges, so each of them
    needs the border (openpyxl's reader hides this: it re-derives those borders from the
    top-left cell). Cells inside the range (neither on its first or last row nor on its first or
    last column) are never drawn and are not written at all.
    """
    (top, left), (bottom, right) = first, last
    every, sides = range(left, right + 1), (left, right) if right > left else (left,)
    for r in range(top, bottom + 1):
        for c in every if r in (top, bottom) else sides:
            if (r, c) != first:
                sheet.put(r, c, ("border",), border_only)


def _put_text(cell: Any, value: str) -> None:
    """:func:`unionperf.forms.safe.write_text`, without openpyxl validating the text again.

    ``Cell.value`` would check the text for characters XML cannot hold and cut it to Excel's
    limit, which :func:`safe_text` has just done, then guess a type that is overridden anyway:
    the text is stored as a string cell and formula-like text gets the quote prefix, exactly as
    ``write_text`` does.
    """
    text = safe_text(value)
    cell._value = text
    cell.data_type = "s"
    if formula_like(text):
        cell.quotePrefix = True


def _number(value: Decimal, kind: Kind) -> float:
    """Decimal → float at the openpyxl boundary; money and scores rounded to the fen first."""
    return float(round2(value) if kind in (Kind.MONEY, Kind.SCORE) else value)


def _signoff(sheet: Sheet, form: Form) -> None:
    """The roles with name and date lines (filled in when signed), then the seal space."""
    sheet.heights[sheet.row] = 8
    sheet.row += 1
    signed = {role: f"{name}　日期：{on}" for role, name, on in form.signed}
    texts = [f"{role}：{signed.get(role, f'{_BLANK}　日期：{_BLANK}')}" for role in form.signoff]
    if texts and sheet.span >= len(texts):
        bounds = [round(k * sheet.span / len(texts)) for k in range(len(texts) + 1)]
        for value, first, last in zip(texts, bounds, bounds[1:], strict=False):
            _text(sheet, (first + 1, last), value, PLAIN, "left")
        sheet.heights[sheet.row] = 30
        sheet.row += 1
    else:
        for value in texts:
            _line(sheet, value, PLAIN, align="left", height=24)
    _line(sheet, "单位（盖章）：", PLAIN, align="right", height=60)
    if form.qr:
        _line(sheet, f"校验信息：{form.qr}", SMALL, align="left", height=30)


def _page_setup(ws: Any, forms: Sequence[Form], *, landscape: bool, top: int) -> None:
    """A4, fitted to one page wide, unit and year in the header, page numbers in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    if forms:
        ws.oddHeader.left.text = forms[0].unit_name.replace("&", "&&")
        ws.oddHeader.right.text = f"{forms[0].year}年度"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    if top:
        ws.print_title_rows = f"1:{top}"
        ws.freeze_panes = f"A{top + 1}"
