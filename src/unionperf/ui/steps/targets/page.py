"""Step 3, performance targets (绩效目标, product.md §2): goals and the indicator tree per owner.

On the left, the owners: the unit as a whole first, then every project, with a filter box (a
unit may hold 200 projects). On the right, the selected owner's annual and mid-term goals (saved
when the box loses focus) and its indicators as a tree, level 1 → level 2 → level 3, with the
points summed per category and the level-1 sums checked against the weights as the user types.
Indicators are added under the selected level-2 category, picked from the indicator library,
deleted, or copied from last year; every change goes through the session and can be undone.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.budget import UNIT_OWNER, TargetSet
from unionperf.domain.cycle import Step
from unionperf.domain.indicators import Indicator
from unionperf.domain.problems import Location
from unionperf.domain.year import YearData
from unionperf.services.common.indicator_library import IndicatorLibrary
from unionperf.services.common.workspace import new_uid
from unionperf.ui.steps.base import StepPage
from unionperf.ui.steps.targets.assessment import ASSESSMENT_ITEM, AssessmentBar
from unionperf.ui.steps.targets.copy_dialog import copy_from_last_year
from unionperf.ui.steps.targets.deleted_indicator import (
    neighbour_of,
    restore_indicator,
    snapshot_indicator,
)
from unionperf.ui.steps.targets.goals import GoalEdit, write_goal
from unionperf.ui.steps.targets.indicator_edits import default_operator, fresh_name, refusal_text
from unionperf.ui.steps.targets.library_dialog import pick_from_library
from unionperf.ui.steps.targets.owner_list import (
    OwnerFilterProxy,
    OwnerModel,
    OwnerRow,
    owner_filter,
    owner_rows,
    owner_table,
)
from unionperf.ui.steps.targets.tree_model import TargetTreeModel
from unionperf.ui.steps.targets.tree_nodes import FIELD_COLUMNS, NodeKind, TreeColumn
from unionperf.ui.steps.targets.tree_view import indicator_tree, sums_text
from unionperf.ui.widgets.multi_year import CycleStrip
from unionperf.ui.widgets.refusal import tell
from unionperf.ui.widgets.signoff_panel import SignoffPanel
from unionperf.ui.year_session import Area, YearSession

__all__ = ["TargetsStep"]


class TargetsStep(StepPage):
    """Goals and indicators of the unit and of every project."""

    step = Step.TARGETS
    areas = frozenset({Area.TARGETS, Area.PROJECTS, Area.SIGNOFFS})

    def __init__(self, session: YearSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._owner = UNIT_OWNER
        self._bulk = False
        self.library: IndicatorLibrary | None = None
        """The indicator library, read when first needed."""
        self._build_owner_list()
        self._build_goals()
        self.assessment = AssessmentBar(session, self)
        self.add_button = self._button(self.tr("Add indicator"), "addIndicator")
        self.add_button.clicked.connect(self.add_indicator)
        self.library_button = self._button(self.tr("Pick from library…"), "pickFromLibrary")
        self.library_button.clicked.connect(self.pick_from_library)
        self.delete_button = self._button(self.tr("Delete indicator"), "deleteIndicator")
        self.delete_button.clicked.connect(self.delete_indicator)
        self.copy_button = self._button(self.tr("Copy from last year…"), "copyFromLastYear")
        self.copy_button.clicked.connect(self.copy_from_last_year)
        self.cycle = CycleStrip(session)  # a multi-year project's period and totals
        self.message = QLabel()
        self.message.setObjectName("targetsMessage")
        # A long message is cut at the edge (its tooltip has it all), never widens the page.
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._build_tree()
        self.session.problems_changed.connect(self._problems_changed)
        self.sums = QLabel()
        self.sums.setObjectName("pointSums")
        self.sums.setTextFormat(Qt.TextFormat.RichText)
        self.sums.setWordWrap(True)
        self.signoff = SignoffPanel(session, "targets")
        self.signoff.setObjectName("targetsSignoff")
        self._lay_out()
        self._update_buttons()

    # -- building ------------------------------------------------------------------------------

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        return button

    def _build_owner_list(self) -> None:
        self.filter = owner_filter()
        self.owner_model = OwnerModel(self)
        self.owner_proxy = OwnerFilterProxy(self.owner_model, self)
        self.filter.textChanged.connect(self.owner_proxy.setFilterFixedString)
        self.owners = owner_table(self.owner_proxy, self.fontMetrics().horizontalAdvance("中"))
        self.owners.selectionModel().currentRowChanged.connect(self._owner_picked)

    def _build_goals(self) -> None:
        self.owner_title = QLabel()
        self.owner_title.setObjectName("ownerTitle")
        title_font = self.owner_title.font()
        title_font.setBold(True)
        self.owner_title.setFont(title_font)
        self.annual_goal = GoalEdit()
        self.annual_goal.setObjectName("annualGoal")
        self.annual_goal.setPlaceholderText(
            self.tr("What the project (or the unit) is to achieve this year: goal 1, goal 2 …")
        )
        self.annual_goal.committed.connect(lambda text: self._save_goal("annual_goal", text))
        self.midterm_goal = GoalEdit()
        self.midterm_goal.setObjectName("midtermGoal")
        self.midterm_goal.setPlaceholderText(
            self.tr("For a multi-year project or plan: the goal over its whole period")
        )
        self.midterm_goal.committed.connect(lambda text: self._save_goal("midterm_goal", text))
        for edit in (self.annual_goal, self.midterm_goal):
            edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)

    def _build_tree(self) -> None:
        self.tree_model = TargetTreeModel(
            self._commit_indicator,
            self,
            lambda indicator, column, text: tell(self.tree, refusal_text(indicator, column, text)),
        )
        self.tree = indicator_tree(self.tree_model, self.fontMetrics().horizontalAdvance("中"))
        self.tree.selectionModel().currentChanged.connect(self._update_buttons)
        self.tree_model.modelReset.connect(self._tree_reset)
        delete = QAction(self.tr("Delete indicator"), self.tree)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_indicator)
        self.tree.addAction(delete)

    # -- layout --------------------------------------------------------------------------------

    def _lay_out(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.owners, 1)
        left_layout.addWidget(self.signoff)

        goals = QHBoxLayout()
        for label, edit in (
            (self.tr("Annual goal"), self.annual_goal),
            (self.tr("Mid-term goal"), self.midterm_goal),
        ):
            column = QVBoxLayout()
            column.setSpacing(2)
            caption = QLabel(label)
            caption.setBuddy(edit)
            column.addWidget(caption)
            column.addWidget(edit)
            goals.addLayout(column, 1)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.library_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addSpacing(12)
        buttons.addWidget(self.copy_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.message, 1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(4)
        for widget in (self.owner_title, self.assessment, self.cycle):
            right_layout.addWidget(widget)
        right_layout.addLayout(goals)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.tree, 1)
        right_layout.addWidget(self.sums)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        em = self.fontMetrics().horizontalAdvance("中")
        splitter.setSizes([max(em * 24, self.signoff.sizeHint().width()), em * 60])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # -- loading -------------------------------------------------------------------------------

    def load(self) -> None:
        """Fill the owner list and show the selected owner's goals and indicators."""
        self.say("")  # a message of another year
        self._refresh()
        self.signoff.catch_up()

    def changed(self, area: str) -> None:
        """Refresh what an edit touched: the owner list and the selected owner, or sign-offs."""
        if area == Area.SIGNOFFS:
            self.signoff.refresh()
            return
        if not self._bulk:
            self._refresh()

    def _refresh(self) -> None:
        data = self.session.data
        if data is None or data.targets_of(self._owner) is None:
            self._owner = UNIT_OWNER
        self.owner_model.update_rows(self._owner_rows())
        current = self.owner_proxy.uid_at(self.owners.currentIndex())
        if self.owner_model.rows() and current != self._owner:
            self._select_owner_row(self._owner)
        self._show_owner(self._owner)

    def _owner_rows(self) -> list[OwnerRow]:
        return owner_rows(self.session.data, self.session.problems)

    def _problems_changed(self) -> None:
        if self.session.data is not None and self.owner_model.rows():
            self.owner_model.update_rows(self._owner_rows())

    @property
    def owner_uid(self) -> str:
        """The owner shown: ``UNIT_OWNER`` or a project's uid."""
        return self._owner

    def targets(self) -> TargetSet | None:
        """The selected owner's targets (``None`` when no year is open)."""
        data = self.session.data
        return data.targets_of(self._owner) if data is not None else None

    def _show_owner(self, owner_uid: str) -> None:
        data = self.session.data
        if data is None or data.targets_of(owner_uid) is None:
            owner_uid = UNIT_OWNER
        if owner_uid != self._owner:
            self.say("")  # said of the owner shown before
        self._owner = owner_uid
        targets = self.targets()
        self.tree_model.set_targets(data, targets)
        self.annual_goal.show_saved(targets.annual_goal if targets else "")
        self.midterm_goal.show_saved(targets.midterm_goal if targets else "")
        for widget in (self.annual_goal, self.midterm_goal, self.tree):
            widget.setEnabled(targets is not None)
        self.owner_title.setText(self._owner_title(data))
        self.assessment.show_owner(owner_uid)
        self.cycle.show_project(owner_uid)
        self._show_sums()
        self._update_buttons()

    def _owner_title(self, data: YearData | None) -> str:
        if data is None:
            return self.tr("Open or create a year first (File › New year…)")
        if self._owner == UNIT_OWNER:
            return self.tr("Unit as a whole: annual goal and indicators")
        project = data.project(self._owner)
        name = project.name if project else ""
        return self.tr("Project “{name}”: goals and indicators").format(name=name)

    def _show_sums(self) -> None:
        if self.session.data is None:
            self.sums.setText("")
            return
        if not self.tree_model.indicators():
            self.sums.setText(
                self.tr(
                    "No indicators yet: select a level-2 category and add one, pick some from"
                    " the library, or copy last year's."
                )
            )
            return
        self.sums.setText(sums_text(self.tree_model.level_sums()))

    def _tree_reset(self) -> None:
        self.tree.expandAll()
        first = self.tree_model.index(0, 0)
        if first.isValid():
            self.tree.setCurrentIndex(self.tree_model.index(0, 0, first))

    # -- owner selection -----------------------------------------------------------------------

    def _owner_picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        uid = self.owner_proxy.uid_at(current)
        if uid is not None and uid != self._owner:
            self._commit_goals()
            self._show_owner(uid)

    def select_owner(self, owner_uid: str) -> None:
        """Select an owner in the list (clearing the filter if it hides it) and show it."""
        self._commit_goals()
        if not self._select_owner_row(owner_uid):
            self.filter.clear()
            self._select_owner_row(owner_uid)
        self._show_owner(owner_uid)

    def _select_owner_row(self, owner_uid: str) -> bool:
        proxy = self.owner_proxy.index_of(owner_uid)
        if not proxy.isValid():
            return False
        self.owners.selectionModel().setCurrentIndex(
            proxy,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.owners.scrollTo(proxy)
        return True

    # -- goals ---------------------------------------------------------------------------------

    def _commit_goals(self) -> None:
        for edit in (self.annual_goal, self.midterm_goal):
            edit.commit()

    def _save_goal(self, field: str, text: str) -> None:
        targets = self.targets()
        if targets is None:
            return
        owner = self._owner
        old = str(getattr(targets, field))
        if text == old:
            return
        annual = field == "annual_goal"
        label = self.tr("Change the annual goal") if annual else self.tr("Change the mid-term goal")
        saved = self.session.change(
            label,
            lambda: write_goal(self.session, owner, field, text),
            lambda: write_goal(self.session, owner, field, old),
        )
        if not saved and owner == self._owner:
            edit = self.annual_goal if field == "annual_goal" else self.midterm_goal
            edit.show_saved(old)

    # -- indicators ----------------------------------------------------------------------------

    def _commit_indicator(self, old: Indicator, new: Indicator) -> bool:
        owner = self._owner
        return self.session.change(
            self.tr("Change indicator “{name}”").format(name=new.name or old.name),
            lambda: self.session.save_indicator(owner, new),
            lambda: self.session.save_indicator(owner, old),
        )

    def selected_category(self) -> tuple[str, str] | None:
        """The (level 1, level 2) category selected in the tree, if the framework has it."""
        index = self.tree.currentIndex()
        place = self.tree_model.category_at(index)
        if place is None or not self.tree_model.category_known(*place):
            return None
        return place

    def _update_buttons(self, *_args: object) -> None:
        has_data = self.session.data is not None
        place = self.selected_category() if has_data else None
        is_indicator = self.tree_model.node_kind(self.tree.currentIndex()) is NodeKind.INDICATOR
        self.add_button.setEnabled(place is not None)
        self.library_button.setEnabled(place is not None)
        self.delete_button.setEnabled(has_data and is_indicator)
        self.copy_button.setEnabled(has_data)
        hint = self.tr("Select a level-2 category (e.g. 数量指标) to add an indicator under it")
        self.add_button.setToolTip("" if place else hint)
        self.library_button.setToolTip("" if place else hint)

    def add_indicator(self) -> None:
        """Add an empty indicator under the selected level-2 category and start naming it."""
        place = self.selected_category()
        if place is None:
            return
        level1, level2 = place
        indicator = Indicator(
            uid=new_uid(),
            level1=level1,
            level2=level2,
            name=fresh_name(self.targets(), self.tr("New indicator")),
            operator=default_operator(level1, level2),
        )
        if self.add_indicators([indicator], self.tr("Add indicator “{name}”")):
            index = self.tree_model.indicator_index(indicator.uid, TreeColumn.NAME)
            self.tree.setCurrentIndex(index)
            self.tree.edit(index)
            self.say(self.tr("Indicator added: type its name, target value, unit and points"))

    def add_indicators(self, indicators: list[Indicator], text: str) -> int:
        """Add indicators at the end of the owner's list, one undo step for all; the count.

        ``text`` names the undo step; it may hold ``{name}`` (one indicator) or ``{count}``.
        """
        owner = self._owner
        macro = len(indicators) > 1
        added = 0
        with (
            self.bulk_edit(text.format(count=len(indicators), name="")) if macro else nullcontext()
        ):
            for indicator in indicators:
                one = self.tr("Add indicator “{name}”") if macro else text
                if not self.add_one(owner, indicator, one.format(name=indicator.name, count=1)):
                    break
                added += 1
        return added

    @contextmanager
    def bulk_edit(self, text: str) -> Iterator[None]:
        """One undo step ``text`` for the edits made inside; the page refreshes once, after."""
        self.session.undo_stack.beginMacro(text)
        self._bulk = True
        try:
            yield
        finally:
            self.session.undo_stack.endMacro()
            self._bulk = False
            self.changed(Area.TARGETS)

    def add_one(self, owner: str, indicator: Indicator, text: str) -> bool:
        """Add one indicator to an owner as an undo step named ``text``; whether it was saved."""
        return self.session.change(
            text,
            lambda: self.session.save_indicator(owner, indicator),
            lambda: self.session.delete_indicator(owner, indicator.uid),
        )

    def pick_from_library(self) -> None:
        """Show the library's indicators for the selected level-2 category; add those picked."""
        pick_from_library(self)

    def delete_indicator(self) -> None:
        """Delete the selected indicator; undo puts it back where it was, with its results."""
        data = self.session.data
        indicator = self.tree_model.indicator_at(self.tree.currentIndex())
        targets = self.targets()
        if data is None or indicator is None or targets is None:
            return
        owner = self._owner
        deleted = snapshot_indicator(data, targets, owner, indicator)
        neighbour = neighbour_of(self.tree_model, indicator)
        saved = self.session.change(
            self.tr("Delete indicator “{name}”").format(name=indicator.name),
            lambda: self.session.delete_indicator(owner, indicator.uid),
            lambda: restore_indicator(self.session, deleted),
        )
        if saved:
            self.tree.setCurrentIndex(neighbour())
            self.say(self.tr("Indicator deleted (Ctrl+Z puts it back)"))

    def copy_from_last_year(self) -> None:
        """Copy the indicators of last year's matching owner (one undo step for all)."""
        copy_from_last_year(self)

    def say(self, text: str) -> None:
        """Show a short message beside the buttons (its tooltip holds it all)."""
        self.message.setText(text)
        self.message.setToolTip(text)

    # -- problems ------------------------------------------------------------------------------

    def show_location(self, location: Location) -> None:
        """Select the owner, then the goal, the indicator cell or the level-1 row named."""
        if self.session.data is None:
            return
        if location.owner_uid:
            self.select_owner(location.owner_uid)
        if location.item_uid == ASSESSMENT_ITEM:
            self.assessment.button.setFocus()
            return
        if location.field == "annual_goal":
            self.annual_goal.setFocus()
            return
        if location.field == "midterm_goal":
            self.midterm_goal.setFocus()
            return
        column = FIELD_COLUMNS.get(location.field, TreeColumn.NAME)
        index = QModelIndex()
        if location.item_uid:
            index = self.tree_model.indicator_index(location.item_uid, column)
            if not index.isValid():
                index = self.tree_model.level1_index(location.item_uid, column)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        self.tree.setFocus()
