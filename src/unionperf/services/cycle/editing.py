"""Editing a grassroots union's year: budget, projects, targets, monitoring, results, sign-offs.

Starting a year from an earlier one is :mod:`unionperf.services.cycle.new_year`.

Every function is one use case and one transaction: it checks its input first (a bad value
raises :class:`InputError` with a Chinese sentence naming the field, and nothing is saved), then
saves all of its change or nothing. A change of a stage the chair signed off raises
:class:`~unionperf.services.common.stages.StageLockedError`.
"""

from __future__ import annotations

from unionperf.domain.budget import BudgetLine, Project
from unionperf.domain.categories import DEFAULT_CATALOGUE
from unionperf.domain.deleted_project import DeletedProject
from unionperf.domain.evaluation import Evaluation, IndicatorResult
from unionperf.domain.framework import framework_by_code
from unionperf.domain.indicators import Indicator
from unionperf.domain.monitoring import MonitoringEntry, MonitoringPoint
from unionperf.domain.revenue import RevenueArrival
from unionperf.domain.settings import RuleSettings
from unionperf.domain.year import Explanation, Signoff, YearData
from unionperf.services.common import inputs
from unionperf.services.common.errors import InputError
from unionperf.services.common.workspace import Workspace, found
from unionperf.services.cycle import signoffs
from unionperf.services.cycle.params import received_settings


def add_year(workspace: Workspace, year: int, settings: RuleSettings | None = None) -> None:
    """Start a fiscal year with the given rule settings.

    By default the settings the upper level sent down in its newest parameter package, else the
    previous year's, else the defaults.
    """
    with workspace.unit_of_work() as uow:
        repository = uow.years
        earlier = [held for held in repository.years() if held < year]
        chosen = (
            settings
            or received_settings(uow)
            or (repository.settings(earlier[-1]) if earlier else RuleSettings())
        )
        inputs.check_settings(chosen, framework_by_code(chosen.framework_code))
        repository.ensure_year(year, chosen)


def save_settings(workspace: Workspace, year: int, settings: RuleSettings) -> None:
    """Change a year's rule settings (weights must add up to 100)."""
    try:
        framework = framework_by_code(settings.framework_code)
    except KeyError as error:
        raise InputError(f"未知的指标体系“{settings.framework_code}”", "规则设置") from error
    inputs.check_settings(settings, framework)
    with workspace.unit_of_work() as uow:
        found(lambda: uow.years.save_settings(year, settings))


def save_year_facts(
    workspace: Workspace,
    year: int,
    *,
    opening_balance: str | None = None,
    unit_annual_goal: str | None = None,
    unit_midterm_goal: str | None = None,
) -> None:
    """Save the opening balance (上年结余) and the unit-wide goals."""
    balance = None
    if opening_balance is not None:
        balance = inputs.money(opening_balance, "年度预算 › 上年结余")
    with workspace.unit_of_work() as uow:
        found(
            lambda: uow.years.save_year_facts(
                year,
                opening_balance=balance,
                unit_annual_goal=unit_annual_goal,
                unit_midterm_goal=unit_midterm_goal,
            )
        )


def save_budget_line(workspace: Workspace, year: int, line: BudgetLine) -> None:
    """Save one category row of the budget."""
    category = DEFAULT_CATALOGUE.by_code(line.category_code)
    if category is None:
        raise InputError(f"未知科目“{line.category_code}”", "年度预算")
    inputs.check_budget_line(line, category.name)
    with workspace.unit_of_work() as uow:
        found(lambda: uow.years.save_budget_line(year, line))


def save_project(workspace: Workspace, year: int, project: Project) -> None:
    """Save a project's data, goals and funding."""
    inputs.check_project(project)
    with workspace.unit_of_work() as uow:
        found(lambda: uow.years.save_project(year, project))


def delete_project(workspace: Workspace, year: int, uid: str) -> None:
    """Delete a project of a year with everything under it (its other years keep theirs)."""
    with workspace.unit_of_work() as uow:
        found(lambda: uow.years.delete_project(year, uid))
        uow.assessments.delete_assessment(year, uid)


def restore_project(workspace: Workspace, year: int, deleted: DeletedProject) -> None:
    """Save a deleted project again, whole, as the year's last project (undo of a delete).

    Its indicators, monitoring entries, results, evaluation texts and assessment come back in the
    same transaction: all of it, or nothing when a stage it touches is locked or a write fails.
    """
    project = deleted.project
    inputs.check_project(project)
    with workspace.unit_of_work() as uow:
        framework = framework_by_code(found(lambda: uow.years.settings(year)).framework_code)
        uow.years.save_project(year, project)
        for position, indicator in enumerate(project.targets.indicators):
            inputs.check_indicator(indicator, framework)
            uow.years.save_indicator(year, project.uid, indicator, position)
        for entry in deleted.entries:
            uow.years.save_entry(entry)
        if deleted.evaluation is not None:
            indicators = {item.uid: item for item in project.targets.indicators}
            for result in deleted.evaluation.results:
                if result.indicator_uid in indicators:
                    inputs.check_result(result, indicators[result.indicator_uid])
                uow.years.save_result(result)
            uow.years.save_evaluation_texts(year, deleted.evaluation)
        if deleted.assessment is not None:
            uow.assessments.save_assessment(year, deleted.assessment)


