"""Problems of cells that cannot be used, named with their field; merged ranges over input cells.

A cell's field is its column's header below the header row, or the label to the left of a fixed
cell (说明!B4 is 统一社会信用代码, 预算!B1 is 上年结余（元）).
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.utils import get_column_letter

from unionperf.forms.fillin import layout, limits
from unionperf.forms.fillin.sheet import Grid, as_text
from unionperf.forms.fillin.sheet_stream import Issue, span

FIXED_CELLS = {
    layout.GUIDE: (3, 1, 6, 2),
    layout.BUDGET: (1, 1, 3, 2),
}
"""The fixed cells above (or instead of) a sheet's table, with their labels: rows and columns."""

_LABELLED = frozenset(FIXED_CELLS)


def field_name(grid: Grid, row: int, column: int) -> str:
    """The Chinese name of a cell's field, or ``""`` when the cell has none."""
    if grid.name != layout.GUIDE and row > grid.header_row:
        for title, index in grid.columns.items():
            if index == column - 1:
                return title
        return ""
    if grid.name in _LABELLED and column == 2:  # noqa: PLR2004 - column B, labelled in A
        return as_text(grid.value((row, 1))).strip()[:20]
    return ""


def report_issues(grid: Grid, issues: Iterable[Issue]) -> None:
    """One problem per unusable cell, at the cell, naming its field when it has one."""
    for issue in issues:
        name = field_name(grid, issue.row, issue.column)
        cell = f"{get_column_letter(issue.column)}{issue.row}"
        grid.problems.add(grid.name, cell, issue_message(issue, name))


def issue_message(issue: Issue, field: str) -> str:
    """What is wrong with the cell, in Chinese."""
    who = f"“{field}”" if field else "此单元格"
    if issue.kind == "uncached":
        return (
            f"{who}是公式“={issue.detail}”，但文件中没有它的计算结果（由其他程序生成、"
            "未在 Excel 中保存过的文件会这样），导入不会把它当作0或空白：请在 Excel 或 WPS "
            "中打开并保存后再导入，或直接填写数值"
        )
    if issue.kind == "error":
        return f"{who}是错误值“{issue.detail}”：请改正公式或直接填写"
    if issue.kind == "long":
        return (
            f"{who}的文字有{issue.detail}个字符，超过上限{limits.MAX_CELL_TEXT}个字符"
            "（一个 Excel 单元格最多能存放的字数）"
        )
    if issue.kind == "range":
        return f"{who}的数值“{issue.detail}”超出范围（绝对值不能超过{limits.MAX_NUMBER:,}）"
    if issue.kind == "number":
        return f"{who}的数值“{issue.detail}”不是有效的数字"
    return f"{who}：{issue.detail}，文件可能已损坏"


def check_merges(grid: Grid, merges: Iterable[str], read: tuple[str, ...]) -> None:
    """A problem for each merged range over a cell the import reads (its range is the cell)."""
    columns = {grid.columns[title] + 1: title for title in read if title in grid.columns}
    fixed = FIXED_CELLS.get(grid.name)
    for reference in merges:
        bounds = span(reference)
        if bounds is None:
            continue
        top, left, bottom, right = bounds
        fields = []
        if bottom >= grid.header_row and grid.name != layout.GUIDE:
            fields = [columns[index] for index in range(left, right + 1) if index in columns]
        if fixed and _overlaps(bounds, fixed):
            fields += [
                field_name(grid, row, 2)
                for row in range(max(top, fixed[0]), min(bottom, fixed[2]) + 1)
            ]
        if fields:
            shown = "、".join(dict.fromkeys(field for field in fields if field))
            grid.problems.add(
                grid.name,
                reference,
                f"合并单元格{reference}覆盖了要导入的单元格（{shown or '填写区域'}）："
                "合并后只有左上角单元格的内容会被导入，其余单元格的内容会丢失。"
                "请取消合并、核对内容后再导入",
            )


def _overlaps(first: tuple[int, int, int, int], second: tuple[int, int, int, int]) -> bool:
    return not (
        first[2] < second[0] or second[2] < first[0] or first[3] < second[1] or second[3] < first[1]
    )
