"""The funds table of the monitoring step: each owner's execution at a monitoring point.

The rows come from :mod:`unionperf.services.views.monitoring_view` (rates, time progress,
warnings are computed there); an edited cell builds the updated entry and commits it through
:class:`~unionperf.ui.steps.monitoring.edits.MonitoringEdits`. Strings keep their translation
context (``MonitoringModels``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QObject

from unionperf.domain.monitoring import MonitoringEntry, Suspension
from unionperf.services.views.monitoring_view import OwnerLine
from unionperf.ui.steps.monitoring.edits import MonitoringEdits
from unionperf.ui.steps.monitoring.labels import (
    LAG_COLOUR,
    LIGHT_COLOURS,
    light_text,
    likelihood_text,
    not_given,
    suspension_text,
)
from unionperf.ui.widgets.formatting import amount, parse_amount, percent, plain
from unionperf.ui.widgets.table_model import Column, Kind, RowTableModel

__all__ = [
    "OWNER_FIELDS",
    "OwnerColumn",
    "OwnerModel",
    "owner_columns",
    "owner_name",
]


class OwnerColumn:
    """Column numbers of the owners' table (for selecting a problem's field)."""

    NAME = 0
    BUDGET = 1
    EXECUTED = 2
    RATE = 3
    TIME = 4
    DEVIATION = 5
    LIGHT = 6
    FORECAST = 7
    LIKELIHOOD = 8
    SUSPENSION = 9
    LAG_REASON = 10
    MEASURE = 11
    PROGRESS_TEXT = 12


OWNER_FIELDS = {
    "executed": OwnerColumn.EXECUTED,
    "forecast": OwnerColumn.FORECAST,
    "suspension": OwnerColumn.SUSPENSION,
    "lag_reason": OwnerColumn.LAG_REASON,
    "measure": OwnerColumn.MEASURE,
    "progress_text": OwnerColumn.PROGRESS_TEXT,
}
"""The owners' table column of each field a problem may name."""


def owner_name(line: OwnerLine) -> str:
    """The project's name, or 单位整体 for the unit as a whole."""
    if line.is_unit:
        return QCoreApplication.translate("MonitoringModels", "Unit as a whole")
    return line.name


def _deviation(line: OwnerLine) -> str:
    if line.gap is None:
        return ""
    if line.lags:
        return QCoreApplication.translate("MonitoringModels", "Behind by {points} pts").format(
            points=plain(line.gap)
        )
    return QCoreApplication.translate("MonitoringModels", "Normal")


def _deviation_tip(line: OwnerLine) -> str:
    if line.rate is None:
        return QCoreApplication.translate(
            "MonitoringModels", "Enter the executed amount to compare it with time progress."
        )
    return QCoreApplication.translate(
        "MonitoringModels",
        "Execution rate {rate} against time progress {progress}: "
        "flagged when more than the set number of points behind.",
    ).format(rate=percent(line.rate), progress=percent(line.time_progress))


def _text_edit(
    edits: MonitoringEdits, undo: str, change: Callable[[MonitoringEntry, str], MonitoringEntry]
) -> Callable[[OwnerLine, object], bool]:
    def edit(line: OwnerLine, value: object) -> bool:
        text = str(value or "").strip()
        return edits.entry(
            undo, line.entry.point_uid, line.owner_uid, lambda entry: change(entry, text)
        )

    return edit


def _money_edit(
    edits: MonitoringEdits,
    undo: str,
    change: Callable[[MonitoringEntry, Decimal | None], MonitoringEntry],
) -> Callable[[OwnerLine, object], bool]:
    def edit(line: OwnerLine, value: object) -> bool:
        typed = str(value or "").strip()
        parsed = parse_amount(typed)
        if typed and (parsed is None or not parsed.is_finite()):
            return False
        return edits.entry(
            undo,
            line.entry.point_uid,
            line.owner_uid,
            lambda entry: change(entry, parsed),
        )

    return edit


def _suspension_edit(edits: MonitoringEdits) -> Callable[[OwnerLine, object], bool]:
    def edit(line: OwnerLine, value: object) -> bool:
        known = {item.value for item in Suspension}
        chosen = Suspension(value) if value in known else Suspension.NONE
        return edits.entry(
            QCoreApplication.translate("MonitoringModels", "Change suspend/stop flag"),
            line.entry.point_uid,
            line.owner_uid,
            lambda entry: replace(entry, suspension=chosen),
        )

    return edit


