"""Cell styles of the forms workbook: the font, fills, borders and number formats.

Text is set in SimSun; table cells are bordered, headers and labels shaded, traffic lights
coloured (the cell also says 绿/黄/红/蓝) and numbers right-aligned with a number format.
"""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from unionperf.forms.model import Cell, Kind, Light

__all__ = [
    "BOLD",
    "FONTS",
    "FONT_NAME",
    "NUMBER_FORMATS",
    "PLAIN",
    "SMALL",
    "TITLE",
    "border_only",
    "style_cell",
    "style_line",
]

FONT_NAME = "宋体"
"""SimSun, on every Chinese Windows; WPS and LibreOffice substitute a CJK font elsewhere."""
NUMBER_FORMATS = {
    Kind.MONEY: "#,##0.00",
    Kind.RATE: "0.00%",
    Kind.SCORE: "0.00",
    Kind.NUMBER: "General",
}
_LIGHTS = {  # background, text colour: readable, and the cell also says 绿/黄/红/蓝
    Light.GREEN: ("C6EFCE", "006100"),
    Light.YELLOW: ("FFEB9C", "7F6000"),
    Light.RED: ("FFC7CE", "9C0006"),
    Light.BLUE: ("BDD7EE", "1F3864"),
}
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _font(size: float = 10, *, bold: bool = False, color: str | None = None) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, color=color, charset=134)  # GB2312


PLAIN, BOLD, TITLE, SMALL = "plain", "bold", "title", "small"
FONTS = {PLAIN: _font(), BOLD: _font(bold=True), TITLE: _font(16, bold=True), SMALL: _font(9)}
"""The fonts of the lines and cells, by name."""


def style_line(target: Any, font: str, align: str) -> None:
    """Font and alignment of a line's text (title, subtitle, caption, note or sign-off)."""
    target.font = FONTS[font]
    target.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)


def style_cell(target: Any, cell: Cell, *, header: bool) -> None:
    """Font, fill, border, alignment and number format of a table cell."""
    font = FONTS[BOLD if cell.bold or header else PLAIN]
    if cell.light is not None:
        background, colour = _LIGHTS[cell.light]
        target.fill = PatternFill("solid", fgColor=background)
        font = _font(bold=True, color=colour)
    elif header:
        target.fill = _HEADER_FILL
    elif cell.kind is Kind.LABEL:
        target.fill = _LABEL_FILL
    target.font = font
    target.border = _BORDER
    default = "center" if header or cell.kind is Kind.LABEL else "left"
    if cell.kind not in (Kind.TEXT, Kind.LABEL):
        default = "right"
        target.number_format = NUMBER_FORMATS.get(cell.kind, "General")
    target.alignment = Alignment(
        horizontal=cell.align or default, vertical="center", wrap_text=True
    )


def border_only(cell: Any) -> None:
    """The style of a cell covered by a merge: only its border shows."""
    cell.border = _BORDER
