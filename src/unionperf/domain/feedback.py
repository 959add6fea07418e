"""What passes down from the upper level: its decision on a stage and its opinions on items."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from unionperf.domain.assessment import ASSESSMENT_ITEM
from unionperf.domain.budget import UNIT_OWNER, TargetSet
from unionperf.domain.item_paths import BUDGET_OWNER, path_of, resolve
from unionperf.domain.year import YearData


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
    """Project uid, ``unit``, ``budget`` (a budget line), or empty for the whole stage."""
    item: str
    """Uid of an indicator of the owner (a category code for a budget line), or empty for the
    owner as a whole."""
    field: str
    label: str
    """The upper level's own description of the item: its readable path (``item_paths``)."""
    text: str


@dataclass(frozen=True, slots=True)
class PathOpinion:
    """An opinion that names its item by readable path (``{"path": …, "text": …}``).

    The path is resolved against the unit's data with :func:`opinion_at` (see ``item_paths``).
    """

    path: str
    text: str


OPINION_FIELDS = ("owner", "item", "field", "label", "text")
"""The fields of an opinion, in order: the keys of its JSON object in packages and the store."""


def opinion_fields(opinion: Opinion) -> dict[str, str]:
    """An opinion as a mapping of its fields (the JSON object of ``feedback.json``)."""
    return {key: str(getattr(opinion, key)) for key in OPINION_FIELDS}


def opinion_from_fields(item: object) -> Opinion:
    """An opinion from its mapping; a missing key is empty, a bare string is the text."""
    fields: dict[Any, Any] = item if isinstance(item, dict) else {"text": str(item)}
    return Opinion(*(str(fields.get(key, "")) for key in OPINION_FIELDS))


@dataclass(frozen=True, slots=True)
class Feedback:
    """A feedback package the unit imported: the decision and the opinions."""

    stage: str
    decision: Decision
    sender: str
    received_at: str
    sequence: int
    opinions: tuple[Opinion, ...]


def unknown_reference(opinion: Opinion, data: YearData) -> str | None:
    """Why an opinion names something the unit's data does not hold, or ``None``.

    An opinion may name an owner (``unit`` or a project uid of ``data``) and, with it, one of that
    owner's indicators; or a budget line (owner ``budget``, item its category code).

    Args:
        opinion: the upper level's opinion.
        data: the year's data the unit sent for the stage.

    Returns:
        ``None`` when the owner and item exist (or are empty); otherwise a Chinese sentence naming
        the unknown uid, e.g. ``项目（abc123）不在该单位报送的数据中``.
    """
    if not opinion.owner:
        if opinion.item:
            return f"指标（{opinion.item}）未指明所属的项目或单位整体（owner）"
        return None
    if opinion.owner == BUDGET_OWNER:
        return _unknown_budget_line(opinion.item, data)
    targets = data.targets_of(opinion.owner)
    if targets is None:
        return f"项目（{opinion.owner}）不在该单位报送的数据中"
    return _unknown_item(opinion, targets, data)


def _unknown_item(opinion: Opinion, targets: TargetSet, data: YearData) -> str | None:
    """Why the indicator or assessment an opinion names under a known owner is unknown."""
    if opinion.item == ASSESSMENT_ITEM and opinion.owner != UNIT_OWNER:
        if data.assessment_of(opinion.owner) is not None:
            return None
        return f"项目（{opinion.owner}）的事前绩效评估不在该单位报送的数据中"
    if opinion.item and targets.indicator(opinion.item) is None:
        owner = "单位整体" if opinion.owner == UNIT_OWNER else f"项目（{opinion.owner}）"
        return f"指标（{opinion.item}）不在该单位报送的{owner}的绩效目标中"
    return None


def _unknown_budget_line(code: str, data: YearData) -> str | None:
    if any(line.category_code == code for line in data.budget):
        return None
    return f"预算科目（{code or '未指明'}）不在该单位报送的预算中"


def opinion_at(data: YearData, path: str, text: str) -> Opinion | None:
    """The opinion on the item a readable path names, or ``None`` when the data holds no such item.

    The opinion's label is the path as :func:`unionperf.domain.item_paths.item_refs` spells it.
    """
    ref = resolve(data, path)
    return None if ref is None else Opinion(ref.owner, ref.item, "", ref.path, text)


def labelled(opinion: Opinion, data: YearData) -> Opinion:
    """The opinion with its item's readable path as label, when it names an item by uid only."""
    if opinion.label.strip():
        return opinion
    path = path_of(data, opinion.owner, opinion.item)
    return opinion if path is None else replace(opinion, label=path)
