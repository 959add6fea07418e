"""The indicator progress table of the monitoring step: one owner's indicators at a point.

The rows come from :mod:`unionperf.services.views.monitoring_view`; an edited cell builds the
updated progress and commits it through
:class:`~unionperf.ui.steps.monitoring.edits.MonitoringEdits`, so that every edit is saved at
once and can be undone. Strings keep their translation context (``MonitoringModels``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject

from unionperf.domain.indicators import Tier
from unionperf.domain.monitoring import (
    IndicatorProgress,
    Likelihood,
    ReasonCategory,
)
from unionperf.services.views.monitoring_view import (
    ProgressLine,
    with_reason_category,
    with_reason_text,
)
from unionperf.ui.steps.monitoring.edits import MonitoringEdits
from unionperf.ui.steps.monitoring.labels import (
    LIGHT_COLOURS,
    NONE,
    choices,
    light_text,
    likelihood_text,
    reason_text,
    tier_text,
)
from unionperf.ui.widgets.formatting import parse_amount, percent, plain
from unionperf.ui.widgets.table_model import Column, Kind, RowTableModel

__all__ = [
    "PROGRESS_FIELDS",
    "IndicatorColumn",
    "ProgressModel",
    "progress_columns",
]

_E = TypeVar("_E", Tier, Likelihood, ReasonCategory)


class IndicatorColumn:
    """Column numbers of the indicators' table (for selecting a problem's field)."""

    NAME = 0
    TARGET = 1
    ACTUAL = 2
    TIER = 3
    EXPECTED = 4
    DEVIATION = 5
    LIGHT = 6
    REASON = 7
    REASON_TEXT = 8
    LIKELIHOOD = 9
    MEASURE = 10


PROGRESS_FIELDS = {
    "actual": IndicatorColumn.ACTUAL,
    "reasons": IndicatorColumn.REASON_TEXT,
    "likelihood": IndicatorColumn.LIKELIHOOD,
    "measure": IndicatorColumn.MEASURE,
}
"""The indicators' table column of each field a problem may name."""


def _with_unit(line: ProgressLine, value: object) -> str:
    text = value if isinstance(value, str) else ""
    return f"{text}{line.indicator.unit}" if text else ""


def _actual_text(line: ProgressLine) -> str:
    if line.qualitative:
        return ""
    return _with_unit(line, plain(line.progress.actual))


def _expected_tip(line: ProgressLine) -> str:
    if line.qualitative:
        return QCoreApplication.translate(
            "MonitoringModels", "Qualitative: judged on track, partly or not on track."
        )
    if line.pro_rated:
        return QCoreApplication.translate(
            "MonitoringModels",
            "Target pro-rated to the cut-off (target × months ÷ 12); rates are not pro-rated. "
            "Below 60% red, below 80% yellow, from 120% blue.",
        )
    return QCoreApplication.translate(
        "MonitoringModels", "Compared with the target itself: within it green, outside red."
    )


def _progress_deviation(line: ProgressLine) -> str:
    if line.ratio is not None:
        return QCoreApplication.translate("MonitoringModels", "{ratio} of expected").format(
            ratio=percent(line.ratio)
        )
    if line.within is True:
        return QCoreApplication.translate("MonitoringModels", "Within target")
    if line.within is False:
        return QCoreApplication.translate("MonitoringModels", "Outside target")
    return ""


def _first_reason(line: ProgressLine) -> ReasonCategory | None:
    reasons = line.progress.reasons
    return reasons[0].category if reasons else None


def _reason_tip(line: ProgressLine) -> str:
    return "\n".join(
        f"{reason_text(reason.category)}: {reason.text}" for reason in line.progress.reasons
    )


def _progress_edit(
    edits: MonitoringEdits,
    undo: str,
    change: Callable[[IndicatorProgress, object], IndicatorProgress | None],
) -> Callable[[ProgressLine, object], bool]:
    def edit(line: ProgressLine, value: object) -> bool:
        try:
            probe = change(line.progress, value)
        except ValueError:
            return False
        if probe is None:
            return False

        def apply(current: IndicatorProgress) -> IndicatorProgress:
            return change(current, value) or current

        return edits.progress(undo, line, apply)

    return edit


def _actual_change(progress: IndicatorProgress, value: object) -> IndicatorProgress | None:
    typed = str(value or "").strip()
    parsed = parse_amount(typed)
    if typed and (parsed is None or not parsed.is_finite()):
        return None
    return replace(progress, actual=parsed)


def _choice(kind: type[_E], value: object) -> _E | None:
    return kind(value) if value and value in {item.value for item in kind} else None


