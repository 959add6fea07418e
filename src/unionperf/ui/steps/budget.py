"""Step 2, the annual budget (年度预算): amounts by category, projects and their funding."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.budget import (
    BudgetLine,
    FundingLine,
    FundingSource,
    Project,
    ProjectAttribute,
)
from unionperf.domain.categories import Flow
from unionperf.domain.cycle import Step
from unionperf.domain.money import ZERO, AmountError, parse_money
from unionperf.domain.problems import Location, Section
from unionperf.services.errors import ServiceError
from unionperf.services.workspace import new_uid
from unionperf.ui import messages
from unionperf.ui.budget_models import (
    AMOUNT_FIELDS,
    FUNDING_FIELDS,
    PROJECT_FIELDS,
    BudgetRow,
    BudgetTableModel,
    FundingTableModel,
    ProjectTableModel,
    budget_columns,
    budget_rows,
    funding_columns,
    new_project,
    project_columns,
    restore_project,
    snapshot_project,
)
from unionperf.ui.delegates import AMOUNT_PATTERN, ColumnDelegate
from unionperf.ui.formatting import amount
from unionperf.ui.steps.base import StepPage
from unionperf.ui.table_model import Column
from unionperf.ui.year_session import Area, YearSession

__all__ = ["BudgetStep", "confirm_delete"]

DEFICIT_COLOUR = "#b3261e"
BUDGET_TAB, PROJECTS_TAB = 0, 1
TITLE_PADDING = 16
"""Pixels around a column title (margins and the sort indicator's room)."""
ROW_PADDING = 6
"""Pixels above and below a row's text: the 15 budget rows fit without scrolling."""


def confirm_delete(parent: QWidget | None, name: str) -> bool:
    """Ask before a project is deleted (tests replace this function)."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("BudgetStep", "Delete project"),
        QCoreApplication.translate(
            "BudgetStep",
            "Delete the project “{name}” with its targets, monitoring and self-evaluation?"
            " Ctrl+Z brings it back.",
        ).format(name=name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def _table(model: QAbstractTableModel, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setItemDelegate(ColumnDelegate(table))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + ROW_PADDING)
    return table


def _fit(table: QTableView, columns: Sequence[Column[Any]], stretch: int) -> None:
    """Each column as wide as its preferred width and its title; one column takes the rest."""
    header = table.horizontalHeader()
    char = table.fontMetrics().horizontalAdvance("中")
    bold = QFont(header.font())
    bold.setBold(True)  # some styles draw the title of the current column in bold
    title_metrics = QFontMetrics(bold)
    for index, column in enumerate(columns):
        title = title_metrics.horizontalAdvance(column.title) + TITLE_PADDING
        table.setColumnWidth(index, max(column.width_chars * char, title))
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


class BudgetStep(StepPage):
    """The budget by category with the balance, and the projects with their funding sources.

    Every edit is saved at once through the session (undoable); the tables update in place.
    """

    step = Step.BUDGET
    areas = frozenset({Area.BUDGET, Area.PROJECTS, Area.UNIT})

    def __init__(self, session: YearSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._project_uid = ""
        self._funding_uid: str | None = None
        self.budget_model = BudgetTableModel(budget_columns(self._edit_line), self)
        self.budget_table = _table(self.budget_model, "budgetTable")
        self.opening = QLineEdit()
        self.opening.setObjectName("openingBalance")
        self.opening.setValidator(QRegularExpressionValidator(AMOUNT_PATTERN, self.opening))
        self.opening.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.opening.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 18)
        self.opening.editingFinished.connect(self._commit_opening)
        self.balance = QLabel()
        self.balance.setObjectName("balanceLine")
        self.balance.setWordWrap(True)
        self.project_model = ProjectTableModel([], self)
        self.project_table = _table(self.project_model, "projectTable")
        self.funding_model = FundingTableModel(
            funding_columns(self._edit_funding, self._sources_for), self
        )
        self.funding_table = _table(self.funding_model, "fundingTable")
        self.funding_title = QLabel()
        self.funding_title.setObjectName("fundingTitle")
        self.add_project_button = QPushButton(self.tr("Add project"))
        self.add_project_button.setObjectName("addProject")
        self.delete_project_button = QPushButton(self.tr("Delete project"))
        self.delete_project_button.setObjectName("deleteProject")
        self.add_source_button = QPushButton(self.tr("Add source"))
        self.add_source_button.setObjectName("addSource")
        self.remove_source_button = QPushButton(self.tr("Remove source"))
        self.remove_source_button.setObjectName("removeSource")
        self.add_project_button.clicked.connect(self.add_project)
        self.delete_project_button.clicked.connect(self.delete_project)
        self.add_source_button.clicked.connect(self.add_source)
        self.remove_source_button.clicked.connect(self.remove_source)
        self.project_table.selectionModel().currentRowChanged.connect(self._project_picked)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("budgetTabs")
        self.tabs.addTab(self._budget_tab(), self.tr("Budget by category"))
        self.tabs.addTab(self._projects_tab(), self.tr("Projects and funding"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        _fit(self.budget_table, self.budget_model.columns, 1)
        _fit(self.funding_table, self.funding_model.columns, 0)

    # -- layout --------------------------------------------------------------------------------

    def _budget_tab(self) -> QWidget:
        page = QWidget()
        hint = QLabel(
            self.tr(
                "Type the amounts in yuan; the approved budget is the budget plus the adjustment."
                " Revenue plus the opening balance must cover the expenditure."
            )
        )
        hint.setWordWrap(True)
        bottom = QHBoxLayout()
        label = QLabel(self.tr("Opening balance (carried from last year):"))
        label.setBuddy(self.opening)
        bottom.addWidget(label)
        bottom.addWidget(self.opening)
        bottom.addSpacing(16)
        bottom.addWidget(self.balance, 1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(hint)
        layout.addWidget(self.budget_table, 1)
        layout.addLayout(bottom)
        return page

    def _projects_tab(self) -> QWidget:
        page = QWidget()
        hint = QLabel(
            self.tr("Select a project to edit its funding; the full-year budget adds them up.")
        )
        top = QHBoxLayout()
        top.addWidget(hint, 1)
        top.addWidget(self.add_project_button)
        top.addWidget(self.delete_project_button)
        funding = QWidget()
        funding_layout = QVBoxLayout(funding)
        funding_layout.setContentsMargins(0, 0, 0, 0)
        funding_layout.setSpacing(2)
        funding_layout.addWidget(self.funding_title)
        funding_layout.addWidget(self.funding_table, 1)
        buttons = QVBoxLayout()
        buttons.addSpacing(self.funding_title.sizeHint().height())
        buttons.addWidget(self.add_source_button)
        buttons.addWidget(self.remove_source_button)
        buttons.addStretch(1)
        lower = QWidget()
        lower_layout = QHBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(funding, 1)
        lower_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.project_table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        return page

    # -- showing -------------------------------------------------------------------------------

    def load(self) -> None:
        """Fill both tabs from the session's year."""
        data = self.session.data
        self.setEnabled(data is not None)
        if data is None:
            self.budget_model.set_rows([])
            self.project_model.set_rows([])
            self.funding_model.set_rows([])
            self.balance.clear()
            return
        self.budget_model.set_rows(budget_rows(data))
        self._show_opening()
        self.project_model.columns = tuple(project_columns(data, self._edit_project))
        self.project_model.set_rows(data.projects)
        _fit(self.project_table, self.project_model.columns, 1)
        self._reselect_project()

    def changed(self, area: str) -> None:
        """Refresh only what changed: the budget lines or the projects."""
        data = self.session.data
        if data is None or area == Area.UNIT:
            self.load()
        elif area == Area.BUDGET:
            self.budget_model.update_rows(budget_rows(data))
            self._show_opening()
        elif area == Area.PROJECTS:
            resets = len(data.projects) != self.project_model.rowCount()
            self.project_model.update_rows(data.projects)
            if resets:
                self._reselect_project()
            else:
                self._show_funding()

    def _show_opening(self) -> None:
        data = self.session.data
        if data is None:
            return
        self.opening.setText(amount(data.opening_balance))
        revenue = data.flow_total(Flow.REVENUE)
        expenditure = data.flow_total(Flow.EXPENDITURE)
        left = revenue + data.opening_balance - expenditure
        text = self.tr(
            "Revenue total {revenue} + opening balance {opening} − expenditure total"
            " {expenditure} = balance {balance}"
        ).format(
            revenue=amount(revenue),
            opening=amount(data.opening_balance),
            expenditure=amount(expenditure),
            balance=amount(left),
        )
        if left < ZERO:
            text += "  " + self.tr("(a deficit: the union budget may not run one)")
        self.balance.setText(text)
        self.balance.setStyleSheet(f"color: {DEFICIT_COLOUR};" if left < ZERO else "")

    def _reselect_project(self) -> None:
        uids = [project.uid for project in self.project_model.rows()]
        row = uids.index(self._project_uid) if self._project_uid in uids else 0
        if uids:
            self._select(self.project_table, row, 1)
        self._project_uid = uids[row] if uids else ""
        self._show_funding()

    def _project_picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        rows = self.project_model.rows()
        self._project_uid = rows[current.row()].uid if 0 <= current.row() < len(rows) else ""
        self._show_funding()

    def _show_funding(self) -> None:
        project = self._project()
        funding = project.funding if project else ()
        if self._funding_uid == self._project_uid:
            self.funding_model.update_rows(funding)
        else:
            self.funding_model.set_rows(funding)
            self._funding_uid = self._project_uid
        if project is None:
            self.funding_title.setText(self.tr("No project selected"))
        else:
            self.funding_title.setText(
                self.tr("Funding of “{name}” (full-year budget {total})").format(
                    name=project.name, total=amount(project.full_year_budget)
                )
            )
        self.delete_project_button.setEnabled(project is not None)
        self.add_source_button.setEnabled(
            project is not None and len(project.funding) < len(FundingSource)
        )
        self.remove_source_button.setEnabled(project is not None and bool(project.funding))

    def _project(self) -> Project | None:
        data = self.session.data
        return data.project(self._project_uid) if data is not None else None

    @staticmethod
    def _select(table: QTableView, row: int, column: int) -> None:
        index = table.model().index(row, column)
        table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        table.scrollTo(index)

    # -- problems ------------------------------------------------------------------------------

    def show_location(self, location: Location) -> None:
        """Select the category, project or funding cell a problem points at."""
        if location.section is Section.BUDGET:
            self.tabs.setCurrentIndex(BUDGET_TAB)
            if location.field == "balance":
                self.opening.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            rows = self.budget_model.rows()
            found = [
                i
                for i, row in enumerate(rows)
                if row.category and row.category.code == location.item_uid
            ]
            if not found and location.field == "budget":  # no expenditure budget at all
                found = [i for i, row in enumerate(rows) if row.flow is Flow.EXPENDITURE][:1]
            column = (
                2 + AMOUNT_FIELDS.index(location.field) if location.field in AMOUNT_FIELDS else 1
            )
            if found:
                self._select(self.budget_table, found[0], column)
                self.budget_table.setFocus(Qt.FocusReason.OtherFocusReason)
        elif location.section is Section.PROJECT:
            self._show_project_location(location)

    def _show_project_location(self, location: Location) -> None:
        self.tabs.setCurrentIndex(PROJECTS_TAB)
        uids = [project.uid for project in self.project_model.rows()]
        if location.owner_uid not in uids:
            return
        field = location.field
        column = PROJECT_FIELDS.index(field) if field in PROJECT_FIELDS else 1
        self._select(self.project_table, uids.index(location.owner_uid), column)
        sources = [line.source.value for line in self.funding_model.rows()]
        if location.item_uid in sources and field in FUNDING_FIELDS:
            row = sources.index(location.item_uid)
            self._select(self.funding_table, row, FUNDING_FIELDS.index(field))
            self.funding_table.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.project_table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- editing the budget --------------------------------------------------------------------

    def _money(self, value: object) -> Decimal | None:
        """A typed amount (blank is 0), or ``None`` after telling the user it is not one."""
        text = str(value or "").replace(",", "").replace("，", "").strip()
        if not text:
            return ZERO
        try:
            return parse_money(text)
        except AmountError:
            messages.show_error(
                self,
                self.tr("The change was not saved"),
                self.tr("“{text}” is not an amount in yuan (at most two decimals).").format(
                    text=text
                ),
            )
            return None

    def _edit_line(self, row: BudgetRow, field: str, value: object) -> bool:
        new = self._money(value)
        old: Decimal = getattr(row.line, field)
        if new is None or row.category is None or new == old:
            return False
        code = row.category.code
        return self.session.change(
            self.tr("Edit the budget of “{category}”").format(category=row.category.name),
            lambda: self._save_line(code, field, new),
            lambda: self._save_line(code, field, old),
        )

    def _save_line(self, code: str, field: str, value: Decimal) -> None:
        data = self.session.data
        held = data.budget if data is not None else ()
        line = next((item for item in held if item.category_code == code), BudgetLine(code))
        changes: dict[str, Any] = {field: value}
        self.session.save_budget_line(replace(line, **changes))

    def _commit_opening(self) -> None:
        data = self.session.data
        new = self._money(self.opening.text()) if data is not None else None
        if data is None or new is None or new == data.opening_balance:
            self._show_opening()
            return
        old = data.opening_balance
        if not self.session.change(
            self.tr("Edit the opening balance"),
            lambda: self.session.save_year_facts(opening_balance=new),
            lambda: self.session.save_year_facts(opening_balance=old),
        ):
            self._show_opening()

    # -- editing projects ----------------------------------------------------------------------

    def _edit_project(self, project: Project, field: str, value: object) -> bool:
        new: object
        if field in ("start", "end"):
            if not isinstance(value, date):
                return False
            new = value
        elif field == "attribute":
            new = ProjectAttribute(str(value))
        else:
            new = str(value or "").strip()
        old = getattr(project, field)
        if new == old:
            return False
        uid = project.uid
        return self.session.change(
            self.tr("Edit the project “{name}”").format(name=project.name),
            lambda: self._save_project(uid, field, new),
            lambda: self._save_project(uid, field, old),
        )

    def _save_project(self, uid: str, field: str, value: object) -> None:
        data = self.session.data
        project = data.project(uid) if data is not None else None
        if project is None:
            raise ServiceError(self.tr("The project no longer exists."))
        changes: dict[str, Any] = {field: value}
        self.session.save_project(replace(project, **changes))

    def add_project(self) -> None:
        """Add a project with a default name and select it for editing (undoable)."""
        data = self.session.data
        if data is None:
            return
        names = {item.name for item in data.projects}
        number = len(data.projects) + 1
        while self.tr("New project {number}").format(number=number) in names:
            number += 1
        project = new_project(
            data, new_uid(), self.tr("New project {number}").format(number=number)
        )
        if self.session.change(
            self.tr("Add project"),
            lambda: self.session.save_project(project),
            lambda: self.session.delete_project(project.uid),
        ):
            self._project_uid = project.uid
            self._reselect_project()
            self.project_table.setFocus(Qt.FocusReason.OtherFocusReason)

    def delete_project(self) -> None:
        """Delete the selected project after asking (undo brings it back with its targets)."""
        data = self.session.data
        project = self._project()
        if data is None or project is None or not confirm_delete(self, project.name):
            return
        deleted = snapshot_project(data, project.uid)
        if deleted is None:
            return
        self.session.change(
            self.tr("Delete the project “{name}”").format(name=project.name),
            lambda: self.session.delete_project(project.uid),
            lambda: restore_project(self.session, deleted),
        )

    # -- editing funding -----------------------------------------------------------------------

    def _sources_for(self, line: FundingLine) -> list[FundingSource]:
        project = self._project()
        used = {item.source for item in project.funding} if project else set()
        return [item for item in FundingSource if item is line.source or item not in used]

    def _edit_funding(self, line: FundingLine, field: str, value: object) -> bool:
        project = self._project()
        if project is None:
            return False
        if field == "source":
            changed = replace(line, source=FundingSource(str(value)))
        else:
            typed = self._money(value)
            if typed is None:
                return False
            amounts: dict[str, Any] = {field: typed}
            changed = replace(line, **amounts)
        if changed == line:
            return False
        funding = tuple(changed if item.source is line.source else item for item in project.funding)
        return self._change_funding(project, funding)

    def _change_funding(self, project: Project, funding: tuple[FundingLine, ...]) -> bool:
        old, uid = project.funding, project.uid
        return self.session.change(
            self.tr("Edit the funding of “{name}”").format(name=project.name),
            lambda: self._save_project(uid, "funding", funding),
            lambda: self._save_project(uid, "funding", old),
        )

    def add_source(self) -> None:
        """Add the first funding source the selected project does not have yet."""
        project = self._project()
        if project is None:
            return
        used = {item.source for item in project.funding}
        unused = [item for item in FundingSource if item not in used]
        if unused and self._change_funding(project, (*project.funding, FundingLine(unused[0]))):
            self._select(self.funding_table, len(project.funding), 0)

    def remove_source(self) -> None:
        """Remove the selected funding source of the selected project."""
        project = self._project()
        row = self.funding_table.currentIndex().row()
        if project is None or not 0 <= row < len(project.funding):
            return
        kept = project.funding[:row] + project.funding[row + 1 :]
        self._change_funding(project, kept)
