"""Reading cells of the fill-in workbook: typed values, each failure a problem naming its cell."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from openpyxl.utils import get_column_letter

from unionperf.domain.money import ZERO, AmountError, format_plain, parse_decimal, round2
from unionperf.forms.fillin import limits
from unionperf.forms.fillin.layout import (
    CHECK,
    FINGERPRINTED,
    LATER_COLUMNS,
    ImportProblem,
    cell_text,
    fingerprint,
    later_missing,
)

T = TypeVar("T")

MAX_PROBLEMS = 1000
"""Beyond this many problems the reader stops listing them (the file is clearly not right)."""

CONFLICT = "此行在导出填报表之后已在软件中修改过：为免覆盖那些修改，请重新导出填报表后再填写本行"
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


_QUOTED = re.compile(r"“([^”]{41,})”")


def _cut(match: re.Match[str]) -> str:
    return f"“{shorten(match.group(1), 40)}”"


class Problems:
    """The problems found so far, in the order found."""

    def __init__(self) -> None:
        self.items: list[ImportProblem] = []
        self.found = 0

    def add(self, sheet: str, cell: str, message: str) -> None:
        """Record one problem (beyond :data:`MAX_PROBLEMS`, only counted).

        A long value quoted in the message (“…”) is cut to its first characters and its length.
        """
        self.found += 1
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(ImportProblem(sheet, cell, _QUOTED.sub(_cut, message)))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return self.found


def is_blank(value: Any) -> bool:
    """An empty cell, or one holding only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


as_text = cell_text
"""A cell's value as text (see :func:`layout.cell_text`)."""


class Grid:
    """One worksheet's values with its header row, read once."""

    def __init__(
        self, name: str, rows: list[tuple[Any, ...]], problems: Problems, header_row: int = 1
    ) -> None:
        self.name = name
        self.rows = rows
        self.problems = problems
        self.header_row = header_row
        header = rows[header_row - 1] if len(rows) >= header_row else ()
        self._fingerprinted: tuple[str, ...] | None = None
        self.columns: dict[str, int] = {}
        for index, value in enumerate(header):
            title = as_text(value).strip()
            if title and title not in self.columns:
                self.columns[title] = index

    def value(self, address: tuple[int, int]) -> Any:
        """The value at (row, column), both 1-based; ``None`` outside the data."""
        row, column = address
        if row > len(self.rows) or column > len(self.rows[row - 1]):
            return None
        return self.rows[row - 1][column - 1]

    def fingerprinted(self) -> tuple[str, ...]:
        """The titles a row's fingerprint covers here: later columns the sheet lacks left out.

        A workbook of an earlier version has no such column and fingerprinted its rows without.
        Worked out once per sheet (every row asks).
        """
        if self._fingerprinted is None:
            missing = later_missing(self.name, self.columns)
            titles = FINGERPRINTED.get(self.name, ())
            self._fingerprinted = tuple(title for title in titles if title not in missing)
        return self._fingerprinted

    def check_columns(self, required: tuple[str, ...]) -> None:
        """Report every required column missing from the header row (later ones may be missing)."""
        later = LATER_COLUMNS.get(self.name, ())
        for title in required:
            if title not in self.columns and title not in later:
                cell = f"A{self.header_row}"
                self.problems.add(self.name, cell, f"缺少列“{title}”（第{self.header_row}行表头）")

    def data_rows(self, watched: tuple[str, ...] = ()) -> Iterator[Row]:
        """The rows below the header that hold anything in the known (or ``watched``) columns."""
        indexes = [
            self.columns[title] for title in watched or self.columns if title in self.columns
        ]
        for number in range(self.header_row + 1, len(self.rows) + 1):
            values = self.rows[number - 1]
            if any(index < len(values) and not is_blank(values[index]) for index in indexes):
                yield Row(self, number, values)


