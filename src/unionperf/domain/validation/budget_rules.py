"""Rules on the annual budget and the projects' basic data (product.md §2 step 2)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from unionperf.domain.budget import FUNDING_LABELS, Project
from unionperf.domain.categories import Flow
from unionperf.domain.money import ZERO, format_money
from unionperf.domain.problems import Problem, ProblemCode, Section
from unionperf.domain.validation.locate import at_owner, at_section
from unionperf.domain.year import YearData

_LINE_COLUMNS = (
    ("last_year_actual", "上年决算数"),
    ("budget", "本年预算数"),
    ("executed", "全年执行数"),
    ("approved", "批复预算数"),
)
_FUNDING_COLUMNS = (
    ("initial", "年初预算数"),
    ("adjusted", "全年预算数"),
    ("executed", "全年执行数"),
)


def check_budget(data: YearData) -> list[Problem]:
    """Known categories, no negative amounts, no deficit, projects within their category."""
    problems: list[Problem] = []
    if not any(
        line.approved > ZERO
        for line in data.budget
        if (cat := data.catalogue.by_code(line.category_code)) and cat.flow is Flow.EXPENDITURE
    ):
        where = at_section(Section.BUDGET, "", "budget", "年度预算 › 支出")
        problems.append(Problem(ProblemCode.BUDGET_EMPTY, where))
    for line in data.budget:
        category = data.catalogue.by_code(line.category_code)
        name = category.name if category else line.category_code
        label = f"年度预算 › {name}"
        if category is None:
            where = at_section(Section.BUDGET, line.category_code, "category_code", label)
            params = {"code": line.category_code}
            problems.append(Problem(ProblemCode.BUDGET_UNKNOWN_CATEGORY, where, params))
        for attribute, column in _LINE_COLUMNS:
            amount: Decimal = getattr(line, attribute)
            if amount < ZERO:
                where = at_section(
                    Section.BUDGET, line.category_code, attribute, f"{label} › {column}"
                )
                params = {"category": name, "column": column, "amount": format_money(amount)}
                problems.append(Problem(ProblemCode.BUDGET_NEGATIVE, where, params))
    problems += _check_balance(data)
    problems += _check_category_room(data)
    return problems


def _check_balance(data: YearData) -> list[Problem]:
    revenue = data.flow_total(Flow.REVENUE)
    expenditure = data.flow_total(Flow.EXPENDITURE)
    if expenditure <= revenue + data.opening_balance:
        return []
    where = at_section(Section.BUDGET, "", "balance", "年度预算 › 收支平衡")
    params = {
        "expenditure": format_money(expenditure),
        "revenue": format_money(revenue),
        "opening": format_money(data.opening_balance),
    }
    return [Problem(ProblemCode.BUDGET_DEFICIT, where, params)]


def _check_category_room(data: YearData) -> list[Problem]:
    by_category: dict[str, Decimal] = {}
    for project in data.projects:
        by_category[project.category_code] = (
            by_category.get(project.category_code, ZERO) + project.full_year_budget
        )
    problems = []
    for line in data.budget:
        planned = by_category.get(line.category_code, ZERO)
        if planned > line.approved:
            category = data.catalogue.by_code(line.category_code)
            name = category.name if category else line.category_code
            where = at_section(Section.BUDGET, line.category_code, "approved", f"年度预算 › {name}")
            params = {
                "category": name,
                "projects": format_money(planned),
                "budget": format_money(line.approved),
            }
            problems.append(Problem(ProblemCode.BUDGET_PROJECTS_EXCEED_CATEGORY, where, params))
    return problems


def check_projects(data: YearData) -> list[Problem]:
    """Every project: a unique name, an expenditure category, money, a sane period."""
    problems: list[Problem] = []
    names = Counter(project.name.strip() for project in data.projects if project.name.strip())
    for project in data.projects:
        problems += _check_project(data, project, names)
    return problems


def _check_project(data: YearData, project: Project, names: Counter[str]) -> list[Problem]:
    problems = []
    uid = project.uid

    def add(code: ProblemCode, field: str, /, **params: str) -> None:
        problems.append(Problem(code, at_owner(data, Section.PROJECT, uid, field), params))

    if not project.name.strip():
        add(ProblemCode.PROJECT_NAME_MISSING, "name")
    elif names[project.name.strip()] > 1:
        add(ProblemCode.PROJECT_DUPLICATE_NAME, "name", name=project.name.strip())
    category = data.catalogue.by_code(project.category_code)
    if category is None or category.flow is not Flow.EXPENDITURE:
        add(ProblemCode.PROJECT_CATEGORY_INVALID, "category_code", code=project.category_code)
    for line in project.funding:
        for attribute, column in _FUNDING_COLUMNS:
            amount: Decimal = getattr(line, attribute)
            if amount < ZERO:
                source = FUNDING_LABELS[line.source]
                where = at_owner(
                    data,
                    Section.PROJECT,
                    uid,
                    attribute,
                    item_uid=line.source.value,
                    item_label=f"资金来源“{source}”",
                )
                params = {"source": source, "column": column, "amount": format_money(amount)}
                problems.append(Problem(ProblemCode.PROJECT_NEGATIVE_AMOUNT, where, params))
    if project.full_year_budget <= ZERO:
        problems.append(_no_budget(data, project))
    if project.start and project.end and project.end < project.start:
        add(
            ProblemCode.PROJECT_PERIOD_INVALID,
            "end",
            start=project.start.isoformat(),
            end=project.end.isoformat(),
        )
    if not project.responsible.strip():
        add(ProblemCode.PROJECT_RESPONSIBLE_MISSING, "responsible")
    if project.multi_year and ZERO < project.midterm_budget < project.full_year_budget:
        add(
            ProblemCode.PROJECT_MIDTERM_BELOW_ANNUAL,
            "midterm_budget",
            midterm=format_money(project.midterm_budget),
            annual=format_money(project.full_year_budget),
        )
    return problems


def is_exempt(data: YearData, project: Project) -> bool:
    """Below the exemption threshold, a project files no targets or evaluation (domain.md §9)."""
    threshold = data.settings.exemption_threshold
    return threshold > ZERO and project.full_year_budget < threshold


def _no_budget(data: YearData, project: Project) -> Problem:
    """全年预算数 is 0: say exactly which cell to type (issue 12, the project budget trap)."""
    if not project.funding:
        where = at_owner(data, Section.PROJECT, project.uid, "initial")
        hint = "在项目行的“年初预算数”列填写金额（全年预算数随之填入）"
        return Problem(ProblemCode.PROJECT_NO_BUDGET, where, {"where": hint})
    line = project.funding[0]
    typed_initial = project.initial_budget > ZERO
    if typed_initial:
        line = next((item for item in project.funding if item.initial > ZERO), line)
    field = "adjusted" if typed_initial else "initial"
    source = FUNDING_LABELS[line.source]
    where = at_owner(
        data,
        Section.PROJECT,
        project.uid,
        field,
        item_uid=line.source.value,
        item_label=f"资金来源“{source}”",
    )
    hint = (
        f"在下方资金来源表“{source}”一行的“全年预算数”列填写调整后的金额"
        if typed_initial
        else f"在下方资金来源表“{source}”一行的“年初预算数”列填写金额（全年预算数随之填入）"
    )
    return Problem(ProblemCode.PROJECT_NO_BUDGET, where, {"where": hint})
