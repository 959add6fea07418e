"""Builders of problem locations with readable labels."""

from __future__ import annotations

from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.indicators import Indicator
from unionperf.domain.problems import Location, Section
from unionperf.domain.year import YearData

FIELD_LABELS = {
    "name": "名称",
    "credit_code": "统一社会信用代码",
    "responsible": "项目负责人",
    "annual_goal": "年度总体目标",
    "target": "指标值",
    "unit": "计量单位",
    "points": "分值",
    "level2": "一级/二级指标",
    "operator": "指标性质",
    "actual": "实际完成值",
    "score": "得分",
    "na_reason": "不适用理由",
    "deduction": "调减分值",
    "deduction_reason": "调减理由",
    "deviation": "偏差原因分析",
    "improvement": "改进措施",
    "execution_analysis": "资金执行偏差原因分析",
    "executed": "执行数",
    "reasons": "偏差原因",
    "likelihood": "完成目标可能性",
    "measure": "纠偏措施",
    "lag_reason": "原因说明",
    "end": "项目期",
    "midterm_budget": "中期资金总额",
    "clear_out": "清理退出",
    "clear_out_reason": "清理退出原因",
    "funding": "资金来源",
    "initial": "年初预算数",
    "adjusted": "全年预算数",
    "weights": "自评分值",
    "indicators": "三级指标",
}


def owner_label(data: YearData, owner_uid: str) -> str:
    """项目“名称” or 单位整体."""
    if owner_uid == UNIT_OWNER:
        return "单位整体"
    project = data.project(owner_uid)
    return f"项目“{project.name or project.code}”" if project else f"项目{owner_uid}"


def at_owner(
    data: YearData,
    section: Section,
    owner_uid: str,
    field: str = "",
    *,
    item_uid: str = "",
    item_label: str = "",
) -> Location:
    """A location on a project or on the unit-wide record.

    ``item_uid`` names a row inside the record (a funding source, a level-1 category), so that
    problems on different rows keep different keys; ``item_label`` is its readable name.
    """
    parts = [owner_label(data, owner_uid)]
    if item_label:
        parts.append(item_label)
    if field:
        parts.append(FIELD_LABELS.get(field, field))
    return Location(section, owner_uid, item_uid, field, " › ".join(parts))


def at_indicator(
    data: YearData, section: Section, owner_uid: str, indicator: Indicator, field: str = ""
) -> Location:
    """A location on one indicator of a project or of the unit."""
    parts = [owner_label(data, owner_uid), f"指标“{indicator.name or '（未命名）'}”"]
    if field:
        parts.append(FIELD_LABELS.get(field, field))
    return Location(section, owner_uid, indicator.uid, field, " › ".join(parts))


def at_point(
    data: YearData, owner_uid: str, point_uid: str, field: str, indicator: Indicator | None = None
) -> Location:
    """A location on a monitoring entry (item is ``point`` or ``point/indicator``)."""
    parts = [owner_label(data, owner_uid)]
    item = point_uid
    if indicator is not None:
        parts.append(f"指标“{indicator.name}”")
        item = f"{point_uid}/{indicator.uid}"
    parts.append(FIELD_LABELS.get(field, field))
    return Location(Section.MONITORING, owner_uid, item, field, " › ".join(parts))


def at_section(section: Section, item_uid: str, field: str, label: str) -> Location:
    """A location outside projects (unit profile, settings, budget lines, sign-offs)."""
    return Location(section, "", item_uid, field, label)
