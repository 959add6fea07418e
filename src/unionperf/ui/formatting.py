"""How numbers, amounts and dates read in the window."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

__all__ = ["amount", "parse_amount", "percent", "plain", "short_date"]


def amount(value: Decimal | None) -> str:
    """Yuan with thousands separators and two decimals (empty for ``None``)."""
    return "" if value is None else f"{value:,.2f}"


def plain(value: Decimal | None) -> str:
    """A number without trailing zeros (empty for ``None``)."""
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(value: Decimal | None) -> str:
    """A share (0.5) as a percentage with one decimal (50.0%)."""
    return "" if value is None else f"{value * 100:.1f}%"


def short_date(value: date | None) -> str:
    """ISO date (empty for ``None``)."""
    return "" if value is None else value.isoformat()


def parse_amount(text: object) -> Decimal | None:
    """The number typed in a cell (thousands separators allowed), ``None`` if blank or not one."""
    cleaned = str(text or "").replace(",", "").replace("，", "").strip()
    if not cleaned:
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None
