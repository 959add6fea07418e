"""Validation problems as data: a stable code, a severity, a location and a Chinese message."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """Hard problems block submission; soft ones need a written explanation (domain.md §7.1)."""

    HARD = "hard"
    SOFT = "soft"


SEVERITY_LABELS = {Severity.HARD: "强制", Severity.SOFT: "提示"}


class Section(StrEnum):
    """Which step of the yearly cycle a problem belongs to (product.md §2)."""

    UNIT = "unit"
    SETTINGS = "settings"
    BUDGET = "budget"
    PROJECT = "project"
    TARGETS = "targets"
    MONITORING = "monitoring"
    EVALUATION = "evaluation"
    SIGNOFF = "signoff"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem sits, precisely enough for the window to jump to the field."""

    section: Section
    owner_uid: str = ""
    """Project uid, ``unit`` for the unit-wide targets, or empty."""
    item_uid: str = ""
    """Indicator uid, budget category code, monitoring point uid …"""
    field: str = ""
    """The field name, as the domain dataclass spells it."""
    label: str = ""
    """A readable path such as 项目“职工文体活动” › 指标“参与职工人次” › 实际完成值."""

    def key(self) -> str:
        """A stable text key of the location (part of the problem key)."""
        return f"{self.section.value}|{self.owner_uid}|{self.item_uid}|{self.field}"


class ProblemCode(StrEnum):
    """Every rule the domain checks; the value is stable and printed by ``unionperf check``."""

    UNIT_NAME_MISSING = "U001"
    UNIT_CREDIT_CODE_INVALID = "U002"
    SETTINGS_WEIGHTS_NOT_100 = "S001"
    SETTINGS_WEIGHT_UNKNOWN = "S002"
    SETTINGS_WEIGHT_MISSING = "S003"
    BUDGET_EMPTY = "B001"
    BUDGET_UNKNOWN_CATEGORY = "B002"
    BUDGET_NEGATIVE = "B003"
    BUDGET_DEFICIT = "B004"
    BUDGET_PROJECTS_EXCEED_CATEGORY = "B005"
    PROJECT_NAME_MISSING = "P001"
    PROJECT_DUPLICATE_NAME = "P002"
    PROJECT_CATEGORY_INVALID = "P003"
    PROJECT_NO_BUDGET = "P004"
    PROJECT_NEGATIVE_AMOUNT = "P005"
    PROJECT_PERIOD_INVALID = "P006"
    PROJECT_RESPONSIBLE_MISSING = "P007"
    PROJECT_MIDTERM_BELOW_ANNUAL = "P008"
    PROJECT_CLEAR_OUT_REASON_MISSING = "P020"
    PROJECT_CUMULATIVE_OVER_MIDTERM = "P021"
    PROJECT_POOR_NOT_CLEARED = "P022"
    TARGET_GOAL_MISSING = "T001"
    TARGET_NO_INDICATORS = "T002"
    TARGET_LEVEL1_MISSING = "T003"
    TARGET_POINTS_SUM = "T004"
    TARGET_QUALITATIVE_MAJORITY = "T005"
    TARGET_NO_QUANTITY = "T006"
    INDICATOR_CATEGORY_UNKNOWN = "I001"
    INDICATOR_NAME_MISSING = "I002"
    INDICATOR_TARGET_MISSING = "I003"
    INDICATOR_UNIT_MISSING = "I004"
    INDICATOR_PERCENT_OVER_100 = "I005"
    INDICATOR_NEGATIVE_TARGET = "I006"
    INDICATOR_POINTS_MISSING = "I007"
    INDICATOR_COST_OPERATOR = "I008"
    INDICATOR_VAGUE_TARGET = "I009"
    INDICATOR_DUPLICATE_NAME = "I010"
    INDICATOR_INTERVAL_BOUNDS = "I011"
    MONITORING_EXECUTED_MISSING = "M001"
    MONITORING_EXECUTED_NEGATIVE = "M002"
    MONITORING_EXECUTED_OVER_BUDGET = "M003"
    MONITORING_EXECUTION_LAG = "M004"
    MONITORING_PROGRESS_MISSING = "M005"
    MONITORING_REASON_MISSING = "M006"
    MONITORING_LIKELIHOOD_MISSING = "M007"
    MONITORING_MEASURE_MISSING = "M008"
    MONITORING_EXECUTED_DECREASED = "M009"
    MONITORING_REVENUE_LAG = "M010"
    EVALUATION_ACTUAL_MISSING = "E001"
    EVALUATION_SCORE_OUT_OF_BAND = "E002"
    EVALUATION_NA_REASON_MISSING = "E003"
    EVALUATION_DEDUCTION_REASON_MISSING = "E004"
    EVALUATION_DEDUCTION_INVALID = "E005"
    EVALUATION_DEVIATION_MISSING = "E006"
    EVALUATION_EXECUTED_OVER_BUDGET = "E007"
    EVALUATION_NO_BUDGET = "E008"
    EVALUATION_BOILERPLATE = "E009"
    EVALUATION_OVER_DELIVERY = "E010"
    EVALUATION_NEGATIVE_ACTUAL = "E011"
    EVALUATION_EXECUTION_ANALYSIS_MISSING = "E012"
    EVALUATION_IMPROVEMENT_MISSING = "E013"
    EVALUATION_EXECUTED_MISSING = "E014"
    ASSESSMENT_MISSING = "A001"
    ASSESSMENT_NOT_POSITIVE = "A002"
    ASSESSMENT_INCOMPLETE = "A003"
    SIGNOFF_MISSING = "G001"
    SIGNOFF_AGAIN = "G002"


