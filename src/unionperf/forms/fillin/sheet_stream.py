"""One sheet's cells, streamed: values as openpyxl's read-only mode gives them, bounded.

Rows, columns, cells, text lengths and the memory the values hold are counted while the sheet is
read; the first limit passed stops the reading (the declared ``<dimension>`` is checked before
any row). A formula is taken only through its cached value: one without a cached value, an
error value (``#DIV/0!``), a number that is no finite number of a sane length and a text over
:data:`~limits.MAX_CELL_TEXT` characters become :class:`Issue` s, reported with the cell once the
sheet's headers are known (:mod:`unionperf.forms.fillin.cell_checks`). Merged ranges are kept
to be checked against the input cells.
"""

from __future__ import annotations

import math
import re
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import from_excel, from_ISO8601

from unionperf.forms.fillin import limits
from unionperf.forms.fillin.workbook_parts import Book, Content, TooLong, names
from unionperf.forms.fillin.xml_stream import PartHandler, parse_part

_TAGS = names("sheetData", "row", "c", "v", "f", "is", "t", "rPh", "mergeCell", "dimension")
_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")
_RANGE = re.compile(r"^([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?$")
_MEMO_LENGTH = 64
"""Texts up to this length are stored once however many cells repeat them."""
_EMPTY: tuple[Any, ...] = ()
_ROW_DIGITS = 7
_INDEX_DIGITS = 9
_DIGITS = "0123456789"
_COLUMNS = {get_column_letter(index): index for index in range(1, limits.MAX_COLUMNS + 1)}
"""The column letters within the limit (the fast path of a cell reference)."""


def _iso_date(text: str) -> Any:
    """A ``t="d"`` cell: an ISO 8601 date, or its text when it is none."""
    try:
        return from_ISO8601(text)
    except ValueError:
        return text


@dataclass(frozen=True, slots=True)
class Issue:
    """A cell whose value cannot be used: ``kind`` is uncached, error, number, long or bad."""

    row: int
    column: int
    kind: str
    detail: str


@dataclass
class SheetData:
    """One sheet as read: its rows (row n at index n-1), merged ranges and cell issues."""

    rows: list[tuple[Any, ...]] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def read_sheet(archive: zipfile.ZipFile, name: str, book: Book, content: Content) -> SheetData:
    """Stream the sheet ``name`` (its part is in ``book``); limits raise ``Refused``."""
    handler = _SheetHandler(name, book, content)
    parse_part(archive, book.sheets[name], handler)
    return handler.result


def span(reference: str) -> tuple[int, int, int, int] | None:
    """``B2:D5`` as (first row, first column, last row, last column); ``None`` if malformed."""
    match = _RANGE.match(reference.upper())
    if not match:
        return None
    first_col, first_row, last_col, last_row = match.groups()
    top, left = int(first_row), column_index_from_string(first_col)
    bottom = int(last_row) if last_row else top
    right = column_index_from_string(last_col) if last_col else left
    return min(top, bottom), min(left, right), max(top, bottom), max(left, right)


