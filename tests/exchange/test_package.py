"""Exported packages checked with tools we did not write, and refusals of well-signed bad content.

bagit-python validates the unzipped bag, PyNaCl checks the minisign signature parsed by hand,
the minisign tool checks it too, and jsonschema checks package.json and data.json against the
published schemas in docs/schemas/.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bagit
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from jsonschema import Draft7Validator

from tests.exchange.packages import (
    EXPORTS,
    MANIFEST,
    SIGNATURE,
    TAG_FILES,
    TAGMANIFEST,
    YEAR,
    DemoUnit,
    copy_workspace,
    demo_unit,
    hand_verify,
    members,
    repackage,
    sha256,
)
from unionperf.cli import main
from unionperf.domain import scoring
from unionperf.domain.scoring import score_targets
from unionperf.exchange import minisign
from unionperf.exchange.errors import PackageError
from unionperf.exchange.package import VerifiedPackage, verify_package
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import evidence
from unionperf.services.cycle.submit import export_package, submissions

ROOT = Path(__file__).resolve().parents[2]
CHINESE = re.compile(r"[\u4e00-\u9fff]")
MINISIGN = shutil.which("minisign")
BAGIT_SCRIPT = Path(sys.executable).parent / "bagit.py"
NAMES = [name for name, _ in EXPORTS]


@pytest.fixture(scope="module")
def unit(tmp_path_factory) -> DemoUnit:
    return demo_unit(tmp_path_factory)


def _unzip(blob: bytes, folder: Path) -> Path:
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        archive.extractall(folder)
    return folder


def _schema(name: str) -> Draft7Validator:
    text = (ROOT / "docs" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    return Draft7Validator(json.loads(text))


def _refused(blob: bytes, key: minisign.PublicKey | None, code: str) -> str:
    with pytest.raises(PackageError) as caught:
        verify_package(blob, key)
    assert caught.value.code == code, (caught.value.code, str(caught.value))
    message = str(caught.value)
    assert CHINESE.search(message), message
    return message


# -- independent checks --------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_bagit_python_accepts_the_unzipped_package(unit, tmp_path, name):
    folder = _unzip(unit.blob(name), tmp_path / "bag")
    checked = bagit.Bag(str(folder))
    checked.validate()
    assert checked.info["Bag-Software-Agent"].startswith("UnionPerf")
    assert "data/package.json" in set(checked.payload_files())


def test_bagit_py_command_validates_the_unzipped_package(unit, tmp_path):
    folder = _unzip(unit.blob("targets-1"), tmp_path / "bag")
    done = subprocess.run(
        [sys.executable, str(BAGIT_SCRIPT), "--validate", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "is valid" in done.stderr


@pytest.mark.parametrize("name", NAMES)
def test_signature_verifies_with_pynacl_and_the_bag_chain_with_hashlib(unit, name):
    files = members(unit.blob(name))
    meta = json.loads(files["data/package.json"])
    comment = hand_verify(unit.pub_file.read_text(), files[TAGMANIFEST], files[SIGNATURE].decode())
    fields = dict(item.split(":", 1) for item in comment.split())
    assert fields["unit"] == unit.unit_code
    assert fields["year"] == str(YEAR)
    assert fields["stage"] == meta["stage"]
    assert fields["seq"] == str(meta["sequence"])
    # the signed tag manifest covers the tag files, the manifest covers every payload file
    tag_lines = dict(
        reversed(line.split("  ", 1)) for line in files[TAGMANIFEST].decode().splitlines()
    )
    assert tag_lines == {name: sha256(files[name]) for name in TAG_FILES}
    lines = dict(reversed(line.split("  ", 1)) for line in files[MANIFEST].decode().splitlines())
    assert lines == {n: sha256(data) for n, data in files.items() if n.startswith("data/")}


@pytest.mark.skipif(MINISIGN is None, reason="minisign is not on PATH")
@pytest.mark.parametrize("name", ["targets-1", "self-evaluation-1"])
def test_minisign_tool_verifies_the_package_signature(unit, tmp_path, name):
    folder = _unzip(unit.blob(name), tmp_path / "bag")
    shutil.copyfile(unit.pub_file, folder / "unit.pub")
    done = subprocess.run(
        [str(MINISIGN), "-V", "-p", "unit.pub", "-m", TAGMANIFEST],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"Trusted comment: unit:{unit.unit_code} year:{YEAR}" in done.stdout
    (folder / TAGMANIFEST).write_bytes((folder / TAGMANIFEST).read_bytes() + b"\n")
    done = subprocess.run(
        [str(MINISIGN), "-V", "-p", "unit.pub", "-m", TAGMANIFEST],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0


@pytest.mark.parametrize("name", NAMES)
def test_package_json_and_data_json_follow_the_published_schemas(unit, name):
    files = members(unit.blob(name))
    meta = json.loads(files["data/package.json"])
    assert list(_schema("package").iter_errors(meta)) == []
    assert list(_schema("data").iter_errors(json.loads(files["data/data.json"]))) == []
    for field in (
        "format_version",
        "package_id",
        "unit",
        "year",
        "stage",
        "sequence",
        "previous_sha256",
        "created_at",
        "app_version",
        "key_id",
    ):
        assert field in meta
    assert meta["unit"] == {"code": unit.unit_code, "name": unit.unit_name}
    assert meta["key_id"] == unit.public_key.key_id_hex
    assert meta["year"] == YEAR
    assert files["data/keys/signer.pub"].decode() == unit.public_key.to_file()


def test_layout_name_and_sequence_chain(unit):
    assert {name: path.name for name, path in unit.packages.items()} == {
        "targets-1": f"{unit.unit_code}_{YEAR}年绩效目标_第1次.upkg",
        "targets-2": f"{unit.unit_code}_{YEAR}年绩效目标_第2次.upkg",
        "self-evaluation-1": f"{unit.unit_code}_{YEAR}年绩效自评_第1次.upkg",
        "monitoring-1": f"{unit.unit_code}_{YEAR}年运行监控（截至2024-03-31）_第1次.upkg",
    }
    first = json.loads(members(unit.blob("targets-1"))["data/package.json"])
    second = json.loads(members(unit.blob("targets-2"))["data/package.json"])
    assert (first["sequence"], second["sequence"]) == (1, 2)
    assert first["previous_sha256"] is None
    assert second["previous_sha256"] == sha256(unit.blob("targets-1"))
    assert first["package_id"] != second["package_id"]
    assert sorted(members(unit.blob("targets-1"))) == sorted(
        [
            *TAG_FILES,
            TAGMANIFEST,
            SIGNATURE,
            "data/data.json",
            "data/forms/assessments.pdf",  # the demo's new major project (事前绩效评估)
            "data/forms/budget.pdf",
            "data/forms/forms-targets.xlsx",
            "data/forms/project-targets.pdf",
            "data/forms/unit-targets.pdf",
            "data/keys/signer.pub",
            "data/package.json",
        ]
    )
    self_evaluation = json.loads(members(unit.blob("self-evaluation-1"))["data/package.json"])
    assert self_evaluation["scores"]["unit"]["grade"] in ("优", "良", "中", "差")
    assert first["scores"] is None


def test_every_export_is_in_the_submission_log(unit, tmp_path):
    with Workspace.open(copy_workspace(unit.workspace, tmp_path / "unit")) as workspace:
        log = submissions(workspace, YEAR)
    assert [(item.stage, item.sequence) for item in log] == [
        ("targets", 1),
        ("targets", 2),
        ("self-evaluation", 1),
        ("monitoring-2024-03-31", 1),
    ]
    assert [item.sha256 for item in log] == [sha256(unit.blob(name)) for name in NAMES]
    assert [item.file_name for item in log] == [unit.packages[name].name for name in NAMES]


# -- verify_package ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_verify_with_the_registered_key(unit, name):
    blob = unit.blob(name)
    package = verify_package(blob, unit.public_key)
    assert isinstance(package, VerifiedPackage)
    assert package.trusted
    assert package.sha256 == sha256(blob)
    assert package.unit_code == unit.unit_code
    assert package.signer == unit.public_key
    assert package.data is not None
    assert package.data.year == YEAR
    assert package.feedback is None
    assert set(package.files) == set(members(blob))


def test_verify_without_a_key_is_not_trusted(unit):
    package = verify_package(unit.blob("targets-1"))
    assert not package.trusted
    assert package.signer == unit.public_key


def test_another_key_is_refused(unit):
    other = minisign.public_key_of(Ed25519PrivateKey.generate())
    assert "不一致" in _refused(unit.blob("targets-1"), other, "signature")


def test_stranger_signing_with_his_own_embedded_key_is_only_untrusted(unit):
    """Without a key the embedded one is used: the result must say so, with the stranger's id."""
    stranger = Ed25519PrivateKey.generate()
    stranger_public = minisign.public_key_of(stranger)
    edits = {"data/keys/signer.pub": stranger_public.to_file().encode()}
    blob = _forge(
        unit,
        lambda meta: meta.update(key_id=stranger_public.key_id_hex),
        edits=edits,
        signer=stranger,
    )
    package = verify_package(blob)
    assert not package.trusted
    assert package.signer.key_id_hex == stranger_public.key_id_hex != unit.public_key.key_id_hex
    _refused(blob, unit.public_key, "signature")


