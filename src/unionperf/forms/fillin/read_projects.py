"""Read the 项目 sheet: the projects with their period, people, goal and funding."""

from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal

from unionperf.domain.budget import FundingLine, FundingSource, Project, TargetSet
from unionperf.domain.categories import Flow
from unionperf.domain.funding import with_line_amount
from unionperf.domain.money import ZERO
from unionperf.domain.multi_year import is_multi_year
from unionperf.domain.year import YearData
from unionperf.forms.fillin import layout, values
from unionperf.forms.fillin.read_budget import Exported
from unionperf.forms.fillin.sheet import Grid, Row, same


def read_projects(grid: Grid, current: YearData, exported: Exported) -> list[Project]:
    """Every project: the current ones (edited where the sheet edits them), then the new rows.

    A project missing from the sheet is refused if it was exported (projects are deleted in the
    application only) and kept if it was added after the export.
    """
    edited: dict[str, Project] = {}
    added: list[tuple[Row, Project]] = []
    names: dict[str, int] = {}
    uids: dict[str, int] = {}
    for row in grid.data_rows():
        uid = row.text(layout.P_UID).strip()
        old = current.project(uid) if uid else None
        if uid and old is None:
            if not row.untouched():  # else: deleted in the application since the export
                row.problem(
                    layout.P_UID,
                    f"项目编号“{uid}”在本工作区{current.year}年度中不存在："
                    "请勿修改隐藏的项目编号列，新增项目请留空",
                )
            continue
        if uid in uids:
            message = f"项目编号与第{uids[uid]}行重复：复制的行请清空项目编号（隐藏列）"
            row.problem(layout.P_UID, message)
            continue
        if uid:
            uids[uid] = row.line
        project = old if old is not None and row.untouched() else _project(row, current, old)
        if project is None:
            continue
        key = project.name.strip()
        if key in names:
            row.problem(layout.P_NAME, f"项目名称“{key}”与第{names[key]}行重复，项目名称不能重复")
        names[key] = row.line
        if old is None:
            added.append((row, project))
        elif project != old and not row.conflicts(values.project_row(current, old), layout.P_NAME):
            edited[old.uid] = project
    _check_unlisted(grid, current, exported, uids, added)
    news = [project for _row, project in added]
    return [edited.get(project.uid, project) for project in current.projects] + news


def _check_unlisted(
    grid: Grid,
    current: YearData,
    exported: Exported,
    uids: dict[str, int],
    added: list[tuple[Row, Project]],
) -> None:
    """Exported projects must keep their rows; new rows may not repeat a later project's name."""
    unlisted = [project for project in current.projects if project.uid not in uids]
    for project in unlisted:
        if project.uid in exported.projects:
            grid.problems.add(
                grid.name,
                "",
                f"缺少项目“{project.name}”的行：项目只能在软件中删除，请恢复该行后再导入",
            )
    later = {project.name.strip() for project in unlisted}
    for row, project in added:
        if project.name.strip() in later:
            row.problem(
                layout.P_NAME,
                f"已有项目“{project.name.strip()}”（导出填报表之后在软件中新增，或已导入过）："
                "项目名称不能重复",
            )


def _project(row: Row, current: YearData, old: Project | None) -> Project | None:
    name = row.text(layout.P_NAME)
    if not name.strip():
        row.problem(layout.P_NAME, "请填写项目名称")
        return None
    category = _category(row, current)
    attribute = row.choice(layout.P_ATTRIBUTE, layout.ATTRIBUTE_BY_LABEL, "项目属性")
    start, end = row.day(layout.P_START), row.day(layout.P_END)
    if start and end and end < start:
        row.problem(layout.P_END, "结束日期早于开始日期")
    funding = _funding(row, old.funding if old else ())
    if category is None:
        return None
    goal = row.text(layout.P_GOAL)
    uid = old.uid if old else uuid.uuid4().hex
    base = old or Project(uid, "", name, category, targets=TargetSet(uid))
    project = replace(
        base,
        code=row.text(layout.P_CODE),
        name=name,
        category_code=category,
        attribute=attribute or base.attribute,
        start=start,
        end=end,
        responsible=row.text(layout.P_RESPONSIBLE),
        phone=row.text(layout.P_PHONE),
        funding=funding,
        targets=replace(base.targets, annual_goal=goal),
    )
    flag, reason = _clear_out(row, current, project)
    midterm_budget, midterm_goal = _midterm(row, project)
    return replace(
        project,
        clear_out=flag,
        clear_out_reason=reason,
        midterm_budget=midterm_budget,
        targets=replace(project.targets, midterm_goal=midterm_goal),
    )


_YES_NO = {layout.YES: True, layout.NO: False}


