"""The fill-in workbook use cases: export a year to Excel, import the edited workbook back.

The import is all-or-nothing: the workbook is read and checked completely first; any problem
refuses it with every problem listed (sheet, cell, message) and nothing saved. Otherwise the
workspace is backed up and exactly the changed records are saved in one transaction, each with its
own audit entry. An unchanged workbook changes nothing.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from unionperf.domain.budget import UNIT_OWNER, BudgetLine, Project
from unionperf.domain.evaluation import IndicatorResult
from unionperf.domain.indicators import Indicator
from unionperf.domain.monitoring import IndicatorProgress, MonitoringEntry, MonitoringPoint
from unionperf.domain.year import YearData
from unionperf.forms.fillin import ImportProblem, read_template, write_template
from unionperf.forms.fillin import layout as sheets
from unionperf.forms.fillin.limits import MAX_FILE_BYTES, megabytes
from unionperf.services.common import inputs
from unionperf.services.common.errors import InputError, ServiceError
from unionperf.services.common.ports import YearsPort
from unionperf.services.common.stages import StageLockedError
from unionperf.services.common.workspace import Workspace
from unionperf.store.errors import NotFoundError

SHOWN_PROBLEMS = 5
"""How many problems the refusal's message lists (all of them are in ``.problems``)."""


class ImportRefused(ServiceError):  # noqa: N818 - the name the window and CLI use
    """The workbook was refused; nothing was saved. ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        self.problems = tuple(problems)
        lines = [str(problem) for problem in self.problems[:SHOWN_PROBLEMS]]
        more = len(self.problems) - len(lines)
        if more > 0:
            lines.append(f"……另有{more}个问题")
        heading = f"填报表未导入：发现{len(self.problems)}个问题，未保存任何修改。"
        super().__init__("\n".join([heading, *lines]))

    def details(self) -> list[str]:
        """Every problem, with its sheet and cell."""
        return [str(problem) for problem in self.problems]


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import changed, counted in records (each has one audit entry)."""

    year: int
    year_facts: int = 0
    """上年结余 and the unit-wide goals, 年度总体目标 and 中期目标 (one record)."""
    budget_lines: int = 0
    projects_added: int = 0
    projects_changed: int = 0
    indicators_added: int = 0
    indicators_changed: int = 0
    indicators_deleted: int = 0
    points_added: int = 0
    entries: int = 0
    """Monitoring entries (one project or the unit at one point, with its indicators' progress)."""
    results: int = 0
    backup: Path | None = None
    """The backup taken before saving (none when nothing changed)."""

    @property
    def total(self) -> int:
        """Every changed record."""
        return (
            self.year_facts
            + self.budget_lines
            + self.projects_added
            + self.projects_changed
            + self.indicators_added
            + self.indicators_changed
            + self.indicators_deleted
            + self.points_added
            + self.entries
            + self.results
        )

    def summary(self) -> str:
        """One Chinese sentence for the command line and the window."""
        if not self.total:
            return f"{self.year}年度填报表已导入：内容与工作区一致，没有修改。"
        parts = [
            (self.year_facts, "年度信息"),
            (self.budget_lines, "预算科目"),
            (self.projects_added, "新增项目"),
            (self.projects_changed, "修改项目"),
            (self.indicators_added, "新增指标"),
            (self.indicators_changed, "修改指标"),
            (self.indicators_deleted, "删除指标"),
            (self.points_added, "新增监控时点"),
            (self.entries, "监控记录"),
            (self.results, "自评结果"),
        ]
        shown = "，".join(f"{label}{count}条" for count, label in parts if count)
        return f"{self.year}年度填报表已导入：共修改{self.total}条记录（{shown}）。"


@dataclass
class _Changes:
    """The records to save, in the order they must be saved."""

    facts: bool = False
    budget: list[BudgetLine] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    projects_added: int = 0
    deleted: list[str] = field(default_factory=list)
    indicators: list[tuple[str, Indicator]] = field(default_factory=list)
    indicators_added: int = 0
    points: list[MonitoringPoint] = field(default_factory=list)
    entries: list[MonitoringEntry] = field(default_factory=list)
    results: list[IndicatorResult] = field(default_factory=list)


