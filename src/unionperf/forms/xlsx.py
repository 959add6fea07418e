"""The forms as an Excel workbook (openpyxl): one sheet per form family, its forms stacked.

Each form starts on a new printed page (a manual page break) with its own title, the lines above
the table, its blocks, notes and the sign-off block. Merged cells follow the block spans exactly;
numbers are numbers with number formats; text is always text (:mod:`unionperf.forms.safe`).

Money is ``Decimal`` in the domain, but an xlsx cell holds an IEEE double: amounts and scores are
rounded to the fen and converted to ``float`` only here, at the openpyxl boundary. A two-decimal
amount below 2**53 fen becomes the double nearest to it, whose shortest repr is that amount, so
``Decimal(repr(cell.value))`` reads back exactly to the fen.
"""

from __future__ import annotations

import io
import itertools
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell as XlCell
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.pagebreak import Break
from openpyxl.writer.excel import ExcelWriter
from openpyxl.xml.functions import Element, SubElement

from unionperf.domain.money import round2
from unionperf.forms.builders.common import SHEET_LIMIT, sheet_name
from unionperf.forms.grid import Placed, place_cells
from unionperf.forms.model import Block, Cell, Form, FormFamily, Kind, Light, Orientation
from unionperf.forms.safe import formula_like, safe_text

__all__ = ["FIXED_TIME", "NUMBER_FORMATS", "write_workbook"]

FIXED_TIME = datetime(2000, 1, 1)  # noqa: DTZ001 - a fixed stamp: same forms, same bytes
FONT_NAME = "宋体"
"""SimSun, on every Chinese Windows; WPS and LibreOffice substitute a CJK font elsewhere."""
NUMBER_FORMATS = {
    Kind.MONEY: "#,##0.00",
    Kind.RATE: "0.00%",
    Kind.SCORE: "0.00",
    Kind.NUMBER: "General",
}
_LIGHTS = {  # background, text colour: readable, and the cell also says 绿/黄/红/蓝
    Light.GREEN: ("C6EFCE", "006100"),
    Light.YELLOW: ("FFEB9C", "7F6000"),
    Light.RED: ("FFC7CE", "9C0006"),
    Light.BLUE: ("BDD7EE", "1F3864"),
}
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _font(size: float = 10, *, bold: bool = False, color: str | None = None) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, color=color, charset=134)  # GB2312


_PLAIN, _BOLD, _TITLE, _SMALL = "plain", "bold", "title", "small"
_FONTS = {_PLAIN: _font(), _BOLD: _font(bold=True), _TITLE: _font(16, bold=True), _SMALL: _font(9)}
_TOTAL_WIDTH = {Orientation.PORTRAIT: 100.0, Orientation.LANDSCAPE: 150.0}
"""Sum of the column widths (Excel character units); the page is then fitted to its width."""
_LINE_HEIGHT, _MIN_HEIGHT, _MAX_HEIGHT = 13.5, 18.0, 409.0
"""Points; Excel refuses rows taller than 409 points."""
_BLANK = "__________"


def write_workbook(families: Sequence[FormFamily], *, sheet_per_form: bool = False) -> bytes:
    """Write form families as one xlsx workbook.

    Args:
        families: The families, in order.
        sheet_per_form: One sheet per form (named by :attr:`Form.sheet`) instead of one sheet
            per family (named by its title) with the forms stacked.

    Returns:
        The workbook file; the same families always give the same bytes.
    """
    workbook = Workbook()
    workbook.remove(workbook.active)
    groups = (
        [(form.sheet, (form,)) for family in families for form in family.forms]
        if sheet_per_form
        else [(family.title, family.forms) for family in families]
    )
    titles = _unique_titles(title for title, _ in groups)
    styles: dict[tuple[object, ...], StyleArray] = {}
    written: dict[str, _Written] = {}
    for title, (name, forms) in zip(titles, groups, strict=True):
        ws = workbook.create_sheet(title)
        _write_sheet(ws, forms, styles, name)
        written[ws.title] = _serialise(ws)
    if not workbook.worksheets:
        workbook.create_sheet("空")
    workbook.properties.creator = "UnionPerf"
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    return _save(workbook, written)


