"""Columns and table model of the self-evaluation step's scored indicators.

The rows come from :mod:`unionperf.services.views.evaluation_view` (scores computed by the domain);
the model only formats them and turns a cell edit into a new :class:`IndicatorResult` that the
step commits through the session (undoable). The owners' table is ``owner_models``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QObject

from unionperf.domain.evaluation import IndicatorResult
from unionperf.domain.indicators import TIER_LABELS, Tier
from unionperf.domain.scoring import Flag
from unionperf.services.views.evaluation_view import IndicatorRow, with_tier
from unionperf.ui.steps.evaluation.checkable_model import CheckableRowModel
from unionperf.ui.widgets.formatting import parse_amount, plain
from unionperf.ui.widgets.table_model import Column, Kind

__all__ = [
    "COMPUTED_COLOUR",
    "INDICATOR_FIELDS",
    "MISSING_COLOUR",
    "WARNING_COLOUR",
    "Commit",
    "IndicatorTableModel",
    "indicator_columns",
]


MISSING_COLOUR = "#f6d5d3"
"""A cell the rules still need filled in (the red tint of hard problems)."""
WARNING_COLOUR = "#fdf0c8"
"""A cell to look at again: over-delivery (the yellow tint of soft problems)."""
COMPUTED_COLOUR = "#eef1f5"
"""Scores the rules compute: a light grey-blue, so they read as not typed in."""

Commit = Callable[[IndicatorRow, IndicatorResult, str], bool]
"""Saves a row's new result (the string names the edit for the undo history); True if saved."""


class IndicatorTableModel(CheckableRowModel[IndicatorRow]):
    """An owner's indicators: targets, actual values, tiers, scores and explanations."""

    label_column = 2
    """A row is named by its level-3 indicator."""

    def __init__(self, commit: Commit, parent: QObject | None = None) -> None:
        columns = indicator_columns(commit)
        super().__init__(columns, {INDICATOR_FIELDS.index("actual"): _actual_kind}, parent)
        self.field_columns = {
            field: number for number, field in enumerate(INDICATOR_FIELDS) if field
        }
        """Column number of each :class:`IndicatorResult` field a problem may point at."""

    def find(self, indicator_uid: str) -> int:
        """The row of an indicator, or -1."""
        return next(
            (
                number
                for number, row in enumerate(self.rows())
                if row.indicator.uid == indicator_uid
            ),
            -1,
        )


INDICATOR_FIELDS = (
    "",
    "",
    "",
    "",
    "",
    "actual",
    "tier",
    "score",
    "applicable",
    "na_reason",
    "deduction",
    "deduction_reason",
    "deviation",
    "improvement",
)
"""The result field behind each column of :func:`indicator_columns` (empty: read-only)."""


def _actual_kind(row: IndicatorRow) -> Kind:
    return Kind.TEXT if row.qualitative else Kind.NUMBER


