"""审核: a read-only view of a unit's received data for a stage, item by item.

Each item — the stage as a whole, a budget line, the unit as a whole, a project, an indicator —
carries its readable path (:mod:`unionperf.domain.item_paths`), by which the upper level names it
in its opinions and re-scores, and the values of the stage: targets; monitoring with traffic
lights; the self-evaluation with scores, how each came about and the upper level's own scores
where it re-scored.

An item's path, name, light and scores are worked out with the review (what a tree or table of
4,000 items shows at once); its labelled values when first asked for (what a detail pane shows
for the item selected), so a review of the largest unit opens fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.feedback import Opinion
from unionperf.domain.indicators import Indicator
from unionperf.domain.item_paths import ASSESSMENT, ItemKind, ItemRef, item_refs
from unionperf.domain.monitoring import Light, MonitoringPoint, traffic_light
from unionperf.domain.rescoring import with_upper_scores
from unionperf.domain.results import YearScore, score_year
from unionperf.domain.scoring import IndicatorScore, TargetScore
from unionperf.domain.year import Stage, StageKind, YearData, stage_label
from unionperf.services.common.errors import InputError
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper import review_values as rv
from unionperf.services.upper.intake import received_year
from unionperf.services.upper.review_assessment import assessment_summary, assessment_values
from unionperf.services.upper.review_multi_year import (
    clear_out_values,
    cleared_names,
    multi_year_values,
)
from unionperf.services.upper.review_values import ReviewValue, Values, add
from unionperf.store.review_records import DecisionRecord, RescoreRecord

__all__ = ["Review", "ReviewItem", "ReviewValue", "review", "review_of_data"]

WHERE = "审核"


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One item of the unit's stage with its readable path and values."""

    path: str
    kind: ItemKind
    owner: str
    """``""`` (the stage), ``budget``, ``unit`` or a project uid."""
    item: str
    """An indicator uid or budget category code; ``""`` for an owner as a whole."""
    name: str
    """The item's own name (project, indicator, budget category), or the stage's label."""
    light: Light | None = None
    """Monitoring: the item's warning colour."""
    score: Decimal | None = None
    """Self-evaluation: the unit's score (an indicator) or total (an owner)."""
    upper_score: Decimal | None = None
    """Self-evaluation: the upper level's score or total where it re-scored."""
    values_of: Callable[[], tuple[ReviewValue, ...]] = field(
        default=tuple, repr=False, compare=False
    )
    """Works the values out (once; later calls return the same tuple)."""

    @property
    def values(self) -> tuple[ReviewValue, ...]:
        """The item's values for the stage, each with a stable key and a Chinese label."""
        return self.values_of()

    def value(self, key: str) -> str:
        """The text of one value (``""`` when the item has none under that key)."""
        return next((item.text for item in self.values if item.key == key), "")

    def opinion(self, text: str) -> Opinion:
        """An opinion on this item (for ``services.upper.feedback.create_feedback``)."""
        return Opinion(self.owner, self.item, "", self.path, text)


@dataclass(frozen=True, slots=True)
class Review:
    """A unit's received stage, item by item, with the decisions sent on it so far."""

    unit_code: str
    unit_name: str
    year: int
    stage: str
    sequence: int
    received_at: str
    sha256: str
    items: tuple[ReviewItem, ...]
    decisions: tuple[DecisionRecord, ...]
    """The decisions sent on this stage of the unit, oldest first."""
    rescores: tuple[RescoreRecord, ...]
    """The upper level's re-scores of this package, oldest first."""

    @property
    def stage_label(self) -> str:
        """绩效目标, 运行监控（2024-07-31）or 绩效自评."""
        return stage_label(self.stage)

    def item(self, path: str) -> ReviewItem | None:
        """The item with that path, if any."""
        return next((item for item in self.items if item.path == path), None)


def review(workspace: Workspace, unit_code: str, year: int, stage: str) -> Review:
    """The read-only review of a unit's current package of a stage.

    Args:
        workspace: the upper level's workspace.
        unit_code: the unit's credit code.
        year: the fiscal year.
        stage: ``targets``, ``monitoring-YYYY-MM-DD`` or ``self-evaluation``.

    Raises:
        InputError: a bad stage, an unregistered unit, or no package of the stage received.
        ServiceError: the stored data cannot be read back.
    """
    parsed = _stage(stage)
    with workspace.reading() as uow:
        subordinate = uow.register.subordinate(unit_code)
        current = uow.register.current(unit_code, year, parsed.name)
        decisions = [
            item for item in uow.review.decisions(unit_code, year) if item.stage == parsed.name
        ]
        rescores = uow.review.rescores(unit_code, year, current.sha256) if current else []
    if subordinate is None:
        raise InputError(f"单位 {unit_code} 未登记", WHERE)
    if current is None:
        raise InputError(
            f"尚未接收 {subordinate.name}（{unit_code}）{year}年度 {stage} 的数据包", WHERE
        )
    data = received_year(workspace, unit_code, year, parsed.name)
    if data is None:  # received meanwhile by nobody else: the row exists, so does its data
        raise InputError(f"尚未接收 {unit_code} {year} {stage} 的数据包", WHERE)
    items = review_of_data(data, parsed, _newest(rescores))
    return Review(
        unit_code,
        subordinate.name,
        year,
        parsed.name,
        current.sequence,
        current.received_at,
        current.sha256,
        items,
        tuple(decisions),
        tuple(rescores),
    )


