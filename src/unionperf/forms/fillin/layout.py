"""The fill-in workbook's layout, shared by the writer and the reader: sheets, columns, labels."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from unionperf.domain.budget import ATTRIBUTE_LABELS, FUNDING_LABELS, FundingSource
from unionperf.domain.indicators import TIER_LABELS, Operator, Period
from unionperf.domain.money import format_plain
from unionperf.domain.monitoring import LIKELIHOOD_LABELS, REASON_LABELS
from unionperf.domain.year import YearData
from unionperf.forms.safe import safe_text

FORMAT_MARK = "工会预算绩效管理填报表（第1版）"
"""Written to 说明!B6; a workbook without it (or the earlier mark) is not one of ours."""
EARLIER_MARKS = frozenset({"UnionPerf 填报表 v1"})
"""The marks of workbooks exported by earlier versions, of the same layout: still read."""

GUIDE = "说明"
BUDGET = "预算"
PROJECTS = "项目"
INDICATORS = "指标"
MONITORING = "监控"
FUNDS = "资金监控"
LISTS = "选项"
DATA_SHEETS = (GUIDE, BUDGET, PROJECTS, INDICATORS, MONITORING, FUNDS)
REQUIRED_SHEETS = (*DATA_SHEETS, LISTS)
"""Every sheet a workbook must have; any other sheet is refused."""

# 说明: fixed cells the import checks.
UNIT_NAME_CELL = "B3"
CREDIT_CODE_CELL = "B4"
YEAR_CELL = "B5"
MARK_CELL = "B6"

# 预算: fixed cells above the table, each labelled in column A.
OPENING_LABEL = "上年结余（元）"
OPENING_CELL = "B1"
UNIT_GOAL_LABEL = "单位整体年度总体目标"
UNIT_GOAL_CELL = "B2"
UNIT_MIDTERM_LABEL = "单位整体中期目标"
UNIT_MIDTERM_LABEL_CELL = "A3"
UNIT_MIDTERM_CELL = "B3"
"""The unit-wide 中期目标, added later in the row earlier workbooks left blank: a workbook whose
A3 and B3 are both blank is one of those and leaves the goal as the workspace holds it."""
BUDGET_HEADER_ROW = 4

UNIT_LABEL = "单位整体"
"""What the 项目名称 column shows (and accepts) for the unit-wide targets."""
UNIT_KEY = "unit"

# -- column headers -------------------------------------------------------------------------------

B_CODE, B_NAME = "科目代码", "科目名称"
B_LAST, B_BUDGET, B_ADJUST, B_EXECUTED = "上年决算数", "本年预算数", "调整数", "全年执行数"
CHECK = "校验"
"""A hidden last column: the fingerprint of the row's input cells as exported (see fingerprint)."""

BUDGET_INPUTS = (B_LAST, B_BUDGET, B_ADJUST, B_EXECUTED)
BUDGET_COLUMNS = (B_CODE, B_NAME, *BUDGET_INPUTS, CHECK)

P_UID, P_CODE, P_NAME, P_CATEGORY = "项目编号", "项目代码", "项目名称", "支出科目"
P_ATTRIBUTE, P_START, P_END = "项目属性", "开始日期", "结束日期"
P_RESPONSIBLE, P_PHONE, P_GOAL = "项目负责人", "电话", "年度总体目标"
P_CLEAR_OUT, P_CLEAR_OUT_REASON = "提出清理退出", "清理退出原因"
"""清理退出 of a multi-year project (是/否, blank: 否) and its reason, as the window offers them."""
P_MIDTERM_BUDGET, P_MIDTERM_GOAL = "中期资金总额", "中期目标"
"""A multi-year project's 中期资金总额 (元; blank: none declared) and 中期目标 (whole period)."""
FUNDING_PARTS = ("年初预算数", "全年预算数", "全年执行数")


def funding_header(source: FundingSource, part: str) -> str:
    """The header of one funding column, e.g. ``本级工会经费·年初预算数``."""
    return f"{FUNDING_LABELS[source]}·{part}"


PROJECT_COLUMNS = (
    P_UID,
    P_CODE,
    P_NAME,
    P_CATEGORY,
    P_ATTRIBUTE,
    P_START,
    P_END,
    P_RESPONSIBLE,
    P_PHONE,
    P_GOAL,
    *(funding_header(source, part) for source in FundingSource for part in FUNDING_PARTS),
    P_CLEAR_OUT,
    P_CLEAR_OUT_REASON,
    P_MIDTERM_BUDGET,
    P_MIDTERM_GOAL,
    CHECK,
)
PROJECT_INPUTS = tuple(title for title in PROJECT_COLUMNS if title not in (P_UID, CHECK))
MONEY_COLUMNS = frozenset(
    {*BUDGET_INPUTS, *(title for title in PROJECT_INPUTS if "·" in title), P_MIDTERM_BUDGET}
)

