"""Glyph coverage: a character the bundled font lacks is reported with its place, never dropped."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from unionperf.forms.fonts import (
    GlyphError,
    check_family_glyphs,
    family_glyph_problems,
    font_path,
    missing_glyphs,
)
from unionperf.forms.model import Block, Cell, Form, FormFamily, Kind
from unionperf.forms.pdf import write_pdf

RARE = "䶮"  # U+4DAE, in personal names (刘䶮); not in WenQuanYi Micro Hei
EXT_B = "𠀀"  # U+20000, CJK extension B


def form(**changes: object) -> Form:
    base = Form(
        key="targets-1",
        title="项目支出绩效目标申报表",
        sheet="目标-1",
        unit_name="华东精密机械有限公司工会委员会",
        year=2024,
        blocks=(
            Block(
                columns=(1, 2),
                caption="年度绩效指标",
                header=((Cell("三级指标", Kind.LABEL), Cell("指标值", Kind.LABEL)),),
                rows=(
                    (Cell("举办职工文体活动场次"), Cell("≥12场")),
                    (Cell("人均活动成本"), Cell(Decimal("126.3"), Kind.NUMBER)),
                ),
            ),
        ),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def family(*forms: Form) -> FormFamily:
    return FormFamily(key="t", title="t", forms=forms)


def test_the_bundled_font_is_found() -> None:
    assert font_path().is_file()
    assert font_path().name == "wqy-microhei.ttc"


def test_missing_glyphs() -> None:
    assert missing_glyphs("") == set()
    assert missing_glyphs("华东精密机械有限公司工会委员会（盖章）：≥≤＝％…—·①√") == set()
    assert missing_glyphs("abc ABC 0123456789 ,.;:()%") == set()
    assert missing_glyphs("第一行\n第二行\t制表\u200b") == set()  # control and format chars
    assert missing_glyphs(f"刘{RARE}、王{EXT_B}") == {RARE, EXT_B}


def test_a_family_with_a_missing_character_is_refused_with_its_place() -> None:
    cells = form().blocks[0]
    bad_row = (Cell(f"参与职工{EXT_B}人次"), Cell("≥1500人次"))
    bad = form(
        blocks=(replace(cells, rows=(*cells.rows, bad_row)),),
        signed=(("填报人", f"刘{RARE}", "2024-01-15"),),
    )
    fine = form(key="targets-2")
    with pytest.raises(GlyphError) as caught:
        write_pdf(family(fine, bad))
    error = caught.value
    assert error.characters == {RARE, EXT_B}
    message = str(error)
    assert RARE in message
    assert EXT_B in message
    assert "U+4DAE" in message
    assert "U+20000" in message
    assert "项目支出绩效目标申报表" in message
    places = [(p.form_key, p.where, p.chars) for p in error.problems]
    assert places == [
        ("targets-1", "年度绩效指标 第3行第1列", EXT_B),
        ("targets-1", "签字栏“填报人”", RARE),
    ]
    # the warning list the service shows before writing says the same
    warnings = check_family_glyphs(family(fine, bad))
    assert len(warnings) == 2
    assert "第3行第1列" in warnings[0]
    assert f"参与职工{EXT_B}人次" in warnings[0]
    assert check_family_glyphs(family(fine)) == []


@pytest.mark.parametrize(
    "changes",
    [
        {"title": f"标题{RARE}"},
        {"subtitle": f"项目{RARE}"},
        {"unit_name": f"{RARE}工会"},
        {"meta": (("填报单位（盖章）", f"{RARE}工会"),)},
        {"meta": ((f"{RARE}", "万元"),)},
        {"signoff": ("填报人", f"{RARE}主任")},
        {"signed": (("填报人", "张三", f"2024{RARE}"),)},
        {"notes": ("注：", f"说明{RARE}")},
        {"qr": f"file={RARE}.zip"},
        {"blocks": (Block(columns=(1,), caption=f"表{RARE}", rows=((Cell("a"),),)),)},
        {"blocks": (Block(columns=(1,), header=((Cell(f"表头{RARE}", Kind.LABEL),),), rows=()),)},
    ],
)
def test_every_printed_text_is_checked(changes: dict[str, object]) -> None:
    bad = form(**changes)
    problems = family_glyph_problems(family(bad))
    assert [p.chars for p in problems] == [RARE]
    with pytest.raises(GlyphError):
        write_pdf(family(bad))
