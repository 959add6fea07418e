"""Sizes, colours and paragraph styles shared by the PDF writer's modules."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

import reportlab.platypus.paragraph as rl_paragraph
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.platypus import Paragraph

from unionperf.forms.fonts import FONT_NAME
from unionperf.forms.model import Light, Orientation
from unionperf.forms.pdf_para import cached_paragraph

_CHINESE_CANNOT_START = "，；：！？、。」』）》〉…％"
"""Chinese closing punctuation that must not start a line. reportlab's CJK line breaking only
knows the Japanese set (no full-width comma, semicolon, colon…); a comma at the start of a line
in a form looks like an error, so the set is completed once, here."""

if not set(_CHINESE_CANNOT_START) <= set(rl_paragraph.ALL_CANNOT_START):
    rl_paragraph.ALL_CANNOT_START += "".join(
        ch for ch in _CHINESE_CANNOT_START if ch not in rl_paragraph.ALL_CANNOT_START
    )

_HANGING = frozenset(rl_paragraph.ALL_CANNOT_START)

PAGE_MARGINS = (18 * mm, 18 * mm, 20 * mm, 16 * mm)
"""Left, right, top and bottom page margins (the header sits in the top margin)."""

SEAL_SIZE = 4.2 * cm
"""The seal space: official seals are 4 cm across (4.2 cm leaves room for a slightly off stamp)."""

QR_SIZE = 3.2 * cm

BODY_SIZE = 9.0
BODY_LEADING = 11.5
TITLE_SIZE = 18.0

HEADER_GREY = colors.HexColor("#E3E3E3")
LABEL_GREY = colors.HexColor("#F2F2F2")
GRID = colors.HexColor("#404040")
LIGHT_COLOURS = {
    Light.GREEN: colors.HexColor("#CDEFC4"),
    Light.YELLOW: colors.HexColor("#FFF0A8"),
    Light.RED: colors.HexColor("#F8C9C4"),
    Light.BLUE: colors.HexColor("#CFE2F7"),
}


def frame_width(orientation: Orientation) -> float:
    """The width of the text frame of an A4 page in ``orientation``, in points."""
    width = landscape(A4)[0] if orientation is Orientation.LANDSCAPE else A4[0]
    return float(width - PAGE_MARGINS[0] - PAGE_MARGINS[1])


def frame_height(orientation: Orientation) -> float:
    """The height of the text frame of an A4 page in ``orientation``, in points."""
    height = landscape(A4)[1] if orientation is Orientation.LANDSCAPE else A4[1]
    return float(height - PAGE_MARGINS[2] - PAGE_MARGINS[3])


@dataclass(frozen=True, slots=True)
class Styles:
    """The paragraph styles of the text around the tables."""

    subtitle: ParagraphStyle
    meta: ParagraphStyle
    caption: ParagraphStyle
    note: ParagraphStyle
    signoff: ParagraphStyle
    qr: ParagraphStyle


def style(name: str, size: float = BODY_SIZE, **kw: Any) -> ParagraphStyle:
    """A paragraph style in the bundled font with Chinese line breaking."""
    return ParagraphStyle(
        name,
        fontName=FONT_NAME,
        fontSize=size,
        leading=kw.pop("leading", size * 1.28),
        wordWrap="CJK",
        **kw,
    )


@lru_cache(maxsize=1)
def styles() -> Styles:
    """The shared styles (created once: the font must be registered before)."""
    return Styles(
        subtitle=style("subtitle", 11.5, alignment=TA_CENTER, spaceAfter=2),
        meta=style("meta", 10),
        caption=style("caption", 10.5, spaceBefore=6, spaceAfter=3),
        note=style("note", 8.5, leading=11),
        signoff=style("signoff", 10.5, leading=14),
        qr=style("qr", 6.5, leading=8, alignment=TA_CENTER),
    )


DENSE_SIZE = 8.0
"""The table text of a dense form (a sheet that must fit one page, e.g. the disclosure sheet)."""


def leading_for(size: float) -> float:
    """The line spacing of table text in ``size`` points (11.5 for the standard 9 pt)."""
    return size * BODY_LEADING / BODY_SIZE


@lru_cache(maxsize=32)
def cell_style(align: int, hanging: bool = False, size: float = BODY_SIZE) -> ParagraphStyle:
    """The style of table cells aligned ``align`` (TA_LEFT, TA_CENTER or TA_RIGHT).

    CJK line breaking lets a closing mark (。，）) hang past the line end. For a text that
    has such marks (``hanging``), half an em is kept spare on that side (on both sides of
    centred text, which moves by half the overhang), so the mark stays inside the cell
    instead of on the grid line; other texts keep the whole width.
    """
    spare = size / 2 if hanging else 0
    return style(
        f"cell-{align}-{hanging}-{size}",
        size,
        leading=leading_for(size),
        alignment=align,
        leftIndent=spare if align == TA_CENTER else 0,
        rightIndent=0 if align == TA_RIGHT else spare,
    )


def may_hang(text: str) -> bool:
    """Whether ``text`` holds a mark that CJK line breaking may hang past the line end."""
    return not _HANGING.isdisjoint(text)


def escaped_text(text: str) -> str:
    """Plain text as paragraph markup: escaped, newlines kept."""
    return escape(text).replace("\n", "<br/>")


def para(text: str, paragraph_style: ParagraphStyle) -> Paragraph:
    """Plain text (escaped, newlines kept) as a paragraph (parsed and broken once per repeat)."""
    return cached_paragraph(escaped_text(text), paragraph_style)


ALIGNMENTS = {"left": TA_LEFT, "center": TA_CENTER, "centre": TA_CENTER, "right": TA_RIGHT}
