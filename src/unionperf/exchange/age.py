"""Private transport: a package encrypted for the upper level in the age format (v1).

A signed package (``.upkg``) travels by email; encrypted to the upper level's age recipient
(``age1…``, an X25519 public key) it becomes ``<name>.upkg.age``, which only the holder of the
matching identity can open. The signed package inside is byte for byte the one that was
signed, so after decryption it verifies exactly as before (docs/package-format.md §11).

age authenticates nobody: anyone who knows the recipient can encrypt a file to it. Who made the
package is proved by the minisign signature inside, never by the encryption.

The file, as ``age`` and ``rage`` write it (binary; the ASCII armour is also read)::

    age-encryption.org/v1
    -> X25519 <ephemeral share>
    <wrapped file key>
    -> <random>-grease …                (rage adds a random stanza that everyone ignores)
    --- <header MAC>
    <payload: ChaCha20-Poly1305 in 64 KiB chunks>

The stanzas name the *type* of each recipient, not the recipient itself: an X25519 stanza says
"encrypted to some age public key", and only trying the identity tells whose.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

import pyrage
from pyrage import x25519

from unionperf.exchange.errors import PackageError

MAGIC = b"age-encryption.org/v1\n"
ARMOR_BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
ARMOR_END = b"-----END AGE ENCRYPTED FILE-----"
SUFFIX = ".age"
X25519 = "X25519"
RECIPIENT_PREFIX = "age1"
_HEADER_LIMIT = 64 * 1024
"""A header longer than this is not one we or the age tools would write (a hostile file)."""
_STANZA_LIMIT = 64
_MAC_LINE = b"--- "
_STANZA_LINE = b"-> "
_GREASE = "-grease"
_NO_MATCH = "No matching keys"
"""How pyrage says that no identity opens any stanza (tested: tests/exchange/test_age.py)."""

DAMAGED = "age-damaged"
"""Refusal code: not a readable age file, or altered after it was encrypted."""
RECIPIENT = "age-recipient"
"""Refusal code: not encrypted to this workspace's identity (or no identity to try)."""


class AgeKeyError(ValueError):
    """A recipient or identity text that is not an age X25519 key (message in Chinese)."""


@dataclass(frozen=True, slots=True)
class AgeHeader:
    """What an encrypted file says about itself without any key."""

    recipient_types: tuple[str, ...]
    """The stanza type of each recipient (``X25519``…), the random grease stanzas left out."""
    armored: bool

    def describe(self) -> str:
        """``X25519 ×1`` — the recipients' types and counts, for a person."""
        counts: dict[str, int] = {}
        for kind in self.recipient_types:
            counts[kind] = counts.get(kind, 0) + 1
        return "、".join(f"{kind} ×{count}" for kind, count in counts.items()) or "无"


def is_encrypted(blob: bytes) -> bool:
    """Whether ``blob`` starts like an age file (binary or ASCII-armoured); the name is ignored."""
    return blob.startswith(MAGIC) or blob.lstrip()[: len(ARMOR_BEGIN)] == ARMOR_BEGIN


def read_header(blob: bytes) -> AgeHeader:
    """The recipients' stanza types of an age file, read without a key.

    Raises:
        PackageError: ``age-damaged`` when the header is not a well-formed age v1 header.
    """
    armored = not blob.startswith(MAGIC)
    binary = _dearmor(blob) if armored else blob
    end = binary.find(b"\n" + _MAC_LINE, 0, _HEADER_LIMIT)
    if not binary.startswith(MAGIC) or end < 0:
        raise PackageError(DAMAGED, "加密数据包已损坏：不是完整的 age 加密文件头")
    mac_end = binary.find(b"\n", end + 1)
    mac = binary[end + 1 + len(_MAC_LINE) : mac_end if mac_end >= 0 else None]
    if mac_end < 0 or not _is_b64(mac, 32):
        raise PackageError(DAMAGED, "加密数据包已损坏：age 文件头的校验码格式不正确")
    try:
        lines = binary[len(MAGIC) : end].decode("ascii").split("\n")
    except UnicodeDecodeError as error:
        raise PackageError(DAMAGED, "加密数据包已损坏：age 文件头含有非 ASCII 字节") from error
    kinds = _stanza_types(lines)
    if not kinds:
        raise PackageError(DAMAGED, "加密数据包已损坏：age 文件头没有收件人")
    shown = tuple(kind for kind in kinds if not kind.endswith(_GREASE))
    return AgeHeader(shown, armored)


