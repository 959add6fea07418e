"""How numbers, amounts and dates read in the window (the domain's money rules, None-tolerant)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from unionperf.domain.money import AmountError, format_money, format_plain, parse_decimal

__all__ = ["amount", "parse_amount", "percent", "plain", "short_date"]


def amount(value: Decimal | None) -> str:
    """Yuan with thousands separators and two decimals (empty for ``None``)."""
    return "" if value is None else format_money(value)


def plain(value: Decimal | None) -> str:
    """A number without trailing zeros (empty for ``None``)."""
    return "" if value is None else format_plain(value)


def percent(value: Decimal | None) -> str:
    """A share (0.5) as a percentage with one decimal (50.0%)."""
    return "" if value is None else f"{value * 100:.1f}%"


def short_date(value: date | None) -> str:
    """ISO date (empty for ``None``)."""
    return "" if value is None else value.isoformat()


def parse_amount(text: object) -> Decimal | None:
    """The number typed in a cell (as the domain reads numbers), ``None`` if blank or not one."""
    cleaned = str(text or "").strip()
    if not cleaned:
        return None
    try:
        return parse_decimal(cleaned)
    except AmountError:
        return None