class Row:
    """One data row; a reader that fails records a problem at the cell and returns ``None``."""

    def __init__(self, grid: Grid, line: int, values: tuple[Any, ...]) -> None:
        self.grid = grid
        self.line = line
        self.values = values

    def raw(self, title: str) -> Any:
        """The cell's value, ``None`` when blank or when the column is missing."""
        index = self.grid.columns.get(title)
        if index is None or index >= len(self.values):
            return None
        value = self.values[index]
        return None if is_blank(value) else value

    def cell(self, title: str) -> str:
        """The address of this row's cell in that column, e.g. ``H12``."""
        index = self.grid.columns.get(title, 0)
        return f"{get_column_letter(index + 1)}{self.line}"

    def problem(self, title: str, message: str) -> None:
        """Record a problem at this row's cell in that column."""
        self.grid.problems.add(self.grid.name, self.cell(title), message)

    def untouched(self) -> bool:
        """Whether the row's input cells are still as exported (its hidden fingerprint matches)."""
        stored = self.text(CHECK).strip()
        return bool(stored) and fingerprint(self._cells(self.grid.fingerprinted())) == stored

    def conflicts(self, exported: Mapping[str, Any], title: str) -> bool:
        """Whether the workspace's record changed since the export; if so, a problem at ``title``.

        ``exported`` is the record as the writer would render it now; an edited row may only
        replace a record that is still as it was when the workbook was exported.
        """
        stored = self.text(CHECK).strip()
        titles = self.grid.fingerprinted()
        if not stored or fingerprint(exported.get(title) for title in titles) == stored:
            return False
        self.problem(title, CONFLICT)
        return True

    def _cells(self, titles: tuple[str, ...]) -> list[Any]:
        columns = [self.grid.columns.get(title) for title in titles]
        return [
            self.values[index] if index is not None and index < len(self.values) else None
            for index in columns
        ]

    def has(self, *titles: str) -> bool:
        """Whether any of those cells holds something."""
        return any(self.raw(title) is not None for title in titles)

    def text(self, title: str) -> str:
        """The cell as text (blank: ``""``); spaces inside are kept as typed."""
        value = self.raw(title)
        return "" if value is None else as_text(value)

    def number(self, title: str) -> Decimal | None:
        """A decimal number, ``None`` when blank (or not a number: then a problem)."""
        value = self.raw(title)
        if value is None:
            return None
        try:
            return to_decimal(value)
        except OutOfRange as error:
            self.problem(title, f"“{title}”的数值{error.shown}{error.reason}")
            return None
        except AmountError:
            self.problem(title, f"“{shorten(as_text(value))}”不是数字，请填写数字")
            return None

    def money(self, title: str, *, negative: bool = False) -> Decimal | None:
        """An amount in yuan with at most two decimals (negative only when allowed)."""
        amount = self.number(title)
        if amount is None:
            return None
        rounded = round2(amount)
        if abs(rounded - amount) > Decimal("0.000001"):
            self.problem(title, f"金额最多两位小数（元），现为{format_plain(amount)}")
            return None
        if rounded < ZERO and not negative:
            self.problem(title, f"金额不能为负数，现为{format_plain(rounded)}")
            return None
        return rounded

    def day(self, title: str) -> date | None:
        """A date (a date cell, or text such as 2024-03-31 or 2024年3月31日)."""
        value = self.raw(title)
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        match = _DATE.match(as_text(value).strip())
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:
                pass
        self.problem(title, f"“{as_text(value)}”不是有效日期，请按 2024-03-31 的格式填写")
        return None

    def choice(self, title: str, options: Mapping[str, T], what: str) -> T | None:
        """One of the listed labels (blank: ``None``); otherwise a problem listing the choices."""
        text = self.text(title).strip()
        if not text:
            return None
        if text in options:
            return options[text]
        allowed = "、".join(options)
        self.problem(title, f"未知的{what}“{text}”，应为：{allowed}")
        return None


def same(old: Decimal | None, new: Decimal | None) -> Decimal | None:
    """``old`` when the read number equals it (126.3 read for 126.30 keeps 126.30), else ``new``.

    Keeps the stored form of unchanged numbers, so an edited row's audit entry shows only what
    the user changed.
    """
    return old if old is not None and new is not None and old == new else new


class OutOfRange(AmountError):  # noqa: N818 - an AmountError, named for its reason
    """A number too large, or with too many decimal places, to be imported."""

    def __init__(self, shown: str, reason: str) -> None:
        super().__init__(f"{shown}{reason}")
        self.shown = shown
        self.reason = reason


def shorten(text: str, limit: int = 24) -> str:
    """A value for a message: long texts cut, with their length."""
    return text if len(text) <= limit else f"{text[:limit]}…（共{len(text)}个字符）"


def to_decimal(value: Any) -> Decimal:
    """A cell value as a Decimal (floats through their shortest repr, so 126.3 stays 126.3).

    Raises:
        OutOfRange: larger than :data:`~limits.MAX_NUMBER` or with more than
            :data:`~limits.MAX_DECIMALS` decimal places.
        AmountError: text that is not a number, a boolean, a date, or a non-finite float.
    """
    if isinstance(value, bool | date | datetime):
        raise AmountError(str(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise AmountError(str(value))
        return _in_range(Decimal(repr(value)), repr(value))
    if isinstance(value, int) and value.bit_length() > _MAX_BITS:
        raise OutOfRange(f"“{shorten(str(value))}”", _TOO_LARGE)
    if isinstance(value, int | Decimal):
        return _in_range(parse_decimal(value), str(value))
    return _in_range(parse_decimal(str(value)), str(value))


_MAX_BITS = limits.MAX_NUMBER.bit_length()
_TOO_LARGE = f"超出范围（绝对值不能超过{limits.MAX_NUMBER:,}）"


def _in_range(number: Decimal, text: str) -> Decimal:
    """The number, unless its magnitude or its decimal places are beyond the limits."""
    if abs(number) > limits.MAX_NUMBER:
        raise OutOfRange(f"“{shorten(text)}”", _TOO_LARGE)
    _sign, digits, exponent = number.as_tuple()
    if isinstance(exponent, int) and exponent < 0:
        trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
        if exponent + trailing < -limits.MAX_DECIMALS:
            raise OutOfRange(f"“{shorten(text)}”", f"小数位数过多（最多{limits.MAX_DECIMALS}位）")
    return number
