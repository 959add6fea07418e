"""Cell texts broken without Paragraph: the same lines, room and hanging marks as reportlab's."""

from __future__ import annotations

import pytest
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.platypus import Paragraph

from unionperf.demo.data import demo_years
from unionperf.forms.builders import budget_family, families_for
from unionperf.forms.fonts import cell_text, register_font
from unionperf.forms.grid import place_cells
from unionperf.forms.pdf_style import BODY_SIZE, DENSE_SIZE, cell_style, escaped_text, may_hang
from unionperf.forms.pdf_text import CellText, break_lines, plain_enough

CRAFTED = [
    "完成项目001年度工作任务，服务职工不少于600人次。",
    "资金拨付晚于计划，采购延后。\n改进措施：下年度与行政方约定按季度拨付。",
    "一，二，三，四，五，六，七，八，九，十，十一，十二，十三，十四，十五，十六，十七，十八",
    "甲乙丙丁。」』）》〉…％，；：！？甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥",
    "Annual report of the trade union committee, English words that must break at spaces",
    "中文与English混排的longwordwithoutanyspacesatall文本，再加一些中文",
    "1,374,250.00",
    "86.92%",
    "第一行\n第二行很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长\n第三行",
    "a b\nc d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i j k l m n o",
    "&<>\"' 特殊字符 & 转义",
    "甲乙丙&丁戊己，庚辛壬癸，子丑寅卯&辰巳午未，申酉戌亥",
    "A & B, C < D > E 中文，中文；中文：中文！",
]


def _lines_of(paragraph: Paragraph) -> list[tuple[float, str]]:
    para = paragraph.blPara
    if para.kind == 0:
        return [(float(room), words[0]) for room, words in para.lines]
    return [
        (float(line.extraSpace), "".join(word.text for word in line.words)) for line in para.lines
    ]


def _check(text: str, align: int, size: float, width: float) -> None:
    style = cell_style(align, may_hang(text), size)
    paragraph = Paragraph(escaped_text(text), style)
    _, height = paragraph.wrap(width, 1e9)
    ours = CellText(text, style)
    assert ours.wrap(width, 1e9) == (width, height), (text, width)
    expected = _lines_of(paragraph)
    assert [line for _, line in ours.lines] == [line for _, line in expected], (text, width)
    assert [room for room, _ in ours.lines] == pytest.approx([room for room, _ in expected])


@pytest.mark.parametrize("text", CRAFTED)
def test_crafted_texts_break_as_paragraphs_do(text):
    register_font()
    assert plain_enough(text)
    for width in (18.0, 30.5, 47.3, 60.0, 95.25, 140.0, 300.0):
        for align in (TA_LEFT, TA_CENTER, TA_RIGHT):
            for size in (BODY_SIZE, DENSE_SIZE):
                _check(text, align, size, width)


def test_every_demo_cell_breaks_as_a_paragraph_does():
    register_font()
    data = demo_years()[-1]
    checked = 0
    for family in [budget_family(data), *families_for(data)]:
        for form in family.forms:
            size = DENSE_SIZE if form.dense else BODY_SIZE
            for block in form.blocks:
                total = sum(block.columns) or 1.0
                for item in place_cells(block):
                    text = cell_text(item.cell)
                    if not plain_enough(text):
                        continue
                    share = sum(block.columns[item.col : item.col + item.colspan]) / total
                    for page_width in (493.2, 765.35):
                        _check(text, TA_LEFT, size, page_width * share - 6)
                        checked += 1
    assert checked > 1000


@pytest.mark.parametrize(
    "text",
    ["", " 前导空格", "末尾空格 ", "两个  空格", "制表\t符", "空行\n\n之后", "不\xa0断", "末行\n"],
)
def test_texts_the_parser_would_normalise_are_left_to_paragraph(text):
    assert not plain_enough(text)


def test_a_text_is_broken_once_per_width():
    register_font()
    text = "同一文本在同一宽度只断行一次，之后从缓存取得"
    first = break_lines(text, BODY_SIZE, 40.0)
    assert break_lines(text, BODY_SIZE, 40.0) is first
    assert break_lines(text, BODY_SIZE, 80.0) != first


def test_split_keeps_whole_lines_and_no_orphan():
    register_font()
    text = "很长的文本" * 30
    style = cell_style(TA_LEFT, False, BODY_SIZE)
    cell = CellText(text, style)
    _, height = cell.wrap(50.0, 1e9)
    leading = style.leading
    assert cell.split(50.0, leading * 1.5) == []  # one line would be an orphan
    assert cell.split(50.0, height + 1) == [cell]
    head, rest = cell.split(50.0, leading * 3.2)
    assert len(head.lines) == 3
    assert head.lines + rest.lines == cell.lines
    assert rest.wrap(50.0, 1e9)[1] == leading * (len(cell.lines) - 3)
