"""The status board and 汇总 as Excel workbooks (every table of the page exports)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from unionperf.domain.aggregation import Bucket, CategoryTotal, ProjectTotal
from unionperf.domain.board import BoardStatus
from unionperf.domain.multi_year_summary import MultiYearLine
from unionperf.forms.tables_xlsx import Column, Kind, Table, write_tables
from unionperf.services.common.files import write_atomically
from unionperf.services.upper.aggregate import Aggregate
from unionperf.services.upper.status import StatusBoard

_ON_TIME = {True: "是", False: "否", None: ""}


def local_time(moment: str | None) -> str:
    """A stored UTC time as local ``YYYY-MM-DD HH:MM`` (empty for none)."""
    if not moment:
        return ""
    return datetime.fromisoformat(moment).astimezone().strftime("%Y-%m-%d %H:%M")


def percent_text(value: Decimal | None) -> str:
    """A per-cent figure as ``93.50%`` (empty for none)."""
    return "" if value is None else f"{value}%"


def board_table(board: StatusBoard) -> Table:
    """The board's lines as one table, its counts and rates underneath."""
    rates = board.rates
    counts = "，".join(f"{status.label} {rates.counts[status]}" for status in BoardStatus)
    notes = [
        f"{board.year}年度 {board.stage_label}；截止日期："
        + (board.deadline.isoformat() if board.deadline else "未设置"),
        f"应报 {rates.expected}，已报 {rates.reported}"
        f"（报送率 {percent_text(rates.reporting_rate)}）"
        + (
            f"，按时 {rates.reported_on_time}（及时率 {percent_text(rates.on_time_rate)}）"
            if rates.has_deadline
            else ""
        ),
        counts,
    ]
    return Table(
        "报送情况",
        (
            Column("统一社会信用代码", width=22),
            Column("单位名称", width=32),
            Column("联系人及电话", width=20),
            Column("状态", width=8),
            Column("序号", Kind.NUMBER, 6),
            Column("接收时间", width=17),
            Column("首次接收时间", width=17),
            Column("按时", width=6),
            Column("得分", Kind.NUMBER, 8),
            Column("等级", width=6),
            Column("执行率", Kind.RATE, 9),
        ),
        [
            (
                line.code,
                line.name,
                line.contact,
                line.label,
                line.sequence or None,
                local_time(line.received_at),
                local_time(line.first_received_at),
                _ON_TIME[line.on_time],
                line.score,
                line.grade,
                line.execution_rate,
            )
            for line in board.lines
        ],
        tuple(notes),
    )


def export_board(board: StatusBoard, out_file: Path) -> Path:
    """Write the board as a workbook and return its path.

    Raises:
        ServiceError: the file cannot be written.
    """
    return write_atomically(out_file.parent, out_file.name, write_tables([board_table(board)]))


_CATEGORY_COLUMNS = (
    Column("科目编码", width=10),
    Column("科目名称", width=18),
    Column("单位数", Kind.NUMBER, 8),
    Column("上年决算数", Kind.MONEY, 16),
    Column("本年预算数", Kind.MONEY, 16),
    Column("调整数", Kind.MONEY, 14),
    Column("批复预算数", Kind.MONEY, 16),
    Column("执行数", Kind.MONEY, 16),
    Column("执行率", Kind.RATE, 9),
)
_PROJECT_COLUMNS = (
    Column("类别", width=18),
    Column("单位数", Kind.NUMBER, 8),
    Column("项目数", Kind.NUMBER, 8),
    Column("年初预算数", Kind.MONEY, 16),
    Column("全年预算数", Kind.MONEY, 16),
    Column("执行数", Kind.MONEY, 16),
    Column("执行率", Kind.RATE, 9),
)
_BUCKET_COLUMNS = (
    Column("区间", width=14),
    Column("单位数", Kind.NUMBER, 8),
    Column("占比（%）", Kind.NUMBER, 10),
)


def _categories(title: str, rows: list[CategoryTotal]) -> Table:
    return Table(
        title,
        _CATEGORY_COLUMNS,
        [
            (
                row.code,
                row.name,
                row.units,
                row.last_year_actual,
                row.budget,
                row.adjustment,
                row.approved,
                row.executed,
                row.rate,
            )
            for row in rows
        ],
    )


