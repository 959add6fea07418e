"""Forms list indicators in canonical order and explain every score (issue 12, items 3 and 4)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from unionperf.demo.data import demo_years
from unionperf.domain.year import YearData
from unionperf.forms.builders import (
    evaluation_family,
    families_for,
    monitoring_family,
    project_target_family,
)
from unionperf.forms.model import Block, Form

from .grid import texts
from .pdfread import flat, needs_poppler, raw_flat, text, write

WORKED = "p2024-01"
"""The worked example of domain.md §5.8 in the demo (2024年职工文体活动经费)."""


@pytest.fixture(scope="module")
def added_backwards() -> YearData:
    """The demo year with the worked project's indicators added last first (满意度 first)."""
    year = demo_years()[1]
    projects = tuple(
        replace(
            project,
            targets=replace(
                project.targets, indicators=tuple(reversed(project.targets.indicators))
            ),
        )
        if project.uid == WORKED
        else project
        for project in year.projects
    )
    return replace(year, projects=projects)


def _level1_order(block: Block) -> list[str]:
    wanted = ("产出指标", "效益指标", "满意度指标")
    return [value for value in texts(block) if value in wanted]


def _form(forms: tuple[Form, ...], key: str) -> Form:
    return next(form for form in forms if form.key == key)


def _block(form: Form, caption: str) -> Block:
    return next(block for block in form.blocks if block.caption == caption)


def test_evaluation_form_prints_benefit_before_satisfaction(added_backwards: YearData) -> None:
    form = _form(evaluation_family(added_backwards).forms, f"evaluation-{WORKED}")
    assert _level1_order(_block(form, "绩效指标")) == ["产出指标", "效益指标", "满意度指标"]
    names = [
        value
        for value in texts(_block(form, "绩效指标"))
        if value in ("举办职工文体活动场次", "参与职工人次")
    ]
    # Within 数量 the user's (reversed) order is kept.
    assert names == ["参与职工人次", "举办职工文体活动场次"]


def test_target_and_monitoring_forms_follow_the_same_order(added_backwards: YearData) -> None:
    targets = _form(project_target_family(added_backwards).forms, f"targets-{WORKED}")
    assert _level1_order(_block(targets, "年度绩效指标")) == ["产出指标", "效益指标", "满意度指标"]
    point = added_backwards.points[0]
    monitoring = next(
        form for form in monitoring_family(added_backwards, point).forms if WORKED in form.key
    )
    order = _level1_order(_block(monitoring, "绩效指标完成情况"))
    assert order == ["产出指标", "效益指标", "满意度指标"]


def test_evaluation_notes_carry_the_working(added_backwards: YearData) -> None:
    form = _form(evaluation_family(added_backwards).forms, f"evaluation-{WORKED}")
    notes = "\n".join(form.notes)
    assert "举办职工文体活动场次：正向指标未完成：10 ÷ 12 × 15 = 12.50" in notes
    assert "会员参与覆盖率：正向指标未完成：76 ÷ 80 × 15 = 14.25" in notes
    assert "总分 = 预算执行率得分9.30 + 指标得分82.25 = 91.55" in notes
    assert "参与职工人次：" not in notes  # full points: no note


def test_monitoring_legend_says_rates_are_not_pro_rated(added_backwards: YearData) -> None:
    form = monitoring_family(added_backwards, added_backwards.points[0]).forms[0]
    legend = next(note for note in form.notes if note.startswith("预警"))
    assert "年度指标值 × 月份 ÷ 12" in legend
    assert "不按月折算" in legend


@needs_poppler
def test_pdf_prints_the_working_and_benefit_before_satisfaction(
    added_backwards: YearData, tmp_path: Path
) -> None:
    family = next(f for f in families_for(added_backwards) if f.key == "self-evaluation")
    path = write(tmp_path, family)
    whole = raw_flat(path)
    assert flat("正向指标未完成：10 ÷ 12 × 15 = 12.50") in whole
    assert flat("计分说明") in whole
    first_form = text(path, first=1, last=2)
    assert first_form.index("效益指标") < first_form.index("满意度指标")
    assert first_form.index("产出指标") < first_form.index("效益指标")
