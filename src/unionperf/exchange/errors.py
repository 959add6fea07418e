"""The typed refusal of a package: a stable code and a Chinese sentence on one line."""

from __future__ import annotations

import unicodedata

_SHOWN = 80
"""At most this many characters of a name or path from a package are quoted in a message."""
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
"""Controls, format characters (bidi overrides, zero-width), surrogates, private and unassigned
code points, line and paragraph separators: shown as ``\\uXXXX``, never as themselves."""


class PackageError(ValueError):
    """A package that is refused; ``code`` names the check that failed (docs/package-format.md).

    The message is always one line: any line break in it is folded into a space.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(one_line(message))
        self.code = code


def one_line(text: str) -> str:
    """``text`` with every kind of line break (``str.splitlines``) folded into a space."""
    lines = text.splitlines()
    return text if len(lines) <= 1 else " ".join(lines)


def shown(text: str, limit: int = _SHOWN) -> str:
    """A name or path from a package, safe to print: hidden characters escaped, long ones cut."""
    safe = "".join(
        f"\\u{ord(char):04x}" if unicodedata.category(char) in _HIDDEN else char
        for char in text[:limit]
    )
    return safe if len(text) <= limit else safe + "…"
