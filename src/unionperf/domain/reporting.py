"""Where a unit stands with a stage at the upper level: sent, reviewed, returned, approved.

The upper level's status board (product.md §3) shows, per unit, year and stage, one
:class:`StageStatus` derived by :func:`stage_status` from the sequences of the packages it
received and its own decisions, each on one received package.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import NamedTuple

from unionperf.domain.feedback import Decision


class StageStatus(StrEnum):
    """A unit's status for a stage, as the upper level sees it."""

    NOT_RECEIVED = "not-received"
    """未报送: no package of the stage was received."""
    RECEIVED = "received"
    """已报送（待审核）: the newest package waits for the upper level's decision."""
    RETURNED = "returned"
    """已退回: the newest package was returned."""
    RESENT = "resent"
    """退回后已重报: a returned stage was sent again and waits for review."""
    APPROVED = "approved"
    """已通过: the newest package was approved."""

    @property
    def label(self) -> str:
        """The Chinese name shown on the status board."""
        return _LABELS[self]


_LABELS = {
    StageStatus.NOT_RECEIVED: "未报送",
    StageStatus.RECEIVED: "已报送（待审核）",
    StageStatus.RETURNED: "已退回",
    StageStatus.RESENT: "退回后已重报",
    StageStatus.APPROVED: "已通过",
}


class Review(NamedTuple):
    """The upper level's decision on one received package of a stage."""

    sequence: int
    """The sequence of the received package the feedback responds to."""
    decision: Decision


def stage_status(
    received: Iterable[int], reviews: Sequence[Review | tuple[int, Decision]]
) -> StageStatus:
    """A unit's status for a stage.

    Only the newest received package counts: its newest decision says approved or returned.
    Without a decision on it, the stage is *resent* when the newest decision on an older package
    returned it, and *received* (waiting for review) otherwise. Decisions on sequences that were
    never received are ignored.

    Args:
        received: the sequences of the received packages of the stage, in any order.
        reviews: the decisions, oldest first, each with the sequence it responds to.

    Returns:
        The status.
    """
    sequences = set(received)
    if not sequences:
        return StageStatus.NOT_RECEIVED
    newest = max(sequences)
    on_newest = [decision for sequence, decision in reviews if sequence == newest]
    if on_newest:
        return StageStatus.APPROVED if on_newest[-1] is Decision.APPROVE else StageStatus.RETURNED
    earlier = [decision for sequence, decision in reviews if sequence in sequences]
    if earlier and earlier[-1] is Decision.RETURN:
        return StageStatus.RESENT
    return StageStatus.RECEIVED
