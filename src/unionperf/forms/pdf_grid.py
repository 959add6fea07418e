"""A block's table measured and drawn directly: row heights, page splits and the canvas drawing.

This replaces reportlab's ``Table`` for the form blocks (issue 17: it was most of the PDF's time,
rebuilding its cell styles, span maps and per-cell state stack for each table part). It keeps
``Table``'s geometry exactly: each row as tall as its tallest one-row cell plus padding (one
line for an empty position), cells spanning rows share out what they need more equally over
their rows (``spanFixDim``), texts middle-aligned, 0.5 pt grid lines that do not cross spans,
a 0.9 pt box and rule under the header rows, round caps. The cell texts stay reportlab
paragraphs, so their lines break exactly as before (and ``pdf_table``'s caches apply); a
paragraph of one style (every cell without a line break) has its lines written straight into the
page, each line's encoded text made once per document; others draw themselves.

How a table splits across pages (which rows, row groups kept or cut, a row cut inside) is
decided in ``pdf_table``; this module gives it the row heights and split positions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable

from unionperf.forms.pdf_draw import draw_lines
from unionperf.forms.pdf_style import GRID, HEADER_GREY, leading_for

__all__ = ["PAD_BOTTOM", "PAD_SIDE", "PAD_TOP", "GridCell", "GridGeometry", "draw_grid", "measure"]

PAD_SIDE = 3.0
PAD_TOP = 2.5
PAD_BOTTOM = 3.0
_FUZZ = 1e-6  # reportlab's rl_config._FUZZ

_BLACK = colors.black


@dataclass(slots=True)
class GridCell:
    """A cell of one table part: its place on the part's grid, content and background."""

    row: int
    col: int
    rowspan: int
    colspan: int
    content: Any
    """A paragraph, or "" for no text."""
    background: Any = None
    """Its fill colour (a traffic light, the label grey), or ``None``."""


@dataclass(frozen=True, slots=True)
class GridGeometry:
    """Row heights and column positions of a measured table part."""

    heights: list[float]
    columns: list[float]
    """Column positions from the left, the last one the table's width."""
    impossible: frozenset[int]
    """Split positions (rows above) inside a cell spanning rows."""

    @property
    def height(self) -> float:
        """The table's height."""
        return float(sum(self.heights))

    def split_position(self, avail_height: float, *, ignore_spans: bool = False) -> int:
        """How many rows fit into ``avail_height``, ending where the table may split."""
        height = 0.0
        split_at = 0
        for n, row_height in enumerate(self.heights, start=1):
            if height + row_height > avail_height:
                break
            if ignore_spans or n not in self.impossible:
                split_at = n
            height += row_height
        return split_at


def _cell_width(columns: list[float], widths: tuple[float, ...], cell: GridCell) -> float:
    if cell.colspan == 1:
        return widths[cell.col]
    return columns[cell.col + cell.colspan] - columns[cell.col]


def measure(
    cells: list[GridCell], widths: tuple[float, ...], n_rows: int, size: float
) -> GridGeometry:
    """Each row's height as reportlab's ``Table`` gives it for these cells (see the docstring)."""
    columns = [0.0]
    for width in widths:
        columns.append(columns[-1] + width)
    leading = leading_for(size)
    pads = PAD_TOP + PAD_BOTTOM
    n_cols = len(widths)
    # positions not under a cell spanning rows need at least one line
    free = [n_cols] * n_rows
    heights = [0.0] * n_rows
    spans: dict[tuple[int, int], float] = {}
    for cell in cells:
        content = cell.content
        if content:
            needed = content.wrap(_cell_width(columns, widths, cell) - 2 * PAD_SIDE, 72000 - pads)
            needed = needed[1] + pads
        else:
            needed = leading + pads
        if cell.rowspan > 1:
            for row in range(cell.row, cell.row + cell.rowspan):
                free[row] -= cell.colspan
            key = (cell.row, cell.row + cell.rowspan - 1)
            spans[key] = max(spans.get(key, needed), needed)
        elif needed > heights[cell.row]:
            heights[cell.row] = needed
    for row in range(n_rows):
        if free[row] > 0 and heights[row] < leading + pads:
            heights[row] = leading + pads
    _share_spans(heights, spans)
    impossible = frozenset(
        position
        for cell in cells
        if cell.rowspan > 1
        for position in range(cell.row + 1, cell.row + cell.rowspan)
    )
    return GridGeometry(heights, columns, impossible)


