"""Write the fill-in workbook: everything a year holds, editable, with drop-down lists."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from unionperf.domain.budget import ATTRIBUTE_LABELS, UNIT_OWNER
from unionperf.domain.categories import Flow
from unionperf.domain.indicators import TIER_LABELS, Indicator, Operator
from unionperf.domain.monitoring import LIKELIHOOD_LABELS, REASON_LABELS, MonitoringEntry
from unionperf.domain.year import YearData
from unionperf.forms.fillin import layout, values
from unionperf.forms.fillin.cells import (
    date_cell,
    header_cell,
    label_cell,
    list_validation,
    number_cell,
    text_cell,
)

SPARE_ROWS = 300
"""Rows below the data that still get the drop-down lists, for new items."""

GUIDE_WIDTHS = (22.0, 68.0)
"""Widths of the 说明 sheet's two columns (labels, text), in Excel character units: together
about the width of an A4 portrait page inside the default margins, so that the page is hardly
scaled when fitted to one page wide. The instructions wrap in column B."""
_GUIDE_LINE = 15.0
"""Points per wrapped line of the instructions (11-point text)."""
_GUIDE_WRAP = Alignment(wrap_text=True, vertical="top")

GUIDE_LINES = (
    "填写说明",
    "1. 本工作簿由工会预算绩效管理软件导出，已预填本年度的预算、项目、绩效指标、监控和自评数据。",
    "2. 请只修改白色表头下的内容；灰色表头的列只供参考，导入时不读取。",
    "3. 隐藏列（项目编号、归属、指标编号、校验）用于匹配记录，请勿修改；"
    "复制整行新增时请清空这些单元格。",
    "4. 新增项目：在“项目”表末尾填写新行，项目编号留空。新增指标：在“指标”表填写新行，"
    "指标编号和归属留空，“项目名称”选择所属项目或“单位整体”。",
    "5. 删除“指标”表中的一行即删除该指标及其监控和自评记录；项目只能在软件中删除。",
    "   导入只改动您在本表中修改过的行；导出后在软件中改过的记录，本表对应行若也被修改，"
    "导入会提示冲突，请重新导出后再填写。",
    "6. 指标性质：≥ ＞ ＝ ≤ ＜ 为定量指标，指标值填数字；“区间”指标的指标值填“下限～上限”，"
    "如60～80；“定性”指标的指标值填目标表述，"
    "实际完成值填完成情况，并选择定性评级、填写定性得分（须在评级对应的分值区间内）。",
    "7. 金额单位为元，最多两位小数。各一级指标的分值之和须等于规则设置的分值。",
    "8. 下方单位名称、统一社会信用代码和年度用于核对，请勿修改；导入时全部检查通过才会保存，"
    "任何一处有误都不会保存，并列出每个问题所在的单元格。",
    "9. 提出清理退出：只适用于多年期项目（项目期跨年度，或以前年度已实施），与软件中"
    "“全周期跟踪”页的清理退出相同；选“是”须填写清理退出原因，上级工会审核时会看到；"
    "选“否”或留空即不提出。",
    "10. 指标表的“期限”：“中期”为多年期项目整个项目期的中期绩效指标，“年度”为本年度指标；"
    "新增指标行留空即为年度。",
    "11. 项目表的“中期资金总额”（元，不能为负数）和“中期目标”：只适用于多年期项目，为整个"
    "项目期的资金总额和总体目标（中期目标即软件“绩效目标”页的中期目标）；留空即未填写，"
    "其他项目请留空。",
    "12. 预算表第3行的“单位整体中期目标”：单位整体的中期目标（即软件“绩效目标”页单位整体的"
    "中期目标），与第2行的年度总体目标一样填写；绩效目标经工会主席签字确认后，"
    "须先在软件中办理调整才能修改。",
)


@dataclass(frozen=True, slots=True)
class _Lists:
    """The drop-down choices, written to the hidden 选项 sheet, with their ranges."""

    columns: tuple[tuple[str, tuple[str, ...]], ...]

    def source(self, title: str) -> str:
        """The absolute range of one list, e.g. ``'选项'!$B$2:$B$4``."""
        for index, (name, items) in enumerate(self.columns, start=1):
            if name == title:
                letter = get_column_letter(index)
                return f"'{layout.LISTS}'!${letter}$2:${letter}${max(2, len(items) + 1)}"
        raise KeyError(title)


def write_template(data: YearData) -> bytes:
    """The fill-in workbook of a year as ``.xlsx`` bytes, pre-filled with what the year holds.

    Sheets: 说明 (instructions and the unit, credit code and year the import checks), 预算,
    项目, 指标, 监控, 资金监控 and the hidden 选项 (drop-down lists and what was exported).
    Every data row carries a hidden fingerprint of its input cells. User text is always written
    as text, never as a formula.
    """
    lists = _lists(data)
    workbook = Workbook(write_only=True)
    _guide(workbook.create_sheet(layout.GUIDE), data)
    _budget(workbook.create_sheet(layout.BUDGET), data)
    _projects(workbook.create_sheet(layout.PROJECTS), data, lists)
    _indicators(workbook.create_sheet(layout.INDICATORS), data, lists)
    _monitoring(workbook.create_sheet(layout.MONITORING), data, lists)
    _funds(workbook.create_sheet(layout.FUNDS), data)
    _list_sheet(workbook.create_sheet(layout.LISTS), lists)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _lists(data: YearData) -> _Lists:
    framework = data.framework
    level2 = dict.fromkeys(item.name for level1 in framework.level1 for item in level1.level2)
    expenditure = tuple(
        layout.category_label(item.code, item.name)
        for item in data.catalogue.of_flow(Flow.EXPENDITURE)
    )
    indicators = [item.uid for _owner, items in _owners(data) for item in items]
    return _Lists(
        (
            (layout.P_CATEGORY, expenditure),
            (layout.I_LEVEL1, tuple(item.name for item in framework.level1)),
            (layout.I_LEVEL2, tuple(level2)),
            (layout.I_OPERATOR, tuple(operator.symbol for operator in Operator)),
            (layout.I_TIER, tuple(TIER_LABELS.values())),
            (layout.M_REASON, tuple(REASON_LABELS.values())),
            (layout.M_LIKELIHOOD, tuple(LIKELIHOOD_LABELS.values())),
            (layout.I_APPLICABLE, (layout.YES, layout.NO)),
            (layout.I_PERIOD, tuple(layout.PERIOD_LABELS.values())),
            (layout.P_ATTRIBUTE, tuple(ATTRIBUTE_LABELS.values())),
            (
                layout.I_OWNER_NAME,
                (*(project.name for project in data.projects), layout.UNIT_LABEL),
            ),
            (layout.EXPORTED_PROJECTS, tuple(project.uid for project in data.projects)),
            (layout.EXPORTED_INDICATORS, tuple(indicators)),
            (layout.EXPORTED_HEAD, (values.head_check(data),)),
        )
    )


def _guide(sheet: Any, data: YearData) -> None:
    """Instructions, then the unit, credit code and year the import checks (fixed cells).

    Printed on A4 portrait, fitted to one page wide; the long lines wrap in column B, each row
    as tall as its wrapped text. Write-only sheet: sizes and the print setup that goes before
    the rows are set before the first row is appended.
    """
    for letter, width in zip("AB", GUIDE_WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.append([label_cell(sheet, f"{data.year}年度工会预算绩效填报表（可编辑，可导入）")])
    sheet.append([])
    sheet.append([label_cell(sheet, "单位名称"), text_cell(sheet, data.unit.name)])
    sheet.append([label_cell(sheet, "统一社会信用代码"), text_cell(sheet, data.unit.credit_code)])
    sheet.append([label_cell(sheet, "年度"), data.year])
    sheet.append([label_cell(sheet, "模板版本"), text_cell(sheet, layout.FORMAT_MARK)])
    sheet.append([])
    for row, line in enumerate(GUIDE_LINES, start=8):  # below the 7 rows above
        cell = text_cell(sheet, line)
        if cell is not None:
            cell.alignment = _GUIDE_WRAP
        sheet.row_dimensions[row].height = _GUIDE_LINE * _wrapped_lines(line) + 3
        sheet.append([None, cell])


def _wrapped_lines(text: str) -> int:
    """Lines ``text`` takes wrapped in the 说明 text column (CJK and full-width: two units)."""
    usable = GUIDE_WIDTHS[1] - 2
    width = sum(2.1 if unicodedata.east_asian_width(char) in "WF" else 1.1 for char in text)
    return max(1, math.ceil(width / usable))


def _setup(sheet: Any, columns: Sequence[str], widths: Mapping[str, float], freeze: str) -> None:
    """Widths, hidden identifier columns and frozen headers (before the first row)."""
    for index, title in enumerate(columns, start=1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = widths.get(title, 14)
        if title in layout.HIDDEN_COLUMNS:
            dimension.hidden = True
    sheet.freeze_panes = freeze


def _header(sheet: Any, columns: Sequence[str], info: frozenset[str] = frozenset()) -> list[Any]:
    def kind(title: str) -> str:
        if title in layout.HIDDEN_COLUMNS:
            return "hidden"
        return "info" if title in info else "input"

    return [header_cell(sheet, title, kind(title)) for title in columns]


def _row(sheet: Any, columns: Sequence[str], row: values.Values) -> list[Any]:
    """The cells of a row: text as text, numbers (money formatted), dates."""
    cells: list[Any] = []
    for title in columns:
        value = row.get(title)
        if isinstance(value, str):
            cells.append(text_cell(sheet, value))
        elif isinstance(value, date):
            cells.append(date_cell(sheet, value))
        elif isinstance(value, Decimal | int):
            cells.append(number_cell(sheet, value, title in layout.MONEY_COLUMNS))
        else:
            cells.append(None)
    return cells


def _validate(
    sheet: Any,
    lists: _Lists,
    columns: Sequence[str],
    rows: int,
    targets: dict[str, str],
    *,
    strict: bool = True,
) -> None:
    """Attach the list ``targets[column]`` to ``column`` from row 2 to the spare rows."""
    last = rows + 1 + SPARE_ROWS
    for column, list_title in targets.items():
        letter = get_column_letter(columns.index(column) + 1)
        validation = list_validation(
            lists.source(list_title), f"{letter}2:{letter}{last}", strict=strict
        )
        sheet.data_validations.append(validation)


def _budget(sheet: Any, data: YearData) -> None:
    columns = layout.BUDGET_COLUMNS
    _setup(
        sheet, columns, {layout.B_CODE: 22, layout.B_NAME: 22}, f"A{layout.BUDGET_HEADER_ROW + 1}"
    )
    opening = number_cell(sheet, data.opening_balance, True)
    sheet.append([label_cell(sheet, layout.OPENING_LABEL), opening])
    goal = text_cell(sheet, data.unit_targets.annual_goal)
    sheet.append([label_cell(sheet, layout.UNIT_GOAL_LABEL), goal])
    midterm = text_cell(sheet, data.unit_targets.midterm_goal)
    sheet.append([label_cell(sheet, layout.UNIT_MIDTERM_LABEL), midterm])  # A3, B3
    sheet.append(_header(sheet, columns, layout.INFO_COLUMNS[layout.BUDGET]))
    lines = {line.category_code: line for line in data.budget}
    codes = [item.code for item in data.catalogue.categories]
    codes += [code for code in lines if code not in codes]
    for code in codes:
        category = data.catalogue.by_code(code)
        row = values.budget_row(code, category.name if category else "", lines.get(code))
        sheet.append(_row(sheet, columns, values.with_check(row, layout.BUDGET)))


def _projects(sheet: Any, data: YearData, lists: _Lists) -> None:
    columns = layout.PROJECT_COLUMNS
    widths = {layout.P_UID: 12, layout.P_NAME: 32, layout.P_CATEGORY: 18, layout.P_GOAL: 50}
    widths |= {layout.P_CLEAR_OUT: 12, layout.P_CLEAR_OUT_REASON: 40}
    widths |= {layout.P_MIDTERM_BUDGET: 16, layout.P_MIDTERM_GOAL: 50}
    _setup(sheet, columns, widths | {layout.P_PHONE: 16}, "D2")
    sheet.append(_header(sheet, columns))
    for project in data.projects:
        row = values.project_row(data, project)
        sheet.append(_row(sheet, columns, values.with_check(row, layout.PROJECTS)))
    targets = {layout.P_CATEGORY: layout.P_CATEGORY, layout.P_ATTRIBUTE: layout.P_ATTRIBUTE}
    targets[layout.P_CLEAR_OUT] = layout.I_APPLICABLE  # the 是/否 list
    _validate(sheet, lists, columns, len(data.projects), targets)


def _owners(data: YearData) -> Iterator[tuple[str, tuple[Indicator, ...]]]:
    """Every owner of targets, projects first, with its indicators."""
    for project in data.projects:
        yield project.uid, data.framework.ordered(project.targets.indicators)
    yield UNIT_OWNER, data.framework.ordered(data.unit_targets.indicators)


def _indicators(sheet: Any, data: YearData, lists: _Lists) -> None:
    columns = layout.INDICATOR_COLUMNS
    widths = {layout.I_OWNER_NAME: 26, layout.I_NAME: 30, layout.I_TIER: 20, layout.I_LEVEL2: 18}
    widths |= {layout.I_DEVIATION: 40, layout.I_IMPROVEMENT: 40, layout.I_NA_REASON: 20}
    widths |= {layout.I_PERIOD: 8}
    _setup(sheet, columns, widths | {layout.I_ACTUAL: 16}, "G2")
    sheet.append(_header(sheet, columns))
    count = 0
    for owner, indicators in _owners(data):
        evaluation = data.evaluation_of(owner)
        name = layout.owner_name(data, owner)
        for indicator in indicators:
            result = evaluation.result_for(indicator.uid)
            row = values.indicator_row(owner, name, indicator, result)
            sheet.append(_row(sheet, columns, values.with_check(row, layout.INDICATORS)))
            count += 1
    names = (layout.I_OWNER_NAME, layout.I_LEVEL1, layout.I_LEVEL2, layout.I_OPERATOR)
    targets = {
        title: title for title in (*names, layout.I_PERIOD, layout.I_TIER, layout.I_APPLICABLE)
    }
    _validate(sheet, lists, columns, count, targets)


def _entries(data: YearData) -> dict[tuple[str | None, str], MonitoringEntry]:
    return {(entry.point_uid, entry.owner_uid): entry for entry in data.monitoring}


def _monitoring(sheet: Any, data: YearData, lists: _Lists) -> None:
    columns = layout.MONITORING_COLUMNS
    widths = {layout.M_POINT: 12, layout.I_OWNER_NAME: 24, layout.I_NAME: 28}
    widths |= {layout.M_TARGET: 16, layout.M_ACTUAL: 16, layout.M_REASON: 16}
    _setup(sheet, columns, widths | {layout.M_REASON_TEXT: 40, layout.M_MEASURE: 40}, "G2")
    sheet.append(_header(sheet, columns, layout.INFO_COLUMNS[layout.MONITORING]))
    count = 0
    entries = _entries(data)
    for cutoff, point_uid in values.monitoring_points(data):
        for owner, indicators in _owners(data):
            entry = entries.get((point_uid, owner)) if point_uid else None
            name = layout.owner_name(data, owner)
            for indicator in indicators:
                progress = entry.for_indicator(indicator.uid) if entry else None
                row = values.progress_row(cutoff, owner, name, indicator, progress)
                sheet.append(_row(sheet, columns, values.with_check(row, layout.MONITORING)))
                count += 1
    _validate(sheet, lists, columns, count, {layout.M_REASON: layout.M_REASON}, strict=False)
    _validate(sheet, lists, columns, count, {layout.M_LIKELIHOOD: layout.M_LIKELIHOOD})


def _funds(sheet: Any, data: YearData) -> None:
    columns = layout.FUNDS_COLUMNS
    widths = {layout.M_POINT: 12, layout.I_OWNER_NAME: 30, layout.F_REASON: 40}
    _setup(sheet, columns, widths | {layout.M_MEASURE: 40, layout.F_BUDGET: 16}, "E2")
    sheet.append(_header(sheet, columns, layout.INFO_COLUMNS[layout.FUNDS]))
    entries = _entries(data)
    for cutoff, point_uid in values.monitoring_points(data):
        for owner, _indicators in _owners(data):
            project = data.project(owner)
            budget = project.full_year_budget if project else data.flow_total(Flow.EXPENDITURE)
            entry = entries.get((point_uid, owner)) if point_uid else None
            name = layout.owner_name(data, owner)
            row = values.funds_row(cutoff, owner, name, budget, entry)
            sheet.append(_row(sheet, columns, values.with_check(row, layout.FUNDS)))


def _list_sheet(sheet: Any, lists: _Lists) -> None:
    sheet.sheet_state = "hidden"
    longest = max(len(items) for _title, items in lists.columns)
    sheet.append([text_cell(sheet, title) for title, _items in lists.columns])
    for row in range(longest):
        sheet.append(
            [
                text_cell(sheet, items[row]) if row < len(items) else None
                for _title, items in lists.columns
            ]
        )
