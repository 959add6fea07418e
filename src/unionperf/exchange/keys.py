"""The unit's signing key: made with the workspace, encrypted at rest with a passphrase.

Files in a workspace's ``keys/`` folder:

- ``unit.key``: the Ed25519 private key, PKCS#8 PEM encrypted with the passphrase;
- ``unit.pub``: the minisign public key (what the upper level registers);
- ``retired/<KEY ID>.key`` and ``.pub``: keys replaced by a rotation (kept to sign announcements
  and for the record);
- ``announcements.json``: the chain of rotation statements, each signed by the key before.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    Encoding,
    PrivateFormat,
    load_pem_private_key,
)

from unionperf.exchange import minisign
from unionperf.exchange.minisign import PublicKey

PRIVATE_NAME = "unit.key"
PUBLIC_NAME = "unit.pub"
ANNOUNCEMENTS_NAME = "announcements.json"
MIN_PASSPHRASE = 4


class KeyFileError(Exception):
    """A key that is missing, unreadable or locked with another passphrase (message in Chinese)."""


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


class WrongPassphraseError(KeyFileError):
    """The passphrase does not unlock the key (or the key file is damaged): ask it again."""


def check_passphrase(passphrase: str) -> None:
    """Refuse an empty or too short passphrase."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise KeyFileError(f"签名口令至少{MIN_PASSPHRASE}个字符")


def create_key(folder: Path, passphrase: str) -> PublicKey:
    """Make a new signing key in ``folder`` (which must not hold one yet).

    Raises:
        KeyFileError: a key exists already, or the passphrase is too short.
    """
    check_passphrase(passphrase)
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
        WrongPassphraseError: a wrong passphrase (or a damaged key file).
        KeyFileError: no key, or a key file of another kind.
    """
    path = folder / name
    if not path.exists():
        raise KeyFileError("工作区尚未创建签名密钥")
    try:
        key = load_pem_private_key(path.read_bytes(), passphrase.encode("utf-8"))
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
    retired = folder / "retired"
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


def follow_announcements(registered: PublicKey, chain: list[Announcement]) -> PublicKey:
    """The newest key reachable from ``registered`` through verified announcements.

    Raises:
        KeyFileError: an announcement on the path does not verify.
    """
    current = registered
    for item in chain:
        if item.old_key_id != current.key_id_hex:
            continue
        try:
            signature = minisign.parse_signature(item.signature)
            minisign.verify(current, item.statement(), signature)
            current = minisign.parse_public_key(item.new_public_key)
        except minisign.SignatureError as error:
            raise KeyFileError(
                f"密钥更换声明验证失败（原密钥 {item.old_key_id}）：{error}"
            ) from error
    return current


def _write_pair(
    folder: Path, private_name: str, public_name: str, key: Ed25519PrivateKey, passphrase: str
) -> None:
    pem = key.private_bytes(
        Encoding.PEM, PrivateFormat.PKCS8, BestAvailableEncryption(passphrase.encode("utf-8"))
    )
    _write_atomic(folder / private_name, pem.decode("ascii"))
    _write_atomic(folder / public_name, minisign.public_key_of(key).to_file())


def _write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file and rename, so a crash never leaves half a key."""
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(path)
