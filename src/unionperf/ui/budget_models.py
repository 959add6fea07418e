"""Rows, columns and table models of the budget step: category lines, projects and funding."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from unionperf.domain.budget import (
    BudgetLine,
    FundingLine,
    FundingSource,
    Project,
    ProjectAttribute,
    TargetSet,
)
from unionperf.domain.categories import Category, Flow
from unionperf.domain.evaluation import Evaluation
from unionperf.domain.money import ZERO
from unionperf.domain.monitoring import MonitoringEntry
from unionperf.domain.unit import UnitLevel
from unionperf.domain.year import YearData
from unionperf.services.errors import ServiceError
from unionperf.services.locks import StageLockedError, open_adjustment
from unionperf.services.workspace import Workspace
from unionperf.ui.formatting import amount, short_date
from unionperf.ui.table_model import Column, Kind, RowTableModel
from unionperf.ui.year_session import Area, YearSession

__all__ = [
    "AMOUNT_FIELDS",
    "FUNDING_FIELDS",
    "PROJECT_FIELDS",
    "BudgetRow",
    "BudgetTableModel",
    "DeletedProject",
    "FundingTableModel",
    "ProjectTableModel",
    "attribute_label",
    "budget_columns",
    "budget_rows",
    "expenditure_choices",
    "funding_columns",
    "new_project",
    "next_code",
    "project_columns",
    "restore_project",
    "snapshot_project",
    "source_label",
]

Index = QModelIndex | QPersistentModelIndex

TOTAL_COLOUR = "#eef1f5"
"""Total rows and computed cells: a light grey-blue, so they read as not typed in."""

AMOUNT_FIELDS = ("last_year_actual", "budget", "adjustment", "approved", "executed")
"""The budget table's amount columns, in order, as :class:`BudgetLine` spells them."""
PROJECT_FIELDS = (
    "code",
    "name",
    "category_code",
    "attribute",
    "start",
    "end",
    "responsible",
    "funding",
    "executed",
)
"""The project table's columns, as :class:`Project` spells them (``funding``: 全年预算数)."""
FUNDING_FIELDS = ("source", "initial", "adjusted", "executed")
"""The funding table's columns, as :class:`FundingLine` spells them."""


def source_label(source: FundingSource) -> str:
    """A funding source's name."""
    match source:
        case FundingSource.OWN:
            return QCoreApplication.translate("BudgetTable", "Own union funds")
        case FundingSource.UPPER_SUBSIDY:
            return QCoreApplication.translate("BudgetTable", "Upper-level union subsidy")
        case FundingSource.EMPLOYER_SUBSIDY:
            return QCoreApplication.translate("BudgetTable", "Employer subsidy")
        case FundingSource.CARRYOVER:
            return QCoreApplication.translate("BudgetTable", "Carried over from last year")
        case FundingSource.OTHER:
            return QCoreApplication.translate("BudgetTable", "Other funds")


def attribute_label(attribute: ProjectAttribute) -> str:
    """新增项目 or 延续项目."""
    match attribute:
        case ProjectAttribute.NEW:
            return QCoreApplication.translate("BudgetTable", "New project")
        case ProjectAttribute.CONTINUING:
            return QCoreApplication.translate("BudgetTable", "Continuing project")


# -- the budget table ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BudgetRow:
    """A row of the budget table: one category's line, or a flow's total (no category)."""

    flow: Flow
    line: BudgetLine
    category: Category | None = None

    @property
    def is_total(self) -> bool:
        """Whether this is the revenue or expenditure total."""
        return self.category is None


def budget_rows(data: YearData) -> list[BudgetRow]:
    """Revenue categories, their total, expenditure categories, their total.

    A grassroots union sees the categories it normally uses and any other one it has amounts in.
    """
    held = {line.category_code: line for line in data.budget}
    everything = data.unit.level is UnitLevel.UPPER
    rows: list[BudgetRow] = []
    for flow in (Flow.REVENUE, Flow.EXPENDITURE):
        lines = []
        for category in data.catalogue.of_flow(flow):
            if category.grassroots or everything or category.code in held:
                line = held.get(category.code) or BudgetLine(category.code)
                rows.append(BudgetRow(flow, line, category))
                lines.append(line)
        rows.append(BudgetRow(flow, _total(lines)))
    return rows


