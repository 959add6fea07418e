"""汇总 of multi-year projects: each one the units reported, with its totals and 清理退出 flag.

The upper level sees, for a year's stage, every multi-year project of the counted units: its
period, 中期资金总额, the cumulative budget and execution over the years so far, the year's
score, and whether the unit proposes to clear it out (清理退出) with the reason (seed §二.3).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from unionperf.domain.monitoring import execution_rate


@dataclass(frozen=True, slots=True)
class MultiYearLine:
    """One multi-year project of a unit's current package (yuan)."""

    unit_code: str
    unit_name: str
    project_uid: str
    project_name: str
    start_year: int | None
    end_year: int | None
    midterm_budget: Decimal
    cumulative_budget: Decimal
    cumulative_executed: Decimal
    total: Decimal | None
    grade: str
    clear_out: bool
    clear_out_reason: str

    @property
    def period_text(self) -> str:
        """``2025—2027年`` (``—`` for an end not given)."""
        start = str(self.start_year) if self.start_year else "—"
        end = str(self.end_year) if self.end_year else "—"
        return f"{start}—{end}年"

    @property
    def cumulative_rate(self) -> Decimal | None:
        """累计执行率 = 累计执行数 ÷ 累计预算数 (``None`` without a budget)."""
        return execution_rate(self.cumulative_executed, self.cumulative_budget)

    @property
    def midterm_share(self) -> Decimal | None:
        """累计预算数 ÷ 中期资金总额 (``None`` without a mid-term budget)."""
        return execution_rate(self.cumulative_budget, self.midterm_budget)


def cleared_first(lines: Sequence[MultiYearLine]) -> list[MultiYearLine]:
    """Projects proposed for 清理退出 first, then by unit code and project name."""
    return sorted(lines, key=lambda line: (not line.clear_out, line.unit_code, line.project_name))
