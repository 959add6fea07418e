"""minisign's encrypted secret-key format: scrypt over the passphrase, BLAKE2b checksum.

The file, as ``minisign -G`` writes it and ``minisign -S`` reads it::

    untrusted comment: minisign encrypted secret key
    base64("Ed" || "Sc" || "B2" || salt (32) || opslimit (8, LE) || memlimit (8, LE) ||
           (key id (8) || Ed25519 secret key (64) || BLAKE2b-256 checksum (32)) XOR scrypt(…))

The 104 bytes of key material are XOR-ed with a scrypt stream of the same length; scrypt's
``N``, ``r`` and ``p`` follow from opslimit and memlimit exactly as libsodium picks them, so
the real ``minisign`` tool signs with a key written here. A wrong passphrase shows as a
checksum that does not match.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from unionperf.exchange import minisign

COMMENT = "untrusted comment: minisign encrypted secret key"
_SIG_ALG, _KDF_ALG, _CHK_ALG = b"Ed", b"Sc", b"B2"
_SALT_BYTES = 32
_KEY_ID_BYTES = 8
_SECRET_BYTES = 64
_CHECKSUM_BYTES = 32
_MATERIAL_BYTES = _KEY_ID_BYTES + _SECRET_BYTES + _CHECKSUM_BYTES
_HEADER_BYTES = 6 + _SALT_BYTES + 16
_MIN_OPSLIMIT = 32768
_MAX_MEMLIMIT = 1 << 31
"""A file asking for more than 2 GiB of scrypt memory is refused, not tried (a hostile file)."""


class SecretKeyError(ValueError):
    """A secret-key file that is malformed or a passphrase that does not open it (Chinese)."""


class WrongPassphraseError(SecretKeyError):
    """The passphrase does not open the file (or the file is damaged): it may be typed again."""


@dataclass(frozen=True, slots=True)
class ScryptCost:
    """libsodium's scrypt limits as minisign stores them: operations and memory in bytes."""

    opslimit: int
    memlimit: int

    def parameters(self) -> tuple[int, int, int]:
        """The scrypt ``N``, ``r`` and ``p`` for these limits, as libsodium's ``pickparams``."""
        opslimit = max(self.opslimit, _MIN_OPSLIMIT)
        r = 8
        if opslimit < self.memlimit // 32:
            p = 1
            max_n = opslimit // (r * 4)
            n_log2 = _log2_below(max_n)
        else:
            max_n = self.memlimit // (r * 128)
            n_log2 = _log2_below(max_n)
            max_rp = min((opslimit // 4) // (1 << n_log2), 0x3FFFFFFF)
            p = max(max_rp // r, 1)
        return 1 << n_log2, r, p

    @property
    def memory(self) -> int:
        """The bytes scrypt needs with these limits (128 · N · r)."""
        n, r, _p = self.parameters()
        return 128 * n * r


MINISIGN_DEFAULT = ScryptCost(33554432, 1073741824)
"""``minisign -G``'s limits (libsodium's *sensitive*): N = 2^20, 1 GiB, 16 s on the test VM."""
DEFAULT_COST = ScryptCost(8388608, 268435456)
"""Ours: N = 2^18, r = 8, p = 1, 256 MiB; one guess costs about 1 s on an office PC (3.8 s on
the 2-core test VM). A quarter of minisign's own cost, chosen so that an old 4 GB office PC
unlocks the key without swapping; against the PKCS#8 file it replaces (PBKDF2, 2,048
iterations, under 1 ms a guess) it is about a thousand times dearer to guess."""


def _log2_below(max_n: int) -> int:
    n_log2 = 1
    while n_log2 < 63 and (1 << n_log2) <= max_n // 2:  # noqa: PLR2004 - libsodium's bound
        n_log2 += 1
    return n_log2


def encode(private_key: Ed25519PrivateKey, passphrase: str, cost: ScryptCost) -> str:
    """The minisign secret-key file of ``private_key``, locked with ``passphrase``."""
    public = minisign.public_key_of(private_key)
    seed = private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    secret = seed + public.key
    checksum = _checksum(public.key_id, secret)
    salt = os.urandom(_SALT_BYTES)
    material = public.key_id + secret + checksum
    locked = _xor(material, _stream(passphrase, salt, cost))
    blob = (
        _SIG_ALG
        + _KDF_ALG
        + _CHK_ALG
        + salt
        + cost.opslimit.to_bytes(8, "little")
        + cost.memlimit.to_bytes(8, "little")
        + locked
    )
    return f"{COMMENT}\n{base64.b64encode(blob).decode('ascii')}\n"


def decode(text: str, passphrase: str) -> Ed25519PrivateKey:
    """Open a minisign secret-key file with ``passphrase``.

    Raises:
        SecretKeyError: not such a file, limits out of bounds, or the passphrase does not open it.
    """
    blob = _blob(text)
    salt = blob[6 : 6 + _SALT_BYTES]
    cost = ScryptCost(int.from_bytes(blob[38:46], "little"), int.from_bytes(blob[46:54], "little"))
    if cost.memlimit > _MAX_MEMLIMIT or cost.memory > _MAX_MEMLIMIT:
        raise SecretKeyError("密钥文件的加密参数超出范围（可能被改动），已拒绝打开")
    material = _xor(blob[_HEADER_BYTES:], _stream(passphrase, salt, cost))
    key_id = material[:_KEY_ID_BYTES]
    secret = material[_KEY_ID_BYTES : _KEY_ID_BYTES + _SECRET_BYTES]
    checksum = material[_KEY_ID_BYTES + _SECRET_BYTES :]
    if not hmac.compare_digest(checksum, _checksum(key_id, secret)):
        raise WrongPassphraseError("签名口令不正确（或密钥文件已损坏），无法解锁签名密钥")
    private_key = Ed25519PrivateKey.from_private_bytes(secret[:32])
    if minisign.public_key_of(private_key).key != secret[32:]:
        raise SecretKeyError("密钥文件已损坏（私钥与公钥不符）")
    return private_key


def cost_of(text: str) -> ScryptCost:
    """The scrypt limits a secret-key file was written with (no passphrase needed)."""
    blob = _blob(text)
    return ScryptCost(int.from_bytes(blob[38:46], "little"), int.from_bytes(blob[46:54], "little"))


def is_secret_key(text: str) -> bool:
    """Whether ``text`` looks like a minisign secret-key file (not whether it opens)."""
    return text.lstrip().startswith("untrusted comment:")


def _blob(text: str) -> bytes:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if lines and lines[0].startswith("untrusted comment:"):
        lines = lines[1:]
    if len(lines) != 1:
        raise SecretKeyError("密钥文件已损坏：不是 minisign 私钥文件（应为一行注释加一行密钥）")
    try:
        blob = base64.b64decode(lines[0], validate=True)
    except (binascii.Error, ValueError) as error:
        raise SecretKeyError("密钥文件已损坏：不是有效的 Base64") from error
    if len(blob) != _HEADER_BYTES + _MATERIAL_BYTES or blob[:6] != _SIG_ALG + _KDF_ALG + _CHK_ALG:
        raise SecretKeyError("密钥文件已损坏：不是 minisign 加密的 Ed25519 私钥（算法或长度不符）")
    return blob


def _stream(passphrase: str, salt: bytes, cost: ScryptCost) -> bytes:
    n, r, p = cost.parameters()
    try:
        return hashlib.scrypt(
            passphrase.encode("utf-8"),
            salt=salt,
            n=n,
            r=r,
            p=p,
            maxmem=2 * 128 * n * r * p + (64 << 20),
            dklen=_MATERIAL_BYTES,
        )
    except (ValueError, MemoryError) as error:
        raise SecretKeyError(f"无法解锁签名密钥：内存不足或加密参数无效（{error}）") from error


def _checksum(key_id: bytes, secret: bytes) -> bytes:
    return hashlib.blake2b(_SIG_ALG + key_id + secret, digest_size=_CHECKSUM_BYTES).digest()


def _xor(data: bytes, stream: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(data, stream, strict=True))
