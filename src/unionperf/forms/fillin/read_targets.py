"""Read the 指标 sheet: indicators with their targets and year-end results, and the weights."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from unionperf.domain.budget import UNIT_OWNER, Project
from unionperf.domain.evaluation import IndicatorResult
from unionperf.domain.indicators import TIER_LABELS, Indicator, Operator, parse_interval
from unionperf.domain.money import ZERO, format_plain
from unionperf.domain.scoring import in_tier_band, tier_band
from unionperf.domain.year import YearData
from unionperf.forms.fillin import layout, values
from unionperf.forms.fillin.read_budget import Exported
from unionperf.forms.fillin.sheet import Grid, Row, same

_YES_NO = {layout.YES: True, layout.NO: False}


class Owners:
    """Who a row belongs to: its hidden 归属, or for a new row the 项目名称 chosen."""

    def __init__(self, current: YearData, projects: Sequence[Project]) -> None:
        self.current = current
        self.order = [project.uid for project in projects] + [UNIT_OWNER]
        self.by_name = {project.name.strip(): project.uid for project in projects}
        self.by_name[layout.UNIT_LABEL] = UNIT_OWNER
        self.names = {project.uid: project.name for project in projects}
        self.names[UNIT_OWNER] = layout.UNIT_LABEL

    def resolve(self, row: Row) -> str | None:
        """The owner uid of a row, or ``None`` after recording a problem."""
        owner = row.text(layout.I_OWNER).strip()
        if owner:
            if owner in self.names:
                return owner
            row.problem(
                layout.I_OWNER,
                f"归属“{owner}”不是本年度的项目或单位整体：请勿修改隐藏的归属列",
            )
            return None
        name = row.text(layout.I_OWNER_NAME).strip()
        if name in self.by_name:
            return self.by_name[name]
        shown = f"“{name}”" if name else "空"
        row.problem(
            layout.I_OWNER_NAME,
            f"项目名称{shown}不是本年度的项目：新增行请在“项目名称”中选择所属项目或“单位整体”",
        )
        return None


@dataclass
class TargetsRead:
    """The indicators and results as the workbook leaves them."""

    by_owner: dict[str, list[Indicator]] = field(default_factory=dict)
    owner_of: dict[str, str] = field(default_factory=dict)
    results: dict[str, IndicatorResult] = field(default_factory=dict)
    """The results of the edited rows (the others keep theirs)."""
    deleted: set[str] = field(default_factory=set)
    before: dict[str, Indicator] = field(default_factory=dict)
    """The indicators as the workspace holds them now, by uid."""

    def indicators_of(self, owner: str) -> tuple[Indicator, ...]:
        """An owner's indicators: the kept ones in their order, then the new ones."""
        return tuple(self.by_owner.get(owner, ()))

    def indicator(self, uid: str) -> Indicator | None:
        """An indicator as read, if it is still there."""
        owner = self.owner_of.get(uid)
        if owner is None:
            return None
        return next((item for item in self.by_owner[owner] if item.uid == uid), None)

    def results_of(
        self, owner: str, old: tuple[IndicatorResult, ...]
    ) -> tuple[IndicatorResult, ...]:
        """An owner's results: the existing ones in their order, then the new ones."""
        held = {item.indicator_uid for item in old}
        kept = [
            self.results.get(item.indicator_uid, item)
            for item in old
            if item.indicator_uid not in self.deleted
        ]
        added = [
            self.results[item.uid]
            for item in self.by_owner.get(owner, ())
            if item.uid in self.results and item.uid not in held
        ]
        return tuple(kept + added)

    def owners_with_results(self) -> list[str]:
        """The owners that have at least one result, in order."""
        return [
            owner
            for owner, items in self.by_owner.items()
            if any(item.uid in self.results for item in items)
        ]


def read_targets(grid: Grid, current: YearData, owners: Owners, exported: Exported) -> TargetsRead:
    """Every indicator row; an exported indicator whose row was deleted is deleted."""
    held = _held(current)
    read = TargetsRead(before={uid: indicator for uid, (_owner, indicator) in held.items()})
    edited: dict[str, Indicator] = {}
    added: dict[str, list[Indicator]] = {}
    rows: dict[str, Row] = {}
    for row in grid.data_rows():
        matched = _match(row, current, owners, held, rows)
        if matched is None:
            continue
        owner, old = matched
        if old is not None and row.untouched():
            continue
        old_result = current.evaluation_of(owner).result_for(old.uid) if old else None
        indicator = _indicator(row, current, old)
        result = _result(row, indicator, old_result)
        if old is not None and (indicator != old or result != old_result):
            exported_row = values.indicator_row(owner, "", old, old_result)
            if row.conflicts(exported_row, layout.I_NAME):
                continue
        rows[indicator.uid] = row
        read.owner_of[indicator.uid] = owner
        if old is None:
            added.setdefault(owner, []).append(indicator)
        else:
            edited[old.uid] = indicator
        if result is not None:
            read.results[indicator.uid] = result
    read.deleted = {uid for uid in held if uid in exported.indicators and uid not in rows}
    for owner_uid in owners.order:
        targets = current.targets_of(owner_uid)
        kept = [
            edited.get(item.uid, item)
            for item in (targets.indicators if targets else ())
            if item.uid not in read.deleted
        ]
        for item in kept:
            read.owner_of.setdefault(item.uid, owner_uid)
        read.by_owner[owner_uid] = kept + added.get(owner_uid, [])
    _check_new_names(owners, read, added, rows)
    _check_weights(grid, current, owners, read, rows)
    return read


