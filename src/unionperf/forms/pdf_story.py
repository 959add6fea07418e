"""The flowables of one form: title, meta lines, the block tables, notes and the sign-off block."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle

from unionperf.forms.fonts import FONT_NAME
from unionperf.forms.model import Form
from unionperf.forms.pdf_style import (
    BODY_SIZE,
    DENSE_SIZE,
    QR_SIZE,
    SEAL_SIZE,
    TITLE_SIZE,
    frame_height,
    frame_width,
    para,
    styles,
)
from unionperf.forms.pdf_table import block_table, opening_height

__all__ = ["FormStart", "form_story"]

_SIGNOFF_MIN_WIDTH = 9 * cm
"""Narrower than this beside the seal space and QR code, the lines get the QR code under them."""


class FormStart(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """An invisible marker: from here on, the page header names ``form``."""

    def __init__(self, form: Form) -> None:
        super().__init__()
        self.form = form
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Takes no room."""
        return 0, 0

    def draw(self) -> None:
        """Nothing to draw; the document notices the marker after it is placed."""


class BoldTitle(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A centred title in simulated bold (filled and stroked glyphs: the font has no bold)."""

    def __init__(self, text: str, size: float = TITLE_SIZE) -> None:
        super().__init__()
        self.text = text
        self.size = size
        self.lines: list[str] = [text]
        self.leading = size * 1.3

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.lines = _split_chars(self.text, self.size, avail_width)
        self.width = avail_width
        self.height = self.leading * len(self.lines) + 2
        return self.width, self.height

    def draw(self) -> None:
        """Each line centred, glyphs filled and outlined with a hairline for weight."""
        canvas = self.canv
        canvas.saveState()
        canvas.setFont(FONT_NAME, self.size)
        canvas.setLineWidth(self.size / 30)
        y = self.height - self.size
        for line in self.lines:
            text = canvas.beginText()
            text.setTextRenderMode(2)
            text.setFont(FONT_NAME, self.size)
            text.setTextOrigin((self.width - stringWidth(line, FONT_NAME, self.size)) / 2, y)
            text.textLine(line)
            canvas.drawText(text)
            y -= self.leading
        canvas.restoreState()


def _split_chars(text: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (any character may end a line)."""
    lines: list[str] = []
    line = ""
    for ch in text:
        if line and stringWidth(line + ch, FONT_NAME, size) > width:
            lines.append(line)
            line = ""
        line += ch
    lines.append(line)
    return lines


class SealSpace(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """The square left free for the union's seal, outlined faintly, captioned （单位盖章）."""

    def __init__(self, size: float = SEAL_SIZE) -> None:
        super().__init__()
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        """The dashed square and its caption at the bottom."""
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor("#A0A0A0"))
        canvas.setLineWidth(0.5)
        canvas.setDash(3, 2)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canvas.setFillColor(colors.HexColor("#606060"))
        canvas.setFont(FONT_NAME, BODY_SIZE)
        canvas.drawCentredString(self.width / 2, 8, "（单位盖章）")
        canvas.restoreState()


def form_story(form: Form) -> list[Any]:
    """The flowables that print ``form``, starting with its :class:`FormStart` marker."""
    shared = styles()
    width = frame_width(form.orientation)
    page = frame_height(form.orientation)
    story: list[Any] = [FormStart(form), BoldTitle(form.title)]
    if form.subtitle:
        story.append(para(form.subtitle, shared.subtitle))
    story.append(Spacer(1, 4))
    if form.meta:
        story += _meta_table(form.meta, width)
    for index, block in enumerate(form.blocks, start=1):
        if not block.columns:
            continue
        table = block_table(
            block,
            width,
            f"{form.title}（{form.key}）表{index}：",
            size=DENSE_SIZE if form.dense else BODY_SIZE,
        )
        caption = para(block.caption, shared.caption) if block.caption else Spacer(1, 4)
        # the caption, the header and the first row group start on the same page; a group
        # taller than a page is cut by the table, so asking for more would only waste paper
        needed = caption.wrap(width, 1e9)[1] + shared.caption.spaceBefore + 6
        needed += min(opening_height(table, width, page), page)
        story += [CondPageBreak(needed), caption, table]
    if form.notes:
        story.append(Spacer(1, 4))
        story += [para(note, shared.note) for note in form.notes]
    if form.signoff or form.signed or form.qr:
        story.append(Spacer(1, 10))
        story.append(_signoff_table(form, width))
    return story


def _meta_table(meta: tuple[tuple[str, str], ...], width: float) -> list[Any]:
    """The label-value lines above the table, as many to a line as fit at their natural width.

    On each line the first item is left-aligned, the last right-aligned and those between
    centred; an item wider than the line wraps inside it.
    """
    base = styles().meta
    texts = [f"{label}：{value}" if label else value for label, value in meta]
    gap = 2 * base.fontSize
    natural = [stringWidth(text, FONT_NAME, base.fontSize) + 1 for text in texts]
    lines: list[list[int]] = [[]]
    used = 0.0
    for index, item_width in enumerate(natural):
        if lines[-1] and used + gap + item_width > width:
            lines.append([])
            used = 0.0
        used += item_width + (gap if lines[-1] else 0)
        lines[-1].append(index)
    story: list[Any] = []
    for line in lines:
        spare = max(width - sum(natural[i] for i in line), 0.0) / len(line)
        widths = [min(natural[i] + spare, width) for i in line]
        if len(line) == 1:
            aligns = [TA_LEFT]
        else:
            aligns = [TA_LEFT, *[TA_CENTER] * (len(line) - 2), TA_RIGHT]
        cells = [para(texts[i], _aligned(base, a)) for i, a in zip(line, aligns, strict=True)]
        table = Table([cells], colWidths=widths, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FONT_NAME, BODY_SIZE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ]
            )
        )
        story.append(table)
    return story


