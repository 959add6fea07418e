"""汇总 of the ex-ante assessments (事前绩效评估) of new major projects across the units.

At the targets stage — when the budget decision is taken — the upper level counts the projects
assessed per conclusion (通过 / 调整后通过 / 不予通过) in the current packages of the units
counted. The counts are read from each package's data as received (no table of their own).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from unionperf.domain.assessment import CONCLUSION_LABELS, Conclusion
from unionperf.domain.year import StageKind
from unionperf.exchange.codec_assessment import conclusions_in_text
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.workspace import Workspace

__all__ = ["UNFILLED", "AssessmentCount", "assessment_counts"]

UNFILLED = "结论未填写"
"""The row of assessments without a conclusion (shown only when there are any)."""


@dataclass(frozen=True, slots=True)
class AssessmentCount:
    """How many projects were assessed with one conclusion, in how many units."""

    conclusion: str
    """The conclusion's value (``pass`` …), or ``""`` for assessments without one."""
    label: str
    """通过, 调整后通过, 不予通过 or :data:`UNFILLED`."""
    projects: int
    units: int


def assessment_counts(
    workspace: Workspace, year: int, stage: str, units: frozenset[str] | None = None
) -> list[AssessmentCount]:
    """The projects assessed per conclusion in the current packages (targets stage only).

    Args:
        workspace: the upper level's workspace.
        year: the fiscal year.
        stage: the stage aggregated; other stages than ``targets`` give no rows.
        units: the unit codes counted (``None``: every unit with a current package).

    Returns:
        One row per conclusion in the order 通过, 调整后通过, 不予通过 (each even at 0), then
        :data:`UNFILLED` when some assessment has no conclusion; empty at other stages.

    Raises:
        ServiceError: a stored package's data cannot be read back.
    """
    if stage != StageKind.TARGETS.value:
        return []
    projects: Counter[Conclusion | None] = Counter()
    seen: dict[Conclusion | None, set[str]] = {}
    with workspace.reading() as uow:
        for code, text in uow.board.current_documents(year, stage, units):
            try:
                conclusions = conclusions_in_text(text)
            except ValueError as error:
                message = f"无法读取已接收的 {code} {year} {stage} 数据：{error}"
                raise ServiceError(message) from error
            for conclusion in conclusions:
                projects[conclusion] += 1
                seen.setdefault(conclusion, set()).add(code)
    rows = [
        AssessmentCount(item.value, label, projects[item], len(seen.get(item, ())))
        for item, label in CONCLUSION_LABELS.items()
    ]
    if projects[None]:
        rows.append(AssessmentCount("", UNFILLED, projects[None], len(seen[None])))
    return rows
