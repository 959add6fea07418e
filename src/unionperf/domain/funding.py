"""Typing a project's money: how 年初预算数, 全年预算数 and 全年执行数 go into its funding lines.

An accountant types the original budget (年初预算数) and expects it to be the project's budget.
全年预算数 (A) is the budget after mid-year additions or cuts (domain.md §5.1), so until an
adjustment is typed it equals the original: it follows 年初预算数. Once the two differ, the
adjustment stands and a later change of 年初预算数 leaves it alone.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from unionperf.domain.budget import FundingLine, FundingSource, Project

__all__ = [
    "DEFAULT_SOURCE",
    "LINE_AMOUNTS",
    "single_line_editable",
    "with_amount",
    "with_line_amount",
]

LINE_AMOUNTS = ("initial", "adjusted", "executed")
"""The amounts of a funding line, as :class:`FundingLine` spells them."""

DEFAULT_SOURCE = FundingSource.OWN
"""The source of the line made when an amount is typed for a project without any (本级工会经费)."""


def with_line_amount(line: FundingLine, field: str, amount: Decimal) -> FundingLine:
    """The line with one amount typed; 全年预算数 follows 年初预算数 until it was adjusted."""
    if field not in LINE_AMOUNTS:
        raise ValueError(f"not an amount of a funding line: {field}")
    if field == "initial":
        follows = line.adjusted == line.initial
        return replace(line, initial=amount, adjusted=amount if follows else line.adjusted)
    if field == "adjusted":
        return replace(line, adjusted=amount)
    return replace(line, executed=amount)


def single_line_editable(project: Project) -> bool:
    """Whether a project's totals can be typed on its own row: it has at most one funding line."""
    return len(project.funding) <= 1


def with_amount(project: Project, field: str, amount: Decimal) -> Project:
    """The project with a total typed on its row: its one funding line, or a new one, holds it.

    A project without funding lines gets one from :data:`DEFAULT_SOURCE`. A project with several
    lines has no single place for the amount: that raises ``ValueError`` (the window types those
    amounts line by line).
    """
    if not single_line_editable(project):
        raise ValueError("a project with several funding lines is edited line by line")
    line = project.funding[0] if project.funding else FundingLine(DEFAULT_SOURCE)
    return replace(project, funding=(with_line_amount(line, field, amount),))