def review_of_data(
    data: YearData,
    stage: Stage,
    upper: dict[tuple[str, str], tuple[Decimal, str]] | None = None,
) -> tuple[ReviewItem, ...]:
    """Every item of a unit's year for a stage, with its values.

    Args:
        data: the year's data the unit sent for the stage.
        stage: the stage.
        upper: the upper level's score and reason by (owner uid, indicator uid).

    Returns:
        The items in reading order (see :func:`unionperf.domain.item_paths.item_refs`).
    """
    builder = _Builder(data, stage, upper or {})
    return tuple(builder.item(ref) for ref in item_refs(data))


def _stage(stage: str) -> Stage:
    try:
        return Stage.parse(stage)
    except ValueError as error:
        raise InputError(str(error), WHERE) from error


def _newest(rescores: list[RescoreRecord]) -> dict[tuple[str, str], tuple[Decimal, str]]:
    return {
        (item.owner_uid, item.indicator_uid): (item.upper_score, item.reason) for item in rescores
    }


class _Builder:
    """Works out each item for one stage; the year is scored once, values when asked for."""

    def __init__(
        self, data: YearData, stage: Stage, upper: dict[tuple[str, str], tuple[Decimal, str]]
    ) -> None:
        self.data = data
        self.stage = stage
        self.upper = upper
        self.scores: YearScore | None = (
            score_year(data) if stage.kind is StageKind.SELF_EVALUATION else None
        )
        self.point = self._point()
        self.lights: dict[tuple[str, str], Light | None] = {}
        self.owner_scores: dict[str, TargetScore] = {}
        self.indicator_scores: dict[tuple[str, str], IndicatorScore] = {}
        self.exempt: set[str] = set()
        self.made: dict[str, tuple[ReviewValue, ...]] = {}
        self.indicators = {
            (owner, item.uid): item
            for owner, targets in (
                (UNIT_OWNER, data.unit_targets),
                *((project.uid, project.targets) for project in data.projects),
            )
            for item in targets.indicators
        }
        if self.scores is not None:
            owned = [(item.project.uid, item.score) for item in self.scores.projects]
            if self.scores.unit is not None:
                owned.append((UNIT_OWNER, self.scores.unit))
            self.exempt = {item.project.uid for item in self.scores.projects if item.exempt}
            for owner, score in owned:
                self.owner_scores[owner] = score
                for item in score.indicators:
                    self.indicator_scores[(owner, item.indicator.uid)] = item

    def _point(self) -> MonitoringPoint | None:
        if self.stage.kind is not StageKind.MONITORING:
            return None
        return next((item for item in self.data.points if item.cutoff == self.stage.cutoff), None)

    # -- what every item shows at once ---------------------------------------------------------

    def item(self, ref: ItemRef) -> ReviewItem:
        light: Light | None = None
        score: Decimal | None = None
        upper: Decimal | None = None
        if ref.kind is ItemKind.STAGE:
            name = stage_label(self.stage.name)
            score, upper = self._totals(UNIT_OWNER)
        elif ref.kind is ItemKind.BUDGET_LINE:
            category = self.data.catalogue.by_code(ref.item)
            name = category.name if category else ref.item
        elif ref.kind is ItemKind.ASSESSMENT:
            name = ASSESSMENT
        elif ref.kind is ItemKind.INDICATOR:
            indicator = self._indicator(ref)
            name = indicator.name
            if self.point is not None:
                light = self._indicator_light(ref.owner, indicator)
            scored = self.indicator_scores.get((ref.owner, ref.item))
            if scored is not None:
                held = self.upper.get((ref.owner, ref.item))
                score, upper = scored.score, held[0] if held else None
        else:
            project = self.data.project(ref.owner) if ref.kind is ItemKind.PROJECT else None
            name = project.name if project is not None else "单位整体"
            light = self._owner_light(ref.owner) if self.point is not None else None
            score, upper = self._totals(ref.owner)
        return ReviewItem(
            *_ids(ref),
            name,
            light=light,
            score=score,
            upper_score=upper,
            values_of=lambda: self.values(ref),
        )

    def _indicator(self, ref: ItemRef) -> Indicator:
        return self.indicators[(ref.owner, ref.item)]

    def _indicator_light(self, owner: str, indicator: Indicator) -> Light | None:
        """An indicator's light at the point (worked out once: its owner's light needs it too)."""
        assert self.point is not None
        key = (owner, indicator.uid)
        if key not in self.lights:
            entry = self.data.entry(self.point.uid, owner)
            progress = entry.for_indicator(indicator.uid) if entry else None
            self.lights[key] = (
                None
                if progress is None
                else traffic_light(
                    indicator, rv.rule_of(self.data, indicator), progress, self.point.cutoff
                )
            )
        return self.lights[key]

    def _owner_light(self, owner: str) -> Light | None:
        assert self.point is not None
        targets = self.data.targets_of(owner)
        assert targets is not None  # the ref came from the data
        lights = [self._indicator_light(owner, item) for item in targets.indicators]
        entry = self.data.entry(self.point.uid, owner)
        return rv.owner_light(self.data, self._budget(owner), entry, self.point.cutoff, lights)

    def _budget(self, owner: str) -> Decimal:
        project = self.data.project(owner)
        return project.full_year_budget if project is not None else rv.unit_budget(self.data)

    def _totals(self, owner: str) -> tuple[Decimal | None, Decimal | None]:
        score = self.owner_scores.get(owner)
        if score is None:
            return None, None
        upper = self._upper_total(owner, score)
        return score.total, upper.total if upper else None

    def _upper_total(self, owner: str, score: TargetScore) -> TargetScore | None:
        upper = {item: value[0] for (held, item), value in self.upper.items() if held == owner}
        return with_upper_scores(score, upper) if upper else None

    # -- what an item's detail shows, when asked for --------------------------------------------

    def values(self, ref: ItemRef) -> tuple[ReviewValue, ...]:
        made = self.made.get(ref.path)
        if made is None:
            if ref.kind is ItemKind.STAGE:
                made = self._stage_values()
            elif ref.kind is ItemKind.BUDGET_LINE:
                line = next(line for line in self.data.budget if line.category_code == ref.item)
                made = tuple(rv.budget_values(self.data, line, executed=self.scores is not None))
            elif ref.kind is ItemKind.INDICATOR:
                made = self._indicator_values(ref)
            elif ref.kind is ItemKind.ASSESSMENT:
                project = self.data.project(ref.owner)
                assert project is not None  # the ref came from the data
                made = tuple(assessment_values(self.data, project))
            else:
                made = self._owner_values(ref)
            self.made[ref.path] = made
        return made

    def _stage_values(self) -> tuple[ReviewValue, ...]:
        values: Values = []
        data = self.data
        add(values, "unit_name", "单位名称", data.unit.name)
        add(values, "unit_code", "统一社会信用代码", data.unit.credit_code)
        add(values, "year", "年度", data.year)
        add(values, "stage", "阶段", stage_label(self.stage.name))
        add(values, "budget_lines", "预算科目数", len(data.budget))
        add(values, "projects", "项目数", len(data.projects))
        add(values, "clear_out_projects", "拟清理退出项目", cleared_names(data))
        unit = self.owner_scores.get(UNIT_OWNER)
        if unit is not None:
            upper = self._upper_total(UNIT_OWNER, unit)
            add(values, "total", "单位整体自评得分", f"{unit.total:.2f}")
            add(values, "grade", "单位整体评价等级", unit.grade.value)
            if upper is not None:
                add(values, "upper_total", "上级复评得分", f"{upper.total:.2f}")
                add(values, "upper_grade", "上级复评等级", upper.grade.value)
        return tuple(values)

    def _owner_values(self, ref: ItemRef) -> tuple[ReviewValue, ...]:
        data = self.data
        project = data.project(ref.owner) if ref.kind is ItemKind.PROJECT else None
        targets = data.targets_of(ref.owner)
        assert targets is not None  # the ref came from the data
        if project is not None:
            values = clear_out_values(project) + rv.project_values(project)
            values += assessment_summary(data, project)
            values += multi_year_values(data, project, self.owner_scores.get(ref.owner))
        else:
            values = []
            add(values, "annual_goal", "年度总体目标", targets.annual_goal)
            add(values, "midterm_goal", "中期目标", targets.midterm_goal)
            add(values, "indicators", "绩效指标数", len(targets.indicators))
        if self.point is not None:
            entry = data.entry(self.point.uid, ref.owner)
            light = self._owner_light(ref.owner)
            values += rv.entry_values(
                data, self._budget(ref.owner), entry, self.point.cutoff, light
            )
        owner_score = self.owner_scores.get(ref.owner)
        if owner_score is not None:
            upper = self._upper_total(ref.owner, owner_score)
            values += rv.owner_score_values(
                owner_score,
                data.evaluation_of(ref.owner),
                upper,
                exempt=ref.owner in self.exempt,
            )
        return tuple(values)

    def _indicator_values(self, ref: ItemRef) -> tuple[ReviewValue, ...]:
        indicator = self._indicator(ref)
        values = rv.indicator_values(indicator)
        if self.point is not None:
            entry = self.data.entry(self.point.uid, ref.owner)
            progress = entry.for_indicator(indicator.uid) if entry else None
            light = self._indicator_light(ref.owner, indicator)
            values += rv.progress_values(indicator, progress, light)
        scored = self.indicator_scores.get((ref.owner, ref.item))
        if scored is not None:
            values += rv.indicator_score_values(scored, self.upper.get((ref.owner, ref.item)))
        return tuple(values)


def _ids(ref: ItemRef) -> tuple[str, ItemKind, str, str]:
    return ref.path, ref.kind, ref.owner, ref.item
