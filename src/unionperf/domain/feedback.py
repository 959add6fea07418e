"""What passes down from the upper level: its decision on a stage and its opinions on items."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Decision(StrEnum):
    """The upper level's decision on a unit's stage."""

    APPROVE = "approve"
    """通过."""
    RETURN = "return"
    """退回 (the unit corrects and sends the stage again)."""

    @property
    def label(self) -> str:
        """通过 or 退回."""
        return "通过" if self is Decision.APPROVE else "退回"


@dataclass(frozen=True, slots=True)
class Opinion:
    """One opinion of the upper level on an item of the unit's data."""

    owner: str
    """Project uid, ``unit``, or empty for the whole stage."""
    item: str
    """Indicator uid, category code … or empty."""
    field: str
    label: str
    """The upper level's own description of the item."""
    text: str


@dataclass(frozen=True, slots=True)
class Feedback:
    """A feedback package the unit imported: the decision and the opinions."""

    stage: str
    decision: Decision
    sender: str
    received_at: str
    sequence: int
    opinions: tuple[Opinion, ...]
