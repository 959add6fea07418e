"""The status board's table model: one unit per row, its status coloured (columns are data)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QObject

from unionperf.domain.board import BoardStatus
from unionperf.services.upper.status import BoardLine
from unionperf.services.upper.tables import local_time
from unionperf.ui.widgets.formatting import percent
from unionperf.ui.widgets.table_model import Column, Kind, RowTableModel

__all__ = ["STATUS_COLOURS", "BoardModel", "on_time_text", "score_text"]

STATUS_COLOURS = {
    BoardStatus.MISSING: "#f6d5d3",
    BoardStatus.RECEIVED: "#dde7f6",
    BoardStatus.LATE: "#fdf0c8",
    BoardStatus.RETURNED: "#fde2c8",
    BoardStatus.RESUBMITTED: "#e6dcf5",
    BoardStatus.APPROVED: "#dcefdc",
}
"""未报 red, 已报 blue, 逾期 amber, 已退回 orange, 已重报 violet, 已通过 green."""


def score_text(score: Decimal | None) -> str:
    """A score to two decimals (empty for none)."""
    return "" if score is None else f"{score:.2f}"


def on_time_text(on_time: bool | None) -> str:
    """按时 / 逾期, or empty while it cannot be said."""
    if on_time is None:
        return ""
    if on_time:
        return QCoreApplication.translate("BoardPage", "on time")
    return QCoreApplication.translate("BoardPage", "late")


class BoardModel(RowTableModel[BoardLine]):
    """Every unit of the board with its status, package, timing, score and execution."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("BoardPage", "Union name"),
                    lambda line: line.name,
                    width_chars=16,
                ),
                Column(
                    QCoreApplication.translate("BoardPage", "Credit code"),
                    lambda line: line.code,
                    width_chars=12,
                ),
                Column(
                    QCoreApplication.translate("BoardPage", "Status"),
                    lambda line: line.label,
                    colour=lambda line: STATUS_COLOURS[line.status],
                    width_chars=4,
                ),
                Column(
                    QCoreApplication.translate("BoardPage", "Sequence"),
                    lambda line: str(line.sequence) if line.sequence else "",
                    Kind.NUMBER,
                    width_chars=3,
                ),
                Column(
                    QCoreApplication.translate("BoardPage", "Received"),
                    lambda line: local_time(line.received_at),
                    width_chars=9,
                ),
                Column(
                    QCoreApplication.translate("BoardPage", "On time"),
                    lambda line: on_time_text(line.on_time),
                    width_chars=3,
                ),
                Column(
                    QCoreApplication.translate("BoardPage", "Score"),
                    lambda line: score_text(line.score),
                    Kind.NUMBER,
                    width_chars=4,
                ),
                Column(
                    QCoreApplication.translate("BoardPage", "Grade"),
                    lambda line: line.grade,
                    width_chars=3,
                ),
                Column(
                    QCoreApplication.translate("BoardPage", "Execution"),
                    lambda line: percent(line.execution_rate),
                    Kind.NUMBER,
                    width_chars=4,
                ),
                Column(
                    QCoreApplication.translate("BoardPage", "Contact"),
                    lambda line: (
                        line.contact
                        if line.has_key
                        else QCoreApplication.translate("BoardPage", "{contact} (no key yet)")
                        .format(contact=line.contact)
                        .strip()
                    ),
                    width_chars=10,
                ),
            ],
            parent,
        )
