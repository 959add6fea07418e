"""Table models of 参数下发: library entries, deadlines, the parameter packages written."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from unionperf.domain.parameters import StageDeadline
from unionperf.domain.year import stage_label
from unionperf.services.common.indicator_library import LibraryEntry, Scope
from unionperf.services.upper.tables import local_time
from unionperf.ui.widgets.table_model import Column, Kind, RowTableModel

__all__ = ["DeadlineModel", "LibraryModel", "SentModel", "scope_text"]


def scope_text(scope: Scope) -> str:
    """项目 / 单位整体 / 均可."""
    match scope:
        case Scope.PROJECT:
            return QCoreApplication.translate("ParamsPage", "projects")
        case Scope.UNIT:
            return QCoreApplication.translate("ParamsPage", "the unit as a whole")
        case Scope.ANY:
            return QCoreApplication.translate("ParamsPage", "either")


def _placement(entry: LibraryEntry) -> str:
    level1, level2 = entry.placements[0]
    return f"{level1} › {level2}"


class LibraryModel(RowTableModel[LibraryEntry]):
    """The indicator library to send: one entry per row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("ParamsPage", "Indicator"),
                    lambda entry: entry.name,
                    tooltip=lambda entry: entry.explanation,
                    width_chars=14,
                ),
                Column(
                    QCoreApplication.translate("ParamsPage", "Category"),
                    _placement,
                    width_chars=17,  # 满意度指标 › 服务对象满意度指标 whole at 1366 px
                ),
                Column(
                    QCoreApplication.translate("ParamsPage", "Typical target"),
                    lambda entry: entry.display_target(),
                    tooltip=lambda entry: entry.display_target(),
                    width_chars=12,
                ),
                Column(
                    QCoreApplication.translate("ParamsPage", "For"),
                    lambda entry: scope_text(entry.scope),
                    width_chars=5,
                ),
                Column(
                    QCoreApplication.translate("ParamsPage", "Explanation"),
                    lambda entry: entry.explanation,
                    tooltip=lambda entry: entry.explanation,
                    width_chars=16,
                ),
            ],
            parent,
        )


class DeadlineModel(RowTableModel[StageDeadline]):
    """The deadlines to send: year, stage, last day."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("ParamsPage", "Year"),
                    lambda item: str(item.year),
                    width_chars=4,
                ),
                Column(
                    QCoreApplication.translate("ParamsPage", "Stage"),
                    lambda item: stage_label(item.stage),
                    width_chars=12,
                ),
                Column(
                    QCoreApplication.translate("ParamsPage", "Deadline"),
                    lambda item: item.due.isoformat(),
                    width_chars=6,
                ),
            ],
            parent,
        )


class SentModel(RowTableModel[Any]):
    """The parameter packages written, oldest first (``UpperParameters.sent``)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("ParamsPage", "Sequence"),
                    lambda item: str(item.sequence),
                    Kind.NUMBER,
                    width_chars=3,
                ),
                Column(
                    QCoreApplication.translate("ParamsPage", "Written"),
                    lambda item: local_time(item.created_at),
                    width_chars=9,
                ),
                Column(
                    QCoreApplication.translate("ParamsPage", "File"),
                    lambda item: item.file_name,
                    width_chars=18,
                ),
                Column(
                    QCoreApplication.translate("ParamsPage", "SHA-256"),
                    lambda item: item.sha256,
                    width_chars=20,
                ),
            ],
            parent,
        )
