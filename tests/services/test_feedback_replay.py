"""Feedback from the upper level: only the newest decision of a stage counts."""

from __future__ import annotations

from tests.exchange.packages import key_id_of
from unionperf.domain.feedback import Decision
from unionperf.domain.problems import ProblemCode
from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.services.common import signing
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle.demo import create_demo
from unionperf.services.cycle.feedback import trust_upper
from unionperf.services.cycle.submit import export_package
from unionperf.services.inbox.receive import receive
from unionperf.services.upper.feedback import create_feedback
from unionperf.services.upper.register import register


def test_older_feedback_cannot_reopen_an_approved_stage(tmp_path):
    unit = create_demo(tmp_path / "unit")
    upper = Workspace.create(
        tmp_path / "upper", UnitProfile("某区总工会", "", level=UnitLevel.UPPER), "upper secret"
    )
    try:
        code = unit.unit().credit_code
        signing.export_public_key(unit, tmp_path / "unit.pub")
        signing.export_public_key(upper, tmp_path / "upper.pub")
        register(
            upper, tmp_path / "unit.pub", code, "华东", key_id=key_id_of(tmp_path / "unit.pub")
        )
        package = export_package(unit, 2024, "self-evaluation", tmp_path / "usb", "demo")
        assert receive(upper, [package.path])[0].status == "received"
        written = [
            create_feedback(
                upper,
                unit_code=code,
                year=2024,
                stage="self-evaluation",
                decision=decision,
                summary="请补充说明",
                opinions=[],
                out_dir=tmp_path / "down",
                passphrase="upper secret",
            )
            for decision in (Decision.RETURN, Decision.APPROVE)
        ]
        trust_upper(unit, tmp_path / "upper.pub", "某区总工会")
        outcomes = receive(unit, [written[1], written[0]])
        assert [item.status for item in outcomes] == [
            "received",
            "refused (older than the one received)",
        ]
        codes = {problem.code for problem in unit.check(2024)}
        assert ProblemCode.SIGNOFF_MISSING not in codes  # the approval stands
    finally:
        unit.close()
        upper.close()
