"""The layout model of a form: computed once from the year's data, drawn by ``xlsx`` and ``pdf``.

A :class:`Form` is one printed form (one page or more): a title, lines above the table (unit,
year, money unit), one or more table :class:`Block` s and the sign-off block. A block is a grid of
:class:`Cell` s with explicit column and row spans, so merged headers come out the same in Excel
and in the PDF. Values keep their type (``Decimal`` money, rates, text) so that Excel gets numbers
with number formats and the PDF gets formatted text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Kind(StrEnum):
    """What a cell holds, deciding its number format and alignment."""

    TEXT = "text"
    """User or fixed text, left-aligned, wrapped; never a formula in Excel."""
    LABEL = "label"
    """A fixed row or column label (bold background in headers)."""
    MONEY = "money"
    """An amount with two decimals and thousands separators (元 or 万元 as the form says)."""
    RATE = "rate"
    """A fraction shown as a percentage with two decimals (0.93 → 93.00%)."""
    NUMBER = "number"
    """A plain decimal (targets, points, scores as held)."""
    SCORE = "score"
    """A score with two decimals."""


class Orientation(StrEnum):
    """Page orientation of the printed form."""

    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"


class Light(StrEnum):
    """Background colours used for traffic lights."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    BLUE = "blue"


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell; ``value`` is text for TEXT/LABEL and a Decimal (or None) for numeric kinds."""

    value: str | Decimal | None
    kind: Kind = Kind.TEXT
    colspan: int = 1
    rowspan: int = 1
    bold: bool = False
    light: Light | None = None
    align: str = ""
    """``left``, ``center`` or ``right``; empty = by kind (numbers right, labels centre)."""

    @property
    def text(self) -> str:
        """The cell as printed on paper."""
        return display(self.value, self.kind)


@dataclass(frozen=True, slots=True)
class Block:
    """A table: its caption, column widths (relative), header rows and body rows.

    Rows list only the cells that start there: a cell spanning columns or rows covers the
    positions to its right and below, which the following cells skip (as in HTML tables).
    """

    columns: tuple[float, ...]
    header: tuple[tuple[Cell, ...], ...] = ()
    rows: tuple[tuple[Cell, ...], ...] = ()
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Form:
    """One form of a form family: e.g. the target declaration of one project."""

    key: str
    """Stable identifier, also the base of the sheet name (e.g. ``targets-p2024-01``)."""
    title: str
    """The official title, e.g. 项目支出绩效目标申报表."""
    sheet: str
    """A short sheet name (≤ 31 characters), e.g. 目标-职工文体活动."""
    unit_name: str
    year: int
    orientation: Orientation = Orientation.PORTRAIT
    subtitle: str = ""
    """E.g. the project name or the monitoring period."""
    meta: tuple[tuple[str, str], ...] = ()
    """Label-value pairs printed above the table, e.g. (填报单位（盖章）, 名称), (单位, 万元)."""
    blocks: tuple[Block, ...] = ()
    signoff: tuple[str, ...] = ("填报人", "工会主席", "经审会主任")
    """The roles of the sign-off block; each gets a name and date line; a seal space follows."""
    signed: tuple[tuple[str, str, str], ...] = ()
    """Recorded sign-offs as (role label, name, date) to print on the lines, when known."""
    notes: tuple[str, ...] = ()
    """Lines printed under the table (填表说明)."""
    qr: str = ""
    """Text to print as a QR code beside the sign-off block (the cover sheet: file name,
    SHA-256 and key id); the workbook writes the text itself."""
    dense: bool = False
    """Print the tables in smaller type (8 pt instead of 9 pt): a sheet meant to fit one page."""
    continued: str = ""
    """Printed prominently at the top of each page after the form's first, when the form runs
    over (the one-page disclosure sheet of a large unit says so); empty: nothing printed."""


@dataclass(frozen=True, slots=True)
class FormFamily:
    """A family of forms written as one PDF (projects as pages) and sheets of one workbook."""

    key: str
    """File base name, e.g. ``project-targets``."""
    title: str
    forms: tuple[Form, ...] = field(default_factory=tuple)


def display(value: str | Decimal | None, kind: Kind) -> str:
    """How a value is printed: money with separators, rates as percentages, scores to 2 places."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if kind is Kind.MONEY:
        return f"{value:,.2f}"
    if kind is Kind.RATE:
        return f"{value * 100:.2f}%"
    if kind is Kind.SCORE:
        return f"{value:.2f}"
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
