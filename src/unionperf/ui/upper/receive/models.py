"""Table models of 接收: the result of each package of a batch, and the quarantine list."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject

from unionperf.domain.year import stage_label
from unionperf.services.inbox.receive import Outcome, OutcomeKind, QuarantineEntry
from unionperf.services.upper.tables import local_time
from unionperf.ui.widgets.table_model import Column, Kind, RowTableModel

__all__ = ["KIND_COLOURS", "OutcomeModel", "QuarantineModel", "ResultLine"]

KIND_COLOURS = {
    OutcomeKind.RECEIVED: "#dcefdc",
    OutcomeKind.SUPERSEDED: "#dcefdc",
    OutcomeKind.ALREADY_RECEIVED: "#eef1f5",
    OutcomeKind.REFUSED: "#fdf0c8",
    OutcomeKind.QUARANTINED: "#f6d5d3",
}
"""Received in green, already received in grey, refused in amber, quarantined in red."""


@dataclass(frozen=True, slots=True)
class ResultLine:
    """One package's outcome with the name of the unit it came from."""

    outcome: Outcome
    unit_name: str

    @property
    def kind(self) -> OutcomeKind:
        """The group of the result list."""
        return self.outcome.kind


def _stage(line: ResultLine) -> str:
    stage = line.outcome.stage
    return stage_label(stage) if stage else ""


def _unit(line: ResultLine) -> str:
    return line.unit_name or line.outcome.unit_code


class OutcomeModel(RowTableModel[ResultLine]):
    """The packages of the last batch, in the order received."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("ReceivePage", "Result"),
                    lambda line: line.kind.label,
                    colour=lambda line: KIND_COLOURS[line.kind],
                    width_chars=8,
                ),
                Column(
                    QCoreApplication.translate("ReceivePage", "File"),
                    lambda line: line.outcome.path.name,
                    tooltip=lambda line: str(line.outcome.path),
                    width_chars=16,
                ),
                Column(QCoreApplication.translate("ReceivePage", "Unit"), _unit, width_chars=14),
                Column(
                    QCoreApplication.translate("ReceivePage", "Year"),
                    lambda line: str(line.outcome.year or ""),
                    Kind.NUMBER,
                    width_chars=3,
                ),
                Column(QCoreApplication.translate("ReceivePage", "Stage"), _stage, width_chars=9),
                Column(
                    QCoreApplication.translate("ReceivePage", "Sequence"),
                    lambda line: str(line.outcome.sequence or ""),
                    Kind.NUMBER,
                    width_chars=3,
                ),
                Column(
                    QCoreApplication.translate("ReceivePage", "Details"),
                    lambda line: line.outcome.message,
                    tooltip=lambda line: line.outcome.message,
                    width_chars=20,
                ),
            ],
            parent,
        )


class QuarantineModel(RowTableModel[QuarantineEntry]):
    """The refused packages kept in quarantine, newest first, with their reasons."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("ReceivePage", "Refused at"),
                    lambda entry: local_time(entry.refused_at),
                    width_chars=9,
                ),
                Column(
                    QCoreApplication.translate("ReceivePage", "File"),
                    lambda entry: entry.name,
                    tooltip=lambda entry: str(entry.file or entry.name),
                    width_chars=16,
                ),
                Column(
                    QCoreApplication.translate("ReceivePage", "Reason"),
                    lambda entry: entry.reason,
                    tooltip=lambda entry: entry.reason,
                    width_chars=30,
                ),
            ],
            parent,
        )
