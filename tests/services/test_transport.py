"""Private transport end to end: a package encrypted to the upper level, received and refused.

The unit encrypts its signed package to the upper level's age recipient; the upper level
receives it with its passphrase and verifies the signed package inside as usual. The reference
``age`` tool decrypts the file on its own, so the package inside is shown to be the signed one
byte for byte, checked again with PyNaCl.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.exchange.packages import (
    PASSPHRASE,
    SIGNATURE,
    TAGMANIFEST,
    UPPER_PASSPHRASE,
    YEAR,
    DemoUnit,
    copy_workspace,
    demo_unit,
    hand_verify,
    key_id_of,
    members,
    upper_workspace,
)
from unionperf.exchange import age, age_keys
from unionperf.exchange.errors import PackageError
from unionperf.exchange.package import verify_package
from unionperf.services.common import signing, transport
from unionperf.services.common.errors import InputError, ServiceError
from unionperf.services.common.verify import EncryptedPackageError, verify_file
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle.submit import export_package, submissions
from unionperf.services.inbox import fanout
from unionperf.services.inbox.receive import receive
from unionperf.services.upper.register import register
from unionperf.services.views.package_info import Relation, describe_package

AGE = shutil.which("age")


@pytest.fixture(scope="module")
def unit(tmp_path_factory) -> DemoUnit:
    return demo_unit(tmp_path_factory)


@pytest.fixture
def upper(unit, tmp_path) -> Iterator[Workspace]:
    workspace = upper_workspace(tmp_path / "upper")
    register(
        workspace, unit.pub_file, unit.unit_code, unit.unit_name, key_id=key_id_of(unit.pub_file)
    )
    yield workspace
    workspace.close()


@pytest.fixture
def unit_copy(unit, tmp_path) -> Iterator[Workspace]:
    workspace = Workspace.open(copy_workspace(unit.workspace, tmp_path / "unit"))
    yield workspace
    workspace.close()


def _sealed(unit_copy: Workspace, upper: Workspace, out: Path, stage: str = "targets") -> Path:
    recipient = transport.own_recipient(upper)
    assert recipient is not None
    transport.trust_upper_recipient(unit_copy, recipient)
    return export_package(unit_copy, YEAR, stage, out, PASSPHRASE, encrypt=True).path


def _quarantined(workspace: Workspace) -> list[str]:
    folder = workspace.paths.root / "quarantine"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_an_upper_workspace_is_made_with_an_identity_and_shows_its_recipient(upper, unit_copy):
    recipient = transport.own_recipient(upper)
    assert recipient is not None
    assert recipient.startswith("age1")
    assert signing.key_info(upper).recipient == recipient
    assert (upper.paths.keys / age_keys.RECIPIENT_NAME).read_text().strip() == recipient
    assert transport.own_recipient(unit_copy) is None
    assert signing.key_info(unit_copy).recipient == ""


def test_an_encrypted_export_without_the_upper_recipient_is_refused_before_signing(
    unit_copy, tmp_path
):
    before = submissions(unit_copy, YEAR)
    with pytest.raises(InputError, match="trust-upper"):
        export_package(unit_copy, YEAR, "targets", tmp_path / "out", PASSPHRASE, encrypt=True)
    assert not (tmp_path / "out").exists()
    assert submissions(unit_copy, YEAR) == before


@pytest.mark.parametrize("text", ["", "age1abc", "AGE-SECRET-KEY-1XYZ", "RWQf6LRCGA9i53mlYecO4IzT"])
def test_a_bad_recipient_is_refused_and_nothing_is_kept(unit_copy, text):
    with pytest.raises(InputError, match="加密收件人"):
        transport.trust_upper_recipient(unit_copy, text)
    assert transport.upper_recipient(unit_copy) is None


def test_the_recipient_is_kept_and_audited(unit_copy, upper):
    recipient = transport.own_recipient(upper)
    assert recipient is not None
    transport.trust_upper_recipient(unit_copy, f" {recipient}\n")
    assert transport.upper_recipient(unit_copy) == recipient
    assert unit_copy.audit_breaks() == []


def test_the_encrypted_file_holds_the_signed_package_unchanged(unit, unit_copy, upper, tmp_path):
    path = _sealed(unit_copy, upper, tmp_path / "out")
    assert path.name.endswith(".upkg.age")
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no plain copy beside
    sealed = path.read_bytes()
    assert age.is_encrypted(sealed)
    assert unit.unit_name.encode() not in sealed
    assert b"data.json" not in sealed
    logged = submissions(unit_copy, YEAR)[-1]
    assert logged.file_name == path.name
    plain = age.decrypt(sealed, transport.unlock_identity(upper, UPPER_PASSPHRASE))
    assert hashlib.sha256(plain).hexdigest() == logged.sha256
    package = verify_package(plain, unit.public_key)
    assert package.trusted
    inside = members(plain)
    comment = hand_verify(
        unit.pub_file.read_text(), inside[TAGMANIFEST], inside[SIGNATURE].decode()
    )
    assert f"unit:{unit.unit_code}" in comment


@pytest.mark.skipif(AGE is None, reason="the age tool is not on PATH")
def test_the_age_tool_opens_an_exported_package_with_the_upper_identity(
    unit, unit_copy, upper, tmp_path
):
    path = _sealed(unit_copy, upper, tmp_path / "out")
    identity = tmp_path / "identity.txt"
    identity.write_text(transport.unlock_identity(upper, UPPER_PASSPHRASE) + "\n")
    plain = subprocess.run(
        [AGE, "-d", "-i", str(identity), str(path)], capture_output=True, check=True
    ).stdout
    assert hashlib.sha256(plain).hexdigest() == submissions(unit_copy, YEAR)[-1].sha256
    assert verify_package(plain, unit.public_key).unit_code == unit.unit_code


def test_a_folder_received_takes_its_encrypted_packages_too(unit_copy, upper, tmp_path):
    inbox = tmp_path / "mail"
    path = _sealed(unit_copy, upper, inbox / "附件")
    (inbox / "readme.txt").write_text("not a package", encoding="utf-8")
    with pytest.raises(ServiceError, match="口令"):
        receive(upper, [inbox])  # the encrypted file was found, so the passphrase is asked
    [outcome] = receive(upper, [inbox], passphrase=UPPER_PASSPHRASE)
    assert outcome.path == path
    assert outcome.status == "received"


def test_receive_decrypts_with_the_passphrase_and_verifies_as_usual(unit_copy, upper, tmp_path):
    path = _sealed(unit_copy, upper, tmp_path / "out")
    [outcome] = receive(upper, [path], passphrase=UPPER_PASSPHRASE)
    assert outcome.status == "received"
    assert outcome.message.endswith("（加密传送，已解密）")
    with upper.reading() as uow:
        [held] = uow.register.received()
    stored = (upper.paths.root / held.file_name).read_bytes()
    assert not age.is_encrypted(stored)
    assert (
        hashlib.sha256(stored).hexdigest() == held.sha256 == submissions(unit_copy, YEAR)[-1].sha256
    )
    [again] = receive(upper, [path], passphrase=UPPER_PASSPHRASE)
    assert again.status == "already received"
    plain = tmp_path / "plain.upkg"
    plain.write_bytes(stored)
    [same] = receive(upper, [plain])  # the same package sent in the clear: no passphrase needed
    assert same.status == "already received"


def test_receive_without_or_with_a_wrong_passphrase_changes_nothing(unit_copy, upper, tmp_path):
    path = _sealed(unit_copy, upper, tmp_path / "out")
    with pytest.raises(ServiceError, match="需要口令"):
        receive(upper, [path])
    with pytest.raises(ServiceError, match="口令不正确"):
        receive(upper, [path], passphrase=UPPER_PASSPHRASE + "x")
    with upper.reading() as uow:
        assert uow.register.received() == []
    assert _quarantined(upper) == []


def test_a_package_for_another_recipient_is_refused_and_quarantined(
    unit, unit_copy, upper, tmp_path
):
    _other_identity, other = age.generate()
    transport.trust_upper_recipient(unit_copy, other)
    path = export_package(
        unit_copy, YEAR, "targets", tmp_path / "out", PASSPHRASE, encrypt=True
    ).path
    [outcome] = receive(upper, [path], passphrase=UPPER_PASSPHRASE)
    assert outcome.refused
    assert outcome.code == "age-recipient"
    assert "收件人不符" in outcome.message
    assert "\n" not in outcome.message
    names = _quarantined(upper)
    assert [name for name in names if name.endswith(path.name)]
    reason = next(name for name in names if name.endswith(".reason.txt"))
    assert "收件人不符" in (upper.paths.root / "quarantine" / reason).read_text(encoding="utf-8")


def test_a_damaged_encrypted_package_is_refused_as_damaged(unit_copy, upper, tmp_path):
    path = _sealed(unit_copy, upper, tmp_path / "out")
    blob = bytearray(path.read_bytes())
    blob[-500] ^= 0x01
    path.write_bytes(bytes(blob))
    [outcome] = receive(upper, [path], passphrase=UPPER_PASSPHRASE)
    assert (outcome.status, outcome.code) == ("refused", "age-damaged")
    assert outcome.message.startswith("加密数据包已损坏")
    with upper.reading() as uow:
        assert uow.register.received() == []


def test_a_workspace_without_identity_refuses_each_encrypted_package(unit_copy, upper, tmp_path):
    path = _sealed(unit_copy, upper, tmp_path / "out")
    for name in (age_keys.IDENTITY_NAME, age_keys.RECIPIENT_NAME):
        (upper.paths.keys / name).unlink()
    [outcome] = receive(upper, [path])  # no identity: no passphrase asked
    assert (outcome.code, outcome.message) == ("age-recipient", transport.NO_IDENTITY)
    [on_unit] = receive(unit_copy, [path])
    assert on_unit.code == "age-recipient"


def test_an_upper_workspace_made_before_gets_its_identity_with_its_passphrase(upper):
    for name in (age_keys.IDENTITY_NAME, age_keys.RECIPIENT_NAME):
        (upper.paths.keys / name).unlink()
    assert transport.own_recipient(upper) is None
    with pytest.raises(ServiceError, match="口令"):
        transport.create_encryption_key(upper, UPPER_PASSPHRASE + "x")
    assert transport.own_recipient(upper) is None
    recipient, made = transport.create_encryption_key(upper, UPPER_PASSPHRASE)
    assert made
    assert transport.own_recipient(upper) == recipient
    assert transport.create_encryption_key(upper, "any") == (recipient, False)
    assert age.recipient_of(transport.unlock_identity(upper, UPPER_PASSPHRASE)) == recipient


def test_verify_says_an_encrypted_file_is_encrypted_and_for_whom(unit_copy, upper, tmp_path):
    path = _sealed(unit_copy, upper, tmp_path / "out")
    with pytest.raises(EncryptedPackageError) as refused:
        verify_file(path)
    assert refused.value.code == "encrypted"
    assert refused.value.header.recipient_types == ("X25519",)
    assert "X25519 ×1" in str(refused.value)
    path.write_bytes(age.MAGIC + b"-> X25519\n")
    with pytest.raises(PackageError) as damaged:
        verify_file(path)
    assert damaged.value.code == "age-damaged"


def test_the_window_describes_an_encrypted_file_without_a_key(unit_copy, upper, tmp_path):
    path = _sealed(unit_copy, upper, tmp_path / "out")
    info = describe_package(upper, path)
    assert info.relation is Relation.INVALID
    assert info.problem_code == "encrypted"
    assert "unionperf receive" in info.problem


def test_decrypt_writes_the_signed_package_beside(unit, unit_copy, upper, tmp_path):
    path = _sealed(unit_copy, upper, tmp_path / "out")
    written = transport.decrypt_file(upper, path, UPPER_PASSPHRASE, tmp_path / "plain")
    assert written.name == path.name.removesuffix(".age")
    assert verify_file(written, unit.pub_file).unit_code == unit.unit_code
    with pytest.raises(PackageError) as refused:
        transport.decrypt_file(upper, written, UPPER_PASSPHRASE, tmp_path / "again")
    assert refused.value.code == "not-encrypted"


def test_with_workers_the_writer_decrypts_and_verifies_the_encrypted_packages(
    unit, unit_copy, upper, tmp_path
):
    path = _sealed(unit_copy, upper, tmp_path / "mail")
    with upper.reading() as uow:
        snapshot = {item.unit_code: item for item in uow.register.subordinates()}
    fanout._start_worker(snapshot)
    try:
        assert fanout.verify_file(path) is None  # a worker holds no identity: left to the writer
    finally:
        fanout._start_worker({})
    again = tmp_path / "mail" / "again.upkg.age"
    again.write_bytes(path.read_bytes())
    plain = tmp_path / "mail" / "plain.upkg"
    plain.write_bytes(transport.plain_package(path.read_bytes(), _identity(upper))[0])
    files = [path, again, plain, plain]
    outcomes = receive(upper, files, passphrase=UPPER_PASSPHRASE, workers=2)
    assert [item.status for item in outcomes] == ["received"] + ["already received"] * 3
    assert outcomes[0].message.endswith("（加密传送，已解密）")
    assert outcomes[0].unit_code == unit.unit_code
    with upper.reading() as uow:
        [held] = uow.register.received()
    assert held.sha256 == hashlib.sha256(plain.read_bytes()).hexdigest()


def _identity(workspace: Workspace) -> str:
    return transport.unlock_identity(workspace, UPPER_PASSPHRASE)