@lru_cache(maxsize=16)
def _aligned(base: ParagraphStyle, alignment: int) -> ParagraphStyle:
    """``base`` aligned ``alignment``, made once (paragraphs repeat by text and style)."""
    return ParagraphStyle(f"{base.name}-{alignment}", parent=base, alignment=alignment)


def _signoff_roles(form: Form) -> list[tuple[str, str, str]]:
    """(role, name, date) for each role of the sign-off block; recorded sign-offs fill them in."""
    signed = {role: (name, on) for role, name, on in form.signed}
    roles = list(form.signoff) + [role for role in signed if role not in form.signoff]
    return [(role, *signed.get(role, ("", ""))) for role in roles]


def _signoff_lines(form: Form, width: float) -> Table | str:
    """One line per role: "填报人：______  日期：______", names and dates written on the lines."""
    roles = _signoff_roles(form)
    if not roles:
        return ""
    style = styles().signoff
    label_width = max(stringWidth(f"{role}：", FONT_NAME, style.fontSize) for role, _, _ in roles)
    label_width = min(label_width + 2, width * 0.35)
    date_label = stringWidth("日期：", FONT_NAME, style.fontSize) + 12
    date_width = 2.8 * cm
    name_width = max(min(width - label_width - date_label - date_width, 5 * cm), 1.5 * cm)
    centred = _aligned(style, TA_CENTER)
    data = [
        [
            para(f"{role}：", style),
            para(name, centred) if name else "",
            para("日期：", _aligned(style, TA_RIGHT)),
            para(on, centred) if on else "",
        ]
        for role, name, on in roles
    ]
    table = Table(
        data,
        colWidths=[label_width, name_width, date_label, date_width],
        rowHeights=[1.05 * cm] * len(data),
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT_NAME, style.fontSize),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
                ("LINEBELOW", (3, 0), (3, -1), 0.6, colors.black),
            ]
        )
    )
    return table


def _qr_flowables(text: str) -> list[Any]:
    widget = QrCodeWidget(text, barWidth=QR_SIZE, barHeight=QR_SIZE, barBorder=2, barLevel="M")
    drawing = Drawing(QR_SIZE, QR_SIZE, initialFontName=FONT_NAME, initialFontSize=BODY_SIZE)
    drawing.add(widget)
    drawing.hAlign = "CENTER"
    return [drawing, Spacer(1, 2), para(text, styles().qr)]


def _signoff_table(form: Form, width: float) -> Table:
    """Sign-off lines on the left, the seal space and the QR code (when there is one) beside.

    When the lines would get too short beside both (a portrait form with a QR code), the QR
    code goes under the lines, still left of the seal space.
    """
    seal_col = SEAL_SIZE + 0.5 * cm
    qr_col = QR_SIZE + 0.8 * cm if form.qr else 0.0
    roles = bool(_signoff_roles(form))
    row: list[Any] = []
    widths: list[float] = []
    if roles and form.qr and width - seal_col - qr_col < _SIGNOFF_MIN_WIDTH:
        left_width = width - seal_col
        qr = Table([[_qr_flowables(form.qr)]], colWidths=[qr_col], hAlign="LEFT")
        qr.setStyle(_plain_style(top=10))
        row.append([_signoff_lines(form, left_width - 0.6 * cm), qr])
        widths.append(left_width)
    else:
        left_width = width - seal_col - qr_col if roles else 0.0
        if left_width:
            row.append(_signoff_lines(form, left_width - 0.6 * cm))
            widths.append(left_width)
        if form.qr:
            row.append(_qr_flowables(form.qr))
            widths.append(qr_col)
    row.append(SealSpace())
    widths.append(seal_col)
    table = Table([row], colWidths=widths, hAlign="LEFT" if left_width else "RIGHT")
    table.setStyle(_plain_style(top=6))
    return table


def _plain_style(top: float = 0) -> TableStyle:
    """No lines, no side padding, contents at the top, centred beside the first column."""
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT_NAME, BODY_SIZE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (1, 0), (-1, -1), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), top),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )
