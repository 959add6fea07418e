"""A multi-year project's whole period (全周期跟踪): the years side by side and 清理退出.

The panel shows the period and the year's place in it, 中期资金总额, 中期目标 and 中期 indicators,
then one row per year held: the year's budget and execution, the running totals and the year's
score. Under it, the 清理退出 flag with its reason, saved through the session (undoable) when
the box is ticked or the reason is left. The self-evaluation step shows it as a tab; the targets
step opens it in a dialog (:func:`show_cycle_dialog`).
"""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionperf.services.views.multi_year_view import CycleView, cycle_view
from unionperf.ui.widgets.formatting import amount, percent
from unionperf.ui.year_session import YearSession

__all__ = [
    "CycleStrip",
    "MultiYearPanel",
    "cycle_dialog",
    "cycle_line",
    "save_clear_out",
    "show_cycle_dialog",
]

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def cycle_line(view: CycleView) -> str:
    """One line for a step's header: period, year of it, 中期资金 and the totals so far."""
    parts = [
        QCoreApplication.translate(
            "MultiYearPanel", "Multi-year project {period} ({stage})"
        ).format(period=view.period_text, stage=view.stage_text or "—")
    ]
    if view.midterm_budget:
        parts.append(
            QCoreApplication.translate("MultiYearPanel", "mid-term funds {amount} yuan").format(
                amount=amount(view.midterm_budget)
            )
        )
    parts.append(
        QCoreApplication.translate(
            "MultiYearPanel", "cumulative budget {budget}, executed {executed}"
        ).format(budget=amount(view.cumulative_budget), executed=amount(view.cumulative_executed))
    )
    if view.clear_out:
        parts.append(QCoreApplication.translate("MultiYearPanel", "proposed for clear-out"))
    return " · ".join(parts)


