"""A demo year at the start of the self-evaluation: targets and monitoring done, nothing evaluated.

No indicator result, no evaluation text, no 全年执行数 on projects or budget lines and no
self-evaluation sign-off: the state an accountant finds in January before the year-end work.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from unionperf.domain.year import StageKind, YearData
from unionperf.services.cycle import editing

YEAR = 2024
ZERO = Decimal(0)


def unevaluated(data: YearData) -> YearData:
    """``data`` with its year-end work taken out."""
    projects = tuple(
        replace(
            project,
            funding=tuple(replace(line, executed=ZERO) for line in project.funding),
        )
        for project in data.projects
    )
    budget = tuple(replace(line, executed=ZERO) for line in data.budget)
    signoffs = tuple(
        item for item in data.signoffs if item.stage != StageKind.SELF_EVALUATION.value
    )
    return replace(data, projects=projects, budget=budget, evaluations=(), signoffs=signoffs)


def make_unevaluated(workspace) -> None:
    """Store the demo's 2024 without its year-end work."""
    editing.replace_year(workspace, unevaluated(workspace.load_year(YEAR)))
