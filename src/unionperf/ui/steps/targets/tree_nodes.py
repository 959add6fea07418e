"""The rows and columns of the indicator tree: levels 1 and 2 with their indicators, sums.

Levels 1 and 2 come from the year's framework, so every category shows even while it is empty;
an indicator whose category is not in the framework gets a level of its own (``known`` false).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import IntEnum

from PySide6.QtCore import Qt

from unionperf.domain.budget import TargetSet
from unionperf.domain.indicators import Indicator, IndicatorKind, Operator, interval_text
from unionperf.domain.money import ZERO
from unionperf.domain.problems import Problem, ProblemCode
from unionperf.domain.year import YearData
from unionperf.ui.widgets.formatting import plain
from unionperf.ui.widgets.table_model import Kind

__all__ = [
    "FIELD_COLUMNS",
    "Level1",
    "Level2",
    "LevelSum",
    "NodeKind",
    "TreeColumn",
    "build_tree",
    "column_alignment",
    "editor_kind",
    "sums_of",
    "target_text",
    "tree_shape",
]


class TreeColumn(IntEnum):
    """The tree's columns."""

    NAME = 0
    KIND = 1
    OPERATOR = 2
    TARGET = 3
    UNIT = 4
    POINTS = 5
    PERIOD = 6
    EXPLANATION = 7


FIELD_COLUMNS: dict[str, TreeColumn] = {
    "name": TreeColumn.NAME,
    "level1": TreeColumn.NAME,
    "level2": TreeColumn.NAME,
    "kind": TreeColumn.KIND,
    "operator": TreeColumn.OPERATOR,
    "target": TreeColumn.TARGET,
    "target_text": TreeColumn.TARGET,
    "unit": TreeColumn.UNIT,
    "points": TreeColumn.POINTS,
    "period": TreeColumn.PERIOD,
    "explanation": TreeColumn.EXPLANATION,
}
"""The column showing a field, as :class:`~unionperf.domain.problems.Location` names it."""


class NodeKind(IntEnum):
    """What a row of the tree is."""

    LEVEL1 = 1
    LEVEL2 = 2
    INDICATOR = 3


@dataclass
class Level2:
    """A level-2 category (``known``: in the framework) and its indicators."""

    name: str
    known: bool
    indicators: list[Indicator] = field(default_factory=list)

    def points(self) -> Decimal:
        return sum((item.points or ZERO for item in self.indicators), ZERO)


@dataclass
class Level1:
    """A level-1 category (``known``: in the framework) and its level-2 categories."""

    name: str
    known: bool
    children: list[Level2] = field(default_factory=list)

    def points(self) -> Decimal:
        return sum((child.points() for child in self.children), ZERO)

    def child(self, name: str) -> Level2 | None:
        return next((item for item in self.children if item.name == name), None)


@dataclass(frozen=True)
class LevelSum:
    """A level-1 category's points: the sum of its indicators and what the rules expect."""

    level1: str
    total: Decimal
    expected: Decimal | None
    problem: str
    """The rule's message when the sum breaks it, else empty."""


def build_tree(data: YearData, targets: TargetSet) -> list[Level1]:
    """The framework's levels 1 and 2 with the owner's indicators under them."""
    tree = [
        Level1(top.name, True, [Level2(child.name, True) for child in top.level2])
        for top in data.framework.level1
    ]
    for indicator in targets.indicators:
        top = next((item for item in tree if item.name == indicator.level1), None)
        if top is None:
            top = Level1(indicator.level1, False)
            tree.append(top)
        child = top.child(indicator.level2)
        if child is None:
            child = Level2(indicator.level2, False)
            top.children.append(child)
        child.indicators.append(indicator)
    return tree


def sums_of(data: YearData, tree: list[Level1], problems: Sequence[Problem]) -> dict[str, LevelSum]:
    """Each level-1 category's points sum, expected points and broken-rule message."""
    broken = {
        problem.where.item_uid: problem.message
        for problem in problems
        if problem.code is ProblemCode.TARGET_POINTS_SUM
    }
    weights = data.settings.weights
    return {
        top.name: LevelSum(top.name, top.points(), weights.get(top.name), broken.get(top.name, ""))
        for top in tree
    }


def tree_shape(tree: list[Level1]) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """The rows of a tree (names and indicator uids): equal shapes need no model reset."""
    return [
        (
            top.name,
            [(child.name, [item.uid for item in child.indicators]) for child in top.children],
        )
        for top in tree
    ]


def editor_kind(indicator: Indicator, column: TreeColumn) -> Kind:
    """The editor a cell of an indicator row takes."""
    if column in (TreeColumn.KIND, TreeColumn.OPERATOR, TreeColumn.PERIOD):
        return Kind.CHOICE
    if column is TreeColumn.POINTS:
        return Kind.NUMBER
    if column is TreeColumn.TARGET and indicator.kind is IndicatorKind.QUANTITATIVE:
        # An interval is typed as text: 60～80.
        return Kind.TEXT if indicator.operator is Operator.INTERVAL else Kind.NUMBER
    return Kind.TEXT


def target_text(indicator: Indicator) -> str:
    """The 指标值 cell: the number, an interval ``60～80``, or a qualitative target's wording."""
    if indicator.kind is IndicatorKind.QUALITATIVE:
        return indicator.target_text
    if indicator.operator is Operator.INTERVAL:
        return interval_text(indicator.target, indicator.target_upper)
    return plain(indicator.target)


def column_alignment(column: TreeColumn) -> int:
    """How a column's cells are aligned: numbers right, choices centred, text left."""
    vertical = Qt.AlignmentFlag.AlignVCenter
    if column in (TreeColumn.TARGET, TreeColumn.POINTS):
        return int(Qt.AlignmentFlag.AlignRight | vertical)
    if column in (TreeColumn.KIND, TreeColumn.OPERATOR, TreeColumn.PERIOD):
        return int(Qt.AlignmentFlag.AlignHCenter | vertical)
    return int(Qt.AlignmentFlag.AlignLeft | vertical)
