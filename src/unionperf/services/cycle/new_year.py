"""Starting a fiscal year: empty, or carried forward from an earlier year (新建年度).

The window's 新建年度 dialog and ``unionperf year add`` both call :func:`start_year`. What a
carried year holds is decided in :mod:`unionperf.domain.carry_forward`: the budget lines with
their 年初 amounts as proposals, the projects still running (a multi-year project keeps its uid),
the goals and indicators, the rule settings; never executed amounts, monitoring, results,
sign-offs or explanations.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from decimal import Decimal

from unionperf.domain.budget import UNIT_OWNER, Project
from unionperf.domain.carry_forward import carry_forward, continues_into
from unionperf.domain.year import YearData
from unionperf.services.common import inputs
from unionperf.services.common.errors import InputError
from unionperf.services.common.progress import NO_PROGRESS, Cancelled, Progress
from unionperf.services.common.workspace import Workspace, new_uid
from unionperf.services.cycle import editing
from unionperf.services.cycle.params import received_settings
from unionperf.store.backup import BackupFile

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "NEW_YEAR_BACKUP",
    "NewYear",
    "check_new_year",
    "renewable",
    "renewal_uids",
    "start_year",
]

FIRST_YEAR, LAST_YEAR = 2000, 2100
"""The fiscal years a workspace accepts."""
WHERE = "新建年度"
NEW_YEAR_BACKUP = "before-new-year"
"""The reason of the backup taken before a year is added (its file name says 新建年度前)."""


@dataclass(frozen=True, slots=True)
class NewYear:
    """What :func:`start_year` made: counts of what was carried and the projects left behind."""

    year: int
    source: int | None = None
    """The year copied from, or ``None`` for an empty year (only the settings are taken)."""
    budget_lines: int = 0
    projects: tuple[str, ...] = ()
    """Names of the projects carried (continuing projects)."""
    indicators: int = 0
    ended: tuple[str, ...] = field(default=())
    """Names of the projects not carried because their period ended."""
    renewed: tuple[str, ...] = ()
    """Names of the new projects made from ended ones the user ticked (run again)."""
    cleared: tuple[tuple[str, str], ...] = field(default=())
    """(name, reason) of the projects not carried because the source year flagged 清理退出."""
    opening_balance: Decimal | None = None
    """上年结余 taken from the source year's executed amounts (``None``: not taken)."""
    backup: BackupFile | None = None
    """The backup taken right before the year was added (``新建年度前``)."""

    def summary(self) -> str:
        """One Chinese sentence for the window's status bar and the command line."""
        if self.source is None:
            return f"已新建{self.year}年度（沿用上一年度的规则设置，预算和项目为空）"
        text = (
            f"已新建{self.year}年度，从{self.source}年度复制了{self.budget_lines}个预算科目、"
            f"{len(self.projects)}个延续项目和{self.indicators}个绩效指标"
        )
        if self.renewed:
            text += f"，另将{len(self.renewed)}个已结束的项目作为新项目复制"
        if self.ended:
            text += f"；{len(self.ended)}个项目已于{self.source}年度或之前结束，未复制"
        if self.cleared:
            text += f"；{len(self.cleared)}个项目已在{self.source}年度标记清理退出，未复制"
        return text


def check_new_year(years: list[int], year: int, copy_from: int | None) -> None:
    """Refuse a year out of range or already held, or a source year that is missing or later.

    Raises:
        InputError: with the years the workspace holds.
    """
    held = "、".join(str(item) for item in years) or "无"
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError(f"年度{year}无效：应在{FIRST_YEAR}至{LAST_YEAR}之间", WHERE)
    if year in years:
        raise InputError(f"{year}年度已存在（工作区现有年度：{held}）", WHERE)
    if copy_from is None:
        return
    if copy_from not in years:
        raise InputError(f"工作区中没有{copy_from}年度的数据，无法复制（现有年度：{held}）", WHERE)
    if copy_from >= year:
        raise InputError(f"只能从更早的年度复制：{copy_from}年度不早于{year}年度", WHERE)


def renewable(source: YearData, year: int) -> tuple[Project, ...]:
    """The projects of ``source`` whose period ended before ``year``: those that can run again."""
    return tuple(project for project in source.projects if not continues_into(project, year))


