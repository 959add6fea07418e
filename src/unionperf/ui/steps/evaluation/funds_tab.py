"""The self-evaluation step's funds tab (预算执行): the year's spending, typed where it is scored.

A project's 全年执行数 is typed per funding source, the unit's per expenditure category; every
edit is saved through the session (undoable) and the page scores the owner again. The funds
execution analysis (资金执行偏差原因分析) sits under the numbers it explains. Strings belong to
the step's page (``EvaluationStep`` context).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from unionperf.domain.budget import UNIT_OWNER, BudgetLine, FundingLine, FundingSource
from unionperf.domain.funding import with_line_amount
from unionperf.services.common.errors import ServiceError
from unionperf.services.views.evaluation_funds import FundsRow, funds_rows
from unionperf.ui.steps.budget.tables import fit_columns, make_table, select_cell, typed_amount
from unionperf.ui.steps.evaluation.funds_models import FUNDS_FIELDS, FundsTableModel, funds_columns
from unionperf.ui.steps.evaluation.texts import CommitTextEdit
from unionperf.ui.year_session import YearSession

__all__ = ["FundsTab"]


class FundsTab(QWidget):
    """Spending per funding source (a project) or expenditure category (the unit)."""

    def __init__(
        self, session: YearSession, analysis: CommitTextEdit, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("evaluationFundsTab")
        self.session = session
        self.owner_uid = ""
        self._shown_for = ""
        self.model = FundsTableModel(funds_columns(self._edit, unit=False), self)
        self.table: QTableView = make_table(self.model, "evaluationFundsTable")
        self.hint = QLabel()
        self.hint.setObjectName("evaluationFundsHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        caption = QLabel(
            QCoreApplication.translate(
                "EvaluationStep",
                "Funds execution analysis (required when the execution score is below its points)",
            )
        )
        caption.setWordWrap(True)
        self.analysis = analysis
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 3)
        layout.addWidget(caption)
        layout.addWidget(analysis, 2)

    def show_owner(self, owner_uid: str) -> None:
        """Show an owner's lines (empty: nothing), keeping the current cell on an update."""
        data = self.session.data
        self.owner_uid = owner_uid
        rows = funds_rows(data, owner_uid) if data is not None and owner_uid else ()
        unit = owner_uid == UNIT_OWNER
        if owner_uid == self._shown_for and len(rows) == self.model.rowCount():
            self.model.update_rows(rows)
            return
        self.model.columns = tuple(funds_columns(self._edit, unit=unit))
        self.model.set_rows(rows)
        fit_columns(self.table, self.model.columns, 0)
        self._shown_for = owner_uid
        self.hint.setText(
            QCoreApplication.translate(
                "EvaluationStep",
                "Type what each expenditure category actually spent in the year (the same"
                " column as under Annual budget). The execution rate and the score follow.",
            )
            if unit
            else QCoreApplication.translate(
                "EvaluationStep",
                "Type what each funding source of the project actually spent in the year"
                " (全年执行数). The execution rate and the score follow at once.",
            )
        )

    def select(self, key: str) -> None:
        """Make a line's 全年执行数 cell current and give the table the focus.

        The first line that is typed in is taken when ``key`` is empty or not shown.
        """
        row = self.model.find(key) if key else -1
        if row < 0:
            row = next(
                (number for number, item in enumerate(self.model.rows()) if not item.is_total), -1
            )
        if row >= 0:
            select_cell(self.table, row, FUNDS_FIELDS.index("executed"))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- editing -------------------------------------------------------------------------------

    def _edit(self, row: FundsRow, value: object) -> bool:
        typed = typed_amount(self, value)
        if typed is None or row.is_total or typed == row.executed:
            return False
        if self.owner_uid == UNIT_OWNER:
            return self._save_category(row.key, typed)
        return self._save_source(FundingSource(row.key), row.label, typed)

    def _save_source(self, source: FundingSource, label: str, typed: Decimal) -> bool:
        data = self.session.data
        project = data.project(self.owner_uid) if data is not None else None
        if project is None:
            return False
        old = project.funding
        new = tuple(
            with_line_amount(line, "executed", typed) if line.source is source else line
            for line in old
        )
        uid = project.uid

        def save(funding: tuple[FundingLine, ...]) -> None:
            current = self.session.data.project(uid) if self.session.data else None
            if current is None:
                raise ServiceError(
                    QCoreApplication.translate("EvaluationStep", "The project no longer exists.")
                )
            self.session.save_project(replace(current, funding=funding))

        return self.session.change(
            QCoreApplication.translate(
                "EvaluationStep", "Executed amount of “{name}” ({source})"
            ).format(name=project.name, source=label),
            lambda: save(new),
            lambda: save(old),
        )

    def _save_category(self, code: str, typed: Decimal) -> bool:
        data = self.session.data
        if data is None:
            return False
        old = next((line for line in data.budget if line.category_code == code), None)
        before = old or BudgetLine(code)
        after = replace(before, executed=typed)
        name = data.catalogue.by_code(code)
        return self.session.change(
            QCoreApplication.translate("EvaluationStep", "Executed amount of “{category}”").format(
                category=name.name if name else code
            ),
            lambda: self.session.save_budget_line(after),
            lambda: self.session.save_budget_line(before),
        )
