"""What the upper level's commands print: the board and 汇总 as text and as JSON.

JSON shapes are documented in ``docs/cli.md``: decimals are strings (money and scores with two
decimals, rates as fractions with four), never floats; times are UTC ISO strings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from unionperf.services.upper.aggregate import Aggregate
    from unionperf.services.upper.status import StatusBoard


def board_json(board: StatusBoard) -> dict[str, Any]:
    """``board --json``: the stage, its deadline, the counts and rates, and every unit."""
    rates = board.rates
    return {
        "year": board.year,
        "stage": board.stage,
        "stage_label": board.stage_label,
        "deadline": board.deadline.isoformat() if board.deadline else None,
        "today": board.today.isoformat(),
        "summary": {
            "expected": rates.expected,
            "reported": rates.reported,
            "reported_on_time": rates.reported_on_time if rates.has_deadline else None,
            "reporting_rate": _text(rates.reporting_rate),
            "on_time_rate": _text(rates.on_time_rate),
            "counts": {status.value: count for status, count in rates.counts.items()},
        },
        "units": [
            {
                "code": line.code,
                "name": line.name,
                "contact": line.contact,
                "key_registered": line.has_key,
                "status": line.status.value,
                "status_label": line.label,
                "sequence": line.sequence,
                "received_at": line.received_at,
                "first_received_at": line.first_received_at,
                "on_time": line.on_time,
                "score": _text(line.score),
                "grade": line.grade or None,
                "execution_rate": _rate(line.execution_rate),
            }
            for line in board.lines
        ],
    }


def print_board(board: StatusBoard) -> None:
    """The board as text: the stage and deadline, the rates and counts, one line per unit."""
    from unionperf.services.upper.tables import local_time, percent_text  # noqa: PLC0415

    rates = board.rates
    deadline = board.deadline.isoformat() if board.deadline else "未设置"
    print(f"{board.year}年度 {board.stage_label}（{board.stage}）报送情况；截止日期：{deadline}")
    line = (
        f"应报 {rates.expected}，已报 {rates.reported}，报送率 {percent_text(rates.reporting_rate)}"
    )
    if rates.has_deadline:
        line += f"；按时 {rates.reported_on_time}，及时率 {percent_text(rates.on_time_rate)}"
    print(line)
    print("，".join(f"{status.label} {count}" for status, count in rates.counts.items()))
    for item in board.lines:
        score = f"{item.score} {item.grade}" if item.score is not None else ""
        sequence = f"第{item.sequence}次" if item.sequence else ""
        late = "（逾期）" if item.on_time is False and item.status.value != "late" else ""
        print(
            f"{item.code}  {item.label:<4}{late} {sequence:<5} {local_time(item.received_at):<16}"
            f"  {score:<9} {item.name}"
        )


def aggregate_json(result: Aggregate) -> dict[str, Any]:
    """``aggregate --json``: every table of the aggregation (money in yuan, rates 4 decimals)."""

    def category(row: Any) -> dict[str, Any]:
        return {
            "code": row.code or None,
            "name": row.name,
            "units": row.units,
            "last_year_actual": _text(row.last_year_actual),
            "budget": _text(row.budget),
            "adjustment": _text(row.adjustment),
            "approved": _text(row.approved),
            "executed": _text(row.executed),
            "rate": _rate(row.rate),
        }

    def project(row: Any) -> dict[str, Any]:
        return {
            "key": row.key or None,
            "label": row.label,
            "units": row.units,
            "projects": row.projects,
            "initial": _text(row.initial),
            "budget": _text(row.budget),
            "executed": _text(row.executed),
            "rate": _rate(row.rate),
        }

    def bucket(row: Any) -> dict[str, Any]:
        return {"label": row.label, "count": row.count, "share": _text(row.share)}

    stats = result.scores
    return {
        "year": result.year,
        "stage": result.stage,
        "stage_label": result.stage_label,
        "units_expected": result.units_expected,
        "units_included": result.units_included,
        "approved_only": result.approved_only,
        "revenue": [category(row) for row in result.revenue],
        "expenditure": [category(row) for row in result.expenditure],
        "projects_by_category": [project(row) for row in result.by_category],
        "projects_by_attribute": [project(row) for row in result.by_attribute],
        "execution_distribution": [bucket(row) for row in result.execution],
        "grade_distribution": [bucket(row) for row in result.grades],
        "scores": {
            "count": stats.count,
            "mean": _text(stats.mean),
            "median": _text(stats.median),
            "lowest": _text(stats.lowest),
            "highest": _text(stats.highest),
        },
        "ranking": [
            {
                "rank": row.rank,
                "code": row.entry.code,
                "name": row.entry.name,
                "score": _text(row.entry.score),
                "grade": row.entry.grade or None,
                "upper_score": _text(row.entry.upper_score),
                "final_score": _text(row.entry.final_score),
                "final_grade": row.entry.final_grade or None,
                "status": row.entry.status.value,
                "on_time": row.entry.on_time,
                "execution_rate": _rate(row.entry.execution_rate),
            }
            for row in result.ranking
        ],
        "multi_year_projects": [_multi_year_json(row) for row in result.multi_year],
        "ex_ante_assessments": [
            {
                "conclusion": row.conclusion or None,
                "label": row.label,
                "projects": row.projects,
                "units": row.units,
            }
            for row in result.assessments
        ],
    }


def _multi_year_json(row: Any) -> dict[str, Any]:
    """A multi-year project of ``aggregate --json`` (money in yuan, rates 4 decimals)."""
    return {
        "unit_code": row.unit_code,
        "unit_name": row.unit_name,
        "project_uid": row.project_uid,
        "project_name": row.project_name,
        "start_year": row.start_year,
        "end_year": row.end_year,
        "midterm_budget": _text(row.midterm_budget),
        "cumulative_budget": _text(row.cumulative_budget),
        "cumulative_executed": _text(row.cumulative_executed),
        "cumulative_rate": _rate(row.cumulative_rate),
        "score": _text(row.total),
        "grade": row.grade or None,
        "clear_out": row.clear_out,
        "clear_out_reason": row.clear_out_reason or None,
    }


def print_aggregate(result: Aggregate) -> None:
    """The aggregation as text: the tables, the distributions and the ranking."""
    print(
        f"{result.year}年度 {result.stage_label} 汇总：纳入 {result.units_included} 个单位"
        f"（应报 {result.units_expected}）" + ("，仅已通过" if result.approved_only else "")
    )
    for title, rows in (("收入", result.revenue), ("支出", result.expenditure)):
        print(f"{title}（元）：科目  批复预算数  执行数  执行率")
        for row in rows:
            print(
                f"  {row.code or '':<4}{row.name:<10} {row.approved:>16} "
                f"{'—' if row.executed is None else row.executed:>16}  "
                f"{_percent(row.rate)}"
            )
    print("项目（按支出类别）：类别  项目数  全年预算数  执行数  执行率")
    for item in result.by_category:
        print(
            f"  {item.label:<10} {item.projects:>5} {item.budget:>16} {item.executed:>16}  "
            f"{_percent(item.rate)}"
        )
    if result.execution:
        print("执行率分布：" + "，".join(f"{b.label} {b.count}" for b in result.execution))
    print("等级分布：" + "，".join(f"{b.label} {b.count}" for b in result.grades))
    stats = result.scores
    if stats.count:
        print(f"得分：平均 {stats.mean}，中位数 {stats.median}，", end="")
        print(f"最低 {stats.lowest}，最高 {stats.highest}")
    print("排名：名次  代码  单位  自评得分  上级评分  等级  状态  按时")
    for ranked in result.ranking:
        entry = ranked.entry
        on_time = {True: "按时", False: "逾期", None: ""}[entry.on_time]
        print(
            f"  {ranked.rank if ranked.rank is not None else '—':>4}  {entry.code}  {entry.name}  "
            f"{entry.score if entry.score is not None else '—'}  "
            f"{entry.upper_score if entry.upper_score is not None else '—'}  "
            f"{entry.final_grade or '—'}  {entry.status.label}  {on_time}".rstrip()
        )
    if result.assessments:
        print(
            "事前绩效评估（新增重大项目）："
            + "，".join(f"{row.label} {row.projects}" for row in result.assessments)
        )
    if result.multi_year:
        print("多年期项目：单位  项目  实施期  累计预算数  累计执行数  累计执行率  清理退出")
    for line in result.multi_year:
        cleared = f"清理退出（{line.clear_out_reason}）" if line.clear_out else ""
        print(
            f"  {line.unit_name}  {line.project_name}  {line.period_text}  "
            f"{line.cumulative_budget}  {line.cumulative_executed}  "
            f"{_percent(line.cumulative_rate)}  {cleared}".rstrip()
        )


def _percent(rate: Any) -> str:
    return "—" if rate is None else f"{rate * 100:.2f}%"


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _rate(value: Any) -> str | None:
    return None if value is None else f"{value:.4f}"
