"""The indicator framework: level-1 → level-2 code lists as versioned data (domain.md §2.1).

Levels 1 and 2 are fixed code lists; level 3 is the user's own indicator. The list is data, not an
enum, so both the 3-category layout (财预〔2020〕10号, 成本 under 产出) and the 4-category layout of
财预〔2021〕101号 are supported, and a later parameter package can bring another version.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise
from typing import Protocol, TypeVar


class MonitoringRule(StrEnum):
    """How an indicator's in-year progress is judged (domain.md §4.3, Shanxi rule)."""

    PRORATED = "prorated"
    """数量/效益/满意度: compared with target × month ÷ 12, four colours."""
    THRESHOLD = "threshold"
    """质量/时效/成本: within the target → green, outside → red."""


class _Categorised(Protocol):
    """Anything filed under a level-1 and a level-2 category (an indicator)."""

    @property
    def level1(self) -> str: ...

    @property
    def level2(self) -> str: ...


_C = TypeVar("_C", bound=_Categorised)


@dataclass(frozen=True, slots=True)
class Level2:
    """A level-2 category (二级指标), e.g. 数量指标."""

    name: str
    monitoring: MonitoringRule


@dataclass(frozen=True, slots=True)
class Level1:
    """A level-1 category (一级指标) with its default self-evaluation points and level-2 list."""

    name: str
    default_points: Decimal
    level2: tuple[Level2, ...]

    def level2_named(self, name: str) -> Level2 | None:
        """The level-2 category of that name under this level 1, if any."""
        return next((item for item in self.level2 if item.name == name), None)


@dataclass(frozen=True, slots=True)
class Framework:
    """One version of the indicator framework (指标体系)."""

    code: str
    title: str
    version: int
    level1: tuple[Level1, ...]
    execution_points: Decimal = Decimal(10)

    def level1_named(self, name: str) -> Level1 | None:
        """The level-1 category of that name, if any."""
        return _level_index(self)[0].get(name)

    def level2_of(self, level1: str, level2: str) -> Level2 | None:
        """The level-2 category under that level 1, or ``None`` if the pair is not in the list."""
        return _level_index(self)[1].get((level1, level2))

    def monitoring_rule(self, level1: str, level2: str) -> MonitoringRule:
        """The level-2 category's monitoring rule; a pair not in the framework is a threshold."""
        found = self.level2_of(level1, level2)
        return found.monitoring if found else MonitoringRule.THRESHOLD

    def ordered(self, items: Iterable[_C]) -> tuple[_C, ...]:
        """Indicators in canonical order (产出, 效益, 满意度 …), whatever order they were added in.

        Level 1 in framework order, then level 2 in framework order, then the user's order (as
        given). Categories not in the framework follow those that are, in order of first
        appearance.
        """
        held = tuple(items)
        level1_ranks, pair_ranks = _ranks(self)
        unknown: dict[tuple[str, str] | str, int] = {}
        keys = []
        for item in held:
            pair = (item.level1, item.level2)
            rank = pair_ranks.get(pair)
            if rank is None:
                top = level1_ranks.get(item.level1)
                if top is None:
                    top = unknown.setdefault(item.level1, len(level1_ranks) + len(unknown))
                rank = top * _RANK_STEP + _RANK_STEP // 2 + unknown.setdefault(pair, len(unknown))
            keys.append(rank)
        if all(first <= second for first, second in pairwise(keys)):
            return held
        return tuple(held[index] for index in sorted(range(len(held)), key=keys.__getitem__))

    def default_weights(self) -> dict[str, Decimal]:
        """Default points: ``execution`` plus each level-1 name (domain.md §5.2)."""
        weights = {"execution": self.execution_points}
        weights.update({item.name: item.default_points for item in self.level1})
        return weights


_P, _T = MonitoringRule.PRORATED, MonitoringRule.THRESHOLD
SATISFACTION = "满意度指标"
OUTPUT = "产出指标"
BENEFIT = "效益指标"
COST = "成本指标"

