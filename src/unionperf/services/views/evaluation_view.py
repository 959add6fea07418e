"""What the self-evaluation screen shows: each owner's score and grade, an owner's scored rows.

Every number comes from the domain's scoring (domain.md §5) through one scoring of the year; after
an edit only the owners whose evaluation changed are scored again, so the screen stays fast on a
unit with 200 projects. The screen formats these rows and never computes a score itself.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.evaluation import Evaluation, IndicatorResult
from unionperf.domain.indicators import Indicator, Operator, Tier
from unionperf.domain.money import round2
from unionperf.domain.results import YearScore, score_project, score_unit
from unionperf.domain.score_working import explain_execution, explain_indicator, explain_total
from unionperf.domain.scoring import Flag, Grade, TargetScore, in_tier_band, tier_band
from unionperf.domain.year import YearData
from unionperf.services.views import year_review

__all__ = [
    "Band",
    "IndicatorRow",
    "OwnerRow",
    "changed_owners",
    "evaluations_by_owner",
    "indicator_rows",
    "owner_rows",
    "rescore",
    "score_of",
    "with_tier",
    "year_scores",
]


@dataclass(frozen=True, slots=True)
class Band:
    """The score range a qualitative tier allows (domain.md §5.4)."""

    low: Decimal
    high: Decimal
    high_inclusive: bool

    def holds(self, score: Decimal) -> bool:
        """Whether ``score``, rounded to two decimals as it counts, lies inside the band."""
        rounded = round2(score)
        if self.high_inclusive:
            return self.low <= rounded <= self.high
        return self.low <= rounded < self.high


@dataclass(frozen=True, slots=True)
class OwnerRow:
    """The unit as a whole or one project, with its budget execution, total and grade."""

    owner_uid: str
    name: str
    """The project's name; empty for the unit as a whole (the screen labels it)."""
    budget: Decimal
    """全年预算数 (A)."""
    executed: Decimal
    """全年执行数 (B)."""
    rate: Decimal | None
    """执行率 B ÷ A; ``None`` when nothing is budgeted."""
    execution_score: Decimal
    execution_points: Decimal
    total: Decimal
    grade: Grade
    indicators: int
    exempt: bool = False
    """Below the exemption threshold: no evaluation is due."""
    started: bool = True
    """Whether any indicator result is entered: until then there is nothing to grade."""
    execution_working: str = ""
    """How the execution score came about (``执行率 = … ÷ … = 93.00%；…``)."""
    total_working: str = ""
    """How the total came about, with the rescaling when indicators are not applicable."""

    @property
    def is_unit(self) -> bool:
        """Whether this is the unit-as-a-whole row (部门（单位）整体)."""
        return self.owner_uid == UNIT_OWNER


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One level-3 indicator of an owner with its year-end result and score."""

    owner_uid: str
    indicator: Indicator
    result: IndicatorResult
    """The saved result, or an empty one when nothing is entered yet."""
    points: Decimal
    score: Decimal | None
    """The score that counts (after any deduction); ``None`` when not applicable."""
    formula_score: Decimal | None
    """The score by the rules, before a deduction; ``None`` while the actual is missing."""
    flags: tuple[Flag, ...]
    working: str = ""
    """How the score came about, in words with its numbers (domain ``explain_indicator``)."""

    @property
    def qualitative(self) -> bool:
        """Judged in tiers with a manual score (定性)."""
        return self.indicator.operator is Operator.QUALITATIVE

    @property
    def applicable(self) -> bool:
        """Whether the row counts towards the total."""
        return self.result.applicable

    @property
    def manual_score(self) -> bool:
        """Whether the scorer types the score: qualitative indicators only (domain.md §5.4)."""
        return self.qualitative and self.applicable

    @property
    def deductible(self) -> bool:
        """Whether a manual deduction may be entered: an over-delivered row, or one that has one.

        domain.md §5.3: when the actual far exceeds the target, the score may be reduced with a
        reason; an existing deduction stays editable so it can be withdrawn.
        """
        if not self.applicable or self.formula_score is None:
            return False
        return Flag.OVER_DELIVERY in self.flags or self.result.deduction is not None

    @property
    def band(self) -> Band | None:
        """The allowed score range of the chosen tier (qualitative rows with a tier)."""
        if not self.qualitative or self.result.tier is None:
            return None
        return Band(*tier_band(self.result.tier, self.points))

    @property
    def needs_actual(self) -> bool:
        """The actual value (or the tier and score) is still missing."""
        return self.applicable and Flag.MISSING_ACTUAL in self.flags

    @property
    def needs_explanation(self) -> bool:
        """Scored below its points or over-delivered, and the deviation analysis is blank."""
        if (
            not self.applicable
            or self.result.deviation.strip()
            or Flag.MISSING_ACTUAL in self.flags
        ):
            return False
        return Flag.NEEDS_EXPLANATION in self.flags or Flag.OVER_DELIVERY in self.flags


def year_scores(data: YearData) -> YearScore:
    """Score the whole year once (every project and the unit as a whole)."""
    return year_review.scores_of(data)


def score_of(scores: YearScore, owner_uid: str) -> TargetScore | None:
    """The score of one owner (a project uid or ``unit``), if it is scored."""
    if owner_uid == UNIT_OWNER:
        return scores.unit
    return next((item.score for item in scores.projects if item.project.uid == owner_uid), None)


def rescore(data: YearData, scores: YearScore, owner_uids: Collection[str]) -> YearScore:
    """``scores`` with the given owners scored again on ``data`` (the others are kept)."""
    wanted = set(owner_uids)
    projects = tuple(
        replace(item, project=project, score=score_project(data, project))
        if item.project.uid in wanted and (project := data.project(item.project.uid)) is not None
        else item
        for item in scores.projects
    )
    unit = scores.unit
    if UNIT_OWNER in wanted and data.settings.unit_wide:
        unit = score_unit(data)
    return replace(scores, projects=projects, unit=unit)


def owner_rows(data: YearData, scores: YearScore) -> tuple[OwnerRow, ...]:
    """The unit as a whole first (when scored), then every project in budget order."""
    rows = []
    started = {item.owner_uid for item in data.evaluations if item.results}
    if scores.unit is not None:
        rows.append(
            _owner_row(
                UNIT_OWNER,
                "",
                scores.unit,
                len(data.unit_targets.indicators),
                started=UNIT_OWNER in started,
            )
        )
    for item in scores.projects:
        project = item.project
        rows.append(
            _owner_row(
                project.uid,
                project.name or project.code,
                item.score,
                len(project.targets.indicators),
                exempt=item.exempt,
                started=project.uid in started,
            )
        )
    return tuple(rows)


def _owner_row(
    owner_uid: str,
    name: str,
    score: TargetScore,
    indicators: int,
    *,
    exempt: bool = False,
    started: bool = True,
) -> OwnerRow:
    execution = score.execution
    return OwnerRow(
        owner_uid,
        name,
        execution.budget,
        execution.executed,
        execution.rate,
        execution.score,
        execution.points,
        score.total,
        score.grade,
        indicators,
        exempt,
        started,
        explain_execution(execution),
        explain_total(score),
    )


def indicator_rows(owner_uid: str, score: TargetScore) -> tuple[IndicatorRow, ...]:
    """Every indicator of an owner in canonical order, with its result, score and working."""
    return tuple(
        IndicatorRow(
            owner_uid,
            item.indicator,
            item.result or IndicatorResult(item.indicator.uid),
            item.points,
            item.score,
            item.formula_score,
            item.flags,
            explain_indicator(item),
        )
        for item in score.indicators
    )


def evaluations_by_owner(data: YearData) -> dict[str, Evaluation]:
    """Each owner's evaluation record as the year holds it now (to see later what changed)."""
    return {item.owner_uid: item for item in data.evaluations}


def changed_owners(before: Mapping[str, Evaluation], data: YearData) -> set[str]:
    """The owners whose evaluation is not the very record seen in ``before``."""
    now = evaluations_by_owner(data)
    return {
        owner for owner in before.keys() | now.keys() if before.get(owner) is not now.get(owner)
    }


def with_tier(result: IndicatorResult, tier: Tier | None, points: Decimal) -> IndicatorResult:
    """The result judged in another tier; a score outside the new tier's band is cleared.

    The scorer then types a score inside the band (domain.md §5.4: the system checks the band).
    """
    score = result.score
    if tier is None or (score is not None and not in_tier_band(tier, points, score)):
        score = None
    return replace(result, tier=tier, score=score)
