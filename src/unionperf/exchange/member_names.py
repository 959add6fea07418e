r"""The names a package member may have, so that what a person reads is what the package holds.

Outside ``data/evidence/`` every name is plain ASCII: letters, digits, ``.``, ``_`` and ``-``
between the ``/``. Evidence keeps its Chinese file name: under ``data/evidence/<owner>/`` a name
may also hold CJK ideographs, a few CJK and full-width punctuation marks, and the printable ASCII
characters a file name can have on Windows (not ``\ / : * ? " < > |`` nor ``%``). Nothing else
— no Cyrillic or Greek letter that looks like a Latin one, no full-width letters, digits or
slashes, no bidi controls or zero-width characters — and the name must be in Unicode NFC.
Two names that differ only in case or Unicode spelling (NFKC) are one name
(:func:`collision_key`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

EVIDENCE_FOLDER = "data/evidence/"
MAX_NAME = 1024
"""Longest member name, in characters."""
MAX_SEGMENT_BYTES = 255
"""Longest part of a name between slashes, in UTF-8 bytes (most file systems' limit)."""

_ASCII_SEGMENT = re.compile(r"[A-Za-z0-9._-]+")
_ASCII_EVIDENCE = frozenset(chr(code) for code in range(0x20, 0x7F)) - set('\\/:*?"<>|%')
_EVIDENCE_PUNCTUATION = frozenset(
    "\u00b7\u2014\u2018\u2019\u201c\u201d\u2026"  # · — ‘ ’ “ ” …
    # 、。〇〈〉《》「」『』【】
    "\u3001\u3002\u3007\u3008\u3009\u300a\u300b\u300c\u300d\u300e\u300f\u3010\u3011"
    "\u3014\u3015\u3016\u3017"  # 〔〕〖〗
    "\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f\uff5e"  # ！（），：；？～
)
_IDEOGRAPHS = (
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0x20000, 0x2A6DF),  # extension B
    (0x2A700, 0x2EBEF),  # extensions C–F, I
    (0x30000, 0x323AF),  # extensions G, H
)
_SLASHES = frozenset("\uff0f\uff3c\u2215\u2044\u29f8\u29f9\u2571\u2572\u2f03\u3033\ufe68")
r"""Full-width and other characters that look like ``/`` or ``\``."""
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?")
"""Device names Windows will not create a file under."""


def collision_key(name: str) -> str:
    """What two names must not share: the name without a final ``/``, NFKC, case-folded."""
    folded = unicodedata.normalize("NFKC", name.rstrip("/")).casefold()
    return unicodedata.normalize("NFKC", folded)


@lru_cache(maxsize=4096)
def problem(name: str) -> str:
    """What is wrong with a member name, in Chinese, or ``""`` when it is allowed.

    The name has passed the path checks of :mod:`unionperf.exchange.bag` already (no empty,
    ``.`` or ``..`` part, no leading ``/``, no backslash, no control character below U+0020).
    The answer depends on the name alone: the names every package holds (``bagit.txt``,
    ``data/data.json``…) are checked once per process, not once per package received.
    """
    path = name.rstrip("/")
    if len(path) > MAX_NAME:
        return f"过长（{len(path)}个字符，上限{MAX_NAME}个）"
    if unicodedata.normalize("NFC", path) != path:
        return "不是 Unicode NFC 规范形式（同一名称可有多种写法）"
    found = next(filter(None, map(_character_problem, path)), "")
    segments = path.split("/")
    evidence = path.startswith(EVIDENCE_FOLDER) and len(segments) > len(("data", "evidence", "x"))
    for index, segment in enumerate(segments):
        if found:
            break
        free = evidence and index >= len(("data", "evidence", "owner"))
        found = _segment_problem(segment, free=free)
    return found


def _character_problem(char: str) -> str:
    if unicodedata.category(char) in _INVISIBLE:
        return f"含有不可见字符或控制字符（U+{ord(char):04X}，如双向文字控制符、零宽字符）"
    if char in _SLASHES:
        return f"含有形似斜杠的字符“{char}”（U+{ord(char):04X}）"
    return ""


def _segment_problem(segment: str, *, free: bool) -> str:
    if len(segment.encode("utf-8")) > MAX_SEGMENT_BYTES:
        return f"中的一段过长（超过{MAX_SEGMENT_BYTES}字节）"
    if segment != segment.strip(" ") or segment.endswith("."):
        return "中有一段以空格开头或结尾，或以句点结尾（Windows 会改动这样的名称）"
    if _RESERVED.fullmatch(segment):
        return f"中含有 Windows 保留的设备名“{segment}”"
    if free:
        bad = next((char for char in segment if not evidence_char(char)), "")
        return bad and (
            f"含有不允许的字符“{bad}”（U+{ord(bad):04X}，易与其他字符混淆或不能用于文件名）"
        )
    bad = next((char for char in segment if not _ASCII_SEGMENT.fullmatch(char)), "")
    return bad and (
        f"含有不允许的字符“{bad}”（U+{ord(bad):04X}）：data/evidence/<单位或项目>/ 之外"
        "只允许 ASCII 字母、数字和 . _ -"
    )


def evidence_char(char: str) -> bool:
    """Whether ``char`` may appear in an evidence file name."""
    if char in _ASCII_EVIDENCE or char in _EVIDENCE_PUNCTUATION:
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in _IDEOGRAPHS)


def evidence_name(name: str) -> str:
    """An evidence file name that fits the naming rules, keeping as much of it as can be kept.

    NFKC first (full-width letters, digits and brackets become ASCII, the ideographic space a
    space), then every character that is not allowed becomes ``_``; no space or dot at the ends.
    """
    normal = unicodedata.normalize("NFKC", name)
    safe = "".join(char if evidence_char(char) else "_" for char in normal).strip(" .")
    return safe or "file"