def _total(lines: Sequence[BudgetLine]) -> BudgetLine:
    def added(field: str) -> Decimal:
        return sum((getattr(line, field) for line in lines), ZERO)

    return BudgetLine(
        "",
        last_year_actual=added("last_year_actual"),
        budget=added("budget"),
        adjustment=added("adjustment"),
        executed=added("executed"),
    )


def _row_name(row: BudgetRow) -> str:
    if row.category is not None:
        return row.category.name
    if row.flow is Flow.REVENUE:
        return QCoreApplication.translate("BudgetTable", "Revenue total")
    return QCoreApplication.translate("BudgetTable", "Expenditure total")


def _amount_title(field: str) -> str:
    match field:
        case "last_year_actual":
            return QCoreApplication.translate("BudgetTable", "Last year's actual")
        case "budget":
            return QCoreApplication.translate("BudgetTable", "Budget this year")
        case "adjustment":
            return QCoreApplication.translate("BudgetTable", "Adjustment")
        case "approved":
            return QCoreApplication.translate("BudgetTable", "Approved budget")
        case _:
            return QCoreApplication.translate("BudgetTable", "Executed (full year)")


def budget_columns(edit: Callable[[BudgetRow, str, object], bool]) -> list[Column[BudgetRow]]:
    """Code, name and the five amounts; ``edit(row, field, text)`` commits a typed amount."""
    columns: list[Column[BudgetRow]] = [
        Column(
            QCoreApplication.translate("BudgetTable", "Code"),
            lambda row: row.category.code if row.category else "",
            colour=_total_colour,
            width_chars=4,
        ),
        Column(
            QCoreApplication.translate("BudgetTable", "Category"),
            _row_name,
            colour=_total_colour,
            width_chars=8,
        ),
    ]
    for field in AMOUNT_FIELDS:
        columns.append(_amount_column(field, edit))
    return columns


def _amount_column(field: str, edit: Callable[[BudgetRow, str, object], bool]) -> Column[BudgetRow]:
    computed = field == "approved"

    def commit(row: BudgetRow, value: object) -> bool:
        return edit(row, field, value)

    return Column(
        _amount_title(field),
        lambda row: amount(getattr(row.line, field)),
        Kind.MONEY,
        edit=None if computed else commit,
        value=lambda row: f"{getattr(row.line, field):f}",
        colour=(lambda _row: TOTAL_COLOUR) if computed else _total_colour,
        tooltip=(
            (
                lambda _row: QCoreApplication.translate(
                    "BudgetTable", "Budget this year + adjustment"
                )
            )
            if computed
            else None
        ),
        editable=lambda row: not row.is_total,
        width_chars=7,
    )


def _total_colour(row: BudgetRow) -> str | None:
    return TOTAL_COLOUR if row.is_total else None


