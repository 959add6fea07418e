"""The unit key: encrypted at rest, unlocked only with its passphrase, rotated by announcement."""

from __future__ import annotations

import base64
import json
import re
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
)

from tests.exchange.packages import copy_workspace, demo_unit, hand_public_key, hand_verify
from unionperf.exchange import keys, minisign, rotation
from unionperf.exchange.errors import PackageError
from unionperf.exchange.keys import Announcement, KeyFileError
from unionperf.services.common import signing
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.workspace import Workspace

CHINESE = re.compile(r"[\u4e00-\u9fff]")
PASS = "correct horse"
CODE = "81310115MC2K7Q8P1A"
TODAY = date(2024, 5, 6)


def _refused(call, fragment: str, error: type[Exception] = KeyFileError) -> str:
    with pytest.raises(error) as caught:
        call()
    message = str(caught.value)
    assert CHINESE.search(message), message
    assert fragment in message, message
    return message


def _raw(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def folder(tmp_path):
    keys.create_key(tmp_path / "keys", PASS)
    return tmp_path / "keys"


# -- made, stored, unlocked ----------------------------------------------------------------------


def test_key_is_stored_encrypted_and_public_key_in_minisign_format(folder):
    private_key = keys.load_private_key(folder, PASS)
    pem = (folder / keys.PRIVATE_NAME).read_bytes()
    assert pem.startswith(b"untrusted comment: minisign encrypted secret key\n")
    raw = _raw(private_key)
    assert raw not in pem
    assert base64.b64encode(raw) not in pem
    public = keys.public_key(folder)
    key_id, key = hand_public_key((folder / keys.PUBLIC_NAME).read_text())
    assert (key_id, key) == (public.key_id, public.key)
    assert public == minisign.public_key_of(private_key)
    assert not list(folder.glob("*.tmp"))


def test_wrong_passphrase_is_a_clear_error(folder):
    _refused(lambda: keys.load_private_key(folder, "wrong passphrase"), "口令不正确")


def test_empty_passphrase_is_refused_and_nothing_is_made(tmp_path):
    # the passphrase policy is the services' (tests/exchange/test_secret_key.py)
    _refused(lambda: keys.create_key(tmp_path / "keys", ""), "不能为空")
    assert not (tmp_path / "keys").exists()


def test_a_second_key_is_refused(folder):
    before = _snapshot(folder)
    _refused(lambda: keys.create_key(folder, PASS), "已有签名密钥")
    assert _snapshot(folder) == before


def test_missing_and_damaged_key_files(tmp_path, folder):
    _refused(lambda: keys.public_key(tmp_path / "nowhere"), "尚未创建")
    _refused(lambda: keys.load_private_key(tmp_path / "nowhere", PASS), "尚未创建")
    path = folder / keys.PRIVATE_NAME
    path.write_bytes(path.read_bytes()[:100])
    _refused(lambda: keys.load_private_key(folder, PASS), "已损坏")
    path.write_bytes(
        Ed25519PrivateKey.generate().private_bytes(
            Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()
        )
    )
    _refused(lambda: keys.load_private_key(folder, PASS), "未加密")
    (folder / keys.PUBLIC_NAME).write_text("untrusted comment: x\nnot a key\n")
    _refused(lambda: keys.public_key(folder), "公钥文件已损坏")


# -- rotation ------------------------------------------------------------------------------------


def test_rotation_retires_the_old_key_and_the_old_key_signs_the_announcement(folder):
    old = keys.public_key(folder)
    announcement = keys.rotate_key(folder, PASS, CODE, TODAY)
    new = keys.public_key(folder)
    assert new != old
    assert minisign.public_key_of(keys.load_private_key(folder, PASS)) == new
    retired = f"retired/{old.key_id_hex}"
    assert (folder / f"{retired}.pub").read_text() == old.to_file()
    assert minisign.public_key_of(keys.load_private_key(folder, PASS, f"{retired}.key")) == old
    assert announcement.old_key_id == old.key_id_hex
    assert minisign.parse_public_key(announcement.new_public_key) == new
    assert announcement.unit_code == CODE
    assert announcement.announced_on == "2024-05-06"
    # the statement says what it is in plain text, and the old key's signature checks with PyNaCl
    statement = announcement.statement()
    assert CODE.encode() in statement
    assert old.key_id_hex.encode() in statement
    assert new.to_file().strip().encode() in statement
    comment = hand_verify(old.to_file(), statement, announcement.signature)
    assert CODE in comment
    assert keys.announcements(folder) == [announcement]
    assert json.loads((folder / keys.ANNOUNCEMENTS_NAME).read_text())[0] == announcement.to_json()
    assert not list(folder.rglob("*.tmp"))


def test_rotation_with_a_wrong_passphrase_changes_nothing(folder):
    before = _snapshot(folder)
    _refused(lambda: keys.rotate_key(folder, "wrong passphrase", CODE, TODAY), "口令不正确")
    assert _snapshot(folder) == before


def test_chain_of_rotations_is_followed_from_any_registered_key(folder):
    first = keys.public_key(folder)
    keys.rotate_key(folder, PASS, CODE, TODAY)
    second = keys.public_key(folder)
    keys.rotate_key(folder, PASS, CODE, date(2024, 9, 1))
    third = keys.public_key(folder)
    chain = keys.announcements(folder)
    assert [item.old_key_id for item in chain] == [first.key_id_hex, second.key_id_hex]
    assert rotation.follow_chain(first, chain, CODE) == third
    assert rotation.follow_chain(second, chain, CODE) == third
    assert rotation.follow_chain(third, chain, CODE) == third
    stranger = minisign.public_key_of(Ed25519PrivateKey.generate())
    assert rotation.follow_chain(stranger, chain, CODE) == stranger


def _forged(old_key_id: str, signer: Ed25519PrivateKey, new_key: str) -> Announcement:
    statement = keys.announcement_statement(old_key_id, new_key, CODE, "2024-05-06")
    return Announcement(
        old_key_id,
        new_key,
        CODE,
        "2024-05-06",
        minisign.sign(signer, statement, f"key rotation unit:{CODE}"),
    )


def test_announcement_signed_by_an_unrelated_key_is_refused(folder):
    registered = keys.public_key(folder)
    thief = Ed25519PrivateKey.generate()
    forged = _forged(registered.key_id_hex, thief, minisign.public_key_of(thief).to_file())
    _refused(lambda: rotation.follow_chain(registered, [forged], CODE), "验证失败", PackageError)


@pytest.mark.parametrize("field", ["unit_code", "announced_on", "new_public_key"])
def test_changed_announcement_is_refused(folder, field):
    registered = keys.public_key(folder)
    announcement = keys.rotate_key(folder, PASS, CODE, TODAY)
    changed = {
        "unit_code": "91310000MA1FL0000X",
        "announced_on": "2030-01-01",
        "new_public_key": minisign.public_key_of(Ed25519PrivateKey.generate()).to_file(),
    }[field]
    data = announcement.to_json() | {field: changed}
    tampered = Announcement.from_json(data)
    _refused(
        lambda: rotation.follow_chain(registered, [tampered], CODE), "密钥更换声明", PackageError
    )


@pytest.mark.parametrize(
    "document", [[1], [{"old_key_id": "X"}], ["text"]], ids=["number", "missing", "string"]
)
def test_malformed_announcements_are_refused(folder, document):
    (folder / keys.ANNOUNCEMENTS_NAME).write_text(json.dumps(document))
    _refused(lambda: keys.announcements(folder), "密钥更换声明")


@pytest.mark.parametrize("text", ["{not json", '{"a": 1}'])
def test_damaged_announcement_file_is_refused(folder, text):
    (folder / keys.ANNOUNCEMENTS_NAME).write_text(text)
    _refused(lambda: keys.announcements(folder), "密钥更换记录已损坏")


# -- the service ---------------------------------------------------------------------------------


@pytest.fixture
def workspace(tmp_path_factory, tmp_path):
    unit = demo_unit(tmp_path_factory)
    with Workspace.open(copy_workspace(unit.workspace, tmp_path / "unit")) as opened:
        yield opened


def test_key_show_and_export(workspace, tmp_path):
    info = signing.key_info(workspace)
    key = keys.public_key(workspace.paths.keys)
    assert info.key_id == key.key_id_hex
    assert info.unit_code == "81310115MC2K7Q8P1A"
    assert info.unit_name
    assert info.rotations == 0
    out = signing.export_public_key(workspace, tmp_path / "share" / "unit.pub")
    assert out.read_text() == key.to_file()
    assert hand_public_key(out.read_text()) == (key.key_id, key.key)


def test_service_unlock_and_rotate_with_a_wrong_passphrase(workspace):
    _refused(lambda: signing.unlock(workspace, "wrong passphrase"), "口令不正确", ServiceError)
    _refused(lambda: signing.rotate(workspace, "wrong passphrase"), "口令不正确", ServiceError)
    assert signing.announcements(workspace) == []


def test_service_rotation_is_counted_and_audited(workspace):
    old = signing.key_info(workspace).key_id
    announcement = signing.rotate(workspace, "demo", TODAY)
    info = signing.key_info(workspace)
    assert announcement.old_key_id == old
    assert info.key_id != old
    assert info.rotations == 1
    assert signing.announcements(workspace) == [announcement]
    assert workspace.audit_breaks() == []
