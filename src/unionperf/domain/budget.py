"""The annual budget: budget lines by category and projects with their funding (product.md §2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from unionperf.domain.indicators import Indicator
from unionperf.domain.money import ZERO


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One row of 工会经费收支预算表 (domain.md §6.3): a category's amounts for the year."""

    category_code: str
    last_year_actual: Decimal = ZERO
    """上年决算数."""
    budget: Decimal = ZERO
    """本年预算数 (年初)."""
    adjustment: Decimal = ZERO
    """调整数 (may be negative)."""
    executed: Decimal = ZERO
    """全年执行数 (本年决算数), filled at year end."""

    @property
    def approved(self) -> Decimal:
        """批复预算数 = 本年预算数 + 调整数."""
        return self.budget + self.adjustment


class FundingSource(StrEnum):
    """Where a project's money comes from (the funds block of the project forms)."""

    OWN = "own"
    UPPER_SUBSIDY = "upper_subsidy"
    EMPLOYER_SUBSIDY = "employer_subsidy"
    CARRYOVER = "carryover"
    OTHER = "other"


FUNDING_LABELS = {
    FundingSource.OWN: "本级工会经费",
    FundingSource.UPPER_SUBSIDY: "上级工会补助",
    FundingSource.EMPLOYER_SUBSIDY: "行政补助",
    FundingSource.CARRYOVER: "上年结转资金",
    FundingSource.OTHER: "其他资金",
}


@dataclass(frozen=True, slots=True)
class FundingLine:
    """A project's money from one source: original, adjusted and executed (万元 on forms)."""

    source: FundingSource
    initial: Decimal = ZERO
    """年初预算数."""
    adjusted: Decimal = ZERO
    """全年预算数 (A): the budget after mid-year additions or cuts."""
    executed: Decimal = ZERO
    """全年执行数 (B), filled at year end."""


class ProjectAttribute(StrEnum):
    """项目属性."""

    NEW = "new"
    CONTINUING = "continuing"


ATTRIBUTE_LABELS = {ProjectAttribute.NEW: "新增项目", ProjectAttribute.CONTINUING: "延续项目"}

UNIT_OWNER = "unit"
"""The owner uid of the unit-as-a-whole targets (部门（单位）整体)."""


@dataclass(frozen=True, slots=True)
class TargetSet:
    """Performance targets of a project or of the unit as a whole: goals and level-3 indicators."""

    owner_uid: str
    annual_goal: str = ""
    midterm_goal: str = ""
    indicators: tuple[Indicator, ...] = ()

    def indicator(self, uid: str) -> Indicator | None:
        """The indicator with that uid, if any."""
        return next((item for item in self.indicators if item.uid == uid), None)


@dataclass(frozen=True, slots=True)
class Project:
    """A project (项目) of the year with its funding, period and targets."""

    uid: str
    code: str
    name: str
    category_code: str
    attribute: ProjectAttribute = ProjectAttribute.NEW
    start: date | None = None
    end: date | None = None
    responsible: str = ""
    phone: str = ""
    description: str = ""
    midterm_budget: Decimal = ZERO
    """中期资金总额 of a multi-year project (0 when not declared)."""
    funding: tuple[FundingLine, ...] = ()
    targets: TargetSet = field(default_factory=lambda: TargetSet(owner_uid=""))
    clear_out: bool = False
    """清理退出: the unit proposes to end this (poorly performing) project early (seed §二.3)."""
    clear_out_reason: str = ""
    """Why it should be cleared out (required with ``clear_out``; the upper level sees it)."""

    @property
    def initial_budget(self) -> Decimal:
        """年初预算数: the sum of the original amounts."""
        return sum((line.initial for line in self.funding), ZERO)

    @property
    def full_year_budget(self) -> Decimal:
        """全年预算数 (A): the sum of the adjusted amounts."""
        return sum((line.adjusted for line in self.funding), ZERO)

    @property
    def executed(self) -> Decimal:
        """全年执行数 (B): the sum of the executed amounts."""
        return sum((line.executed for line in self.funding), ZERO)

    @property
    def multi_year(self) -> bool:
        """Whether the project's period spans more than one calendar year."""
        return self.start is not None and self.end is not None and self.end.year > self.start.year