class BudgetTableModel(RowTableModel[BudgetRow]):
    """The budget by category; total rows read in bold."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """As :class:`RowTableModel`, with a bold font on the total rows."""
        if (
            role == Qt.ItemDataRole.FontRole
            and index.isValid()
            and index.row() < self.rowCount()
            and self.row(index.row()).is_total
        ):
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)


# -- projects and their funding -----------------------------------------------------------------


def expenditure_choices(data: YearData) -> list[tuple[str, str]]:
    """The expenditure categories a project may belong to, as (code, "code name") pairs."""
    everything = data.unit.level is UnitLevel.UPPER
    return [
        (item.code, f"{item.code} {item.name}")
        for item in data.catalogue.of_flow(Flow.EXPENDITURE)
        if item.grassroots or everything
    ]


def project_columns(
    data: YearData, edit: Callable[[Project, str, object], bool]
) -> list[Column[Project]]:
    """Code, name, category, attribute, period, responsible person, budget and execution."""
    categories = expenditure_choices(data)
    names = {code: label for code, label in categories}
    attributes = [(item.value, attribute_label(item)) for item in ProjectAttribute]
    year = data.year

    def committing(field: str) -> Callable[[Project, object], bool]:
        return lambda project, value: edit(project, field, value)

    def choose_category(project: Project) -> list[tuple[str, str]]:
        if project.category_code in names:
            return categories
        return [*categories, (project.category_code, project.category_code)]

    return [
        Column(
            QCoreApplication.translate("BudgetTable", "Project code"),
            lambda p: p.code,
            edit=committing("code"),
            width_chars=7,
        ),
        Column(
            QCoreApplication.translate("BudgetTable", "Project name"),
            lambda p: p.name,
            edit=committing("name"),
            tooltip=lambda p: p.name,
            width_chars=15,
        ),
        Column(
            QCoreApplication.translate("BudgetTable", "Expenditure category"),
            lambda p: names.get(p.category_code, p.category_code),
            Kind.CHOICE,
            edit=committing("category_code"),
            value=lambda p: p.category_code,
            choices=choose_category,
            width_chars=10,
        ),
        Column(
            QCoreApplication.translate("BudgetTable", "Attribute"),
            lambda p: attribute_label(p.attribute),
            Kind.CHOICE,
            edit=committing("attribute"),
            value=lambda p: p.attribute.value,
            choices=lambda _p: attributes,
            width_chars=5,
        ),
        Column(
            QCoreApplication.translate("BudgetTable", "Start"),
            lambda p: short_date(p.start),
            Kind.DATE,
            edit=committing("start"),
            value=lambda p: p.start or date(year, 1, 1),
            width_chars=6,
        ),
        Column(
            QCoreApplication.translate("BudgetTable", "End"),
            lambda p: short_date(p.end),
            Kind.DATE,
            edit=committing("end"),
            value=lambda p: p.end or date(year, 12, 31),
            width_chars=6,
        ),
        Column(
            QCoreApplication.translate("BudgetTable", "Responsible"),
            lambda p: p.responsible,
            edit=committing("responsible"),
            width_chars=6,
        ),
        Column(
            QCoreApplication.translate("BudgetTable", "Full-year budget"),
            lambda p: amount(p.full_year_budget),
            Kind.MONEY,
            colour=lambda _p: TOTAL_COLOUR,
            tooltip=lambda _p: QCoreApplication.translate(
                "BudgetTable", "The sum of the adjusted amounts of every funding source"
            ),
            width_chars=7,
        ),
        Column(
            QCoreApplication.translate("BudgetTable", "Executed"),
            lambda p: amount(p.executed),
            Kind.MONEY,
            colour=lambda _p: TOTAL_COLOUR,
            tooltip=lambda _p: QCoreApplication.translate(
                "BudgetTable", "The sum of the executed amounts of every funding source"
            ),
            width_chars=7,
        ),
    ]


class ProjectTableModel(RowTableModel[Project]):
    """The year's projects, one per row."""


def funding_columns(
    edit: Callable[[FundingLine, str, object], bool],
    sources: Callable[[FundingLine], Sequence[FundingSource]],
) -> list[Column[FundingLine]]:
    """Source, initial, adjusted and executed amounts of the selected project's funding.

    ``sources(line)`` are the sources a line may switch to (its own and the unused ones).
    """

    def committing(field: str) -> Callable[[FundingLine, object], bool]:
        return lambda line, value: edit(line, field, value)

    def money(field: str, title: str) -> Column[FundingLine]:
        return Column(
            title,
            lambda line: amount(getattr(line, field)),
            Kind.MONEY,
            edit=committing(field),
            value=lambda line: f"{getattr(line, field):f}",
            width_chars=7,
        )

    return [
        Column(
            QCoreApplication.translate("BudgetTable", "Funding source"),
            lambda line: source_label(line.source),
            Kind.CHOICE,
            edit=committing("source"),
            value=lambda line: line.source.value,
            choices=lambda line: [(item.value, source_label(item)) for item in sources(line)],
            width_chars=8,
        ),
        money("initial", QCoreApplication.translate("BudgetTable", "Initial budget")),
        money("adjusted", QCoreApplication.translate("BudgetTable", "Full-year budget")),
        money("executed", QCoreApplication.translate("BudgetTable", "Executed")),
    ]


