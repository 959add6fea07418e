"""What the review shows of a multi-year project: its period, totals, earlier years, 清理退出.

The upper level reads the whole period from the package itself (``project_history`` carries
the earlier years' slices), so it needs none of the unit's earlier packages.
"""

from __future__ import annotations

from unionperf.domain.budget import Project
from unionperf.domain.multi_year import is_multi_year, project_cycle, year_slice
from unionperf.domain.scoring import TargetScore
from unionperf.domain.year import YearData
from unionperf.services.upper.review_values import Values, add, money, number, percent


def multi_year_values(data: YearData, project: Project, score: TargetScore | None) -> Values:
    """The period, 中期资金总额, cumulative figures and each year side by side."""
    values: Values = []
    if is_multi_year(project, data.project_history):
        current = year_slice(
            data.year, project, score.total if score else None, score.grade.value if score else ""
        )
        cycle = project_cycle(project, data.year, data.project_history, current)
        add(values, "period_stage", "所处年度", cycle.stage_text)
        add(values, "midterm_budget", "中期资金总额（元）", money(project.midterm_budget or None))
        add(values, "cumulative_budget", "累计预算数（元）", money(cycle.cumulative_budget))
        add(values, "cumulative_executed", "累计执行数（元）", money(cycle.cumulative_executed))
        add(values, "cumulative_rate", "累计执行率", percent(cycle.rows[-1].cumulative_rate))
        add(values, "midterm_share", "累计预算占中期资金", percent(cycle.midterm_share))
        for row in cycle.rows:
            item = row.slice
            scored = f"，得分{number(item.score)}（{item.grade}）" if item.score is not None else ""
            add(
                values,
                f"year_{item.year}",
                f"{item.year}年度",
                f"全年预算数{money(item.budget)}元，执行数{money(item.executed)}元{scored}"
                + ("，标记清理退出" if item.clear_out else ""),
            )
        if cycle.missing_years:
            add(values, "missing_years", "缺少年度", "、".join(map(str, cycle.missing_years)))
    return values


def clear_out_values(project: Project) -> Values:
    """清理退出 and its reason, when the unit proposes it (shown first: it asks for a decision)."""
    values: Values = []
    if project.clear_out:
        add(values, "clear_out", "清理退出", "是（单位提出清理退出）")
        add(values, "clear_out_reason", "清理退出原因", project.clear_out_reason or "（未填写）")
    return values


def cleared_names(data: YearData) -> str:
    """The names of the projects the unit proposes to clear out, 、-separated."""
    return "、".join(project.name for project in data.projects if project.clear_out)
