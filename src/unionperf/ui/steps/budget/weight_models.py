"""The rule settings' points table: per scored part its typed, saved and default points.

Strings keep their translation context (``SettingsTable``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from unionperf.domain.framework import Framework
from unionperf.domain.money import ZERO
from unionperf.ui.steps.budget.tables import TOTAL_COLOUR
from unionperf.ui.widgets.formatting import plain
from unionperf.ui.widgets.table_model import Column, Kind, RowTableModel

__all__ = [
    "EXECUTION",
    "POINTS_COLUMN",
    "WeightRow",
    "WeightTableModel",
    "part_label",
    "weight_columns",
    "weight_rows",
]


EXECUTION = "execution"
"""The weights key of the budget execution rate (the other keys are level-1 names)."""


POINTS_COLUMN = 1
"""The points table's editable column."""
PENDING_COLOUR = "#fff4ce"
"""A typed point value that is not saved yet (the total is not 100)."""


@dataclass(frozen=True, slots=True)
class WeightRow:
    """One scored part: the budget execution rate or a level-1 category, with its points."""

    key: str
    """``execution`` or the level-1 name, as :attr:`RuleSettings.weights` keys them."""
    points: Decimal
    """The points as typed (maybe not saved yet)."""
    default: Decimal
    saved: Decimal | None
    """The points as saved (``None``: the saved settings lack this part)."""

    @property
    def pending(self) -> bool:
        """Whether the typed points differ from the saved ones."""
        return self.points != self.saved


def weight_rows(
    framework: Framework, points: dict[str, Decimal], saved: dict[str, Decimal]
) -> list[WeightRow]:
    """The budget execution rate, then each level-1 category of the framework."""
    defaults = framework.default_weights()
    return [
        WeightRow(key, points.get(key, ZERO), default, saved.get(key))
        for key, default in defaults.items()
    ]


def part_label(key: str) -> str:
    """The name of a scored part (level-1 names are the framework's own Chinese names)."""
    if key == EXECUTION:
        return QCoreApplication.translate("SettingsTable", "Budget execution rate")
    return key


def weight_columns(edit: Callable[[WeightRow, object], bool]) -> list[Column[WeightRow]]:
    """Part, points (typed) and the framework's default points."""
    return [
        Column(
            QCoreApplication.translate("SettingsTable", "Scored part"),
            lambda row: part_label(row.key),
            width_chars=8,
        ),
        Column(
            QCoreApplication.translate("SettingsTable", "Points"),
            lambda row: plain(row.points),
            Kind.NUMBER,
            edit=edit,
            value=lambda row: plain(row.points),
            colour=lambda row: PENDING_COLOUR if row.pending else None,
            tooltip=lambda row: (
                QCoreApplication.translate(
                    "SettingsTable", "Not saved yet: the points must add up to 100"
                )
                if row.pending
                else ""
            ),
            width_chars=5,
        ),
        Column(
            QCoreApplication.translate("SettingsTable", "Default"),
            lambda row: plain(row.default),
            Kind.NUMBER,
            colour=lambda _row: TOTAL_COLOUR,
            width_chars=5,
        ),
    ]


class WeightTableModel(RowTableModel[WeightRow]):
    """The self-evaluation points of each scored part."""
