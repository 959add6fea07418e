"""Test helper: find the English words in text that reaches the user (issue 12, item 9).

A "word" is a run of letters, digits and ``-./+`` that holds at least two letters. It is allowed
when it is a unit, a code or a name the user knows as written: PDF, Excel, XLSX, WPS, ID, GB,
SHA-256, PostgreSQL and its address scheme, the keys Ctrl/Shift/Alt, a file pattern such as
``*.pdf``, a unified social credit code (18 characters), a key id or hash (hexadecimal), a public
key (base64), and the accelerator marks ``(&F)`` of menus. Everything else is English reaching the
user.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["ALLOWED_WORDS", "english_in", "english_words"]

ALLOWED_WORDS = frozenset(
    {
        "PDF",
        "Excel",
        "XLSX",
        "WPS",
        "ID",
        "GB",
        "SHA-256",
        "Ctrl",
        "Shift",
        "Alt",
        "Qt",  # the About dialog's version facts (for a support request)
        "PySide6",
        "Python",
        "pdf",  # a file suffix, when a printed file name wraps before it
        "xlsx",
        "upkg",
        "age",  # the encryption format (age-encryption.org) and the suffix of .upkg.age files
        "PostgreSQL",  # the database server a large union's IT staff run (no Chinese name)
        "postgresql+psycopg",  # the scheme of its address, typed as written
    }
)
"""Units, codes and names a user reads as they are written."""

_ACCELERATOR = re.compile(r"\(&[A-Za-z0-9]\)|&(?=[A-Za-z0-9\u4e00-\u9fff])")
_PLACEHOLDER = re.compile(r"\{\w*\}")
_FILE_PATTERN = re.compile(r"\*\.[A-Za-z0-9]+|\(\*\)")
_TAGS = re.compile(r"<[^>]+>|&(?:nbsp|amp|lt|gt|quot);")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-.+/]*")
_CREDIT_CODE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}")
_HEX = re.compile(r"[0-9A-Fa-f]{8,}")
_HEX_PIECE = re.compile(r"[0-9A-F]+|(?=[a-f]*[0-9])[0-9a-f]+")
"""The end of a key id or hash that a PDF line wrap cut off: upper-case hex (``BF``), or lower-case
hex holding a digit (``3bf``); an English word is neither."""
_BASE64 = re.compile(r"[A-Za-z0-9+/]{20,}={0,2}")
_GROUPED_HEX = re.compile(r"\b[0-9A-Fa-f]{4,8}(?: [0-9A-Fa-f]{4,8})+\b")
"""A key id or hash printed in groups for the eye (``1A2B 3C4D 5E6F 7A8B``)."""
_EXTENSION = re.compile(r"\.(?:pdf|xlsx|upkg|pub)(?![A-Za-z0-9])", re.IGNORECASE)
"""The suffix of a file name the user is shown: PDF, workbook, package, public key."""


def _is_code(word: str) -> bool:
    letters = [char for char in word if char.isalpha()]
    numbered = any(char.isdigit() for char in word) and all(char.isupper() for char in letters)
    return bool(
        numbered  # a project number such as GH2024-01, a problem code such as E012
        or _CREDIT_CODE.fullmatch(word)
        or _HEX.fullmatch(word)
        or _HEX_PIECE.fullmatch(word)
        or (_BASE64.fullmatch(word) and re.search(r"\d", word))
    )


def english_words(text: str) -> list[str]:
    """The English words of ``text`` that are not allowed (empty: the text is Chinese enough)."""
    text = _TAGS.sub(" ", text)
    text = _GROUPED_HEX.sub(" ", text)
    text = _PLACEHOLDER.sub(" ", text)
    text = _FILE_PATTERN.sub(" ", text)
    text = _ACCELERATOR.sub(" ", text)
    text = _EXTENSION.sub(" ", text)
    found = []
    for match in _WORD.finditer(text):
        word = match.group().rstrip(".-/+")
        if sum(char.isalpha() for char in word) < 2:
            continue
        if word in ALLOWED_WORDS or _is_code(word):
            continue
        if re.search(r"[/+]", word) and not english_words(re.sub(r"[/+]", " ", word)):
            continue  # a formula such as B/A, a key such as Ctrl+Z
        found.append(word)
    return found


def english_in(texts: Iterable[tuple[str, str]]) -> list[str]:
    """``where: text → words`` for every (where, text) holding English words."""
    return [
        f"{where}: {text!r} → {words}" for where, text in texts if (words := english_words(text))
    ]
