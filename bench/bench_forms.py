"""Form benchmarks (issue 4): the official forms of the large demo unit as XLSX and as PDF.

"All forms of the large demo unit" is taken as all forms of its self-evaluation package: the
budget table (工会经费收支预算表), the 项目支出绩效自评表 of each of the 200 projects plus the
unit-wide one, and the self-evaluation summary — ``families_for(data, Stage("self-evaluation"))``
plus ``budget_family(data)``. Writing every family of the year (targets and the 12 monitoring
points too) as PDF takes about 90 s, too long for ``make bench``. The cover sheet (报送回执, one
page that needs the workspace's package records) is not included.

- ``forms_xlsx``: ``forms.xlsx.write_workbook(families, sheet_per_form=True)`` against a raw
  openpyxl write of the same cells: every non-empty cell of the workbook the writer produced
  (read back once, outside the clock), with the same value at the same place, into a
  ``Workbook()`` with the same sheets, saved to memory. Not in the baseline: styles, merges,
  the cells without a value (18,000 of the writer's 60,000: the border-only cells along merged
  ranges and empty table cells), row heights, column widths, page setup, the layout and
  formatting of the model. Target ≤ 2×.
  The writer serialises each sheet (with openpyxl's own worksheet writer) as soon as it is
  complete and drops its cells, where the baseline, like any plain openpyxl program, keeps every
  cell until the save; that spares the writer most of the garbage collector's rescans of those
  cells. For information only (not the target), the same raw cells written that way too are
  timed and printed as ``raw, sheets serialised early``: against it the writer's ratio is higher
  (2.2–2.5× when this was written, for a recorded 1.6–1.8×), which is the cost of the styles,
  merges, border-only cells and layout alone.
- ``forms_pdf``: ``forms.pdf.write_pdf`` of each family against a raw reportlab write of the
  same tables: per family one ``SimpleDocTemplate`` (same page size and margins), per form one
  plain ``Table`` per block with the same rows and columns, each text a ``Paragraph`` in the
  bundled font (registered with ``forms.fonts.register_font``, so font parsing and subsetting
  cost the same), column spans merged so that texts wrap at the same widths, a page break
  between forms. Not in the baseline: the glyph check, titles, meta lines, captions, notes,
  sign-off and seal blocks, row spans, cell colours, page headers and "第 N 页 共 M 页" footers,
  the writer's own table splitting. The issue sets no PDF target; 2× is used here as for XLSX.

- ``forms_all`` (issue 17): every PDF and the workbook as the product writes them
  (``forms.batch.render_all``, the path of the forms export and of the package's
  ``data/forms/``: the PDFs of the largest families in worker processes while this process
  writes the workbook and the rest; workers started by the warm-up call, as after a first
  export) against the two plain baselines above, serial, in the same run, wall time.
  Target ≤ 0.6× (faster than plain library use). Printed with it: the first (cold) call,
  which starts the workers, and CPU-time medians of the same work done serially in this
  process (``workers=0``) against the baselines' CPU time — on a loaded machine the CPU
  ratio is the stable one; the wall ratio needs idle cores for the workers.

The builders' time (the year's data → the form model, scores included) is measured separately
and printed; it is in neither benchmark.
"""

from __future__ import annotations

import io
import os
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook, load_workbook
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from unionperf.domain.year import Stage, YearData
from unionperf.forms import batch, xlsx_save
from unionperf.forms.builders import budget_family, families_for
from unionperf.forms.fonts import FONT_NAME, cell_text, register_font
from unionperf.forms.grid import place_cells
from unionperf.forms.model import Block, FormFamily, Orientation
from unionperf.forms.pdf import page_size, write_pdf
from unionperf.forms.pdf_style import BODY_LEADING, BODY_SIZE, PAGE_MARGINS, frame_width
from unionperf.forms.xlsx import write_workbook

STAGE = "self-evaluation"
TARGET = 2.0
ALL_TARGET = 0.6

Record = Callable[[str, float, "float | None", float, str], None]
Timer = Callable[[Callable[[], Any], int], float]


def forms_of(data: YearData) -> list[FormFamily]:
    """The forms benchmarked: the budget table and the self-evaluation stage's families."""
    return [budget_family(data), *families_for(data, Stage.parse(STAGE))]


