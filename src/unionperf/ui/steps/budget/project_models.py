"""The budget step's project and funding tables: columns, models, labels, a new project.

Strings keep the translation context they had in the budget step (``BudgetTable``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from unionperf.domain.budget import FundingLine, FundingSource, Project, ProjectAttribute, TargetSet
from unionperf.domain.categories import Flow
from unionperf.domain.funding import single_line_editable
from unionperf.domain.unit import UnitLevel
from unionperf.domain.year import YearData
from unionperf.ui.steps.budget.tables import TOTAL_COLOUR
from unionperf.ui.widgets.formatting import amount, short_date
from unionperf.ui.widgets.table_model import Column, Kind, RowTableModel

__all__ = [
    "AMOUNT_FIELDS",
    "FUNDING_FIELDS",
    "PROJECT_FIELDS",
    "FundingTableModel",
    "ProjectTableModel",
    "attribute_label",
    "expenditure_choices",
    "funding_columns",
    "new_project",
    "next_code",
    "project_columns",
    "source_label",
]


PROJECT_FIELDS = (
    "code",
    "name",
    "category_code",
    "attribute",
    "start",
    "end",
    "responsible",
    "initial",
    "funding",
    "executed",
    "midterm_budget",
)
"""The project table's columns, as :class:`Project` spells them.

``initial`` is 年初预算数, ``funding`` 全年预算数 and ``executed`` 全年执行数: each the sum over the
funding lines, typed on the row itself when the project has at most one line.
``midterm_budget`` is 中期资金总额, the declaration form's funds for the project's whole period.
"""
AMOUNT_FIELDS = {"initial": "initial", "funding": "adjusted", "executed": "executed"}
"""The project row's amount columns and the funding-line amount each one types."""
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
        _amount_column(
            "initial",
            QCoreApplication.translate("BudgetTable", "Initial budget"),
            lambda p: p.initial_budget,
            committing("initial"),
        ),
        _amount_column(
            "funding",
            QCoreApplication.translate("BudgetTable", "Full-year budget"),
            lambda p: p.full_year_budget,
            committing("funding"),
        ),
        _amount_column(
            "executed",
            QCoreApplication.translate("BudgetTable", "Executed"),
            lambda p: p.executed,
            committing("executed"),
        ),
        Column(
            QCoreApplication.translate("BudgetTable", "Mid-term funds"),
            lambda p: amount(p.midterm_budget) if p.midterm_budget else "",
            Kind.MONEY,
            edit=committing("midterm_budget"),
            value=lambda p: f"{p.midterm_budget:f}" if p.midterm_budget else "",
            tooltip=lambda _p: QCoreApplication.translate(
                "BudgetTable",
                "The funds of the project's whole period (中期资金总额 of the target declaration"
                " form); for a one-year project its year's. Blank: none declared",
            ),
            width_chars=7,
        ),
    ]


def _amount_column(
    field: str,
    title: str,
    total: Callable[[Project], Decimal],
    commit: Callable[[Project, object], bool],
) -> Column[Project]:
    """A project total, typed on the row when the project has at most one funding line."""

    def tooltip(project: Project) -> str:
        if single_line_editable(project):
            return QCoreApplication.translate(
                "BudgetTable",
                "Type the amount here or in the funding table below; the full-year budget"
                " follows the initial budget until an adjustment is typed",
            )
        return QCoreApplication.translate(
            "BudgetTable",
            "The sum of {count} funding sources: type each one in the funding table below",
        ).format(count=len(project.funding))

    return Column(
        title,
        lambda p: amount(total(p)),
        Kind.MONEY,
        edit=commit,
        value=lambda p: f"{total(p):f}",
        colour=lambda p: None if single_line_editable(p) else TOTAL_COLOUR,
        tooltip=tooltip,
        editable=single_line_editable,
        width_chars=7,
    )


class ProjectTableModel(RowTableModel[Project]):
    """The year's projects, one per row."""

    label_column = 1
    """A row is named by the project's name."""


def funding_columns(
    edit: Callable[[FundingLine, str, object], bool],
    sources: Callable[[FundingLine], Sequence[FundingSource]],
) -> list[Column[FundingLine]]:
    """Source, initial, adjusted and executed amounts of the selected project's funding.

    ``sources(line)`` are the sources a line may switch to (its own and the unused ones).
    """

    def committing(field: str) -> Callable[[FundingLine, object], bool]:
        return lambda line, value: edit(line, field, value)

    def money(field: str, title: str, note: str = "") -> Column[FundingLine]:
        return Column(
            title,
            lambda line: amount(getattr(line, field)),
            Kind.MONEY,
            edit=committing(field),
            value=lambda line: f"{getattr(line, field):f}",
            tooltip=(lambda _line: note) if note else None,
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
        money(
            "initial",
            QCoreApplication.translate("BudgetTable", "Initial budget"),
            QCoreApplication.translate(
                "BudgetTable", "The budget approved at the start of the year"
            ),
        ),
        money(
            "adjusted",
            QCoreApplication.translate("BudgetTable", "Full-year budget"),
            QCoreApplication.translate(
                "BudgetTable",
                "The budget after mid-year additions or cuts; it follows the initial budget"
                " until you type another amount here",
            ),
        ),
        money("executed", QCoreApplication.translate("BudgetTable", "Executed")),
    ]


class FundingTableModel(RowTableModel[FundingLine]):
    """The funding lines of one project."""


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