def encrypt(blob: bytes, recipient: str) -> bytes:
    """``blob`` encrypted to one age X25519 recipient (binary age format).

    Raises:
        AgeKeyError: ``recipient`` is not an age X25519 recipient.
    """
    target = _recipient(recipient)
    return bytes(pyrage.encrypt(blob, [target]))


def decrypt(blob: bytes, identity: str) -> bytes:
    """The plaintext of an age file, opened with an X25519 identity (``AGE-SECRET-KEY-1…``).

    Raises:
        PackageError: ``age-damaged`` (malformed or altered), ``age-recipient`` (not encrypted
            to this identity).
        AgeKeyError: ``identity`` is not an age X25519 identity.
    """
    header = read_header(blob)
    if X25519 not in header.recipient_types:
        raise PackageError(
            RECIPIENT,
            f"这个加密数据包不是用公钥加密的（收件人类型：{header.describe()}），"
            "不能用上级工会的加密密钥解密",
        )
    key = _identity(identity)
    try:
        return bytes(pyrage.decrypt(blob, [key]))
    except pyrage.DecryptError as error:
        if _NO_MATCH in str(error):
            raise PackageError(
                RECIPIENT,
                "这个加密数据包不是加密给本工作区的（收件人不符，或收件人部分已损坏）："
                "请发件单位用本级工会告知的加密收件人（age1…）重新加密后发送",
            ) from error
        raise PackageError(
            DAMAGED, f"加密数据包已损坏或被改动，无法解密（{_reason(error)}）"
        ) from error


def generate() -> tuple[str, str]:
    """A new X25519 identity: (``AGE-SECRET-KEY-1…``, its recipient ``age1…``)."""
    identity = x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def recipient_of(identity: str) -> str:
    """The recipient (``age1…``) of an identity.

    Raises:
        AgeKeyError: not an age X25519 identity.
    """
    return str(_identity(identity).to_public())


def check_recipient(text: str) -> str:
    """``text`` as an age X25519 recipient (surrounding blanks removed), or a Chinese refusal.

    Raises:
        AgeKeyError: not an ``age1…`` X25519 recipient.
    """
    value = text.strip()
    _recipient(value)
    return value


def _recipient(text: str) -> Any:
    if not text.startswith(RECIPIENT_PREFIX):
        raise AgeKeyError("加密收件人应为 age1 开头的 age 公钥（X25519）")
    try:
        return x25519.Recipient.from_str(text)
    except pyrage.RecipientError as error:
        raise AgeKeyError(
            f"加密收件人无效（{_reason(error)}）：应为 age1 开头的 age 公钥"
        ) from error


def _identity(text: str) -> Any:
    try:
        return x25519.Identity.from_str(text.strip())
    except pyrage.IdentityError as error:
        raise AgeKeyError("加密密钥无效：不是 age X25519 私钥") from error


def _stanza_types(lines: list[str]) -> list[str]:
    kinds: list[str] = []
    for line in lines:
        if line.startswith(_STANZA_LINE.decode()):
            arguments = line[len(_STANZA_LINE) :].split(" ")
            if not arguments[0] or len(kinds) >= _STANZA_LIMIT:
                raise PackageError(DAMAGED, "加密数据包已损坏：age 收件人格式不正确")
            kinds.append(arguments[0])
        elif not kinds or not _is_b64(line.encode("ascii"), None):
            raise PackageError(DAMAGED, "加密数据包已损坏：age 文件头格式不正确")
    return kinds


def _is_b64(text: bytes, length: int | None) -> bool:
    """Unpadded standard base64 (age's encoding), of ``length`` bytes when given."""
    try:
        decoded = base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False
    return length is None or len(decoded) == length


def _dearmor(blob: bytes) -> bytes:
    lines = blob.strip().splitlines()
    if len(lines) < 2 or lines[0].strip() != ARMOR_BEGIN or lines[-1].strip() != ARMOR_END:  # noqa: PLR2004
        raise PackageError(DAMAGED, "加密数据包已损坏：ASCII 封装不完整")
    try:
        return base64.b64decode(b"".join(line.strip() for line in lines[1:-1]), validate=True)
    except (binascii.Error, ValueError) as error:
        raise PackageError(DAMAGED, "加密数据包已损坏：ASCII 封装不是有效的 Base64") from error


def _reason(error: Exception) -> str:
    """The English reason pyrage gives, kept short (it is quoted inside a Chinese sentence)."""
    return str(error).splitlines()[0][:80] if str(error) else type(error).__name__