class FundingTableModel(RowTableModel[FundingLine]):
    """The funding lines of one project."""


# -- deleting and restoring a project ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DeletedProject:
    """What deleting a project removes: the project with its targets, monitoring, evaluation."""

    project: Project
    entries: tuple[MonitoringEntry, ...] = ()
    evaluation: Evaluation | None = None


def snapshot_project(data: YearData, uid: str) -> DeletedProject | None:
    """Everything the year holds on a project, taken before it is deleted."""
    project = data.project(uid)
    if project is None:
        return None
    entries = tuple(item for item in data.monitoring if item.owner_uid == uid)
    evaluation = next((item for item in data.evaluations if item.owner_uid == uid), None)
    return DeletedProject(project, entries, evaluation)


def restore_project(session: YearSession, deleted: DeletedProject) -> None:
    """Save a deleted project again with its indicators, monitoring and evaluation (undo).

    The project comes back as the year's last project. Its monitoring and evaluation may belong
    to several signed-off stages: the user is asked for one adjustment reason, used for each.
    Raises ``ServiceError`` when refused (a partly restored project is deleted again).
    """
    workspace, year = session.workspace, session.held_year()
    reason: str | None = None
    opened: set[str] = set()
    try:
        while True:
            try:
                _save_deleted(workspace, year, deleted)
                break
            except StageLockedError as locked:
                reason = reason or session.adjustment_reason(locked)
                if not reason or locked.stage in opened:
                    raise
                open_adjustment(workspace, year, locked.stage, reason)
                opened.add(locked.stage)
    except ServiceError:
        with suppress(ServiceError):
            workspace.delete_project(deleted.project.uid)
        raise
    session.patch(Area.PROJECTS, lambda data: _with_deleted(data, deleted))
    for area in (Area.TARGETS, Area.MONITORING, Area.EVALUATION):
        session.changed.emit(area)


def _save_deleted(workspace: Workspace, year: int, deleted: DeletedProject) -> None:
    project = deleted.project
    workspace.save_project(year, project)
    for position, indicator in enumerate(project.targets.indicators):
        workspace.save_indicator(year, project.uid, indicator, position)
    for entry in deleted.entries:
        workspace.save_entry(entry)
    if deleted.evaluation is not None:
        for result in deleted.evaluation.results:
            workspace.save_result(year, result)
        workspace.save_evaluation_texts(year, deleted.evaluation)


def _with_deleted(data: YearData, deleted: DeletedProject) -> YearData:
    evaluations = data.evaluations
    if deleted.evaluation is not None:
        evaluations = (*evaluations, deleted.evaluation)
    return replace(
        data,
        projects=(*data.projects, deleted.project),
        monitoring=(*data.monitoring, *deleted.entries),
        evaluations=evaluations,
    )


# -- a new project -------------------------------------------------------------------------------


def next_code(codes: Sequence[str], year: int) -> str:
    """A project code not yet used: the last code's number plus one, else ``<year>-01``."""
    used = set(codes)
    found = re.match(r"^(.*?)(\d+)$", codes[-1]) if codes else None
    prefix, number, width = (
        (found[1], int(found[2]), len(found[2])) if found else (f"{year}-", 0, 2)
    )
    while True:
        number += 1
        code = f"{prefix}{number:0{width}d}"
        if code not in used:
            return code


def new_project(data: YearData, uid: str, name: str) -> Project:
    """A project for the year: the first expenditure category, the whole year, own funds."""
    choices = expenditure_choices(data)
    return Project(
        uid=uid,
        code=next_code([item.code for item in data.projects], data.year),
        name=name,
        category_code=choices[0][0] if choices else "",
        attribute=ProjectAttribute.NEW,
        start=date(data.year, 1, 1),
        end=date(data.year, 12, 31),
        funding=(FundingLine(FundingSource.OWN),),
        targets=TargetSet(owner_uid=uid),
    )
