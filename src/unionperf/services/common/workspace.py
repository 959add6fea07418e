"""Workspace use cases for the window and the command line: open, edit, score, check, back up.

Every public method is one transaction: it saves all of its change or nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from unionperf.domain.budget import UNIT_OWNER, BudgetLine, Project, ProjectAttribute, TargetSet
from unionperf.domain.categories import DEFAULT_CATALOGUE
from unionperf.domain.evaluation import Evaluation, IndicatorResult
from unionperf.domain.framework import framework_by_code
from unionperf.domain.indicators import Indicator
from unionperf.domain.monitoring import MonitoringEntry, MonitoringPoint
from unionperf.domain.problems import Problem
from unionperf.domain.results import YearScore, score_year
from unionperf.domain.settings import RuleSettings
from unionperf.domain.unit import UnitProfile
from unionperf.domain.validation import check_year
from unionperf.domain.year import Explanation, Signoff, YearData, stage_label
from unionperf.services.common import inputs
from unionperf.services.common.errors import InputError, ServiceError
from unionperf.services.common.ports import StorePort, UnitOfWorkPort, UnitOfWorkSource
from unionperf.services.common.stages import StageLockedError
from unionperf.store import audit, backup
from unionperf.store.backup import BackupFile
from unionperf.store.engine import StoreError
from unionperf.store.errors import NotFoundError
from unionperf.store.submissions import LockedStageError
from unionperf.store.workspace import (
    OpenStore,
    WorkspaceError,
    WorkspacePaths,
    default_workspace_path,
    open_store,
)

__all__ = [
    "BackupFile",
    "Workspace",
    "default_workspace_path",
    "holds_workspace",
    "new_uid",
    "restore",
]

T = TypeVar("T")


def holds_workspace(path: Path) -> bool:
    """Whether the folder at ``path`` holds a workspace database."""
    return WorkspacePaths(path).database.exists()


def new_uid() -> str:
    """A fresh identifier for a project, indicator or monitoring point."""
    return uuid.uuid4().hex


class Workspace:
    """An open workspace. Use as a context manager, or call :meth:`close`.

    It wraps an open store (:class:`~unionperf.services.common.ports.StorePort`): the SQLite
    store of :meth:`create` and :meth:`open`, or an in-memory fake in the tests.
    """

    def __init__(self, store: StorePort) -> None:
        self._store = store

    @classmethod
    def create(
        cls, path: Path, unit: UnitProfile | None = None, passphrase: str | None = None
    ) -> Workspace:
        """Make a new workspace folder; save the unit profile and make the signing key when given.

        The key is made first, so a refused passphrase leaves no half-made workspace behind.
        """
        if passphrase is not None:
            _check_passphrase(passphrase)
        workspace = cls(_open(path, create=True))
        try:
            if unit is not None:
                workspace.save_unit(unit)
            if passphrase is not None:
                _create_key(workspace.paths.keys, passphrase)
        except BaseException:
            workspace.close()
            raise
        return workspace

    @classmethod
    def open(cls, path: Path, *, create: bool = False) -> Workspace:
        """Open the workspace at ``path`` (backing it up and migrating it first).

        With ``create``, a missing workspace is made instead of refused.
        """
        missing = not WorkspacePaths(path).database.exists()
        return cls(_open(path, create=create and missing))

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the database."""
        self._store.close()

    def schema_revision(self) -> str | None:
        """The schema revision the workspace database is at (``None``: not migrated)."""
        return self._store.schema_revision()

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWorkPort]:
        """One service call's transaction and its repositories; all of it is saved or none.

        A change of a stage the chair signed off is refused by the store and raised as
        :class:`StageLockedError`; a refused write (disk full, read-only) as :class:`ServiceError`.
        """
        try:
            with self._store.unit_of_work() as uow:
                yield uow
        except LockedStageError as error:
            raise StageLockedError(error.stage, stage_label(error.stage)) from error
        except StoreError as error:
            raise ServiceError(str(error)) from error

    @contextmanager
    def reading(self) -> Iterator[UnitOfWorkPort]:
        """A unit of work for reads only; nothing it does is committed."""
        with self._store.reading() as uow:
            yield uow

    @property
    def paths(self) -> WorkspacePaths:
        """The workspace's folders and files."""
        return self._store.paths

    # -- reading -------------------------------------------------------------------------------

    def unit(self) -> UnitProfile | None:
        """The union's profile, or ``None`` before it is entered."""
        with self.reading() as uow:
            return uow.years.unit()

    def years(self) -> list[int]:
        """The years held, oldest first."""
        with self.reading() as uow:
            return uow.years.years()

    def load_year(self, year: int) -> YearData:
        """Everything of a year as one domain aggregate."""
        with self.reading() as uow:
            return _found(lambda: uow.years.load(year))

    def score(self, year: int) -> YearScore:
        """The self-evaluation scores of a year."""
        return score_year(self.load_year(year))

    def check(self, year: int) -> list[Problem]:
        """Every validation problem of every stage the year has reached."""
        return check_year(self.load_year(year))

    def audit_breaks(self) -> list[audit.ChainBreak]:
        """Where the audit log's hash chain does not hold (empty when intact)."""
        with self.reading() as uow:
            return uow.audit.breaks()

    # -- editing -------------------------------------------------------------------------------

    def save_unit(self, unit: UnitProfile) -> None:
        """Save the union's profile (the credit code must pass GB 32100)."""
        unit = replace(unit, credit_code=unit.credit_code.strip().upper(), name=unit.name.strip())
        inputs.check_unit(unit)
        with self.unit_of_work() as uow:
            uow.years.save_unit(unit)

    def add_year(self, year: int, settings: RuleSettings | None = None) -> None:
        """Start a fiscal year with the given rule settings (default: the previous year's)."""
        with self.unit_of_work() as uow:
            repository = uow.years
            earlier = [held for held in repository.years() if held < year]
            chosen = settings or (repository.settings(earlier[-1]) if earlier else RuleSettings())
            inputs.check_settings(chosen, framework_by_code(chosen.framework_code))
            repository.ensure_year(year, chosen)

    def save_settings(self, year: int, settings: RuleSettings) -> None:
        """Change a year's rule settings (weights must add up to 100)."""
        try:
            framework = framework_by_code(settings.framework_code)
        except KeyError as error:
            raise InputError(f"未知的指标体系“{settings.framework_code}”", "规则设置") from error
        inputs.check_settings(settings, framework)
        with self.unit_of_work() as uow:
            _found(lambda: uow.years.save_settings(year, settings))

    def save_year_facts(
        self,
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
        with self.unit_of_work() as uow:
            _found(
                lambda: uow.years.save_year_facts(
                    year,
                    opening_balance=balance,
                    unit_annual_goal=unit_annual_goal,
                    unit_midterm_goal=unit_midterm_goal,
                )
            )

    def save_budget_line(self, year: int, line: BudgetLine) -> None:
        """Save one category row of the budget."""
        category = DEFAULT_CATALOGUE.by_code(line.category_code)
        if category is None:
            raise InputError(f"未知科目“{line.category_code}”", "年度预算")
        inputs.check_budget_line(line, category.name)
        with self.unit_of_work() as uow:
            _found(lambda: uow.years.save_budget_line(year, line))

    def save_project(self, year: int, project: Project) -> None:
        """Save a project's data, goals and funding."""
        inputs.check_project(project)
        with self.unit_of_work() as uow:
            _found(lambda: uow.years.save_project(year, project))

    def delete_project(self, uid: str) -> None:
        """Delete a project with everything under it."""
        with self.unit_of_work() as uow:
            _found(lambda: uow.years.delete_project(uid))

    def save_indicator(
        self, year: int, owner_uid: str, indicator: Indicator, position: int | None = None
    ) -> None:
        """Save a level-3 indicator of a project or of the unit (``owner_uid`` = ``unit``)."""
        with self.unit_of_work() as uow:
            repository = uow.years
            settings = _found(lambda: repository.settings(year))
            inputs.check_indicator(indicator, framework_by_code(settings.framework_code))
            _found(lambda: repository.save_indicator(year, owner_uid, indicator, position))

    def delete_indicator(self, uid: str) -> None:
        """Delete an indicator with its progress and result."""
        with self.unit_of_work() as uow:
            _found(lambda: uow.years.delete_indicator(uid))

    def save_point(self, year: int, point: MonitoringPoint) -> None:
        """Save a monitoring cut-off; it must lie in the year."""
        if point.cutoff.year != year:
            raise InputError(f"监控时点{point.cutoff.isoformat()}不在{year}年度内", "运行监控")
        with self.unit_of_work() as uow:
            _found(lambda: uow.years.save_point(year, point))

    def delete_point(self, year: int, uid: str) -> None:
        """Delete a monitoring point with every entry made at it."""
        with self.unit_of_work() as uow:
            _found(lambda: uow.years.delete_point(year, uid))

    def save_entry(self, entry: MonitoringEntry) -> None:
        """Save one project's (or the unit's) monitoring at one point."""
        for amount, label in ((entry.executed, "累计执行数"), (entry.forecast, "全年预计执行数")):
            if amount is not None and amount < 0:
                raise InputError(f"{label}不能为负数", "运行监控")
        with self.unit_of_work() as uow:
            _found(lambda: uow.years.save_entry(entry))

    def save_result(self, year: int, result: IndicatorResult) -> None:
        """Save an indicator's year-end result (a qualitative score must lie in its tier)."""
        with self.unit_of_work() as uow:
            repository = uow.years
            indicator = repository.indicator(year, result.indicator_uid)
            if indicator is None:
                raise InputError(f"{year}年度没有指标（{result.indicator_uid}）")
            inputs.check_result(result, indicator)
            repository.save_result(result)

    def save_evaluation_texts(self, year: int, evaluation: Evaluation) -> None:
        """Save a self-evaluation's texts: overall result, result application, funds analysis."""
        with self.unit_of_work() as uow:
            _found(lambda: uow.years.save_evaluation_texts(year, evaluation))

    def sign_off(self, year: int, signoff: Signoff) -> None:
        """Record a sign-off of a stage."""
        if not signoff.name.strip():
            raise InputError("请填写签字人姓名", "签字确认")
        with self.unit_of_work() as uow:
            uow.years.save_signoff(year, signoff)

    def explain(self, year: int, problem_key: str, text: str) -> None:
        """Write (or with empty text, withdraw) the explanation of a soft problem."""
        with self.unit_of_work() as uow:
            uow.years.save_explanation(year, Explanation(problem_key, text))

    def replace_year(self, data: YearData) -> None:
        """Replace a whole year (demo data, whole-year imports), backing up first."""
        backup.take_backup(self.paths.database, self.paths.backups, "before-import")
        with self.unit_of_work() as uow:
            uow.years.replace_year(data)

    def copy_targets_forward(self, source_year: int, target_year: int) -> int:
        """Copy last year's projects (as continuing projects) and all targets into a new year.

        Only goals and indicators are copied, with fresh identifiers; amounts, monitoring and
        results are not. Returns the number of projects copied.

        Raises:
            InputError: the target year already holds projects.
        """
        source = self.load_year(source_year)
        self.add_year(target_year, source.settings)
        target = self.load_year(target_year)
        if target.projects:
            raise InputError(f"{target_year}年度已有项目，不能再复制上年目标", "绩效目标")
        with self.unit_of_work() as uow:
            repository = uow.years
            for project in source.projects:
                repository.save_project(target_year, _carried(project))
            copied = {
                project.uid: new
                for project, new in zip(
                    source.projects, repository.load(target_year).projects, strict=True
                )
            }
            for project in source.projects:
                for position, indicator in enumerate(project.targets.indicators):
                    repository.save_indicator(
                        target_year,
                        copied[project.uid].uid,
                        replace(indicator, uid=new_uid()),
                        position,
                    )
            for position, indicator in enumerate(source.unit_targets.indicators):
                repository.save_indicator(
                    target_year, UNIT_OWNER, replace(indicator, uid=new_uid()), position
                )
            repository.save_year_facts(
                target_year,
                unit_annual_goal=source.unit_targets.annual_goal,
                unit_midterm_goal=source.unit_targets.midterm_goal,
            )
        return len(source.projects)

    # -- backups -------------------------------------------------------------------------------

    def backups(self) -> list[backup.BackupFile]:
        """The workspace's backups, newest first."""
        return backup.list_backups(self.paths.backups)

    def back_up(self, reason: str = "manual") -> backup.BackupFile:
        """Take a backup now."""
        return backup.take_backup(self.paths.database, self.paths.backups, reason)


def restore(path: Path, backup_file: Path) -> backup.BackupFile:
    """Restore a closed workspace from one of its backups (the current state is backed up first).

    Raises:
        ServiceError: the backup is damaged or the workspace is missing.
    """
    paths = WorkspacePaths(path)
    if not paths.database.exists():
        raise ServiceError(f"工作区不存在：{path}")
    try:
        return backup.restore_backup(backup_file, paths.database, paths.backups)
    except ValueError as error:
        raise ServiceError(str(error)) from error


def _open(path: Path, *, create: bool) -> OpenStore:
    try:
        return open_store(path, create=create)
    except WorkspaceError as error:
        raise ServiceError(str(error)) from error
    except OSError as error:
        raise ServiceError(f"无法打开工作区 {path}：{error}") from error


def _check_passphrase(passphrase: str) -> None:
    from unionperf.exchange.keys import KeyFileError, check_passphrase  # noqa: PLC0415

    try:
        check_passphrase(passphrase)
    except KeyFileError as error:
        raise InputError(str(error), "签名口令") from error


def _create_key(folder: Path, passphrase: str) -> None:
    from unionperf.exchange.keys import KeyFileError, create_key  # noqa: PLC0415

    try:
        create_key(folder, passphrase)
    except KeyFileError as error:
        raise ServiceError(str(error)) from error


def _found(call: Callable[[], T]) -> T:
    try:
        return call()
    except NotFoundError as error:
        raise InputError(str(error)) from error


def _carried(project: Project) -> Project:
    return replace(
        project,
        uid=new_uid(),
        attribute=ProjectAttribute.CONTINUING,
        funding=(),
        targets=TargetSet("", project.targets.annual_goal, project.targets.midterm_goal, ()),
    )


if TYPE_CHECKING:
    # mypy proves the seam: a workspace is a unit-of-work source, the SQLite store a StorePort
    # (and with it the store's UnitOfWork and repositories satisfy the ports).

    def _workspace_opens_units_of_work(workspace: Workspace) -> UnitOfWorkSource:
        return workspace

    def _open_store_is_a_store(store: OpenStore) -> StorePort:
        return store
