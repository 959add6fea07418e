"""feedback.json: the decision and opinions as the documented JSON, and back."""

from __future__ import annotations

import pytest

from unionperf.domain.feedback import Decision, Opinion
from unionperf.exchange import schemas
from unionperf.exchange.codec_feedback import (
    decision_from_json,
    feedback_to_json,
    opinions_from_json,
)

OPINIONS = (
    Opinion("p2024-01", "p2024-01-i03", "actual", "满意度", "样本量过小"),
    Opinion("", "", "", "", "请补充说明"),
)


def test_feedback_has_the_documented_form():
    document = feedback_to_json(Decision.RETURN, "请补充满意度调查样本说明", OPINIONS)
    assert document == {
        "decision": "return",
        "summary": "请补充满意度调查样本说明",
        "opinions": [
            {
                "owner": "p2024-01",
                "item": "p2024-01-i03",
                "field": "actual",
                "label": "满意度",
                "text": "样本量过小",
            },
            {"owner": "", "item": "", "field": "", "label": "", "text": "请补充说明"},
        ],
    }
    schemas.validate("feedback", document, "feedback.json")


def test_opinions_and_decision_read_back():
    document = feedback_to_json(Decision.APPROVE, "", OPINIONS)
    assert opinions_from_json(document["opinions"]) == OPINIONS
    assert decision_from_json(document["decision"]) is Decision.APPROVE


def test_missing_keys_are_empty_and_unknown_keys_ignored():
    read = opinions_from_json([{"text": "请量化", "later": 1}, "旧格式的意见"])
    assert read == (Opinion("", "", "", "", "请量化"), Opinion("", "", "", "", "旧格式的意见"))


def test_an_unknown_decision_is_refused():
    with pytest.raises(ValueError, match="maybe"):
        decision_from_json("maybe")