def _unique_titles(names: Iterable[str]) -> list[str]:
    """Valid sheet titles (≤ 31 characters, no forbidden characters), unique ignoring case."""
    titles: list[str] = []
    taken: set[str] = set()
    for name in names:
        title, number = sheet_name(name), 1
        while title.casefold() in taken:
            number += 1
            title = sheet_name(name)[: SHEET_LIMIT - len(f"({number})")] + f"({number})"
        titles.append(title)
        taken.add(title.casefold())
    return titles


@dataclass
class _Sheet:
    """A worksheet being written: its column grid, next row, row heights and the style cache."""

    ws: Any
    grid: list[float]
    widths: list[float]
    styles: dict[tuple[object, ...], StyleArray]
    row: int = 1
    heights: dict[int, float] = field(default_factory=dict)
    _spans: dict[tuple[int, int], float] = field(default_factory=dict)

    @property
    def span(self) -> int:
        return len(self.widths)

    def text_height(self, value: str, first: int, last: int) -> float:
        """Points needed to show ``value`` wrapped in columns ``first`` to ``last`` (1-based)."""
        width = self._spans.get((first, last))
        if width is None:
            width = self._spans[first, last] = sum(self.widths[first - 1 : last])
        if len(value) < width / 2 and "\n" not in value:  # the common case, without a call
            return _MIN_HEIGHT
        return _text_height(value, width)

    def put(
        self, row: int, column: int, key: tuple[object, ...], build: Callable[[Any], None]
    ) -> Any:
        """A new cell at (``row``, ``column``) with the style named by ``key``.

        openpyxl hashes every Font, Border and Fill assigned to a cell to find its index, which
        makes styling the slowest part of writing: ``build`` styles the first cell of each key
        once per workbook, later cells get a copy of its indexes (its ``StyleArray``). The cell
        is made and stored directly (``Worksheet.cell`` looks it up first): each position is
        written once, the layout guarantees no overlaps.
        """
        cached = self.styles.get(key)
        cell = XlCell(self.ws, row=row, column=column, style_array=cached)
        if cached is None:
            build(cell)
            self.styles[key] = StyleArray(cell._style)
        self.ws._cells[row, column] = cell
        return cell

    def merge(self, first: tuple[int, int], last: tuple[int, int]) -> None:
        """Merge (row, column) ``first`` to ``last``; the layout guarantees no overlaps.

        The range is added directly: ``Worksheet.merge_cells`` checks it against every range
        already merged and re-borders its edges, quadratic in the number of merges.
        """
        if first != last:
            self.ws.merged_cells.ranges.add(_cell_range(first, last))


def _cell_range(first: tuple[int, int], last: tuple[int, int]) -> CellRange:
    """``CellRange(min_row=…, …)`` without its validating descriptors (a tenth of the time).

    The bounds come from the layout (positive, ordered); the descriptors store each bound in the
    instance ``__dict__`` under its own name, which is what is filled in here.
    """
    cell_range = CellRange.__new__(CellRange)
    vars(cell_range).update(
        min_row=first[0], min_col=first[1], max_row=last[0], max_col=last[1], title=None
    )
    return cell_range


def _write_sheet(
    ws: Any, forms: Sequence[Form], styles: dict[tuple[object, ...], StyleArray], title: str
) -> None:
    grid = _grid([block for form in forms for block in form.blocks])
    landscape = any(form.orientation is Orientation.LANDSCAPE for form in forms)
    total = _TOTAL_WIDTH[Orientation.LANDSCAPE if landscape else Orientation.PORTRAIT]
    widths = [round((b - a) * total, 2) for a, b in itertools.pairwise(grid)]
    sheet = _Sheet(ws, grid, widths, styles)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    if not forms:  # e.g. no project files targets this year
        _line(sheet, title, _TITLE, height=30)
        _line(sheet, "本年度没有需要填报的此类表格。", _PLAIN)
    top = 0
    for number, form in enumerate(forms):
        if number:
            ws.row_breaks.append(Break(id=sheet.row - 1))
        first = _write_form(sheet, form)
        top = top or first
    for row, height in sheet.heights.items():
        ws.row_dimensions[row] = RowDimension(ws, index=row, ht=min(height, _MAX_HEIGHT))
    _page_setup(ws, forms, landscape=landscape, top=top if len(forms) == 1 else 0)