I_OWNER, I_OWNER_NAME, I_UID = "归属", "项目名称", "指标编号"
I_LEVEL1, I_LEVEL2, I_NAME = "一级指标", "二级指标", "三级指标"
I_OPERATOR, I_TARGET, I_UNIT, I_POINTS = "指标性质", "指标值", "计量单位", "分值"
I_ACTUAL, I_TIER, I_SCORE = "实际完成值", "定性评级", "定性得分"
I_APPLICABLE, I_NA_REASON = "是否适用", "不适用理由"
I_PERIOD = "期限"
"""年度 or 中期, the targets step's 期限 column (a multi-year project's 中期 indicators); added
after the first workbooks, so it comes last, like the 项目 sheet's 清理退出 columns: the cells of
earlier workbooks keep their letters."""
I_DEVIATION, I_IMPROVEMENT = "偏差原因分析", "改进措施"
INDICATOR_COLUMNS = (
    I_OWNER,
    I_UID,
    I_OWNER_NAME,
    I_LEVEL1,
    I_LEVEL2,
    I_NAME,
    I_OPERATOR,
    I_TARGET,
    I_UNIT,
    I_POINTS,
    I_ACTUAL,
    I_TIER,
    I_SCORE,
    I_APPLICABLE,
    I_NA_REASON,
    I_DEVIATION,
    I_IMPROVEMENT,
    I_PERIOD,
    CHECK,
)
INDICATOR_INPUTS = INDICATOR_COLUMNS[3:-1]
INDICATOR_RESULT_COLUMNS = (
    I_ACTUAL,
    I_TIER,
    I_SCORE,
    I_APPLICABLE,
    I_NA_REASON,
    I_DEVIATION,
    I_IMPROVEMENT,
)

M_POINT, M_TARGET = "监控时点", "年度指标值"
M_ACTUAL, M_FORECAST = "执行情况", "全年预计"
M_REASON, M_REASON_TEXT = "偏差原因类别", "偏差原因说明"
M_LIKELIHOOD, M_MEASURE = "完成可能性", "纠偏措施"
MONITORING_COLUMNS = (
    M_POINT,
    I_OWNER,
    I_UID,
    I_OWNER_NAME,
    I_NAME,
    M_TARGET,
    M_ACTUAL,
    M_FORECAST,
    M_REASON,
    M_REASON_TEXT,
    M_LIKELIHOOD,
    M_MEASURE,
    CHECK,
)
MONITORING_INPUTS = (M_ACTUAL, M_FORECAST, M_REASON, M_REASON_TEXT, M_LIKELIHOOD, M_MEASURE)

F_BUDGET, F_EXECUTED, F_FORECAST = "全年预算数", "累计执行数", "全年预计执行数"
F_REASON = "原因说明"
FUNDS_COLUMNS = (
    M_POINT,
    I_OWNER,
    I_OWNER_NAME,
    F_BUDGET,
    F_EXECUTED,
    F_FORECAST,
    F_REASON,
    M_MEASURE,
    CHECK,
)
FUNDS_INPUTS = (F_EXECUTED, F_FORECAST, F_REASON, M_MEASURE)
MONEY_COLUMNS |= {F_BUDGET, F_EXECUTED, F_FORECAST}

FINGERPRINTED = {
    BUDGET: (B_CODE, *BUDGET_INPUTS),
    PROJECTS: (P_UID, *PROJECT_INPUTS),
    INDICATORS: (I_OWNER, I_UID, *INDICATOR_INPUTS),
    MONITORING: (M_POINT, I_OWNER, I_UID, *MONITORING_INPUTS),
    FUNDS: (M_POINT, I_OWNER, *FUNDS_INPUTS),
}
"""The cells a row's fingerprint covers: its identifiers and the cells the user edits."""

LATER_COLUMNS = {
    PROJECTS: (P_CLEAR_OUT, P_CLEAR_OUT_REASON, P_MIDTERM_BUDGET, P_MIDTERM_GOAL),
    INDICATORS: (I_PERIOD,),
}
"""Columns added after the first workbooks went out. A workbook without them is still read: its
records keep those fields as they are, and its rows' fingerprints (taken by a writer that did not
have them) are compared without them."""


def later_missing(sheet: str, present: Iterable[str]) -> frozenset[str]:
    """The later columns of ``sheet`` that a header of ``present`` titles lacks."""
    held = set(present)
    return frozenset(title for title in LATER_COLUMNS.get(sheet, ()) if title not in held)


