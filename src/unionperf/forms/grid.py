"""Where each cell of a :class:`Block` lands on the full grid (HTML-table placement rules).

The model lists, per row, only the cells that start there; a cell spanning rows or columns covers
positions that the following cells skip. Both writers place cells with this one function: the PDF
table needs the full grid with empty placeholders under spans, the workbook its merged ranges, and
the glyph check names cells by their grid position.
"""

from __future__ import annotations

from dataclasses import dataclass

from unionperf.forms.model import Block, Cell

__all__ = ["GridError", "Placed", "place_cells"]


class GridError(ValueError):
    """A block whose cells do not fit its columns (a bug in the form builder)."""


@dataclass(frozen=True, slots=True)
class Placed:
    """A cell at its grid position (0-based; header rows come first)."""

    row: int
    col: int
    rowspan: int
    colspan: int
    cell: Cell
    header: bool


def place_cells(block: Block, where: str = "") -> list[Placed]:
    """Place every cell of ``block`` on the grid; spans are clipped to their part of the table.

    A header cell's row span never reaches into the body (the header repeats on every page), a
    body cell's span ends at the last row and a column span stops at a cell spanning down from
    above. A row with more cells than free columns raises
    :class:`GridError`.
    """
    width = len(block.columns)
    rows = [*block.header, *block.rows]
    n_header = len(block.header)
    taken = [[False] * width for _ in rows]
    placed: list[Placed] = []
    for r, row in enumerate(rows):
        is_header = r < n_header
        last_row = (n_header if is_header else len(rows)) - 1
        c = 0
        for cell in row:
            while c < width and taken[r][c]:
                c += 1
            if c >= width:
                part = "表头" if is_header else "表体"
                raise GridError(
                    f"{where}{part}第{r + 1 - (0 if is_header else n_header)}行的单元格超出"
                    f"{width}列：{cell.text!r}"
                )
            free = 0
            while c + free < width and not taken[r][c + free]:
                free += 1
            colspan = max(1, min(cell.colspan, free))
            rowspan = max(1, min(cell.rowspan, last_row - r + 1))
            for rr in range(r, r + rowspan):
                for cc in range(c, c + colspan):
                    taken[rr][cc] = True
            placed.append(Placed(r, c, rowspan, colspan, cell, is_header))
            c += colspan
    return placed