def indicator_columns(commit: Commit) -> list[Column[IndicatorRow]]:
    """The indicator table's columns; each edit builds the new result and hands it to ``commit``."""

    def save(
        title: str, change: Callable[[IndicatorRow, object], IndicatorResult | None]
    ) -> Callable[[IndicatorRow, object], bool]:
        def edit(row: IndicatorRow, value: object) -> bool:
            result = change(row, value)
            if result is None:
                return False
            if result == row.result:
                return True
            return commit(row, result, title)

        return edit

    def number(value: object) -> tuple[bool, Decimal | None]:
        """(valid, number): a blank cell clears the value."""
        text = str(value or "").strip()
        parsed = parse_amount(text)
        return (parsed is not None or not text), parsed

    def set_actual(row: IndicatorRow, value: object) -> IndicatorResult | None:
        if row.qualitative:
            return replace(row.result, actual_text=str(value or "").strip())
        valid, parsed = number(value)
        return replace(row.result, actual=parsed) if valid else None

    def set_tier(row: IndicatorRow, value: object) -> IndicatorResult | None:
        tier = Tier(str(value)) if value else None
        return with_tier(row.result, tier, row.points)

    def set_score(row: IndicatorRow, value: object) -> IndicatorResult | None:
        valid, parsed = number(value)
        return replace(row.result, score=parsed) if valid else None

    def set_deduction(row: IndicatorRow, value: object) -> IndicatorResult | None:
        valid, parsed = number(value)
        return replace(row.result, deduction=parsed) if valid else None

    def set_text(field: str) -> Callable[[IndicatorRow, object], IndicatorResult | None]:
        def change(row: IndicatorRow, value: object) -> IndicatorResult | None:
            return _with_text(row.result, field, str(value or "").strip())

        return change

    def set_not_applicable(row: IndicatorRow, value: object) -> IndicatorResult | None:
        return replace(row.result, applicable=not value)

    actual_title = QCoreApplication.translate("EvaluationModels", "Actual")
    tier_title = QCoreApplication.translate("EvaluationModels", "Tier")
    score_title = QCoreApplication.translate("EvaluationModels", "Score")
    na_title = QCoreApplication.translate("EvaluationModels", "N/A")
    na_reason_title = QCoreApplication.translate("EvaluationModels", "Reason not applicable")
    deduction_title = QCoreApplication.translate("EvaluationModels", "Deduction")
    deduction_reason_title = QCoreApplication.translate("EvaluationModels", "Reason for deduction")
    deviation_title = QCoreApplication.translate("EvaluationModels", "Deviation analysis")
    improvement_title = QCoreApplication.translate("EvaluationModels", "Improvement measures")
    return [
        Column(
            QCoreApplication.translate("EvaluationModels", "Level 1"),
            lambda row: row.indicator.level1,
            tooltip=lambda row: row.indicator.level1,
            width_chars=5,
        ),
        Column(
            QCoreApplication.translate("EvaluationModels", "Level 2"),
            lambda row: row.indicator.level2,
            tooltip=lambda row: f"{row.indicator.level1} › {row.indicator.level2}",
            width_chars=6,
        ),
        Column(
            QCoreApplication.translate("EvaluationModels", "Indicator"),
            lambda row: row.indicator.name,
            tooltip=lambda row: row.indicator.explanation or row.indicator.name,
            width_chars=11,
        ),
        Column(
            QCoreApplication.translate("EvaluationModels", "Target"),
            lambda row: row.indicator.display_target,
            tooltip=lambda row: row.indicator.display_target,
            width_chars=7,
        ),
        Column(
            QCoreApplication.translate("EvaluationModels", "Points"),
            lambda row: plain(row.points),
            Kind.NUMBER,
            tooltip=lambda row: row.working,
            width_chars=2,
        ),
        Column(
            actual_title,
            _actual_text,
            Kind.NUMBER,
            edit=save(actual_title, set_actual),
            value=lambda row: (
                row.result.actual_text if row.qualitative else plain(row.result.actual)
            ),
            editable=lambda row: row.applicable,
            colour=lambda row: MISSING_COLOUR if row.needs_actual and not row.qualitative else None,
            tooltip=_actual_tooltip,
            width_chars=6,
        ),
        Column(
            tier_title,
            lambda row: TIER_LABELS[row.result.tier] if row.result.tier else "",
            Kind.CHOICE,
            edit=save(tier_title, set_tier),
            value=lambda row: row.result.tier.value if row.result.tier else "",
            choices=lambda _row: (
                [("", QCoreApplication.translate("EvaluationModels", "(not judged)"))]
                + [(tier.value, TIER_LABELS[tier]) for tier in Tier]
            ),
            editable=lambda row: row.manual_score,
            colour=lambda row: (
                MISSING_COLOUR
                if row.needs_actual and row.qualitative and row.result.tier is None
                else None
            ),
            tooltip=lambda row: (
                QCoreApplication.translate(
                    "EvaluationModels", "Qualitative indicators: pick the tier the result reached"
                )
                if row.qualitative
                else ""
            ),
            width_chars=8,
        ),
        Column(
            score_title,
            _score_text,
            Kind.NUMBER,
            edit=save(score_title, set_score),
            value=lambda row: plain(row.result.score),
            editable=lambda row: row.manual_score,
            colour=_score_colour,
            tooltip=_score_tooltip,
            width_chars=5,
        ),
        Column(
            na_title,
            lambda row: "",
            Kind.CHECK,
            edit=save(na_title, set_not_applicable),
            value=lambda row: not row.applicable,
            tooltip=lambda _row: QCoreApplication.translate(
                "EvaluationModels", "Tick when the indicator does not apply this year"
            ),
            width_chars=3,
        ),
        Column(
            na_reason_title,
            lambda row: row.result.na_reason,
            edit=save(na_reason_title, set_text("na_reason")),
            editable=lambda row: not row.applicable or bool(row.result.na_reason),
            colour=lambda row: (
                MISSING_COLOUR if not row.applicable and not row.result.na_reason.strip() else None
            ),
            tooltip=lambda row: row.result.na_reason,
            width_chars=8,
        ),
        Column(
            deduction_title,
            lambda row: plain(row.result.deduction),
            Kind.NUMBER,
            edit=save(deduction_title, set_deduction),
            editable=lambda row: row.deductible,
            colour=lambda row: (
                WARNING_COLOUR if row.deductible and row.result.deduction is None else None
            ),
            tooltip=lambda row: (
                QCoreApplication.translate(
                    "EvaluationModels",
                    "The actual far exceeds the target: you may reduce the score, with a reason",
                )
                if row.deductible
                else ""
            ),
            width_chars=4,
        ),
        Column(
            deduction_reason_title,
            lambda row: row.result.deduction_reason,
            edit=save(deduction_reason_title, set_text("deduction_reason")),
            editable=lambda row: row.deductible or bool(row.result.deduction_reason),
            colour=lambda row: (
                MISSING_COLOUR
                if row.result.deduction is not None and not row.result.deduction_reason.strip()
                else None
            ),
            tooltip=lambda row: row.result.deduction_reason,
            width_chars=8,
        ),
        Column(
            deviation_title,
            lambda row: row.result.deviation,
            edit=save(deviation_title, set_text("deviation")),
            colour=lambda row: MISSING_COLOUR if row.needs_explanation else None,
            tooltip=lambda row: (
                row.result.deviation
                or (
                    QCoreApplication.translate(
                        "EvaluationModels", "Required: explain the deviation and its cause"
                    )
                    if row.needs_explanation
                    else ""
                )
            ),
            width_chars=14,
        ),
        Column(
            improvement_title,
            lambda row: row.result.improvement,
            edit=save(improvement_title, set_text("improvement")),
            colour=lambda row: (
                MISSING_COLOUR
                if row.result.deviation.strip() and not row.result.improvement.strip()
                else None
            ),
            tooltip=lambda row: row.result.improvement,
            width_chars=14,
        ),
    ]


