"""What a double-clicked package is for the open workspace: classified from real packages,
verified against the key the workspace trusts, and never writing anything."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.exchange.packages import (
    PASSPHRASE,
    UPPER_PASSPHRASE,
    YEAR,
    DemoUnit,
    copy_workspace,
    demo_unit,
    members,
    repackage,
    upper_workspace,
)
from unionperf.domain.feedback import Decision
from unionperf.domain.unit import UnitProfile
from unionperf.exchange import minisign
from unionperf.exchange.package import verify_package
from unionperf.services.common import signing
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle.feedback import trust_upper
from unionperf.services.inbox.receive import receive
from unionperf.services.upper.feedback import create_feedback
from unionperf.services.upper.opinions import read_opinions
from unionperf.services.upper.register import register
from unionperf.services.views.package_info import PackageInfo, Relation, describe_package

OTHER_CODE = "91350100M000100Y43"
OPINIONS = {
    "summary": "目标值偏低，请修改后重新报送",
    "opinions": [
        {"owner": "unit", "label": "年度目标", "text": "年度目标应量化"},
        {"label": "产出指标", "text": "请补充时效指标"},
    ],
}


@pytest.fixture(scope="module")
def unit(tmp_path_factory) -> DemoUnit:
    return demo_unit(tmp_path_factory)


@pytest.fixture
def unit_copy(unit, tmp_path) -> Iterator[Workspace]:
    """A writable copy of the demo unit's workspace (the one that exported the packages)."""
    workspace = Workspace.open(copy_workspace(unit.workspace, tmp_path / "unit"))
    yield workspace
    workspace.close()


@pytest.fixture
def upper(unit, tmp_path) -> Iterator[Workspace]:
    """An upper-level workspace with the demo unit registered."""
    workspace = upper_workspace(tmp_path / "upper")
    register(
        workspace, unit.pub_file, unit.unit_code, unit.unit_name, key_id=unit.public_key.key_id_hex
    )
    yield workspace
    workspace.close()


@pytest.fixture
def other_unit(tmp_path) -> Iterator[Workspace]:
    """Another grassroots union's workspace."""
    workspace = Workspace.create(
        tmp_path / "other", UnitProfile("华东精密机械有限公司工会委员会", OTHER_CODE), "other pass"
    )
    yield workspace
    workspace.close()


def _feedback(upper: Workspace, unit: DemoUnit, out: Path, decision: str = "return") -> Path:
    """The upper level's signed feedback on the demo unit's targets (received first)."""
    assert receive(upper, [unit.packages["targets-2"]])[0].status in (
        "received",
        "already received",
    )
    opinions = out / "opinions.json"
    out.mkdir(parents=True, exist_ok=True)
    opinions.write_text(json.dumps(OPINIONS, ensure_ascii=False), encoding="utf-8")
    summary, items = read_opinions(opinions)
    return create_feedback(
        upper,
        unit_code=unit.unit_code,
        year=YEAR,
        stage="targets",
        decision=Decision(decision),
        summary=summary,
        opinions=items,
        out_dir=out,
        passphrase=UPPER_PASSPHRASE,
    )


def _trust(unit_workspace: Workspace, upper: Workspace, tmp_path: Path) -> None:
    trust_upper(
        unit_workspace, signing.export_public_key(upper, tmp_path / "upper.pub"), "区总工会"
    )


def _snapshot(workspace: Workspace) -> dict[str, str]:
    """Every file of the workspace folder with its hash (the database and its log included).

    SQLite's shared-memory index (``-shm``) changes on reads too, so it is left out.
    """
    root = workspace.paths.root
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "logs" not in path.parts and not path.name.endswith("-shm")
    }


