"""The union's own profile (单位信息)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class UnitLevel(StrEnum):
    """Where a union stands in the hierarchy; decides the window's mode."""

    GRASSROOTS = "grassroots"
    """基层工会: fills in and submits."""
    UPPER = "upper"
    """县级及以上工会: receives, reviews and aggregates."""


UNIT_LEVEL_LABELS = {UnitLevel.GRASSROOTS: "基层工会", UnitLevel.UPPER: "上级工会"}


@dataclass(frozen=True, slots=True)
class UnitProfile:
    """A union's profile (product.md §2 step 1)."""

    name: str
    credit_code: str
    level: UnitLevel = UnitLevel.GRASSROOTS
    upper_union: str = ""
    member_count: int = 0
    staff_count: int = 0
    accountant: str = ""
    chair: str = ""
    audit_chair: str = ""
    contact_phone: str = ""
    address: str = ""