def _with_text(result: IndicatorResult, field: str, text: str) -> IndicatorResult:
    """The result with one of its text fields replaced."""
    match field:
        case "na_reason":
            return replace(result, na_reason=text)
        case "deduction_reason":
            return replace(result, deduction_reason=text)
        case "deviation":
            return replace(result, deviation=text)
        case "improvement":
            return replace(result, improvement=text)
        case _:
            raise ValueError(field)


def _actual_text(row: IndicatorRow) -> str:
    if row.qualitative:
        return row.result.actual_text
    return plain(row.result.actual)


def _actual_tooltip(row: IndicatorRow) -> str:
    if row.qualitative:
        return QCoreApplication.translate(
            "EvaluationModels", "What was achieved, in words (the tier and score follow)"
        )
    unit = row.indicator.unit
    if not unit:
        return ""
    return QCoreApplication.translate("EvaluationModels", "In {unit}").format(unit=unit)


def _score_text(row: IndicatorRow) -> str:
    if not row.applicable:
        return QCoreApplication.translate("EvaluationModels", "n/a")
    if row.needs_actual and row.result.score is not None:
        return plain(row.result.score)
    return "" if row.score is None or row.needs_actual else f"{row.score:.2f}"


def _score_colour(row: IndicatorRow) -> str | None:
    if Flag.SCORE_OUT_OF_BAND in row.flags or (row.manual_score and row.needs_actual):
        return MISSING_COLOUR
    if Flag.OVER_DELIVERY in row.flags:
        return WARNING_COLOUR
    return None if row.manual_score else COMPUTED_COLOUR


def _score_tooltip(row: IndicatorRow) -> str:
    """How the score came about (the domain's words), then what the scorer may do."""
    lines = [row.working] if row.working else []
    band = row.band
    if row.qualitative and band is None:
        lines.append(
            QCoreApplication.translate(
                "EvaluationModels", "Pick the tier first, then type a score inside its band"
            )
        )
    elif band is not None:
        text = (
            QCoreApplication.translate(
                "EvaluationModels", "Allowed for this tier: {low} to {high} points"
            )
            if band.high_inclusive
            else QCoreApplication.translate(
                "EvaluationModels", "Allowed for this tier: {low} to under {high} points"
            )
        )
        lines.append(text.format(low=f"{band.low:.2f}", high=f"{band.high:.2f}"))
    return "\n".join(lines)
