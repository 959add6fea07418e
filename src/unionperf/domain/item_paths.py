"""Readable paths of the items of a unit's year: what the upper level's opinions and scores name.

The upper level reviews a unit's received data item by item and names an item by a path people
can read and type, e.g. ``项目/2024年职工文体活动经费/指标/举办职工文体活动场次``:

=========================================  ==========================================
path                                       item
=========================================  ==========================================
``整体``                                    the stage as a whole
``预算/收入/会费收入``                        a budget line (``预算/支出/…`` for expenditure)
``单位整体``                                 the unit as a whole (部门（单位）整体)
``单位整体/指标/<indicator>``                 an indicator of the unit as a whole
``项目/<project>``                           a project
``项目/<project>/事前绩效评估``                 a project's ex-ante assessment (where it has one)
``项目/<project>/指标/<indicator>``           an indicator of a project
=========================================  ==========================================

A path depends on the year's data only, so the unit resolves the path it is sent against its own
copy of the same data. Names that repeat are told apart: projects by their code (then uid),
indicators by their level-2 category (then period, then uid), budget lines by their code, e.g.
``项目/职工培训（P03）``. Every path of a year is unique.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from unionperf.domain.assessment import ASSESSMENT_ITEM
from unionperf.domain.budget import UNIT_OWNER, BudgetLine, Project
from unionperf.domain.categories import Flow
from unionperf.domain.indicators import Indicator, Period
from unionperf.domain.year import YearData

STAGE_PATH = "整体"
"""The stage as a whole."""
UNIT_PATH = "单位整体"
PROJECTS = "项目"
INDICATORS = "指标"
BUDGET = "预算"
ASSESSMENT = "事前绩效评估"
"""The last part of the path of a project's ex-ante assessment."""
BUDGET_OWNER = "budget"
"""The owner an opinion on a budget line names (its item is the category code)."""
SEPARATOR = "/"
FLOW_WORDS = {Flow.REVENUE: "收入", Flow.EXPENDITURE: "支出"}
_PERIOD_WORDS = {Period.ANNUAL: "年度", Period.MIDTERM: "中期"}

T = TypeVar("T")


class ItemKind(StrEnum):
    """What a path names."""

    STAGE = "stage"
    BUDGET_LINE = "budget-line"
    UNIT = "unit"
    PROJECT = "project"
    ASSESSMENT = "assessment"
    """A project's ex-ante assessment (owner: the project uid, item: ``ASSESSMENT_ITEM``)."""
    INDICATOR = "indicator"


@dataclass(frozen=True, slots=True)
class ItemRef:
    """An item of the year named by its readable path, with the uids an opinion carries."""

    path: str
    kind: ItemKind
    owner: str
    """``""`` for the stage, :data:`BUDGET_OWNER`, ``unit`` or a project uid."""
    item: str
    """An indicator uid, a budget category code, or ``""`` for the owner as a whole."""


def item_refs(data: YearData) -> tuple[ItemRef, ...]:
    """Every item of the year with its path, in reading order.

    The stage first, then the budget lines (revenue, then expenditure, in the catalogue's order;
    lines of unknown categories last), the unit as a whole and its indicators, then each project
    followed by its ex-ante assessment (where it has one) and its indicators.

    Args:
        data: the unit's year as sent for a stage.

    Returns:
        The items; their paths are unique.
    """
    refs = [ItemRef(STAGE_PATH, ItemKind.STAGE, "", "")]
    refs += _budget_refs(data)
    refs.append(ItemRef(UNIT_PATH, ItemKind.UNIT, UNIT_OWNER, ""))
    refs += _indicator_refs(UNIT_PATH, UNIT_OWNER, data.unit_targets.indicators)
    projects = data.projects
    names = _labels(projects, _project_name, (_code, _uid))
    for project, name in zip(projects, names, strict=True):
        path = f"{PROJECTS}{SEPARATOR}{name}"
        refs.append(ItemRef(path, ItemKind.PROJECT, project.uid, ""))
        if data.assessment_of(project.uid) is not None:
            refs.append(
                ItemRef(
                    f"{path}{SEPARATOR}{ASSESSMENT}",
                    ItemKind.ASSESSMENT,
                    project.uid,
                    ASSESSMENT_ITEM,
                )
            )
        refs += _indicator_refs(path, project.uid, project.targets.indicators)
    return tuple(_unique(refs))


