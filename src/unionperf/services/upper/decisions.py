"""The history of the upper level's decisions on a unit: every 通过 and 退回, with what it said."""

from __future__ import annotations

from unionperf.services.common.errors import InputError
from unionperf.services.common.workspace import Workspace
from unionperf.store.review_records import DecisionRecord

__all__ = ["DecisionRecord", "decisions"]


def decisions(
    workspace: Workspace, unit_code: str, year: int | None = None
) -> list[DecisionRecord]:
    """Every decision sent on a unit's stages (of one year when given), oldest first.

    Each gives the stage, the decision, when it was written, the received package it answered,
    the summary (the reason of a return) and the opinions.

    Raises:
        InputError: the unit is not registered.
    """
    with workspace.reading() as uow:
        if uow.register.subordinate(unit_code) is None:
            raise InputError(f"单位 {unit_code} 未登记", "审核记录")
        return uow.review.decisions(unit_code, year)
