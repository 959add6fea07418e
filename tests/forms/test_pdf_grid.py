"""The block tables drawn directly keep reportlab Table's geometry: row heights, split points."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph, Table, TableStyle

from unionperf.demo.data import demo_years
from unionperf.forms.builders import budget_family, families_for
from unionperf.forms.fonts import FONT_NAME, cell_text, register_font
from unionperf.forms.grid import place_cells
from unionperf.forms.model import Block, Cell, Kind, Orientation
from unionperf.forms.pdf_grid import PAD_BOTTOM, PAD_SIDE, PAD_TOP
from unionperf.forms.pdf_style import (
    BODY_SIZE,
    DENSE_SIZE,
    cell_style,
    escaped_text,
    frame_width,
    leading_for,
    may_hang,
)
from unionperf.forms.pdf_table import _alignment, block_table


def _reportlab_table(block: Block, width: float, size: float) -> Table:
    """The block as the writer made it before issue 17: a reportlab Table of paragraphs."""
    total = sum(block.columns)
    widths = [width * c / total for c in block.columns]
    n_rows = len(block.header) + len(block.rows)
    data: list[list[object]] = [[""] * len(widths) for _ in range(n_rows)]
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT_NAME, size, leading_for(size)),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_SIDE),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_SIDE),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_BOTTOM),
    ]
    for item in place_cells(block):
        text = cell_text(item.cell)
        if text:
            style = cell_style(_alignment(item.cell, item.header), may_hang(text), size)
            data[item.row][item.col] = Paragraph(escaped_text(text), style)
        if item.colspan > 1 or item.rowspan > 1:
            last = (item.col + item.colspan - 1, item.row + item.rowspan - 1)
            commands.append(("SPAN", (item.col, item.row), last))
    table = Table(data, colWidths=widths, repeatRows=len(block.header))
    table.setStyle(TableStyle(commands))
    return table


def _blocks() -> list[tuple[Block, float]]:
    data = demo_years()[-1]
    found = []
    for family in [budget_family(data), *families_for(data)]:
        for form in family.forms:
            size = DENSE_SIZE if form.dense else BODY_SIZE
            found += [(block, size) for block in form.blocks if block.columns]
    return found


def _compare(block: Block, size: float, width: float) -> None:
    ours = block_table(block, width, size=size)
    theirs = _reportlab_table(block, width, size)
    assert ours.wrap(width, 1e9) == pytest.approx(theirs.wrap(width, 1e9))
    assert ours._rowHeights == pytest.approx(theirs._rowHeights)
    for room in (40.0, 120.0, 333.3):
        assert ours.geometry().split_position(room) == theirs._getFirstPossibleSplitRowPosition(
            room
        )


def test_every_demo_block_has_reportlabs_row_heights_and_split_points():
    register_font()
    blocks = _blocks()
    assert len(blocks) > 50
    for block, size in blocks:
        for orientation in Orientation:
            _compare(block, size, frame_width(orientation))


def test_spans_share_what_they_need_more_over_their_rows():
    register_font()
    tall = "很长的说明文字" * 12
    block = Block(
        columns=(1, 3, 1),
        header=((Cell("一级", Kind.LABEL), Cell("说明", Kind.LABEL), Cell("分值", Kind.LABEL)),),
        rows=(
            (Cell(tall, Kind.LABEL, rowspan=3), Cell("甲"), Cell("1")),
            (Cell("乙", colspan=2),),
            (Cell(""), Cell("丙")),
            (Cell(tall, colspan=2), Cell(tall[:9])),
            (Cell("合计", colspan=2), Cell("3")),
            (Cell("短"),),
        ),
    )
    _compare(block, BODY_SIZE, 200.0)
    _compare(block, DENSE_SIZE, 320.0)
