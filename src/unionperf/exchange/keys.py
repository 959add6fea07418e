"""The unit's signing key: made with the workspace, encrypted at rest with a passphrase.

Files in a workspace's ``keys/`` folder:

- ``unit.key``: the Ed25519 private key in minisign's encrypted secret-key format (scrypt,
  :mod:`unionperf.exchange.secret_key`), so ``minisign -S -s unit.key`` signs with it; older
  workspaces hold PKCS#8 PEM (PBKDF2), rewritten in the new format at the next unlock;
- ``unit.pub``: the minisign public key (what the upper level registers);
- ``retired/<KEY ID>.key`` and ``.pub``: keys replaced by a rotation (kept to sign announcements
  and for the record);
- ``announcements.json``: the chain of rotation statements, each signed by the key before.

Secret-key files are readable by their owner only (0600 in a 0700 folder on POSIX; on Windows
an ACL that grants the user alone).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from unionperf.exchange import minisign, secret_key
from unionperf.exchange.minisign import PublicKey
from unionperf.exchange.secret_key import DEFAULT_COST, ScryptCost, SecretKeyError

PRIVATE_NAME = "unit.key"
PUBLIC_NAME = "unit.pub"
ANNOUNCEMENTS_NAME = "announcements.json"
RETIRED_FOLDER = "retired"
LEGACY_PEM = "-----BEGIN"
KEY_COST: ScryptCost = DEFAULT_COST
"""The scrypt cost new secret-key files are written with (the tests lower it for speed)."""


class KeyFileError(Exception):
    """A key that is missing, unreadable or locked with another passphrase (message in Chinese)."""


class WrongPassphraseError(KeyFileError):
    """The passphrase does not unlock the key (or the key file is damaged): ask it again."""


@dataclass(frozen=True, slots=True)
class Announcement:
    """A statement, signed by the old key, that a unit's signing key is now the new one."""

    old_key_id: str
    new_public_key: str
    """The new key's ``.pub`` text."""
    unit_code: str
    announced_on: str
    signature: str
    """minisign signature by the old key over :meth:`statement`."""

    def statement(self) -> bytes:
        """The exact bytes the old key signs."""
        return announcement_statement(
            self.old_key_id, self.new_public_key, self.unit_code, self.announced_on
        )

    def to_json(self) -> dict[str, str]:
        """A JSON-ready mapping."""
        return {
            "old_key_id": self.old_key_id,
            "new_public_key": self.new_public_key,
            "unit_code": self.unit_code,
            "announced_on": self.announced_on,
            "signature": self.signature,
        }

    @classmethod
    def from_json(cls, data: Any) -> Announcement:
        """Read one announcement; raises :class:`KeyFileError` when malformed."""
        if not isinstance(data, dict):
            raise KeyFileError("密钥更换声明格式不正确")
        try:
            return cls(
                **{
                    key: str(data[key])
                    for key in (
                        "old_key_id",
                        "new_public_key",
                        "unit_code",
                        "announced_on",
                        "signature",
                    )
                }
            )
        except KeyError as error:
            raise KeyFileError(f"密钥更换声明缺少字段 {error}") from error


def announcement_statement(
    old_key_id: str, new_public_key: str, unit_code: str, announced_on: str
) -> bytes:
    """The canonical text of a key-rotation statement."""
    return (
        "UnionPerf key rotation\n"
        f"unit: {unit_code}\nold key: {old_key_id}\nannounced: {announced_on}\n"
        f"new key:\n{new_public_key.strip()}\n"
    ).encode()


def create_key(folder: Path, passphrase: str) -> PublicKey:
    """Make a new signing key in ``folder`` (which must not hold one yet).

    The passphrase policy (length, common passphrases) is the services' to apply first.

    Raises:
        KeyFileError: a key exists already, or the passphrase is empty.
    """
    if not passphrase:
        raise KeyFileError("签名口令不能为空")
    if (folder / PRIVATE_NAME).exists():
        raise KeyFileError(f"工作区已有签名密钥：{folder / PRIVATE_NAME}")
    folder.mkdir(parents=True, exist_ok=True)
    private_key = Ed25519PrivateKey.generate()
    _write_pair(folder, PRIVATE_NAME, PUBLIC_NAME, private_key, passphrase)
    return minisign.public_key_of(private_key)


def public_key(folder: Path) -> PublicKey:
    """The unit's current public key.

    Raises:
        KeyFileError: the workspace has no key.
    """
    path = folder / PUBLIC_NAME
    if not path.exists():
        raise KeyFileError("工作区尚未创建签名密钥")
    try:
        return minisign.parse_public_key(path.read_text(encoding="utf-8"))
    except minisign.SignatureError as error:
        raise KeyFileError(f"公钥文件已损坏：{path}（{error}）") from error


def load_private_key(folder: Path, passphrase: str, name: str = PRIVATE_NAME) -> Ed25519PrivateKey:
    """Unlock the unit's private key.

    Raises:
        KeyFileError: no key, a wrong passphrase, or a damaged key file.
    """
    path = folder / name
    if not path.exists():
        raise KeyFileError("工作区尚未创建签名密钥")
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as error:
        raise KeyFileError(f"无法读取密钥文件 {path}（{error}）") from error
    if text.lstrip().startswith(LEGACY_PEM):
        return _load_legacy(text, passphrase)
    try:
        return secret_key.decode(text, passphrase)
    except secret_key.WrongPassphraseError as error:
        raise WrongPassphraseError(str(error)) from error
    except SecretKeyError as error:
        raise KeyFileError(str(error)) from error


