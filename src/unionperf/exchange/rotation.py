"""Key-rotation statements as a package carries them (``data/keys/announcements.json``).

A statement is signed by a unit's old key and names the unit and the new key
(docs/package-format.md §5.5). Read from a package, the chain is bounded (size, depth, count,
lengths) and every statement must name the unit of the package: a statement that names another
unit cannot move the key of this one, even when the same key signed it.
"""

from __future__ import annotations

from collections.abc import Iterable

from unionperf.exchange import json_limits, minisign, schemas
from unionperf.exchange.errors import PackageError, shown
from unionperf.exchange.keys import Announcement
from unionperf.exchange.minisign import PublicKey, SignatureError

ANNOUNCEMENTS_JSON = "data/keys/announcements.json"


def read_chain(data: bytes, unit_code: str) -> list[Announcement]:
    """The statements of ``announcements.json``, each checked to name ``unit_code``.

    Raises:
        PackageError: ``json-size``, ``json-depth``, ``json``, ``limit`` or ``schema`` for a
            malformed file; ``rotation`` for a statement that names another unit.
    """
    document = json_limits.load(ANNOUNCEMENTS_JSON, data)
    schemas.validate("announcements", document, "announcements.json")
    chain = [Announcement(**{key: item[key] for key in _FIELDS}) for item in document]
    for number, item in enumerate(chain, start=1):
        if item.unit_code != unit_code:
            raise PackageError(
                "rotation",
                f"密钥更换声明第{number}条所属单位 {shown(item.unit_code)} "
                f"与数据包的单位 {shown(unit_code)} 不一致",
            )
    return chain


def follow_chain(registered: PublicKey, chain: Iterable[Announcement], unit_code: str) -> PublicKey:
    """The newest key reachable from ``registered`` through statements for ``unit_code``.

    Each statement whose ``old_key_id`` is the current key's must name ``unit_code`` in its text
    and in its signature's trusted comment (``key rotation unit:<code>``) and verify with the
    current key; its new key then becomes current.

    Raises:
        PackageError: ``rotation`` — a statement on the path names another unit, does not verify,
            or holds no valid key.
    """
    current = registered
    for item in chain:
        if item.old_key_id != current.key_id_hex:
            continue
        where = f"密钥更换声明（原密钥 {shown(item.old_key_id)}）"
        if item.unit_code != unit_code:
            raise PackageError(
                "rotation", f"{where}所属单位 {shown(item.unit_code)} 与 {unit_code} 不一致"
            )
        try:
            signature = minisign.parse_signature(item.signature)
            minisign.verify(current, item.statement(), signature)
            new_key = minisign.parse_public_key(item.new_public_key)
        except SignatureError as error:
            raise PackageError("rotation", f"{where}验证失败：{error}") from error
        if signature.trusted_comment != f"key rotation unit:{unit_code}":
            raise PackageError(
                "rotation",
                f"{where}的签名注释“{shown(signature.trusted_comment)}”未指明单位 {unit_code}",
            )
        current = new_key
    return current


_FIELDS = ("old_key_id", "new_public_key", "unit_code", "announced_on", "signature")
