"""The signing key at rest: minisign's scrypt format, owner-only files, upgrade of old keys.

The minisign tool is the independent checker: it must sign with a key file we wrote, and our
verifier must accept what it signed.
"""

from __future__ import annotations

import base64
import shutil
import stat
import subprocess
import sys

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    Encoding,
    PrivateFormat,
)

from unionperf.exchange import keys, minisign, secret_key
from unionperf.exchange.keys import KeyFileError
from unionperf.exchange.secret_key import DEFAULT_COST, MINISIGN_DEFAULT, ScryptCost
from unionperf.services.common import signing
from unionperf.services.common.errors import InputError, ServiceError
from unionperf.services.common.passphrase import passphrase_problem
from unionperf.services.common.workspace import Workspace

MINISIGN = shutil.which("minisign")
needs_minisign = pytest.mark.skipif(MINISIGN is None, reason="minisign is not on PATH")
PASS = "一句只有我知道的话 2024"
CHEAP = ScryptCost(32768, 16777216)
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="file modes are POSIX")


def test_libsodium_picks_n_r_p_as_minisign_does():
    assert MINISIGN_DEFAULT.parameters() == (1 << 20, 8, 1)
    assert DEFAULT_COST.parameters() == (1 << 18, 8, 1)
    assert DEFAULT_COST.memory == 256 * 1024 * 1024
    assert CHEAP.parameters() == (1 << 10, 8, 1)
    # opslimit below memlimit / 32: N follows opslimit, p = 1
    assert ScryptCost(524288, 16777216 * 8).parameters() == (1 << 14, 8, 1)


def test_a_key_round_trips_and_a_wrong_passphrase_is_refused():
    key = Ed25519PrivateKey.generate()
    text = secret_key.encode(key, PASS, CHEAP)
    assert text.startswith("untrusted comment: minisign encrypted secret key\n")
    opened = secret_key.decode(text, PASS)
    assert minisign.public_key_of(opened) == minisign.public_key_of(key)
    with pytest.raises(secret_key.SecretKeyError, match="口令不正确"):
        secret_key.decode(text, PASS + "x")
    assert secret_key.cost_of(text) == CHEAP


def test_a_file_asking_for_absurd_memory_is_refused_without_trying():
    text = secret_key.encode(Ed25519PrivateKey.generate(), PASS, CHEAP)
    blob = bytearray(base64.b64decode(text.splitlines()[1]))
    blob[46:54] = (1 << 40).to_bytes(8, "little")  # memlimit 1 TiB
    forged = f"untrusted comment: x\n{base64.b64encode(bytes(blob)).decode()}\n"
    with pytest.raises(secret_key.SecretKeyError, match="超出范围"):
        secret_key.decode(forged, PASS)


@pytest.mark.parametrize("junk", ["", "untrusted comment: x\n", "untrusted comment: x\nAAAA\n"])
def test_junk_is_not_a_secret_key(junk):
    with pytest.raises(secret_key.SecretKeyError):
        secret_key.decode(junk, PASS)


@needs_minisign
def test_the_real_minisign_signs_with_a_key_written_at_the_real_cost(tmp_path, monkeypatch):
    monkeypatch.setattr(keys, "KEY_COST", DEFAULT_COST)
    folder = tmp_path / "keys"
    public = keys.create_key(folder, PASS)
    assert secret_key.cost_of((folder / keys.PRIVATE_NAME).read_text()) == DEFAULT_COST
    message = tmp_path / "message.txt"
    message.write_text("工会预算绩效管理\n", encoding="utf-8")
    signed = subprocess.run(
        [MINISIGN, "-S", "-s", str(folder / keys.PRIVATE_NAME), "-m", str(message), "-t", "t"],
        input=f"{PASS}\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=300,
    )
    assert signed.returncode == 0, signed.stderr
    signature = minisign.parse_signature(
        (tmp_path / "message.txt.minisig").read_text(encoding="utf-8")
    )
    assert signature.key_id == public.key_id
    minisign.verify(public, message.read_bytes(), signature)  # raises when it does not verify


