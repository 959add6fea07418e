"""The signing passphrase: the policy a new key's passphrase must pass, and how strong it looks.

Policy (docs/security.md): at least :data:`MIN_PASSPHRASE` characters; not a common passphrase
(``resources/security/common-passphrases.txt``), also not one with digits or symbols only added
before or after it (``password2024!``); not one character repeated or a run of the keyboard or
of digits. The demo and the self-test make throw-away keys with their documented passphrases
and skip the policy; the demo says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from functools import cache

from unionperf.resources import resource_path

__all__ = [
    "DEMO_NOTICE",
    "MIN_PASSPHRASE",
    "Strength",
    "StrengthReport",
    "check_new_passphrase",
    "passphrase_problem",
    "passphrase_strength",
]

MIN_PASSPHRASE = 10
GOOD_LENGTH = 12
STRONG_LENGTH = 16
DEMO_NOTICE = "演示工作区的签名口令是公开的（demo），只能用于演示和练习，不能用于正式报送"

_EDGES = re.compile(r"^[\d\W_]+|[\d\W_]+$")
_SEQUENCES = (
    "0123456789",
    "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
)
_RUNS = tuple(run * 3 for sequence in _SEQUENCES for run in (sequence, sequence[::-1]))
"""Each sequence forwards and backwards, repeated, so a run may start anywhere and wrap."""


class Strength(IntEnum):
    """How hard a passphrase looks to guess (a hint for the user; REFUSED is the policy)."""

    REFUSED = 0
    """Breaks the policy: the key cannot be made with it."""
    WEAK = 1
    FAIR = 2
    STRONG = 3


@dataclass(frozen=True, slots=True)
class StrengthReport:
    """The strength and what it is made of: length and character classes used."""

    strength: Strength
    length: int
    classes: int
    """How many of: lower-case, upper-case letters, digits, other characters (incl. 汉字)."""


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new key cannot be locked with ``passphrase`` (a Chinese sentence), or ``None``."""
    if len(passphrase) < MIN_PASSPHRASE:
        return f"签名口令至少{MIN_PASSPHRASE}个字符（可以用一句好记的话，汉字也可以）"
    folded = passphrase.casefold()
    core = _EDGES.sub("", folded)
    common = _common()
    if folded in common or (core and core in common):
        return "这是常见口令，很容易被猜中：请换一句只有您知道的话"
    if len(set(folded)) <= 2:  # noqa: PLR2004 - "aaaaaaaaaa", "abababababab"
        return "签名口令不能只由一两个字符重复组成"
    if any(folded in run for run in _RUNS):
        return "签名口令不能是连续的数字、字母或键盘上相邻的按键"
    return None


def check_new_passphrase(passphrase: str) -> None:
    """Refuse a passphrase that breaks the policy.

    Raises:
        InputError: with the reason, for the field 签名口令.
    """
    from unionperf.services.common.errors import InputError  # noqa: PLC0415

    problem = passphrase_problem(passphrase)
    if problem is not None:
        raise InputError(problem, "签名口令")


def passphrase_strength(passphrase: str) -> StrengthReport:
    """Rate a passphrase: REFUSED when it breaks the policy, else by length and classes."""
    classes = sum(
        (
            any(char.islower() for char in passphrase),
            any(char.isupper() for char in passphrase),
            any(char.isdigit() for char in passphrase),
            any(not (char.isascii() and char.isalnum()) for char in passphrase),
        )
    )
    length = len(passphrase)
    if passphrase_problem(passphrase) is not None:
        strength = Strength.REFUSED
    elif length >= STRONG_LENGTH or (length >= GOOD_LENGTH and classes >= 3):  # noqa: PLR2004
        strength = Strength.STRONG
    elif length >= GOOD_LENGTH or classes >= 2:  # noqa: PLR2004 - two of four classes
        strength = Strength.FAIR
    else:
        strength = Strength.WEAK
    return StrengthReport(strength, length, classes)


@cache
def _common() -> frozenset[str]:
    path = resource_path("security", "common-passphrases.txt")
    text = path.read_text(encoding="utf-8")
    return frozenset(
        line.strip().casefold()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )
