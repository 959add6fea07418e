"""Validation rules (domain.md §3.3, §4, §5.2, §5.7): each returns problems, never raises."""

from __future__ import annotations

from unionperf.domain.validation.checks import (
    active_stages,
    blocking_problems,
    check_stage,
    check_year,
    signoff_blockers,
    year_scorer,
)

__all__ = [
    "active_stages",
    "blocking_problems",
    "check_stage",
    "check_year",
    "signoff_blockers",
    "year_scorer",
]
