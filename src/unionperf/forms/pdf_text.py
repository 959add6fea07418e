"""Cell texts broken into lines without reportlab's Paragraph (issue 17), exactly as it breaks them.

A form's table cells hold plain text in one font and size. Making a ``Paragraph`` of each means
parsing its markup, cloning fragments and measuring every character with ``stringWidth``; the
201 forms of a large unit have 50,000 such cells. :class:`CellText` breaks the text itself with
reportlab's own CJK line breaker (``textsplit.dumbSplit``: a line ends where the next character
no longer fits, closing punctuation may hang), with each character's width measured once per
process, and the lines of a text at a width kept for every cell that repeats it. A text with line
breaks is broken as ``cjkFragSplit`` breaks the fragments of ``<br/>``-separated markup: each
part on its own, the last line of a part ending at the break. Texts whose whitespace the
paragraph parser would normalise (leading, trailing or repeated spaces, tabs, empty lines, a
no-break space) are left to ``Paragraph`` (:func:`plain_enough`); ``tests/forms/test_pdf_text.py``
checks the lines against ``Paragraph``'s.
"""

from __future__ import annotations

from typing import Any
from unicodedata import category

import reportlab.lib.textsplit as rl_textsplit
import reportlab.platypus.paragraph as rl_paragraph
from reportlab.pdfbase.pdfmetrics import stringWidth

from unionperf.forms.fonts import FONT_NAME

__all__ = ["CellText", "break_lines", "cell_text_or_none", "plain_enough"]

Line = tuple[float, str]
"""A line: the room left on it (negative when a closing mark hangs past the end) and its text."""

_WIDTHS: dict[float, dict[str, float]] = {}
"""Each character's width at each size, measured once (``stringWidth`` of one character)."""

_LINES: dict[tuple[str, float, float], tuple[Line, ...]] = {}
"""A text's lines by (text, size, width): the forms repeat their labels and many texts."""
_LINES_MOST = 50_000
_ODD_SPACE = frozenset("\t\r\x0b\x0c\xa0\u3000")
_FUZZ = 1e-6  # reportlab's rl_config._FUZZ
_ENTITIES = frozenset("&<>")
"""Characters the markup escapes: the parser makes a fragment of each, so the paragraph is
broken as fragments are."""
_CJK = 0x3000
"""From this code point on, a character counts as CJK for line breaking (as in reportlab)."""


def plain_enough(text: str) -> bool:
    """Whether :class:`CellText` breaks ``text`` as a paragraph would (else use ``Paragraph``).

    Not: whitespace the markup parser collapses or strips (leading, trailing or repeated spaces,
    tabs, empty lines) and no-break spaces (squeezed, not hung, on an overfull line).
    """
    if not text or "  " in text or not _ODD_SPACE.isdisjoint(text):
        return False
    return all(part and part.strip(" ") == part for part in text.split("\n"))


def _widths(text: str, size: float) -> list[float]:
    known = _WIDTHS.get(size)
    if known is None:
        known = _WIDTHS[size] = {}
    widths = []
    for ch in text:
        width = known.get(ch)
        if width is None:
            width = known[ch] = stringWidth(ch, FONT_NAME, size)
        widths.append(width)
    return widths


def break_lines(text: str, size: float, width: float) -> tuple[Line, ...]:
    """``text`` (see :func:`plain_enough`) in lines at most ``width`` points wide."""
    key = (text, size, width)
    lines = _LINES.get(key)
    if lines is not None:
        return lines
    parts = text.split("\n")
    made: list[Line] = []
    if len(parts) == 1 and _ENTITIES.isdisjoint(text):
        # one fragment: wordSplit, which strips the ends of full lines
        cuts = _cuts(text, _widths(text, size), width, rl_textsplit.ALL_CANNOT_START)
        made = [
            (room, text[start:end].strip() if full else text[start:end])
            for room, start, end, full in cuts
        ]
    else:  # fragments (at <br/> and at escaped characters): cjkFragSplit, which strips nothing
        hanging = rl_paragraph.ALL_CANNOT_START
        for number, part in enumerate(parts):
            cuts = _cuts(part, _widths(part, size), width, hanging)
            made += [(room, part[start:end]) for room, start, end, _ in cuts]
            if number < len(parts) - 1 and cuts[-1][3]:
                # the part's last line ended for want of room: the break makes an empty line
                made.append((width, ""))
    lines = tuple(made)
    if len(_LINES) < _LINES_MOST:
        _LINES[key] = lines
    return lines