@POSIX
def test_secret_key_files_are_the_owners_alone(tmp_path):
    folder = tmp_path / "keys"
    keys.create_key(folder, PASS)
    keys.rotate_key(folder, PASS, "81310115MC2K7Q8P1A", __import__("datetime").date(2024, 5, 6))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    secrets = [folder / keys.PRIVATE_NAME, *(folder / "retired").glob("*.key")]
    assert len(secrets) == 2
    for path in secrets:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE((folder / keys.PUBLIC_NAME).stat().st_mode) == 0o644


def _legacy_pair(folder, passphrase: str, name: str = keys.PRIVATE_NAME) -> Ed25519PrivateKey:
    """A key as the previous version stored it: PKCS#8 PEM with PBKDF2, mode 0644."""
    key = Ed25519PrivateKey.generate()
    folder.mkdir(parents=True, exist_ok=True)
    pem = key.private_bytes(
        Encoding.PEM, PrivateFormat.PKCS8, BestAvailableEncryption(passphrase.encode())
    )
    (folder / name).write_bytes(pem)
    (folder / name).chmod(0o644)
    if name == keys.PRIVATE_NAME:
        (folder / keys.PUBLIC_NAME).write_text(minisign.public_key_of(key).to_file())
    return key


@POSIX
def test_an_old_pem_key_is_rewritten_at_the_next_unlock(tmp_path):
    with Workspace.create(tmp_path / "ws") as workspace:
        folder = workspace.paths.keys
        old = _legacy_pair(folder, "demo")
        retired = _legacy_pair(folder / "retired", "demo", "0123456789ABCDEF.key")
        assert keys.is_legacy(folder)
        unlocked = signing.unlock(workspace, "demo")
        assert minisign.public_key_of(unlocked) == minisign.public_key_of(old)
        text = (folder / keys.PRIVATE_NAME).read_text()
        assert text.startswith("untrusted comment: minisign encrypted secret key")
        assert not keys.is_legacy(folder)
        assert stat.S_IMODE((folder / keys.PRIVATE_NAME).stat().st_mode) == 0o600
        reopened = keys.load_private_key(folder / "retired", "demo", "0123456789ABCDEF.key")
        assert minisign.public_key_of(reopened) == minisign.public_key_of(retired)
        with workspace.reading() as uow:
            assert uow.audit.newest(1)[0].action == "upgrade"
        with pytest.raises(ServiceError, match="口令不正确"):
            signing.unlock(workspace, "wrong passphrase")


@pytest.mark.parametrize(
    ("passphrase", "fragment"),
    [
        ("demo", "至少10个字符"),
        ("12345678", "至少10个字符"),
        ("1234567890", "常见口令"),
        ("password123", "常见口令"),
        ("Password2024!", "常见口令"),
        ("woaini1314", "常见口令"),
        ("aaaaaaaaaaaa", "重复"),
        ("abababababab", "重复"),
        ("qwertyuiop[", "常见口令"),
        ("asdfghjklzx", "键盘"),
        ("9876543210987", "连续"),
    ],
)
def test_weak_passphrases_are_refused_with_the_reason(passphrase, fragment):
    problem = passphrase_problem(passphrase)
    assert problem is not None
    assert fragment in problem


@pytest.mark.parametrize(
    "passphrase", ["correct horse battery", "一句只有我才知道的话", "Gonghui2024!", "upper-pass"]
)
def test_good_passphrases_pass(passphrase):
    assert passphrase_problem(passphrase) is None


def test_a_workspace_is_not_made_with_a_weak_passphrase(tmp_path):
    with pytest.raises(InputError, match="常见口令"):
        Workspace.create(tmp_path / "ws", passphrase="password123")
    assert not (tmp_path / "ws").exists()


def test_the_demo_keeps_its_documented_passphrase_and_says_so(tmp_path, capsys):
    from unionperf.cli import main  # noqa: PLC0415

    assert main(["demo", "--workspace", str(tmp_path / "demo")]) == 0
    assert "只能用于演示" in capsys.readouterr().out
    with pytest.raises(KeyFileError, match="口令不正确"):
        keys.load_private_key(tmp_path / "demo" / "keys", "wrong")
    keys.load_private_key(tmp_path / "demo" / "keys", "demo")