def _write(path: Path, blob: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(blob)
    return path


# -- the unit's own packages -----------------------------------------------------------------


def test_own_submission_is_recognised_and_checked_with_the_workspace_key(unit, unit_copy):
    path = unit.packages["targets-2"]
    before = _snapshot(unit_copy)
    info = describe_package(unit_copy, path)
    assert info.relation is Relation.OWN_SUBMISSION
    assert info.valid
    assert (info.kind, info.unit_code, info.unit_name) == (
        "submission",
        unit.unit_code,
        unit.unit_name,
    )
    assert (info.year, info.stage, info.sequence) == (YEAR, "targets", 2)
    assert info.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert info.signer_key_id == unit.public_key.key_id_hex
    assert info.trusted
    assert info.already  # it is in the submission log
    assert datetime.fromisoformat(info.created_at).tzinfo is not None
    assert "data/data.json" in info.files
    assert _snapshot(unit_copy) == before


def test_own_submission_signed_by_another_key_is_refused(unit, unit_copy, tmp_path):
    thief = Ed25519PrivateKey.generate()
    thief_public = minisign.public_key_of(thief)
    blob = unit.blob("targets-2")
    meta = json.loads(members(blob)["data/package.json"])
    meta["key_id"] = thief_public.key_id_hex
    forged = repackage(
        blob,
        sign_with=thief,
        edit={
            "data/package.json": json.dumps(meta, ensure_ascii=False).encode(),
            "data/keys/signer.pub": thief_public.to_file().encode(),
        },
    )
    verify_package(forged)  # consistent in itself: only the workspace's key tells it apart
    info = describe_package(unit_copy, _write(tmp_path / "forged.upkg", forged))
    assert info.relation is Relation.INVALID
    assert info.problem_code == "signature"
    assert "不一致" in info.problem
    assert unit.public_key.key_id_hex in info.problem


def test_a_package_signed_before_a_key_rotation_is_still_the_units_own(unit, unit_copy):
    signing.rotate(unit_copy, PASSPHRASE)
    assert signing.public_key(unit_copy).key_id != unit.public_key.key_id
    info = describe_package(unit_copy, unit.packages["targets-1"])
    assert info.relation is Relation.OWN_SUBMISSION
    assert info.trusted
    assert info.signer_key_id == unit.public_key.key_id_hex


def test_tampered_package_names_the_failed_check_and_writes_nothing(unit, unit_copy, tmp_path):
    blob = unit.blob("self-evaluation-1")
    data = members(blob)["data/data.json"].replace(b'"year":2024', b'"year":2023', 1)
    assert data != members(blob)["data/data.json"]
    path = _write(tmp_path / "tampered.upkg", repackage(blob, edit={"data/data.json": data}))
    before = _snapshot(unit_copy)
    info = describe_package(unit_copy, path)
    assert info.relation is Relation.INVALID
    assert not info.valid
    assert info.problem_code == "signature"
    assert info.problem
    assert info.kind == ""  # nothing unverified is reported as fact
    assert _snapshot(unit_copy) == before


def test_missing_file_and_not_a_zip_name_the_path(unit_copy, tmp_path):
    missing = tmp_path / "gone" / "X_2024_targets_1.upkg"
    info = describe_package(unit_copy, missing)
    assert (info.relation, info.problem_code) == (Relation.INVALID, "missing")
    assert str(missing) in info.problem
    assert "不存在" in info.problem
    text = _write(tmp_path / "notes.upkg", "这不是数据包".encode())
    info = describe_package(unit_copy, text)
    assert (info.relation, info.problem_code) == (Relation.INVALID, "not-a-zip")
    assert "zip" in info.problem
    folder = tmp_path / "folder.upkg"
    folder.mkdir()
    assert describe_package(unit_copy, folder).problem_code == "missing"


# -- feedback from the upper level -----------------------------------------------------------


def test_feedback_needs_the_upper_key_then_is_for_this_unit(unit, unit_copy, upper, tmp_path):
    path = _feedback(upper, unit, tmp_path / "down")
    before = _snapshot(unit_copy)
    untrusted = describe_package(unit_copy, path)
    assert untrusted.relation is Relation.INVALID
    assert untrusted.problem_code == "untrusted"
    assert "上级工会的公钥" in untrusted.problem
    assert _snapshot(unit_copy) == before
    _trust(unit_copy, upper, tmp_path)
    info = describe_package(unit_copy, path)
    assert info.relation is Relation.FEEDBACK_FOR_UNIT
    assert (info.kind, info.decision, info.opinions) == ("feedback", "return", 2)
    assert (info.year, info.stage, info.sequence) == (YEAR, "targets", 1)
    assert info.summary == OPINIONS["summary"]
    assert info.sender == "上海市浦东新区总工会"
    assert info.signer_key_id == signing.public_key(upper).key_id_hex
    assert info.trusted
    assert (info.already, info.held_sequence) == (False, 0)
    # once imported, the same file is known as imported
    assert receive(unit_copy, [path])[0].status == "received"
    again = describe_package(unit_copy, path)
    assert (again.relation, again.already, again.held_sequence) == (
        Relation.FEEDBACK_FOR_UNIT,
        True,
        1,
    )


def test_older_feedback_shows_the_newer_one_held(unit, unit_copy, upper, tmp_path):
    first = _feedback(upper, unit, tmp_path / "down", "return")
    second = _feedback(upper, unit, tmp_path / "down", "approve")
    _trust(unit_copy, upper, tmp_path)
    assert receive(unit_copy, [second])[0].status == "received"
    info = describe_package(unit_copy, first)
    assert info.relation is Relation.FEEDBACK_FOR_UNIT
    assert (info.sequence, info.held_sequence, info.already) == (1, 2, False)


def test_feedback_signed_by_an_impostor_is_refused(unit, unit_copy, upper, tmp_path):
    _trust(unit_copy, upper, tmp_path)
    with upper_workspace(tmp_path / "impostor", "冒充的上级") as impostor:
        register(
            impostor,
            unit.pub_file,
            unit.unit_code,
            unit.unit_name,
            key_id=unit.public_key.key_id_hex,
        )
        path = _feedback(impostor, unit, tmp_path / "fake")
    info = describe_package(unit_copy, path)
    assert (info.relation, info.problem_code) == (Relation.INVALID, "signature")
    assert "不一致" in info.problem


# -- packages that are not for this workspace ------------------------------------------------


def test_another_units_packages_are_not_for_a_grassroots_workspace(
    unit, upper, other_unit, tmp_path
):
    info = describe_package(other_unit, unit.packages["self-evaluation-1"])
    assert info.relation is Relation.NOT_FOR_WORKSPACE
    assert (info.kind, info.unit_code, info.stage) == (
        "submission",
        unit.unit_code,
        "self-evaluation",
    )
    assert not info.trusted  # checked with the key it carries only
    feedback = describe_package(other_unit, _feedback(upper, unit, tmp_path / "down"))
    assert feedback.relation is Relation.NOT_FOR_WORKSPACE
    assert (feedback.kind, feedback.decision) == ("feedback", "return")


# -- the upper level -------------------------------------------------------------------------


def test_upper_level_sees_a_registered_units_submission_to_receive(unit, upper):
    path = unit.packages["targets-2"]
    before = _snapshot(upper)
    info = describe_package(upper, path)
    assert info.relation is Relation.FROM_SUBORDINATE
    assert (info.registered, info.trusted, info.already) == (True, True, False)
    assert (info.unit_code, info.year, info.stage, info.sequence) == (
        unit.unit_code,
        YEAR,
        "targets",
        2,
    )
    assert _snapshot(upper) == before  # no quarantine, no record
    assert receive(upper, [path])[0].status == "received"
    again = describe_package(upper, path)
    assert (again.already, again.held_sequence) == (True, 2)
    older = describe_package(upper, unit.packages["targets-1"])
    assert (older.already, older.held_sequence, older.sequence) == (False, 2, 1)


def test_upper_level_sees_an_unregistered_unit(unit, tmp_path):
    with upper_workspace(tmp_path / "upper-new") as fresh:
        before = _snapshot(fresh)
        info = describe_package(fresh, unit.packages["targets-1"])
        assert info.relation is Relation.FROM_SUBORDINATE
        assert (info.registered, info.trusted) == (False, False)
        assert _snapshot(fresh) == before


def test_upper_level_does_not_take_feedback(unit, upper, tmp_path):
    info = describe_package(upper, _feedback(upper, unit, tmp_path / "down"))
    assert info.relation is Relation.NOT_FOR_WORKSPACE
    assert info.kind == "feedback"


def test_info_defaults_describe_an_invalid_package(tmp_path):
    info = PackageInfo(tmp_path / "x.upkg", Relation.INVALID, "原因", "code")
    assert not info.valid
    assert info.year is None