def progress_columns(edits: MonitoringEdits) -> list[Column[ProgressLine]]:
    """Indicator, target, progress, expected, deviation, light, reason, likelihood, measure."""
    return [
        Column(
            QCoreApplication.translate("MonitoringModels", "Indicator"),
            lambda line: line.indicator.name,
            tooltip=lambda line: " › ".join(
                part
                for part in (line.indicator.level1, line.indicator.level2, line.indicator.name)
                if part
            ),
            width_chars=11,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Target"),
            lambda line: line.indicator.display_target,
            tooltip=lambda line: line.indicator.display_target,
            width_chars=7,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Actual to date"),
            _actual_text,
            kind=Kind.NUMBER,
            value=lambda line: plain(line.progress.actual),
            edit=_progress_edit(
                edits,
                QCoreApplication.translate("MonitoringModels", "Edit indicator progress"),
                _actual_change,
            ),
            editable=lambda line: not line.qualitative,
            tooltip=lambda line: line.progress.actual_text,
            width_chars=6,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Qualitative progress"),
            lambda line: tier_text(line.progress.tier),
            kind=Kind.CHOICE,
            value=lambda line: _value(line.progress.tier),
            choices=lambda _line: choices([item.value for item in Tier], _tier_label),
            edit=_progress_edit(
                edits,
                QCoreApplication.translate("MonitoringModels", "Edit indicator progress"),
                lambda progress, value: replace(progress, tier=_choice(Tier, value)),
            ),
            editable=lambda line: line.qualitative,
            width_chars=8,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Expected by now"),
            lambda line: _with_unit(line, plain(line.expected)),
            kind=Kind.NUMBER,
            tooltip=_expected_tip,
            width_chars=6,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Deviation"),
            _progress_deviation,
            width_chars=7,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Warning"),
            lambda line: light_text(line.light),
            kind=Kind.CHECK,
            colour=lambda line: LIGHT_COLOURS.get(line.light) if line.light else None,
            width_chars=3,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Reason category"),
            lambda line: reason_text(_first_reason(line)),
            kind=Kind.CHOICE,
            value=lambda line: _value(_first_reason(line)),
            choices=lambda _line: choices([item.value for item in ReasonCategory], _reason_label),
            edit=_progress_edit(
                edits,
                QCoreApplication.translate("MonitoringModels", "Edit deviation reason"),
                lambda progress, value: with_reason_category(
                    progress, _choice(ReasonCategory, value)
                ),
            ),
            tooltip=_reason_tip,
            width_chars=6,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Reason"),
            lambda line: line.progress.reasons[0].text if line.progress.reasons else "",
            edit=_progress_edit(
                edits,
                QCoreApplication.translate("MonitoringModels", "Edit deviation reason"),
                lambda progress, value: with_reason_text(progress, str(value or "").strip()),
            ),
            tooltip=_reason_tip,
            width_chars=13,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Likelihood"),
            lambda line: likelihood_text(line.progress.likelihood),
            kind=Kind.CHOICE,
            value=lambda line: _value(line.progress.likelihood),
            choices=lambda _line: choices([item.value for item in Likelihood], _likelihood_label),
            edit=_progress_edit(
                edits,
                QCoreApplication.translate("MonitoringModels", "Edit likelihood"),
                lambda progress, value: replace(progress, likelihood=_choice(Likelihood, value)),
            ),
            tooltip=lambda _line: QCoreApplication.translate(
                "MonitoringModels", "Likelihood of reaching the annual target."
            ),
            width_chars=6,
        ),
        Column(
            QCoreApplication.translate("MonitoringModels", "Corrective measure"),
            lambda line: line.progress.measure,
            edit=_progress_edit(
                edits,
                QCoreApplication.translate("MonitoringModels", "Edit corrective measure"),
                lambda progress, value: replace(progress, measure=str(value or "").strip()),
            ),
            tooltip=lambda line: line.progress.measure,
            width_chars=14,
        ),
    ]


def _value(choice: Tier | Likelihood | ReasonCategory | None) -> str:
    return choice.value if choice is not None else NONE


def _tier_label(value: str) -> str:
    return tier_text(Tier(value))


def _reason_label(value: str) -> str:
    return reason_text(ReasonCategory(value))


def _likelihood_label(value: str) -> str:
    return likelihood_text(Likelihood(value))


class ProgressModel(RowTableModel[ProgressLine]):
    """One owner's level-3 indicators at one monitoring point."""

    def __init__(self, edits: MonitoringEdits, parent: QObject | None = None) -> None:
        super().__init__(progress_columns(edits), parent)

    def row_of(self, indicator_uid: str) -> int:
        """The row showing that indicator, or -1."""
        return next(
            (row for row, line in enumerate(self.rows()) if line.indicator.uid == indicator_uid),
            -1,
        )
