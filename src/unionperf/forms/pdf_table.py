"""A form block as a reportlab table: full grid with spans, wrapped cells, repeated header rows.

The table splits across pages itself, from the block's grid rather than reportlab's cell data:
between rows where possible, keeping cells that span rows whole; when a group of rows tied
together by such a cell is taller than a page, it cuts the group between two rows, printing the
spanning label again on the next page, just as the header rows are repeated; and a single row
taller than a page (a very long text) has its texts split, the rest continuing on the next page.
(reportlab's own in-row splitting duplicates text when a row splits twice and fails on centred
cells spanning rows, in 5.1.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT

from unionperf.forms.fonts import cell_text
from unionperf.forms.grid import Placed, place_cells
from unionperf.forms.model import Block, Cell, Kind, Light
from unionperf.forms.pdf_grid import PAD_BOTTOM, PAD_SIDE, PAD_TOP, GridCell, GridFlowable
from unionperf.forms.pdf_para import cached_paragraph
from unionperf.forms.pdf_style import (
    ALIGNMENTS,
    BODY_SIZE,
    LABEL_GREY,
    LIGHT_COLOURS,
    cell_style,
    escaped_text,
    leading_for,
    may_hang,
)
from unionperf.forms.pdf_text import cell_text_or_none

__all__ = ["KEEP_SHARE", "block_table", "opening_height"]

_NUMERIC = {Kind.MONEY, Kind.RATE, Kind.NUMBER, Kind.SCORE}

KEEP_SHARE = 1 / 4
"""A row group taller than this share of a page may be cut between rows at a page end."""


@dataclass(frozen=True, slots=True)
class _Layout:
    """A block placed on its grid, from which any run of body rows can be made into a table."""

    widths: tuple[float, ...]
    header: tuple[Placed, ...]
    body: tuple[Placed, ...]
    n_header: int
    n_body: int
    size: float = BODY_SIZE
    """The text size of the cells (:data:`~unionperf.forms.pdf_style.DENSE_SIZE` when dense)."""
    paragraphs: dict[int, Any] = field(default_factory=dict)
    """Each cell's paragraph (by ``id`` of its :class:`Placed`), made once for all table parts."""
    prepared: list[Any] = field(default_factory=list)
    """The header cells and body entries (:meth:`header_cells`, :meth:`body_entries`)."""

    def content(self, item: Placed, shown: bool = True) -> Any:
        """The paragraph of a cell ("" for no text, or not ``shown``)."""
        if not shown:
            return ""
        key = id(item)
        if key not in self.paragraphs:
            text = cell_text(item.cell)
            if text:
                style = cell_style(_alignment(item.cell, item.header), may_hang(text), self.size)
                made = cell_text_or_none(text, style)
                self.paragraphs[key] = made or cached_paragraph(escaped_text(text), style)
            else:
                self.paragraphs[key] = ""
        return self.paragraphs[key]

    def header_cells(self) -> list[GridCell]:
        """The header rows' cells, the same in every part (made once)."""
        if not self.prepared:
            self._prepare()
        cells: list[GridCell] = self.prepared[0]
        return cells

    def body_entries(self) -> list[tuple[int, int, Placed, Any, Any]]:
        """Each body cell as (top, bottom, placed cell, paragraph, fill), made once."""
        if not self.prepared:
            self._prepare()
        entries: list[tuple[int, int, Placed, Any, Any]] = self.prepared[1]
        return entries

    def _prepare(self) -> None:
        header = [
            GridCell(item.row, item.col, item.rowspan, item.colspan, self.content(item), fill)
            for item in self.header
            for fill in (_background(item),)
        ]
        n_header = self.n_header
        body = [
            (
                item.row - n_header,
                item.row - n_header + item.rowspan,
                item,
                self.content(item),
                _background(item),
            )
            for item in self.body
        ]
        self.prepared[:] = [header, body]


def block_table(
    block: Block, width: float, where: str = "", *, size: float = BODY_SIZE
) -> GridFlowable:
    """``block`` as a table ``width`` points wide, its text in ``size`` points.

    Column widths are scaled from ``block.columns``.
    """
    placed = place_cells(block, where)
    n_cols = len(block.columns)
    total = sum(block.columns)
    widths = (
        tuple(width * c / total for c in block.columns)
        if total > 0
        else tuple([width / n_cols] * n_cols)
    )
    layout = _Layout(
        widths=widths,
        header=tuple(p for p in placed if p.header),
        body=tuple(p for p in placed if not p.header),
        n_header=len(block.header),
        n_body=len(block.rows),
        size=size,
    )
    return _table(layout, 0, layout.n_body)


def opening_height(table: GridFlowable, width: float, page: float) -> float:
    """How much of ``table`` must fit on a page for it to start there.

    The header rows and the first row group (rows tied by a cell spanning them); only its first
    row when the group is one the table may cut (taller than :data:`KEEP_SHARE` of a ``page``);
    only a few lines of that row when the row itself is taller than a page. Asking for this room
    before the caption keeps a caption from being left alone at the bottom of a page.
    """
    layout: _Layout = table.layout
    opening = _table(layout, 0, _group_end(layout, 0) if layout.n_body else 0)
    _, height = opening.wrap(width, 1e9)
    header = sum(opening._rowHeights[: layout.n_header])
    if height - header > page * KEEP_SHARE:
        _, height = _table(layout, 0, 1).wrap(width, 1e9)
        if height - header > page:
            height = header + 3 * leading_for(layout.size) + PAD_TOP + PAD_BOTTOM
    return float(height)


