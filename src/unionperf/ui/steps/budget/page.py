"""Step 2, the annual budget (年度预算): amounts by category, projects, and the rule settings."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.budget import BudgetLine
from unionperf.domain.categories import Flow
from unionperf.domain.cycle import Step
from unionperf.domain.money import ZERO
from unionperf.domain.problems import Location, Section
from unionperf.ui.steps.base import StepPage
from unionperf.ui.steps.budget.budget_models import (
    AMOUNT_FIELDS,
    BudgetRow,
    BudgetTableModel,
    budget_columns,
    budget_rows,
)
from unionperf.ui.steps.budget.project_tab import ProjectFundingTab
from unionperf.ui.steps.budget.settings_form import SettingsForm
from unionperf.ui.steps.budget.tables import fit_columns, make_table, select_cell, typed_amount
from unionperf.ui.widgets.delegates import AMOUNT_PATTERN
from unionperf.ui.widgets.formatting import amount
from unionperf.ui.widgets.refusal import guard_amount
from unionperf.ui.year_session import Area, YearSession

__all__ = ["BUDGET_TAB", "PROJECTS_TAB", "SETTINGS_TAB", "BudgetStep"]

DEFICIT_COLOUR = "#b3261e"
BUDGET_TAB, PROJECTS_TAB, SETTINGS_TAB = 0, 1, 2


class BudgetStep(StepPage):
    """The budget by category, the projects with their funding, and the year's rule settings.

    Every edit is saved at once through the session (undoable); the tables update in place.
    """

    step = Step.BUDGET
    areas = frozenset({Area.BUDGET, Area.PROJECTS, Area.UNIT})

    def __init__(self, session: YearSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.budget_model = BudgetTableModel(budget_columns(self._edit_line), self)
        self.budget_table = make_table(self.budget_model, "budgetTable")
        self.opening = QLineEdit()
        self.opening.setObjectName("openingBalance")
        guard_amount(self.opening, AMOUNT_PATTERN, lambda: self.tr("Opening balance"))
        self.opening.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.opening.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 18)
        self.opening.editingFinished.connect(self._commit_opening)
        self.balance = QLabel()
        self.balance.setObjectName("balanceLine")
        self.balance.setWordWrap(True)
        self.projects = ProjectFundingTab(session)
        self.settings_form = SettingsForm(session)
        self.settings_view = self.settings_form.view
        self.tabs = QTabWidget()
        self.tabs.setObjectName("budgetTabs")
        self.tabs.addTab(self._budget_tab(), self.tr("Budget by category"))
        self.tabs.addTab(self.projects, self.tr("Projects and funding"))
        self.tabs.addTab(self.settings_view, self.tr("Rule settings"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        fit_columns(self.budget_table, self.budget_model.columns, 1)

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

    # -- showing -------------------------------------------------------------------------------

    def load(self) -> None:
        """Fill every tab from the session's year."""
        data = self.session.data
        self.setEnabled(data is not None)
        if data is None:
            self.budget_model.set_rows([])
            self.projects.load()
            self.balance.clear()
            self.settings_form.load()
            return
        self.budget_model.set_rows(budget_rows(data))
        self._show_opening()
        self.projects.load()
        self.settings_form.load()

    def changed(self, area: str) -> None:
        """Refresh only what changed: the budget lines and settings, or the projects."""
        data = self.session.data
        if data is None or area == Area.UNIT:
            self.load()
        elif area == Area.BUDGET:
            self.budget_model.update_rows(budget_rows(data))
            self._show_opening()
            self.settings_form.load()
        elif area == Area.PROJECTS:
            self.projects.changed()

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

    # -- problems ------------------------------------------------------------------------------

    def show_location(self, location: Location) -> None:
        """Select the category, project, funding cell or rule setting a problem points at."""
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
                select_cell(self.budget_table, found[0], column)
                self.budget_table.setFocus(Qt.FocusReason.OtherFocusReason)
        elif location.section is Section.PROJECT:
            self.tabs.setCurrentIndex(PROJECTS_TAB)
            self.projects.show_location(location)
        elif location.section is Section.SETTINGS:
            self.tabs.setCurrentIndex(SETTINGS_TAB)
            self.settings_form.show_location(location)

    # -- editing the budget --------------------------------------------------------------------

    def _edit_line(self, row: BudgetRow, field: str, value: object) -> bool:
        new = typed_amount(self, value)
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
        new = typed_amount(self, self.opening.text()) if data is not None else None
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
