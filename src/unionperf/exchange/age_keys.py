"""The upper level's age identity, made with its workspace and encrypted at rest.

Files in a workspace's ``keys/`` folder (beside the signing key, :mod:`unionperf.exchange.keys`):

- ``encryption.recipient``: the recipient ``age1…`` (public; units encrypt packages to it);
- ``encryption.key``: the identity ``AGE-SECRET-KEY-1…``, encrypted with the workspace
  passphrase, readable by its owner only::

      untrusted comment: UnionPerf encrypted age identity
      recipient: age1…
      scrypt: n=262144 r=8 p=1
      salt: <base64, 32 bytes>
      nonce: <base64, 12 bytes>
      data: <base64: ChaCha20-Poly1305(scrypt(passphrase, salt), nonce, identity, aad=recipient)>

Why not age's own passphrase encryption (``age -p``)? Its scrypt work factor is measured on the
machine that encrypts (about one second there), and the reader refuses a factor far above what
*it* would pick: a key made on a fast PC could be refused on an old one, and a test's cost would
depend on the CPU. Here the cost is the signing key's (:data:`unionperf.exchange.keys.KEY_COST`,
N = 2^18, 256 MiB), written into the file and read back from it, and the recipient is bound to
the ciphertext as associated data, so a swapped recipient line shows.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from unionperf.exchange import age, keys

IDENTITY_NAME = "encryption.key"
RECIPIENT_NAME = "encryption.recipient"
COMMENT = "untrusted comment: UnionPerf encrypted age identity"
_SALT_BYTES = 32
_NONCE_BYTES = 12
_MAX_MEMORY = 1 << 31
"""A file asking for more than 2 GiB of scrypt memory is refused, not tried (a hostile file)."""
_FIELDS = ("recipient", "scrypt", "salt", "nonce", "data")


class IdentityFileError(Exception):
    """An identity that is missing, damaged or locked with another passphrase (Chinese)."""


class WrongPassphraseError(IdentityFileError):
    """The passphrase does not open the identity."""


def has_identity(folder: Path) -> bool:
    """Whether the key folder holds an encryption identity."""
    return (folder / IDENTITY_NAME).is_file()


def create_identity(folder: Path, passphrase: str) -> str:
    """Make the workspace's age identity (when it has none) and return its recipient.

    Raises:
        IdentityFileError: one exists already, or the passphrase is empty.
    """
    if not passphrase:
        raise IdentityFileError("口令不能为空")
    if has_identity(folder):
        raise IdentityFileError(f"工作区已有加密密钥：{folder / IDENTITY_NAME}")
    identity, recipient = age.generate()
    text = encode(identity, recipient, passphrase)
    folder.mkdir(parents=True, exist_ok=True)
    keys.write_secret(folder / IDENTITY_NAME, text)
    keys.write_public(folder / RECIPIENT_NAME, recipient + "\n")
    return recipient


def recipient(folder: Path) -> str | None:
    """The workspace's recipient ``age1…``, or ``None`` when it has no identity.

    Raises:
        IdentityFileError: the recipient file is damaged.
    """
    path = folder / RECIPIENT_NAME
    if not has_identity(folder) or not path.is_file():
        return None
    try:
        return age.check_recipient(path.read_text(encoding="ascii"))
    except (OSError, UnicodeDecodeError, age.AgeKeyError) as error:
        raise IdentityFileError(f"加密收件人文件已损坏：{path}") from error


def load_identity(folder: Path, passphrase: str) -> str:
    """The identity ``AGE-SECRET-KEY-1…``, unlocked with the workspace passphrase.

    Raises:
        WrongPassphraseError: the passphrase does not open it.
        IdentityFileError: no identity, or a damaged file.
    """
    path = folder / IDENTITY_NAME
    if not path.is_file():
        raise IdentityFileError("本工作区没有加密密钥（age），无法解密")
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as error:
        raise IdentityFileError(f"无法读取加密密钥文件 {path}（{error}）") from error
    return decode(text, passphrase)


def encode(identity: str, recipient: str, passphrase: str) -> str:
    """The identity file's text: ``identity`` locked with ``passphrase`` (signing key's cost)."""
    n, r, p = keys.KEY_COST.parameters()
    salt, nonce = os.urandom(_SALT_BYTES), os.urandom(_NONCE_BYTES)
    sealed = ChaCha20Poly1305(_derive(passphrase, salt, n, r, p)).encrypt(
        nonce, identity.encode("ascii"), recipient.encode("ascii")
    )
    lines = [
        COMMENT,
        f"recipient: {recipient}",
        f"scrypt: n={n} r={r} p={p}",
        f"salt: {_b64(salt)}",
        f"nonce: {_b64(nonce)}",
        f"data: {_b64(sealed)}",
    ]
    return "\n".join(lines) + "\n"


def decode(text: str, passphrase: str) -> str:
    """Open an identity file's text with ``passphrase``.

    Raises:
        WrongPassphraseError: the passphrase does not open it.
        IdentityFileError: the file is damaged or asks for an absurd cost.
    """
    fields = _fields(text)
    n, r, p = _cost(fields["scrypt"])
    salt, nonce = _unb64(fields["salt"], _SALT_BYTES), _unb64(fields["nonce"], _NONCE_BYTES)
    recipient = fields["recipient"]
    try:
        identity = (
            ChaCha20Poly1305(_derive(passphrase, salt, n, r, p))
            .decrypt(nonce, _unb64(fields["data"], None), recipient.encode("ascii"))
            .decode("ascii")
        )
    except InvalidTag as error:
        raise WrongPassphraseError(
            "口令不正确（或加密密钥文件已损坏），无法解锁加密密钥"
        ) from error
    except UnicodeError as error:
        raise IdentityFileError("加密密钥文件已损坏") from error
    try:
        matches = age.recipient_of(identity) == recipient
    except age.AgeKeyError as error:
        raise IdentityFileError("加密密钥文件已损坏（不是 age 私钥）") from error
    if not matches:
        raise IdentityFileError("加密密钥文件已损坏（私钥与收件人不符）")
    return identity


def _fields(text: str) -> dict[str, str]:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines or lines[0] != COMMENT:
        raise IdentityFileError("加密密钥文件已损坏：不是 UnionPerf 的 age 私钥文件")
    fields: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(": ")
        if name not in _FIELDS or name in fields:
            raise IdentityFileError("加密密钥文件已损坏：字段不正确")
        fields[name] = value
    if set(fields) != set(_FIELDS):
        raise IdentityFileError("加密密钥文件已损坏：缺少字段")
    return fields


def _cost(text: str) -> tuple[int, int, int]:
    try:
        values = dict(item.split("=", 1) for item in text.split())
        n, r, p = int(values["n"]), int(values["r"]), int(values["p"])
    except (KeyError, ValueError) as error:
        raise IdentityFileError("加密密钥文件已损坏：加密参数格式不正确") from error
    if n < 2 or n & (n - 1) or r < 1 or p < 1 or 128 * n * r * p > _MAX_MEMORY:  # noqa: PLR2004
        raise IdentityFileError("加密密钥文件的加密参数超出范围（可能被改动），已拒绝打开")
    return n, r, p


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    try:
        return hashlib.scrypt(
            passphrase.encode("utf-8"),
            salt=salt,
            n=n,
            r=r,
            p=p,
            maxmem=2 * 128 * n * r * p + (64 << 20),
            dklen=32,
        )
    except (ValueError, MemoryError) as error:
        raise IdentityFileError(f"无法解锁加密密钥：内存不足或加密参数无效（{error}）") from error


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str, length: int | None) -> bytes:
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as error:
        raise IdentityFileError("加密密钥文件已损坏：不是有效的 Base64") from error
    if length is not None and len(data) != length:
        raise IdentityFileError("加密密钥文件已损坏：长度不符")
    return data