# -- well signed, still refused -------------------------------------------------------------------


def _forge(
    unit: DemoUnit,
    change: Callable[[dict[str, Any]], None] | None = None,
    *,
    edits: dict[str, bytes | None] | None = None,
    signer: Ed25519PrivateKey | None = None,
    comment: str | None = None,
    name: str = "targets-1",
) -> bytes:
    """A package edited and signed again with the unit's key (or ``signer``)."""
    blob = unit.blob(name)
    edits = dict(edits or {})
    if change is not None:
        meta = json.loads(members(blob)["data/package.json"])
        change(meta)
        edits["data/package.json"] = json.dumps(meta, ensure_ascii=False).encode()
    return repackage(blob, edit=edits, sign_with=signer or unit.private_key(), comment=comment)


def _data(unit: DemoUnit, name: str = "targets-1") -> dict[str, Any]:
    document: dict[str, Any] = json.loads(members(unit.blob(name))["data/data.json"])
    return document


def test_resigned_copy_verifies(unit):
    """The forging helpers themselves make valid packages: the refusals below are the edits'."""
    package = verify_package(_forge(unit), unit.public_key)
    assert package.meta == json.loads(members(unit.blob("targets-1"))["data/package.json"])


def test_trusted_comment_must_match_package_json(unit):
    meta = json.loads(members(unit.blob("targets-1"))["data/package.json"])
    comment = (
        f"unit:{unit.unit_code} year:{YEAR} stage:targets seq:7 kind:submission "
        f"package:{meta['package_id']}"
    )
    _refused(_forge(unit, comment=comment), unit.public_key, "comment")


def test_key_id_must_match_the_signer(unit):
    _refused(
        _forge(unit, lambda meta: meta.update(key_id="0123456789ABCDEF")), unit.public_key, "key-id"
    )


def test_embedded_signer_key_must_be_the_signing_key(unit):
    other = minisign.public_key_of(Ed25519PrivateKey.generate()).to_file().encode()
    _refused(_forge(unit, edits={"data/keys/signer.pub": other}), unit.public_key, "signature")


def test_unknown_major_version_is_refused_with_the_version_needed(unit):
    def newer(meta: dict[str, Any]) -> None:
        meta.update(format_version="2.0", app_version="2.3.0")

    message = _refused(_forge(unit, newer), unit.public_key, "version")
    assert "2.0" in message
    assert "2.3.0" in message  # the version of UnionPerf that made it, i.e. the one needed


def test_unknown_minor_version_fields_are_kept_and_ignored(unit):
    def newer(meta: dict[str, Any]) -> None:
        meta.update(format_version="1.9", future_field={"anything": [1, 2]})

    package = verify_package(_forge(unit, newer), unit.public_key)
    assert package.meta["future_field"] == {"anything": [1, 2]}


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda meta: meta.update(sequence=0), "schema"),
        (lambda meta: meta.pop("package_id"), "schema"),
        (lambda meta: meta.update(stage="closing"), "schema"),
        (lambda meta: meta["unit"].update(code="not a code"), "schema"),
    ],
    ids=["sequence", "package-id", "stage", "unit-code"],
)
def test_package_json_against_its_schema(unit, change, code):
    def safe(meta: dict[str, Any]) -> None:
        change(meta)

    blob = _forge_raw_meta(unit, safe)
    _refused(blob, unit.public_key, code)


