"""A worksheet being written: its column grid, row heights, style cache and merged ranges.

Row heights are estimated from the text (openpyxl cannot measure it): CJK and full-width
characters count two units of a column's width, other characters one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from openpyxl.cell import Cell as XlCell
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.cell_range import CellRange

__all__ = ["MAX_HEIGHT", "MIN_HEIGHT", "Sheet", "StyleCache", "text_height"]

_LINE_HEIGHT, MIN_HEIGHT, MAX_HEIGHT = 13.5, 18.0, 409.0
"""Points; Excel refuses rows taller than 409 points."""

StyleCache = dict[tuple[object, ...], StyleArray]
"""The style indexes of the first cell of each style key, shared by a workbook's sheets."""


@dataclass
class Sheet:
    """A worksheet being written: its column grid, next row, row heights and the style cache."""

    ws: Any
    grid: list[float]
    widths: list[float]
    styles: StyleCache
    row: int = 1
    heights: dict[int, float] = field(default_factory=dict)
    _spans: dict[tuple[int, int], float] = field(default_factory=dict)

    @property
    def span(self) -> int:
        """The number of columns."""
        return len(self.widths)

    def text_height(self, value: str, first: int, last: int) -> float:
        """Points needed to show ``value`` wrapped in columns ``first`` to ``last`` (1-based)."""
        width = self._spans.get((first, last))
        if width is None:
            width = self._spans[first, last] = sum(self.widths[first - 1 : last])
        if len(value) < width / 2 and "\n" not in value:  # the common case, without a call
            return MIN_HEIGHT
        return text_height(value, width)

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


def text_height(value: str, width: float) -> float:
    """Points needed to show wrapped text in a cell ``width`` characters wide (CJK = 2)."""
    if len(value) < width / 2 and "\n" not in value:  # fits on one line even if all CJK
        return MIN_HEIGHT
    usable = max(width - 1.5, 1.0)
    lines = sum(max(1, math.ceil(_display_width(part) / usable)) for part in value.split("\n"))
    return max(MIN_HEIGHT, lines * _LINE_HEIGHT + 4)


_WIDE = re.compile(
    r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)
"""East Asian wide and full-width characters (CJK, full-width punctuation): two units wide."""


def _display_width(value: str) -> float:
    """Width of ``value`` in column units, wide characters counting about two."""
    return len(value) * 1.05 + len(_WIDE.findall(value)) * 0.95
