"""User text in spreadsheet cells: always text, never a formula (issue 4, XLSX quality).

openpyxl turns a string that starts with ``=`` into a formula and ``#N/A``-like strings into
error values; Excel and WPS turn a typed ``+``, ``-`` or ``@`` into a formula when the user edits
the cell. :func:`write_text` stores every text as a string cell (``data_type = "s"``) and marks
formula-like text with Excel's *quote prefix* style, the same as typing a leading apostrophe:
the text is kept exactly (no visible apostrophe, unchanged after a round trip through
``openpyxl.load_workbook``), and editing the cell in Excel or WPS keeps it text.

This module imports nothing from openpyxl: the cell is passed in.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["MAX_CELL_TEXT", "formula_like", "safe_text", "write_text"]

MAX_CELL_TEXT = 32767
"""Excel's limit on the characters of one cell."""

_FORMULA_STARTS = frozenset("=+-@＝＋－＠")
"""Characters that make Excel, WPS or LibreOffice read the rest as a formula (with full-width
forms, which input methods produce and some spreadsheet programs normalise)."""

_LEADING_BLANKS = " \t\r\n\u3000\u00a0"
"""Blanks a spreadsheet program may skip before looking for a formula sign."""

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold (openpyxl refuses them): control characters except tab, LF
and CR, and the non-characters U+FFFE and U+FFFF."""


def formula_like(value: str) -> bool:
    """Whether a text would be read as a formula if typed into a cell.

    True when the first character after leading blanks (spaces, tab, CR, LF, the ideographic and
    the no-break space) is ``=``, ``+``, ``-`` or ``@``, half- or full-width.
    """
    stripped = value.lstrip(_LEADING_BLANKS)
    return bool(stripped) and stripped[0] in _FORMULA_STARTS


def safe_text(value: str) -> str:
    """The text to store in a cell, as it reads back from the saved workbook.

    Characters XML cannot hold are dropped, line ends become LF (an XML reader turns CR LF and a
    lone CR into LF anyway; Excel breaks lines in a cell at LF) and the text is cut to Excel's
    limit. Everything else is kept exactly; :func:`write_text` still writes the result as a
    string cell, so a leading ``=``, ``+``, ``-`` or ``@`` stays text.
    """
    cleaned = _ILLEGAL.sub("", value).replace("\r\n", "\n").replace("\r", "\n")
    return cleaned[:MAX_CELL_TEXT]


def write_text(cell: Any, value: str) -> None:
    """Store ``value`` in an openpyxl cell as text, never as a formula or an error value.

    Args:
        cell: An ``openpyxl.cell.Cell`` of a workbook being written.
        value: User or fixed text.
    """
    text = safe_text(value)
    cell.value = text
    # openpyxl infers 'f' for a leading '=' and 'e' for '#N/A' and the like: force a string.
    cell.data_type = "s"
    if formula_like(text):
        cell.quotePrefix = True
