"""Table models of the monitoring step: each owner's funds at a point, one owner's indicators.

The rows come from :mod:`unionperf.services.monitoring_view` (rates, time progress, warnings are
computed there); an edited cell builds the whole updated
:class:`~unionperf.domain.monitoring.MonitoringEntry` and commits it through
:meth:`YearSession.change`, so that every edit is saved at once and can be undone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject

from unionperf.domain.indicators import Tier
from unionperf.domain.monitoring import (
    IndicatorProgress,
    Light,
    Likelihood,
    MonitoringEntry,
    MonitoringPoint,
    ReasonCategory,
    Suspension,
)
from unionperf.services.monitoring_view import (
    OwnerLine,
    ProgressLine,
    entry_of,
    with_progress,
    with_reason_category,
    with_reason_text,
)
from unionperf.ui.widgets.formatting import amount, parse_amount, percent, plain
from unionperf.ui.widgets.table_model import Column, Kind, RowTableModel
from unionperf.ui.year_session import YearSession

__all__ = [
    "LAG_COLOUR",
    "LIGHT_COLOURS",
    "OWNER_FIELDS",
    "PROGRESS_FIELDS",
    "IndicatorColumn",
    "MonitoringEdits",
    "OwnerColumn",
    "OwnerModel",
    "ProgressModel",
    "light_text",
    "likelihood_text",
    "reason_text",
    "suspension_text",
    "tier_text",
]

LIGHT_COLOURS = {
    Light.GREEN: "#c6efce",
    Light.YELLOW: "#ffeb9c",
    Light.RED: "#ffc7ce",
    Light.BLUE: "#bdd7ee",
}
"""Cell backgrounds of the lights (the tints of the XLSX forms); the cell also says 红/黄/绿."""
LAG_COLOUR = LIGHT_COLOURS[Light.RED]
_E = TypeVar("_E", Tier, Likelihood, ReasonCategory)
NONE = ""
"""The choice value meaning "not given"."""


def light_text(light: Light | None) -> str:
    """红 / 黄 / 绿 / 蓝 (empty without a light)."""
    match light:
        case None:
            return ""
        case Light.RED:
            return QCoreApplication.translate("MonitoringModels", "Red")
        case Light.YELLOW:
            return QCoreApplication.translate("MonitoringModels", "Yellow")
        case Light.GREEN:
            return QCoreApplication.translate("MonitoringModels", "Green")
        case Light.BLUE:
            return QCoreApplication.translate("MonitoringModels", "Blue")


def likelihood_text(likelihood: Likelihood | None) -> str:
    """确定能 / 有可能 / 完全不可能 (empty when not given)."""
    match likelihood:
        case None:
            return ""
        case Likelihood.CERTAIN:
            return QCoreApplication.translate("MonitoringModels", "Certain")
        case Likelihood.POSSIBLE:
            return QCoreApplication.translate("MonitoringModels", "Possible")
        case Likelihood.IMPOSSIBLE:
            return QCoreApplication.translate("MonitoringModels", "Impossible")


def reason_text(category: ReasonCategory | None) -> str:
    """经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他 (empty when none)."""
    match category:
        case None:
            return ""
        case ReasonCategory.FUNDING:
            return QCoreApplication.translate("MonitoringModels", "Funding")
        case ReasonCategory.INSTITUTIONAL:
            return QCoreApplication.translate("MonitoringModels", "Rules and procedures")
        case ReasonCategory.STAFFING:
            return QCoreApplication.translate("MonitoringModels", "Staffing")
        case ReasonCategory.FACILITIES:
            return QCoreApplication.translate("MonitoringModels", "Facilities")
        case ReasonCategory.OTHER:
            return QCoreApplication.translate("MonitoringModels", "Other")


def suspension_text(suspension: Suspension) -> str:
    """暂缓 / 停止, or empty for a project that goes on."""
    match suspension:
        case Suspension.NONE:
            return ""
        case Suspension.SUSPEND:
            return QCoreApplication.translate("MonitoringModels", "Suspend")
        case Suspension.STOP:
            return QCoreApplication.translate("MonitoringModels", "Stop")


def tier_text(tier: Tier | None) -> str:
    """How far a qualitative indicator is on track (empty when not judged yet)."""
    match tier:
        case None:
            return ""
        case Tier.ACHIEVED:
            return QCoreApplication.translate("MonitoringModels", "On track")
        case Tier.PARTIAL:
            return QCoreApplication.translate("MonitoringModels", "Partly on track")
        case Tier.NOT_ACHIEVED:
            return QCoreApplication.translate("MonitoringModels", "Not on track")


def _not_given() -> str:
    return QCoreApplication.translate("MonitoringModels", "(none)")


def _choices(values: list[str], label: Callable[[str], str]) -> list[tuple[str, str]]:
    return [(NONE, _not_given()), *((value, label(value)) for value in values)]


# -- committing edits ----------------------------------------------------------------------------


class MonitoringEdits:
    """Commits the monitoring step's edits through the session: at once, and undoable."""

    def __init__(self, session: YearSession) -> None:
        self.session = session

    def entry(
        self,
        text: str,
        point_uid: str,
        owner_uid: str,
        change: Callable[[MonitoringEntry], MonitoringEntry],
    ) -> bool:
        """Save the owner's entry at the point as ``change`` makes it from the current one."""
        data = self.session.data
        if data is None:
            return False
        old = entry_of(data, point_uid, owner_uid)
        new = change(old)
        if new == old:
            return True
        session = self.session
        return session.change(
            text, lambda: session.save_entry(new), lambda: session.save_entry(old)
        )

    def progress(
        self,
        text: str,
        line: ProgressLine,
        change: Callable[[IndicatorProgress], IndicatorProgress],
    ) -> bool:
        """Save one indicator's progress as ``change`` makes it, within the whole entry."""
        uid = line.indicator.uid

        def changed(entry: MonitoringEntry) -> MonitoringEntry:
            current = entry.for_indicator(uid) or IndicatorProgress(uid)
            updated = change(current)
            return entry if updated == current else with_progress(entry, updated)

        return self.entry(text, line.point_uid, line.owner_uid, changed)

    def add_point(self, point: MonitoringPoint) -> bool:
        """Add a monitoring point (undo removes it again)."""
        session = self.session
        return session.change(
            QCoreApplication.translate("MonitoringModels", "Add monitoring point {date}").format(
                date=point.cutoff.isoformat()
            ),
            lambda: session.save_point(point),
            lambda: session.delete_point(point.uid),
        )


# -- the owners' table ---------------------------------------------------------------------------


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
                (Suspension.NONE.value, _not_given()),
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


# -- one owner's indicators ----------------------------------------------------------------------


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
            choices=lambda _line: _choices([item.value for item in Tier], _tier_label),
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
            choices=lambda _line: _choices([item.value for item in ReasonCategory], _reason_label),
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
            choices=lambda _line: _choices([item.value for item in Likelihood], _likelihood_label),
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
