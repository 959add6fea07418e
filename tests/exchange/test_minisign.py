"""minisign keys and signatures: both ways with PyNaCl and with the minisign tool; refusals."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import nacl.exceptions
import nacl.signing
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.exchange.packages import hand_public_key, hand_signature, hand_verify
from unionperf.exchange import minisign
from unionperf.exchange.minisign import SignatureError

CHINESE = re.compile(r"[\u4e00-\u9fff]")
MINISIGN = shutil.which("minisign")
needs_minisign = pytest.mark.skipif(MINISIGN is None, reason="minisign is not on PATH")

KEY = Ed25519PrivateKey.generate()
PUBLIC = minisign.public_key_of(KEY)


def _nacl_signature(
    signing_key: nacl.signing.SigningKey,
    key_id: bytes,
    message: bytes,
    comment: str,
    *,
    legacy: bool = False,
) -> str:
    """A minisign signature file made with PyNaCl only."""
    signed = message if legacy else hashlib.blake2b(message, digest_size=64).digest()
    signature = signing_key.sign(signed).signature
    global_signature = signing_key.sign(signature + comment.encode()).signature
    algorithm = b"Ed" if legacy else b"ED"
    return (
        "untrusted comment: made by hand\n"
        f"{base64.b64encode(algorithm + key_id + signature).decode()}\n"
        f"trusted comment: {comment}\n{base64.b64encode(global_signature).decode()}\n"
    )


def _nacl_public_key(signing_key: nacl.signing.SigningKey, key_id: bytes) -> str:
    blob = base64.b64encode(b"Ed" + key_id + bytes(signing_key.verify_key)).decode()
    return f"untrusted comment: minisign public key\n{blob}\n"


# -- the formats -------------------------------------------------------------------------------


def test_public_key_file_is_minisign_format():
    text = PUBLIC.to_file()
    lines = text.splitlines()
    assert lines[0] == f"untrusted comment: minisign public key {PUBLIC.key_id_hex}"
    key_id, key = hand_public_key(text)
    assert key_id == PUBLIC.key_id
    assert key == PUBLIC.key
    assert minisign.parse_public_key(text) == PUBLIC
    assert minisign.parse_public_key(lines[1]) == PUBLIC  # a bare base64 line is enough


def test_key_id_is_shown_as_minisign_shows_it():
    # minisign prints the 8 id bytes as a little-endian 64-bit number in upper-case hex
    key_id = bytes([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0xA8])
    assert minisign.key_id_text(key_id) == "A807060504030201"
    assert re.fullmatch(r"[0-9A-F]{16}", PUBLIC.key_id_hex)


def test_signature_file_has_the_four_minisign_lines():
    text = minisign.sign(KEY, b"message", "unit:X year:2024", untrusted_comment="hello")
    lines = text.split("\n")
    assert len(lines) == 5
    assert lines[4] == ""
    assert lines[0] == "untrusted comment: hello"
    assert lines[2] == "trusted comment: unit:X year:2024"
    parts = hand_signature(text)
    assert parts.algorithm == b"ED"  # prehashed, as minisign -S makes by default
    assert parts.key_id == PUBLIC.key_id


def test_round_trip():
    text = minisign.sign(KEY, b"\x00\xffbytes", "comment")
    parsed = minisign.parse_signature(text)
    assert parsed.trusted_comment == "comment"
    minisign.verify(PUBLIC, b"\x00\xffbytes", parsed)


def test_trusted_comment_must_be_one_line():
    for comment in ("two\nlines", "carriage\rreturn"):
        with pytest.raises(ValueError, match="one line"):
            minisign.sign(KEY, b"m", comment)


# -- independent checks with PyNaCl -------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    message=st.binary(max_size=2000),
    comment=st.text(max_size=80).map(lambda s: " ".join(s.split())),
)
def test_pynacl_verifies_our_signatures(message, comment):
    text = minisign.sign(KEY, message, comment)
    assert hand_verify(PUBLIC.to_file(), message, text) == comment
    with pytest.raises(nacl.exceptions.BadSignatureError):
        hand_verify(PUBLIC.to_file(), message + b"x", text)


@pytest.mark.parametrize("legacy", [False, True], ids=["prehashed", "legacy"])
def test_we_verify_signatures_made_with_pynacl(legacy):
    signing_key = nacl.signing.SigningKey.generate()
    key_id = b"\x10\x32\x54\x76\x98\xba\xdc\xfe"
    key = minisign.parse_public_key(_nacl_public_key(signing_key, key_id))
    text = _nacl_signature(signing_key, key_id, b"the message", "by hand", legacy=legacy)
    signature = minisign.parse_signature(text)
    assert signature.algorithm == (b"Ed" if legacy else b"ED")
    minisign.verify(key, b"the message", signature)
    with pytest.raises(SignatureError):
        minisign.verify(key, b"the message!", signature)


# -- refusals ------------------------------------------------------------------------------------


def _refused(call, fragment: str) -> str:
    with pytest.raises(SignatureError) as caught:
        call()
    message = str(caught.value)
    assert CHINESE.search(message), message
    assert fragment in message
    return message


def test_changed_message_is_refused():
    signature = minisign.parse_signature(minisign.sign(KEY, b"original", "c"))
    _refused(lambda: minisign.verify(PUBLIC, b"originaL", signature), "签名验证失败")


def test_changed_trusted_comment_is_refused():
    text = minisign.sign(KEY, b"m", "unit:A seq:2")
    forged = text.replace("seq:2", "seq:9")
    _refused(lambda: minisign.verify(PUBLIC, b"m", minisign.parse_signature(forged)), "可信注释")


def test_signature_by_another_key_is_refused():
    other = Ed25519PrivateKey.generate()
    signature = minisign.parse_signature(minisign.sign(other, b"m", "c"))
    _refused(lambda: minisign.verify(PUBLIC, b"m", signature), "不一致")


def test_another_key_claiming_our_key_id_is_refused():
    # the key id is only a label: a forger can copy it, the signature must still fail
    other = Ed25519PrivateKey.generate()
    text = minisign.sign(other, b"m", "c")
    blob = base64.b64decode(text.split("\n")[1])
    forged_line = base64.b64encode(blob[:2] + PUBLIC.key_id + blob[10:]).decode()
    lines = text.split("\n")
    lines[1] = forged_line
    forged = minisign.parse_signature("\n".join(lines))
    _refused(lambda: minisign.verify(PUBLIC, b"m", forged), "签名验证失败")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "just one line",
        "untrusted comment: x\nnot base64 !!!\ntrusted comment: c\nAAAA\n",
        "untrusted comment: x\nAAAA\ntrusted comment: c\nAAAA\n",
        "comment: x\n{sig}\ntrusted comment: c\n{glob}\n",
        "untrusted comment: x\n{sig}\nno trusted comment\n{glob}\n",
        "untrusted comment: x\n{sig}\ntrusted comment: c\n{glob}\nextra line\n",
        "untrusted comment: x\n{sig}\ntrusted comment: c\nAAAA\n",
        "untrusted comment: x\n{wrong_algorithm}\ntrusted comment: c\n{glob}\n",
    ],
)
def test_malformed_signature_files_are_refused(text):
    good = minisign.sign(KEY, b"m", "c").split("\n")
    wrong = base64.b64encode(b"XX" + base64.b64decode(good[1])[2:]).decode()
    text = text.format(sig=good[1], glob=good[3], wrong_algorithm=wrong)
    _refused(lambda: minisign.parse_signature(text), "")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "untrusted comment: only a comment\n",
        "untrusted comment: x\nnot base64!\n",
        "untrusted comment: x\n" + base64.b64encode(b"Ed" + bytes(39)).decode() + "\n",
        "untrusted comment: x\n" + base64.b64encode(b"XX" + bytes(40)).decode() + "\n",
        "untrusted comment: x\nAAAA\nAAAA\n",
    ],
)
def test_malformed_public_keys_are_refused(text):
    _refused(lambda: minisign.parse_public_key(text), "")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400) | st.binary(max_size=300).map(lambda b: base64.b64encode(b).decode()))
def test_parsers_only_raise_signature_error(text):
    for parse in (minisign.parse_signature, minisign.parse_public_key):
        try:
            parse(text)
        except SignatureError as error:
            refusal = str(error)
        else:
            continue
        assert CHINESE.search(refusal), refusal


@settings(max_examples=100, deadline=None)
@given(position=st.integers(min_value=0), mask=st.integers(min_value=1, max_value=255))
def test_a_byte_flip_in_a_signature_file_is_refused_unless_nothing_signed_changed(position, mask):
    """Only the untrusted comment and spare bits of the encoding may change unnoticed."""
    text = minisign.sign(KEY, b"m", "trusted").encode()
    original = minisign.parse_signature(text.decode())
    flipped = bytearray(text)
    flipped[position % len(text)] ^= mask
    try:
        parsed = minisign.parse_signature(flipped.decode("utf-8"))
        minisign.verify(PUBLIC, b"m", parsed)
    except (SignatureError, UnicodeDecodeError):
        return
    signed = ("algorithm", "key_id", "signature", "trusted_comment", "global_signature")
    assert all(getattr(parsed, name) == getattr(original, name) for name in signed)


# -- the minisign tool ---------------------------------------------------------------------------


def _minisign(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert MINISIGN is not None
    return subprocess.run(
        [MINISIGN, *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )


@needs_minisign
def test_minisign_tool_verifies_our_signature(tmp_path):
    (tmp_path / "unit.pub").write_text(PUBLIC.to_file(), encoding="utf-8")
    (tmp_path / "file").write_bytes(b"payload \x00\x01")
    comment = "unit:81310115MC2K7Q8P1A year:2024 stage:targets seq:1"
    (tmp_path / "file.minisig").write_text(minisign.sign(KEY, b"payload \x00\x01", comment))
    done = _minisign("-V", "-p", "unit.pub", "-m", "file", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"Trusted comment: {comment}" in done.stdout
    # -H: minisign insists on the prehashed form
    assert _minisign("-V", "-H", "-p", "unit.pub", "-m", "file", cwd=tmp_path).returncode == 0
    (tmp_path / "file").write_bytes(b"payload \x00\x02")
    assert _minisign("-V", "-p", "unit.pub", "-m", "file", cwd=tmp_path).returncode != 0


@needs_minisign
@pytest.mark.parametrize("legacy", [False, True], ids=["prehashed", "legacy"])
def test_we_verify_the_minisign_tool_signatures(tmp_path, legacy):
    made = _minisign("-G", "-W", "-p", "tool.pub", "-s", "tool.key", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    (tmp_path / "file").write_bytes(b"signed by the tool")
    sign = ["-S", "-s", "tool.key", "-m", "file", "-t", "trusted from the tool"]
    signed = _minisign(*sign, *(["-l"] if legacy else []), cwd=tmp_path)
    assert signed.returncode == 0, signed.stderr
    pub_text = (tmp_path / "tool.pub").read_text()
    key = minisign.parse_public_key(pub_text)
    signature = minisign.parse_signature((tmp_path / "file.minisig").read_text())
    assert signature.trusted_comment == "trusted from the tool"
    minisign.verify(key, b"signed by the tool", signature)
    with pytest.raises(SignatureError):
        minisign.verify(key, b"signed by the tool.", signature)
    # the tool shows the same number as our key id (it does not pad it to 16 digits)
    shown = pub_text.splitlines()[0].rsplit(" ", 1)[1]
    assert int(shown, 16) == int(key.key_id_hex, 16)
