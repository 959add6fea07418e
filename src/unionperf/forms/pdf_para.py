"""Paragraphs that parse their markup and break their lines once per process for every repeat.

The forms repeat most of their texts (captions, notes, sign-off lines, table headers and
labels) at the same widths and styles; these paragraphs take the parsed fragments and the
broken lines of an earlier equal paragraph. The PDF stays byte for byte the same
(``tests/forms/test_pdf_caches.py``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from reportlab.platypus import Paragraph

from unionperf.forms.pdf_draw import draw_lines

__all__ = ["CachedParagraph", "cached_paragraph"]


_BROKEN: dict[tuple[str, Any, float], tuple[Any, ...]] = {}
"""A text's lines at a width, by (text, style, width): the forms repeat their headers and
labels at the same column widths, and breaking Chinese text into lines is the costly part."""
_BROKEN_MOST = 20_000


class CachedParagraph(Paragraph):  # type: ignore[misc]  # reportlab is untyped
    """A paragraph that remembers its layout for the last width.

    A table wraps each cell more than once, and a block's cells are shared by the table parts
    it is split into: breaking Chinese text into lines is the costly part of the PDF. A text
    already broken at the same width and style (by any cell) takes those lines (``_BROKEN``);
    the PDF stays byte for byte the same.
    """

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Lay the paragraph out ``avail_width`` wide, from the caches where possible."""
        if (
            self._wrapped is not None
            and self._wrapped[0] == avail_width
            and hasattr(self, "blPara")  # Paragraph.split drops it when nothing fits
        ):
            return self._wrapped[1]
        key = (self.text, self.style, avail_width)
        known = _BROKEN.get(key) if self.text else None
        if known is not None:  # the same text broken into lines at this width before
            self.width, self._wrapWidths, self.blPara, self.height = known
            width, height = self.width, self.height
        else:
            width, height = super().wrap(avail_width, avail_height)
            if self.text and len(_BROKEN) < _BROKEN_MOST:
                _BROKEN[key] = (self.width, self._wrapWidths, self.blPara, self.height)
        self._wrapped = (avail_width, (float(width), float(height)))
        return self._wrapped[1]

    def draw(self) -> None:
        """Draw the lines straight into the page when it is one plain run of text."""
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.style.textColor)
        drawn = draw_lines(canvas, self, 0.0, 0.0)
        canvas.restoreState()
        if not drawn:
            super().draw()


def cached_paragraph(markup: str, style: Any) -> CachedParagraph:
    """A paragraph, its markup parsed once per process for every paragraph that repeats it.

    The 201 self-evaluation forms of a large unit repeat their captions, notes, sign-off lines
    and the header and label texts of their tables; parsing a paragraph's markup was an eighth
    of the PDF. Each paragraph gets its own copies of the
    parsed fragments (reportlab may set attributes on them while it lays the text out).
    """
    parsed = _parsed(markup, style)
    if parsed is None:
        return CachedParagraph(markup, style)
    text, parsed_style, frags = parsed
    return CachedParagraph(text, parsed_style, frags=[frag.clone() for frag in frags])


@lru_cache(maxsize=4096)
def _parsed(markup: str, style: Any) -> tuple[str, Any, tuple[Any, ...]] | None:
    """The markup parsed as ``Paragraph`` parses it (``None``: let Paragraph itself do it)."""
    made = Paragraph(markup, style)
    if made.bulletText is not None or not all(hasattr(frag, "clone") for frag in made.frags):
        return None
    return made.text, made.style, tuple(frag.clone() for frag in made.frags)