def _forge_raw_meta(unit: DemoUnit, change: Callable[[dict[str, Any]], None]) -> bytes:
    """Edit package.json but sign with the original comment (the schema check comes first)."""
    blob = unit.blob("targets-1")
    meta = json.loads(members(blob)["data/package.json"])
    comment = minisign.parse_signature(members(blob)[SIGNATURE].decode()).trusted_comment
    change(meta)
    return _forge(unit, edits={"data/package.json": json.dumps(meta).encode()}, comment=comment)


def test_package_json_that_is_not_json(unit):
    blob = unit.blob("targets-1")
    comment = minisign.parse_signature(members(blob)[SIGNATURE].decode()).trusted_comment
    _refused(
        _forge(unit, edits={"data/package.json": b"{not json"}, comment=comment),
        unit.public_key,
        "json",
    )


def test_data_json_missing(unit):
    _refused(_forge(unit, edits={"data/data.json": None}), unit.public_key, "missing-file")


def test_data_json_against_its_schema(unit):
    document = _data(unit)
    document["projects"] = "not a list"
    _refused(
        _forge(unit, edits={"data/data.json": json.dumps(document).encode()}),
        unit.public_key,
        "schema",
    )


def test_data_json_of_another_year(unit):
    document = _data(unit)
    document["year"] = YEAR - 1
    _refused(
        _forge(unit, edits={"data/data.json": json.dumps(document).encode()}),
        unit.public_key,
        "identity",
    )


def test_rules_are_run_again_with_the_package_settings(unit):
    """A package whose data fails a hard rule is refused even when it is properly signed."""
    document = _data(unit)
    document["signoffs"] = [s for s in document["signoffs"] if s["role"] != "chair"]
    message = _refused(
        _forge(unit, edits={"data/data.json": json.dumps(document).encode()}),
        unit.public_key,
        "rules",
    )
    assert "G001" in message


def test_scores_are_recomputed(unit):
    def inflate(meta: dict[str, Any]) -> None:
        meta["scores"]["unit"]["total"] = "100.00"

    _refused(_forge(unit, inflate, name="self-evaluation-1"), unit.public_key, "scores")


def test_feedback_package_without_feedback_json(unit):
    def as_feedback(meta: dict[str, Any]) -> None:
        meta.update(kind="feedback", feedback={"decision": "return", "from": "上级"})

    _refused(_forge(unit, as_feedback), unit.public_key, "missing-file")


# -- evidence in the package --------------------------------------------------------------------


@pytest.mark.parametrize(
    "filename", ["签到表 第1页.pdf", "完成率100%.xlsx"], ids=["chinese", "percent"]
)
def test_evidence_travels_and_bagit_python_still_accepts_the_bag(unit, tmp_path, filename):
    scan = tmp_path / filename
    scan.write_bytes(b"%PDF-1.4 scanned")
    with Workspace.open(copy_workspace(unit.workspace, tmp_path / "unit")) as workspace:
        evidence.attach(workspace, YEAR, "unit", "self-evaluation", source=scan)
        path = export_package(workspace, YEAR, "self-evaluation", tmp_path / "out", "demo").path
    package = verify_package(path.read_bytes(), unit.public_key)
    listed = package.meta["evidence"]
    assert len(listed) == 1
    assert package.payload[listed[0]["path"]] == scan.read_bytes()
    assert listed[0]["sha256"] == sha256(scan.read_bytes())
    bagit.Bag(str(_unzip(path.read_bytes(), tmp_path / "bag"))).validate()


