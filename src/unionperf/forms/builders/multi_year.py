"""Multi-year projects on the forms: the year's place in the period, totals, years, 清理退出.

The official forms have room for the period (项目期) and 中期资金总额; the self-evaluation form
also takes a 全周期情况 block under its budget execution: each year so far side by side with
the cumulative budget and execution and that year's score, and the 清理退出 proposal with its
reason when there is one. Amounts in 万元 as the rest of the forms.
"""

from __future__ import annotations

from decimal import Decimal

from unionperf.domain.budget import Project
from unionperf.domain.money import ZERO
from unionperf.domain.multi_year import ProjectCycle, is_multi_year, project_cycle, year_slice
from unionperf.domain.scoring import TargetScore
from unionperf.domain.year import YearData
from unionperf.forms.builders.common import WAN, Row, centred, label, rate, score, text, wan
from unionperf.forms.model import Block


def cycle_of(data: YearData, project: Project, result: TargetScore | None) -> ProjectCycle | None:
    """The project's period so far, ``None`` when it is not multi-year."""
    if not is_multi_year(project, data.project_history):
        return None
    current = year_slice(
        data.year, project, result.total if result else None, result.grade.value if result else ""
    )
    return project_cycle(project, data.year, data.project_history, current)


def stage_suffix(data: YearData, project: Project) -> str:
    """``（第2年／共3年）`` after the 项目期 of a multi-year project, else empty."""
    cycle = cycle_of(data, project, None)
    return f"（{cycle.stage_text}）" if cycle is not None and cycle.stage_text else ""


def earlier_totals(data: YearData, project: Project) -> tuple[Decimal, Decimal] | None:
    """以前年度累计预算数 and 累计执行数 (the years before this one), ``None`` without any."""
    earlier = [item for item in data.project_history if item.project_uid == project.uid]
    if not earlier:
        return None
    return (
        sum((item.budget for item in earlier), ZERO),
        sum((item.executed for item in earlier), ZERO),
    )


def cycle_block(
    data: YearData, project: Project, result: TargetScore, columns: tuple[float, ...]
) -> Block | None:
    """全周期情况 on an eight-column form: one row per year, then 清理退出 when proposed."""
    cycle = cycle_of(data, project, result)
    if cycle is None or len(columns) != 8:  # noqa: PLR2004 - the self-evaluation's grid
        return None
    header: Row = (
        label("年度"),
        label(f"全年预算数（{WAN}）"),
        label(f"全年执行数（{WAN}）"),
        label(f"累计预算数（{WAN}）"),
        label(f"累计执行数（{WAN}）"),
        label("累计执行率"),
        label("自评得分"),
        label("等级"),
    )
    rows: list[Row] = [
        (
            centred(f"{row.slice.year}年" + ("（本年）" if row.slice.year == data.year else "")),
            wan(row.slice.budget),
            wan(row.slice.executed),
            wan(row.cumulative_budget, bold=True),
            wan(row.cumulative_executed, bold=True),
            rate(row.cumulative_rate),
            score(row.slice.score),
            centred(row.slice.grade or "—"),
        )
        for row in cycle.rows
    ]
    midterm = project.midterm_budget
    rows.append(
        (
            label("中期资金总额"),
            wan(midterm if midterm > ZERO else None, bold=True),
            label(f"项目期：{cycle.period_text}{cycle.stage_text and '，' + cycle.stage_text}", 3),
            label("累计预算占中期"),
            rate(cycle.midterm_share, 2),
        )
    )
    if project.clear_out:
        rows.append((label("清理退出"), text(f"是。原因：{project.clear_out_reason}", 7)))
    return Block(columns=columns, header=(header,), rows=tuple(rows), caption="全周期情况")
