"""The upper level's status board: each registered unit's status for a stage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.exchange.packages import (
    UPPER_PASSPHRASE,
    YEAR,
    DemoUnit,
    demo_unit,
    key_id_of,
    upper_workspace,
)
from unionperf.domain.feedback import Decision, Opinion
from unionperf.domain.reporting import StageStatus
from unionperf.domain.unit import UnitProfile
from unionperf.services.common import signing
from unionperf.services.common.workspace import Workspace
from unionperf.services.inbox.receive import receive
from unionperf.services.upper.feedback import create_feedback
from unionperf.services.upper.register import register
from unionperf.services.upper.status import UnitStageStatus, unit_statuses

OTHER_CODE = "91350100M000100Y43"


@pytest.fixture(scope="module")
def unit(tmp_path_factory) -> DemoUnit:
    return demo_unit(tmp_path_factory)


@pytest.fixture
def upper(unit, tmp_path) -> Iterator[Workspace]:
    """An upper level with the demo unit and another (silent) unit registered."""
    other = Workspace.create(
        tmp_path / "other", UnitProfile("某公司工会", OTHER_CODE), "other pass"
    )
    try:
        other_pub = signing.export_public_key(other, tmp_path / "other.pub")
    finally:
        other.close()
    workspace = upper_workspace(tmp_path / "upper")
    register(
        workspace, unit.pub_file, unit.unit_code, unit.unit_name, key_id=unit.public_key.key_id_hex
    )
    register(workspace, other_pub, OTHER_CODE, "某公司工会", key_id=key_id_of(other_pub))
    yield workspace
    workspace.close()


def _board(upper: Workspace, stage: str = "targets") -> list[tuple[str, StageStatus, int]]:
    return [
        (line.unit_code, line.status, line.sequence) for line in unit_statuses(upper, YEAR, stage)
    ]


def _decide(upper: Workspace, unit: DemoUnit, decision: Decision, out: Path) -> None:
    create_feedback(
        upper,
        unit_code=unit.unit_code,
        year=YEAR,
        stage="targets",
        decision=decision,
        summary="请补充",
        opinions=[Opinion("unit", "", "", "", "请补充")],
        out_dir=out,
        passphrase=UPPER_PASSPHRASE,
    )


def test_the_board_follows_packages_and_decisions(unit, upper, tmp_path):
    codes = sorted([unit.unit_code, OTHER_CODE])
    mine = codes.index(unit.unit_code)

    def statuses() -> list[StageStatus]:
        board = _board(upper)
        assert [code for code, _, _ in board] == codes
        return [status for _, status, _ in board]

    assert statuses() == [StageStatus.NOT_RECEIVED] * 2
    assert receive(upper, [unit.packages["targets-1"]])[0].status == "received"
    assert statuses()[mine] is StageStatus.RECEIVED
    _decide(upper, unit, Decision.RETURN, tmp_path / "fb")
    assert statuses()[mine] is StageStatus.RETURNED
    assert receive(upper, [unit.packages["targets-2"]])[0].status.startswith("received")
    assert statuses()[mine] is StageStatus.RESENT
    assert _board(upper)[mine][2] == 2
    _decide(upper, unit, Decision.APPROVE, tmp_path / "fb")
    assert statuses() == [
        StageStatus.APPROVED if index == mine else StageStatus.NOT_RECEIVED
        for index in range(len(codes))
    ]
    # other stages of the year are apart
    assert [status for _, status, _ in _board(upper, "self-evaluation")] == [
        StageStatus.NOT_RECEIVED
    ] * 2
    [line] = [line for line in unit_statuses(upper, YEAR, "targets") if line.sequence]
    assert line == UnitStageStatus(unit.unit_code, unit.unit_name, StageStatus.APPROVED, 2)
