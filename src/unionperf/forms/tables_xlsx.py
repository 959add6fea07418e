"""Plain tables as a workbook, and back: the upper level's register, status board and 汇总.

Each table is one sheet with a bold header row and one row per record. Text is written with
:func:`unionperf.forms.safe.write_text` (never a formula); money with two decimals and
separators; rates as per cent. Reading takes the first sheet (or a named one) as rows of cell
values with their row numbers, bounded in size before anything is parsed.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from unionperf.forms.fillin.cells import date_cell, header_cell, number_cell, text_cell

MAX_TABLE_BYTES = 20 * 1024 * 1024
"""A register or list workbook larger than this is refused unread."""
MAX_TABLE_ROWS = 100_000
PERCENT_FORMAT = "0.00%"


class Kind(StrEnum):
    """How a column's values are written."""

    TEXT = "text"
    MONEY = "money"
    NUMBER = "number"
    RATE = "rate"
    """A fraction shown as per cent (0.9300 → 93.00%)."""
    DATE = "date"


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its header, how its values are written, its width in characters."""

    title: str
    kind: Kind = Kind.TEXT
    width: float = 14


@dataclass(frozen=True, slots=True)
class Table:
    """One sheet: a title, its columns and its rows (values in column order)."""

    title: str
    columns: tuple[Column, ...]
    rows: Sequence[Sequence[Any]]
    notes: tuple[str, ...] = field(default=())
    """Lines written under the table (sources, definitions)."""


class TableReadError(ValueError):
    """The workbook cannot be read as a table (the message is a Chinese sentence)."""


def write_tables(tables: Sequence[Table]) -> bytes:
    """The workbook with one sheet per table, as ``.xlsx`` bytes."""
    workbook = Workbook(write_only=True)
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title))
        for index, column in enumerate(table.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        sheet.freeze_panes = "A2"
        sheet.append([header_cell(sheet, column.title) for column in table.columns])
        for row in table.rows:
            sheet.append(
                [
                    _cell(sheet, column, value)
                    for column, value in zip(table.columns, row, strict=False)
                ]
            )
        if table.notes:
            sheet.append([])
            for note in table.notes:
                sheet.append([text_cell(sheet, note)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet: Any, column: Column, value: Any) -> Any:
    if value is None or value == "":
        return None
    if column.kind is Kind.TEXT:
        return text_cell(sheet, str(value))
    if column.kind is Kind.DATE:
        return date_cell(sheet, value if isinstance(value, date) else None)
    if not isinstance(value, (Decimal, int)):
        return text_cell(sheet, str(value))
    cell = number_cell(sheet, value, money=column.kind is Kind.MONEY)
    if column.kind is Kind.RATE:
        cell.number_format = PERCENT_FORMAT
    return cell


def _sheet_title(title: str) -> str:
    """Excel's sheet names: at most 31 characters, none of the characters it forbids."""
    cleaned = "".join("_" if char in "[]:*?/\\" else char for char in title)
    return cleaned[:31] or "Sheet"


def read_table(
    blob: bytes, sheet: str | None = None, *, prefer: str | None = None
) -> tuple[str, list[tuple[int, tuple[Any, ...]]]]:
    """The rows of one sheet with their row numbers (1-based), the header row first.

    Args:
        blob: the ``.xlsx`` bytes.
        sheet: the sheet's name (default: the first sheet).
        prefer: without ``sheet``, the sheet to read when the workbook has it (else the first).

    Returns:
        The sheet's name and its non-empty rows.

    Raises:
        TableReadError: too large, not a workbook, no such sheet, or too many rows.
    """
    if len(blob) > MAX_TABLE_BYTES:
        raise TableReadError(f"文件过大（{len(blob)}字节，上限{MAX_TABLE_BYTES}字节）")
    try:
        workbook = load_workbook(io.BytesIO(blob), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise TableReadError(f"文件不是有效的 Excel 工作簿（.xlsx）：{error}") from error
    try:
        names = list(workbook.sheetnames)
        if sheet is not None:
            name = sheet
        elif prefer is not None and prefer in names:
            name = prefer
        else:
            name = names[0] if names else ""
        if name not in names:
            raise TableReadError(f"工作簿中没有工作表“{name}”")
        rows: list[tuple[int, tuple[Any, ...]]] = []
        for number, values in enumerate(workbook[name].iter_rows(values_only=True), start=1):
            if number > MAX_TABLE_ROWS:
                raise TableReadError(f"工作表“{name}”超过{MAX_TABLE_ROWS}行")
            if any(value is not None and str(value).strip() for value in values):
                rows.append((number, tuple(values)))
        return name, rows
    finally:
        workbook.close()


def header_columns(
    name: str,
    rows: list[tuple[int, tuple[Any, ...]]],
    required: tuple[str, ...],
    problems: list[str],
    expected: str = "",
) -> dict[str, int] | None:
    """The column index of each title in the header row (the first of ``rows``).

    An empty sheet, or a header without a ``required`` title, adds one sentence to ``problems``
    (``expected`` appended, e.g. "（应有 …）") and gives ``None``.
    """
    if not rows:
        problems.append(f"工作表“{name}”是空的")
        return None
    header_number, header = rows[0]
    columns = {str(value).strip(): index for index, value in enumerate(header) if value is not None}
    missing = [title for title in required if title not in columns]
    if missing:
        problems.append(f"工作表“{name}”第{header_number}行缺少列：{'、'.join(missing)}{expected}")
        return None
    return columns


def cell_address(row: int, column: int) -> str:
    """``B7`` for row 7, column 2 (both 1-based)."""
    return f"{get_column_letter(column)}{row}"