THREE_CATEGORY = Framework(
    code="mof-2020-3cat",
    title="财预〔2020〕10号：产出、效益、满意度（成本在产出下）",
    version=1,
    level1=(
        Level1(
            OUTPUT,
            Decimal(50),
            (
                Level2("数量指标", _P),
                Level2("质量指标", _T),
                Level2("时效指标", _T),
                Level2("成本指标", _T),
            ),
        ),
        Level1(
            BENEFIT,
            Decimal(30),
            (
                Level2("经济效益指标", _P),
                Level2("社会效益指标", _P),
                Level2("生态效益指标", _P),
                Level2("可持续影响指标", _P),
            ),
        ),
        Level1(SATISFACTION, Decimal(10), (Level2("服务对象满意度指标", _P),)),
    ),
)

# domain.md §2.1: 财预〔2021〕101号 promotes 成本 to level 1. Its default points are our inference
# (domain.md §9: the 2020 weights are defined on the 3-category layout); they are a setting.
FOUR_CATEGORY = Framework(
    code="mof-2021-4cat",
    title="财预〔2021〕101号：成本、产出、效益、满意度",
    version=1,
    level1=(
        Level1(
            COST,
            Decimal(10),
            (
                Level2("经济成本指标", _T),
                Level2("社会成本指标", _T),
                Level2("生态环境成本指标", _T),
            ),
        ),
        Level1(
            OUTPUT,
            Decimal(40),
            (Level2("数量指标", _P), Level2("质量指标", _T), Level2("时效指标", _T)),
        ),
        Level1(
            BENEFIT,
            Decimal(30),
            (
                Level2("经济效益指标", _P),
                Level2("社会效益指标", _P),
                Level2("生态效益指标", _P),
                Level2("可持续影响指标", _P),
            ),
        ),
        Level1(SATISFACTION, Decimal(10), (Level2("服务对象满意度指标", _P),)),
    ),
)

FRAMEWORKS: dict[str, Framework] = {item.code: item for item in (THREE_CATEGORY, FOUR_CATEGORY)}
DEFAULT_FRAMEWORK = THREE_CATEGORY


def framework_by_code(code: str) -> Framework:
    """The built-in framework with that code.

    Raises:
        KeyError: no framework has that code.
    """
    return FRAMEWORKS[code]


_LEVEL_INDEXES: dict[int, tuple[Framework, dict[str, Level1], dict[tuple[str, str], Level2]]] = {}
_RANK_STEP = 100_000
"""Room for the level-2 ranks (and unknown level-2 names) under one level-1 rank."""
_RANKS: dict[int, tuple[Framework, dict[str, int], dict[tuple[str, str], int]]] = {}


def _ranks(framework: Framework) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """Each level 1's rank and each (level 1, level 2)'s sort key, built once per framework."""
    held = _RANKS.get(id(framework))
    if held is not None and held[0] is framework:
        return held[1], held[2]
    level1 = {item.name: index for index, item in enumerate(framework.level1)}
    pairs = {
        (parent.name, child.name): level1[parent.name] * _RANK_STEP + index
        for parent in framework.level1
        for index, child in enumerate(parent.level2)
    }
    _RANKS[id(framework)] = (framework, level1, pairs)
    return level1, pairs


def _level_index(
    framework: Framework,
) -> tuple[dict[str, Level1], dict[tuple[str, str], Level2]]:
    """Level-1 by name and level-2 by (level 1, level 2), built once per framework object."""
    held = _LEVEL_INDEXES.get(id(framework))
    if held is not None and held[0] is framework:
        return held[1], held[2]
    level1: dict[str, Level1] = {}
    level2: dict[tuple[str, str], Level2] = {}
    for parent in framework.level1:
        level1.setdefault(parent.name, parent)
        for child in parent.level2:
            level2.setdefault((parent.name, child.name), child)
    _LEVEL_INDEXES[id(framework)] = (framework, level1, level2)
    return level1, level2
