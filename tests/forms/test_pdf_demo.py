"""The PDF of every form family of the 2024 demo year, read back with poppler."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from unionperf.demo.data import demo_large_year, demo_unit, demo_years
from unionperf.domain.settings import RuleSettings
from unionperf.domain.year import Stage, StageKind, YearData
from unionperf.forms.builders import families_for
from unionperf.forms.cover import CoverFacts, cover_family
from unionperf.forms.fonts import FONT_NAME, cell_text
from unionperf.forms.model import FormFamily, Kind, Orientation

from .pdfread import flat, fonts, footer, needs_poppler, page_sizes, pages, raw_flat, text, write

pytestmark = needs_poppler


@pytest.fixture(scope="module")
def year() -> YearData:
    return demo_years()[1]


@pytest.fixture(scope="module")
def written(year: YearData, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    return {family.key: write(folder, family) for family in families_for(year)}


def family_named(year: YearData, key: str) -> FormFamily:
    return next(family for family in families_for(year) if family.key == key)


def test_every_family_of_the_year_is_written(year: YearData, written: dict[str, Path]) -> None:
    keys = set(written)
    assert {"budget", "project-targets", "unit-targets", "self-evaluation"} <= keys
    assert "evaluation-summary" in keys
    assert "monitoring-2024-06-30" in keys
    assert len([key for key in keys if key.startswith("monitoring-")]) == len(year.points)


def test_every_title_project_indicator_and_score_is_in_the_pdf(
    year: YearData, written: dict[str, Path]
) -> None:
    for family in families_for(year):
        path = written[family.key]
        whole = raw_flat(path)
        for form in family.forms:
            assert flat(form.title) in whole
            assert flat(form.subtitle) in whole
            for block in form.blocks:
                assert flat(block.caption) in whole
                for row in (*block.header, *block.rows):
                    for cell in row:
                        assert flat(cell_text(cell)) in whole, (family.key, cell)
    # the project names and every score in particular
    for project in year.projects:
        assert project.name in raw_flat(written["project-targets"])
    evaluation = family_named(year, "self-evaluation")
    scores = [
        cell.text
        for form in evaluation.forms
        for block in form.blocks
        for row in block.rows
        for cell in row
        if cell.kind is Kind.SCORE and cell.value is not None
    ]
    assert len(scores) > 20
    layout = text(written["self-evaluation"])
    assert all(value in layout for value in scores)


def test_fonts_pages_and_orientation(year: YearData, written: dict[str, Path]) -> None:
    for family in families_for(year):
        path = written[family.key]
        rows = fonts(path)
        assert rows
        assert all(row.embedded and row.name.endswith(f"+{FONT_NAME}-0") for row in rows)
        n = pages(path)
        assert n >= len(family.forms)
        layout = text(path)
        assert footer(1, n).search(layout)
        assert footer(n, n).search(layout)
        expected = {
            (841.89, 595.276) if form.orientation is Orientation.LANDSCAPE else (595.276, 841.89)
            for form in family.forms
        }
        assert set(page_sizes(path)) == expected


def test_signed_names_are_printed(year: YearData, written: dict[str, Path]) -> None:
    budget = family_named(year, "budget").forms[0]
    assert budget.signed
    layout = text(written["budget"])
    for _role, name, signed_on in budget.signed:
        assert name in layout
        assert signed_on in layout


def test_cover_sheet_with_qr_code(tmp_path: Path) -> None:
    facts = CoverFacts(
        unit=demo_unit(),
        year=2024,
        stage=Stage(StageKind.SELF_EVALUATION),
        key_id="RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3",
        file_name="91350100M000100Y43_2024年绩效自评_第1次.upkg",
        sha256="9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        sequence=1,
        created_at=datetime(2025, 2, 28, 18, 15, tzinfo=timezone(timedelta(hours=8))),
    )
    family = cover_family(facts, RuleSettings())
    path = write(tmp_path, family)
    whole = raw_flat(path)
    assert family.forms[0].qr
    assert flat(family.forms[0].qr) in whole
    assert "（单位盖章）" in whole
    assert pages(path) == 1
    assert "生成时间2025年2月28日18:15" in whole
    assert "报送阶段绩效自评" in whole
    assert "self-evaluation" not in whole
    assert "unionperf" not in whole.lower()
    assert "核对方法" in whole


@pytest.mark.slow
def test_large_unit_self_evaluation(tmp_path: Path) -> None:
    data = demo_large_year(projects=40)
    family = next(f for f in families_for(data) if f.key == "self-evaluation")
    path = write(tmp_path, family)
    whole = raw_flat(path)
    names = {
        cell.text
        for form in family.forms
        for block in form.blocks
        for row in block.rows
        for cell in row
        if cell.kind is Kind.TEXT and cell.text and len(cell.text) < 40
    }
    missing = [name for name in names if flat(name) not in whole]
    assert not missing
    assert pages(path) >= len(family.forms)
    assert footer(pages(path), pages(path)).search(text(path, first=pages(path)))
