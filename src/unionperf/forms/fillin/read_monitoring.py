"""Read the 监控 and 资金监控 sheets: indicator progress and funds at each monitoring point."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from unionperf.domain.indicators import Indicator, Operator
from unionperf.domain.money import ZERO
from unionperf.domain.monitoring import (
    DeviationReason,
    IndicatorProgress,
    MonitoringEntry,
    MonitoringPoint,
)
from unionperf.domain.year import YearData
from unionperf.forms.fillin import layout, values
from unionperf.forms.fillin.read_targets import Owners, TargetsRead
from unionperf.forms.fillin.sheet import Grid, Row, same

Key = tuple[str, str]
"""(point uid, owner uid) of a monitoring entry."""


class _Points:
    """Monitoring points by cut-off date; a settings cut-off not yet held becomes a new point."""

    def __init__(self, current: YearData) -> None:
        self.held = {point.cutoff: point for point in current.points}
        self.allowed = set(current.settings.cutoff_dates(current.year))
        self.added: dict[date, MonitoringPoint] = {}

    def cutoff(self, row: Row) -> date | None:
        """The row's cut-off, checked against the year's points and settings."""
        if not row.has(layout.M_POINT):
            row.problem(layout.M_POINT, "请填写监控时点（如 2024-06-30）")
            return None
        day = row.day(layout.M_POINT)
        if day is None:
            return None
        if day in self.held or day in self.allowed:
            return day
        known = "、".join(item.isoformat() for item in sorted(set(self.held) | self.allowed))
        row.problem(layout.M_POINT, f"“{day.isoformat()}”不是本年度的监控时点，应为：{known}")
        return None

    def uid(self, cutoff: date, *, create: bool) -> str | None:
        """The point's uid; a new point is made only when ``create`` (a row has content)."""
        if cutoff in self.held:
            return self.held[cutoff].uid
        if not create:
            return None
        if cutoff not in self.added:
            label = f"1–{cutoff.month}月"
            self.added[cutoff] = MonitoringPoint(uuid.uuid4().hex, cutoff, label)
        return self.added[cutoff].uid

    def all(self, current: YearData) -> tuple[MonitoringPoint, ...]:
        """The year's points with the new ones, by cut-off."""
        return tuple(sorted([*current.points, *self.added.values()], key=lambda p: p.cutoff))


@dataclass(frozen=True, slots=True)
class _Funds:
    executed: Decimal | None
    forecast: Decimal | None
    lag_reason: str
    measure: str


def read_monitoring(
    grid: Grid, funds: Grid, current: YearData, targets: TargetsRead, owners: Owners
) -> tuple[tuple[MonitoringPoint, ...], tuple[MonitoringEntry, ...]]:
    """The points and entries with the workbook's progress and funds applied.

    Rows left out of the sheets keep their records; progress of deleted indicators goes with them.
    """
    points = _Points(current)
    index = {(entry.point_uid, entry.owner_uid): entry for entry in current.monitoring}
    progress = _read_progress(grid, current, targets, points, index)
    amounts = _read_funds(funds, owners, points, index)
    entries: list[MonitoringEntry] = []
    held: list[Key] = [(entry.point_uid, entry.owner_uid) for entry in current.monitoring]
    for key in dict.fromkeys([*held, *progress, *amounts]):
        old = index.get(key)
        base = old or MonitoringEntry(point_uid=key[0], owner_uid=key[1])
        found = amounts.get(key)
        if found is not None:
            base = replace(
                base,
                executed=found.executed,
                forecast=found.forecast,
                lag_reason=found.lag_reason,
                measure=found.measure,
            )
        read = progress.get(key, {})
        kept = [
            read.pop(item.indicator_uid, item)
            for item in base.progress
            if item.indicator_uid not in targets.deleted
        ]
        entry = replace(base, progress=(*kept, *read.values()))
        entries.append(old if old is not None and entry == old else entry)
    return points.all(current), tuple(entries)


def _read_progress(
    grid: Grid,
    current: YearData,
    targets: TargetsRead,
    points: _Points,
    index: dict[Key, MonitoringEntry],
) -> dict[Key, dict[str, IndicatorProgress]]:
    found: dict[Key, dict[str, IndicatorProgress]] = {}
    seen: dict[tuple[date, str], int] = {}
    for row in grid.data_rows((layout.I_UID, *layout.MONITORING_INPUTS)):
        if row.untouched():
            continue
        filled = row.has(*layout.MONITORING_INPUTS)
        target = _target(row, current, targets, filled=filled)
        if target is None:
            continue
        uid, owner, indicator = target
        cutoff = points.cutoff(row)
        if cutoff is None:
            continue
        if (cutoff, uid) in seen:
            row.problem(layout.M_POINT, f"与第{seen[cutoff, uid]}行重复（同一时点、同一指标）")
            continue
        seen[cutoff, uid] = row.line
        point_uid = points.uid(cutoff, create=False)
        entry = index.get((point_uid, owner)) if point_uid else None
        old = entry.for_indicator(uid) if entry else None
        if old is None and not filled:
            continue
        point_uid = point_uid or points.uid(cutoff, create=True)
        if point_uid is None:
            continue
        new = _progress(row, indicator, old)
        if new is None or new == old:
            continue
        before = targets.before.get(uid, indicator)
        exported = values.progress_row(cutoff, owner, "", before, old)
        if not row.conflicts(exported, layout.M_ACTUAL):
            found.setdefault((point_uid, owner), {})[uid] = new
    return found


