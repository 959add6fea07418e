"""Private transport in the age format: round trips, refusals, and the reference ``age`` tool.

The ``age`` command (Debian package ``age``, the Go reference implementation) is the
independent checker: it must decrypt what we encrypt with the identity, and we must decrypt what
it encrypts to our recipient, binary and armoured.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess

import pytest

from unionperf.exchange import age
from unionperf.exchange.errors import PackageError

AGE = shutil.which("age")
needs_age = pytest.mark.skipif(AGE is None, reason="the age tool is not on PATH")
PLAIN = b"PK\x03\x04" + os.urandom(200_000) + "数据包".encode()


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


@pytest.fixture(scope="module")
def pair() -> tuple[str, str]:
    return age.generate()


def test_a_package_round_trips_unchanged(pair):
    identity, recipient = pair
    assert identity.startswith("AGE-SECRET-KEY-1")
    assert recipient.startswith("age1")
    sealed = age.encrypt(PLAIN, recipient)
    assert age.is_encrypted(sealed)
    assert not age.is_encrypted(PLAIN)
    assert PLAIN[1000:1100] not in sealed
    header = age.read_header(sealed)
    assert header.recipient_types == ("X25519",)
    assert header.describe() == "X25519 ×1"
    assert age.decrypt(sealed, identity) == PLAIN
    assert age.recipient_of(identity) == recipient


def test_another_identity_is_refused_with_its_own_code(pair):
    _identity, recipient = pair
    other, _ = age.generate()
    with pytest.raises(PackageError) as refused:
        age.decrypt(age.encrypt(PLAIN, recipient), other)
    assert refused.value.code == age.RECIPIENT
    assert "收件人不符" in str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_passphrase_encrypted_file_names_its_recipient_type_and_is_refused(pair):
    identity, _ = pair
    # the header ``age -p`` writes (its scrypt cost is measured on the machine: made by hand)
    sealed = (
        age.MAGIC
        + b"-> scrypt "
        + _b64(os.urandom(16))
        + b" 18\n"
        + _b64(os.urandom(32))
        + b"\n--- "
        + _b64(os.urandom(32))
        + b"\n"
        + os.urandom(100)
    )
    assert age.read_header(sealed).recipient_types == ("scrypt",)
    with pytest.raises(PackageError) as refused:
        age.decrypt(sealed, identity)
    assert refused.value.code == age.RECIPIENT
    assert "scrypt" in str(refused.value)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[:-10], id="truncated"),
        pytest.param(lambda b: b[:-1000] + bytes([b[-1000] ^ 1]) + b[-999:], id="payload-byte"),
        pytest.param(lambda b: b + b"\x00", id="trailing-byte"),
    ],
)
def test_an_altered_file_is_refused_as_damaged(pair, damage):
    identity, recipient = pair
    with pytest.raises(PackageError) as refused:
        age.decrypt(damage(age.encrypt(PLAIN, recipient)), identity)
    assert refused.value.code == age.DAMAGED
    assert refused.value.args[0].startswith("加密数据包已损坏")


def test_an_altered_header_mac_is_refused_as_damaged(pair):
    identity, recipient = pair
    sealed = bytearray(age.encrypt(PLAIN, recipient))
    mac_at = sealed.index(b"\n--- ") + 6
    sealed[mac_at] = ord("A") if sealed[mac_at] != ord("A") else ord("B")
    with pytest.raises(PackageError) as refused:
        age.decrypt(bytes(sealed), identity)
    assert refused.value.code == age.DAMAGED


@pytest.mark.parametrize(
    "blob",
    [
        pytest.param(age.MAGIC, id="magic-only"),
        pytest.param(age.MAGIC + b"-> X25519 abc\n" + b"A" * 100_000, id="no-mac-in-64k"),
        pytest.param(age.MAGIC + b"--- " + b"A" * 43 + b"\n", id="no-stanza"),
        pytest.param(age.MAGIC + b"-> X25519 abc\n\xff\xfe\n--- " + b"A" * 43 + b"\n", id="bytes"),
        pytest.param(age.MAGIC + b"-> X25519 abc\nnot base64!\n--- " + b"A" * 43 + b"\n", id="b64"),
        pytest.param(age.MAGIC + b"-> X25519 abc\n--- short\n", id="short-mac"),
        pytest.param(age.MAGIC + b"-> \n--- " + b"A" * 43 + b"\n", id="empty-type"),
        pytest.param(age.MAGIC + b"-> X25519 a\n" * 65 + b"--- " + b"A" * 43 + b"\n", id="stanzas"),
        pytest.param(age.ARMOR_BEGIN + b"\n!!!\n" + age.ARMOR_END + b"\n", id="armour-b64"),
        pytest.param(age.ARMOR_BEGIN + b"\nYWJj\n", id="armour-open"),
    ],
)
def test_a_malformed_header_is_refused_in_one_line_without_a_key(blob):
    assert age.is_encrypted(blob)
    with pytest.raises(PackageError) as refused:
        age.read_header(blob)
    assert refused.value.code == age.DAMAGED
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(
    "text",
    ["", "age1xyz", "AGE-SECRET-KEY-1QQQ", "ssh-ed25519 AAAA", "age1" + "q" * 58],
)
def test_a_recipient_that_is_not_an_age_key_is_refused_in_chinese(text):
    with pytest.raises(age.AgeKeyError, match="加密收件人"):
        age.check_recipient(text)


def test_a_recipient_is_taken_without_surrounding_blanks(pair):
    assert age.check_recipient(f"  {pair[1]}\n") == pair[1]


@needs_age
def test_the_age_tool_decrypts_what_we_encrypt(pair, tmp_path):
    identity, recipient = pair
    (tmp_path / "id.txt").write_text(identity + "\n", encoding="ascii")
    (tmp_path / "p.upkg.age").write_bytes(age.encrypt(PLAIN, recipient))
    done = subprocess.run(
        [AGE, "-d", "-i", str(tmp_path / "id.txt"), str(tmp_path / "p.upkg.age")],
        capture_output=True,
        check=True,
    )
    assert done.stdout == PLAIN


@needs_age
@pytest.mark.parametrize("armour", [False, True])
def test_we_decrypt_what_the_age_tool_encrypts_to_our_recipient(pair, tmp_path, armour):
    identity, recipient = pair
    (tmp_path / "p.upkg").write_bytes(PLAIN)
    sealed = subprocess.run(
        [AGE, "-r", recipient, *(["-a"] if armour else []), str(tmp_path / "p.upkg")],
        capture_output=True,
        check=True,
    ).stdout
    assert age.is_encrypted(sealed)
    header = age.read_header(sealed)
    assert header.recipient_types == ("X25519",)
    assert header.armored is armour
    assert age.decrypt(sealed, identity) == PLAIN