def _grid(blocks: Sequence[Block]) -> list[float]:
    """Column boundaries (0…1) shared by all blocks: the union of each block's boundaries."""
    bounds = {0.0, 1.0}
    for block in blocks:
        bounds.update(_bounds(block))
    return sorted(bounds)


def _bounds(block: Block) -> list[float]:
    total = sum(block.columns) or 1.0
    return [round(sum(block.columns[:k]) / total, 6) for k in range(len(block.columns) + 1)]


def _write_form(sheet: _Sheet, form: Form) -> int:
    """Write one form; returns the last row to repeat when printing (title, meta, header)."""
    _line(sheet, form.title, _TITLE, height=30)
    if form.subtitle:
        _line(sheet, form.subtitle, _PLAIN)
    if form.meta:
        _meta(sheet, form.meta)
    top = sheet.row - 1
    for number, block in enumerate(form.blocks):
        if block.caption:
            _line(sheet, block.caption, _BOLD, align="left")
        if number == 0 and block.header:
            top = sheet.row - 1 + len(block.header)
        _write_block(sheet, block)
    for note in form.notes:
        _line(sheet, note, _SMALL, align="left", height=_text_height(note, sum(sheet.widths)))
    _signoff(sheet, form)
    return top


def _line(
    sheet: _Sheet, value: str, font: str, *, align: str = "center", height: float = _MIN_HEIGHT
) -> None:
    """A line merged across the table: title, subtitle, caption, note or sign-off."""
    _text(sheet, (1, sheet.span), value, font, align)
    sheet.heights[sheet.row] = height
    sheet.row += 1


def _text(sheet: _Sheet, columns: tuple[int, int], value: str, font: str, align: str) -> None:
    """Text in the current row, merged over ``columns`` (first, last; 1-based)."""
    row, (first, last) = sheet.row, columns

    def build(target: Any) -> None:
        target.font = _FONTS[font]
        target.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)

    _put_text(sheet.put(row, first, ("line", font, align), build), value)
    sheet.merge((row, first), (row, last))


def _meta(sheet: _Sheet, meta: Sequence[tuple[str, str]]) -> None:
    """填报单位（盖章） on the left, the other lines (年度, 单位) on the right."""
    pairs = [f"{name}：{value}" for name, value in meta]
    split = (sheet.span * 3) // 5 if len(pairs) > 1 and sheet.span > 1 else sheet.span
    _text(sheet, (1, max(split, 1)), pairs[0], _PLAIN, "left")
    if split < sheet.span:
        _text(sheet, (split + 1, sheet.span), "　　".join(pairs[1:]), _PLAIN, "right")
    sheet.heights[sheet.row] = _MIN_HEIGHT + 2
    sheet.row += 1


def _write_block(sheet: _Sheet, block: Block) -> None:
    position = {value: index for index, value in enumerate(sheet.grid)}
    columns = [position[bound] for bound in _bounds(block)]  # block column → sheet column - 1
    count = len(block.header) + len(block.rows)
    heights = [_MIN_HEIGHT] * count
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


