"""Deleting an indicator and bringing it back (undo) with its results and monitoring progress."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from PySide6.QtCore import QModelIndex

from unionperf.domain.budget import TargetSet
from unionperf.domain.evaluation import IndicatorResult
from unionperf.domain.indicators import Indicator
from unionperf.domain.monitoring import IndicatorProgress
from unionperf.domain.year import YearData
from unionperf.services.common.stages import StageLockedError
from unionperf.services.cycle.locks import open_adjustment
from unionperf.ui.steps.targets.tree_model import TargetTreeModel
from unionperf.ui.year_session import YearSession

__all__ = ["DeletedIndicator", "neighbour_of", "restore_indicator", "snapshot_indicator"]


@dataclass(frozen=True, slots=True)
class DeletedIndicator:
    """What deleting an indicator removes: the indicator at its place, its results, progress."""

    owner: str
    indicator: Indicator
    position: int
    """The indicator's index in the owner's list."""
    results: tuple[IndicatorResult, ...]
    progress: tuple[tuple[str, int, IndicatorProgress], ...]
    """(monitoring point uid, index in the entry's progress, the progress) of each entry."""


def snapshot_indicator(
    data: YearData, targets: TargetSet, owner: str, indicator: Indicator
) -> DeletedIndicator:
    """Everything the year holds on an indicator, taken before it is deleted."""
    position = next(i for i, item in enumerate(targets.indicators) if item.uid == indicator.uid)
    results = tuple(
        result
        for result in data.evaluation_of(owner).results
        if result.indicator_uid == indicator.uid
    )
    progress = tuple(
        (entry.point_uid, index, item)
        for entry in data.monitoring
        if entry.owner_uid == owner
        for index, item in enumerate(entry.progress)
        if item.indicator_uid == indicator.uid
    )
    return DeletedIndicator(owner, indicator, position, results, progress)


def restore_indicator(session: YearSession, deleted: DeletedIndicator) -> None:
    """Save a deleted indicator again where it was, with its results and progress (undo)."""
    owner, indicator = deleted.owner, deleted.indicator
    session.save_indicator(owner, indicator, deleted.position)
    # Results and progress belong to other stages, each perhaps signed off on its own.
    for result in deleted.results:
        _adjusting(session, partial(session.save_result, owner, result))
    for point_uid, index, item in deleted.progress:
        _adjusting(session, partial(_restore_progress, session, owner, point_uid, index, item))


def _adjusting(session: YearSession, call: Callable[[], None]) -> None:
    """Save, first opening an adjustment (asking its reason) if the stage is signed off."""
    try:
        call()
    except StageLockedError as locked:
        reason = session.adjustment_reason(locked)
        if not reason:
            raise
        open_adjustment(session.workspace, session.held_year(), locked.stage, reason)
        call()


def _restore_progress(
    session: YearSession, owner: str, point_uid: str, index: int, item: IndicatorProgress
) -> None:
    data = session.data
    entry = data.entry(point_uid, owner) if data is not None else None
    if entry is None:
        return
    held = [one for one in entry.progress if one.indicator_uid != item.indicator_uid]
    held.insert(min(index, len(held)), item)
    session.save_entry(replace(entry, progress=tuple(held)))


def neighbour_of(model: TargetTreeModel, indicator: Indicator) -> Callable[[], QModelIndex]:
    """A function giving the row to select once ``indicator`` is gone."""
    siblings = [
        item.uid
        for item in model.indicators()
        if (item.level1, item.level2) == (indicator.level1, indicator.level2)
    ]
    at = siblings.index(indicator.uid)
    others = siblings[at + 1 :] + siblings[:at][::-1]

    def pick() -> QModelIndex:
        for uid in others:
            index = model.indicator_index(uid)
            if index.isValid():
                return index
        return model.level2_index(indicator.level1, indicator.level2)

    return pick