def _target(
    row: Row, current: YearData, targets: TargetsRead, *, filled: bool
) -> tuple[str, str, Indicator] | None:
    """The indicator uid, owner and indicator of a 监控 row, or ``None`` to skip it."""
    uid = row.text(layout.I_UID).strip()
    indicator = targets.indicator(uid) if uid else None
    if not uid and filled:
        message = "监控行缺少指标编号：新增指标的监控数据请在导入后重新导出填报表再填写"
        row.problem(layout.I_UID, message)
    # The progress of an indicator deleted in 指标 goes with it; its rows are ignored.
    elif uid and indicator is None and uid not in targets.deleted:
        row.problem(layout.I_UID, f"指标编号“{uid}”在本工作区{current.year}年度中不存在")
    if indicator is None:
        return None
    owner = targets.owner_of[uid]
    stated = row.text(layout.I_OWNER).strip()
    if stated and stated != owner:
        row.problem(layout.I_OWNER, "归属与“指标”表不一致：请勿修改隐藏的归属列")
        return None
    return uid, owner, indicator


def _progress(
    row: Row, indicator: Indicator, old: IndicatorProgress | None
) -> IndicatorProgress | None:
    base = old or IndicatorProgress(indicator.uid)
    if indicator.operator is Operator.QUALITATIVE:
        actual, tier, actual_text = base.actual, base.tier, base.actual_text
        shown = row.text(layout.M_ACTUAL)
        if old is None or shown != (values.progress_actual(indicator, old) or ""):
            tier = row.choice(layout.M_ACTUAL, layout.TIER_BY_LABEL, "定性评级")
            actual_text = shown.strip() if tier else ""
        forecast, forecast_text = base.forecast, row.text(layout.M_FORECAST)
    else:
        actual = same(base.actual, row.number(layout.M_ACTUAL))
        forecast = same(base.forecast, row.number(layout.M_FORECAST))
        tier, actual_text, forecast_text = base.tier, base.actual_text, base.forecast_text
        for title, value in ((layout.M_ACTUAL, actual), (layout.M_FORECAST, forecast)):
            if value is not None and value < 0:
                row.problem(title, "不能为负数")
    reasons = _reasons(row, old)
    if reasons is None:
        return None
    new = replace(
        base,
        actual=actual,
        tier=tier,
        actual_text=actual_text,
        forecast=forecast,
        forecast_text=forecast_text,
        reasons=reasons,
        likelihood=row.choice(layout.M_LIKELIHOOD, layout.LIKELIHOOD_BY_LABEL, "完成可能性"),
        measure=row.text(layout.M_MEASURE),
    )
    return old if new == old else new


def _reasons(row: Row, old: IndicatorProgress | None) -> tuple[DeviationReason, ...] | None:
    """The reasons of a row: unchanged cells keep them exactly; several categories split."""
    labels, text = row.text(layout.M_REASON), row.text(layout.M_REASON_TEXT)
    if old is not None and (labels, text) == values.reason_cells(old):
        return old.reasons
    names = [labels.strip()]
    for separator in layout.LIST_SEPARATORS:
        names = [part.strip() for name in names for part in name.split(separator)]
    names = [name for name in names if name]
    if not names:
        if text.strip():
            row.problem(layout.M_REASON, "填写了偏差原因说明，请选择偏差原因类别")
            return None
        return ()
    categories = []
    for name in names:
        if name not in layout.REASON_BY_LABEL:
            allowed = "、".join(layout.REASON_BY_LABEL)
            row.problem(layout.M_REASON, f"未知的偏差原因类别“{name}”，应为：{allowed}")
            return None
        categories.append(layout.REASON_BY_LABEL[name])
    lines = text.split("\n")
    texts = lines if len(categories) > 1 and len(lines) == len(categories) else [text]
    texts += [""] * (len(categories) - len(texts))
    return tuple(DeviationReason(cat, item) for cat, item in zip(categories, texts, strict=True))


def _read_funds(
    grid: Grid, owners: Owners, points: _Points, index: dict[Key, MonitoringEntry]
) -> dict[Key, _Funds]:
    found: dict[Key, _Funds] = {}
    seen: dict[tuple[date, str], int] = {}
    for row in grid.data_rows((layout.I_OWNER, *layout.FUNDS_INPUTS)):
        if row.untouched():
            continue
        filled = row.has(*layout.FUNDS_INPUTS)
        owner = owners.resolve(row)
        if owner is None:
            continue
        cutoff = points.cutoff(row)
        if cutoff is None:
            continue
        if (cutoff, owner) in seen:
            row.problem(layout.M_POINT, f"与第{seen[cutoff, owner]}行重复（同一时点、同一项目）")
            continue
        seen[cutoff, owner] = row.line
        point_uid = points.uid(cutoff, create=False)
        old = index.get((point_uid, owner)) if point_uid else None
        if old is None and not filled:
            continue
        point_uid = point_uid or points.uid(cutoff, create=True)
        if point_uid is None:
            continue
        executed, forecast = row.money(layout.F_EXECUTED), row.money(layout.F_FORECAST)
        funds = _Funds(executed, forecast, row.text(layout.F_REASON), row.text(layout.M_MEASURE))
        if old is not None:
            held = _Funds(old.executed, old.forecast, old.lag_reason, old.measure)
            if funds == held:
                continue
        exported = values.funds_row(cutoff, owner, "", ZERO, old)
        if not row.conflicts(exported, layout.F_EXECUTED):
            found[point_uid, owner] = funds
    return found
