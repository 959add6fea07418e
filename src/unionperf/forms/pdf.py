"""The PDF of a form family: one document, each form from a new page, A4 as the form says.

Every page carries the unit and year and the form's title in its header and "第 N 页 共 M 页" in
its footer. Tables split across pages with their header rows repeated; cells are paragraphs, so
long indicator names wrap inside their column. The only font is the bundled CJK TrueType font,
embedded as a subset; a family holding a character the font cannot draw is refused with
:class:`~unionperf.forms.fonts.GlyphError` instead of printing a form with a silent gap.

The output is byte-for-byte reproducible (reportlab's invariant mode: fixed dates and ids), so
the same data gives the same file and the same SHA-256.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate

from unionperf.forms.fonts import FONT_NAME, GlyphError, family_glyph_problems, register_font
from unionperf.forms.grid import GridError
from unionperf.forms.model import Form, FormFamily, Orientation
from unionperf.forms.pdf_story import FormStart, form_story
from unionperf.forms.pdf_style import PAGE_MARGINS, frame_height, frame_width

__all__ = ["GlyphError", "GridError", "page_size", "write_pdf"]

_HEADER_SIZE = 8.0
_FOOTER_SIZE = 9.0
_GREY_TEXT = colors.HexColor("#404040")
_NOTICE_SIZE = 9.5
_NOTICE_COLOUR = colors.HexColor("#9C0006")


def write_pdf(family: FormFamily) -> bytes:
    """The family as one PDF: each form starts a new page, in its own orientation.

    Raises:
        GlyphError: some text holds characters the bundled font cannot draw; the error names
            each character, the form and the cell (see also ``check_family_glyphs``).
        GridError: a block's cells do not fit its columns (a builder bug).
    """
    problems = family_glyph_problems(family)
    if problems:
        raise GlyphError(problems)
    register_font()
    forms = family.forms or (_empty_form(family),)
    story: list[Any] = []
    for index, form in enumerate(forms):
        if index:
            story += [NextPageTemplate(form.orientation.value), PageBreak()]
        story += form_story(form)
    buffer = io.BytesIO()
    with _binary_streams():
        _FamilyDoc(buffer, family, forms[0]).build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Compressed streams written as binary, not also ASCII85-encoded (reportlab's default).

    ASCII85 makes every page and the font a quarter larger and was a third of the time spent
    saving a large family (pure Python in reportlab 5); every PDF reader reads binary streams.
    reportlab reads the setting from its global ``rl_config``, so it is changed only while
    this document is made.
    """
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def page_size(orientation: Orientation) -> tuple[float, float]:
    """A4 in ``orientation``: (width, height) in points."""
    size = landscape(A4) if orientation is Orientation.LANDSCAPE else portrait(A4)
    return float(size[0]), float(size[1])


def _empty_form(family: FormFamily) -> Form:
    """A page saying there is nothing to file, for a family without forms."""
    return Form(
        key=f"{family.key}-empty",
        title=family.title,
        sheet=family.title[:31],
        unit_name="",
        year=0,
        notes=("本年度没有需要填报的表单。",),
        signoff=(),
    )


class _FamilyDoc(BaseDocTemplate):  # type: ignore[misc]  # reportlab is untyped
    """A4 pages in both orientations; remembers the form being laid out, for the page header."""

    def __init__(self, buffer: io.BytesIO, family: FormFamily, first: Form) -> None:
        left, right, top, bottom = PAGE_MARGINS
        # the document starts with the first template: the first form's orientation
        orientations = [first.orientation, *(o for o in Orientation if o is not first.orientation)]
        templates = [
            PageTemplate(
                id=orientation.value,
                frames=[
                    Frame(
                        left,
                        bottom,
                        frame_width(orientation),
                        frame_height(orientation),
                        leftPadding=0,
                        rightPadding=0,
                        topPadding=0,
                        bottomPadding=0,
                        id=f"frame-{orientation.value}",
                    )
                ],
                pagesize=page_size(orientation),
                onPageEnd=_on_page_end,
            )
            for orientation in orientations
        ]
        self.current: Form | None = None
        self.form_page = 0
        """The page the current form started on."""
        super().__init__(
            buffer,
            pagesize=page_size(first.orientation),
            pageTemplates=templates,
            title=family.title,
            author=first.unit_name,
            subject=f"{first.year}年度" if first.year else "",
            creator="UnionPerf",
            invariant=True,
            initialFontName=FONT_NAME,
            initialFontSize=_FOOTER_SIZE,
            leftMargin=left,
            rightMargin=right,
            topMargin=top,
            bottomMargin=bottom,
        )

    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802  (reportlab's hook name)
        """Note the start of each form (the header is drawn when its page ends)."""
        if isinstance(flowable, FormStart):
            self.current = flowable.form
            self.form_page = self.page


def _on_page_end(canvas: Canvas, doc: _FamilyDoc) -> None:
    if doc.current is not None:
        continued = doc.current.continued if doc.page > doc.form_page else ""
        _draw_header(canvas, doc.current, continued)


def _fit(text: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis so that it fits ``width`` points."""
    if stringWidth(text, FONT_NAME, size) <= width:
        return text
    while text and stringWidth(text + "…", FONT_NAME, size) > width:
        text = text[:-1]
    return text + "…"


def _draw_header(canvas: Canvas, form: Form, continued: str = "") -> None:
    """Unit and year on the left, the form's title (and subtitle) on the right, a rule below.

    On a page that continues a form with a continuation notice, the notice takes the left
    side, larger, in bold dark red.
    """
    page_width, page_height = canvas._pagesize
    left, right, top, _bottom = PAGE_MARGINS
    usable = page_width - left - right
    y = page_height - top + 14
    who = form.unit_name
    if form.year:
        who = f"{who} · {form.year}年度" if who else f"{form.year}年度"
    what = f"{form.title} · {form.subtitle}" if form.subtitle else form.title
    size = _NOTICE_SIZE if continued else _HEADER_SIZE
    who = _fit(continued or who, size, usable * (0.7 if continued else 0.5))
    space = usable - stringWidth(who, FONT_NAME, size) - 24
    what = _fit(what, _HEADER_SIZE, space)
    canvas.saveState()
    canvas.setFont(FONT_NAME, _HEADER_SIZE)
    canvas.setFillColor(_GREY_TEXT)
    canvas.drawRightString(page_width - right, y, what)
    if continued:
        canvas.setFillColor(_NOTICE_COLOUR)
        canvas.setStrokeColor(_NOTICE_COLOUR)
        canvas.setLineWidth(size / 30)
        drawn = canvas.beginText()
        drawn.setTextRenderMode(2)  # filled and stroked: the bundled font has no bold
        drawn.setFont(FONT_NAME, size)
        drawn.setTextOrigin(left, y)
        drawn.textLine(who)
        canvas.drawText(drawn)
    else:
        canvas.drawString(left, y, who)
    canvas.setStrokeColor(colors.HexColor("#808080"))
    canvas.setLineWidth(0.5)
    canvas.line(left, y - 4, page_width - right, y - 4)
    canvas.restoreState()


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    """A canvas that holds every page back until the end, to print "第 N 页 共 M 页"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802  (reportlab's method name)
        """Keep the finished page's state; it is written out in :meth:`save`."""
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Write every page with its footer, now that the page count is known."""
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        page_width, _height = self._pagesize
        bottom = PAGE_MARGINS[3]
        self.saveState()
        self.setFont(FONT_NAME, _FOOTER_SIZE)
        self.setFillColor(_GREY_TEXT)
        self.drawCentredString(page_width / 2, bottom / 2, f"第 {number} 页 共 {total} 页")
        self.restoreState()
