"""考核结果通报: the upper level's notice of its units' results for a year's stage.

Seed §二.7 and §三.4: the upper level assesses the units it oversees, ranks them and makes the
results known. The notice is one form written as a PDF (to print, seal and send) and as a
workbook: a summary (units counted, scores, grades), the grade distribution and the ranking —
each unit's own score, the upper level's score where it re-scored (both kept), the final grade
and whether it reported on time. It is built from :func:`.aggregate.aggregate`'s result, so it
says exactly what the 汇总 page shows.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from unionperf.domain.aggregation import RankRow
from unionperf.domain.unit import UnitProfile
from unionperf.forms.fonts import GlyphError
from unionperf.forms.model import Block, Cell, Form, FormFamily, Kind
from unionperf.forms.pdf import write_pdf
from unionperf.forms.xlsx import write_workbook
from unionperf.services.common.errors import ServiceError, local_today
from unionperf.services.common.files import write_atomically
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper.aggregate import Aggregate

__all__ = ["notice_family", "notice_name", "write_notice"]

_ON_TIME = {True: "按时", False: "逾期", None: "—"}


def notice_name(result: Aggregate) -> str:
    """The notice's file name without suffix: ``2024年度绩效自评考核结果通报``."""
    return f"{result.year}年度{result.stage_label}考核结果通报"


def notice_family(result: Aggregate, upper: UnitProfile | None, today: date) -> FormFamily:
    """The notice as a one-form family (the upper union's name heads it)."""
    name = upper.name if upper is not None and upper.name else "上级工会"
    title = f"关于{result.year}年度工会预算绩效考核结果的通报（{result.stage_label}）"
    scores = result.scores
    summary = (
        f"本次纳入 {result.units_included} 个单位（应报 {result.units_expected} 个"
        + ("，仅计审核通过的单位" if result.approved_only else "")
        + "）。"
    )
    if scores.count:
        summary += (
            f"{scores.count} 个单位有得分：平均 {_score(scores.mean)} 分，"
            f"中位数 {_score(scores.median)} 分，最高 {_score(scores.highest)} 分，"
            f"最低 {_score(scores.lowest)} 分。"
        )
    grades = Block(
        columns=(2.0, 1.0, 1.0),
        caption="一、评价等级分布",
        header=((_label("等级"), _label("单位数"), _label("占比")),),
        rows=tuple(
            (
                Cell(bucket.label),
                Cell(Decimal(bucket.count), Kind.NUMBER),
                Cell("" if bucket.share is None else f"{bucket.share}%"),
            )
            for bucket in result.grades
        ),
    )
    ranking = Block(
        columns=(0.6, 4.0, 1.1, 1.1, 0.9, 0.9),
        caption="二、得分排名（经上级复评的单位按复评得分排名，两个得分均列出）",
        header=(
            (
                _label("名次"),
                _label("单位名称"),
                _label("自评得分"),
                _label("上级评分"),
                _label("等级"),
                _label("报送"),
            ),
        ),
        rows=tuple(_rank_row(row) for row in result.ranking),
    )
    form = Form(
        key="assessment-notice",
        title=title,
        sheet="考核结果通报",
        unit_name=name,
        year=result.year,
        meta=(
            ("通报单位（盖章）", name),
            ("通报日期", f"{today.year}年{today.month}月{today.day}日"),
        ),
        blocks=(grades, ranking),
        signoff=("经办人", "负责人"),
        notes=(
            summary,
            "等级按得分划分：90分（含）以上为优，80（含）～90分为良，60（含）～80分为中，"
            "60分以下为差。“报送”一栏为该阶段首次报送是否在截止日期之前。",
        ),
    )
    return FormFamily(key="assessment-notice", title="考核结果通报", forms=(form,))


def write_notice(
    workspace: Workspace, result: Aggregate, folder: Path, today: date | None = None
) -> tuple[Path, Path]:
    """Write the notice as PDF and workbook into ``folder``; returns (pdf, xlsx).

    Raises:
        ServiceError: a name holds characters the bundled font cannot print, or the files
            cannot be written.
    """
    family = notice_family(result, workspace.unit(), today or local_today())
    try:
        pdf = write_pdf(family)
    except GlyphError as error:
        raise ServiceError(f"无法生成考核结果通报：{error}") from error
    name = notice_name(result)
    written_pdf = write_atomically(folder, f"{name}.pdf", pdf)
    written_xlsx = write_atomically(folder, f"{name}.xlsx", write_workbook([family]))
    return written_pdf, written_xlsx


def _rank_row(row: RankRow) -> tuple[Cell, ...]:
    entry = row.entry
    return (
        Cell(Decimal(row.rank) if row.rank is not None else None, Kind.NUMBER),
        Cell(entry.name),
        Cell(entry.score, Kind.SCORE),
        Cell(entry.upper_score, Kind.SCORE),
        Cell(entry.final_grade or "—"),
        Cell(_ON_TIME[entry.on_time]),
    )


def _label(text: str) -> Cell:
    return Cell(text, Kind.LABEL, bold=True)


def _score(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}"