def owner_columns(edits: MonitoringEdits) -> list[Column[OwnerLine]]:
    """Project, budget, executed, rate, time progress, deviation, light, forecast and texts."""
    suspensions = [Suspension.SUSPEND.value, Suspension.STOP.value]
    return [
        Column(
            QCoreApplication.translate("MonitoringModels", "Project"),
            owner_name,
            tooltip=owner_name,
            width_chars=14,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Full-year budget"),
            lambda line: amount(line.budget),
            kind=Kind.MONEY,
            width_chars=7,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Executed to date"),
            lambda line: amount(line.entry.executed),
            kind=Kind.MONEY,
            value=lambda line: plain(line.entry.executed),
            edit=_money_edit(
                edits,
                QCoreApplication.translate("MonitoringModels", "Edit executed amount"),
                lambda entry, value: replace(entry, executed=value),
            ),
            tooltip=lambda _line: QCoreApplication.translate(
                "MonitoringModels", "Cumulative amount spent from 1 January to the cut-off."
            ),
            width_chars=7,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Execution rate"),
            lambda line: percent(line.rate),
            kind=Kind.NUMBER,
            width_chars=4,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Time progress"),
            lambda line: percent(line.time_progress),
            kind=Kind.NUMBER,
            width_chars=5,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Deviation"),
            _deviation,
            colour=lambda line: LAG_COLOUR if line.lags else None,
            tooltip=_deviation_tip,
            width_chars=8,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Warning"),
            lambda line: light_text(line.light),
            kind=Kind.CHECK,
            colour=lambda line: LIGHT_COLOURS.get(line.light) if line.light else None,
            tooltip=lambda _line: QCoreApplication.translate(
                "MonitoringModels",
                "The most serious indicator warning; at least yellow while execution lags.",
            ),
            width_chars=3,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Full-year forecast"),
            lambda line: amount(line.entry.forecast),
            kind=Kind.MONEY,
            value=lambda line: plain(line.entry.forecast),
            edit=_money_edit(
                edits,
                QCoreApplication.translate("MonitoringModels", "Edit full-year forecast"),
                lambda entry, value: replace(entry, forecast=value),
            ),
            width_chars=7,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Likelihood"),
            lambda line: likelihood_text(line.likelihood),
            tooltip=lambda _line: QCoreApplication.translate(
                "MonitoringModels",
                "The least confident likelihood among the indicators "
                "(set it per indicator on the Indicators tab).",
            ),
            width_chars=6,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Suspend/stop"),
            lambda line: suspension_text(line.entry.suspension),
            kind=Kind.CHOICE,
            value=lambda line: line.entry.suspension.value,
            choices=lambda _line: [
                (Suspension.NONE.value, not_given()),
                *((value, suspension_text(Suspension(value))) for value in suspensions),
            ],
            edit=_suspension_edit(edits),
            tooltip=lambda _line: QCoreApplication.translate(
                "MonitoringModels", "Suspend or stop a project with serious problems."
            ),
            width_chars=5,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Reason for lag"),
            lambda line: line.entry.lag_reason,
            edit=_text_edit(
                edits,
                QCoreApplication.translate("MonitoringModels", "Edit reason for lag"),
                lambda entry, text: replace(entry, lag_reason=text),
            ),
            tooltip=lambda line: line.entry.lag_reason,
            width_chars=10,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Corrective measure"),
            lambda line: line.entry.measure,
            edit=_text_edit(
                edits,
                QCoreApplication.translate("MonitoringModels", "Edit corrective measure"),
                lambda entry, text: replace(entry, measure=text),
            ),
            tooltip=lambda line: line.entry.measure,
            width_chars=10,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Overall progress"),
            lambda line: line.entry.progress_text,
            edit=_text_edit(
                edits,
                QCoreApplication.translate("MonitoringModels", "Edit overall progress"),
                lambda entry, text: replace(entry, progress_text=text),
            ),
            tooltip=lambda line: line.entry.progress_text,
            width_chars=12,
        ),
    ]


class OwnerModel(RowTableModel[OwnerLine]):
    """Every filing project and the unit as a whole at one monitoring point."""

    def __init__(self, edits: MonitoringEdits, parent: QObject | None = None) -> None:
        super().__init__(owner_columns(edits), parent)

    def row_of(self, owner_uid: str) -> int:
        """The row showing that owner, or -1."""
        return next(
            (row for row, line in enumerate(self.rows()) if line.owner_uid == owner_uid), -1
        )