def path_index(data: YearData) -> dict[str, ItemRef]:
    """Every item of the year by its path."""
    return {ref.path: ref for ref in item_refs(data)}


def resolve(data: YearData, path: str) -> ItemRef | None:
    """The item a path names, or ``None`` when the year holds no such item.

    Blanks around the path and around each ``/`` are ignored; a full-width slash ``／`` counts
    as ``/``.
    """
    return path_index(data).get(normalise(path))


def normalise(path: str) -> str:
    """A typed path as :func:`item_refs` spells it (blanks trimmed, ``／`` read as ``/``)."""
    parts = path.replace("／", SEPARATOR).split(SEPARATOR)
    return SEPARATOR.join(part.strip() for part in parts).strip()


def path_of(data: YearData, owner: str, item: str = "") -> str | None:
    """The path of the item an opinion names by uids (``None`` when the year does not hold it)."""
    return next(
        (ref.path for ref in item_refs(data) if ref.owner == owner and ref.item == item), None
    )


def _budget_refs(data: YearData) -> list[ItemRef]:
    catalogue = data.catalogue
    order = {item.code: number for number, item in enumerate(catalogue.categories)}
    lines = sorted(data.budget, key=lambda line: order.get(line.category_code, len(order)))

    def base(line: BudgetLine) -> str:
        category = catalogue.by_code(line.category_code)
        if category is None:
            return line.category_code
        return f"{FLOW_WORDS[category.flow]}{SEPARATOR}{category.name}"

    labels = _labels(lines, base, (lambda line: line.category_code,))
    return [
        ItemRef(
            f"{BUDGET}{SEPARATOR}{label}", ItemKind.BUDGET_LINE, BUDGET_OWNER, line.category_code
        )
        for line, label in zip(lines, labels, strict=True)
    ]


def _indicator_refs(owner_path: str, owner: str, indicators: Sequence[Indicator]) -> list[ItemRef]:
    labels = _labels(
        indicators,
        lambda item: item.name.strip() or item.uid,
        (
            lambda item: item.level2,
            lambda item: f"{item.level2}·{_PERIOD_WORDS[item.period]}",
            _uid,
        ),
    )
    return [
        ItemRef(
            f"{owner_path}{SEPARATOR}{INDICATORS}{SEPARATOR}{label}",
            ItemKind.INDICATOR,
            owner,
            indicator.uid,
        )
        for indicator, label in zip(indicators, labels, strict=True)
    ]


def _project_name(project: Project) -> str:
    return project.name.strip() or project.code.strip() or project.uid


def _code(project: Project) -> str:
    return project.code.strip()


def _uid(item: Project | Indicator) -> str:
    return item.uid


def _labels(
    items: Sequence[T], name: Callable[[T], str], tags: Sequence[Callable[[T], str]]
) -> list[str]:
    """Each item's name; names that repeat get the first tag that tells the group apart."""
    bases = [name(item) for item in items]
    counts = Counter(bases)
    labels = list(bases)
    for base, count in counts.items():
        if count < 2:  # noqa: PLR2004 - a name that does not repeat keeps its plain form
            continue
        group = [number for number, held in enumerate(bases) if held == base]
        for tag in tags:
            tagged = [tag(items[number]).strip() for number in group]
            if all(tagged) and len(set(tagged)) == len(tagged):
                for number, text in zip(group, tagged, strict=True):
                    labels[number] = f"{base}（{text}）"
                break
    return labels


def _unique(refs: list[ItemRef]) -> list[ItemRef]:
    """The refs with any path still repeated (a name that looks like a tagged one) made unique."""
    counts = Counter(ref.path for ref in refs)
    if all(count == 1 for count in counts.values()):
        return refs
    return [
        ItemRef(f"{ref.path}（{ref.item or ref.owner}）", ref.kind, ref.owner, ref.item)
        if counts[ref.path] > 1
        else ref
        for ref in refs
    ]