_H, _S = Severity.HARD, Severity.SOFT

# (severity, message template). Templates use str.format with the problem's params.
RULES: dict[ProblemCode, tuple[Severity, str]] = {
    ProblemCode.UNIT_NAME_MISSING: (_H, "未填写工会名称"),
    ProblemCode.UNIT_CREDIT_CODE_INVALID: (_H, "{reason}"),
    ProblemCode.SETTINGS_WEIGHTS_NOT_100: (_H, "自评分值合计为{total}分，应为100分"),
    ProblemCode.SETTINGS_WEIGHT_UNKNOWN: (_H, "分值设置中的“{name}”不是当前指标体系的一级指标"),
    ProblemCode.SETTINGS_WEIGHT_MISSING: (_H, "分值设置缺少一级指标“{name}”"),
    ProblemCode.BUDGET_EMPTY: (_H, "本年度尚未编制支出预算"),
    ProblemCode.BUDGET_UNKNOWN_CATEGORY: (_H, "预算科目“{code}”不在收支科目表中"),
    ProblemCode.BUDGET_NEGATIVE: (_H, "“{category}”的{column}为负数（{amount}元）"),
    ProblemCode.BUDGET_DEFICIT: (
        _H,
        "预算不平衡：支出合计{expenditure}元超过收入合计{revenue}元与上年结余{opening}元之和，"
        "工会预算不得列赤字",
    ),
    ProblemCode.BUDGET_PROJECTS_EXCEED_CATEGORY: (
        _S,
        "“{category}”下项目预算合计{projects}元超过该科目批复预算{budget}元",
    ),
    ProblemCode.PROJECT_NAME_MISSING: (_H, "项目未填写名称"),
    ProblemCode.PROJECT_DUPLICATE_NAME: (_H, "项目名称“{name}”重复"),
    ProblemCode.PROJECT_CATEGORY_INVALID: (_H, "项目的支出科目“{code}”不是有效的支出科目"),
    ProblemCode.PROJECT_NO_BUDGET: (
        _H,
        "项目全年预算数为0：请在“年度预算 › 项目及资金来源”中选中该项目，{where}",
    ),
    ProblemCode.PROJECT_NEGATIVE_AMOUNT: (_H, "资金来源“{source}”的{column}为负数（{amount}元）"),
    ProblemCode.PROJECT_PERIOD_INVALID: (_H, "项目期结束日期{end}早于开始日期{start}"),
    ProblemCode.PROJECT_RESPONSIBLE_MISSING: (
        _S,
        "未填写项目负责人（项目责任人对项目预算绩效负责）",
    ),
    ProblemCode.PROJECT_MIDTERM_BELOW_ANNUAL: (
        _H,
        "中期资金总额{midterm}元小于年度资金总额{annual}元",
    ),
    ProblemCode.PROJECT_CLEAR_OUT_REASON_MISSING: (
        _H,
        "已标记清理退出，但未填写清理退出原因（上级工会审核时会看到原因）",
    ),
    ProblemCode.PROJECT_CUMULATIVE_OVER_MIDTERM: (
        _S,
        "截至{year}年度累计预算数{cumulative}元超过中期资金总额{midterm}元",
    ),
    ProblemCode.PROJECT_POOR_NOT_CLEARED: (
        _S,
        "{year}年度自评得分{score}分（差）：绩效低下的多年期项目应及时清理退出，"
        "请标记清理退出，或说明继续实施的理由",
    ),
    ProblemCode.TARGET_GOAL_MISSING: (_H, "未填写年度总体目标"),
    ProblemCode.TARGET_NO_INDICATORS: (_H, "尚未设置任何三级绩效指标"),
    ProblemCode.TARGET_LEVEL1_MISSING: (_S, "一级指标“{level1}”下没有三级指标"),
    ProblemCode.TARGET_POINTS_SUM: (
        _H,
        "一级指标“{level1}”下各指标分值合计{total}分，应为{expected}分",
    ),
    ProblemCode.TARGET_QUALITATIVE_MAJORITY: (
        _S,
        "定性指标{qualitative}个、定量指标{quantitative}个：指标应以定量为主、定性为辅",
    ),
    ProblemCode.TARGET_NO_QUANTITY: (_S, "没有数量指标"),
    ProblemCode.INDICATOR_CATEGORY_UNKNOWN: (
        _H,
        "“{level1} › {level2}”不是指标体系“{framework}”中的一级/二级指标",
    ),
    ProblemCode.INDICATOR_NAME_MISSING: (_H, "三级指标未填写名称"),
    ProblemCode.INDICATOR_TARGET_MISSING: (_H, "未填写指标值"),
    ProblemCode.INDICATOR_UNIT_MISSING: (_H, "定量指标未填写计量单位"),
    ProblemCode.INDICATOR_PERCENT_OVER_100: (_H, "百分比指标的指标值{target}%超过100%"),
    ProblemCode.INDICATOR_NEGATIVE_TARGET: (_H, "指标值不能为负数（{target}）"),
    ProblemCode.INDICATOR_POINTS_MISSING: (_H, "未设置分值（每个三级指标的分值应大于0）"),
    ProblemCode.INDICATOR_COST_OPERATOR: (_S, "成本指标一般应使用“≤”或“＝”，现为“{operator}”"),
    ProblemCode.INDICATOR_VAGUE_TARGET: (_S, "指标值“{text}”不够具体，请写明可衡量的标准"),
    ProblemCode.INDICATOR_DUPLICATE_NAME: (_H, "三级指标“{name}”重复"),
    ProblemCode.INDICATOR_INTERVAL_BOUNDS: (
        _H,
        "区间指标值应写明下限和上限（如60～80），且下限不大于上限，现为“{target}”",
    ),
    ProblemCode.MONITORING_EXECUTED_MISSING: (_H, "{point}：未填写累计执行数"),
    ProblemCode.MONITORING_EXECUTED_NEGATIVE: (_H, "{point}：累计执行数为负数（{amount}元）"),
    ProblemCode.MONITORING_EXECUTED_OVER_BUDGET: (
        _S,
        "{point}：累计执行数{executed}元超过全年预算数{budget}元",
    ),
    ProblemCode.MONITORING_EXECUTION_LAG: (
        _S,
        "{point}：预算执行率{rate}落后时间进度{progress}超过{lag}个百分点，请说明原因",
    ),
    ProblemCode.MONITORING_PROGRESS_MISSING: (_H, "{point}：未填写指标完成情况"),
    ProblemCode.MONITORING_REASON_MISSING: (
        _H,
        "{point}：预警为{light}灯，请选择偏差原因类别并说明",
    ),
    ProblemCode.MONITORING_LIKELIHOOD_MISSING: (
        _H,
        "{point}：预警为{light}灯，请选择完成目标可能性",
    ),
    ProblemCode.MONITORING_MEASURE_MISSING: (
        _H,
        "{point}：完成目标可能性为“{likelihood}”，请填写纠偏措施",
    ),
    ProblemCode.MONITORING_EXECUTED_DECREASED: (
        _S,
        "{point}：累计执行数{executed}元低于上一监控时点的{previous}元",
    ),
    ProblemCode.MONITORING_REVENUE_LAG: (
        _S,
        "{point}：“{category}”累计到位{amount}元，到位率{rate}落后时间进度{progress}超过{lag}个"
        "百分点，请说明原因",
    ),
    ProblemCode.EVALUATION_ACTUAL_MISSING: (_H, "未填写实际完成值"),
    ProblemCode.EVALUATION_SCORE_OUT_OF_BAND: (
        _H,
        "定性指标评为“{tier}”时得分应在{low}至{high}分之间，现为{score}分",
    ),
    ProblemCode.EVALUATION_NA_REASON_MISSING: (_H, "指标标为不适用，但未说明理由"),
    ProblemCode.EVALUATION_DEDUCTION_REASON_MISSING: (_H, "调减了{deduction}分，但未说明理由"),
    ProblemCode.EVALUATION_DEDUCTION_INVALID: (
        _H,
        "调减分值{deduction}应大于0且不超过公式得分{score}",
    ),
    ProblemCode.EVALUATION_DEVIATION_MISSING: (
        _H,
        "得分{score}低于分值{points}，请填写偏差原因分析及改进措施",
    ),
    ProblemCode.EVALUATION_EXECUTED_OVER_BUDGET: (
        _S,
        "全年执行数{executed}元超过全年预算数{budget}元",
    ),
    ProblemCode.EVALUATION_NO_BUDGET: (
        _H,
        "全年预算数为0，预算执行率无法计分：请先在“年度预算”中填写{where}",
    ),
    ProblemCode.EVALUATION_BOILERPLATE: (_S, "偏差原因分析“{text}”过于笼统，请写明具体原因和措施"),
    ProblemCode.EVALUATION_OVER_DELIVERY: (
        _H,
        "实际完成值{actual}达到指标值的{ratio}，超出目标较多：请在偏差原因分析中说明（指标值是否设定偏低）",
    ),
    ProblemCode.EVALUATION_NEGATIVE_ACTUAL: (_H, "实际完成值不能为负数（{actual}）"),
    ProblemCode.EVALUATION_EXECUTION_ANALYSIS_MISSING: (
        _H,
        "预算执行率{rate}，得分{score}低于分值{points}：请在“绩效自评 › 预算执行”页下方填写"
        "资金执行偏差原因分析",
    ),
    ProblemCode.EVALUATION_IMPROVEMENT_MISSING: (
        _H,
        "已填写偏差原因，请同时填写改进措施（下一年度拟采取的措施）",
    ),
    ProblemCode.EVALUATION_EXECUTED_MISSING: (
        _H,
        "尚未填写全年执行数：请在“绩效自评 › 预算执行”中逐行填写{rows}的全年执行数；"
        "全年确实没有支出的，在同页“资金执行偏差原因分析”中说明",
    ),
    ProblemCode.ASSESSMENT_MISSING: (
        _H,
        "新增项目预算{budget}元，达到事前绩效评估门槛{threshold}元，尚无事前绩效评估："
        "请在“绩效目标”中为该项目填写事前绩效评估",
    ),
    ProblemCode.ASSESSMENT_NOT_POSITIVE: (
        _H,
        "事前绩效评估结论为“不予通过”，不能为该项目设定绩效目标并签字确认："
        "请调整项目后重新评估，或不安排该项目预算",
    ),
    ProblemCode.ASSESSMENT_INCOMPLETE: (_H, "事前绩效评估未填写{fields}"),
    ProblemCode.SIGNOFF_MISSING: (_H, "{stage}尚未由{role}签字确认"),
    ProblemCode.SIGNOFF_AGAIN: (_H, "{stage}正在调整，调整后须由{role}重新签字确认"),
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in the user's data, located well enough to jump to it."""

    code: ProblemCode
    where: Location
    params: Mapping[str, str] = field(default_factory=dict)
    override: Severity | None = None
    """A severity other than the rule's default (points sums are soft at target time)."""

    @property
    def severity(self) -> Severity:
        """Hard (blocks submission) or soft (needs an explanation)."""
        return self.override or RULES[self.code][0]

    @property
    def message(self) -> str:
        """The Chinese sentence for the user."""
        return RULES[self.code][1].format(**self.params)

    @property
    def key(self) -> str:
        """Stable identity of the problem, used to attach a written explanation to it."""
        return f"{self.code.value}|{self.where.key()}"
