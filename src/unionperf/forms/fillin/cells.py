"""Cell helpers for the fill-in writer: text that can never become a formula, styled headers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from unionperf.forms.safe import write_text

MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_INFO_FILL = PatternFill("solid", fgColor="EDEDED")
_HIDDEN_FILL = PatternFill("solid", fgColor="D9D9D9")
_WRAP = Alignment(wrap_text=True, vertical="center")


def text_cell(sheet: Any, value: str) -> WriteOnlyCell | None:
    """A cell holding ``value`` as text, whatever it starts with (no spreadsheet injection).

    :func:`unionperf.forms.safe.write_text` forces a string cell (openpyxl would store ``=…`` as
    a formula) and sets the quote prefix on formula-like text, so that Excel and WPS keep it text
    even when the user opens the cell for editing. Text cells are also formatted as text (``@``).
    """
    if not value:
        return None
    cell = WriteOnlyCell(sheet)
    write_text(cell, value)
    cell.number_format = TEXT_FORMAT
    return cell


def number_cell(sheet: Any, value: Decimal | int | None, money: bool = False) -> Any:
    """A numeric cell (money with two decimals and separators), or ``None`` for no value."""
    if value is None:
        return None
    cell = WriteOnlyCell(sheet, value=value)
    if money:
        cell.number_format = MONEY_FORMAT
    return cell


def date_cell(sheet: Any, value: date | None) -> Any:
    """A date cell shown as ``yyyy-mm-dd``, or ``None``."""
    if value is None:
        return None
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = DATE_FORMAT
    return cell


def header_cell(sheet: Any, value: str, kind: str = "input") -> WriteOnlyCell:
    """A bold header; ``kind`` ``info`` (read-only column) and ``hidden`` are greyed."""
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.font = _HEADER_FONT
    cell.alignment = _WRAP
    cell.fill = {"info": _INFO_FILL, "hidden": _HIDDEN_FILL}.get(kind, _HEADER_FILL)
    return cell


def label_cell(sheet: Any, value: str) -> WriteOnlyCell:
    """A bold fixed label (说明 and 预算 fixed cells)."""
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.font = _HEADER_FONT
    return cell


def list_validation(source: str, cells: str, *, strict: bool = True) -> DataValidation:
    """A drop-down list from a range of the 选项 sheet; ``strict`` refuses other values in Excel.

    Non-strict lists only warn, for columns that accept several choices in one cell.
    """
    validation = DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showDropDown=False,
        showErrorMessage=True,
        errorStyle="stop" if strict else "warning",
        errorTitle="请从列表中选择",
        error="请从下拉列表中选择；导入时也会检查。",
    )
    validation.add(cells)
    return validation
