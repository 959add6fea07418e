"""复评: the upper level re-scores an indicator of a unit's received self-evaluation.

Both scores are kept (the unit's and the upper level's, with the reason); the owner's total and
the unit's total as a whole are computed again with the upper level's scores
(:mod:`unionperf.domain.rescoring`). :func:`upper_scores` gives the ranking of 汇总 the upper
level's total of each re-scored unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.item_paths import ItemKind, resolve
from unionperf.domain.money import parse_decimal
from unionperf.domain.rescoring import rescore_error, with_upper_scores
from unionperf.domain.results import score_year
from unionperf.domain.scoring import Grade, TargetScore
from unionperf.domain.year import StageKind
from unionperf.services.common.errors import InputError
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper.intake import received_year
from unionperf.store.audit import now
from unionperf.store.review_records import OwnerTotal, RescoreRecord

__all__ = ["RescoreRecord", "Rescored", "rescore", "rescores", "upper_scores"]

WHERE = "复评"
SELF_EVALUATION = StageKind.SELF_EVALUATION.value


@dataclass(frozen=True, slots=True)
class Rescored:
    """What a re-score changed: the indicator's two scores and the totals before and after."""

    path: str
    unit_score: Decimal | None
    upper_score: Decimal
    owner_total: Decimal
    """The owner's (project's or unit's) total as the unit scored it."""
    owner_upper_total: Decimal
    owner_upper_grade: Grade
    unit_total: Decimal | None
    """The unit as a whole's total as the unit scored it (``None``: not evaluated)."""
    unit_upper_total: Decimal | None
    unit_upper_grade: Grade | None


def rescore(
    workspace: Workspace, unit_code: str, year: int, *, path: str, score: str, reason: str
) -> Rescored:
    """Re-score an indicator of a unit's current self-evaluation, keeping the unit's score.

    Args:
        workspace: the upper level's workspace.
        unit_code: the unit's credit code.
        year: the fiscal year.
        path: the indicator's readable path (``项目/…/指标/…`` or ``单位整体/指标/…``).
        score: the upper level's score, between 0 and the indicator's points, two decimals at most.
        reason: why (required; kept with both scores).

    Raises:
        InputError: no reason, a score that is not a number or out of range, an unregistered unit,
            no self-evaluation received, a path that names no indicator of the unit's data, or an
            indicator the unit marked not applicable.
    """
    if not reason.strip():
        raise InputError("请写明复评理由（--reason）", WHERE)
    try:
        value = parse_decimal(score)
    except ValueError as error:
        raise InputError(f"复评得分“{score}”不是数字", WHERE) from error
    with workspace.reading() as uow:
        registered = uow.register.subordinate(unit_code) is not None
        current = uow.register.current(unit_code, year, SELF_EVALUATION)
        earlier = uow.review.rescores(unit_code, year, current.sha256) if current else []
    if not registered:
        raise InputError(f"单位 {unit_code} 未登记", WHERE)
    data = received_year(workspace, unit_code, year, SELF_EVALUATION)
    if current is None or data is None:
        raise InputError(f"尚未接收 {unit_code} {year}年度的绩效自评数据包，无法复评", WHERE)
    ref = resolve(data, path)
    if ref is None or ref.kind is not ItemKind.INDICATOR:
        what = "不在该单位报送的数据中" if ref is None else "不是一个绩效指标"
        raise InputError(f"“{path}”{what}（用 unionperf review 查看各指标的路径）", WHERE)
    scores = score_year(data)
    owner_score = (
        scores.unit
        if ref.owner == UNIT_OWNER
        else next(item.score for item in scores.projects if item.project.uid == ref.owner)
    )
    if owner_score is None:
        raise InputError("该单位未开展单位整体绩效评价，单位整体的指标无得分可复评", WHERE)
    item = next(item for item in owner_score.indicators if item.indicator.uid == ref.item)
    problem = rescore_error(item, value)
    if problem:
        raise InputError(problem, WHERE)
    upper = {(held.owner_uid, held.indicator_uid): held.upper_score for held in earlier}
    upper[(ref.owner, ref.item)] = value
    owner_upper = _with(owner_score, upper, ref.owner)
    unit_upper = _with(scores.unit, upper, UNIT_OWNER) if scores.unit is not None else None
    record = RescoreRecord(
        unit_code,
        year,
        current.sha256,
        ref.owner,
        ref.item,
        ref.path,
        item.score,
        value,
        reason.strip(),
        now(),
    )
    totals = [_total(record, ref.owner, owner_score, owner_upper)]
    if scores.unit is not None and unit_upper is not None and ref.owner != UNIT_OWNER:
        totals.append(_total(record, UNIT_OWNER, scores.unit, unit_upper))
    with workspace.unit_of_work() as uow:
        uow.review.add_rescore(record, totals)
    return Rescored(
        ref.path,
        item.score,
        value,
        owner_score.total,
        owner_upper.total,
        owner_upper.grade,
        scores.unit.total if scores.unit is not None else None,
        unit_upper.total if unit_upper is not None else None,
        unit_upper.grade if unit_upper is not None else None,
    )


def rescores(workspace: Workspace, unit_code: str, year: int) -> list[RescoreRecord]:
    """Every re-score of a unit's year, oldest first (of earlier packages too)."""
    with workspace.reading() as uow:
        return uow.review.rescores(unit_code, year)


def upper_scores(workspace: Workspace, year: int) -> dict[str, Decimal]:
    """The upper level's total of each re-scored unit as a whole, by unit code (for 汇总).

    Only units whose current self-evaluation package was re-scored are listed; the total is the
    unit's 单位整体 score with the upper level's indicator scores in place of the unit's (equal to
    the unit's own when only project indicators were re-scored).
    """
    with workspace.reading() as uow:
        return uow.review.unit_totals(year)


def _with(score: TargetScore, upper: dict[tuple[str, str], Decimal], owner: str) -> TargetScore:
    return with_upper_scores(
        score, {item: value for (held, item), value in upper.items() if held == owner}
    )


def _total(record: RescoreRecord, owner: str, own: TargetScore, upper: TargetScore) -> OwnerTotal:
    return OwnerTotal(
        record.unit_code,
        record.year,
        owner,
        record.package_sha256,
        own.total,
        upper.total,
        upper.grade.value,
    )
