"""Column types that keep decimals exact: integer fen for money, text for other decimals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Dialect, String
from sqlalchemy.types import TypeDecorator


class DecimalText(TypeDecorator[Decimal]):
    """A non-money decimal (target value, points, score) stored as its exact text, never a float."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        """Decimal → canonical text."""
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"DecimalText needs a Decimal, got {type(value).__name__}")
        return format(value, "f")

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        """Text → Decimal."""
        return None if value is None else Decimal(value)
