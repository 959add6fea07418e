"""Money and decimal helpers: ``Decimal`` yuan in the domain, integer fen (分) in the store."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ZERO = Decimal(0)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
_FEN_PER_YUAN = 100
_WAN = Decimal(10000)
# Plain decimal notation only: no exponents, no underscores, no stray commas ("1,23").
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")


class AmountError(ValueError):
    """A text or number that is not a valid amount or decimal value."""


def round2(value: Decimal) -> Decimal:
    """Round half up to two decimals (the rounding of every score and amount, domain.md §5.3)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def round_places(value: Decimal, places: int) -> Decimal:
    """Round half up to ``places`` decimals."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def parse_decimal(text: str | int | Decimal) -> Decimal:
    """Read a decimal number from user text (half- or full-width digits, thousands separators).

    Raises:
        AmountError: the text is not a finite number.
    """
    if isinstance(text, Decimal):
        value = text
    elif isinstance(text, int):
        value = Decimal(text)
    else:
        cleaned = _normalise(text)
        if not cleaned:
            raise AmountError(f"空值不是数字: {text!r}")
        if not _PLAIN_NUMBER.match(cleaned):
            raise AmountError(f"不是数字: {text!r}")
        try:
            value = Decimal(cleaned)
        except InvalidOperation as error:
            raise AmountError(f"不是数字: {text!r}") from error
    if not value.is_finite():
        raise AmountError(f"不是有限数字: {text!r}")
    return value


def parse_money(text: str | int | Decimal) -> Decimal:
    """Read an amount in yuan with at most two decimals.

    Raises:
        AmountError: not a number, or more than two decimals (a fraction of a fen).
    """
    value = parse_decimal(text)
    try:
        cents = value.quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation as error:  # more digits than the decimal context holds
        raise AmountError(f"金额过大: {text!r}") from error
    if value != cents:
        raise AmountError(f"金额最多两位小数: {text!r}")
    return cents


def yuan_to_fen(amount: Decimal) -> int:
    """Convert yuan to integer fen; the amount must be a whole number of fen."""
    fen = amount * _FEN_PER_YUAN
    if fen != fen.to_integral_value():
        raise AmountError(f"金额最多两位小数: {amount}")
    return int(fen)


def fen_to_yuan(fen: int) -> Decimal:
    """Convert integer fen to yuan with two decimals."""
    return Decimal(fen).scaleb(-2)  # exact, two decimals: 12345 → 123.45, 100 → 1.00


def yuan_to_wan(amount: Decimal) -> Decimal:
    """Convert yuan to 万元 with two decimals, as government forms show amounts."""
    return round2(amount / _WAN)


def format_money(amount: Decimal) -> str:
    """Two decimals with thousands separators, e.g. ``220,000.00``."""
    return f"{round2(amount):,.2f}"


def format_plain(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros after the point (``12``, ``0.5``, ``126.3``)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _normalise(text: str) -> str:
    """Half-width digits, no currency marks or spaces, thousands separators only where grouped."""
    table = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")
    cleaned = text.translate(table).strip()
    for mark in (" ", "\u00a0", "¥", "￥", "元"):
        cleaned = cleaned.replace(mark, "")
    if "," in cleaned and _GROUPED.match(cleaned):
        cleaned = cleaned.replace(",", "")
    return cleaned