def _write_cell(sheet: _Sheet, item: Placed, columns: tuple[int, int]) -> None:
    row, (first, last) = sheet.row + item.row, columns
    cell = item.cell
    key = ("cell", cell.kind, cell.bold, cell.light, cell.align, item.header)
    target = sheet.put(row, first, key, lambda new: _style(new, cell, header=item.header))
    if isinstance(cell.value, str):
        _put_text(target, cell.value)
    elif cell.value is not None:
        target.value = _number(cell.value, cell.kind)
    last_row = row + item.rowspan - 1
    if last_row > row or last > first:
        _border_edges(sheet, (row, first), (last_row, last))
        sheet.merge((row, first), (last_row, last))


def _border_edges(sheet: _Sheet, first: tuple[int, int], last: tuple[int, int]) -> None:
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
                sheet.put(r, c, ("border",), _border_only)


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


def _border_only(cell: Any) -> None:
    """The style of a cell covered by a merge: only its border shows."""
    cell.border = _BORDER


def _number(value: Decimal, kind: Kind) -> float:
    """Decimal → float at the openpyxl boundary; money and scores rounded to the fen first."""
    return float(round2(value) if kind in (Kind.MONEY, Kind.SCORE) else value)


def _style(target: Any, cell: Cell, *, header: bool) -> None:
    """Font, fill, border, alignment and number format of a table cell."""
    font = _FONTS[_BOLD if cell.bold or header else _PLAIN]
    if cell.light is not None:
        background, colour = _LIGHTS[cell.light]
        target.fill = PatternFill("solid", fgColor=background)
        font = _font(bold=True, color=colour)
    elif header:
        target.fill = _HEADER_FILL
    elif cell.kind is Kind.LABEL:
        target.fill = _LABEL_FILL
    target.font = font
    target.border = _BORDER
    default = "center" if header or cell.kind is Kind.LABEL else "left"
    if cell.kind not in (Kind.TEXT, Kind.LABEL):
        default = "right"
        target.number_format = NUMBER_FORMATS.get(cell.kind, "General")
    target.alignment = Alignment(
        horizontal=cell.align or default, vertical="center", wrap_text=True
    )


def _text_height(value: str, width: float) -> float:
    """Points needed to show wrapped text in a cell ``width`` characters wide (CJK = 2)."""
    if len(value) < width / 2 and "\n" not in value:  # fits on one line even if all CJK
        return _MIN_HEIGHT
    usable = max(width - 1.5, 1.0)
    lines = sum(max(1, math.ceil(_display_width(part) / usable)) for part in value.split("\n"))
    return max(_MIN_HEIGHT, lines * _LINE_HEIGHT + 4)


_WIDE = re.compile(
    r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)
"""East Asian wide and full-width characters (CJK, full-width punctuation): two units wide."""


def _display_width(value: str) -> float:
    return len(value) * 1.05 + len(_WIDE.findall(value)) * 0.95


