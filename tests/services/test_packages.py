"""The package services end to end: export refusals, receiving with replay rules and quarantine,
key rotation seen from the upper level, and feedback going down."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
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
    hand_verify,
    members,
    repackage,
    sha256,
    upper_workspace,
)
from unionperf.cli import main
from unionperf.domain.feedback import Decision, Feedback, Opinion
from unionperf.domain.settings import SignoffRole
from unionperf.exchange import keys, minisign
from unionperf.exchange.errors import PackageError
from unionperf.exchange.package import verify_package
from unionperf.services.common import signing
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import editing
from unionperf.services.cycle.feedback import trust_upper
from unionperf.services.cycle.submit import ExportRefusedError, export_package, submissions
from unionperf.services.inbox.receive import Outcome, receive
from unionperf.services.upper.feedback import create_feedback
from unionperf.services.upper.opinions import parse_decision, read_opinions
from unionperf.services.upper.register import register
from unionperf.store.register import Received

CHINESE = re.compile(r"[\u4e00-\u9fff]")
OPINIONS = {
    "summary": "绩效目标不够细化，请修改后重新报送",
    "opinions": [
        {
            "owner": "unit",
            "item": "",
            "field": "annual_goal",
            "label": "年度目标",
            "text": "年度目标应量化",
        },
        {
            "owner": "p2024-01",
            "item": "p2024-01-i03",
            "field": "target",
            "label": "产出指标",
            "text": "请补充时效指标",
        },
    ],
}


@pytest.fixture(scope="module")
def unit(tmp_path_factory) -> DemoUnit:
    return demo_unit(tmp_path_factory)


@pytest.fixture
def upper(unit, tmp_path) -> Iterator[Workspace]:
    """An upper-level workspace with the demo unit registered under its current key."""
    workspace = upper_workspace(tmp_path / "upper")
    register(workspace, unit.pub_file, unit.unit_code, unit.unit_name)
    yield workspace
    workspace.close()


@pytest.fixture
def unit_copy(unit, tmp_path) -> Iterator[Workspace]:
    """A writable copy of the demo unit's workspace."""
    workspace = Workspace.open(copy_workspace(unit.workspace, tmp_path / "unit"))
    yield workspace
    workspace.close()


def _receive(workspace: Workspace, *paths: Path) -> list[Outcome]:
    return receive(workspace, list(paths))


def _received(workspace: Workspace) -> list[Received]:
    with workspace.reading() as uow:
        return uow.register.received()


def _stored_files(workspace: Workspace) -> list[str]:
    folder = workspace.paths.root / "received"
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def _quarantined(workspace: Workspace) -> dict[str, bytes]:
    folder = workspace.paths.root / "quarantine"
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.exists() else {}


def _registered_key_id(workspace: Workspace, code: str) -> str:
    with workspace.reading() as uow:
        subordinate = uow.register.subordinate(code)
    assert subordinate is not None
    return subordinate.key_id


def _assert_refused_and_quarantined(
    workspace: Workspace, outcome: Outcome, source: Path, fragment: str
) -> None:
    assert outcome.refused
    assert outcome.status.startswith("refused")
    assert CHINESE.search(outcome.message), outcome.message
    assert fragment in outcome.message, outcome.message
    quarantined = _quarantined(workspace)
    copies = [name for name in quarantined if name.endswith(source.name)]
    assert len(copies) == 1, quarantined.keys()
    assert quarantined[copies[0]] == source.read_bytes()
    reason = quarantined[f"{copies[0]}.reason.txt"].decode("utf-8")
    assert reason.strip() == outcome.message


