"""The one font of the printed forms (the bundled WenQuanYi Micro Hei) and its glyph coverage.

reportlab draws nothing for a character its font lacks, so a rare character in a person's name
would silently vanish from a signed form. :func:`check_family_glyphs` lists such characters with
the form and cell they sit in, and the PDF writer refuses (:class:`GlyphError`) to print a family
that holds any.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from unionperf.forms.grid import GridError, place_cells
from unionperf.forms.model import Block, Cell, Form, FormFamily
from unionperf.resources import resource_path

__all__ = [
    "FONT_NAME",
    "GlyphError",
    "GlyphProblem",
    "cell_text",
    "check_family_glyphs",
    "family_glyph_problems",
    "font_path",
    "form_texts",
    "light_word",
    "missing_glyphs",
    "register_font",
]

FONT_NAME = "WenQuanYiMicroHei"
"""The name the font is registered under in reportlab (also its bold, italic and bold italic)."""

_FONT_FILE = ("fonts", "wqy-microhei.ttc")

_LIGHT_WORDS = {"green": "绿灯", "yellow": "黄灯", "red": "红灯", "blue": "蓝灯"}


def light_word(light: str) -> str:
    """The word printed with a traffic-light cell, so the colour reads on grey paper too."""
    return _LIGHT_WORDS[str(light)]


class GlyphError(ValueError):
    """The family holds characters the bundled font cannot draw; ``problems`` says which, where."""

    def __init__(self, problems: Iterable[GlyphProblem]) -> None:
        self.problems = tuple(problems)
        chars = "".join(sorted({ch for p in self.problems for ch in p.chars}))
        lines = "；".join(p.message for p in self.problems)
        super().__init__(f"字体无法显示以下字符：{chars}（{lines}）")

    @property
    def characters(self) -> set[str]:
        """Every missing character of every problem."""
        return {ch for p in self.problems for ch in p.chars}


@dataclass(frozen=True, slots=True)
class GlyphProblem:
    """Characters of one text on one form that the font lacks."""

    form_key: str
    form_title: str
    where: str
    """E.g. ``年度绩效指标 第3行第2列`` or ``标题``."""
    text: str
    chars: str
    """The missing characters, in order of first appearance."""

    @property
    def message(self) -> str:
        """A Chinese sentence naming the form, the place, the characters and their code points."""
        codes = "、".join(f"「{ch}」(U+{ord(ch):04X})" for ch in self.chars)
        return f"{self.form_title} · {self.where}：字体缺少字符 {codes}，原文“{self.text}”"


def font_path() -> Path:
    """The bundled TrueType collection (found in the wheel, the bundle or the checkout)."""
    return resource_path(*_FONT_FILE)


@lru_cache(maxsize=1)
def register_font() -> str:
    """Register the bundled font with reportlab once (subfont 0, embedded as a subset).

    The font has no bold face: bold, italic and bold italic map to the same font, so ``<b>`` in
    a paragraph never falls back to a non-embedded standard font.
    """
    path = font_path()
    if not path.is_file():
        raise FileNotFoundError(f"找不到内置字体文件：{path}")
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FONT_NAME, bold, italic, FONT_NAME)
    return FONT_NAME


@lru_cache(maxsize=1)
def _covered() -> frozenset[str]:
    """The characters the font maps to a real glyph (glyph 0 is .notdef, i.e. a box)."""
    face = pdfmetrics.getFont(register_font()).face
    return frozenset(chr(code) for code, glyph in face.charToGlyph.items() if glyph)


def _drawable_anyway(ch: str) -> bool:
    """Control and format characters (newline, tab, zero-width joiners) print as nothing."""
    return unicodedata.category(ch) in {"Cc", "Cf"}


def missing_glyphs(text: str) -> set[str]:
    """The characters of ``text`` that the bundled font cannot draw."""
    if not text:
        return set()
    return {ch for ch in set(text).difference(_covered()) if not _drawable_anyway(ch)}


def _ordered_missing(text: str) -> str:
    missing = missing_glyphs(text)
    if not missing:
        return ""
    seen: dict[str, None] = {}
    for ch in text:
        if ch in missing:
            seen.setdefault(ch)
    return "".join(seen)


def _block_texts(block: Block, name: str) -> Iterator[tuple[str, str]]:
    if block.caption:
        yield f"{name} 标题", block.caption
    n_header = len(block.header)
    try:
        placed = place_cells(block)
    except GridError:  # the writer reports the layout error itself; still check every text
        cells = [cell for row in (*block.header, *block.rows) for cell in row]
        for cell in cells:
            yield name, cell_text(cell)
        return
    for item in placed:
        part, row = ("表头", item.row + 1) if item.header else ("", item.row + 1 - n_header)
        yield f"{name} {part}第{row}行第{item.col + 1}列", cell_text(item.cell)


def cell_text(cell: Cell) -> str:
    """The text printed in a cell: its display text, plus the colour word of a traffic light."""
    text = cell.text
    if cell.light is None:
        return text
    word = light_word(cell.light)
    if word[0] in text:
        return text
    return f"{text}\n{word}" if text else word


def form_texts(form: Form) -> Iterator[tuple[str, str]]:
    """Every text the PDF prints for ``form``, each with where it sits (in Chinese)."""
    yield "标题", form.title
    if form.subtitle:
        yield "副标题", form.subtitle
    yield "页眉（单位名称）", form.unit_name
    for label, value in form.meta:
        yield f"表头信息“{label}”", f"{label}{value}"
    for index, block in enumerate(form.blocks, start=1):
        yield from _block_texts(block, block.caption or f"表{index}")
    for role in form.signoff:
        yield "签字栏", role
    for role, name, signed_on in form.signed:
        yield f"签字栏“{role}”", f"{role}{name}{signed_on}"
    for number, note in enumerate(form.notes, start=1):
        yield f"说明第{number}行", note
    if form.qr:
        yield "二维码文字", form.qr
    if form.continued:
        yield "续页提示", form.continued


def family_glyph_problems(family: FormFamily) -> list[GlyphProblem]:
    """Every text of the family holding characters the font lacks, in print order."""
    if not missing_glyphs("".join(_family_texts(family))):
        return []  # the usual case, found without naming every cell's place
    problems: list[GlyphProblem] = []
    for form in family.forms:
        title = f"{form.title}（{form.subtitle}）" if form.subtitle else form.title
        for where, text in form_texts(form):
            chars = _ordered_missing(text)
            if chars:
                problems.append(GlyphProblem(form.key, title, where, text, chars))
    return problems


def _family_texts(family: FormFamily) -> Iterator[str]:
    """The texts of :func:`form_texts` for every form, without their places."""
    for form in family.forms:
        yield from (form.title, form.subtitle, form.unit_name, form.qr, form.continued)
        yield from (f"{label}{value}" for label, value in form.meta)
        for block in form.blocks:
            yield block.caption
            yield from (cell_text(cell) for row in (*block.header, *block.rows) for cell in row)
        yield from form.signoff
        yield from ("".join(signed) for signed in form.signed)
        yield from form.notes


def check_family_glyphs(family: FormFamily) -> list[str]:
    """Chinese warnings, one per text that holds characters the font cannot draw (empty = fine)."""
    return [problem.message for problem in family_glyph_problems(family)]