# 选项 (hidden): what the workbook was exported with.
EXPORTED_PROJECTS = "导出的项目编号"
EXPORTED_INDICATORS = "导出的指标编号"
EXPORTED_HEAD = "预算表头校验"
"""The fingerprint of 上年结余 and the unit-wide goal as exported."""
EXPORTED_COLUMNS = (EXPORTED_PROJECTS, EXPORTED_INDICATORS, EXPORTED_HEAD)

HIDDEN_COLUMNS = frozenset({P_UID, I_OWNER, I_UID, CHECK})
"""Identifiers that match rows back to records: hidden, never to be edited."""
INFO_COLUMNS = {
    BUDGET: frozenset({B_NAME}),
    INDICATORS: frozenset(),
    MONITORING: frozenset({I_OWNER_NAME, I_NAME, M_TARGET}),
    FUNDS: frozenset({I_OWNER_NAME, F_BUDGET}),
}
"""Columns shown for orientation only; the import ignores them (grey headers)."""

# -- labels ---------------------------------------------------------------------------------------

OPERATOR_ALIASES: dict[str, Operator] = {
    **{operator.symbol: operator for operator in Operator},
    **{operator.value: operator for operator in Operator if operator is not Operator.QUALITATIVE},
    "≧": Operator.GE,
    "≦": Operator.LE,
    ">": Operator.GT,
    "<": Operator.LT,
    "=": Operator.EQ,
    "＞＝": Operator.GE,
    "＜＝": Operator.LE,
}
"""What the 指标性质 column accepts: the printed signs and their half-width spellings."""

YES, NO = "是", "否"
PERIOD_LABELS = {Period.ANNUAL: "年度", Period.MIDTERM: "中期"}
PERIOD_BY_LABEL = {label: period for period, label in PERIOD_LABELS.items()}
TIER_BY_LABEL = {label: tier for tier, label in TIER_LABELS.items()}
REASON_BY_LABEL = {label: reason for reason, label in REASON_LABELS.items()}
LIKELIHOOD_BY_LABEL = {label: item for item, label in LIKELIHOOD_LABELS.items()}
ATTRIBUTE_BY_LABEL = {label: item for item, label in ATTRIBUTE_LABELS.items()}
LIST_SEPARATORS = ("、", "，", ",", "；", ";", "/")


def cell_text(value: Any) -> str:
    """A cell's value as text: numbers typed into a text column (a phone number) become text.

    Exported and read-back values give the same text: ``Decimal("126.30")`` and the float
    ``126.3`` both give ``126.3``; a date and a midnight datetime give ``2024-03-31``; text is
    as :func:`unionperf.forms.safe.safe_text` stores it (line ends as LF).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        value = value.date()
    if isinstance(value, float) and math.isfinite(value):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        return format_plain(value)
    return value.isoformat() if isinstance(value, date) else str(value)


def fingerprint(values: Iterable[Any]) -> str:
    """A short hash of a row's input cells, equal for the exported and the read-back values.

    The workbook keeps each row's fingerprint as exported: a row whose cells still match it was
    not edited and leaves its record alone, even if the workspace changed since the export.
    """
    texts = (cell_text(value) for value in values)
    return hashlib.sha256("\x1f".join(texts).encode()).hexdigest()[:16]


def category_label(code: str, name: str) -> str:
    """How a category is written in the workbook: ``501 职工活动支出``."""
    return f"{code} {name}"


def owner_name(data: YearData, owner_uid: str) -> str:
    """The 项目名称 shown for an owner: the project's name, or 单位整体."""
    if owner_uid == UNIT_KEY:
        return UNIT_LABEL
    project = data.project(owner_uid)
    return project.name if project else owner_uid


def reasons_text(categories: list[str]) -> str:
    """Several reason categories in one cell."""
    return "、".join(categories)


# -- problems and result --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One thing wrong with an imported workbook: where (sheet, cell) and what, in Chinese."""

    sheet: str
    cell: str
    message: str

    @property
    def where(self) -> str:
        """``指标!H12``, or the sheet alone for a problem of the whole sheet."""
        if not self.sheet:
            return "工作簿"
        return f"{self.sheet}!{self.cell}" if self.cell else f"工作表“{self.sheet}”"

    def __str__(self) -> str:
        return f"{self.where}：{self.message}"


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What :func:`read_template` found: the problems, or else the year with the edits applied."""

    problems: tuple[ImportProblem, ...] = ()
    data: YearData | None = None

    @property
    def ok(self) -> bool:
        """Whether the workbook can be imported (no problems, a year was built)."""
        return not self.problems and self.data is not None