def bench_forms(data: YearData, record: Record, timer: Timer) -> None:
    """Write the large demo unit's self-evaluation forms as XLSX and as PDF."""
    families = forms_of(data)
    builders = timer(lambda: forms_of(data), 3)
    forms = [form for family in families for form in family.forms]
    blocks = [block for form in forms for block in form.blocks]
    rows = sum(len(block.header) + len(block.rows) for block in blocks)
    grid = sum(len(place_cells(block)) for block in blocks)
    print(
        f"forms of the self-evaluation package (budget table, self-evaluation forms, summary) of "
        f"the large demo: {len(families)} families, {len(forms)} forms, {len(blocks)} blocks, "
        f"{rows} table rows, {grid} cells placed; builders {builders * 1000:.0f} ms "
        f"(in neither benchmark)"
    )
    _xlsx, raw_xlsx = bench_xlsx(families, record, timer)
    _pdf, raw_pdf = bench_pdf(families, record, timer)
    bench_all(families, raw_pdf + raw_xlsx, record, timer)


def bench_all(families: Sequence[FormFamily], plain: float, record: Record, timer: Timer) -> None:
    """Issue 17: all of the forms as the product writes them, PDFs and workbook, against plain
    reportlab + openpyxl of the same content, serial, in the same run (``plain``: the sum of
    the two baselines' wall medians); target <= 0.6x."""
    batch.shutdown()
    started = time.perf_counter()
    batch.render_all(families)
    cold = time.perf_counter() - started
    value = timer(lambda: batch.render_all(families), 3)
    plain_families = [_plain_family(family) for family in families]
    sheets = _workbook_cells(write_workbook(families, sheet_per_form=True))
    ours_cpu = _cpu_median(lambda: batch.render_all(families, workers=0), 3)
    plain_cpu = _cpu_median(
        lambda: ([_raw_pdf(item) for item in plain_families], _raw_workbook(sheets)), 3
    )
    print(
        f"  all forms: {batch.worker_count()} worker process(es) beside this one "
        f"({os.cpu_count()} cores); first call, starting them: {cold * 1000:.0f} ms; "
        f"CPU medians, all in this process: ours {ours_cpu * 1000:.0f} ms, plain "
        f"{plain_cpu * 1000:.0f} ms = {ours_cpu / plain_cpu:.2f}x"
    )
    record("forms_all", value, plain, ALL_TARGET, "s")


