"""The texts over the self-evaluation step's tabs: total and grade, budget execution, guide.

They differ for an owner whose evaluation is started and one whose evaluation is not.

An owner with no indicator result entered has nothing to grade: it shows that the evaluation is
not started and what to do first, never "0.00 · 差". Strings belong to the step's page
(``EvaluationStep`` context).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from unionperf.domain.money import ZERO
from unionperf.domain.scoring import Grade
from unionperf.services.views.evaluation_view import OwnerRow
from unionperf.ui.widgets.formatting import amount, percent, plain

__all__ = [
    "FUNDS_LINK",
    "GRADE_COLOURS",
    "NOT_STARTED_COLOUR",
    "funds_text",
    "guide_text",
    "spending_missing",
    "total_text",
]

GRADE_COLOURS = {
    Grade.EXCELLENT: "#1e7a34",
    Grade.GOOD: "#1d4f91",
    Grade.FAIR: "#a15c00",
    Grade.POOR: "#b3261e",
}
NOT_STARTED_COLOUR = "#6b6b6b"
MISSING_COLOUR = "#b3261e"
FUNDS_LINK = "funds"
"""The link target of the budget-execution line: it opens the funds tab."""


def spending_missing(row: OwnerRow) -> bool:
    """Something is budgeted and nothing is recorded as spent yet."""
    return row.budget > ZERO and row.executed <= ZERO


def total_text(row: OwnerRow) -> tuple[str, str]:
    """The big line at the top right and its colour: total and grade, or "not started"."""
    if not row.started:
        text = QCoreApplication.translate("EvaluationStep", "Self-evaluation not filled in yet")
        return text, NOT_STARTED_COLOUR
    text = QCoreApplication.translate("EvaluationStep", "Total {total} · {grade}").format(
        total=f"{row.total:.2f}", grade=row.grade
    )
    return text, GRADE_COLOURS[row.grade]


def funds_text(row: OwnerRow) -> str:
    """The budget execution line (rich text) with a link to the funds tab."""
    line = QCoreApplication.translate(
        "EvaluationStep",
        "Budget execution: full-year budget {budget} yuan, executed {executed} yuan, "
        "rate {rate}, score {score} of {points}",
    ).format(
        budget=amount(row.budget),
        executed=amount(row.executed),
        rate=percent(row.rate) if row.rate is not None else "—",
        score=f"{row.execution_score:.2f}",
        points=plain(row.execution_points),
    )
    if spending_missing(row):
        link = QCoreApplication.translate(
            "EvaluationStep", "the year's spending is missing: type it under Budget execution"
        )
        return (
            f"{html.escape(line)} "
            f'<a href="{FUNDS_LINK}" style="color:{MISSING_COLOUR}">{html.escape(link)}</a>'
        )
    if row.budget <= ZERO:
        return html.escape(line)
    link = QCoreApplication.translate("EvaluationStep", "change the spending")
    return f'{html.escape(line)} <a href="{FUNDS_LINK}">{html.escape(link)}</a>'


def guide_text(row: OwnerRow, has_indicators: bool) -> str:
    """What to do on the indicators tab: first steps while not started, else the usual hint."""
    if not has_indicators:
        return QCoreApplication.translate(
            "EvaluationStep",
            "This has no indicators yet: set them in step 3, Performance targets.",
        )
    if not row.started:
        return QCoreApplication.translate(
            "EvaluationStep",
            "Not filled in yet: first type each indicator's actual value below (a tier and a"
            " score for qualitative ones), then the year's spending under Budget execution."
            " The score and the grade appear once values are typed.",
        )
    return QCoreApplication.translate(
        "EvaluationStep",
        "Enter each indicator's actual value (a tier and a score for qualitative ones): "
        "scores follow the rules. Red cells still need an entry.",
    )
