"""A key id as a person reads it off the sealed key registration sheet (公钥登记表).

The sheet prints the key id (the fingerprint: 16 hexadecimal digits, minisign's spelling) in
groups of four, and a QR code holding
``工会签名公钥;信用代码=<credit code>;密钥=<key id>;公钥=<key>`` (sheets printed by earlier
versions: ``UnionPerf;code=…;key=…;pub=…``).
The upper level types the id or scans the QR text; :func:`read_typed_key_id` reads either, so the
key of a ``.pub`` file that came by e-mail or USB is trusted only when it matches the paper.
"""

from __future__ import annotations

from dataclasses import dataclass

KEY_ID_DIGITS = 16
_HEX = frozenset("0123456789ABCDEF")
_QR_PREFIXES = ("工会签名公钥;", "UnionPerf;")
_QR_FIELDS = {"信用代码": "code", "密钥": "key", "公钥": "pub"}
"""The Chinese field names of the sheet's QR text, as the earlier English ones."""
_SEPARATORS = str.maketrans("", "", " \t\r\n-_:\u3000")
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
"""Full-width ASCII (what a Chinese input method may type) mapped to half-width."""


@dataclass(frozen=True, slots=True)
class TypedKeyId:
    """What the upper level typed or scanned: the key id, and from a QR text more."""

    key_id: str
    """16 upper-case hexadecimal digits."""
    unit_code: str = ""
    """The credit code the QR text names (empty when the id was typed)."""
    public_key_line: str = ""
    """The public key line (base64) the QR text holds (empty when typed)."""


class KeyIdError(ValueError):
    """The typed key id cannot be read (the message is a Chinese sentence)."""


def group_key_id(key_id: str) -> str:
    """A key id in groups of four, as the sheet prints it: ``1A2B 3C4D 5E6F 7A8B``."""
    return " ".join(key_id[index : index + 4] for index in range(0, len(key_id), 4))


def normalise_key_id(text: str) -> str:
    """The key id in ``text``: blanks and dashes dropped, full-width digits read, upper case.

    Raises:
        KeyIdError: not 16 hexadecimal digits.
    """
    cleaned = text.translate(_FULL_WIDTH).translate(_SEPARATORS).upper()
    if not cleaned:
        raise KeyIdError("请填写公钥登记表上的密钥编号（16位十六进制数字）")
    wrong = next((char for char in cleaned if char not in _HEX), None)
    if wrong is not None:
        raise KeyIdError(f"密钥编号中的“{wrong}”不是十六进制数字（0–9、A–F）：请核对公钥登记表")
    if len(cleaned) != KEY_ID_DIGITS:
        raise KeyIdError(f"密钥编号应为16位十六进制数字，现为{len(cleaned)}位：请核对公钥登记表")
    return cleaned


def read_typed_key_id(text: str) -> TypedKeyId:
    """The key id typed from the paper sheet, or the whole text of its QR code.

    Raises:
        KeyIdError: neither a key id nor a QR text with one.
    """
    stripped = text.strip()
    prefix = next((item for item in _QR_PREFIXES if stripped.startswith(item)), None)
    if prefix is None:
        return TypedKeyId(normalise_key_id(stripped))
    fields: dict[str, str] = {}
    for part in stripped[len(prefix) :].split(";"):
        name, _, value = part.partition("=")
        fields[_QR_FIELDS.get(name.strip(), name.strip())] = value.strip()
    if not fields.get("key"):
        raise KeyIdError("二维码内容中没有密钥编号（密钥=…）：请扫描公钥登记表上的二维码")
    return TypedKeyId(
        normalise_key_id(fields["key"]), fields.get("code", ""), fields.get("pub", "")
    )