def _held(current: YearData) -> dict[str, tuple[str, Indicator]]:
    """Every indicator of the year with its owner, by uid."""
    held: dict[str, tuple[str, Indicator]] = {}
    for owner in [*(project.uid for project in current.projects), UNIT_OWNER]:
        targets = current.targets_of(owner)
        for indicator in targets.indicators if targets else ():
            held[indicator.uid] = (owner, indicator)
    return held


def _match(
    row: Row,
    current: YearData,
    owners: Owners,
    held: dict[str, tuple[str, Indicator]],
    rows: dict[str, Row],
) -> tuple[str, Indicator | None] | None:
    """The owner and the current indicator of a row (``None`` for a new one), or ``None``."""
    uid = row.text(layout.I_UID).strip()
    if uid and uid not in held:
        if not row.untouched():  # else: deleted in the application since the export
            row.problem(
                layout.I_UID,
                f"指标编号“{uid}”在本工作区{current.year}年度中不存在："
                "请勿修改隐藏的指标编号列，新增指标请留空",
            )
        return None
    if uid in rows:
        message = f"指标编号与第{rows[uid].line}行重复：复制的行请清空指标编号（隐藏列）"
        row.problem(layout.I_UID, message)
        return None
    if uid:
        rows[uid] = row
    owner = owners.resolve(row)
    old_owner, old = held.get(uid, (owner, None))
    if owner is not None and owner != old_owner:
        message = "指标不能移到另一个项目：请在原项目中删除后在新项目中新增"
        row.problem(layout.I_OWNER_NAME, message)
        owner = None
    return None if owner is None else (owner, old)


def _indicator(row: Row, current: YearData, old: Indicator | None) -> Indicator:
    framework = current.framework
    level1, level2 = row.text(layout.I_LEVEL1).strip(), row.text(layout.I_LEVEL2).strip()
    name = row.text(layout.I_NAME)
    if not name.strip():
        row.problem(layout.I_NAME, "请填写三级指标名称（指标行不能没有指标名称）")
    if not level1:
        row.problem(layout.I_LEVEL1, "请选择一级指标")
    elif framework.level1_named(level1) is None:
        choices = "、".join(item.name for item in framework.level1)
        row.problem(layout.I_LEVEL1, f"未知一级指标“{level1}”，应为：{choices}")
    elif not level2:
        row.problem(layout.I_LEVEL2, "请选择二级指标")
    elif framework.level2_of(level1, level2) is None:
        parent = framework.level1_named(level1)
        choices = "、".join(item.name for item in parent.level2) if parent else ""
        row.problem(layout.I_LEVEL2, f"“{level1}”下没有二级指标“{level2}”，应为：{choices}")
    operator = row.choice(layout.I_OPERATOR, layout.OPERATOR_ALIASES, "指标性质")
    if operator is None and not row.has(layout.I_OPERATOR):
        row.problem(layout.I_OPERATOR, "请选择指标性质（≥ ＞ ＝ ≤ ＜ 区间 或 定性）")
    points = same(old.points if old else None, _not_negative(row, layout.I_POINTS, "分值"))
    if operator is None:  # already reported; read on so that every other cell is checked too
        operator = old.operator if old else Operator.GE
    upper = old.target_upper if old is not None and old.operator is Operator.INTERVAL else None
    if operator is Operator.QUALITATIVE:
        target_text = row.text(layout.I_TARGET)
        keep = old is not None and old.operator is Operator.QUALITATIVE
        target = old.target if old is not None and keep else None
    elif operator is Operator.INTERVAL:
        target, upper = _interval(row, old)
        keep = old is not None and old.operator is not Operator.QUALITATIVE
        target_text = old.target_text if old is not None and keep else ""
    else:
        target = same(old.target if old else None, _not_negative(row, layout.I_TARGET, "指标值"))
        keep = old is not None and old.operator is not Operator.QUALITATIVE
        target_text = old.target_text if old is not None and keep else ""
        upper = None
    base = old or Indicator(uuid.uuid4().hex, level1, level2, name, operator)
    period = row.choice(layout.I_PERIOD, layout.PERIOD_BY_LABEL, "期限") or base.period
    new = replace(
        base,
        period=period,
        level1=level1,
        level2=level2,
        name=name,
        operator=operator,
        target=target,
        target_text=target_text,
        unit=row.text(layout.I_UNIT),
        points=points,
        target_upper=upper,
    )
    return old if new == old else new