def _share_spans(heights: list[float], spans: dict[tuple[int, int], float]) -> None:
    """Grow the rows of cells spanning rows to what they need (reportlab's ``spanFixDim``).

    The largest needs first, the missing height shared equally over the span's rows.
    """
    extra: dict[int, float] = {}
    for needed, (first, last) in sorted(((v, k) for k, v in spans.items()), reverse=True):
        rows = range(first, last + 1)
        have = sum(heights[row] + extra.get(row, 0.0) for row in rows)
        if have >= needed - _FUZZ:
            continue
        share = (needed - have) / len(rows)
        for row in rows:
            extra[row] = extra.get(row, 0.0) + share
    for row, more in extra.items():
        heights[row] += more


def draw_grid(
    canvas: Any,
    cells: list[GridCell],
    geometry: GridGeometry,
    n_header: int,
) -> None:
    """Draw the part at the canvas origin: backgrounds, texts, then the lines."""
    heights = geometry.heights
    columns = geometry.columns
    tops = [geometry.height]
    for row_height in heights:
        tops.append(tops[-1] - row_height)
    width = columns[-1]
    code = canvas._code
    canvas.saveState()
    if n_header:
        canvas.setFillColor(HEADER_GREY)
        code.append(_rect(0.0, tops[n_header], width, tops[0] - tops[n_header]))
    fill = HEADER_GREY if n_header else None
    for cell in cells:
        if cell.background is not None:
            if cell.background is not fill:
                canvas.setFillColor(cell.background)
                fill = cell.background
            x0, x1 = columns[cell.col], columns[cell.col + cell.colspan]
            y0, y1 = tops[cell.row + cell.rowspan], tops[cell.row]
            code.append(_rect(x0, y0, x1 - x0, y1 - y0))
    canvas.setFillColor(_BLACK)
    for cell in cells:
        if cell.content:
            _draw_text(canvas, cell, (columns, tops))
    _draw_lines(canvas, cells, geometry, tops, n_header)
    canvas.restoreState()


def _rect(x: float, y: float, width: float, height: float) -> str:
    return f"n {x:.4f} {y:.4f} {width:.4f} {height:.4f} re f"


def _draw_text(canvas: Any, cell: GridCell, grid: tuple[list[float], list[float]]) -> None:
    """The cell's paragraph, middle-aligned as ``Table`` places it."""
    columns, tops = grid
    paragraph = cell.content
    x = columns[cell.col] + PAD_SIDE
    bottom = tops[cell.row + cell.rowspan]
    row_height = tops[cell.row] - bottom
    height = paragraph.height
    y = bottom + (row_height + PAD_BOTTOM - PAD_TOP + height) / 2.0 - height
    if not draw_lines(canvas, paragraph, x, y):
        paragraph.drawOn(canvas, x, y)