def _cuts(
    word: str, widths: list[float], max_width: float, hanging: str
) -> list[tuple[float, int, int, bool]]:
    """Where reportlab's ``dumbSplit`` (and ``cjkFragSplit``) end the lines of ``word``.

    A line ends before the character that no longer fits; in a run of non-CJK characters at a
    space or CJK character up to half the line back; a character in ``hanging`` (closing
    punctuation that cannot start a line) stays, hanging past the end. Each line as (room left,
    start, end, whether it ended for want of room rather than at the end of ``word``).

    ``wordSplit`` (a text without line breaks) takes the marks from ``reportlab.lib.textsplit``
    (the Japanese set), ``cjkFragSplit`` from ``reportlab.platypus.paragraph``, which
    ``pdf_style`` completes with the Chinese ones: the two differ, and the forms keep that.
    """
    lines: list[tuple[float, int, int, bool]] = []
    i = line_start = 0
    width_used = 0.0
    n = len(word)
    while i < n:
        w = widths[i]
        c = word[i]
        width_used += w
        i += 1
        if width_used > max_width + _FUZZ and width_used > 0:
            extra = max_width - width_used
            if ord(c) < _CJK:
                for j in range(i - 1, (line_start + i) >> 1, -1):
                    cj = word[j]
                    if category(cj) == "Zs" or ord(cj) >= _CJK:
                        k = j + 1
                        if k < i:
                            j = k + 1  # noqa: PLW2901  (as reportlab does)
                            extra += sum(widths[j:i])
                            w = widths[k]
                            c = word[k]
                            i = j
                            break
            if c not in hanging and i > line_start + 1:
                i -= 1
                extra += w
            lines.append((extra, line_start, i, True))
            line_start = i
            width_used = 0.0
    if width_used > 0:
        lines.append((max_width - width_used, line_start, n, False))
    return lines


class CellText:
    """A cell's text, wrapped and split like a ``Paragraph`` of the cell style.

    ``pdf_grid`` draws it line by line. Only for :func:`plain_enough` texts; the style gives
    the size, leading, alignment and indents.
    """

    def __init__(self, text: str, style: Any, lines: tuple[Line, ...] | None = None) -> None:
        self.text = text
        self.style = style
        self.font_size = float(style.fontSize)
        self.leading = float(style.leading)
        self._fixed = lines
        """The lines of a part made by :meth:`split` (not broken again)."""
        self.lines: tuple[Line, ...] = lines or ()
        self.width = 0.0
        self.height = len(self.lines) * self.leading
        self._wrapped: float | None = None

    def __bool__(self) -> bool:
        return True

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Break the text into lines ``avail_width`` wide (less the indents)."""
        if self._fixed is None and self._wrapped != avail_width:
            style = self.style
            room = avail_width - (style.leftIndent + style.firstLineIndent) - style.rightIndent
            self.lines = break_lines(self.text, self.font_size, room)
            self._wrapped = avail_width
        self.width = avail_width
        self.height = len(self.lines) * self.leading
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[CellText]:
        """The lines that fit into ``avail_height`` and the rest, as ``Paragraph.split`` does."""
        self.wrap(avail_width, avail_height)
        fits = int(avail_height / self.leading)
        if fits <= 1:  # no orphan line
            return []
        if len(self.lines) <= fits:
            return [self]
        return [
            CellText(self.text, self.style, self.lines[:fits]),
            CellText(self.text, self.style, self.lines[fits:]),
        ]


def cell_text_or_none(text: str, style: Any) -> CellText | None:
    """A :class:`CellText` of ``text``, or ``None`` when a ``Paragraph`` must break it."""
    return CellText(text, style) if plain_enough(text) else None