class _SheetHandler(PartHandler):
    """The sheet's elements, dispatched by name (the hot path of the import: kept lean)."""

    def __init__(self, sheet: str, book: Book, content: Content) -> None:
        super().__init__()
        self.sheet = sheet
        self.max_rows, self.largest_rows = limits.row_limit(sheet)
        self.book = book
        self.content = content
        self.dates = frozenset(str(index) for index in book.date_styles)
        self.result = SheetData()
        self.memo: dict[str, str] = {}
        self.row = 0
        self.row_text = "0"
        self.cells: list[tuple[int, Any]] = []
        self.held = 0
        self.column = 0
        self.kind = "n"
        self.date = False
        self.formula: str | None = None
        self.value: str | None = None
        self.parts: list[str] = []
        self.length = 0
        self.collect = False
        self.phonetic = 0
        self.converters: dict[str, Callable[[str], Any]] = {
            "b": self._boolean,
            "d": _iso_date,
        }
        openers: dict[str, Callable[[dict[str, str]], None]] = {
            "c": self._open_cell,
            "v": self._open_text,
            "f": self._open_text,
            "is": self._open_text,
            "t": self._open_run,
            "rPh": self._open_phonetic,
            "row": self._open_row,
            "mergeCell": self._merge,
            "dimension": self._dimension,
        }
        closers: dict[str, Callable[[], None]] = {
            "c": self._close_cell,
            "v": self._close_value,
            "f": self._close_formula,
            "t": self._close_run,
            "rPh": self._close_phonetic,
            "row": self._close_row,
        }
        self.openers = {name: openers[tag] for name, tag in _TAGS.items() if tag in openers}
        self.closers = {name: closers[tag] for name, tag in _TAGS.items() if tag in closers}

    # -- elements ----------------------------------------------------------------------------

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > limits.MAX_DEPTH:
            self.refuse("", f"XML 元素嵌套超过{limits.MAX_DEPTH}层，不是 Excel 写出的内容")
        opener = self.openers.get(name)
        if opener is not None:
            opener(attributes)

    def end(self, name: str) -> None:
        self.depth -= 1
        closer = self.closers.get(name)
        if closer is not None:
            closer()

    def data(self, text: str) -> None:
        if self.collect:
            self.length += len(text)
            if self.length <= limits.MAX_CELL_TEXT:
                self.parts.append(text)

    def _open_text(self, _attributes: dict[str, str]) -> None:
        """``<v>``, ``<f>``: collect their text; ``<is>``: collect its runs' text."""
        self.parts = []
        self.length = 0
        self.collect = self.kind != "inlineStr" or not self.phonetic

    def _open_run(self, _attributes: dict[str, str]) -> None:
        self.collect = not self.phonetic

    def _close_run(self) -> None:
        self.collect = False

    def _open_phonetic(self, _attributes: dict[str, str]) -> None:
        self.phonetic += 1
        self.collect = False

    def _close_phonetic(self) -> None:
        self.phonetic -= 1

    def _close_value(self) -> None:
        self.value = self._text()
        self.collect = False

    def _close_formula(self) -> None:
        self.formula = self._text()[:60]
        self.collect = False
        self.length = 0

    def _text(self) -> str:
        return "".join(self.parts) if self.length <= limits.MAX_CELL_TEXT else ""

    # -- rows --------------------------------------------------------------------------------

    def _open_row(self, attributes: dict[str, str]) -> None:
        number = attributes.get("r")
        if number is None:
            row = self.row + 1
        elif number.isdigit() and len(number) <= _ROW_DIGITS:
            row = int(number)
        else:
            self.refuse("", f"行号“{number[:20]}”无效：文件可能已损坏，请用 Excel 或 WPS 重新保存")
        if row > self.max_rows:
            self.refuse(
                f"A{row}",
                f"工作表行数超过上限{self.max_rows:,}行（第{row:,}行；最大的单位此表约有"
                f"{self.largest_rows:,}行）：请删除多余的行后再导入",
            )
        if row <= self.row:
            self.refuse(f"A{row}", f"第{row}行出现在第{self.row}行之后：文件可能已损坏")
        self.row = row
        self.row_text = str(row)
        self.cells = []
        self.held = 0
        self.column = 0

    def _close_row(self) -> None:
        rows = self.result.rows
        cells = self.cells
        where = f"A{self.row}"
        if len(rows) < self.row - 1:
            self.content.add(8 * (self.row - 1 - len(rows)), self.sheet, where)
            rows.extend([_EMPTY] * (self.row - 1 - len(rows)))
        width = cells[-1][0] if cells else 0
        if width == len(cells):
            values = [value for _column, value in cells]
        else:
            values = [None] * width
            for column, value in cells:
                values[column - 1] = value
        self.content.count_cells(len(cells), self.sheet, where)
        self.content.add(self.held + 64 + 8 * width, self.sheet, where)
        rows.append(tuple(values) if values else _EMPTY)
        self.cells = []

    # -- cells -------------------------------------------------------------------------------

    def _open_cell(self, attributes: dict[str, str]) -> None:
        reference = attributes.get("r")
        if reference is None:
            column = self.column + 1
        else:
            letters = reference.rstrip(_DIGITS)
            column = _COLUMNS.get(letters, 0)
            if not column or reference[len(letters) :] != self.row_text:
                column = self._column_of(reference)
        if column <= self.column:
            self.refuse(f"{get_column_letter(column)}{self.row}", "单元格顺序无效：文件可能已损坏")
        self.column = column
        self.kind = attributes.get("t", "n")
        self.date = attributes.get("s") in self.dates
        self.formula = None
        self.value = None
        self.parts = []
        self.length = 0

    def _column_of(self, reference: str) -> int:
        """The column of a reference off the fast path: checked, or the workbook is refused."""
        match = _CELL.match(reference)
        if not match or int(match.group(2)) != self.row:
            shown = reference[:20]
            self.refuse("", f"单元格地址“{shown}”无效或不在第{self.row}行：文件可能已损坏")
        column = int(column_index_from_string(match.group(1)))
        if column > limits.MAX_COLUMNS:
            self.refuse(
                f"{get_column_letter(column)}{self.row}",
                f"工作表列数超过上限{limits.MAX_COLUMNS}列（{get_column_letter(column)}列；"
                "最宽的“项目”表有26列）：请删除多余的列后再导入",
            )
        return column

    def _close_cell(self) -> None:
        kind = self.kind
        text = self._text() if kind == "inlineStr" else self.value
        if self.length > limits.MAX_CELL_TEXT:
            self._issue("long", str(self.length))
        elif self.formula is not None and (
            text is None or (not text and kind not in ("str", "inlineStr"))
        ):
            self._issue("uncached", self.formula)
        elif kind == "e":
            self._issue("error", (text or "")[:20])
        elif text is not None:
            self._keep(kind, text)

    def _keep(self, kind: str, text: str) -> None:
        """Convert the cell's text to its value and keep it (counting what it holds)."""
        value: Any
        if kind == "s":
            value = self._shared(text)
            self.held += 8  # the text itself is counted with the table
        elif kind == "n":
            value = self._number(text)
            self.held += 40
        elif kind in ("str", "inlineStr"):
            value = text
            if len(text) <= _MEMO_LENGTH:
                value = self.memo.get(text)
                if value is None:
                    value = self.memo[text] = text
                    self.held += sys.getsizeof(text) + 80
                self.held += 8
            else:
                self.held += sys.getsizeof(text) + 8
        else:
            convert = self.converters.get(kind)
            if convert is None:
                self._issue("bad", f"单元格类型“{kind[:10]}”无效")
                return
            value = convert(text)
            self.held += 64
        if value is not None:
            self.cells.append((self.column, value))

    def _boolean(self, text: str) -> bool | None:
        if text in ("1", "true"):
            return True
        if text in ("0", "false"):
            return False
        self._issue("bad", f"逻辑值“{text[:20]}”无效")
        return None

    def _number(self, text: str) -> Any:
        number = self._parse_number(text.strip())
        if number is None or not self.date:
            return number
        try:
            return from_excel(number, self.book.epoch)
        except (OverflowError, ValueError, TypeError):
            return number

    def _parse_number(self, text: str) -> float | int | None:
        """A ``<v>`` as int or float (as openpyxl reads it), or an issue and ``None``."""
        if not text:
            return None
        if len(text) > limits.MAX_NUMBER_TEXT:
            self._issue("range", f"{text[:12]}…（共{len(text)}个字符）")
            return None
        try:
            number: float | int = (
                float(text) if "." in text or "e" in text or "E" in text else int(text)
            )
        except ValueError:
            self._issue("number", text)
            return None
        if isinstance(number, float) and not math.isfinite(number):
            # "inf" and "nan" are no numbers; 1e999 is one, too large for a double
            self._issue("number" if "n" in text.lower() else "range", text)
            return None
        return number

    def _shared(self, text: str) -> Any:
        shared = self.book.shared
        index = int(text) if text.isdigit() and len(text) <= _INDEX_DIGITS else -1
        if not 0 <= index < len(shared):
            self._issue("bad", f"共享字符串编号“{text[:12]}”无效")
            return None
        value = shared[index]
        if isinstance(value, TooLong):
            self._issue("long", str(value.length))
            return None
        return value

    def _issue(self, kind: str, detail: str) -> None:
        self.result.issues.append(Issue(self.row, self.column, kind, detail))
        if len(self.result.issues) > limits.MAX_CELLS:
            self.refuse("", "无法使用的单元格过多，已拒绝")

    # -- sheet-level elements ----------------------------------------------------------------

    def _merge(self, attributes: dict[str, str]) -> None:
        reference = attributes.get("ref", "")
        if len(self.result.merges) >= limits.MAX_MERGES:
            self.refuse("", f"合并单元格超过{limits.MAX_MERGES}处：请取消合并后再导入")
        if span(reference) is None:
            self.refuse("", f"合并单元格范围“{reference[:20]}”无效：文件可能已损坏")
        self.result.merges.append(reference.upper())

    def _dimension(self, attributes: dict[str, str]) -> None:
        reference = attributes.get("ref", "")
        bounds = span(reference)
        if bounds is None:
            return
        _top, _left, bottom, right = bounds
        if bottom > self.max_rows or right > limits.MAX_COLUMNS:
            self.refuse(
                "",
                f"工作表声明的范围 {reference[:30]} 超过上限（此表最多{self.max_rows:,}行、"
                f"{limits.MAX_COLUMNS}列）：请删除多余的行和列后再导入",
            )