def _cpu_median(call: Callable[[], Any], repeat: int) -> float:
    """Median CPU time of this process for ``repeat`` calls after one warm-up call."""
    call()
    times = []
    for _ in range(repeat):
        started = time.process_time()
        call()
        times.append(time.process_time() - started)
    return sorted(times)[len(times) // 2]


# -- XLSX ---------------------------------------------------------------------------------------


def bench_xlsx(families: Sequence[FormFamily], record: Record, timer: Timer) -> tuple[float, float]:
    """``write_workbook`` (a sheet per form) against openpyxl writing the same cells plainly."""
    blob = write_workbook(families, sheet_per_form=True)
    sheets = _workbook_cells(blob)
    cells = sum(len(values) for _, values in sheets)
    print(
        f"  workbook: {len(sheets)} sheets, {cells} non-empty cells (block cells plus titles, "
        f"meta, captions, notes and sign-off lines), {len(blob) / 1e6:.2f} MB"
    )
    value = timer(lambda: write_workbook(families, sheet_per_form=True), 3)
    raw = timer(lambda: _raw_workbook(sheets), 3)
    early = timer(lambda: _raw_workbook(sheets, early=True), 3)
    print(
        f"  raw, sheets serialised early as the writer does (information, not the target): "
        f"{early * 1000:.1f} ms, writer/that = {value / early:.2f}x"
    )
    record("forms_xlsx", value, raw, TARGET, "s")
    return value, raw


def _workbook_cells(blob: bytes) -> list[tuple[str, list[tuple[int, int, Any]]]]:
    """Each sheet's title and its non-empty cells (row, column, value), read back once."""
    workbook = load_workbook(io.BytesIO(blob))
    return [
        (
            ws.title,
            [
                (cell.row, cell.column, cell.value)
                for row in ws.iter_rows()
                for cell in row
                if cell.value is not None
            ],
        )
        for ws in workbook.worksheets
    ]


def _raw_workbook(
    sheets: Sequence[tuple[str, Sequence[tuple[int, int, Any]]]], *, early: bool = False
) -> bytes:
    """The cells written plainly; ``early``: each sheet serialised once complete, as the writer
    does (its helpers, which only change when the XML is made, not what it holds)."""
    workbook = Workbook(write_only=False)
    workbook.remove(workbook.active)
    written: dict[str, Any] = {}
    for title, values in sheets:
        ws = workbook.create_sheet(title)
        for row, column, value in values:
            ws.cell(row=row, column=column, value=value)
        if early:
            written[ws.title] = xlsx_save.serialise(ws)
    if early:
        return xlsx_save.save(workbook, written)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# -- PDF ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _PlainTable:
    """A block as plain text: its full grid (``""`` under spans), widths and column spans."""

    texts: list[list[str]]
    widths: list[float]
    header_rows: int
    spans: list[tuple[int, int, int]]
    """(row, first column, last column) of each cell spanning columns."""


@dataclass(frozen=True, slots=True)
class _PlainFamily:
    orientation: Orientation
    forms: list[list[_PlainTable]]


def bench_pdf(families: Sequence[FormFamily], record: Record, timer: Timer) -> tuple[float, float]:
    """``write_pdf`` of each family against reportlab laying out the same tables plainly."""
    register_font()
    plain = [_plain_family(family) for family in families]
    by_family: dict[str, list[float]] = {family.key: [] for family in families}
    pages: dict[str, int] = {}

    def write_all() -> None:
        for family in families:
            started = time.perf_counter()
            blob = write_pdf(family)
            by_family[family.key].append(time.perf_counter() - started)
            pages[family.key] = _page_count(blob)

    raw_pages: list[int] = []

    def raw_all() -> None:
        raw_pages[:] = [_page_count(_raw_pdf(item)) for item in plain]

    value = timer(write_all, 2)
    raw = timer(raw_all, 2)
    parts = ", ".join(
        f"{key} {sorted(times)[len(times) // 2] * 1000:.0f} ms / {pages[key]} pages"
        for key, times in by_family.items()
    )
    print(f"  write_pdf per family: {parts}; baseline pages {'/'.join(map(str, raw_pages))}")
    record("forms_pdf", value, raw, TARGET, "s")
    return value, raw


def _plain_family(family: FormFamily) -> _PlainFamily:
    orientation = family.forms[0].orientation if family.forms else Orientation.PORTRAIT
    width = frame_width(orientation)
    return _PlainFamily(
        orientation,
        [[_plain_table(block, width) for block in form.blocks] for form in family.forms],
    )


def _plain_table(block: Block, width: float) -> _PlainTable:
    n_rows = len(block.header) + len(block.rows)
    texts = [[""] * len(block.columns) for _ in range(n_rows)]
    spans = []
    for item in place_cells(block):
        texts[item.row][item.col] = cell_text(item.cell)
        if item.colspan > 1:
            spans.append((item.row, item.col, item.col + item.colspan - 1))
    total = sum(block.columns) or 1.0
    widths = [width * column / total for column in block.columns]
    return _PlainTable(texts, widths, len(block.header), spans)


def _raw_pdf(family: _PlainFamily) -> bytes:
    left, right, top, bottom = PAGE_MARGINS
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=page_size(family.orientation),
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
    )
    style = ParagraphStyle(
        "cell", fontName=FONT_NAME, fontSize=BODY_SIZE, leading=BODY_LEADING, wordWrap="CJK"
    )
    story: list[Any] = []
    for number, tables in enumerate(family.forms):
        if number:
            story.append(PageBreak())
        for table in tables:
            data = [
                [
                    Paragraph(escape(text).replace("\n", "<br/>"), style) if text else ""
                    for text in row
                ]
                for row in table.texts
            ]
            commands: list[tuple[Any, ...]] = [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
            commands += [("SPAN", (first, row), (last, row)) for row, first, last in table.spans]
            story.append(
                Table(
                    data,
                    colWidths=table.widths,
                    repeatRows=table.header_rows,
                    style=TableStyle(commands),
                )
            )
    document.build(story)
    return buffer.getvalue()


_PAGE = re.compile(rb"/Type\s*/Page\b")


def _page_count(blob: bytes) -> int:
    return len(_PAGE.findall(blob))
