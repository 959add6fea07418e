"""The revenue-arrival table of the monitoring step: each revenue category at a point.

The rows are :func:`~unionperf.domain.arrival_lines.arrival_lines` (rates, time progress, lag and
shares are computed there); an edited cell builds the updated record and commits it through
:class:`~unionperf.ui.steps.monitoring.edits.MonitoringEdits`. Strings keep their translation
context (``MonitoringModels``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication, QObject

from unionperf.domain.arrival_lines import ArrivalLine
from unionperf.domain.money import ZERO
from unionperf.domain.revenue import RevenueArrival
from unionperf.ui.steps.monitoring.edits import MonitoringEdits
from unionperf.ui.steps.monitoring.labels import LAG_COLOUR
from unionperf.ui.widgets.formatting import amount, parse_amount, percent, plain, short_date
from unionperf.ui.widgets.table_model import Column, Kind, RowTableModel

__all__ = ["ARRIVAL_FIELDS", "ArrivalColumn", "ArrivalModel"]


class ArrivalColumn:
    """Column numbers of the arrival table (for selecting a problem's field)."""

    CATEGORY = 0
    BUDGET = 1
    AMOUNT = 2
    RATE = 3
    TIME = 4
    DEVIATION = 5
    BUDGET_SHARE = 6
    ARRIVED_SHARE = 7
    RECEIVED_ON = 8
    NOTE = 9


ARRIVAL_FIELDS = {
    "amount": ArrivalColumn.AMOUNT,
    "received_on": ArrivalColumn.RECEIVED_ON,
    "note": ArrivalColumn.NOTE,
}
"""The arrival table column of each field a problem may name."""


def _category(line: ArrivalLine) -> str:
    if line.watched:
        return QCoreApplication.translate("MonitoringModels", "{name} (watched)").format(
            name=line.name
        )
    return line.name


def _category_tip(line: ArrivalLine) -> str:
    if line.watched:
        return QCoreApplication.translate(
            "MonitoringModels",
            "Allocated funds and upper-level subsidies are watched: arriving more than the set "
            "number of points behind time progress is a warning to explain.",
        )
    return line.name


def _deviation(line: ArrivalLine) -> str:
    if line.gap is None or not line.entered:
        return ""
    if line.lags:
        return QCoreApplication.translate("MonitoringModels", "Behind by {points} pts").format(
            points=plain(line.gap)
        )
    if line.gap > 0:
        return QCoreApplication.translate("MonitoringModels", "{points} pts behind").format(
            points=plain(line.gap)
        )
    return QCoreApplication.translate("MonitoringModels", "On time")


def _edit(
    edits: MonitoringEdits,
    undo: str,
    change: Callable[[RevenueArrival, object], RevenueArrival | None],
) -> Callable[[ArrivalLine, object], bool]:
    """An edit of one cell: ``change`` returns the new record, or ``None`` to refuse the value."""

    def edit(line: ArrivalLine, value: object) -> bool:
        new = change(line.arrival, value)
        if new is None:
            return False
        return edits.arrival(undo, line, new)

    return edit


def _amount(arrival: RevenueArrival, value: object) -> RevenueArrival | None:
    typed = str(value or "").strip()
    parsed = parse_amount(typed) if typed else None
    if typed and (parsed is None or not parsed.is_finite()):
        return None
    return replace(arrival, amount=parsed if parsed is not None else ZERO)


def _received_on(arrival: RevenueArrival, value: object) -> RevenueArrival | None:
    if isinstance(value, date):
        return replace(arrival, received_on=value)
    if not str(value or "").strip():
        return replace(arrival, received_on=None)
    return None


def _note(arrival: RevenueArrival, value: object) -> RevenueArrival:
    return replace(arrival, note=str(value or "").strip())


def arrival_columns(edits: MonitoringEdits) -> list[Column[ArrivalLine]]:
    """Category, budget, arrived, rate, time, deviation, shares, date of arrival, reason."""
    return [
        Column(
            QCoreApplication.translate("MonitoringModels", "Revenue category"),
            _category,
            tooltip=_category_tip,
            width_chars=13,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Approved budget"),
            lambda line: amount(line.budget),
            kind=Kind.MONEY,
            width_chars=8,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Arrived to date"),
            lambda line: amount(line.amount) if line.entered else "",
            kind=Kind.MONEY,
            value=lambda line: plain(line.amount) if line.entered else "",
            edit=_edit(
                edits,
                QCoreApplication.translate("MonitoringModels", "Edit arrived amount"),
                _amount,
            ),
            tooltip=lambda _line: QCoreApplication.translate(
                "MonitoringModels",
                "Cumulative amount received from 1 January to the cut-off (yuan).",
            ),
            width_chars=8,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Arrival rate"),
            lambda line: percent(line.rate) if line.entered else "",
            kind=Kind.NUMBER,
            width_chars=5,
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
            tooltip=lambda line: (
                QCoreApplication.translate(
                    "MonitoringModels", "Arrival rate {rate} against time progress {progress}."
                ).format(rate=percent(line.rate), progress=percent(line.time_progress))
                if line.entered
                else ""
            ),
            width_chars=10,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Share of budget"),
            lambda line: percent(line.budget_share),
            kind=Kind.NUMBER,
            tooltip=lambda _line: QCoreApplication.translate(
                "MonitoringModels", "The category's share of the revenue budget."
            ),
            width_chars=6,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Share arrived"),
            lambda line: percent(line.arrived_share) if line.entered else "",
            kind=Kind.NUMBER,
            tooltip=lambda _line: QCoreApplication.translate(
                "MonitoringModels", "The category's share of all revenue arrived by the point."
            ),
            width_chars=5,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Latest arrival"),
            lambda line: short_date(line.arrival.received_on),
            kind=Kind.DATE,
            value=lambda line: line.arrival.received_on or line.cutoff,
            edit=_edit(
                edits,
                QCoreApplication.translate("MonitoringModels", "Edit date of arrival"),
                _received_on,
            ),
            tooltip=lambda _line: QCoreApplication.translate(
                "MonitoringModels", "The day the latest amount counted here arrived."
            ),
            width_chars=7,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Reason for late arrival"),
            lambda line: line.arrival.note,
            edit=_edit(
                edits,
                QCoreApplication.translate("MonitoringModels", "Edit reason for late arrival"),
                _note,
            ),
            tooltip=lambda line: line.arrival.note,
            width_chars=14,
        ),
    ]


class ArrivalModel(RowTableModel[ArrivalLine]):
    """Every revenue category at one monitoring point."""

    def __init__(self, edits: MonitoringEdits, parent: QObject | None = None) -> None:
        super().__init__(arrival_columns(edits), parent)

    def row_of(self, category_code: str) -> int:
        """The row showing that category, or -1."""
        return next(
            (row for row, line in enumerate(self.rows()) if line.category_code == category_code),
            -1,
        )
