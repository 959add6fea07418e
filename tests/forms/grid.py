"""Test helper: lay a block out on its grid and check that every position is covered once."""

from __future__ import annotations

from dataclasses import dataclass

from unionperf.forms.model import Block, Cell


@dataclass(frozen=True)
class Spot:
    """A cell at its 0-based grid position (header rows first)."""

    row: int
    col: int
    cell: Cell


def layout(block: Block) -> list[Spot]:
    """Place the cells strictly: no span may leave the grid or cross from header into body.

    Every position of the grid must be covered by exactly one cell; raises AssertionError
    otherwise.
    """
    width = len(block.columns)
    parts = [(0, len(block.header)), (len(block.header), len(block.header) + len(block.rows))]
    rows = [*block.header, *block.rows]
    cover = [[0] * width for _ in rows]
    spots: list[Spot] = []
    for r, row in enumerate(rows):
        end = next(stop for start, stop in parts if start <= r < stop)
        c = 0
        for cell in row:
            while c < width and cover[r][c]:
                c += 1
            assert c < width, f"row {r}: cell {cell.text!r} starts beyond {width} columns"
            assert c + cell.colspan <= width, f"row {r}: {cell.text!r} spans past the grid"
            assert r + cell.rowspan <= end, f"row {r}: {cell.text!r} spans past its part"
            for rr in range(r, r + cell.rowspan):
                for cc in range(c, c + cell.colspan):
                    cover[rr][cc] += 1
            spots.append(Spot(r, c, cell))
            c += cell.colspan
    for r, counts in enumerate(cover):
        assert counts == [1] * width, f"row {r} ({block.caption!r}) coverage {counts}"
    return spots


def texts(block: Block) -> list[str]:
    """Every cell's printed text, header and body."""
    return [cell.text for row in (*block.header, *block.rows) for cell in row]