def _signoff(sheet: _Sheet, form: Form) -> None:
    """The roles with name and date lines (filled in when signed), then the seal space."""
    sheet.heights[sheet.row] = 8
    sheet.row += 1
    signed = {role: f"{name}　日期：{on}" for role, name, on in form.signed}
    texts = [f"{role}：{signed.get(role, f'{_BLANK}　日期：{_BLANK}')}" for role in form.signoff]
    if texts and sheet.span >= len(texts):
        bounds = [round(k * sheet.span / len(texts)) for k in range(len(texts) + 1)]
        for value, first, last in zip(texts, bounds, bounds[1:], strict=False):
            _text(sheet, (first + 1, last), value, _PLAIN, "left")
        sheet.heights[sheet.row] = 30
        sheet.row += 1
    else:
        for value in texts:
            _line(sheet, value, _PLAIN, align="left", height=24)
    _line(sheet, "单位（盖章）：", _PLAIN, align="right", height=60)
    if form.qr:
        _line(sheet, f"校验信息：{form.qr}", _SMALL, align="left", height=30)


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


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose entries are all dated :data:`FIXED_TIME`: same forms, same bytes.

    ``ZipFile.writestr`` stamps the clock and ``ZipFile.write`` the time of openpyxl's temporary
    worksheet files.
    """

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        """Add ``data`` under a name or ZipInfo, dated :data:`FIXED_TIME`."""
        name = getattr(zinfo_or_arcname, "filename", zinfo_or_arcname)
        entry = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o600 << 16
        super().writestr(entry, data)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        """Add a file's content (openpyxl's temporary worksheet files), dated as above."""
        with open(filename, "rb") as handle:
            self.writestr(arcname or filename, handle.read())


# -- saving: each sheet serialised as soon as it is complete --------------------------------------


@dataclass(frozen=True)
class _Written:
    """A worksheet's XML part and its relationships, as openpyxl's ``WorksheetWriter`` made them."""

    xml: bytes
    rels: Any


def _serialise(ws: Any) -> _Written:
    """Serialise a complete worksheet now, with openpyxl's own writer, then drop its cells.

    openpyxl serialises every sheet only when the workbook is saved, so all the cells of all
    the sheets (60,000 for the large demo's forms) live until then, and the cyclic garbage
    collector scans them again and again as more are made: about a fifth of the time. The
    XML is the same whenever it is made (the cell style indexes are handed out in the same
    order, sheet by sheet), so the sheet is written as soon as its layout is done; its cells,
    merged ranges and row and column sizes, which nothing reads afterwards, are released.
    """
    sink = _Sink()
    writer = _SheetWriter(ws, sink)
    writer.write()
    ws._cells = {}
    ws.row_dimensions.clear()
    ws.column_dimensions.clear()
    ws.merged_cells.ranges.clear()
    return _Written(b"".join(sink.parts), writer._rels)


class _Sink:
    """Where a worksheet's XML is written: a write-only list of byte chunks.

    The XML writer wraps its output in a ``TextIOWrapper``. Over a ``BytesIO``, which can also
    be read, the wrapper keeps a decoder and resets it on each of the half a million writes of
    the large demo's forms; over a temporary file (openpyxl's default) each sheet costs a file.
    """

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        """Keep a chunk of encoded XML."""
        self.parts.append(bytes(data))
        return len(data)


class _SheetWriter(WorksheetWriter):  # type: ignore[misc]
    """openpyxl's worksheet writer, with a direct ``<mergeCells>`` element.

    openpyxl formats each merged range as text, parses that text back into a new range object
    and then serialises it (about 100 ms for the large demo's 9,500 merged ranges). The element
    written here is the same, byte for byte: ``<mergeCells count="N">`` with one
    ``<mergeCell ref="A1:C1"/>`` per range, in the same order.
    """

    def write_merged_cells(self) -> None:
        """The sheet's merged ranges."""
        ranges = self.ws.merged_cells.ranges
        if ranges:
            merged = Element("mergeCells", count=str(len(ranges)))
            for item in ranges:
                SubElement(merged, "mergeCell", ref=item.coord)
            self.xf.send(merged)


class _Writer(ExcelWriter):  # type: ignore[misc]
    """openpyxl's workbook writer, storing the worksheets serialised by :func:`_serialise`.

    ``write_worksheet`` does what openpyxl's does (an empty drawing, the relationships, the
    part in the archive and the manifest entry) with the XML already made. openpyxl is pinned
    (pyproject.toml); the tests read every workbook back with openpyxl.
    """

    def __init__(self, workbook: Any, archive: Any, written: dict[str, _Written]) -> None:
        super().__init__(workbook, archive)
        self.written = written

    def write_worksheet(self, ws: Any) -> None:
        """Store one worksheet part."""
        done = self.written.get(ws.title)
        if done is None:  # the placeholder sheet of an empty workbook
            super().write_worksheet(ws)
            return
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        ws._rels = done.rels
        self._archive.writestr(ws.path[1:], done.xml)
        self.manifest.append(ws)


def _save(workbook: Any, written: dict[str, _Written]) -> bytes:
    """The xlsx bytes, with fixed dates in the properties and in every zip entry."""
    buffer = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook stamps the current time as 'modified'.
    _Writer(workbook, _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED), written).save()
    return buffer.getvalue()
