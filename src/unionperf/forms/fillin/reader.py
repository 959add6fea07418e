"""Read the fill-in workbook back: check everything first, then build the edited year.

Nothing here touches a database: the reader compares the workbook with the year it is given and
returns either every problem (sheet, cell, Chinese message) or that year with the edits applied.
Rows are matched to records by their hidden identifiers; rows without one are new records and get
fresh identifiers. A row whose input cells still match its hidden fingerprint was not edited and
leaves its record as the workspace holds it now; an edited row may only replace a record that has
not changed since the export. Fields the workbook does not show are kept as they are.
"""

from __future__ import annotations

from dataclasses import replace

from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.evaluation import Evaluation
from unionperf.domain.money import AmountError
from unionperf.domain.year import YearData
from unionperf.forms.fillin import layout
from unionperf.forms.fillin.read_budget import fixed, read_budget, read_exported
from unionperf.forms.fillin.read_monitoring import read_monitoring
from unionperf.forms.fillin.read_projects import read_projects
from unionperf.forms.fillin.read_targets import Owners, TargetsRead, read_targets
from unionperf.forms.fillin.sheet import MAX_PROBLEMS, Grid, Problems, as_text, to_decimal
from unionperf.forms.fillin.workbook_read import read_grids


def read_template(blob: bytes, current: YearData) -> layout.ImportResult:
    """Parse and check a fill-in workbook against ``current``; every problem is collected.

    Returns the problems (with sheet, cell and a Chinese message) when there is anything wrong,
    otherwise ``current`` with the workbook's edits applied. The workbook's structure and its
    unit and year (说明 sheet) are checked first; only a workbook of this unit and year is read
    further.
    """
    problems = Problems()
    grids = read_grids(blob, problems)
    if grids is None or problems:
        return layout.ImportResult(tuple(problems.items))
    _check_identity(grids[layout.GUIDE], current)
    if problems:
        return layout.ImportResult(tuple(problems.items))
    exported = read_exported(grids[layout.LISTS])
    head, budget = read_budget(grids[layout.BUDGET], current, exported)
    projects = read_projects(grids[layout.PROJECTS], current, exported)
    owners = Owners(current, projects)
    targets = read_targets(grids[layout.INDICATORS], current, owners, exported)
    points, monitoring = read_monitoring(
        grids[layout.MONITORING], grids[layout.FUNDS], current, targets, owners
    )
    if problems:
        return layout.ImportResult(tuple(problems.items[:MAX_PROBLEMS]))
    data = replace(
        current,
        opening_balance=head.opening,
        budget=budget,
        projects=tuple(
            replace(
                project,
                targets=replace(project.targets, indicators=targets.indicators_of(project.uid)),
            )
            for project in projects
        ),
        unit_targets=replace(
            current.unit_targets,
            annual_goal=head.annual_goal,
            midterm_goal=head.midterm_goal,
            indicators=targets.indicators_of(UNIT_OWNER),
        ),
        points=points,
        monitoring=monitoring,
        evaluations=_evaluations(current, targets),
    )
    return layout.ImportResult(data=data)


def _check_identity(grid: Grid, current: YearData) -> None:
    """The 说明 sheet must carry our mark, this workspace's unit and this year."""
    add = grid.problems.add
    mark = as_text(fixed(grid, layout.MARK_CELL)).strip()
    if mark != layout.FORMAT_MARK and mark not in layout.EARLIER_MARKS:
        add(
            grid.name,
            layout.MARK_CELL,
            f"不是本软件导出的填报表（此处应为“{layout.FORMAT_MARK}”）",
        )
        return
    raw_year = fixed(grid, layout.YEAR_CELL)
    try:
        year = int(to_decimal(raw_year)) if raw_year is not None else None
    except (AmountError, ValueError):
        year = None
    if year != current.year:
        shown = as_text(raw_year) or "空"
        add(
            grid.name,
            layout.YEAR_CELL,
            f"这是{shown}年度的填报表，不能导入{current.year}年度；"
            f"请导出{current.year}年度的填报表后填写",
        )
    code = as_text(fixed(grid, layout.CREDIT_CODE_CELL)).strip().upper()
    if code != current.unit.credit_code.strip().upper():
        add(
            grid.name,
            layout.CREDIT_CODE_CELL,
            f"统一社会信用代码“{code}”与本工作区单位（{current.unit.credit_code}）不符："
            "这是另一个单位的填报表",
        )
    name = as_text(fixed(grid, layout.UNIT_NAME_CELL)).strip()
    if name != current.unit.name.strip():
        add(
            grid.name,
            layout.UNIT_NAME_CELL,
            f"单位名称“{name}”与本工作区单位“{current.unit.name}”不符：这是另一个单位的填报表",
        )


# -- 自评 ----------------------------------------------------------------------------------------


def _evaluations(current: YearData, targets: TargetsRead) -> tuple[Evaluation, ...]:
    """The evaluations with the read results: existing results in their order, new ones after."""
    evaluations = []
    done: set[str] = set()
    for evaluation in current.evaluations:
        done.add(evaluation.owner_uid)
        results = targets.results_of(evaluation.owner_uid, evaluation.results)
        evaluations.append(
            evaluation if results == evaluation.results else replace(evaluation, results=results)
        )
    for owner in targets.owners_with_results():
        if owner not in done:
            evaluations.append(
                replace(current.evaluation_of(owner), results=targets.results_of(owner, ()))
            )
    return tuple(evaluations)
