"""The upper level's age identity at rest: encrypted with the passphrase, owner-only, bound."""

from __future__ import annotations

import stat
import sys

import pytest

from unionperf.exchange import age, age_keys, keys
from unionperf.exchange.age_keys import IdentityFileError, WrongPassphraseError

PASS = "上级工会的口令 2024"
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="file modes are POSIX")


def test_an_identity_is_made_encrypted_and_opens_with_the_passphrase_only(tmp_path):
    folder = tmp_path / "keys"
    assert age_keys.recipient(folder) is None
    recipient = age_keys.create_identity(folder, PASS)
    assert recipient.startswith("age1")
    assert age_keys.recipient(folder) == recipient
    text = (folder / age_keys.IDENTITY_NAME).read_text(encoding="ascii")
    assert "AGE-SECRET-KEY" not in text.upper()
    n, r, p = keys.KEY_COST.parameters()
    assert f"scrypt: n={n} r={r} p={p}" in text
    identity = age_keys.load_identity(folder, PASS)
    assert age.recipient_of(identity) == recipient
    with pytest.raises(WrongPassphraseError, match="口令不正确"):
        age_keys.load_identity(folder, PASS + "x")
    with pytest.raises(IdentityFileError, match="已有加密密钥"):
        age_keys.create_identity(folder, PASS)


@POSIX
def test_the_identity_is_readable_by_its_owner_only(tmp_path):
    folder = tmp_path / "keys"
    age_keys.create_identity(folder, PASS)
    assert stat.S_IMODE((folder / age_keys.IDENTITY_NAME).stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_swapped_recipient_line_is_noticed(tmp_path):
    folder = tmp_path / "keys"
    age_keys.create_identity(folder, PASS)
    path = folder / age_keys.IDENTITY_NAME
    _other_identity, other = age.generate()
    lines = path.read_text(encoding="ascii").splitlines()
    swapped = [f"recipient: {other}" if line.startswith("recipient:") else line for line in lines]
    path.write_text("\n".join(swapped) + "\n", encoding="ascii")
    with pytest.raises(IdentityFileError):
        age_keys.load_identity(folder, PASS)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("n=", "n=1099511627776 x="),
        ("r=8", "r=65536"),
        ("n=", "n=3000 x="),
    ],
)
def test_an_absurd_or_malformed_cost_is_refused_without_trying(tmp_path, old, new):
    text = age_keys.encode(*age.generate(), PASS)
    line = next(item for item in text.splitlines() if item.startswith("scrypt:"))
    broken = text.replace(line, line.replace(old, new, 1))
    with pytest.raises(IdentityFileError) as refused:
        age_keys.decode(broken, PASS)
    assert not isinstance(refused.value, WrongPassphraseError)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "untrusted comment: minisign encrypted secret key\nRWQ=\n",
        age_keys.COMMENT + "\nrecipient: age1\n",
        age_keys.COMMENT + "\nrecipient: a\nrecipient: b\n",
    ],
)
def test_a_damaged_file_is_refused_in_chinese(text):
    with pytest.raises(IdentityFileError, match="加密密钥文件已损坏"):
        age_keys.decode(text, PASS)


def test_a_workspace_without_identity_cannot_decrypt(tmp_path):
    with pytest.raises(IdentityFileError, match="没有加密密钥"):
        age_keys.load_identity(tmp_path, PASS)
