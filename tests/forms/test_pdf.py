"""PDF forms read back with poppler: text, fonts, page sizes, splitting, sign-off and QR code."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.lib.units import cm

from unionperf.forms.fonts import FONT_NAME, cell_text
from unionperf.forms.grid import place_cells
from unionperf.forms.model import (
    Block,
    Cell,
    Form,
    FormFamily,
    Kind,
    Light,
    Orientation,
)
from unionperf.forms.pdf import GridError, write_pdf
from unionperf.forms.pdf_style import SEAL_SIZE

from .pdfread import (
    fonts,
    footer,
    needs_poppler,
    page_sizes,
    pages,
    raw_flat,
    text,
    write,
)

UNIT = "华东精密机械有限公司工会委员会"
PORTRAIT = (595.276, 841.89)
LANDSCAPE = (841.89, 595.276)
HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值（A）", "实际完成值（B）", "分值", "得分")
LONG_NAME = "参与职工人次及覆盖面（含外包派遣人员、退休职工和困难职工家属在内的全部参加人员）"


def label(value: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(value, Kind.LABEL, colspan=colspan, rowspan=rowspan, bold=True)


def score(value: str, light: Light | None = None) -> Cell:
    return Cell(Decimal(value), Kind.SCORE, light=light)


def indicator_block(rows: int, group: int = 5, *, long_names: bool = False) -> Block:
    """``rows`` indicators 指标名称000…, level 1 label spanning each ``group`` rows."""
    body = []
    for i in range(rows):
        first = (label("产出指标", rowspan=min(group, rows - i)),) if i % group == 0 else ()
        name = f"指标名称{i:03d}" + (LONG_NAME if long_names and i % 3 == 1 else "")
        body.append(
            (
                *first,
                Cell("数量指标"),
                Cell(name),
                Cell("≥12场"),
                Cell(Decimal(10 + i), Kind.NUMBER),
                Cell(Decimal(15), Kind.NUMBER),
                score(f"{i % 15}.50", Light.YELLOW if i % 7 == 0 else None),
            )
        )
    body.append(
        (label("合计", colspan=5), Cell(Decimal(100), Kind.NUMBER), score("91.55")),
    )
    return Block(
        columns=(1.2, 1.2, 3.2, 1.4, 1.4, 0.8, 0.9),
        caption="年度绩效指标",
        header=(tuple(label(h) for h in HEADER),),
        rows=tuple(body),
    )


def funds_block() -> Block:
    return Block(
        columns=(2.5, 1.5, 1.5, 1.5, 1, 1.5, 1),
        caption="预算执行情况（万元）",
        header=(
            (
                label("项目资金"),
                label("年初预算数"),
                label("全年预算数（A）"),
                label("全年执行数（B）"),
                label("分值"),
                label("执行率（B/A）"),
                label("得分"),
            ),
        ),
        rows=(
            (
                label("年度资金总额"),
                Cell(Decimal("200000"), Kind.MONEY),
                Cell(Decimal("22"), Kind.MONEY),
                Cell(Decimal("20.46"), Kind.MONEY),
                Cell(Decimal(10), Kind.NUMBER),
                Cell(Decimal("0.93"), Kind.RATE),
                score("9.3"),
            ),
            (label("其中：本级工会经费"), Cell(None, Kind.MONEY), Cell("—", colspan=5)),
        ),
    )


def make_form(
    key: str = "eval-1",
    title: str = "项目支出绩效自评表",
    *,
    orientation: Orientation = Orientation.LANDSCAPE,
    blocks: tuple[Block, ...] = (),
    **kwargs: object,
) -> Form:
    return Form(
        key=key,
        title=title,
        sheet=key,
        unit_name=UNIT,
        year=2024,
        orientation=orientation,
        blocks=blocks or (funds_block(), indicator_block(8)),
        **kwargs,  # type: ignore[arg-type]
    )


def family(*forms: Form, key: str = "test") -> FormFamily:
    return FormFamily(key=key, title="测试表", forms=forms)


# --- text, fonts, pages ------------------------------------------------------------------------


@needs_poppler
def test_a_small_family_reads_back(tmp_path: Path) -> None:
    targets = make_form(
        "targets-1",
        "项目支出绩效目标申报表",
        orientation=Orientation.PORTRAIT,
        subtitle="2024年职工文体活动经费",
        meta=(("填报单位（盖章）", UNIT), ("年度", "2024"), ("单位", "万元")),
        blocks=(indicator_block(4, long_names=True),),
        signed=(("填报人", "周丽华", "2024-01-15"),),
        notes=("注：分值按指标重要程度设置。",),
    )
    evaluation = make_form(subtitle="2024年职工文体活动经费")
    path = write(tmp_path, family(targets, evaluation))
    layout = text(path)
    whole = raw_flat(path)
    for expected in (
        "项目支出绩效目标申报表",
        "项目支出绩效自评表",
        "2024年职工文体活动经费",
        "填报单位（盖章）：" + UNIT,
        "单位：万元",
        "年度绩效指标",
        "预算执行情况（万元）",
        "注：分值按指标重要程度设置。",
        f"{UNIT} · 2024年度",
    ):
        assert expected in layout
    # every cell, wrapped or not, in drawing order
    for form in (targets, evaluation):
        for block in form.blocks:
            for row in (*block.header, *block.rows):
                for cell in row:
                    assert re.sub(r"\s+", "", cell_text(cell)) in whole
    assert "200,000.00" in layout
    assert "93.00%" in layout
    assert "9.30" in layout
    assert "91.55" in layout
    assert LONG_NAME in whole
    assert "黄灯" in whole
    # sign-off: roles, the recorded name and date, the seal space
    for role in ("填报人：", "工会主席：", "经审会主任：", "日期：", "（单位盖章）"):
        assert role in layout
    assert "周丽华" in layout
    assert "2024-01-15" in layout
    n = pages(path)
    assert footer(1, n).search(layout)
    assert footer(n, n).search(layout)


@needs_poppler
def test_every_font_is_the_embedded_bundled_font(tmp_path: Path) -> None:
    path = write(
        tmp_path, family(make_form(qr="UnionPerf;file=包.zip;sha256=" + "0" * 64, notes=("注",)))
    )
    rows = fonts(path)
    assert rows
    assert all(row.embedded for row in rows), rows
    assert {re.sub(r"^[A-Z]{6}\+", "", row.name) for row in rows} == {f"{FONT_NAME}-0"}


@needs_poppler
def test_page_size_follows_each_form(tmp_path: Path) -> None:
    forms = (
        make_form("a", orientation=Orientation.PORTRAIT),
        make_form("b", orientation=Orientation.LANDSCAPE, blocks=(indicator_block(60),)),
        make_form("c", orientation=Orientation.PORTRAIT),
    )
    path = write(tmp_path, family(*forms))
    sizes = page_sizes(path)
    assert len(sizes) == pages(path) > 3
    assert sizes[0] == PORTRAIT
    assert sizes[-1] == PORTRAIT
    assert set(sizes[1:-1]) == {LANDSCAPE}

    # each form starts a page: its title line is on its first page (not only in the header)
    def title_lines(page: int) -> int:
        lines = text(path, first=page, last=page).splitlines()
        return sum(line.strip() == "项目支出绩效自评表" for line in lines)

    assert [title_lines(page) for page in range(1, len(sizes) + 1)] == [1, 1] + [0] * (
        len(sizes) - 3
    ) + [1]


@needs_poppler
def test_a_long_block_splits_with_its_header_on_every_page(tmp_path: Path) -> None:
    form = make_form(blocks=(indicator_block(200, long_names=True),))
    path = write(tmp_path, family(form))
    n = pages(path)
    assert n > 5
    for page in range(1, n + 1):
        on_page = text(path, first=page, last=page)
        assert footer(page, n).search(on_page)
        assert f"{UNIT} · 2024年度" in on_page
        if page < n:  # the last page may hold only the sign-off block
            assert "三级指标" in on_page, page
            assert "产出指标" in on_page, page
    whole = raw_flat(path)
    for i in range(200):
        assert whole.count(f"指标名称{i:03d}") == 1, i


@needs_poppler
def test_a_row_group_taller_than_a_page_is_cut_and_its_label_repeated(tmp_path: Path) -> None:
    form = make_form(orientation=Orientation.PORTRAIT, blocks=(indicator_block(90, group=90),))
    path = write(tmp_path, family(form))
    n = pages(path)
    assert n >= 3
    for page in range(1, n):
        assert "产出指标" in text(path, first=page, last=page)
    whole = raw_flat(path)
    assert all(whole.count(f"指标名称{i:03d}") == 1 for i in range(90))


@needs_poppler
def test_a_row_taller_than_a_page_continues_on_the_next(tmp_path: Path) -> None:
    sentences = [f"第{i:04d}句目标。" for i in range(600)]
    goal = Block(
        columns=(1, 4),
        caption="年度总体目标",
        rows=((label("年度总体目标"), Cell("".join(sentences))), (label("下一行"), Cell("完"))),
    )
    form = make_form(orientation=Orientation.PORTRAIT, blocks=(indicator_block(30), goal))
    path = write(tmp_path, family(form))
    assert pages(path) >= 3
    # header and footer lines are drawn after each page's content: drop them, then join up
    lines = [
        line
        for line in text(path, mode="-raw").splitlines()
        if not re.fullmatch(r"第 \d+ 页 共 \d+ 页", line.strip())
        and UNIT not in line
        and "项目支出绩效自评表" not in line
    ]
    whole = re.sub(r"\s+", "", "".join(lines))
    assert [whole.count(sentence) for sentence in sentences] == [1] * len(sentences)
    assert "下一行" in whole


# --- traffic lights, sign-off, QR code ----------------------------------------------------------


@needs_poppler
def test_traffic_lights_print_their_colour_word_once(tmp_path: Path) -> None:
    block = Block(
        columns=(2, 1),
        header=((label("指标"), label("预警")),),
        rows=(
            (Cell("举办活动场次"), Cell(None, light=Light.GREEN)),
            (Cell("参与人次"), Cell("红", light=Light.RED)),
            (Cell("覆盖率"), Cell(Decimal("12.5"), Kind.SCORE, light=Light.BLUE)),
        ),
    )
    path = write(tmp_path, family(make_form(blocks=(block,))))
    whole = raw_flat(path)
    assert "绿灯" in whole
    assert "红灯" not in whole
    assert "红" in whole
    assert "12.50蓝灯" in whole


@needs_poppler
def test_qr_code_text_and_seal_space(tmp_path: Path) -> None:
    qr = "UnionPerf;file=华东精密-2024-自评.zip;sha256=" + "ab" * 32 + ";key=RWQ123"
    for orientation in Orientation:
        form = make_form(orientation=orientation, qr=qr)
        path = write(tmp_path, family(form, key=f"cover-{orientation.value}"))
        assert qr in raw_flat(path)
        assert "（单位盖章）" in text(path)
    assert 4 * cm <= SEAL_SIZE


@needs_poppler
def test_forms_without_sign_off_or_forms_at_all(tmp_path: Path) -> None:
    path = write(tmp_path, family(make_form(signoff=())))
    assert "填报人" not in text(path)
    assert "（单位盖章）" not in text(path)  # no sign-off block at all
    empty = write(tmp_path, FormFamily(key="empty", title="绩效自评结果汇总表"))
    assert pages(empty) == 1
    assert "绩效自评结果汇总表" in text(empty)


def test_the_same_family_gives_the_same_bytes() -> None:
    forms = family(make_form(), make_form("b", orientation=Orientation.PORTRAIT))
    assert write_pdf(forms) == write_pdf(forms)


# --- grid ----------------------------------------------------------------------------------------


def test_cells_are_placed_like_an_html_table() -> None:
    block = Block(
        columns=(1, 1, 1),
        header=((label("甲", rowspan=2), label("乙", colspan=2)), (label("丙"), label("丁"))),
        rows=((Cell("a", rowspan=2), Cell("b"), Cell("c")), (Cell("d"), Cell("e"))),
    )
    placed = {(p.row, p.col): (p.cell.text, p.rowspan, p.colspan) for p in place_cells(block)}
    assert placed == {
        (0, 0): ("甲", 2, 1),
        (0, 1): ("乙", 1, 2),
        (1, 1): ("丙", 1, 1),
        (1, 2): ("丁", 1, 1),
        (2, 0): ("a", 2, 1),
        (2, 1): ("b", 1, 1),
        (2, 2): ("c", 1, 1),
        (3, 1): ("d", 1, 1),
        (3, 2): ("e", 1, 1),
    }


def test_spans_are_clipped_to_their_part_of_the_table() -> None:
    block = Block(
        columns=(1, 1),
        header=((label("甲", rowspan=3), label("乙")),),
        rows=((Cell("a", rowspan=9), Cell("b", colspan=5)),),
    )
    spans = [(p.rowspan, p.colspan) for p in place_cells(block)]
    assert spans == [(1, 1), (1, 1), (1, 1), (1, 1)]


def test_a_row_with_too_many_cells_is_refused() -> None:
    block = Block(columns=(1, 1), rows=((Cell("a"), Cell("b"), Cell("c")),))
    with pytest.raises(GridError, match="超出2列"):
        write_pdf(family(make_form(blocks=(block,))))
