"""Workspace rule settings: the open questions of domain.md §9, each with its default.

Settings are stored in the workspace and travel in every package, so that the upper level scores
a package with the rules it was made with.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import IntEnum, StrEnum
from typing import Any

from unionperf.domain.framework import DEFAULT_FRAMEWORK, FRAMEWORKS, framework_by_code
from unionperf.domain.money import format_plain, parse_decimal


class ReverseFormula(IntEnum):
    """Which published rule scores a reverse (≤, <) indicator that missed its target (§5.3)."""

    RATIO = 1
    """Variant 1: A ÷ B × w."""
    LINEAR = 2
    """Variant 2: (1 − (B − A) ÷ A) × w, 0 at B ≥ 2A."""


class SignoffRole(StrEnum):
    """Who signs a stage off (domain.md §6.4)."""

    PREPARER = "preparer"
    """填报人."""
    CHAIR = "chair"
    """工会主席 / 单位负责人."""
    AUDIT_CHAIR = "audit_chair"
    """经审会主任."""


SIGNOFF_LABELS = {
    SignoffRole.PREPARER: "填报人",
    SignoffRole.CHAIR: "工会主席",
    SignoffRole.AUDIT_CHAIR: "经审会主任",
}

# domain.md §9: quarterly plus the end-of-July point (central practice, §4.2).
DEFAULT_CUTOFFS: tuple[tuple[int, int], ...] = ((3, 31), (6, 30), (7, 31), (9, 30))


@dataclass(frozen=True, slots=True)
class RuleSettings:
    """The rule settings in force for a workspace (domain.md §9)."""

    framework_code: str = DEFAULT_FRAMEWORK.code
    weights: dict[str, Decimal] = field(default_factory=DEFAULT_FRAMEWORK.default_weights)
    reverse_formula: ReverseFormula = ReverseFormula.RATIO
    over_delivery_ratio: Decimal = Decimal("1.20")
    lag_points: Decimal = Decimal(10)
    exemption_threshold: Decimal = Decimal(0)
    monitoring_cutoffs: tuple[tuple[int, int], ...] = DEFAULT_CUTOFFS
    unit_wide: bool = True
    required_signoffs: tuple[SignoffRole, ...] = (
        SignoffRole.PREPARER,
        SignoffRole.CHAIR,
        SignoffRole.AUDIT_CHAIR,
    )
    arrival_lag_points: Decimal = Decimal(10)
    """拨缴经费 or 上级补助 arriving more than this many points behind time progress is warned."""
    assessment_threshold: Decimal = Decimal(0)
    """A new project budgeted at or above this many 元 needs an ex-ante assessment (0: none)."""

    def cutoff_dates(self, year: int) -> list[date]:
        """The monitoring cut-off dates of ``year``, in order (29 Feb falls back to 28 Feb)."""
        dates = []
        for month, day in sorted(self.monitoring_cutoffs):
            try:
                dates.append(date(year, month, day))
            except ValueError:
                dates.append(date(year, month, day - 1))
        return dates

    def with_framework(self, code: str) -> RuleSettings:
        """The same settings on another framework, with that framework's default weights."""
        return replace(self, framework_code=code, weights=framework_by_code(code).default_weights())

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready mapping; decimals are strings."""
        return {
            "framework": self.framework_code,
            "weights": {name: format_plain(value) for name, value in self.weights.items()},
            "reverse_formula": int(self.reverse_formula),
            "over_delivery_ratio": format_plain(self.over_delivery_ratio),
            "lag_points": format_plain(self.lag_points),
            "exemption_threshold": format_plain(self.exemption_threshold),
            "monitoring_cutoffs": [f"{m:02d}-{d:02d}" for m, d in self.monitoring_cutoffs],
            "unit_wide": self.unit_wide,
            "required_signoffs": [role.value for role in self.required_signoffs],
            "arrival_lag_points": format_plain(self.arrival_lag_points),
            "assessment_threshold": format_plain(self.assessment_threshold),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RuleSettings:
        """Settings from :meth:`to_json` output; missing keys take their defaults.

        Raises:
            ValueError: a value is of the wrong kind.
        """
        default = cls()
        cutoffs = data.get("monitoring_cutoffs")
        framework_code = str(data.get("framework", default.framework_code))
        if framework_code not in FRAMEWORKS:
            raise ValueError(f"未知的指标体系“{framework_code}”")
        return cls(
            framework_code=framework_code,
            weights={
                str(name): parse_decimal(str(value))
                for name, value in data.get("weights", {}).items()
            }
            or framework_by_code(framework_code).default_weights(),
            reverse_formula=ReverseFormula(int(data.get("reverse_formula", 1))),
            over_delivery_ratio=parse_decimal(str(data.get("over_delivery_ratio", "1.20"))),
            lag_points=parse_decimal(str(data.get("lag_points", "10"))),
            arrival_lag_points=parse_decimal(str(data.get("arrival_lag_points", "10"))),
            assessment_threshold=parse_decimal(str(data.get("assessment_threshold", "0"))),
            exemption_threshold=parse_decimal(str(data.get("exemption_threshold", "0"))),
            monitoring_cutoffs=(
                tuple(_parse_cutoff(str(item)) for item in cutoffs)
                if cutoffs is not None
                else default.monitoring_cutoffs
            ),
            unit_wide=data.get("unit_wide", True) is not False,
            required_signoffs=tuple(
                SignoffRole(str(role))
                for role in data.get(
                    "required_signoffs", [r.value for r in default.required_signoffs]
                )
            ),
        )


def _parse_cutoff(text: str) -> tuple[int, int]:
    """``MM-DD`` → (month, day); the day must exist in a leap year.

    Raises:
        ValueError: not a month and day, e.g. ``02-30`` or ``13-01``.
    """
    month_text, _, day_text = text.partition("-")
    try:
        month, day = int(month_text), int(day_text)
        date(2024, month, day)
    except ValueError as error:
        raise ValueError(f"监控时点“{text}”不是有效的月-日（MM-DD）") from error
    return month, day