def _draw_lines(
    canvas: Any, cells: list[GridCell], geometry: GridGeometry, tops: list[float], n_header: int
) -> None:
    """The 0.5 pt grid (not across spans), then the 0.9 pt box and rule under the header."""
    columns = geometry.columns
    n_rows = len(geometry.heights)
    n_cols = len(columns) - 1
    owner = [[-1] * n_cols for _ in range(n_rows)]
    for index, cell in enumerate(cells):
        for row in range(cell.row, cell.row + cell.rowspan):
            for col in range(cell.col, cell.col + cell.colspan):
                owner[row][col] = index
    segments: list[str] = []
    add = segments.append
    width, height = columns[-1], tops[0]
    # the outer box first, as reportlab's GRID draws it
    add(_h(0.0, width, height))
    add(_h(0.0, width, 0.0))
    add(_v(0.0, 0.0, height))
    add(_v(width, 0.0, height))
    for row in range(1, n_rows):
        above, below = owner[row - 1], owner[row]
        cuts = [above[c] != below[c] or above[c] < 0 for c in range(n_cols)]
        _runs(add, cuts, columns, tops[row])
    for col in range(1, n_cols):
        # vertical runs, top to bottom, where the cells left and right differ
        start = None
        for row in range(n_rows + 1):
            split = row < n_rows and (owner[row][col - 1] != owner[row][col] or owner[row][col] < 0)
            if split and start is None:
                start = row
            elif not split and start is not None:
                add(_v(columns[col], tops[row], tops[start]))
                start = None
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.5)
    code = canvas._code
    code.append(" ".join(segments) + " S")
    canvas.setLineWidth(0.9)
    box = [
        _h(0.0, width, height),
        _h(0.0, width, 0.0),
        _v(0.0, 0.0, height),
        _v(width, 0.0, height),
    ]
    if n_header:
        box.append(_h(0.0, width, tops[n_header]))
    code.append(" ".join(box) + " S")


def _runs(add: Callable[[str], None], cuts: list[bool], columns: list[float], y: float) -> None:
    """Horizontal line segments at ``y`` over each run of columns where ``cuts`` is true."""
    start = None
    for col in range(len(cuts) + 1):
        here = col < len(cuts) and cuts[col]
        if here and start is None:
            start = col
        elif not here and start is not None:
            add(_h(columns[start], columns[col], y))
            start = None


def _h(x0: float, x1: float, y: float) -> str:
    return f"{x0:.4f} {y:.4f} m {x1:.4f} {y:.4f} l"


def _v(x: float, y0: float, y1: float) -> str:
    return f"{x:.4f} {y0:.4f} m {x:.4f} {y1:.4f} l"


class GridFlowable(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """Base of the block tables: measured with :func:`measure`, drawn with :func:`draw_grid`.

    Subclasses give :meth:`part_cells` (the cells of this part), ``n_header``, ``widths`` and
    ``size``.
    """

    n_header: int = 0
    widths: tuple[float, ...] = ()
    size: float = 9.0
    hAlign = "LEFT"  # noqa: N815  (reportlab's attribute name)
    _geometry: GridGeometry | None = None
    _cells: list[GridCell] | None = None

    def part_cells(self) -> tuple[list[GridCell], int]:
        """The cells of this part and its number of rows."""
        raise NotImplementedError

    def geometry(self) -> GridGeometry:
        """Row heights and column positions (measured once)."""
        if self._geometry is None:
            cells, n_rows = self.part_cells()
            self._cells = cells
            self._geometry = measure(cells, self.widths, n_rows, self.size)
        return self._geometry

    def cell_width(self, col: int, colspan: int) -> float:
        """The width of a cell at ``col`` spanning ``colspan`` columns, as measured."""
        if colspan == 1:
            return self.widths[col]
        columns = self.geometry().columns
        return columns[col + colspan] - columns[col]

    @property
    def _rowHeights(self) -> list[float]:  # noqa: N802  (the name reportlab's Table uses)
        return self.geometry().heights

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """The table's size (it does not depend on the room offered)."""
        geometry = self.geometry()
        self.width = geometry.columns[-1]
        self.height = geometry.height
        return self.width, self.height

    def draw(self) -> None:
        """Backgrounds, texts and lines, straight onto the canvas."""
        geometry = self.geometry()
        assert self._cells is not None
        draw_grid(self.canv, self._cells, geometry, self.n_header)