def export_template(workspace: Workspace, year: int, out: Path) -> Path:
    """Write the fill-in workbook of ``year`` to ``out`` (a file, or a folder to put it in).

    Returns the path written. The file is replaced atomically.

    Raises:
        InputError: the workspace holds no such year.
        ServiceError: the file cannot be written.
    """
    data = workspace.load_year(year)
    target = out / f"{data.unit.credit_code}_{year}_填报表.xlsx" if out.is_dir() else out
    blob = write_template(data)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".fillin-", suffix=".xlsx", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(blob)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise ServiceError(f"无法写入填报表 {target}：{error.strerror or error}") from error
    return target


def import_template(workspace: Workspace, year: int, path: Path) -> ImportReport:
    """Import an edited fill-in workbook into ``year``: all of it, or nothing.

    Raises:
        ImportRefused: anything is wrong with the workbook (every problem is in ``.problems``).
        InputError: the workspace holds no such year.
        ServiceError: the file cannot be read or the database refused the write.
    """
    blob = _read_bounded(path)
    current = workspace.load_year(year)
    result = read_template(blob, current)
    if result.problems or result.data is None:
        raise ImportRefused(result.problems)
    changes = _changes(current, result.data)
    problems = _recheck(result.data, changes)
    if problems:
        raise ImportRefused(problems)
    report = _report(year, changes)
    if not report.total:
        return report
    backup = workspace.back_up("before-import")
    try:
        with workspace.unit_of_work() as uow:
            _apply(uow.years, year, result.data, changes)
    except StageLockedError:
        raise
    except (NotFoundError, ServiceError) as error:
        raise ServiceError(f"导入失败，未保存任何修改：{error}") from error
    return replace(report, backup=backup.path)


def _read_bounded(path: Path) -> bytes:
    """The file's bytes, refused unread beyond the fill-in workbook's size limit.

    Reads at most one byte past the limit, so that neither a huge file nor an endless one
    (a device, a pipe) is read into memory.
    """
    try:
        with path.open("rb") as stream:
            blob = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ServiceError(f"无法读取填报表 {path}：{error.strerror or error}") from error
    if len(blob) > MAX_FILE_BYTES:
        message = (
            f"文件超过填报表的上限{megabytes(MAX_FILE_BYTES)}（软件导出的最大单位的填报表约 "
            "3 MB）：这不是软件导出的填报表，未读取其内容"
        )
        raise ImportRefused([ImportProblem("", "", message)])
    return blob


def _report(year: int, changes: _Changes) -> ImportReport:
    return ImportReport(
        year=year,
        year_facts=int(changes.facts),
        budget_lines=len(changes.budget),
        projects_added=changes.projects_added,
        projects_changed=len(changes.projects) - changes.projects_added,
        indicators_added=changes.indicators_added,
        indicators_changed=len(changes.indicators) - changes.indicators_added,
        indicators_deleted=len(changes.deleted),
        points_added=len(changes.points),
        entries=len(changes.entries),
        results=len(changes.results),
    )


def _changes(old: YearData, new: YearData) -> _Changes:
    """Compare the two years record by record."""
    changes = _Changes()
    changes.facts = _facts(old) != _facts(new)
    lines = {line.category_code: line for line in old.budget}
    changes.budget = [line for line in new.budget if lines.get(line.category_code) != line]
    for project in new.projects:
        before = old.project(project.uid)
        if before is None:
            changes.projects_added += 1
            changes.projects.append(project)
        elif _without_indicators(before) != _without_indicators(project):
            changes.projects.append(project)
    held = _indicators(old)
    now = _indicators(new)
    changes.deleted = [uid for uid in held if uid not in now]
    for uid, (owner, indicator) in now.items():
        if uid not in held:
            changes.indicators_added += 1
        if held.get(uid, (owner, None))[1] != indicator:
            changes.indicators.append((owner, indicator))
    cutoffs = {point.uid for point in old.points}
    changes.points = [point for point in new.points if point.uid not in cutoffs]
    entries = {(entry.point_uid, entry.owner_uid): entry for entry in old.monitoring}
    gone = set(changes.deleted)
    for entry in new.monitoring:
        before_entry = entries.get((entry.point_uid, entry.owner_uid))
        if before_entry is None or _entry_key(before_entry, gone) != _entry_key(entry, gone):
            changes.entries.append(entry)
    results = {
        item.indicator_uid: item for evaluation in old.evaluations for item in evaluation.results
    }
    changes.results = [
        item
        for evaluation in new.evaluations
        for item in evaluation.results
        if results.get(item.indicator_uid) != item
    ]
    return changes