@pytest.mark.parametrize(
    ("filename", "in_the_bag"),
    [
        ("p\u0430yment.pdf", "p_yment.pdf"),
        (unicodedata.normalize("NFD", "résumé.pdf"), "r_sum_.pdf"),
        ("a\uff0fb\u202e.pdf", "a_b_.pdf"),
        ("第１页（草稿）.pdf", "第1页(草稿).pdf"),
        ("会议\u3000纪要 .pdf", "会议 纪要 .pdf"),
        ("签到表【定稿】.pdf", "签到表【定稿】.pdf"),
    ],
    ids=["cyrillic", "nfd", "slash-and-bidi", "full-width", "ideographic-space", "chinese"],
)
def test_evidence_of_any_name_exports_a_package_that_verifies(unit, tmp_path, filename, in_the_bag):
    """The exporter fits evidence names to the bag's naming rules (package-format.md §6.4)."""
    scan = tmp_path / filename
    scan.write_bytes(b"%PDF-1.4 scanned")
    with Workspace.open(copy_workspace(unit.workspace, tmp_path / "unit")) as workspace:
        item = evidence.attach(workspace, YEAR, "unit", "self-evaluation", source=scan)
        path = export_package(workspace, YEAR, "self-evaluation", tmp_path / "out", "demo").path
    package = verify_package(path.read_bytes(), unit.public_key)
    [listed] = package.meta["evidence"]
    assert listed["path"] == f"data/evidence/unit/{item.uid}_{in_the_bag}"
    assert package.payload[listed["path"]] == scan.read_bytes()


# -- the command line ---------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("UNIONPERF_PASSPHRASE", None)
    return subprocess.run(
        [sys.executable, "-m", "unionperf", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )


def test_cli_verify_valid_package(unit):
    path = unit.packages["self-evaluation-1"]
    done = _cli("verify", str(path), "--key", str(unit.pub_file))
    assert done.returncode == 0, done.stderr
    assert "校验通过" in done.stdout
    assert unit.unit_name in done.stdout
    assert unit.unit_code in done.stdout
    assert "self-evaluation" in done.stdout
    assert unit.public_key.key_id_hex in done.stdout
    assert "单位整体" in done.stdout  # the scores
    assert "未指定公钥" not in done.stdout


def test_cli_verify_tampered_package(unit, tmp_path):
    blob = bytearray(unit.blob("targets-1"))
    blob[len(blob) // 2] ^= 0xFF
    path = tmp_path / "tampered.upkg"
    path.write_bytes(bytes(blob))
    done = _cli("verify", str(path))
    assert done.returncode != 0
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert "校验失败" in lines[0]
    assert "Traceback" not in done.stderr


def test_cli_verify_json(unit, tmp_path, capsys):
    assert main(["verify", str(unit.packages["targets-1"]), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is True
    assert report["trusted"] is False
    assert report["sequence"] == 1
    assert report["signer_key_id"] == unit.public_key.key_id_hex
    path = tmp_path / "other.upkg"
    path.write_bytes(
        _forge(unit, edits={"data/extra.txt": b"x"}, signer=Ed25519PrivateKey.generate())
    )
    assert main(["verify", str(path), "--key", str(unit.pub_file), "--json"]) != 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {
        "valid": False,
        "check": "signature",
        "reason": json.loads(captured.out)["reason"],
    }
    assert len(captured.err.splitlines()) == 1


def test_verification_scores_each_project_and_the_unit_once(unit, monkeypatch):
    """The rules and the score summary share one scoring of each target set."""
    calls: list[str] = []

    def counted(*args: Any) -> Any:
        calls.append("scored")
        return score_targets(*args)

    monkeypatch.setattr(scoring, "score_targets", counted)
    package = verify_package(unit.blob("self-evaluation-1"), unit.public_key)
    assert package.data is not None
    assert len(calls) == len(package.data.projects) + (1 if package.data.settings.unit_wide else 0)
