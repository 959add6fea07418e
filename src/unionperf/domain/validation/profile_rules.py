"""Rules on the unit profile and the workspace settings."""

from __future__ import annotations

from decimal import Decimal

from unionperf.domain.credit_code import credit_code_error
from unionperf.domain.money import ZERO, format_plain
from unionperf.domain.problems import Problem, ProblemCode, Section
from unionperf.domain.validation.locate import at_section
from unionperf.domain.year import YearData


def check_unit(data: YearData) -> list[Problem]:
    """Name present, credit code valid per GB 32100."""
    problems = []
    if not data.unit.name.strip():
        where = at_section(Section.UNIT, "", "name", "单位信息 › 工会名称")
        problems.append(Problem(ProblemCode.UNIT_NAME_MISSING, where))
    reason = credit_code_error(data.unit.credit_code)
    if reason is not None:
        where = at_section(Section.UNIT, "", "credit_code", "单位信息 › 统一社会信用代码")
        problems.append(Problem(ProblemCode.UNIT_CREDIT_CODE_INVALID, where, {"reason": reason}))
    return problems


def check_weights(data: YearData) -> list[Problem]:
    """Weights name the framework's level-1 categories and add up to 100 (domain.md §5.2)."""
    weights = data.settings.weights
    known = {"execution"} | {item.name for item in data.framework.level1}
    problems = []
    for name in weights:
        if name not in known:
            where = at_section(Section.SETTINGS, name, "weights", f"规则设置 › 自评分值 › {name}")
            problems.append(Problem(ProblemCode.SETTINGS_WEIGHT_UNKNOWN, where, {"name": name}))
    for name in sorted(known - set(weights)):
        where = at_section(Section.SETTINGS, name, "weights", f"规则设置 › 自评分值 › {name}")
        problems.append(Problem(ProblemCode.SETTINGS_WEIGHT_MISSING, where, {"name": name}))
    total = sum(weights.values(), ZERO)
    if total != Decimal(100):
        where = at_section(Section.SETTINGS, "", "weights", "规则设置 › 自评分值")
        params = {"total": format_plain(total)}
        problems.append(Problem(ProblemCode.SETTINGS_WEIGHTS_NOT_100, where, params))
    return problems