class MultiYearPanel(QWidget):
    """The whole period of one project, with its 清理退出 flag (see the module)."""

    clear_out_changed = Signal(str, bool, str)
    """(project uid, flag, reason): the user changed the 清理退出 flag or its reason."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._uid = ""
        self.summary = QLabel()
        self.summary.setObjectName("cycleSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        titles = [
            self.tr("Year"),
            self.tr("Full-year budget"),
            self.tr("Executed"),
            self.tr("Cumulative budget"),
            self.tr("Cumulative executed"),
            self.tr("Cumulative rate"),
            self.tr("Score"),
            self.tr("Grade"),
        ]
        self.table = QTableWidget(0, len(titles))
        self.table.setObjectName("cycleTable")
        self.table.setHorizontalHeaderLabels(titles)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.missing = QLabel()
        self.missing.setObjectName("cycleMissing")
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("color: #a15c00;")
        self.clear_out = QCheckBox(self.tr("Propose to clear this project out (清理退出)"))
        self.clear_out.setObjectName("clearOut")
        self.clear_out.toggled.connect(self._flag_toggled)
        self.reason = QLineEdit()
        self.reason.setObjectName("clearOutReason")
        self.reason.setPlaceholderText(
            self.tr("Why: what the evaluation showed, and what happens to the project's funds")
        )
        self.reason.editingFinished.connect(self._reason_left)
        hint = QLabel(
            self.tr(
                "A project running over more than one year is tracked over its whole period; one"
                " that performs poorly is to be cleared out in time (ACFTU opinions §2.3). The"
                " upper level sees the flag and the reason when it reviews this year; a new year"
                " copied from this one leaves the project out."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.missing)
        layout.addWidget(self.clear_out)
        layout.addWidget(self.reason)
        layout.addWidget(hint)

    def show_cycle(self, view: CycleView | None) -> None:
        """Show a project's period (or nothing, for ``None``)."""
        self._uid = view.project_uid if view else ""
        blockers = (QSignalBlocker(self.clear_out), QSignalBlocker(self.reason))
        self.clear_out.setChecked(bool(view and view.clear_out))
        self.reason.setText(view.clear_out_reason if view else "")
        del blockers
        self.clear_out.setEnabled(view is not None)
        self.reason.setEnabled(view is not None)
        if view is None:
            self.summary.setText(self.tr("Not a multi-year project."))
            self.table.setRowCount(0)
            self.missing.clear()
            return
        self.summary.setText(self._summary_html(view))
        self.table.setRowCount(len(view.rows))
        for number, row in enumerate(view.rows):
            cells = (
                self.tr("{year} (this year)").format(year=row.year)
                if row.current
                else str(row.year),
                amount(row.budget),
                amount(row.executed),
                amount(row.cumulative_budget),
                amount(row.cumulative_executed),
                percent(row.cumulative_rate) or "—",
                f"{row.score:.2f}" if row.score is not None else "—",
                row.grade + (self.tr(" · clear-out") if row.clear_out else "") or "—",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 0 < column < len(cells) - 1:
                    item.setTextAlignment(_RIGHT)
                if row.current:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(number, column, item)
        self.table.resizeRowsToContents()
        self.missing.setText(
            self.tr(
                "Not in this workspace: {years}. Their figures are not counted in the totals."
            ).format(years="、".join(map(str, view.missing_years)))
            if view.missing_years
            else ""
        )
        self.missing.setVisible(bool(view.missing_years))

    def _summary_html(self, view: CycleView) -> str:
        lines = [
            "<b>"
            + html.escape(
                self.tr("{name}: {period}, {stage}").format(
                    name=view.name, period=view.period_text, stage=view.stage_text or "—"
                )
            )
            + "</b>"
        ]
        funds = self.tr("Mid-term funds {midterm} yuan; cumulative budget {budget} yuan").format(
            midterm=amount(view.midterm_budget) if view.midterm_budget else "—",
            budget=amount(view.cumulative_budget),
        )
        if view.midterm_share is not None:
            funds += self.tr(" ({share} of the mid-term funds, {remaining} yuan left)").format(
                share=percent(view.midterm_share), remaining=amount(view.midterm_remaining)
            )
        lines.append(html.escape(funds))
        if view.midterm_goal:
            lines.append(
                html.escape(self.tr("Mid-term goal: {goal}").format(goal=view.midterm_goal))
            )
        if view.midterm_indicators:
            shown = "；".join(f"{name} {target}" for name, target in view.midterm_indicators)
            lines.append(
                html.escape(self.tr("Mid-term indicators: {indicators}").format(indicators=shown))
            )
        return "<br>".join(lines)

    def _flag_toggled(self, checked: bool) -> None:
        if self._uid:
            self.clear_out_changed.emit(self._uid, checked, self.reason.text().strip())

    def _reason_left(self) -> None:
        if self._uid and self.reason.isModified():
            self.reason.setModified(False)
            self.clear_out_changed.emit(
                self._uid, self.clear_out.isChecked(), self.reason.text().strip()
            )


def save_clear_out(session: YearSession, uid: str, flag: bool, reason: str) -> bool:
    """Save a project's 清理退出 flag and reason through the session (undoable)."""
    data = session.data
    project = data.project(uid) if data is not None else None
    if project is None or (project.clear_out, project.clear_out_reason) == (flag, reason):
        return False
    new = replace(project, clear_out=flag, clear_out_reason=reason)
    return session.change(
        QCoreApplication.translate("MultiYearPanel", "Clear-out of “{name}”").format(
            name=project.name
        ),
        lambda: session.save_project(new),
        lambda: session.save_project(project),
    )


def show_cycle_dialog(session: YearSession, uid: str, parent: QWidget) -> None:
    """The whole period of a project in a dialog (the targets step's “Whole period…”)."""
    dialog = cycle_dialog(session, uid, parent)
    if dialog is not None:
        dialog.exec()


def cycle_dialog(session: YearSession, uid: str, parent: QWidget) -> QDialog | None:
    """The dialog of :func:`show_cycle_dialog`, not yet shown (``None``: not multi-year)."""
    data = session.data
    view = cycle_view(data, uid) if data is not None else None
    if view is None:
        return None
    dialog = QDialog(parent)
    dialog.setObjectName("cycleDialog")
    dialog.setWindowTitle(
        QCoreApplication.translate("MultiYearPanel", "Whole period of {name}").format(
            name=view.name
        )
    )
    panel = MultiYearPanel(dialog)
    panel.show_cycle(view)

    def changed(project_uid: str, flag: bool, reason: str) -> None:
        save_clear_out(session, project_uid, flag, reason)
        held = session.data
        panel.show_cycle(cycle_view(held, project_uid) if held is not None else None)

    panel.clear_out_changed.connect(changed)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(panel, 1)
    layout.addWidget(buttons)
    em = dialog.fontMetrics().horizontalAdvance("中")
    dialog.resize(em * 70, em * 36)
    return dialog


class CycleStrip(QWidget):
    """One line under a step's title for a multi-year project, with “Whole period…”."""

    def __init__(self, session: YearSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._uid = ""
        self.line = QLabel()
        self.line.setObjectName("cycleLine")
        # A long line is cut at the edge (its tooltip has it all), never widens the page.
        self.line.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.button = QPushButton(self.tr("Whole period…"))
        self.button.setObjectName("cycleButton")
        self.button.clicked.connect(lambda: show_cycle_dialog(self.session, self._uid, self))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(self.button)
        self.hide()

    def show_project(self, uid: str) -> None:
        """Show the line of that project, or hide the strip when it is not multi-year."""
        data = self.session.data
        view = cycle_view(data, uid) if data is not None and uid else None
        self._uid = view.project_uid if view else ""
        text = cycle_line(view) if view else ""
        self.line.setText(text)
        self.line.setToolTip(text)
        self.setVisible(view is not None)