def is_legacy(folder: Path, name: str = PRIVATE_NAME) -> bool:
    """Whether the secret-key file is still PKCS#8 PEM (to be rewritten at the next unlock)."""
    try:
        return (folder / name).read_text(encoding="ascii").lstrip().startswith(LEGACY_PEM)
    except (OSError, UnicodeDecodeError):
        return False


def upgrade_keys(folder: Path, passphrase: str) -> list[Path]:
    """Rewrite every PEM secret key (current and retired) that ``passphrase`` opens.

    Each file is replaced atomically by the same key in minisign's format, owner-only. A retired
    key locked with another passphrase is left as it is.

    Returns:
        The files rewritten.
    """
    rewritten = []
    candidates = [folder / PRIVATE_NAME, *sorted((folder / RETIRED_FOLDER).glob("*.key"))]
    for path in candidates:
        if not is_legacy(path.parent, path.name):
            continue
        try:
            key = load_private_key(path.parent, passphrase, path.name)
        except KeyFileError:
            continue
        _write_secret(path, secret_key.encode(key, passphrase, KEY_COST))
        rewritten.append(path)
    return rewritten


def protect_keys(folder: Path) -> None:
    """Make the key folder and its secret-key files readable by their owner only."""
    for path in [folder, folder / RETIRED_FOLDER]:
        if path.is_dir():
            _owner_only(path, directory=True)
    for path in [folder / PRIVATE_NAME, *(folder / RETIRED_FOLDER).glob("*.key")]:
        if path.is_file():
            _owner_only(path, directory=False)


def _load_legacy(text: str, passphrase: str) -> Ed25519PrivateKey:
    try:
        key = load_pem_private_key(text.encode("ascii"), passphrase.encode("utf-8"))
    except ValueError as error:
        raise WrongPassphraseError(
            "签名口令不正确（或密钥文件已损坏），无法解锁签名密钥"
        ) from error
    except TypeError as error:
        raise KeyFileError("密钥文件未加密或格式不正确") from error
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError("密钥文件不是 Ed25519 密钥")
    return key


def rotate_key(folder: Path, passphrase: str, unit_code: str, today: date) -> Announcement:
    """Replace the key by a new one; the old key signs an announcement of the new one.

    The old pair moves to ``retired/``; the announcement joins ``announcements.json``.
    """
    old_private = load_private_key(folder, passphrase)
    old_public = minisign.public_key_of(old_private)
    new_private = Ed25519PrivateKey.generate()
    new_public = minisign.public_key_of(new_private)
    statement = announcement_statement(
        old_public.key_id_hex, new_public.to_file(), unit_code, today.isoformat()
    )
    signature = minisign.sign(old_private, statement, f"key rotation unit:{unit_code}")
    announcement = Announcement(
        old_public.key_id_hex, new_public.to_file(), unit_code, today.isoformat(), signature
    )
    retired = folder / RETIRED_FOLDER
    retired.mkdir(exist_ok=True)
    _write_pair(
        retired,
        f"{old_public.key_id_hex}.key",
        f"{old_public.key_id_hex}.pub",
        old_private,
        passphrase,
    )
    chain = [*announcements(folder), announcement]
    _write_atomic(
        folder / ANNOUNCEMENTS_NAME,
        json.dumps([item.to_json() for item in chain], ensure_ascii=False, indent=2),
    )
    _write_pair(folder, PRIVATE_NAME, PUBLIC_NAME, new_private, passphrase)
    return announcement


def announcements(folder: Path) -> list[Announcement]:
    """The workspace's chain of key-rotation announcements, oldest first."""
    path = folder / ANNOUNCEMENTS_NAME
    if not path.exists():
        return []
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise KeyFileError(f"密钥更换记录已损坏：{path}") from error
    if not isinstance(raw, list):
        raise KeyFileError(f"密钥更换记录已损坏：{path}")
    return [Announcement.from_json(item) for item in raw]


def _write_pair(
    folder: Path, private_name: str, public_name: str, key: Ed25519PrivateKey, passphrase: str
) -> None:
    _owner_only(folder, directory=True)
    _write_secret(folder / private_name, secret_key.encode(key, passphrase, KEY_COST))
    _write_atomic(folder / public_name, minisign.public_key_of(key).to_file())


def _write_secret(path: Path, text: str) -> None:
    _write_atomic(path, text, mode=0o600)
    _owner_only(path, directory=False)


def _write_atomic(path: Path, text: str, mode: int = 0o644) -> None:
    """Write through a temporary file and rename, so a crash never leaves half a key."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.unlink(missing_ok=True)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with open(descriptor, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(path)


def _owner_only(path: Path, *, directory: bool) -> None:
    """Owner-only access: mode 0700/0600 on POSIX, an ACL granting the user alone on Windows."""
    if sys.platform == "win32":
        user = os.environ.get("USERNAME", "")
        if user:  # icacls ships with every Windows; a failure leaves the inherited ACL
            subprocess.run(
                ["icacls", str(path), "/inheritance:r", "/grant:r", f"{user}:F"],
                capture_output=True,
                check=False,
            )
        return
    # a file system without modes (FAT on a USB stick) refuses: nothing more to do there
    with contextlib.suppress(OSError):
        path.chmod(stat.S_IRWXU if directory else stat.S_IRUSR | stat.S_IWUSR)
