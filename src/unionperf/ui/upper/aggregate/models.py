"""Table models of 汇总: revenue and expenditure by category, projects, bands, the ranking."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QObject

from unionperf.domain.aggregation import Bucket, CategoryTotal, ProjectTotal, RankRow
from unionperf.ui.upper.board.models import on_time_text, score_text
from unionperf.ui.widgets.formatting import amount, percent
from unionperf.ui.widgets.table_model import Column, Kind, RowTableModel

__all__ = ["BucketModel", "CategoryModel", "ProjectModel", "RankingModel"]

TOTAL_COLOUR = "#eef1f5"
"""A flow's or a table's total row."""
RESCORED_COLOUR = "#dde7f6"
"""The upper level's score where it re-scored the unit."""


def _share(value: Decimal | None) -> str:
    return "" if value is None else f"{value}%"


class CategoryModel(RowTableModel[CategoryTotal]):
    """Revenue or expenditure by category, the total last (its code is empty)."""

    def __init__(self, parent: QObject | None = None) -> None:
        def total(row: CategoryTotal) -> str | None:
            return TOTAL_COLOUR if not row.code else None

        super().__init__(
            [
                Column(
                    QCoreApplication.translate("AggregatePage", "Code"),
                    lambda row: row.code,
                    colour=total,
                    width_chars=3,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Category"),
                    lambda row: row.name,
                    colour=total,
                    width_chars=9,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Units"),
                    lambda row: str(row.units),
                    Kind.NUMBER,
                    colour=total,
                    width_chars=3,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Last year's actual"),
                    lambda row: amount(row.last_year_actual),
                    Kind.MONEY,
                    colour=total,
                    width_chars=8,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Approved budget"),
                    lambda row: amount(row.approved),
                    Kind.MONEY,
                    colour=total,
                    width_chars=8,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Executed"),
                    lambda row: amount(row.executed),
                    Kind.MONEY,
                    colour=total,
                    width_chars=8,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Execution rate"),
                    lambda row: percent(row.rate),
                    Kind.NUMBER,
                    colour=total,
                    width_chars=4,
                ),
            ],
            parent,
        )


class ProjectModel(RowTableModel[ProjectTotal]):
    """Projects by expenditure category or by attribute, the total last."""

    def __init__(self, parent: QObject | None = None) -> None:
        def total(row: ProjectTotal) -> str | None:
            return TOTAL_COLOUR if not row.key else None

        super().__init__(
            [
                Column(
                    QCoreApplication.translate("AggregatePage", "Kind"),
                    lambda row: row.label,
                    colour=total,
                    width_chars=9,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Units"),
                    lambda row: str(row.units),
                    Kind.NUMBER,
                    colour=total,
                    width_chars=3,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Project count"),
                    lambda row: str(row.projects),
                    Kind.NUMBER,
                    colour=total,
                    width_chars=3,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Initial budget"),
                    lambda row: amount(row.initial),
                    Kind.MONEY,
                    colour=total,
                    width_chars=8,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Full-year budget"),
                    lambda row: amount(row.budget),
                    Kind.MONEY,
                    colour=total,
                    width_chars=8,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Executed"),
                    lambda row: amount(row.executed),
                    Kind.MONEY,
                    colour=total,
                    width_chars=8,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Execution rate"),
                    lambda row: percent(row.rate),
                    Kind.NUMBER,
                    colour=total,
                    width_chars=4,
                ),
            ],
            parent,
        )


class BucketModel(RowTableModel[Bucket]):
    """A distribution: each band with its units and share."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("AggregatePage", "Band"),
                    lambda row: row.label,
                    width_chars=6,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Units"),
                    lambda row: str(row.count),
                    Kind.NUMBER,
                    width_chars=3,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Share"),
                    lambda row: _share(row.share),
                    Kind.NUMBER,
                    width_chars=4,
                ),
            ],
            parent,
        )


class RankingModel(RowTableModel[RankRow]):
    """The units ranked by score (the upper level's where it re-scored)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("AggregatePage", "Rank"),
                    lambda row: str(row.rank) if row.rank is not None else "",
                    Kind.NUMBER,
                    width_chars=2,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Union name"),
                    lambda row: row.entry.name,
                    tooltip=lambda row: row.entry.code,
                    width_chars=14,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Own score"),
                    lambda row: score_text(row.entry.score),
                    Kind.NUMBER,
                    width_chars=4,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Own grade"),
                    lambda row: row.entry.grade,
                    width_chars=3,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Upper score"),
                    lambda row: score_text(row.entry.upper_score),
                    Kind.NUMBER,
                    colour=lambda row: (
                        RESCORED_COLOUR if row.entry.upper_score is not None else None
                    ),
                    width_chars=4,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Final grade"),
                    lambda row: row.entry.final_grade,
                    width_chars=3,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Status"),
                    lambda row: row.entry.status.label,
                    width_chars=3,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "On time"),
                    lambda row: on_time_text(row.entry.on_time),
                    width_chars=3,
                ),
                Column(
                    QCoreApplication.translate("AggregatePage", "Execution rate"),
                    lambda row: percent(row.entry.execution_rate),
                    Kind.NUMBER,
                    width_chars=4,
                ),
            ],
            parent,
        )
