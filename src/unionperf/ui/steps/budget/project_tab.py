"""The budget step's tab of projects and their funding sources: the tab and its editing.

Moved out of the budget step without a change of behaviour. Its strings keep the translation
contexts they had there (``BudgetStep`` for the tab, ``BudgetTable`` for the columns).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.budget import FundingLine, FundingSource, Project, ProjectAttribute
from unionperf.domain.funding import single_line_editable, with_amount, with_line_amount
from unionperf.domain.problems import Location
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.workspace import new_uid
from unionperf.ui.steps.budget.deleted_project import restore_project, snapshot_project
from unionperf.ui.steps.budget.project_models import (
    AMOUNT_FIELDS,
    FUNDING_FIELDS,
    PROJECT_FIELDS,
    FundingTableModel,
    ProjectTableModel,
    funding_columns,
    new_project,
    project_columns,
)
from unionperf.ui.steps.budget.tables import (
    fit_columns,
    make_table,
    select_cell,
    typed_amount,
)
from unionperf.ui.widgets.formatting import amount
from unionperf.ui.year_session import YearSession

__all__ = [
    "ProjectFundingTab",
    "confirm_delete",
]


# -- the tab -------------------------------------------------------------------------------------


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


class ProjectFundingTab(QWidget):
    """The projects, one per row, and the funding sources of the selected one.

    Every edit is saved at once through the session (undoable); the tables update in place.
    """

    def __init__(self, session: YearSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._project_uid = ""
        self._funding_uid: str | None = None
        self.project_model = ProjectTableModel([], self)
        self.project_table = make_table(self.project_model, "projectTable")
        self.funding_model = FundingTableModel(
            funding_columns(self._edit_funding, self._sources_for), self
        )
        self.funding_table = make_table(self.funding_model, "fundingTable")
        self.funding_title = QLabel()
        self.funding_title.setObjectName("fundingTitle")
        self.add_project_button = QPushButton(
            QCoreApplication.translate("BudgetStep", "Add project")
        )
        self.add_project_button.setObjectName("addProject")
        self.delete_project_button = QPushButton(
            QCoreApplication.translate("BudgetStep", "Delete project")
        )
        self.delete_project_button.setObjectName("deleteProject")
        self.add_source_button = QPushButton(QCoreApplication.translate("BudgetStep", "Add source"))
        self.add_source_button.setObjectName("addSource")
        self.remove_source_button = QPushButton(
            QCoreApplication.translate("BudgetStep", "Remove source")
        )
        self.remove_source_button.setObjectName("removeSource")
        self.add_project_button.clicked.connect(self.add_project)
        self.delete_project_button.clicked.connect(self.delete_project)
        self.add_source_button.clicked.connect(self.add_source)
        self.remove_source_button.clicked.connect(self.remove_source)
        self.project_table.selectionModel().currentRowChanged.connect(self._project_picked)
        self._lay_out()
        fit_columns(self.funding_table, self.funding_model.columns, 0)

    def _lay_out(self) -> None:
        hint = QLabel(
            QCoreApplication.translate(
                "BudgetStep",
                "Type a project's initial budget on its row, or per funding source in the table"
                " below; the full-year budget follows it until you type an adjustment.",
            )
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    # -- showing -------------------------------------------------------------------------------

    def load(self) -> None:
        """Fill both tables from the session's year."""
        data = self.session.data
        if data is None:
            self.project_model.set_rows([])
            self.funding_model.set_rows([])
            return
        self.project_model.columns = tuple(project_columns(data, self._edit_project))
        self.project_model.set_rows(data.projects)
        fit_columns(self.project_table, self.project_model.columns, 1)
        self._reselect_project()

    def changed(self) -> None:
        """The projects changed: update the rows in place, keeping the selected project."""
        data = self.session.data
        if data is None:
            self.load()
            return
        resets = len(data.projects) != self.project_model.rowCount()
        self.project_model.update_rows(data.projects)
        if resets:
            self._reselect_project()
        else:
            self._show_funding()

    def _reselect_project(self) -> None:
        uids = [project.uid for project in self.project_model.rows()]
        row = uids.index(self._project_uid) if self._project_uid in uids else 0
        if uids:
            select_cell(self.project_table, row, 1)
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
            self.funding_title.setText(
                QCoreApplication.translate("BudgetStep", "No project selected")
            )
        else:
            self.funding_title.setText(
                QCoreApplication.translate(
                    "BudgetStep", "Funding of “{name}” (full-year budget {total})"
                ).format(name=project.name, total=amount(project.full_year_budget))
            )
        self.delete_project_button.setEnabled(project is not None)
        self.add_source_button.setEnabled(
            project is not None and len(project.funding) < len(FundingSource)
        )
        self.remove_source_button.setEnabled(project is not None and bool(project.funding))

    def _project(self) -> Project | None:
        data = self.session.data
        return data.project(self._project_uid) if data is not None else None

    def show_location(self, location: Location) -> None:
        """Select the project cell, or the funding cell, a problem points at."""
        uids = [project.uid for project in self.project_model.rows()]
        if location.owner_uid not in uids:
            return
        field = location.field
        column = PROJECT_FIELDS.index(field) if field in PROJECT_FIELDS else 1
        select_cell(self.project_table, uids.index(location.owner_uid), column)
        sources = [line.source.value for line in self.funding_model.rows()]
        if location.item_uid in sources and field in FUNDING_FIELDS:
            row = sources.index(location.item_uid)
            select_cell(self.funding_table, row, FUNDING_FIELDS.index(field))
            self.funding_table.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.project_table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- editing projects ----------------------------------------------------------------------

    def _edit_project(self, project: Project, field: str, value: object) -> bool:
        if field in AMOUNT_FIELDS:
            return self._edit_total(project, AMOUNT_FIELDS[field], value)
        new: object
        if field in ("start", "end"):
            if not isinstance(value, date):
                return False
            new = value
        elif field == "attribute":
            new = ProjectAttribute(str(value))
        elif field == "midterm_budget":
            typed = typed_amount(self, value)
            if typed is None:
                return False
            new = typed
        else:
            new = str(value or "").strip()
        old = getattr(project, field)
        if new == old:
            return False
        uid = project.uid
        return self.session.change(
            QCoreApplication.translate("BudgetStep", "Edit the project “{name}”").format(
                name=project.name
            ),
            lambda: self._save_project(uid, field, new),
            lambda: self._save_project(uid, field, old),
        )

    def _save_project(self, uid: str, field: str, value: object) -> None:
        data = self.session.data
        project = data.project(uid) if data is not None else None
        if project is None:
            raise ServiceError(
                QCoreApplication.translate("BudgetStep", "The project no longer exists.")
            )
        changes: dict[str, Any] = {field: value}
        self.session.save_project(replace(project, **changes))

    def add_project(self) -> None:
        """Add a project with a default name and select it for editing (undoable)."""
        data = self.session.data
        if data is None:
            return
        names = {item.name for item in data.projects}
        number = len(data.projects) + 1
        while (
            QCoreApplication.translate("BudgetStep", "New project {number}").format(number=number)
            in names
        ):
            number += 1
        project = new_project(
            data,
            new_uid(),
            QCoreApplication.translate("BudgetStep", "New project {number}").format(number=number),
        )
        if self.session.change(
            QCoreApplication.translate("BudgetStep", "Add project"),
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
            QCoreApplication.translate("BudgetStep", "Delete the project “{name}”").format(
                name=project.name
            ),
            lambda: self.session.delete_project(project.uid),
            lambda: restore_project(self.session, deleted),
        )

    # -- editing funding -----------------------------------------------------------------------

    def _sources_for(self, line: FundingLine) -> list[FundingSource]:
        project = self._project()
        used = {item.source for item in project.funding} if project else set()
        return [item for item in FundingSource if item is line.source or item not in used]

    def _edit_total(self, project: Project, field: str, value: object) -> bool:
        """An amount typed on the project's row goes into its one funding line (or a new one)."""
        if not single_line_editable(project):
            return False
        typed = typed_amount(self, value)
        if typed is None:
            return False
        changed = with_amount(project, field, typed)
        if changed.funding == project.funding:
            return False
        return self._change_funding(project, changed.funding)

    def _edit_funding(self, line: FundingLine, field: str, value: object) -> bool:
        project = self._project()
        if project is None:
            return False
        if field == "source":
            changed = replace(line, source=FundingSource(str(value)))
        else:
            typed = typed_amount(self, value)
            if typed is None:
                return False
            changed = with_line_amount(line, field, typed)
        if changed == line:
            return False
        funding = tuple(changed if item.source is line.source else item for item in project.funding)
        return self._change_funding(project, funding)

    def _change_funding(self, project: Project, funding: tuple[FundingLine, ...]) -> bool:
        old, uid = project.funding, project.uid
        return self.session.change(
            QCoreApplication.translate("BudgetStep", "Edit the funding of “{name}”").format(
                name=project.name
            ),
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
            select_cell(self.funding_table, len(project.funding), 0)

    def remove_source(self) -> None:
        """Remove the selected funding source of the selected project."""
        project = self._project()
        row = self.funding_table.currentIndex().row()
        if project is None or not 0 <= row < len(project.funding):
            return
        kept = project.funding[:row] + project.funding[row + 1 :]
        self._change_funding(project, kept)
