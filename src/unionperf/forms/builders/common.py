"""Shared pieces of the form builders: cells, meta lines, sign-offs, sheet names, indicator rows."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal

from unionperf.domain.framework import Framework
from unionperf.domain.indicators import Indicator
from unionperf.domain.money import round2, yuan_to_wan
from unionperf.domain.settings import SIGNOFF_LABELS
from unionperf.domain.year import YearData
from unionperf.forms.model import Cell, Kind

Row = tuple[Cell, ...]

WAN = "万元"
YUAN = "元"
SHEET_LIMIT = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def label(text: str, colspan: int = 1, rowspan: int = 1, *, bold: bool = True) -> Cell:
    """A fixed label (bold, shaded when in a header)."""
    return Cell(text, Kind.LABEL, colspan=colspan, rowspan=rowspan, bold=bold)


def text(value: str, colspan: int = 1, rowspan: int = 1, *, align: str = "") -> Cell:
    """User or computed text, wrapped."""
    return Cell(value, Kind.TEXT, colspan=colspan, rowspan=rowspan, align=align)


def centred(value: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    """Short text centred in its cell (dashes, grades, signs)."""
    return Cell(value, Kind.TEXT, colspan=colspan, rowspan=rowspan, align="center")


def yuan(value: Decimal | None, colspan: int = 1, *, bold: bool = False) -> Cell:
    """An amount in 元, rounded to the fen."""
    amount = None if value is None else round2(value)
    return Cell(amount, Kind.MONEY, colspan=colspan, bold=bold)


def wan(value: Decimal | None, colspan: int = 1, *, bold: bool = False) -> Cell:
    """An amount held in 元 shown in 万元 (two decimals)."""
    amount = None if value is None else yuan_to_wan(value)
    return Cell(amount, Kind.MONEY, colspan=colspan, bold=bold)


def rate(value: Decimal | None, colspan: int = 1) -> Cell:
    """A fraction shown as a percentage."""
    return Cell(value, Kind.RATE, colspan=colspan)


def score(value: Decimal | None, colspan: int = 1, *, bold: bool = False) -> Cell:
    """A score with two decimals."""
    return Cell(value, Kind.SCORE, colspan=colspan, bold=bold)


def number(value: Decimal | None, colspan: int = 1, *, bold: bool = False) -> Cell:
    """A plain number (points)."""
    return Cell(value, Kind.NUMBER, colspan=colspan, bold=bold)


def meta(data: YearData, money_unit: str = "") -> tuple[tuple[str, str], ...]:
    """The lines above a table: 填报单位（盖章）, 年度 and the money unit when there is one."""
    lines = [("填报单位（盖章）", data.unit.name), ("年度", str(data.year))]
    if money_unit:
        lines.append(("单位", money_unit))
    return tuple(lines)


def signoff_roles(data: YearData) -> tuple[str, ...]:
    """The sign-off roles the workspace requires, as printed (填报人, 工会主席, 经审会主任)."""
    return tuple(SIGNOFF_LABELS[role] for role in data.settings.required_signoffs)


def signed(data: YearData, stage: str) -> tuple[tuple[str, str, str], ...]:
    """The recorded sign-offs of a stage as (role label, name, ISO date), in the required order."""
    recorded = data.signoffs_for(stage)
    return tuple(
        (SIGNOFF_LABELS[role], recorded[role].name, recorded[role].signed_on.isoformat())
        for role in data.settings.required_signoffs
        if role in recorded
    )


def sheet_name(prefix: str, name: str = "") -> str:
    """A worksheet name: prefix and name, forbidden characters replaced, at most 31 characters.

    Args:
        prefix: The part that makes the name unique (e.g. ``目标03``); kept whole.
        name: The readable rest (e.g. the project name), cut to fit.
    """
    raw = f"{prefix}-{name}" if name else prefix
    cleaned = _SHEET_FORBIDDEN.sub("_", raw).strip("'") or "表"
    return cleaned[:SHEET_LIMIT]


def short_project_name(name: str, year: int) -> str:
    """The project name without its leading year: ``2024年职工文体活动`` → ``职工文体活动``."""
    prefix = f"{year}年"
    return name[len(prefix) :] if name.startswith(prefix) and len(name) > len(prefix) else name


def indicator_rows(
    framework: Framework,
    indicators: Sequence[Indicator],
    tail: Callable[[Indicator], Sequence[Cell]],
    subtotal: Callable[[str], Sequence[Cell]] | None = None,
) -> list[Row]:
    """Indicator rows grouped by level 1 and level 2, with those two cells merged downwards.

    Args:
        framework: The year's indicator framework: the groups follow its order (产出, 效益,
            满意度 …), whatever order the indicators were added in.
        indicators: The level-3 indicators; inside a level-2 group they keep this order.
        tail: The cells after 三级指标 for one indicator.
        subtotal: When given, builds a row closing each level-1 group from the level-1 name: the
            cells after the level-1 cell, which spans the subtotal row too.
    """
    groups: dict[str, dict[str, list[Indicator]]] = {}
    for item in framework.ordered(indicators):
        groups.setdefault(item.level1, {}).setdefault(item.level2, []).append(item)
    rows: list[Row] = []
    for level1, by_level2 in groups.items():
        count = sum(len(items) for items in by_level2.values())
        first_of_level1 = True
        for level2, items in by_level2.items():
            for index, indicator in enumerate(items):
                cells: list[Cell] = []
                if first_of_level1:
                    span = count + (1 if subtotal else 0)
                    cells.append(label(level1, rowspan=span, bold=False))
                    first_of_level1 = False
                if index == 0:
                    cells.append(label(level2, rowspan=len(items), bold=False))
                cells.append(text(indicator.name))
                cells.extend(tail(indicator))
                rows.append(tuple(cells))
        if subtotal is not None:
            rows.append(tuple(subtotal(level1)))
    return rows
