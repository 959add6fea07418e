"""Wrapped texts written straight into the page: each line one text operator, made once.

reportlab's paragraph drawing sets up a text object per paragraph and formats every number
and glyph run anew; a form family repeats most texts and draws only plain runs of one font.
:func:`draw_lines` writes the lines of a :class:`~unionperf.forms.pdf_text.CellText` or of a
one-font paragraph at the places the paragraph would put them, each line's operators (font
subset, size, encoded glyphs) made once per document and text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont

from unionperf.forms.fonts import FONT_NAME
from unionperf.forms.pdf_text import CellText

__all__ = ["draw_lines", "texts_of"]

_SQUEEZED = 1e-8
"""A line wider than its room by more than this is squeezed by word spacing (at no-break
spaces) when the paragraph draws it: such paragraphs draw themselves."""
_ALIGNED = (TA_LEFT, TA_CENTER, TA_RIGHT)


def texts_of(canvas: Any) -> Callable[[str, float], str]:
    """The page operators that show a line of text, made once per document and text."""
    doc = canvas._doc
    known: dict[tuple[str, float], str] | None = getattr(doc, "_unionperf_texts", None)
    if known is None:
        known = {}
        doc._unionperf_texts = known
    font = getFont(FONT_NAME)
    escape = canvas._escape

    def operators(text: str, size: float) -> str:
        key = (text, size)
        made = known.get(key)
        if made is None:
            tf = f"{fp_str(size)} Tf"
            made = " ".join(
                f"{font.getSubsetInternalName(subset, doc)} {tf} ({escape(part)}) Tj"
                for subset, part in font.splitString(text, doc)
            )
            known[key] = made
        return made

    return operators


def draw_lines(canvas: Any, paragraph: Any, x: float, y: float) -> bool:
    """Write a wrapped paragraph's lines with its bottom left at (x, y), as it would draw them.

    Each line is placed as the paragraph places it: left, centred or right in its width less
    its indents, the first baseline a font size below its top. Returns ``False`` (nothing
    drawn) for a paragraph that must draw itself: several fonts or sizes, justified, with
    bullets, underlines, links, a background or a border. The fill colour must be the text's.
    """
    lines = _simple_lines(paragraph)
    if lines is None:
        return False
    texts = texts_of(canvas)
    style = paragraph.style
    alignment = style.alignment
    font_size = style.fontSize
    leading = style.leading
    x += style.leftIndent
    baseline = y + paragraph.height - font_size
    code = canvas._code
    for spare, text in lines:
        if text:
            if alignment == TA_CENTER:
                at = x + 0.5 * spare
            elif alignment == TA_RIGHT:
                at = x + spare
            else:
                at = x
            code.append(f"BT 1 0 0 1 {at:.4f} {baseline:.4f} Tm {texts(text, font_size)} ET")
        baseline -= leading
    return True


def _simple_lines(paragraph: Any) -> Sequence[tuple[float, str]] | None:
    """The paragraph's lines when it is one plain run of text (``None``: let it draw itself)."""
    if isinstance(paragraph, CellText):
        return paragraph.lines
    style = paragraph.style
    para: Any = getattr(paragraph, "blPara", None)
    plain = (
        para is not None
        and para.kind == 0
        and style.alignment in _ALIGNED
        and not style.firstLineIndent
        and not style.backColor
        and not (style.borderColor and style.borderWidth)
        and not getattr(para, "us_lines", None)
        and not getattr(para, "link", None)
        and not getattr(paragraph, "bulletText", None)
        and para.fontName == FONT_NAME
        and para.fontSize == style.fontSize
    )
    if not plain:
        return None
    lines: list[tuple[float, list[str]]] = para.lines
    for spare, words in lines:
        if len(words) != 1 or (spare <= -_SQUEEZED and "\xa0" in words[0]):
            return None
    return [(spare, words[0]) for spare, words in lines]