def _facts(data: YearData) -> tuple[object, ...]:
    """上年结余 and the unit-wide goals: the year's one record of facts."""
    targets = data.unit_targets
    return data.opening_balance, targets.annual_goal, targets.midterm_goal


def _without_indicators(project: Project) -> Project:
    return replace(project, targets=replace(project.targets, indicators=()))


def _indicators(data: YearData) -> dict[str, tuple[str, Indicator]]:
    found: dict[str, tuple[str, Indicator]] = {}
    for project in data.projects:
        for indicator in project.targets.indicators:
            found[indicator.uid] = (project.uid, indicator)
    for indicator in data.unit_targets.indicators:
        found[indicator.uid] = (UNIT_OWNER, indicator)
    return found


def _entry_key(
    entry: MonitoringEntry, gone: set[str]
) -> tuple[object, dict[str, IndicatorProgress]]:
    """An entry for comparison: its fields and its progress by indicator (order is not data)."""
    fields = (
        entry.executed,
        entry.forecast,
        entry.progress_text,
        entry.lag_reason,
        entry.measure,
        entry.suspension,
    )
    progress = {
        item.indicator_uid: item for item in entry.progress if item.indicator_uid not in gone
    }
    return fields, progress


def _recheck(data: YearData, changes: _Changes) -> list[ImportProblem]:
    """The workspace's own input checks on every record to save (the reader checked them too)."""
    problems: list[ImportProblem] = []

    def check(sheet: str, call: Callable[..., None], *args: object) -> None:
        try:
            call(*args)
        except InputError as error:
            problems.append(ImportProblem(sheet, "", str(error)))

    for line in changes.budget:
        category = data.catalogue.by_code(line.category_code)
        check(sheets.BUDGET, inputs.check_budget_line, line, category.name if category else "")
    for project in changes.projects:
        check(sheets.PROJECTS, inputs.check_project, project)
    indicators = _indicators(data)
    for _owner, indicator in changes.indicators:
        check(sheets.INDICATORS, inputs.check_indicator, indicator, data.framework)
    for result in changes.results:
        check(sheets.INDICATORS, inputs.check_result, result, indicators[result.indicator_uid][1])
    for point in changes.points:
        if point.cutoff.year != data.year:
            problems.append(
                ImportProblem(sheets.MONITORING, "", f"监控时点{point.cutoff}不在本年度")
            )
    return problems


def _apply(repository: YearsPort, year: int, data: YearData, changes: _Changes) -> None:
    """Save the changed records in dependency order (projects before their indicators …)."""
    if changes.facts:
        repository.save_year_facts(
            year,
            opening_balance=data.opening_balance,
            unit_annual_goal=data.unit_targets.annual_goal,
            unit_midterm_goal=data.unit_targets.midterm_goal,
        )
    for line in changes.budget:
        repository.save_budget_line(year, line)
    for project in changes.projects:
        repository.save_project(year, project)
    for uid in changes.deleted:
        repository.delete_indicator(uid)
    for owner, indicator in changes.indicators:
        repository.save_indicator(year, owner, indicator)
    for point in changes.points:
        repository.save_point(year, point)
    for entry in changes.entries:
        repository.save_entry(entry)
    for result in changes.results:
        repository.save_result(result)