def _projects(title: str, rows: list[ProjectTotal]) -> Table:
    return Table(
        title,
        _PROJECT_COLUMNS,
        [
            (
                row.label,
                row.units,
                row.projects,
                row.initial,
                row.budget,
                row.executed,
                row.rate,
            )
            for row in rows
        ],
    )


_MULTI_YEAR_COLUMNS = (
    Column("统一社会信用代码", width=22),
    Column("单位名称", width=28),
    Column("项目名称", width=28),
    Column("实施期", width=14),
    Column("中期资金总额", Kind.MONEY, 16),
    Column("累计预算数", Kind.MONEY, 16),
    Column("累计执行数", Kind.MONEY, 16),
    Column("累计执行率", Kind.RATE, 10),
    Column("本年得分", Kind.NUMBER, 9),
    Column("等级", width=6),
    Column("清理退出", width=8),
    Column("清理退出原因", width=36),
)


def multi_year_table(rows: list[MultiYearLine]) -> Table:
    """多年期项目: each with its period, cumulative figures, score and 清理退出 (flagged first)."""
    return Table(
        "多年期项目",
        _MULTI_YEAR_COLUMNS,
        [
            (
                row.unit_code,
                row.unit_name,
                row.project_name,
                row.period_text,
                row.midterm_budget,
                row.cumulative_budget,
                row.cumulative_executed,
                row.cumulative_rate,
                row.total,
                row.grade,
                "是" if row.clear_out else "",
                row.clear_out_reason,
            )
            for row in rows
        ],
    )


def _buckets(title: str, rows: list[Bucket]) -> Table:
    return Table(title, _BUCKET_COLUMNS, [(row.label, row.count, row.share) for row in rows])


def aggregate_tables(result: Aggregate) -> list[Table]:
    """Every table of the aggregation, one sheet each (金额单位：元)."""
    heading = (
        f"{result.year}年度 {result.stage_label} 汇总：纳入 {result.units_included} 个单位"
        f"（应报 {result.units_expected}）"
        + ("，仅已通过" if result.approved_only else "")
        + "；金额单位：元"
    )
    ranking = Table(
        "排名",
        (
            Column("名次", Kind.NUMBER, 6),
            Column("统一社会信用代码", width=22),
            Column("单位名称", width=32),
            Column("单位自评得分", Kind.NUMBER, 12),
            Column("自评等级", width=8),
            Column("上级评分", Kind.NUMBER, 10),
            Column("最终等级", width=8),
            Column("报送状态", width=8),
            Column("按时", width=6),
            Column("执行率", Kind.RATE, 9),
        ),
        [
            (
                row.rank,
                row.entry.code,
                row.entry.name,
                row.entry.score,
                row.entry.grade,
                row.entry.upper_score,
                row.entry.final_grade,
                row.entry.status.label,
                _ON_TIME[row.entry.on_time],
                row.entry.execution_rate,
            )
            for row in result.ranking
        ],
        (heading,),
    )
    tables = [
        _categories("收入", result.revenue),
        _categories("支出", result.expenditure),
        _projects("项目（按支出类别）", result.by_category),
        _projects("项目（按项目属性）", result.by_attribute),
    ]
    if result.execution_reported:
        tables.append(_buckets("执行率分布", result.execution))
    tables += [_buckets("等级分布", result.grades), ranking]
    if result.multi_year:
        tables.append(multi_year_table(result.multi_year))
    if result.assessments:
        tables.append(
            Table(
                "事前绩效评估",
                (
                    Column("评估结论", width=14),
                    Column("项目数", Kind.NUMBER, 10),
                    Column("单位数", Kind.NUMBER, 10),
                ),
                [(row.label, row.projects, row.units) for row in result.assessments],
            )
        )
    return [
        Table(table.title, table.columns, table.rows, table.notes or (heading,)) for table in tables
    ]


def export_aggregate(result: Aggregate, out_file: Path) -> Path:
    """Write every table of the aggregation as a workbook and return its path.

    Raises:
        ServiceError: the file cannot be written.
    """
    return write_atomically(out_file.parent, out_file.name, write_tables(aggregate_tables(result)))