def _clear_out(row: Row, current: YearData, project: Project) -> tuple[bool, str]:
    """提出清理退出 and its reason as the window allows them; a missing column keeps the field.

    Blank is 否; the reason is trimmed. A change is refused on a project that is not multi-year
    (the window offers the box only for one: its period as the row gives it, or earlier years)
    — except taking a flag off — and 是 needs a reason (the window shows P020 then; a workbook
    has no later moment to add it, so it is refused here).
    """
    before = (project.clear_out, project.clear_out_reason)
    columns = row.grid.columns
    flag = before[0]
    if layout.P_CLEAR_OUT in columns:
        flag = bool(row.choice(layout.P_CLEAR_OUT, _YES_NO, "提出清理退出选项"))
    reason = before[1]
    if layout.P_CLEAR_OUT_REASON in columns:
        reason = row.text(layout.P_CLEAR_OUT_REASON).strip()
    if (flag, reason) == before:
        return before
    if not is_multi_year(project, current.project_history):
        single = f"“{project.name.strip()}”不是多年期项目（项目期未跨年度），"
        if flag and not before[0]:
            row.problem(
                layout.P_CLEAR_OUT,
                f"{single}不能提出清理退出：只有跨年度实施的项目可以提出",
            )
            return before
        if reason and reason != before[1]:
            row.problem(
                layout.P_CLEAR_OUT_REASON,
                f"{single}不能填写清理退出原因：只有跨年度实施的项目可以提出清理退出",
            )
            return before
    if flag and not reason:
        where = layout.P_CLEAR_OUT_REASON
        if where not in columns:
            where = layout.P_CLEAR_OUT
        row.problem(where, "提出清理退出时须填写清理退出原因（上级工会审核时会看到原因）")
    return flag, reason


def _midterm(row: Row, project: Project) -> tuple[Decimal, str]:
    """中期资金总额 and 中期目标 as the row gives them; a missing column keeps the field.

    The amount is read as the funding columns are (元, at most two decimals, not negative; a
    blank is none declared, 0); the goal as typed, like 年度总体目标. Any project may carry
    them, as in the window and on the declaration form (财预〔2015〕88号: every project's form
    has its 中期 funds and goal; a one-year project's 中期 is its year).
    """
    budget, goal = project.midterm_budget, project.targets.midterm_goal
    columns = row.grid.columns
    if layout.P_MIDTERM_BUDGET in columns:
        read = row.money(layout.P_MIDTERM_BUDGET)
        if read is not None or row.raw(layout.P_MIDTERM_BUDGET) is None:  # else refused
            budget = same(budget, read or ZERO) or ZERO
    if layout.P_MIDTERM_GOAL in columns:
        goal = row.text(layout.P_MIDTERM_GOAL)
    return budget, goal


def _category(row: Row, current: YearData) -> str | None:
    text = row.text(layout.P_CATEGORY).strip()
    if not text:
        row.problem(layout.P_CATEGORY, "请选择支出科目")
        return None
    token = text.split()[0]
    found = current.catalogue.by_code(token) or next(
        (item for item in current.catalogue.categories if item.name == text), None
    )
    if found is None:
        row.problem(layout.P_CATEGORY, f"未知支出科目“{text}”，请从下拉列表中选择")
        return None
    if found.flow is not Flow.EXPENDITURE:
        row.problem(layout.P_CATEGORY, f"“{text}”是收入科目，项目应选择支出科目")
        return None
    return found.code


def _funding(row: Row, old: tuple[FundingLine, ...]) -> tuple[FundingLine, ...]:
    """The funding lines: existing sources in their order, new sources after them."""
    held = {line.source: line for line in old}
    read: dict[FundingSource, FundingLine | None] = {}
    for source in FundingSource:
        titles = [layout.funding_header(source, part) for part in layout.FUNDING_PARTS]
        initial, adjusted, executed = (row.money(title) for title in titles)
        if initial is None and adjusted is None and executed is None:
            read[source] = None
            continue
        read[source] = _typed_line(
            held.get(source, FundingLine(source)), initial, adjusted, executed
        )
    lines: list[FundingLine] = []
    for line in old:
        new = read.get(line.source)
        if new is not None:
            lines.append(line if new == line else new)
    for source, new in read.items():
        if (
            new is not None
            and source not in held
            and any((new.initial, new.adjusted, new.executed))
        ):
            lines.append(new)
    return tuple(lines)


def _typed_line(
    before: FundingLine,
    initial: Decimal | None,
    adjusted: Decimal | None,
    executed: Decimal | None,
) -> FundingLine:
    """A funding line as the row types it, 全年预算数 following 年初预算数 as in the window.

    A blank amount is zero, except a blank 全年预算数 beside a typed 年初预算数, which takes it. A
    全年预算数 left as it was while it followed the 年初预算数 follows the new one
    (:func:`unionperf.domain.funding.with_line_amount`); one typed differently is kept.
    """
    if initial is None:
        return FundingLine(before.source, ZERO, adjusted or ZERO, executed or ZERO)
    line = with_line_amount(before, "initial", initial)
    if adjusted is None:
        line = replace(line, adjusted=initial)
    elif adjusted != before.adjusted:
        line = replace(line, adjusted=adjusted)
    return replace(line, executed=executed or ZERO)
