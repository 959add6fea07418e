"""Limits of the fill-in import, checked before (or while) anything is parsed.

Sized from the largest real unit, the large demo (200 projects × 20 indicators, 12 monitoring
points, ``demo_large_year``), whose exported workbook measures (``bench/bench_fillin.py``
prints it): a 3.3 MB file of 15 zip members that decompress to 40 MB, the largest a 34 MB 监控
sheet of 48,241 rows × 13 columns; 30 columns at most (项目); 594,659 non-empty cells; no text
longer than 100 characters. Each limit leaves generous room above that, and together they keep
the import of any workbook under 200 MB of memory (measured by the same benchmark). The table in
docs/forms.md ("Limits of the import") lists them with their reasons.
"""

from __future__ import annotations

MB = 1 << 20

MAX_FILE_BYTES = 32 * MB
"""The .xlsx file itself (the large demo's: 3.3 MB)."""

MAX_DIRECTORY_BYTES = 1 * MB
"""The zip's central directory, read before the members are listed (15 members use 1 KB)."""

MAX_MEMBERS = 200
"""Zip members (the large demo: 15; Excel and WPS add a few more parts)."""

MAX_PART_BYTES = 128 * MB
"""One member, decompressed (the largest: the 34 MB 监控 sheet)."""

MAX_TOTAL_BYTES = 160 * MB
"""All members together, decompressed (the large demo: 40 MB)."""

MAX_ROWS = 100_000
"""Rows of the largest sheet, 监控 (the large demo: 48,241)."""

SHEET_ROWS = {
    "说明": (1_000, 17),
    "预算": (1_000, 20),
    "项目": (2_000, 201),
    "指标": (20_000, 4_021),
    "监控": (MAX_ROWS, 48_241),
    "资金监控": (25_000, 2_413),
    "选项": (20_000, 4_021),
}
"""Each sheet's row limit, with the rows of the large demo's sheet it is sized from.

About 10× for the small sheets, 5× for 指标 (each row becomes an indicator before the weights are
checked), 2× for 监控 (the most cells: its limit is what memory allows)."""


def row_limit(sheet: str) -> tuple[int, int]:
    """The row limit of ``sheet`` and the large demo's rows on it."""
    return SHEET_ROWS.get(sheet, (MAX_ROWS, MAX_ROWS))


MAX_COLUMNS = 64
"""Columns of one sheet (the widest: 30 on 项目)."""

MAX_CELLS = 1_500_000
"""Non-empty cells of the whole workbook (the large demo: 594,659)."""

MAX_CELL_TEXT = 32_767
"""Characters in one cell: what an Excel cell can hold at most (the longest text: 100)."""

MAX_CONTENT_BYTES = 64 * MB
"""Memory held by the cell values of all sheets while they are checked (the large demo: 27 MB).

The backstop that keeps the import under 200 MB: many distinct long texts reach it before any
of the limits above."""

MAX_MERGES = 1_000
"""Merged ranges of one sheet (the exported workbook has none)."""

MAX_STYLES = 65_536
"""Cell formats in styles.xml (Excel itself allows 64,000)."""

MAX_DEPTH = 32
"""Nesting of XML elements (a sheet nests 6 deep, Excel's extensions about 10)."""

MAX_TOKEN_BYTES = MB // 2
"""Bytes between two ``<`` of an XML part: bounds every tag with its attributes and namespace
declarations, and every run of text (a cell of 32,767 characters takes at most 330 KB)."""

MAX_NUMBER = 10**12
"""Largest magnitude of a number or an amount (一万亿; the large demo's total: under 10⁸ yuan)."""

MAX_DECIMALS = 20
"""Decimal places of a number that is not money (money: 2, to the fen)."""

MAX_NUMBER_TEXT = 40
"""Characters of a number as stored in the file (Excel writes at most 24)."""


def megabytes(size: int) -> str:
    """A size in whole megabytes for messages, e.g. ``1024 MB``."""
    return f"{size // MB} MB" if size >= MB else f"{size / MB:.1f} MB"