def _interval(row: Row, old: Indicator | None) -> tuple[Decimal | None, Decimal | None]:
    """The (lower, upper) bounds of an interval target cell such as ``60～80``."""
    text = row.text(layout.I_TARGET).strip()
    if not text:
        return None, None
    bounds = parse_interval(text)
    if bounds is None:
        row.problem(
            layout.I_TARGET,
            f"区间指标值“{text}”应写成“下限～上限”，如60～80，且下限不大于上限",
        )
        return None, None
    held = old if old is not None and old.operator is Operator.INTERVAL else None
    lower, upper = bounds
    if held is None:
        return lower, upper
    return same(held.target, lower), same(held.target_upper, upper)


def _not_negative(row: Row, title: str, label: str) -> Decimal | None:
    value = row.number(title)
    if value is not None and value < ZERO:
        row.problem(title, f"{label}不能为负数")
        return None
    return value


def _result(row: Row, indicator: Indicator, old: IndicatorResult | None) -> IndicatorResult | None:
    """The year-end result of the row (``None`` when there is none and nothing is filled in)."""
    if old is None and not row.has(*layout.INDICATOR_RESULT_COLUMNS):
        return None
    qualitative = indicator.operator is Operator.QUALITATIVE
    if qualitative:
        actual = old.actual if old else None
        actual_text = row.text(layout.I_ACTUAL)
    else:
        actual = same(
            old.actual if old else None, _not_negative(row, layout.I_ACTUAL, "实际完成值")
        )
        actual_text = old.actual_text if old else ""
    tier = row.choice(layout.I_TIER, layout.TIER_BY_LABEL, "定性评级")
    score = same(old.score if old else None, _not_negative(row, layout.I_SCORE, "定性得分"))
    applicable = row.choice(layout.I_APPLICABLE, _YES_NO, "是否适用")
    if qualitative and tier is not None and score is not None:
        points = indicator.points or ZERO
        if not in_tier_band(tier, points, score):
            low, high, inclusive = tier_band(tier, points)
            row.problem(
                layout.I_SCORE,
                f"评为“{TIER_LABELS[tier]}”时得分应在[{format_plain(low)}, {format_plain(high)}"
                f"{']' if inclusive else ')'}之间（分值{format_plain(points)}），"
                f"现为{format_plain(score)}",
            )
    new = replace(
        old or IndicatorResult(indicator.uid),
        actual=actual,
        actual_text=actual_text,
        tier=tier,
        score=score,
        applicable=True if applicable is None else applicable,
        na_reason=row.text(layout.I_NA_REASON),
        deviation=row.text(layout.I_DEVIATION),
        improvement=row.text(layout.I_IMPROVEMENT),
    )
    return old if new == old else new


def _check_new_names(
    owners: Owners, read: TargetsRead, added: dict[str, list[Indicator]], rows: dict[str, Row]
) -> None:
    """A new indicator may not repeat a name of its owner (as importing a workbook twice would)."""
    for owner, items in added.items():
        names = Counter(item.name.strip() for item in read.by_owner[owner])
        for item in items:
            if names[item.name.strip()] > 1:
                rows[item.uid].problem(
                    layout.I_NAME,
                    f"{_owner_label(owners, owner)}已有指标“{item.name.strip()}”："
                    "同一项目的指标名称不能重复（重复导入同一份填报表时也会这样，请重新导出）",
                )


def _check_weights(
    grid: Grid, current: YearData, owners: Owners, read: TargetsRead, rows: dict[str, Row]
) -> None:
    """Level-1 point sums must equal the weights of the settings (domain.md §5.2).

    Only owners whose points the workbook changed are checked, and only once every indicator of
    the owner has points: a workspace still being filled in imports unchanged.
    """
    for owner in owners.order:
        items = read.by_owner.get(owner, [])
        targets = current.targets_of(owner)
        before = (
            [(item.uid, item.level1, item.points) for item in targets.indicators] if targets else []
        )
        after = [(item.uid, item.level1, item.points) for item in items]
        if not items or before == after or any(item.points is None for item in items):
            continue
        for level1 in current.framework.level1:
            expected = current.settings.weights.get(level1.name, ZERO)
            group = [item for item in items if item.level1 == level1.name]
            total = sum((item.points or ZERO for item in group), ZERO)
            if total == expected:
                continue
            row = rows.get((group or items)[0].uid)
            cell = row.cell(layout.I_POINTS) if row else ""
            grid.problems.add(
                grid.name,
                cell,
                f"{_owner_label(owners, owner)}的{level1.name}分值合计{format_plain(total)}分，"
                f"应为规则设置的{format_plain(expected)}分（各一级指标分值之和须与规则设置一致）",
            )


def _owner_label(owners: Owners, owner: str) -> str:
    if owner == UNIT_OWNER:
        return layout.UNIT_LABEL
    return f"项目“{owners.names.get(owner, owner)}”"
