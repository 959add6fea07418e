"""The minisign formats: public keys, signatures and their verification (Ed25519, prehashed).

Public key file::

    untrusted comment: minisign public key <KEY ID>
    base64("Ed" || key id (8 bytes) || Ed25519 public key (32 bytes))

Signature file::

    untrusted comment: <text>
    base64("ED" || key id || Ed25519(BLAKE2b-512(message)))
    trusted comment: <one line>
    base64(Ed25519(signature || trusted comment))

so ``minisign -V -p unit.pub -m FILE`` checks our signatures, and anyone with an Ed25519 library
can check them by hand (docs/package-format.md).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

KEY_ALGORITHM = b"Ed"
PREHASHED = b"ED"
LEGACY = b"Ed"
_KEY_ID_BYTES = 8
_SIGNATURE_BYTES = 64
_SIGNATURE_LINES = 4


class SignatureError(ValueError):
    """A key or signature that is malformed or does not verify (message in Chinese)."""


@dataclass(frozen=True, slots=True)
class PublicKey:
    """A minisign public key: 8-byte key id and the Ed25519 key."""

    key_id: bytes
    key: bytes

    @property
    def key_id_hex(self) -> str:
        """The key id as minisign prints it: 16 upper-case hex digits (the fingerprint)."""
        return key_id_text(self.key_id)

    def to_file(self) -> str:
        """The ``.pub`` file text."""
        blob = base64.b64encode(KEY_ALGORITHM + self.key_id + self.key).decode("ascii")
        return f"untrusted comment: minisign public key {self.key_id_hex}\n{blob}\n"

    def verifier(self) -> Ed25519PublicKey:
        """The key as a ``cryptography`` object."""
        return Ed25519PublicKey.from_public_bytes(self.key)


@dataclass(frozen=True, slots=True)
class Signature:
    """A parsed minisign signature file."""

    algorithm: bytes
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes
    untrusted_comment: str = ""


def key_id_text(key_id: bytes) -> str:
    """Minisign shows the 8 key-id bytes as a little-endian 64-bit number in hex."""
    return f"{int.from_bytes(key_id, 'little'):016X}"


def key_id_for(public_key: bytes) -> bytes:
    """A key id derived from the public key (minisign draws it at random; any 8 bytes are valid)."""
    return hashlib.blake2b(public_key, digest_size=_KEY_ID_BYTES).digest()


def public_key_of(private_key: Ed25519PrivateKey) -> PublicKey:
    """The minisign public key of a private key."""
    raw = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return PublicKey(key_id_for(raw), raw)


def parse_public_key(text: str) -> PublicKey:
    """Read a ``.pub`` file (or a bare base64 line).

    Raises:
        SignatureError: not a minisign Ed25519 public key.
    """
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if lines and lines[0].startswith("untrusted comment:"):
        lines = lines[1:]
    if len(lines) != 1:
        raise SignatureError("不是 minisign 公钥文件（应为一行注释加一行密钥）")
    blob = _b64(lines[0], "公钥")
    if len(blob) != 2 + _KEY_ID_BYTES + 32 or blob[:2] != KEY_ALGORITHM:
        raise SignatureError("不是 minisign Ed25519 公钥")
    return PublicKey(blob[2:10], blob[10:])


def sign(
    private_key: Ed25519PrivateKey,
    message: bytes,
    trusted_comment: str,
    untrusted_comment: str = "signature from UnionPerf",
) -> str:
    """A minisign signature file (prehashed, as ``minisign -S`` makes by default)."""
    if "\n" in trusted_comment or "\r" in trusted_comment:
        raise ValueError("a trusted comment is one line")
    public = public_key_of(private_key)
    digest = hashlib.blake2b(message, digest_size=64).digest()
    signature = private_key.sign(digest)
    global_signature = private_key.sign(signature + trusted_comment.encode("utf-8"))
    blob = base64.b64encode(PREHASHED + public.key_id + signature).decode("ascii")
    return (
        f"untrusted comment: {untrusted_comment}\n{blob}\n"
        f"trusted comment: {trusted_comment}\n"
        f"{base64.b64encode(global_signature).decode('ascii')}\n"
    )


def parse_signature(text: str) -> Signature:
    """Read a signature file.

    Raises:
        SignatureError: the four lines are not there or not well-formed.
    """
    lines = text.split("\n")
    if (
        len(lines) < _SIGNATURE_LINES
        or not lines[0].startswith("untrusted comment:")
        or not lines[2].startswith("trusted comment: ")
    ):
        raise SignatureError("签名文件格式不正确（应为 minisign 签名的四行）")
    if any(line.strip() for line in lines[4:]):
        raise SignatureError("签名文件末尾有多余内容")
    blob = _b64(lines[1], "签名")
    if len(blob) != 2 + _KEY_ID_BYTES + _SIGNATURE_BYTES or blob[:2] not in (PREHASHED, LEGACY):
        raise SignatureError("不是 minisign Ed25519 签名")
    global_signature = _b64(lines[3], "全局签名")
    if len(global_signature) != _SIGNATURE_BYTES:
        raise SignatureError("全局签名长度不正确")
    return Signature(
        algorithm=blob[:2],
        key_id=blob[2:10],
        signature=blob[10:],
        trusted_comment=lines[2][len("trusted comment: ") :],
        global_signature=global_signature,
        untrusted_comment=lines[0][len("untrusted comment:") :].strip(),
    )


def verify(public_key: PublicKey, message: bytes, signature: Signature) -> None:
    """Check a signature and its trusted comment against a public key.

    Raises:
        SignatureError: the key id differs, or either signature does not verify.
    """
    if signature.key_id != public_key.key_id:
        raise SignatureError(
            f"签名密钥（{key_id_text(signature.key_id)}）与登记的公钥（{public_key.key_id_hex}）不一致"
        )
    signed = (
        hashlib.blake2b(message, digest_size=64).digest()
        if signature.algorithm == PREHASHED
        else message
    )
    verifier = public_key.verifier()
    try:
        verifier.verify(signature.signature, signed)
    except InvalidSignature as error:
        raise SignatureError("签名验证失败：文件内容与签名不符（可能被改动）") from error
    try:
        verifier.verify(
            signature.global_signature,
            signature.signature + signature.trusted_comment.encode("utf-8"),
        )
    except InvalidSignature as error:
        raise SignatureError("签名的可信注释验证失败（可能被改动）") from error


def _b64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError) as error:
        raise SignatureError(f"{what}不是有效的 Base64 文本") from error
