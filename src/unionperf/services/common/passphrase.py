"""The signing passphrase: the rule a new key's passphrase must pass, and how strong it looks."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from unionperf.exchange.keys import MIN_PASSPHRASE, KeyFileError, check_passphrase

__all__ = [
    "MIN_PASSPHRASE",
    "Strength",
    "StrengthReport",
    "passphrase_problem",
    "passphrase_strength",
]

GOOD_LENGTH = 8
STRONG_LENGTH = 12


class Strength(IntEnum):
    """How hard a passphrase looks to guess (a hint for the user, not a rule)."""

    REFUSED = 0
    """Too short: the key cannot be made with it."""
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
    try:
        check_passphrase(passphrase)
    except KeyFileError as error:
        return str(error)
    return None


def passphrase_strength(passphrase: str) -> StrengthReport:
    """Rate a passphrase by its length and the classes of characters it mixes."""
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
    elif length >= STRONG_LENGTH and classes >= 3:  # noqa: PLR2004 - three of four classes
        strength = Strength.STRONG
    elif length >= GOOD_LENGTH and classes >= 2:  # noqa: PLR2004 - two of four classes
        strength = Strength.FAIR
    else:
        strength = Strength.WEAK
    return StrengthReport(strength, length, classes)