def renewal_uids(source: YearData, year: int, keys: Collection[str] | None) -> frozenset[str]:
    """The uids of the ended projects named by ``keys`` (uid or project code; ``None``: all).

    Raises:
        InputError: a key names no ended project of ``source`` (with the ones that ended).
    """
    ended = renewable(source, year)
    if keys is None:
        return frozenset(project.uid for project in ended)
    found: set[str] = set()
    for typed in keys:
        key = typed.strip()
        match = [p.uid for p in ended if p.uid == key] or [p.uid for p in ended if p.code == key]
        if not match:
            names = "、".join(f"{p.code} {p.name}".strip() for p in ended) or "无"
            raise InputError(
                f"“{key}”不是{source.year}年度已结束的项目，不能作为新项目复制"
                f"（已结束的项目：{names}）",
                WHERE,
            )
        found.update(match)
    return frozenset(found)


def start_year(
    workspace: Workspace,
    year: int,
    copy_from: int | None = None,
    progress: Progress = NO_PROGRESS,
    *,
    renew: Collection[str] = (),
    renew_amounts: bool = True,
) -> NewYear:
    """Start ``year``: empty with the latest earlier year's settings, or carried from ``copy_from``.

    The rule settings the upper level sent down in a parameter package, when there are some, are
    taken instead of the earlier year's.

    One transaction: the year, its budget lines, projects with funding, goals and indicators are
    all saved, each with its audit entry, or nothing is. ``progress`` counts the projects (the
    largest unit carries 200 projects with 4,000 indicators in about 10 s).

    ``renew`` names ended projects of ``copy_from`` (uid or code, see :func:`renewal_uids`) to
    run again as new projects, with their 年初预算数 unless ``renew_amounts`` is false.

    The workspace is backed up first (``before-new-year``); a refused year takes no backup.

    Raises:
        InputError: the year is out of range or exists; ``copy_from`` is missing or not earlier.
        Cancelled: the user cancelled; nothing was saved.
        StorageError: the backup could not be written (disk full, read-only); nothing changed.
    """
    check_new_year(workspace.years(), year, copy_from)
    if copy_from is None and renew:
        raise InputError("只有从更早的年度复制时，才能把已结束的项目作为新项目复制", WHERE)
    if copy_from is None:
        taken = workspace.back_up(NEW_YEAR_BACKUP)
        editing.add_year(workspace, year)
        return NewYear(year, backup=taken)
    source = workspace.load_year(copy_from)
    ticked = renewal_uids(source, year, renew)
    carried = carry_forward(source, year, new_uid, ticked, renew_amounts=renew_amounts)
    data = carried.data
    with workspace.reading() as uow:
        upper = received_settings(uow)
    if upper is not None:  # the upper level's settings sent down win over the copied ones
        data = replace(data, settings=upper)
    inputs.check_settings(data.settings, data.framework)
    taken = workspace.back_up(NEW_YEAR_BACKUP)
    with workspace.unit_of_work() as uow:
        repository = uow.years
        if not repository.ensure_year(year, data.settings):
            raise InputError(f"{year}年度已存在", WHERE)  # made by another process meanwhile
        repository.save_year_facts(
            year,
            opening_balance=data.opening_balance,
            unit_annual_goal=data.unit_targets.annual_goal,
            unit_midterm_goal=data.unit_targets.midterm_goal,
        )
        for line in data.budget:
            repository.save_budget_line(year, line)
        for number, project in enumerate(data.projects, start=1):
            if progress.cancelled():
                raise Cancelled
            repository.save_project(year, project)
            for position, indicator in enumerate(project.targets.indicators):
                repository.save_indicator(year, project.uid, indicator, position)
            progress.step(number, len(data.projects))
        for position, indicator in enumerate(data.unit_targets.indicators):
            repository.save_indicator(year, UNIT_OWNER, indicator, position)
    return NewYear(
        year,
        copy_from,
        budget_lines=len(data.budget),
        projects=tuple(project.name for project in data.projects if project not in carried.renewed),
        indicators=carried.indicator_count,
        ended=tuple(project.name for project in carried.ended),
        renewed=tuple(project.name for project in carried.renewed),
        cleared=tuple((item.name, item.clear_out_reason) for item in carried.cleared),
        opening_balance=data.opening_balance if carried.opening_carried else None,
        backup=taken,
    )
