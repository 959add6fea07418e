"""A unit's status for a stage, from what it sent and what the upper level decided."""

from __future__ import annotations

import pytest

from unionperf.domain.feedback import Decision
from unionperf.domain.reporting import Review, StageStatus, stage_status

APPROVE, RETURN = Decision.APPROVE, Decision.RETURN


def test_nothing_received():
    assert stage_status([], []) is StageStatus.NOT_RECEIVED


def test_received_and_not_yet_reviewed():
    assert stage_status([1], []) is StageStatus.RECEIVED


def test_received_then_approved():
    assert stage_status([1], [Review(1, APPROVE)]) is StageStatus.APPROVED


def test_received_then_returned():
    assert stage_status([1], [Review(1, RETURN)]) is StageStatus.RETURNED


def test_returned_then_sent_again():
    assert stage_status([1, 2], [Review(1, RETURN)]) is StageStatus.RESENT


def test_sent_again_is_reviewed_like_the_first():
    assert stage_status([1, 2], [Review(1, RETURN), Review(2, APPROVE)]) is StageStatus.APPROVED
    assert stage_status([1, 2], [Review(1, RETURN), Review(2, RETURN)]) is StageStatus.RETURNED
    assert stage_status([1, 2, 3], [Review(1, RETURN), Review(2, RETURN)]) is StageStatus.RESENT


def test_a_new_package_after_an_approval_waits_for_review():
    assert stage_status([1, 2], [Review(1, APPROVE)]) is StageStatus.RECEIVED


def test_a_package_sent_again_before_any_review_waits_for_review():
    assert stage_status([1, 2], []) is StageStatus.RECEIVED


def test_the_newest_decision_on_a_package_counts():
    assert stage_status([1], [Review(1, RETURN), Review(1, APPROVE)]) is StageStatus.APPROVED
    assert stage_status([1], [Review(1, APPROVE), Review(1, RETURN)]) is StageStatus.RETURNED
    # an approval of the older package after its return: the new one still waits, not "resent"
    assert stage_status([1, 2], [Review(1, RETURN), Review(1, APPROVE)]) is StageStatus.RECEIVED


def test_order_of_sequences_does_not_matter_and_plain_tuples_work():
    assert stage_status((2, 1), [(1, RETURN)]) is StageStatus.RESENT


def test_decisions_on_packages_never_received_are_ignored():
    assert stage_status([], [Review(1, APPROVE)]) is StageStatus.NOT_RECEIVED
    assert stage_status([1], [Review(2, APPROVE)]) is StageStatus.RECEIVED


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (StageStatus.NOT_RECEIVED, "未报送"),
        (StageStatus.RECEIVED, "已报送（待审核）"),
        (StageStatus.RETURNED, "已退回"),
        (StageStatus.RESENT, "退回后已重报"),
        (StageStatus.APPROVED, "已通过"),
    ],
)
def test_labels(status, label):
    assert status.label == label