def save_indicator(
    workspace: Workspace,
    year: int,
    owner_uid: str,
    indicator: Indicator,
    position: int | None = None,
) -> None:
    """Save a level-3 indicator of a project or of the unit (``owner_uid`` = ``unit``)."""
    with workspace.unit_of_work() as uow:
        repository = uow.years
        settings = found(lambda: repository.settings(year))
        inputs.check_indicator(indicator, framework_by_code(settings.framework_code))
        found(lambda: repository.save_indicator(year, owner_uid, indicator, position))


def delete_indicator(workspace: Workspace, uid: str) -> None:
    """Delete an indicator with its progress and result."""
    with workspace.unit_of_work() as uow:
        found(lambda: uow.years.delete_indicator(uid))


def save_point(workspace: Workspace, year: int, point: MonitoringPoint) -> None:
    """Save a monitoring cut-off; it must lie in the year."""
    if point.cutoff.year != year:
        raise InputError(f"监控时点{point.cutoff.isoformat()}不在{year}年度内", "运行监控")
    with workspace.unit_of_work() as uow:
        found(lambda: uow.years.save_point(year, point))


def delete_point(workspace: Workspace, year: int, uid: str) -> None:
    """Delete a monitoring point with every entry made at it."""
    with workspace.unit_of_work() as uow:
        found(lambda: uow.years.delete_point(year, uid))


def save_entry(workspace: Workspace, entry: MonitoringEntry) -> None:
    """Save one project's (or the unit's) monitoring at one point."""
    for amount, label in ((entry.executed, "累计执行数"), (entry.forecast, "全年预计执行数")):
        if amount is not None and amount < 0:
            raise InputError(f"{label}不能为负数", "运行监控")
    with workspace.unit_of_work() as uow:
        found(lambda: uow.years.save_entry(entry))


def save_arrival(workspace: Workspace, year: int, arrival: RevenueArrival) -> None:
    """Save what of one revenue category had arrived by a monitoring point (收入到位)."""
    with workspace.unit_of_work() as uow:
        cutoff = uow.arrivals.cutoff_of(arrival.point_uid)
        if cutoff is None or cutoff.year != year:
            raise InputError(f"{year}年度没有这个监控时点（{arrival.point_uid}）", "运行监控")
        inputs.check_arrival(arrival, cutoff, DEFAULT_CATALOGUE)
        uow.arrivals.save_arrival(arrival)


def delete_arrival(workspace: Workspace, point_uid: str, category_code: str) -> None:
    """Remove what was entered for one revenue category at a point (undo of its first entry)."""
    with workspace.unit_of_work() as uow:
        uow.arrivals.delete_arrival(point_uid, category_code)


def save_result(workspace: Workspace, year: int, result: IndicatorResult) -> None:
    """Save an indicator's year-end result (a qualitative score must lie in its tier)."""
    with workspace.unit_of_work() as uow:
        repository = uow.years
        indicator = repository.indicator(year, result.indicator_uid)
        if indicator is None:
            raise InputError(f"{year}年度没有指标（{result.indicator_uid}）")
        inputs.check_result(result, indicator)
        repository.save_result(result)


def save_evaluation_texts(workspace: Workspace, year: int, evaluation: Evaluation) -> None:
    """Save a self-evaluation's texts: overall result, result application, funds analysis."""
    with workspace.unit_of_work() as uow:
        found(lambda: uow.years.save_evaluation_texts(year, evaluation))


def sign_off(workspace: Workspace, year: int, signoff: Signoff) -> None:
    """Record a sign-off of a stage; refused while a hard problem of the stage is open.

    Raises:
        SignoffRefusedError: no name, or the stage's open hard problems (listed).
    """
    signoffs.sign_off(workspace, year, signoff)


def explain(workspace: Workspace, year: int, problem_key: str, text: str) -> None:
    """Write (or with empty text, withdraw) the explanation of a soft problem."""
    with workspace.unit_of_work() as uow:
        uow.years.save_explanation(year, Explanation(problem_key, text))


def replace_year(workspace: Workspace, data: YearData) -> None:
    """Replace a whole year (demo data, whole-year imports), backing up first."""
    workspace.back_up("before-import")  # a full disk or read-only folder: a StorageError
    with workspace.unit_of_work() as uow:
        uow.years.replace_year(data)