def _write(path: Path, blob: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(blob)
    return path


# -- export ---------------------------------------------------------------------------------------


def test_wrong_passphrase_on_export_writes_and_logs_nothing(unit_copy, tmp_path):
    before = submissions(unit_copy)
    with pytest.raises(ServiceError) as caught:
        export_package(unit_copy, YEAR, "self-evaluation", tmp_path / "out", "wrong passphrase")
    assert "口令不正确" in str(caught.value)
    assert "Traceback" not in str(caught.value)
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    assert submissions(unit_copy) == before


def test_export_is_refused_while_a_hard_problem_is_open(unit_copy, tmp_path):
    data = unit_copy.load_year(YEAR)
    kept = tuple(
        s for s in data.signoffs if not (s.stage == "targets" and s.role is SignoffRole.CHAIR)
    )
    assert len(kept) == len(data.signoffs) - 1
    editing.replace_year(unit_copy, replace(data, signoffs=kept))
    before = submissions(unit_copy)
    with pytest.raises(ExportRefusedError) as caught:
        export_package(unit_copy, YEAR, "targets", tmp_path / "out", PASSPHRASE)
    problems = caught.value.problems
    assert [problem.code.value for problem in problems] == ["G001"]
    assert "不能报送" in str(caught.value)
    assert "G001" in str(caught.value)
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    assert submissions(unit_copy) == before
    # the other stages are not affected
    export_package(unit_copy, YEAR, "self-evaluation", tmp_path / "out", PASSPHRASE)


def test_export_to_an_unwritable_place_logs_nothing(unit_copy, tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    before = submissions(unit_copy)
    with pytest.raises(ServiceError, match="无法写入"):
        export_package(unit_copy, YEAR, "targets", blocker, PASSPHRASE)
    assert submissions(unit_copy) == before


# -- receive: first, replay, supersede, duplicate -------------------------------------------------


def test_first_package_is_received_and_stored(unit, upper):
    path = unit.packages["self-evaluation-1"]
    [outcome] = _receive(upper, path)
    assert (outcome.status, outcome.refused) == ("received", False)
    [record] = _received(upper)
    assert (record.unit_code, record.year, record.stage, record.sequence, record.current) == (
        unit.unit_code,
        YEAR,
        "self-evaluation",
        1,
        True,
    )
    assert record.sha256 == sha256(path.read_bytes())
    assert (upper.paths.root / record.file_name).read_bytes() == path.read_bytes()
    with upper.reading() as uow:
        scores = uow.register.received_scores(YEAR)
    assert any(row["owner_uid"] == "unit" and row["grade"] for row in scores)
    assert _quarantined(upper) == {}


def test_sequence_two_then_one_refuses_the_older(unit, upper):
    first, second = unit.packages["targets-1"], unit.packages["targets-2"]
    assert _receive(upper, second)[0].status == "received"
    records, files = _received(upper), _stored_files(upper)
    [outcome] = _receive(upper, first)
    _assert_refused_and_quarantined(upper, outcome, first, "旧于已接收的第2次")
    assert outcome.status == "refused (older than the one received)"
    assert _received(upper) == records
    assert _stored_files(upper) == files


def test_sequence_one_then_two_supersedes_and_keeps_both(unit, upper):
    first, second = unit.packages["targets-1"], unit.packages["targets-2"]
    outcomes = _receive(upper, first, second)
    assert [outcome.status for outcome in outcomes] == ["received", "received (supersedes 1)"]
    records = _received(upper)
    assert [(r.sequence, r.current) for r in records] == [(1, False), (2, True)]
    assert [r.sha256 for r in records] == [sha256(first.read_bytes()), sha256(second.read_bytes())]
    assert _stored_files(upper) == sorted([first.name, second.name])
    with upper.reading() as uow:
        current = uow.register.current(unit.unit_code, YEAR, "targets")
    assert current is not None
    assert current.sequence == 2


def test_the_same_package_twice_is_already_received(unit, upper):
    second = unit.packages["targets-2"]
    assert _receive(upper, second)[0].status == "received"
    records, files = _received(upper), _stored_files(upper)
    [outcome] = _receive(upper, second)
    assert outcome.status == "already received"
    assert not outcome.refused
    assert "已接收过" in outcome.message
    assert _received(upper) == records
    assert _stored_files(upper) == files
    assert _quarantined(upper) == {}


def test_a_batch_reports_each_package(unit, upper):
    paths = [
        unit.packages[name] for name in ("targets-2", "targets-2", "targets-1", "monitoring-1")
    ]
    statuses = [outcome.status for outcome in _receive(upper, *paths)]
    assert statuses == [
        "received",
        "already received",
        "refused (older than the one received)",
        "received",
    ]


# -- receive: refused, quarantined, nothing stored ------------------------------------------------


def test_package_from_an_unregistered_unit_is_refused_and_quarantined(unit, tmp_path):
    with upper_workspace(tmp_path / "upper") as upper:
        path = unit.packages["targets-1"]
        [outcome] = _receive(upper, path)
        _assert_refused_and_quarantined(upper, outcome, path, "未登记")
        assert unit.unit_code in outcome.message
        assert _received(upper) == []
        assert _stored_files(upper) == []


def test_package_signed_by_another_key_is_refused(unit, upper, tmp_path):
    stranger = Ed25519PrivateKey.generate()
    stranger_public = minisign.public_key_of(stranger)
    files = members(unit.blob("targets-1"))
    meta = json.loads(files["data/package.json"])
    meta["key_id"] = stranger_public.key_id_hex
    forged = repackage(
        unit.blob("targets-1"),
        sign_with=stranger,
        edit={
            "data/package.json": json.dumps(meta, ensure_ascii=False).encode(),
            "data/keys/signer.pub": stranger_public.to_file().encode(),
        },
    )
    assert verify_package(forged).signer == stranger_public  # well-formed, just not the unit's
    path = _write(tmp_path / "in" / unit.packages["targets-1"].name, forged)
    [outcome] = _receive(upper, path)
    _assert_refused_and_quarantined(upper, outcome, path, "不一致")
    assert _received(upper) == []
    assert _stored_files(upper) == []


def test_package_of_a_unit_registered_under_another_key_is_refused(unit, tmp_path):
    other = tmp_path / "other.pub"
    other.write_text(minisign.public_key_of(Ed25519PrivateKey.generate()).to_file())
    with upper_workspace(tmp_path / "upper") as upper:
        register(upper, other, unit.unit_code, unit.unit_name)
        path = unit.packages["targets-1"]
        [outcome] = _receive(upper, path)
        _assert_refused_and_quarantined(upper, outcome, path, "不一致")
        assert _received(upper) == []


def test_tampered_package_is_refused_and_quarantined(unit, upper, tmp_path):
    blob = bytearray(unit.blob("monitoring-1"))
    blob[len(blob) // 3] ^= 0x40
    path = _write(tmp_path / "in" / "tampered.upkg", bytes(blob))
    [outcome] = _receive(upper, path)
    _assert_refused_and_quarantined(upper, outcome, path, "")
    assert _received(upper) == []
    assert _stored_files(upper) == []


def test_missing_file_is_refused_without_a_crash(upper, tmp_path):
    [outcome] = _receive(upper, tmp_path / "nowhere.upkg")
    assert outcome.refused
    assert CHINESE.search(outcome.message)


def test_register_refuses_bad_input(unit, upper, tmp_path):
    with pytest.raises(ServiceError, match="代码"):
        register(upper, unit.pub_file, "123", "名称")
    with pytest.raises(ServiceError):
        register(upper, unit.pub_file, unit.unit_code, "  ")
    bad = tmp_path / "bad.pub"
    bad.write_text("not a key")
    with pytest.raises(ServiceError, match="公钥"):
        register(upper, bad, unit.unit_code, unit.unit_name)
    assert _registered_key_id(upper, unit.unit_code) == unit.public_key.key_id_hex


# -- key rotation ---------------------------------------------------------------------------------


def test_after_rotation_the_upper_level_follows_the_announcement(unit, upper, unit_copy, tmp_path):
    assert _receive(upper, unit.packages["targets-2"])[0].status == "received"
    old = unit.public_key
    announcement = signing.rotate(unit_copy, PASSPHRASE)
    new = signing.public_key(unit_copy)
    rotated = export_package(unit_copy, YEAR, "targets", tmp_path / "out", PASSPHRASE).path
    files = members(rotated.read_bytes())
    # signed by the new key, and the old key's statement travels with it
    assert hand_verify(
        new.to_file(),
        files["tagmanifest-sha256.txt"],
        files["tagmanifest-sha256.txt.minisig"].decode(),
    )
    [carried] = json.loads(files["data/keys/announcements.json"])
    assert carried == announcement.to_json()
    statement = keys.Announcement.from_json(carried).statement()
    hand_verify(old.to_file(), statement, carried["signature"])
    with pytest.raises(PackageError):
        verify_package(rotated.read_bytes(), old)
    # the upper level, which knows only the old key, accepts it and now holds the new key
    [outcome] = _receive(upper, rotated)
    assert outcome.status == "received (supersedes 2)"
    assert "更换签名密钥" in outcome.message
    assert _registered_key_id(upper, unit.unit_code) == new.key_id_hex
    # the next package is received directly under the new key
    following = export_package(unit_copy, YEAR, "self-evaluation", tmp_path / "out", PASSPHRASE)
    assert _receive(upper, following.path)[0].status == "received"
    assert _registered_key_id(upper, unit.unit_code) == new.key_id_hex


def test_two_rotations_are_followed(unit, upper, unit_copy, tmp_path):
    signing.rotate(unit_copy, PASSPHRASE)
    signing.rotate(unit_copy, PASSPHRASE)
    newest = signing.public_key(unit_copy)
    path = export_package(
        unit_copy, YEAR, "monitoring-2024-03-31", tmp_path / "out", PASSPHRASE
    ).path
    assert len(json.loads(members(path.read_bytes())["data/keys/announcements.json"])) == 2
    assert _receive(upper, path)[0].status == "received"
    assert _registered_key_id(upper, unit.unit_code) == newest.key_id_hex


def _signed_by_thief(unit: DemoUnit, thief: Ed25519PrivateKey, announcements: bytes) -> bytes:
    thief_public = minisign.public_key_of(thief)
    blob = unit.blob("targets-2")
    meta = json.loads(members(blob)["data/package.json"])
    meta["key_id"] = thief_public.key_id_hex
    meta["sequence"] = 3
    return repackage(
        blob,
        sign_with=thief,
        edit={
            "data/package.json": json.dumps(meta, ensure_ascii=False).encode(),
            "data/keys/signer.pub": thief_public.to_file().encode(),
            "data/keys/announcements.json": announcements,
        },
    )


def test_forged_announcement_is_refused(unit, upper, tmp_path):
    thief = Ed25519PrivateKey.generate()
    thief_public = minisign.public_key_of(thief)
    registered = unit.public_key.key_id_hex
    statement = keys.announcement_statement(
        registered, thief_public.to_file(), unit.unit_code, "2024-06-01"
    )
    forged = keys.Announcement(
        registered,
        thief_public.to_file(),
        unit.unit_code,
        "2024-06-01",
        minisign.sign(thief, statement, "key rotation"),
    )
    blob = _signed_by_thief(unit, thief, json.dumps([forged.to_json()]).encode())
    path = _write(tmp_path / "in" / "forged.upkg", blob)
    [outcome] = _receive(upper, path)
    _assert_refused_and_quarantined(upper, outcome, path, "密钥更换声明")
    assert _registered_key_id(upper, unit.unit_code) == registered
    assert _received(upper) == []


def test_genuine_announcements_do_not_help_another_signer(unit, upper, unit_copy, tmp_path):
    signing.rotate(unit_copy, PASSPHRASE)
    genuine = json.dumps([a.to_json() for a in signing.announcements(unit_copy)]).encode()
    blob = _signed_by_thief(unit, Ed25519PrivateKey.generate(), genuine)
    path = _write(tmp_path / "in" / "stolen-chain.upkg", blob)
    [outcome] = _receive(upper, path)
    _assert_refused_and_quarantined(upper, outcome, path, "")
    assert _registered_key_id(upper, unit.unit_code) == unit.public_key.key_id_hex
    assert _received(upper) == []


# -- feedback -------------------------------------------------------------------------------------


@pytest.fixture
def opinions(tmp_path) -> Path:
    path = tmp_path / "opinions.json"
    path.write_text(json.dumps(OPINIONS, ensure_ascii=False), encoding="utf-8")
    return path


def _feedback(upper: Workspace, unit: DemoUnit, opinions: Path, out: Path, decision: str) -> Path:
    assert _receive(upper, unit.packages["targets-2"])[0].status in ("received", "already received")
    return _create_feedback(upper, unit, decision, opinions, out)


def _create_feedback(
    upper: Workspace, unit: DemoUnit, decision: str, opinions: Path, out: Path
) -> Path:
    chosen = parse_decision(decision)
    summary, items = read_opinions(opinions)
    return create_feedback(
        upper,
        unit_code=unit.unit_code,
        year=YEAR,
        stage="targets",
        decision=chosen,
        summary=summary,
        opinions=items,
        out_dir=out,
        passphrase=UPPER_PASSPHRASE,
    )


def _upper_pub(upper: Workspace, path: Path) -> Path:
    return signing.export_public_key(upper, path)


def _feedback_rows(workspace: Workspace) -> list[Feedback]:
    with workspace.reading() as uow:
        return uow.submissions.feedback(YEAR)


def _g001(workspace: Workspace, stage: str) -> list[str]:
    return [
        p.where.label for p in workspace.check(YEAR) if p.code.value == "G001" and stage in p.key
    ]


def test_returned_feedback_reopens_the_stage(unit, upper, unit_copy, opinions, tmp_path):
    path = _feedback(upper, unit, opinions, tmp_path / "fb", "return")
    package = verify_package(path.read_bytes(), signing.public_key(upper))
    assert package.meta["kind"] == "feedback"
    assert package.feedback is not None
    assert package.feedback["decision"] == "return"
    assert _g001(unit_copy, "targets") == []
    # before the upper level's key is trusted, feedback is refused
    [outcome] = _receive(unit_copy, path)
    _assert_refused_and_quarantined(unit_copy, outcome, path, "导入上级工会公钥")
    assert _feedback_rows(unit_copy) == []
    trust_upper(unit_copy, _upper_pub(upper, tmp_path / "upper.pub"), "上级工会")
    [outcome] = _receive(unit_copy, path)
    assert outcome.status == "received"
    assert "退回" in outcome.message
    assert len(_g001(unit_copy, "targets")) == 3  # every sign-off of the stage is withdrawn
    [row] = _feedback_rows(unit_copy)
    assert row.decision is Decision.RETURN
    assert row.stage == "targets"
    assert [item.text for item in row.opinions] == ["年度目标应量化", "请补充时效指标"]
    with unit_copy.reading() as uow:
        assert uow.submissions.stage_status(YEAR, "targets")[0] == "returned"
    # the same feedback again changes nothing
    [again] = _receive(unit_copy, path)
    assert again.status == "already received"
    assert len(_feedback_rows(unit_copy)) == 1
    # and the stage cannot be submitted again until it is signed off anew
    with pytest.raises(ExportRefusedError):
        export_package(unit_copy, YEAR, "targets", tmp_path / "out", PASSPHRASE)


def test_approving_feedback_keeps_the_sign_offs(unit, upper, unit_copy, opinions, tmp_path):
    path = _feedback(upper, unit, opinions, tmp_path / "fb", "approve")
    trust_upper(unit_copy, _upper_pub(upper, tmp_path / "upper.pub"))
    [outcome] = _receive(unit_copy, path)
    assert outcome.status == "received"
    assert _g001(unit_copy, "targets") == []
    assert [row.decision for row in _feedback_rows(unit_copy)] == [Decision.APPROVE]


def test_feedback_signed_by_an_untrusted_key_is_refused(unit, upper, unit_copy, opinions, tmp_path):
    trust_upper(unit_copy, _upper_pub(upper, tmp_path / "upper.pub"))
    with upper_workspace(tmp_path / "impostor", "冒充的上级") as impostor:
        register(impostor, unit.pub_file, unit.unit_code, unit.unit_name)
        path = _feedback(impostor, unit, opinions, tmp_path / "fb", "return")
    [outcome] = _receive(unit_copy, path)
    _assert_refused_and_quarantined(unit_copy, outcome, path, "不一致")
    assert _feedback_rows(unit_copy) == []
    assert _g001(unit_copy, "targets") == []


def test_feedback_needs_a_received_package_and_valid_opinions(unit, upper, tmp_path):
    opinions = tmp_path / "opinions.json"
    opinions.write_text(json.dumps(OPINIONS, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ServiceError, match="尚未接收"):
        _create_feedback(upper, unit, "return", opinions, tmp_path / "fb")
    _receive(upper, unit.packages["targets-2"])
    opinions.write_text('{"opinions": [{"text": ""}]}', encoding="utf-8")
    with pytest.raises(ServiceError, match="text"):
        _create_feedback(upper, unit, "return", opinions, tmp_path / "fb")
    with pytest.raises(ServiceError, match="approve"):
        _create_feedback(upper, unit, "maybe", opinions, tmp_path / "fb")
    with pytest.raises(ServiceError, match="第1条意见缺少 text"):
        create_feedback(
            upper,
            unit_code=unit.unit_code,
            year=YEAR,
            stage="targets",
            decision=Decision.RETURN,
            summary="请修改",
            opinions=[Opinion("", "", "", "", " ")],
            out_dir=tmp_path / "fb",
            passphrase=UPPER_PASSPHRASE,
        )
    assert not (tmp_path / "fb").exists()


def test_feedback_opinions_name_what_the_unit_sent(unit, upper, tmp_path):
    _receive(upper, unit.packages["targets-2"])

    def create(*opinions: Opinion) -> Path:
        return create_feedback(
            upper,
            unit_code=unit.unit_code,
            year=YEAR,
            stage="targets",
            decision=Decision.RETURN,
            summary="请修改",
            opinions=opinions,
            out_dir=tmp_path / "fb",
            passphrase=UPPER_PASSPHRASE,
        )

    fine = Opinion("p2024-01", "p2024-01-i03", "target", "满意度", "请提高目标值")
    with pytest.raises(ServiceError, match="第2条意见：项目（abc123）不在该单位报送的数据中"):
        create(fine, Opinion("abc123", "", "", "", "请补充"))
    with pytest.raises(
        ServiceError, match=r"第1条意见：指标（p2024-02-i01）不在.*项目（p2024-01）"
    ):
        create(Opinion("p2024-01", "p2024-02-i01", "", "", "请补充"), fine)
    with pytest.raises(ServiceError, match="第1条意见：指标（u2024-i99）"):
        create(Opinion("unit", "u2024-i99", "", "", "请补充"))
    assert not (tmp_path / "fb").exists()
    with upper.reading() as uow:
        assert uow.register.feedback_count(unit.unit_code, YEAR, "targets") == 0
    assert create(fine, Opinion("unit", "u2024-i01", "", "", "请补充")).is_file()


# -- the command line -----------------------------------------------------------------------------


def test_cli_upper_level_flow(unit, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("UNIONPERF_PASSPHRASE", UPPER_PASSPHRASE)
    up = str(tmp_path / "upper")
    assert main(["init", "--workspace", up, "--upper", "上海市浦东新区总工会"]) == 0
    assert (
        main(
            [
                "register",
                "--workspace",
                up,
                "--key",
                str(unit.pub_file),
                "--unit-code",
                unit.unit_code,
                "--name",
                unit.unit_name,
            ]
        )
        == 0
    )
    capsys.readouterr()
    second, first = unit.packages["targets-2"], unit.packages["targets-1"]
    assert main(["receive", "--workspace", up, str(second)]) == 0
    assert main(["receive", "--workspace", up, str(second), str(first)]) != 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{second.name}: received")
    assert lines[1].startswith(f"{second.name}: already received")
    assert lines[2].startswith(f"{first.name}: refused")
    assert len(lines) == 3


def test_cli_feedback_signs_the_opinions_file(unit, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("UNIONPERF_PASSPHRASE", UPPER_PASSPHRASE)
    up = str(tmp_path / "upper")
    assert main(["init", "--workspace", up, "--upper", "上海市浦东新区总工会"]) == 0
    register_args = ["--key", str(unit.pub_file), "--unit-code", unit.unit_code]
    assert main(["register", "--workspace", up, *register_args, "--name", unit.unit_name]) == 0
    assert main(["receive", "--workspace", up, str(unit.packages["targets-2"])]) == 0
    sent = verify_package(unit.packages["targets-2"].read_bytes(), unit.public_key).data
    assert sent is not None
    project = sent.projects[0]
    indicator = project.targets.indicators[0]
    document = {
        "summary": "请补充说明",
        "opinions": [
            {"owner": project.uid, "item": indicator.uid, "label": "指标", "text": "请提高目标值"},
            {"text": "请补充满意度指标"},
        ],
    }
    opinions = tmp_path / "opinions.json"
    opinions.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    command = ["feedback", "--workspace", up, "--unit", unit.unit_code, "--year", str(YEAR)]
    command += ["--stage", "targets", "--decision", "return", "--opinions", str(opinions)]
    assert main([*command, "--out", str(tmp_path / "fb")]) == 0
    path = tmp_path / "fb" / f"{unit.unit_code}_{YEAR}年绩效目标_反馈_第1次.upkg"
    assert capsys.readouterr().out == f"已生成反馈数据包：{path}\n"
    expected = {
        "decision": "return",
        "opinions": [
            {
                "field": "",
                "item": indicator.uid,
                "label": "指标",
                "owner": project.uid,
                "text": "请提高目标值",
            },
            {"field": "", "item": "", "label": "整体", "owner": "", "text": "请补充满意度指标"},
        ],
        "summary": "请补充说明",
    }
    text = json.dumps(expected, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    assert members(path.read_bytes())["data/feedback.json"] == text.encode()
    opinions.write_text('{"opinions": [{"text": ""}]}', encoding="utf-8")
    assert main([*command, "--out", str(tmp_path / "fb2")]) != 0
    assert "第1条意见缺少 text" in capsys.readouterr().err
