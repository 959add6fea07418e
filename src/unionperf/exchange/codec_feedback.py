"""``data/feedback.json``: the upper level's decision and opinions as JSON (package-format §6.3).

The form is ``{"decision": "approve" | "return", "summary": str, "opinions": [{"owner", "item",
"field", "label", "text"}]}``; every value is a string. Readers ignore keys they do not know.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from unionperf.domain.feedback import Decision, Opinion, opinion_fields, opinion_from_fields


def feedback_to_json(
    decision: Decision, summary: str, opinions: Sequence[Opinion]
) -> dict[str, Any]:
    """The JSON object of ``feedback.json``.

    Args:
        decision: the upper level's decision.
        summary: the overall opinion (on ``return``, the reason shown to the unit).
        opinions: the opinions on items.

    Returns:
        The document, ready for the package's canonical ``dumps``.
    """
    return {
        "decision": decision.value,
        "summary": summary,
        "opinions": [opinion_fields(opinion) for opinion in opinions],
    }


def opinions_from_json(items: Iterable[object]) -> tuple[Opinion, ...]:
    """Opinions from their JSON objects; a missing key is empty, a bare string is the text.

    Args:
        items: the ``opinions`` array of ``feedback.json`` (or as a store kept it).

    Returns:
        The opinions, in order.
    """
    return tuple(opinion_from_fields(item) for item in items)


def decision_from_json(value: object) -> Decision:
    """The decision a ``decision`` value names.

    Raises:
        ValueError: not ``approve`` or ``return``.
    """
    return Decision(str(value))
