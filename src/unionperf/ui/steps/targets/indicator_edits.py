"""Editing one indicator cell of the tree: the new indicator, and the operator a new one gets.

Switching between quantitative and qualitative keeps what was typed (see :func:`edited_indicator`).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication

from unionperf.domain.budget import TargetSet
from unionperf.domain.framework import COST
from unionperf.domain.indicators import (
    Indicator,
    IndicatorKind,
    Operator,
    Period,
    parse_interval,
)
from unionperf.domain.money import ZERO
from unionperf.ui.steps.targets.tree_nodes import TreeColumn
from unionperf.ui.widgets.formatting import parse_amount

__all__ = [
    "default_operator",
    "edited_indicator",
    "fresh_name",
    "refusal_text",
]


def default_operator(level1: str, level2: str) -> Operator:
    """≤ for cost indicators (lower is better), ≥ for the rest (domain.md §3.3 rule 5)."""
    return Operator.LE if level1 == COST or "成本" in level2 else Operator.GE


def edited_indicator(  # noqa: PLR0911, PLR0912 - one case per column
    indicator: Indicator, column: TreeColumn, value: object
) -> Indicator | None:
    """The indicator with the cell of ``column`` set to ``value``; ``None`` if it is not valid.

    Switching between quantitative and qualitative (by kind or by the 定性 operator) moves the
    target between the number and the wording, so nothing typed is lost.
    """
    text = "" if value is None else str(value).strip()
    match column:
        case TreeColumn.NAME:
            return replace(indicator, name=text)
        case TreeColumn.KIND:
            if text == IndicatorKind.QUALITATIVE.value:
                return _as_qualitative(indicator)
            if text == IndicatorKind.QUANTITATIVE.value:
                return _as_quantitative(indicator, None)
            return None
        case TreeColumn.OPERATOR:
            try:
                operator = Operator(text)
            except ValueError:
                return None
            if operator is Operator.QUALITATIVE:
                return _as_qualitative(indicator)
            return _as_quantitative(indicator, operator)
        case TreeColumn.TARGET:
            if indicator.kind is IndicatorKind.QUALITATIVE:
                return replace(indicator, target_text=text)
            if indicator.operator is Operator.INTERVAL:
                return _with_interval(indicator, text)
            number = parse_amount(text)
            if text and number is None:
                return None
            return replace(indicator, target=number)
        case TreeColumn.UNIT:
            return replace(indicator, unit=text)
        case TreeColumn.POINTS:
            points = parse_amount(text)
            if text and points is None:
                return None
            return replace(indicator, points=points)
        case TreeColumn.PERIOD:
            try:
                return replace(indicator, period=Period(text))
            except ValueError:
                return None
        case TreeColumn.EXPLANATION:
            return replace(indicator, explanation=text)


def _with_interval(indicator: Indicator, text: str) -> Indicator | None:
    """An interval target typed as ``60～80`` (or ``60-80``); blank clears both bounds."""
    if not text:
        return replace(indicator, target=None, target_upper=None)
    bounds = parse_interval(text)
    if bounds is None:
        return None
    return replace(indicator, target=bounds[0], target_upper=bounds[1])


def _as_qualitative(indicator: Indicator) -> Indicator:
    if indicator.kind is IndicatorKind.QUALITATIVE:
        return indicator
    wording = indicator.target_text or indicator.display_target
    return replace(
        indicator,
        operator=Operator.QUALITATIVE,
        target=None,
        target_upper=None,
        target_text=wording,
    )


def _as_quantitative(indicator: Indicator, operator: Operator | None) -> Indicator:
    """Another quantitative operator; the number becomes an interval's lower bound and back."""
    if indicator.kind is IndicatorKind.QUANTITATIVE:
        if operator is None or operator is indicator.operator:
            return indicator
        return replace(indicator, operator=operator, target_upper=None)
    chosen = operator or default_operator(indicator.level1, indicator.level2)
    number = parse_amount(indicator.target_text)
    return replace(
        indicator,
        operator=chosen,
        target=number if number is not None and number >= ZERO else None,
        target_text="",
    )


def fresh_name(targets: TargetSet | None, base: str) -> str:
    """``base``, else ``base2``, ``base3`` …: a name none of the owner's indicators has."""
    names = {item.name for item in targets.indicators} if targets else set()
    name, number = base, 1
    while name in names:
        number += 1
        name = f"{base}{number}"
    return name


def refusal_text(indicator: Indicator, column: TreeColumn, text: str) -> str:
    """Why the text typed into an indicator's cell was not taken, and what the cell takes.

    Strings belong to the targets page (``TargetsStep`` context).
    """
    if column is TreeColumn.TARGET and indicator.operator is Operator.INTERVAL:
        return QCoreApplication.translate(
            "TargetsStep",
            "The target of “{name}” is an interval: write it as 60～80 (two numbers not below"
            " 0, the lower bound first, not above the upper one). “{text}” was not accepted.",
        ).format(name=indicator.name, text=text)
    return QCoreApplication.translate(
        "TargetsStep",
        "“{name}” takes a number here: digits and a decimal point only. “{text}” was not accepted.",
    ).format(name=indicator.name, text=text)
