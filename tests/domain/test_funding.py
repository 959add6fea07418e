"""Typing a project's money: 全年预算数 follows 年初预算数 until an adjustment is typed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from unionperf.domain.budget import FundingLine, FundingSource, Project
from unionperf.domain.funding import with_amount, with_line_amount


def _project(*funding: FundingLine) -> Project:
    return Project(uid="p", code="P-01", name="职工文体活动", category_code="501", funding=funding)


def test_the_full_year_budget_follows_the_initial_budget_until_adjusted():
    line = FundingLine(FundingSource.OWN)
    typed = with_line_amount(line, "initial", Decimal("50000"))
    assert (typed.initial, typed.adjusted) == (Decimal("50000"), Decimal("50000"))
    again = with_line_amount(typed, "initial", Decimal("52000"))
    assert again.adjusted == Decimal("52000")
    adjusted = with_line_amount(again, "adjusted", Decimal("60000"))
    kept = with_line_amount(adjusted, "initial", Decimal("48000"))
    assert (kept.initial, kept.adjusted) == (Decimal("48000"), Decimal("60000"))


def test_the_executed_amount_changes_nothing_else():
    line = FundingLine(FundingSource.OWN, Decimal("10"), Decimal("12"))
    typed = with_line_amount(line, "executed", Decimal("11"))
    assert (typed.initial, typed.adjusted, typed.executed) == (
        Decimal("10"),
        Decimal("12"),
        Decimal("11"),
    )


def test_an_unknown_field_is_refused():
    with pytest.raises(ValueError, match="source"):
        with_line_amount(FundingLine(FundingSource.OWN), "source", Decimal("1"))


def test_a_project_without_funding_gets_a_line_of_its_own_funds():
    project = with_amount(_project(), "initial", Decimal("30000"))
    assert project.funding == (FundingLine(FundingSource.OWN, Decimal("30000"), Decimal("30000")),)
    assert project.full_year_budget == Decimal("30000")


def test_a_project_with_one_line_types_into_it():
    project = _project(FundingLine(FundingSource.UPPER_SUBSIDY, Decimal("5"), Decimal("5")))
    typed = with_amount(project, "executed", Decimal("4"))
    assert typed.funding[0].source is FundingSource.UPPER_SUBSIDY
    assert typed.executed == Decimal("4")


def test_a_project_with_several_lines_is_edited_line_by_line():
    project = _project(FundingLine(FundingSource.OWN), FundingLine(FundingSource.OTHER))
    with pytest.raises(ValueError, match="line by line"):
        with_amount(project, "initial", Decimal("1"))