def _group_end(layout: _Layout, row: int) -> int:
    """The end (exclusive) of the row group starting at body row ``row``."""
    end = min(row + 1, layout.n_body)
    grown = True
    while grown:
        grown = False
        for item in layout.body:
            top = item.row - layout.n_header
            if top < end < top + item.rowspan:
                end, grown = top + item.rowspan, True
    return end


def _alignment(cell: Cell, header: bool) -> int:
    """The cell's own alignment, else numbers right, labels and header cells centred."""
    if cell.align:
        return int(ALIGNMENTS.get(cell.align.lower(), TA_LEFT))
    if cell.kind in _NUMERIC:
        return int(TA_RIGHT)
    if cell.kind is Kind.LABEL or header:
        return int(TA_CENTER)
    return int(TA_LEFT)


def _table(
    layout: _Layout, start: int, end: int, first_row: dict[int, Any] | None = None
) -> _SplittingTable:
    """The header rows and body rows ``start`` to ``end`` (exclusive) as one table.

    ``first_row`` replaces the contents of cells starting in body row ``start`` (by column):
    the two parts of a row cut by a page break.
    """
    table = _SplittingTable()
    table.layout = layout
    table.body_range = (start, end)
    table.first_row = first_row or {}
    table.n_header = layout.n_header
    table.widths = layout.widths
    table.size = layout.size
    return table


def _background(item: Placed) -> Any:
    """A cell's own fill: its traffic light, else the label grey of body labels."""
    cell = item.cell
    if cell.light is not None:
        return LIGHT_COLOURS[Light(cell.light)]
    if not item.header and (cell.kind is Kind.LABEL or cell.bold):
        return LABEL_GREY
    return None


def _frame_height(frame: Any, default: float) -> float:
    """The height of a whole (empty) frame: what a table may use on a fresh page."""
    if frame is None:
        return default
    return float(frame._height - frame._topPadding - frame._bottomPadding)


class _SplittingTable(GridFlowable):
    """A table that splits itself from its block's grid (see the module docstring)."""

    layout: _Layout
    body_range: tuple[int, int] = (0, 0)
    first_row: dict[int, Any]
    """The contents of cells starting in the first body row, when that row was cut."""

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        frame = getattr(self, "_frame", None)
        at_top = bool(getattr(frame, "_atTop", False))
        page = max(_frame_height(frame, avail_height), avail_height)
        geometry = self.geometry()
        n_header = self.layout.n_header
        start, end = self.body_range
        # rows (header included) that fit, cells spanning rows kept whole; and ignoring spans
        fit = geometry.split_position(avail_height)
        fit_any = geometry.split_position(avail_height, ignore_spans=True)
        if fit_any > fit:
            # the page ends inside a row group: cut it between two rows (its label is printed
            # again on the next page) when it is a long one, rather than leave a gap
            group = start + max(fit - n_header, 0)
            if at_top or self._rows_height(group, _group_end(self.layout, group)) > (
                page * KEEP_SHARE
            ):
                fit = fit_any
        if fit <= n_header:
            # not one row fits: a row taller than a page is cut inside, else the table moves on
            if at_top or self._rows_height(start, start + 1) > page:
                return self._cut_first_row(avail_height)
            return []
        cut = start + fit - n_header
        if cut >= end:
            return [self]
        # a label cut off from part of its rows may need more height than they had
        while cut > start:
            head = _table(self.layout, start, cut)
            if head.wrap(avail_width, avail_height)[1] <= avail_height:
                return [head, _table(self.layout, cut, end)]
            cut -= 1
        return self._cut_first_row(avail_height) if at_top else []

    def part_cells(self) -> tuple[list[GridCell], int]:
        """The header cells and the cells of this part's body rows, spans clipped to them."""
        layout = self.layout
        n_header = layout.n_header
        start, end = self.body_range
        first_row = self.first_row
        cells = list(layout.header_cells())
        for top, bottom, item, made, fill in layout.body_entries():
            if bottom <= start or top >= end:
                continue
            first, last = max(top, start), min(bottom, end)
            content = made
            if top < start and item.cell.kind is not Kind.LABEL:
                # a label cut by a page break is printed again; other text only where it starts
                content = ""
            elif top == start and item.col in first_row:
                content = first_row[item.col]
            row = n_header + first - start
            cells.append(GridCell(row, item.col, last - first, item.colspan, content, fill))
        return cells, n_header + end - start

    def _rows_height(self, first: int, last: int) -> float:
        """The height of body rows ``first`` to ``last`` (exclusive)."""
        offset = self.layout.n_header - self.body_range[0]
        return float(sum(self._rowHeights[first + offset : last + offset]))

    def _cut_first_row(self, avail_height: float) -> list[Any]:
        """Split the texts of the first body row: what fits here, and the rest on the next page."""
        layout = self.layout
        start, end = self.body_range
        room = avail_height - sum(self._rowHeights[: layout.n_header]) - PAD_TOP - PAD_BOTTOM
        here: dict[int, Any] = {}
        later: dict[int, Any] = {}
        for item in layout.body:
            if item.row - layout.n_header != start:
                continue
            paragraph = self.first_row.get(item.col, layout.content(item))
            if not paragraph:
                continue
            width = self.cell_width(item.col, item.colspan) - PAD_SIDE * 2
            _, height = paragraph.wrap(width, avail_height)
            if height <= room:
                here[item.col] = paragraph
                if item.cell.kind is not Kind.LABEL:
                    later[item.col] = ""
                continue
            parts = paragraph.split(width, room - 1)
            if len(parts) == 2:  # noqa: PLR2004  (the part that fits and the rest)
                here[item.col], later[item.col] = parts
            else:
                here[item.col], later[item.col] = "", paragraph
        if not any(here.values()):
            return []
        return [_table(layout, start, start + 1, here), _table(layout, start, end, later)]
