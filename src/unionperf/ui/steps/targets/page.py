"""Step 3, performance targets (绩效目标, product.md §2): goals and the indicator tree per owner.

On the left, the owners: the unit as a whole first, then every project, with a filter box (a
unit may hold 200 projects). On the right, the selected owner's annual and mid-term goals (saved
when the box loses focus) and its indicators as a tree, level 1 → level 2 → level 3, with the
points summed per category and the level-1 sums checked against the weights as the user types.
Indicators are added under the selected level-2 category, picked from the indicator library,
deleted, or copied from last year; every change goes through the session and can be undone.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.budget import UNIT_OWNER, TargetSet
from unionperf.domain.cycle import Step
from unionperf.domain.indicators import Indicator
from unionperf.domain.monitoring import IndicatorProgress
from unionperf.domain.problems import Location
from unionperf.domain.year import YearData
from unionperf.services.errors import ServiceError
from unionperf.services.indicator_library import IndicatorLibrary, LibraryError, default_library
from unionperf.services.locks import StageLockedError, open_adjustment
from unionperf.services.workspace import new_uid
from unionperf.ui import messages
from unionperf.ui.steps.base import StepPage
from unionperf.ui.steps.targets.copy_dialog import ask_copy_source, copies_of
from unionperf.ui.steps.targets.library_dialog import pick_indicators
from unionperf.ui.steps.targets.owner_list import (
    GoalEdit,
    OwnerFilterProxy,
    OwnerModel,
    OwnerRow,
    owner_filter,
    owner_rows,
    owner_table,
)
from unionperf.ui.steps.targets.tree_model import (
    FIELD_COLUMNS,
    NodeKind,
    TargetTreeModel,
    TreeColumn,
    default_operator,
)
from unionperf.ui.widgets.delegates import ColumnDelegate
from unionperf.ui.widgets.formatting import plain
from unionperf.ui.widgets.signoff_panel import SignoffPanel
from unionperf.ui.year_session import Area, YearSession

__all__ = ["TargetsStep"]

OK_COLOUR = "#1e7a34"
BROKEN_COLOUR = "#c0392b"


class TargetsStep(StepPage):
    """Goals and indicators of the unit and of every project."""

    step = Step.TARGETS
    areas = frozenset({Area.TARGETS, Area.PROJECTS, Area.SIGNOFFS})

    def __init__(self, session: YearSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._owner = UNIT_OWNER
        self._bulk = False
        self._library: IndicatorLibrary | None = None
        self._build_owner_list()
        self._build_goals()
        self.add_button = self._button(self.tr("Add indicator"), "addIndicator")
        self.add_button.clicked.connect(self.add_indicator)
        self.library_button = self._button(self.tr("Pick from library…"), "pickFromLibrary")
        self.library_button.clicked.connect(self.pick_from_library)
        self.delete_button = self._button(self.tr("Delete indicator"), "deleteIndicator")
        self.delete_button.clicked.connect(self.delete_indicator)
        self.copy_button = self._button(self.tr("Copy from last year…"), "copyFromLastYear")
        self.copy_button.clicked.connect(self.copy_from_last_year)
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
        em = self.fontMetrics().horizontalAdvance("中")
        self.filter = owner_filter()
        self.owner_model = OwnerModel(self)
        self.owner_proxy = OwnerFilterProxy(self.owner_model, self)
        self.filter.textChanged.connect(self.owner_proxy.setFilterFixedString)
        self.owners = owner_table(self.owner_proxy, em)
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
        em = self.fontMetrics().horizontalAdvance("中")
        self.tree_model = TargetTreeModel(self._commit_indicator, self)
        self.tree = QTreeView()
        self.tree.setObjectName("indicatorTree")
        self.tree.setModel(self.tree_model)
        self.tree.setItemDelegate(ColumnDelegate(self.tree))
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.tree.setIndentation(em)
        widths = {
            TreeColumn.NAME: 15,
            TreeColumn.KIND: 3,
            TreeColumn.OPERATOR: 3,
            TreeColumn.TARGET: 6,
            TreeColumn.UNIT: 5,
            TreeColumn.POINTS: 3,
            TreeColumn.PERIOD: 3,
        }
        metrics = self.tree.header().fontMetrics()
        for column, chars in widths.items():
            title = str(self.tree_model.headerData(column, Qt.Orientation.Horizontal))
            width = max(em * chars, metrics.horizontalAdvance(title) + em)
            self.tree.setColumnWidth(column, width + em // 2)
        self.tree.header().setStretchLastSection(True)
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
        right_layout.addWidget(self.owner_title)
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
        self._refresh()
        self.signoff.refresh()

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

    def _targets(self) -> TargetSet | None:
        data = self.session.data
        return data.targets_of(self._owner) if data is not None else None

    def _show_owner(self, owner_uid: str) -> None:
        data = self.session.data
        if data is None or data.targets_of(owner_uid) is None:
            owner_uid = UNIT_OWNER
        self._owner = owner_uid
        targets = self._targets()
        self.tree_model.set_targets(data, targets)
        self.annual_goal.show_saved(targets.annual_goal if targets else "")
        self.midterm_goal.show_saved(targets.midterm_goal if targets else "")
        for widget in (self.annual_goal, self.midterm_goal, self.tree):
            widget.setEnabled(targets is not None)
        self.owner_title.setText(self._owner_title(data))
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
        parts = []
        for level in self.tree_model.level_sums():
            if level.expected is None:
                continue
            colour = BROKEN_COLOUR if level.problem else OK_COLOUR
            text = f"{level.level1} {plain(level.total)} / {plain(level.expected)}"
            parts.append(f'<span style="color:{colour}">{html.escape(text)}</span>')
        broken = any(level.problem for level in self.tree_model.level_sums())
        note = (
            self.tr("points must add up to the weights")
            if broken
            else self.tr("points match the weights")
        )
        self.sums.setText(
            self.tr("Points by level 1: {sums} ({note})").format(sums=" · ".join(parts), note=note)
        )

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
        targets = self._targets()
        if targets is None:
            return
        owner = self._owner
        old = str(getattr(targets, field))
        if text == old:
            return
        if field == "annual_goal":
            label = self.tr("Change the annual goal")
        else:
            label = self.tr("Change the mid-term goal")
        saved = self.session.change(
            label,
            lambda: self._write_goal(owner, field, text),
            lambda: self._write_goal(owner, field, old),
        )
        if not saved and owner == self._owner:
            edit = self.annual_goal if field == "annual_goal" else self.midterm_goal
            edit.show_saved(old)

    def _write_goal(self, owner: str, field: str, text: str) -> None:
        if owner == UNIT_OWNER:
            if field == "annual_goal":
                self.session.save_year_facts(unit_annual_goal=text)
            else:
                self.session.save_year_facts(unit_midterm_goal=text)
            return
        data = self.session.data
        project = data.project(owner) if data is not None else None
        if project is None:
            raise ServiceError("该项目已被删除，无法保存目标")
        if field == "annual_goal":
            targets = replace(project.targets, annual_goal=text)
        else:
            targets = replace(project.targets, midterm_goal=text)
        self.session.save_project(replace(project, targets=targets))

    # -- indicators ----------------------------------------------------------------------------

    def _commit_indicator(self, old: Indicator, new: Indicator) -> bool:
        owner = self._owner
        return self.session.change(
            self.tr("Change indicator “{name}”").format(name=new.name or old.name),
            lambda: self.session.save_indicator(owner, new),
            lambda: self.session.save_indicator(owner, old),
        )

    def _selected_category(self) -> tuple[str, str] | None:
        index = self.tree.currentIndex()
        place = self.tree_model.category_at(index)
        if place is None or not self.tree_model.category_known(*place):
            return None
        return place

    def _update_buttons(self, *_args: object) -> None:
        has_data = self.session.data is not None
        place = self._selected_category() if has_data else None
        is_indicator = self.tree_model.node_kind(self.tree.currentIndex()) is NodeKind.INDICATOR
        self.add_button.setEnabled(place is not None)
        self.library_button.setEnabled(place is not None)
        self.delete_button.setEnabled(has_data and is_indicator)
        self.copy_button.setEnabled(has_data)
        hint = self.tr("Select a level-2 category (e.g. 数量指标) to add an indicator under it")
        self.add_button.setToolTip("" if place else hint)
        self.library_button.setToolTip("" if place else hint)

    def _fresh_name(self) -> str:
        targets = self._targets()
        names = {item.name for item in targets.indicators} if targets else set()
        base = self.tr("New indicator")
        name, number = base, 1
        while name in names:
            number += 1
            name = f"{base}{number}"
        return name

    def add_indicator(self) -> None:
        """Add an empty indicator under the selected level-2 category and start naming it."""
        place = self._selected_category()
        if place is None:
            return
        level1, level2 = place
        indicator = Indicator(
            uid=new_uid(),
            level1=level1,
            level2=level2,
            name=self._fresh_name(),
            operator=default_operator(level1, level2),
        )
        if self._add([indicator], self.tr("Add indicator “{name}”")):
            index = self.tree_model.indicator_index(indicator.uid, TreeColumn.NAME)
            self.tree.setCurrentIndex(index)
            self.tree.edit(index)
            self._say(self.tr("Indicator added: type its name, target value, unit and points"))

    def _get_library(self) -> IndicatorLibrary | None:
        if self._library is None:
            try:
                self._library = default_library()
            except LibraryError as error:
                messages.show_error(self, self.tr("The indicator library cannot be read"), error)
                return None
        return self._library

    def pick_from_library(self) -> None:
        """Show the library's indicators for the selected level-2 category; add those picked."""
        place = self._selected_category()
        data = self.session.data
        library = self._get_library() if place is not None else None
        if place is None or data is None or library is None:
            return
        targets = self._targets()
        used = {item.name for item in targets.indicators} if targets else set()
        picked = pick_indicators(self, library, data, self._owner, place, used=used)
        if picked is None:
            return
        indicators, skipped = picked
        if not indicators:
            if skipped:
                self._say(self.tr("Those indicators are already in the targets"))
            return
        text = self.tr("Add {count} indicator(s) from the library")
        added = self._add(indicators, text)
        if added:
            last = indicators[added - 1]
            self.tree.setCurrentIndex(self.tree_model.indicator_index(last.uid, TreeColumn.TARGET))
            self._say(
                self.tr(
                    "Added {count} indicator(s): check the target values and set the points"
                ).format(count=added)
            )

    def _add(self, indicators: list[Indicator], text: str) -> int:
        """Add indicators at the end of the owner's list, one undo step for all; the count.

        ``text`` names the undo step; it may hold ``{name}`` (one indicator) or ``{count}``.
        """
        owner = self._owner
        stack = self.session.undo_stack
        macro = len(indicators) > 1
        added = 0
        if macro:
            stack.beginMacro(text.format(count=len(indicators), name=""))
            self._bulk = True
        try:
            for indicator in indicators:
                one = self.tr("Add indicator “{name}”") if macro else text
                if not self._add_one(owner, indicator, one.format(name=indicator.name, count=1)):
                    break
                added += 1
        finally:
            if macro:
                stack.endMacro()
                self._bulk = False
                self.changed(Area.TARGETS)
        return added

    def _add_one(self, owner: str, indicator: Indicator, text: str) -> bool:
        return self.session.change(
            text,
            lambda: self.session.save_indicator(owner, indicator),
            lambda: self.session.delete_indicator(owner, indicator.uid),
        )

    def delete_indicator(self) -> None:
        """Delete the selected indicator; undo puts it back where it was, with its results."""
        data = self.session.data
        indicator = self.tree_model.indicator_at(self.tree.currentIndex())
        targets = self._targets()
        if data is None or indicator is None or targets is None:
            return
        owner = self._owner
        position = next(i for i, item in enumerate(targets.indicators) if item.uid == indicator.uid)
        results = [
            result
            for result in data.evaluation_of(owner).results
            if result.indicator_uid == indicator.uid
        ]
        progress = [
            (entry.point_uid, index, item)
            for entry in data.monitoring
            if entry.owner_uid == owner
            for index, item in enumerate(entry.progress)
            if item.indicator_uid == indicator.uid
        ]
        neighbour = self._neighbour(indicator)

        def restore() -> None:
            self.session.save_indicator(owner, indicator, position)
            # Results and progress belong to other stages, each perhaps signed off on its own.
            for result in results:
                self._adjusting(partial(self.session.save_result, owner, result))
            for point_uid, index, item in progress:
                self._adjusting(partial(self._restore_progress, owner, point_uid, index, item))

        saved = self.session.change(
            self.tr("Delete indicator “{name}”").format(name=indicator.name),
            lambda: self.session.delete_indicator(owner, indicator.uid),
            restore,
        )
        if saved:
            self.tree.setCurrentIndex(neighbour())
            self._say(self.tr("Indicator deleted (Ctrl+Z puts it back)"))

    def _adjusting(self, call: Callable[[], None]) -> None:
        """Save, first opening an adjustment (asking its reason) if the stage is signed off."""
        try:
            call()
        except StageLockedError as locked:
            reason = self.session.adjustment_reason(locked)
            if not reason:
                raise
            open_adjustment(self.session.workspace, self.session.held_year(), locked.stage, reason)
            call()

    def _restore_progress(
        self, owner: str, point_uid: str, index: int, item: IndicatorProgress
    ) -> None:
        data = self.session.data
        entry = data.entry(point_uid, owner) if data is not None else None
        if entry is None:
            return
        held = [one for one in entry.progress if one.indicator_uid != item.indicator_uid]
        held.insert(min(index, len(held)), item)
        self.session.save_entry(replace(entry, progress=tuple(held)))

    def _neighbour(self, indicator: Indicator) -> Callable[[], QModelIndex]:
        """A function giving the row to select once ``indicator`` is gone."""
        siblings = [
            item.uid
            for item in self.tree_model.indicators()
            if (item.level1, item.level2) == (indicator.level1, indicator.level2)
        ]
        at = siblings.index(indicator.uid)
        others = siblings[at + 1 :] + siblings[:at][::-1]

        def pick() -> QModelIndex:
            for uid in others:
                index = self.tree_model.indicator_index(uid)
                if index.isValid():
                    return index
            return self.tree_model.level2_index(indicator.level1, indicator.level2)

        return pick

    def copy_from_last_year(self) -> None:
        """Copy the indicators of last year's matching owner (one undo step for all)."""
        data = self.session.data
        targets = self._targets()
        if data is None or targets is None:
            return
        try:
            previous = self.session.previous_year()
        except ServiceError as error:
            messages.show_error(self, self.tr("Last year cannot be read"), error)
            return
        if previous is None:
            self._say(
                self.tr("There is no {year} data in this workspace to copy from").format(
                    year=data.year - 1
                )
            )
            return
        picked = ask_copy_source(self, previous, data, self._owner)
        if picked is not None:
            self._copy(data, targets, *picked)

    def _copy(self, data: YearData, targets: TargetSet, source: TargetSet, label: str) -> None:
        copies = copies_of(data, targets, source)
        skipped = len(source.indicators) - len(copies)
        if not copies:
            self._say(
                self.tr(
                    "Nothing to copy: “{source}” has no indicators that are not here yet"
                ).format(source=label)
            )
            return
        owner = self._owner
        stack = self.session.undo_stack
        stack.beginMacro(
            self.tr("Copy {count} indicator(s) from “{source}”").format(
                count=len(copies), source=label
            )
        )
        self._bulk = True
        added = 0
        try:
            for field in ("annual_goal", "midterm_goal"):
                old, new = str(getattr(targets, field)), str(getattr(source, field))
                if not old.strip() and new.strip():
                    self.session.change(
                        self.tr("Copy the goal from last year"),
                        partial(self._write_goal, owner, field, new),
                        partial(self._write_goal, owner, field, old),
                    )
            for indicator in copies:
                text = self.tr("Add indicator “{name}”").format(name=indicator.name)
                if not self._add_one(owner, indicator, text):
                    break
                added += 1
        finally:
            stack.endMacro()
            self._bulk = False
            self.changed(Area.TARGETS)
        self._say(
            self.tr(
                "Copied {count} indicator(s) from “{source}”; {skipped} skipped (already"
                " here or not in this year's framework)"
            ).format(count=added, source=label, skipped=skipped)
        )

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setToolTip(text)

    # -- problems ------------------------------------------------------------------------------

    def show_location(self, location: Location) -> None:
        """Select the owner, then the goal, the indicator cell or the level-1 row named."""
        if self.session.data is None:
            return
        if location.owner_uid:
            self.select_owner(location.owner_uid)
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
